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

__all__ = ["DIFF_BLOCKS", "DIFF_TOKENS", "diff_tokens", "diff_words", "new_text", "old_text", "word_diff"]

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
    the whitespace differs, the word is equal and the spacing is deleted and inserted). A text too long
    to compare word by word is compared by blocks (see :func:`diff_words`).
    """
    return diff_words(a, b)[0]


def diff_words(a: str, b: str) -> tuple[tuple[DiffOp, ...], str]:
    """:func:`word_diff` and how it was made: ``"words"``, or ``"blocks"`` when the texts differ over more
    than ``DIFF_TOKENS`` tokens: then the stretch between their common prefix and suffix is compared by
    blocks (a sentence, or at most ``BLOCK_TOKENS`` tokens) kept or replaced whole, and past
    ``DIFF_BLOCKS`` blocks it is one deletion and one insertion. Time stays near-linear in the input.

    >>> diff_words("Ceasefire now.", "Ceasefire at once.")[1]
    'words'
    >>> ops, by = diff_words("A b. " * 30_000 + "Old end.", "A b. " * 30_000 + "New end.")
    >>> by, [op.text for op in ops if op.op != "equal"]
    ('words', ['Old ', 'New '])
    >>> many = [f"Clause {k} binds party {k % 7}." for k in range(6_000)]
    >>> ops, by = diff_words(" ".join(many), " ".join(many[:10] + ["A new clause."] + many[10:-10]))
    >>> by, [op.text for op in ops if op.op == "insert"][0], len(ops) < 10
    ('blocks', 'A new clause. ', True)
    """
    if a == b:
        return ((DiffOp("equal", a),) if a else ()), "words"
    sa, ka = _units(a)
    sb, kb = _units(b)
    raw: list[tuple[str, str]] = []
    opcodes, by = _opcodes(ka, kb)
    for tag, i1, i2, j1, j2 in opcodes:
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
    return tuple(DiffOp(op, text) for op, text in _tidy(raw)), by


#: Above this many tokens on either side, the diff is cut to what lies between the common prefix and
#: suffix; if that middle is still longer, it is compared by blocks (difflib's matching of words would
#: take minutes on a 10 MB point that repeats a small vocabulary).
DIFF_TOKENS = 20_000
#: A block of the coarse diff ends after a sentence mark (. ! ? ;) or at this many tokens.
BLOCK_TOKENS = 64
#: Above this many blocks on either side the middle is one deletion and one insertion.
DIFF_BLOCKS = 20_000
_BLOCK_END = frozenset(".!?;")


def _blocks(keys: list[str], lo: int, hi: int) -> list[int]:
    """Start indices of the blocks of ``keys[lo:hi]`` (each ends after a sentence mark or at BLOCK_TOKENS)."""
    starts = [lo]
    k = lo
    for k in range(lo, hi):
        if (keys[k] in _BLOCK_END or k - starts[-1] + 1 >= BLOCK_TOKENS) and k + 1 < hi:
            starts.append(k + 1)
    return starts


def _opcodes(ka: list[str], kb: list[str]) -> tuple[list[tuple[str, int, int, int, int]], str]:
    """difflib's opcodes and ``"words"``; for huge inputs (``DIFF_TOKENS``) a linear prefix/suffix cut
    first, and a middle still too long compared by blocks (``"blocks"``).

    >>> _opcodes(["a", "b"], ["a", "c"])
    ([('equal', 0, 1, 0, 1), ('replace', 1, 2, 1, 2)], 'words')
    """
    if max(len(ka), len(kb)) <= DIFF_TOKENS:
        return SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes(), "words"
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
    by = "words"
    if max(len(mid_a), len(mid_b)) <= DIFF_TOKENS:
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, mid_a, mid_b, autojunk=False).get_opcodes():
            ops.append((tag, i1 + head, i2 + head, j1 + head, j2 + head))
    elif mid_a and mid_b:
        by = "blocks"
        ops += _block_opcodes(ka, kb, head, ea, eb)
    elif mid_a or mid_b:
        ops.append(("delete" if mid_a else "insert", head, ea, head, eb))
    if tail:
        ops.append(("equal", ea, len(ka), eb, len(kb)))
    return ops, by


def _block_opcodes(
    ka: list[str], kb: list[str], head: int, ea: int, eb: int
) -> list[tuple[str, int, int, int, int]]:
    """Opcodes (token indices) of ``ka[head:ea]`` against ``kb[head:eb]``, blocks kept or replaced whole."""
    sa, sb = _blocks(ka, head, ea), _blocks(kb, head, eb)
    if max(len(sa), len(sb)) > DIFF_BLOCKS:
        return [("replace", head, ea, head, eb)]
    ends_a, ends_b = sa[1:] + [ea], sb[1:] + [eb]
    keys_a = ["\x00".join(ka[x:y]) for x, y in zip(sa, ends_a)]
    keys_b = ["\x00".join(kb[x:y]) for x, y in zip(sb, ends_b)]
    out = []
    # autojunk: a block repeated all over a hostile text is no anchor (and cannot make the match quadratic)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, keys_a, keys_b, autojunk=True).get_opcodes():
        a1, a2 = (sa[i1], ends_a[i2 - 1]) if i2 > i1 else ((sa[i1] if i1 < len(sa) else ea),) * 2
        b1, b2 = (sb[j1], ends_b[j2 - 1]) if j2 > j1 else ((sb[j1] if j1 < len(sb) else eb),) * 2
        out.append((tag, a1, a2, b1, b2))
    return out


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
