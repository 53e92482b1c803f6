"""Normalisation and word tokens: what the aligner compares.

Three views of a point's text:

``normalize(text)``
    the key for exact matching: case folded, Markdown emphasis, links and a leading list marker removed,
    punctuation dropped, digit groups joined (``600,000`` and ``600 000`` both become ``600000``),
    whitespace collapsed.

    >>> normalize("**3.** Ukraine's  army is capped at _600,000_ personnel.")
    'ukraines army is capped at 600000 personnel'
    >>> normalize("- (b) The Parties SHALL meet.") == normalize("the parties shall meet")
    True

``words(text)``
    lower-case word tokens in order (numbers as plain digit strings).

    >>> words("NATO's forces: 600 000 troops, 2.5% of GDP")
    ['nato', 'forces', '600000', 'troops', '2.5', 'of', 'gdp']

``stems(text)``
    the informative tokens: ``words`` without function words, each cut to a crude stem so that
    "negotiations" and "negotiated" meet.

    >>> stems("The negotiations shall resume; negotiated terms apply.")
    ['negoti', 'shall', 'resume', 'negoti', 'term', 'apply']
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["STOPWORDS", "normalize", "profile", "stem", "stems", "strip_markup", "words"]

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|~~|\*|`)")
_UNDERSCORE_EMPH = re.compile(r"(?<!\w)_+|_+(?!\w)")
_MARKER = re.compile(
    r"""^\s*(?:
        [-*+\u2022\u2013\u2014]                       # bullets
      | \#{1,6}                                       # heading hashes
      | \(?(?:\d+(?:\.\d+)*|[a-z]{1,2}|[ivxlcdm]{1,6})[.):]  # 1. 1) (a) a. 2.1.3. iv)
      | (?:article|art\.|section|point|clause|§)\s*\d+[a-z]?[.:]?  # Article 5.
    )\s+""",
    re.IGNORECASE | re.VERBOSE,
)
_DIGIT_GROUP_SEP = re.compile(r"(?<=\d)[,\u00a0\u202f\u2009 '](?=\d{3}(?!\d))")
# what every match of _DIGIT_GROUP_SEP stands in: a quick scan first (most texts hold no "6,0")
_DIGIT_SEP_HINT = re.compile(r"\d[,\u00a0\u202f\u2009 ']\d")
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\d+(?:\.\d+)*|[^\W\d_]+(?:\d+[^\W\d_]*)*|\d+")
# the same as _WORD on ASCII text that has been case-folded (simpler classes, about twice as fast)
_ASCII_WORD = re.compile(r"[a-z]+(?:\d+[a-z]*)*|\d+(?:\.\d+)*")
_POSSESSIVE = re.compile(r"['\u2019]s\b", re.IGNORECASE)
_APOSTROPHE = re.compile(r"['\u2019]")

STOPWORDS = frozenset(
    """a an the of to and or in on at by for from with as into onto upon within over under between
    among is are be been being was were it its this that these those there their them they he she
    his her we our you your i me my which who whom whose what when where while than then so such
    also other any each all both either per via about after before during against through up down
    out off only own same too very s t do does did done has have had having if but not no nor""".split()  # noqa: SIM905
)
# "not", "no", "nor" are kept as stopwords for similarity only; the negation flag reads them separately.


def strip_markup(text: str) -> str:
    """Text without Markdown links (their words stay), emphasis marks and a leading list marker.

    >>> strip_markup("1. **Free** [Redistribution](http://x)")
    'Free Redistribution'
    """
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "*" in text or "`" in text or "~~" in text:
        text = _EMPHASIS.sub("", text)
    if "_" in text:
        text = _UNDERSCORE_EMPH.sub("", text)
    for _ in range(2):  # "- (b) text": a bullet and a label
        m = _MARKER.match(text)
        if not m:
            break
        text = text[m.end() :]
    return text


def _prepare(text: str) -> str:
    if not text.isascii() and not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = strip_markup(text)
    if _DIGIT_SEP_HINT.search(text):
        text = _DIGIT_GROUP_SEP.sub("", text)
    return text.casefold()


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """The exact-match key of a text (see the module docstring)."""
    text = _prepare(text)
    text = _APOSTROPHE.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text).split())  # split(): the whitespace of \\s, faster than a regex


def words(text: str) -> list[str]:
    """Lower-case word tokens in order; numbers with digit groups joined, decimals kept."""
    return _words_of(_prepare(text))


def _words_of(prepared: str) -> list[str]:
    if "'" in prepared or "\u2019" in prepared:
        prepared = _POSSESSIVE.sub("", prepared)
    return (_ASCII_WORD if prepared.isascii() else _WORD).findall(prepared)


_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "s")


@lru_cache(maxsize=131072)
def stem(word: str) -> str:
    """A crude, fast stem: a common suffix cut, then at most 6 characters.

    >>> [stem(w) for w in ("forces", "force", "withdrawal", "withdraws", "600000")]
    ['force', 'force', 'withdr', 'withdr', '600000']
    """
    if word[:1].isdigit():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:6]


def profile(text: str) -> tuple[str, list[str]]:
    """``(normalize(text), stems(text))`` in one go (the text is prepared once)."""
    prepared = _prepare(text)
    quoted = "'" in prepared or "\u2019" in prepared
    norm = " ".join(_NON_WORD.sub(" ", _APOSTROPHE.sub("", prepared) if quoted else prepared).split())
    return norm, _stems_of(_words_of(prepared))


class _StemTable(dict):
    """word -> its stem, or "" for a function word; filled on first sight (the lookups stay in C)."""

    def __missing__(self, word: str) -> str:
        if len(self) >= 262_144:  # bounded: a huge text of distinct junk words does not hold them all
            self.clear()
        s = self[word] = "" if word in STOPWORDS else stem(word)
        return s


_STEM_TABLE = _StemTable()


def _stems_of(toks: list[str]) -> list[str]:
    return [s for s in map(_STEM_TABLE.__getitem__, toks) if s]  # a stem is never empty


def stems(text: str) -> list[str]:
    """Informative tokens of a text, stemmed, in order (function words left out)."""
    return _stems_of(words(text))
