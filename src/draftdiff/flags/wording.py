"""The wording of an obligation: the ``negation``, ``modality`` and ``scope`` flags.

``negation``  a negation was added or removed (not, no, never, nor, without, neither, none, n't), examples aside.
``modality``  an obligation became a permission or the reverse (shall/must/will <-> may/should/could/can).
``scope``     a qualifier that narrows or widens a provision came or went (permanently, in peacetime,
              only, unless, until, except ...).

>>> [(f.type, f.old, f.new) for f in modality_flags(Pair("Ukraine shall pay.", "Ukraine may pay."))]
[('modality', 'shall', 'may')]
"""

from __future__ import annotations

import re
from collections import Counter

from ..changes import Flag
from .context import Pair, set_flags

__all__ = ["modality_flags", "negation_flags", "scope_flags"]

# Scope qualifiers: words that narrow or widen what a provision covers ("permanently", "in peacetime",
# "only", "unless", "until", "except"). A qualifier present on one side only is a ``scope`` flag. "all"
# and "any" are left out: rewordings add and drop them freely without changing the scope.
_SCOPE = re.compile(
    r"""\b(?=[pPiIoOsSeEaAuUtTwW])(?:
        permanent(?:ly)? | temporar(?:y|ily) | only | solely | exclusively
      | in\s+(?:peace|war)\s*time | at\s+all\s+times | in\s+all\s+circumstances
      | until | unless | except | excluding | save\s+(?:for|where) | provided\s+that
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)

_NEGATION = re.compile(
    r"(?=[nNwWcC])(?:\b(?:not|no|never|nor|without|neither|none|nothing|cannot)\b|n['\u2019]t\b)",
    re.IGNORECASE,
)
# An example sentence illustrates a rule, it adds none: "For example, it may not restrict ...".
_EXAMPLE = re.compile(
    r"(?:^|(?<=[.;:!?]\s))(?:for\s+example|for\s+instance|e\.g\.)[^.;!?]*[.;!?]?",
    re.IGNORECASE | re.MULTILINE,
)
_STRONG = (
    "shall",
    "must",
    "will",
    "won't",
    "shan't",
    "is required to",
    "are required to",
    "undertakes to",
    "undertake to",
)
_WEAK = (
    "may",
    "should",
    "could",
    "can",
    "can't",
    "cannot",
    "might",
    "would",
    "is encouraged to",
    "are encouraged to",
    "endeavour",
)
_MODAL = re.compile(
    r"\b(?=[smwcrueaSMWCRUEA])("
    + "|".join(
        re.escape(m).replace(r"\ ", r"\s+").replace("'", "['\u2019]")
        for m in sorted(_STRONG + _WEAK, key=len, reverse=True)
    )
    + r")(?!\w)",
    re.IGNORECASE,
)
_STRENGTH = {m: "strong" for m in _STRONG} | {m: "weak" for m in _WEAK}

# Bounds and set phrases that contain a negation word but negate nothing: "no later than 1 May",
# "not less than 5%", "not only ... but also", "without prejudice to", "without delay".
_NOT_NEGATION = re.compile(
    r"\b(?:no|not)\s+(?:later|earlier|fewer|less|more|sooner|longer|greater)\s+than\b|\bnot\s+only\b"
    r"|\bwithout\s+(?:prejudice|delay)\b",
    re.IGNORECASE,
)


def _negations(text: str) -> list[str]:
    text = _NOT_NEGATION.sub(" ", _EXAMPLE.sub(" ", text))
    return [m.group(0).lower().replace("\u2019", "'") for m in _NEGATION.finditer(text)]


# "so that implementation can begin", "in ways that could harm", "measures that would restrict": a
# can/could/would/might in a clause of purpose or
# description says what is possible, it grants no permission.
_NEGATED_AFTER = re.compile(r"\s+not\b|n['\u2019]t\b", re.IGNORECASE)
_NEGATED_BEFORE = re.compile(r"(?:^|[.;:]\s*|\b)(?:no|never)\b(?:\s+[^\s.;:]+){0,4}\s*$", re.IGNORECASE)
_PROHIBITED = re.compile(
    r"\b(?:do|does)\s+not\s+allow|\bnot\s+(?:allowed|permitted)\b|\b(?:is|are)\s+prohibited\b", re.IGNORECASE
)
_DESCRIPTIVE = re.compile(r"\bthat(?:\s+\S+){0,2}\s*$", re.IGNORECASE)


def _modals(text: str) -> list[tuple[str, str]]:
    out = []
    for m in _MODAL.finditer(text):
        word = re.sub(r"\s+", " ", m.group(0).lower().replace("\u2019", "'"))
        if word in ("can", "could", "would", "might") and _DESCRIPTIVE.search(
            text, max(0, m.start() - 40), m.start()
        ):
            continue
        # a prohibition ("may not", "shall not", "must not", "under no circumstances will", "No provision
        # ... may") is the same rule whatever the modal: the negation flag speaks for it
        if (
            "'" in word
            or _NEGATED_AFTER.match(text, m.end())
            or _NEGATED_BEFORE.search(text, max(0, m.start() - 40), m.start())
        ):
            out.append(("strong", word.replace("n't", "") + " not"))
            continue
        out.append((_STRENGTH[word], word))
    out += [("strong", "not allowed") for _ in _PROHIBITED.finditer(text)]
    return out


def _restated(old: str, new: str) -> bool:
    """Every "shall/must/will [be] VERB" of the old text is stated in the new one as a fact: "shall be
    confirmed" -> "confirms it" ("is reaffirmed ... confirms"). Then the obligation was not dropped."""
    verbs = re.findall(r"\b(?:shall|must|will)\s+(?:be\s+)?([a-z]{4,})", old, re.IGNORECASE)
    if not verbs:
        return False
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", new)}
    for verb in verbs:
        stem = re.sub(r"(?:ed|d|e)$", "", verb.lower())
        if not any(w.startswith(stem) for w in words):
            return False
    return True


_RANK = {"strong": 2, "weak": 1}


def _strongest(modals: list[tuple[str, str]]) -> tuple[int, str | None]:
    """(rank, first word) of the strongest modal of a text: 2 strong, 1 weak, 0 none.

    >>> _strongest([("weak", "may"), ("strong", "shall")]), _strongest([])
    ((2, 'shall'), (0, None))
    """
    best = (0, None)
    for strength, word in modals:
        if _RANK[strength] > best[0]:
            best = (_RANK[strength], word)
    return best


def _scopes(text: str) -> list[tuple[str, str]]:
    """Scope qualifiers of a text (key, as written): "permanently", "in peacetime", "unless" ..."""
    out = []
    for m in _SCOPE.finditer(text):
        shown = re.sub(r"\s+", " ", m.group(0))
        key = shown.lower().replace(" ", "")
        key = {"permanently": "permanent", "temporarily": "temporary"}.get(key, key)
        out.append((key, shown))
    return out


def negation_flags(pair: Pair) -> list[Flag]:
    """One flag when the count of negations differs (what went, or what came)."""
    neg_old, neg_new = _negations(pair.old), _negations(pair.new)
    if len(neg_old) == len(neg_new):
        return []
    gone = list((Counter(neg_old) - Counter(neg_new)).elements())
    came = list((Counter(neg_new) - Counter(neg_old)).elements())
    if len(neg_old) > len(neg_new):
        return [Flag("negation", gone[0] if gone else neg_old[0], came[0] if came else None)]
    return [Flag("negation", gone[0] if gone else None, came[0] if came else neg_new[0])]


def modality_flags(pair: Pair) -> list[Flag]:
    """The strongest modal of the provision changed, or one modal swapped strength while it stayed."""
    mod_old, mod_new = _modals(pair.undated_old), _modals(pair.undated_new)
    # the strongest modal of each side, not every modal: "shall ... may" -> "shall" keeps the obligation,
    # and a "shall" that is still there elsewhere in the new text was not removed
    top_old, top_new = _strongest(mod_old), _strongest(mod_new)
    if top_old[0] != top_new[0]:
        if top_new[0] == 0 and _restated(pair.undated_old, pair.undated_new):
            return []
        # a modal still used on the other side was not swapped: "MAY ... SHOULD" -> "MAY ... MUST" is
        # should -> must; "may" -> "may ... MUST" is a must that came
        words_old, words_new = Counter(w for _, w in mod_old), Counter(w for _, w in mod_new)
        gone = [
            w
            for w in (words_old - words_new)
            if _STRENGTH.get(w, "strong") == _STRENGTH.get(top_old[1] or "", "")
        ]
        came = [
            w
            for w in (words_new - words_old)
            if _STRENGTH.get(w, "strong") == _STRENGTH.get(top_new[1] or "", "")
        ]
        old_word = top_old[1] if top_old[1] not in words_new else (gone[0] if gone else None)
        new_word = top_new[1] if top_new[1] not in words_old else (came[0] if came else None)
        if old_word is None and top_old[0] and top_old[0] < top_new[0]:
            weak_gone = [w for w in (words_old - words_new) if _STRENGTH.get(w, "strong") == "weak"]
            old_word = weak_gone[0] if weak_gone else None
        return [Flag("modality", old_word, new_word)]
    # the same strongest modal, but one modal swapped for one of the other strength
    n_old, n_new = Counter(s for s, _ in mod_old), Counter(s for s, _ in mod_new)
    if n_old["strong"] > n_new["strong"] and n_old["weak"] < n_new["weak"]:
        return [Flag("modality", top_old[1], next(w for s, w in mod_new if s == "weak"))]
    if n_old["strong"] < n_new["strong"] and n_old["weak"] > n_new["weak"]:
        return [Flag("modality", next(w for s, w in mod_old if s == "weak"), top_new[1])]
    return []


def scope_flags(pair: Pair) -> list[Flag]:
    """One flag per scope qualifier present on one side only."""
    return set_flags("scope", _scopes(pair.undated_old), _scopes(pair.undated_new))


def _words(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for p in phrases for w in p.split() if w not in ("is", "are", "to"))


#: Words that can carry each flag (the pre-check asks for them).
NEGATION_TRIGGERS = frozenset("not no never nor without neither none nothing cannot".split())  # noqa: SIM905
MODALITY_TRIGGERS = _words(_STRONG + _WEAK)
SCOPE_TRIGGERS = frozenset(
    """permanent permanently temporary temporarily only solely exclusively peacetime wartime peace war
    times circumstances until unless except excluding save provided""".split()  # noqa: SIM905
)


def has_apostrophe(word: str) -> bool:
    """n't, won't: a contraction can carry a negation or a modal."""
    return "'" in word or "\u2019" in word
