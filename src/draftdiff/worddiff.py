"""Word-level diff of two texts as equal / delete / insert runs.

Texts are cut into words, single punctuation marks and runs of whitespace, and compared with
:class:`difflib.SequenceMatcher` (``autojunk=False``, so frequent words are never treated as junk).
Nothing is lost: joining the ``equal`` and ``delete`` runs gives back the old text, joining the
``equal`` and ``insert`` runs gives back the new one.

>>> ops = word_diff("The army is capped at 600,000.", "The army is capped at 800,000.")
>>> [(op.op, op.text) for op in ops]
[('equal', 'The army is capped at '), ('delete', '600,000'), ('insert', '800,000'), ('equal', '.')]
>>> "".join(op.text for op in ops if op.op != "insert")
'The army is capped at 600,000.'
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from .changes import DiffOp

__all__ = ["diff_tokens", "new_text", "old_text", "word_diff"]

# A number with its digit groups stays one token ("600,000", "2.5"); a word keeps inner apostrophes
# and hyphens ("Ukraine's", "non-aligned").
_TOKEN = re.compile(r"\s+|\d+(?:[.,\u00a0\u202f]\d+)*|\w+(?:['\u2019-]\w+)*|[^\w\s]")


def diff_tokens(text: str) -> list[str]:
    """The tokens the diff works on; joined they give the text back.

    >>> diff_tokens("Ukraine's army:  600,000")
    ["Ukraine's", ' ', 'army', ':', '  ', '600,000']
    """
    return _TOKEN.findall(text)


_UNIT = re.compile(r"(\d+(?:[.,\u00a0\u202f]\d+)*|\w+(?:['\u2019-]\w+)*|[^\w\s])(\s*)")


def _units(text: str) -> tuple[list[str], list[str]]:
    """Tokens with the whitespace after them (what is shown) and the tokens alone (what is compared)."""
    pairs = _UNIT.findall(text)
    keys = [tok for tok, _ in pairs]
    shown = [tok + space for tok, space in pairs]
    lead = len(text) - len(text.lstrip())
    if lead:  # whitespace before the first token is a unit of its own
        keys.insert(0, "")
        shown.insert(0, text[:lead])
    return shown, keys


def word_diff(a: str, b: str) -> tuple[DiffOp, ...]:
    """Equal / delete / insert runs turning ``a`` into ``b`` (a delete comes before its insert).

    Words and punctuation marks are compared; the whitespace after each travels with it (where only
    the whitespace differs, the word is equal and the spacing is deleted and inserted).
    """
    if a == b:
        return (DiffOp("equal", a),) if a else ()
    sa, ka = _units(a)
    sb, kb = _units(b)
    raw: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in _opcodes(ka, kb):
        if tag == "equal":
            for x, y, key in zip(sa[i1:i2], sb[j1:j2], ka[i1:i2]):
                if x == y:
                    raw.append(("equal", x))
                else:  # same word, other spacing after it
                    raw.append(("equal", key))
                    raw.append(("delete", x[len(key) :]))
                    raw.append(("insert", y[len(key) :]))
            continue
        if tag in ("delete", "replace"):
            raw.append(("delete", "".join(sa[i1:i2])))
        if tag in ("insert", "replace"):
            raw.append(("insert", "".join(sb[j1:j2])))
    return tuple(DiffOp(op, text) for op, text in _tidy(raw))


#: Above this many tokens on either side, the diff is cut to what lies between the common prefix and
#: suffix; if that middle is still longer, it is one deletion and one insertion (difflib's matching would
#: take minutes on a 10 MB point that repeats a small vocabulary).
DIFF_TOKENS = 20_000


def _opcodes(ka: list[str], kb: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes; for huge inputs (``DIFF_TOKENS``) a linear prefix/suffix cut first.

    >>> _opcodes(["a", "b"], ["a", "c"])
    [('equal', 0, 1, 0, 1), ('replace', 1, 2, 1, 2)]
    """
    if max(len(ka), len(kb)) <= DIFF_TOKENS:
        return SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes()
    n = min(len(ka), len(kb))
    head = 0
    while head < n and ka[head] == kb[head]:
        head += 1
    tail = 0
    while tail < n - head and ka[-1 - tail] == kb[-1 - tail]:
        tail += 1
    ea, eb = len(ka) - tail, len(kb) - tail
    mid_a, mid_b = ka[head:ea], kb[head:eb]
    ops: list[tuple[str, int, int, int, int]] = [("equal", 0, head, 0, head)] if head else []
    if max(len(mid_a), len(mid_b)) <= DIFF_TOKENS:
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, mid_a, mid_b, autojunk=False).get_opcodes():
            ops.append((tag, i1 + head, i2 + head, j1 + head, j2 + head))
    elif mid_a or mid_b:
        tag = "replace" if mid_a and mid_b else "delete" if mid_a else "insert"
        ops.append((tag, head, ea, head, eb))
    if tail:
        ops.append(("equal", ea, len(ka), eb, len(kb)))
    return ops


def _tidy(raw: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Fold a lone space between two changes into both sides, then merge neighbouring runs.

    ``delete "a" / equal " " / delete "b"`` reads better as ``delete "a b"``; the result still joins
    back to both texts.
    """
    folded: list[tuple[str, str]] = []
    for k, (op, text) in enumerate(raw):
        if (
            op == "equal"
            and text.isspace()
            and 0 < k < len(raw) - 1
            and raw[k - 1][0] != "equal"
            and raw[k + 1][0] != "equal"
        ):
            folded.append(("delete", text))
            folded.append(("insert", text))
        else:
            folded.append((op, text))
    # group consecutive non-equal runs: all deletes first, then all inserts
    out: list[tuple[str, str]] = []
    k = 0
    while k < len(folded):
        if folded[k][0] == "equal":
            same: list[str] = []  # joined once: adding strings one by one is quadratic on a long run
            while k < len(folded) and folded[k][0] == "equal":
                same.append(folded[k][1])
                k += 1
            out.append(("equal", "".join(same)))
            continue
        dels: list[str] = []
        ins: list[str] = []
        while k < len(folded) and folded[k][0] != "equal":
            (dels if folded[k][0] == "delete" else ins).append(folded[k][1])
            k += 1
        if dels:
            out.append(("delete", "".join(dels)))
        if ins:
            out.append(("insert", "".join(ins)))
    return [(op, text) for op, text in out if text]


def old_text(ops: tuple[DiffOp, ...] | list[DiffOp]) -> str:
    """The old side of a diff (equal and delete runs)."""
    return "".join(op.text for op in ops if op.op != "insert")


def new_text(ops: tuple[DiffOp, ...] | list[DiffOp]) -> str:
    """The new side of a diff (equal and insert runs)."""
    return "".join(op.text for op in ops if op.op != "delete")
