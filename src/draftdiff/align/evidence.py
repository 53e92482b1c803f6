"""Evidence for pairing two points: token views of each side and the similarity measures.

Each side of a level is a :class:`Side` (raw and normalised texts, labels, token strings). Tokens are
stems coded one character each (:class:`TokenCodec`) and weighted by rarity (:func:`tokenise`), so that
rapidfuzz computes a weighted word-order LCS and a weighted word-bag Dice in C (:class:`Scorer`).
:func:`containment` measures how much of one token bag lies in another (merges, splits, absorb).

>>> from collections import Counter
>>> containment(Counter("ab"), Counter("abc")), containment(Counter("abc"), Counter("ab"))
(1.0, 0.6666666666666666)
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..model import Point
from ..normalize import normalize, stems
from .tuning import LONG_SIM_CHARS, MAX_TOKEN_WEIGHT, NO_TOKEN_RATIO_WEIGHT, SHORT_OWN_TEXT_WORDS

__all__ = [
    "LazyCounts",
    "Scorer",
    "Side",
    "TokenCodec",
    "containment",
    "make_sides",
    "match_text",
    "tokenise",
]


class _Codes(dict):
    """token -> one character; a token not seen yet gets the next one (the lookup loop stays in C)."""

    def __missing__(self, token: str) -> str:
        c = self[token] = chr(0x10000 + len(self))
        return c


class TokenCodec:
    """Maps each distinct stem to one character, so that rapidfuzz compares word sequences as strings.

    ``seq`` keeps word order (an LCS over words); ``bag`` is the same characters sorted, so that the Indel
    similarity of two bags is the multiset Dice coefficient of their words.
    """

    def __init__(self) -> None:
        self.codes: dict[str, str] = _Codes()

    def encode(self, tokens: Iterable[str]) -> str:
        return "".join(map(self.codes.__getitem__, tokens))  # a new token gets the next code (_Codes)


@dataclass(slots=True)
class Side:
    """One list of sibling points as the aligner sees it.

    ``raw`` and ``labels`` exist for every point, ``norm`` for those not paired by raw text; the token
    views exist only for the points still in
    play after the exact pass (None for the others), which keeps a large, mostly unchanged draft cheap.
    """

    points: Sequence[Point]
    raw: list[str] = field(default_factory=list)  # the text matched on (see match_text)
    norm: list = field(default_factory=list)  # its normalize() form, filled by the exact pass
    labels: list[str] = field(default_factory=list)
    seq: list = field(default_factory=list)  # one character per informative token, in order
    wseq: list = field(default_factory=list)  # the same, each character repeated by its weight
    bag: list = field(default_factory=list)  # wseq sorted
    counts: LazyCounts | None = None  # weighted token counts (Counter), made when first asked for
    toks: list = field(default_factory=list)  # stems() of raw, when the exact pass computed them


class LazyCounts:
    """``counts[k]``: the weighted token Counter of point k, built on first use (None before tokens)."""

    __slots__ = ("_cache", "_side")

    def __init__(self, side: Side) -> None:
        self._side = side
        self._cache: dict[int, Counter] = {}

    def __getitem__(self, k: int) -> Counter | None:
        c = self._cache.get(k)
        if c is None:
            wseq = self._side.wseq[k]
            if wseq is None:
                return None
            c = self._cache[k] = Counter(wseq)
        return c


def match_text(p: Point) -> str:
    """The text a point is matched on: its own, plus its sub-points' when its own says little."""
    text = p.text
    if len(text.split()) < SHORT_OWN_TEXT_WORDS and p.points:
        text = " ".join([text] + [c.text for c in p.walk() if c is not p])
    return text


def make_sides(old: Sequence[Point], new: Sequence[Point]) -> tuple[Side, Side]:
    """Both lists with their exact-match keys and labels (tokens come later, see :func:`tokenise`)."""
    sides = (Side(old), Side(new))
    for side in sides:
        side.raw = [match_text(p) for p in side.points]
        side.norm = [None] * len(side.points)
        side.labels = [p.label.casefold().strip("().") for p in side.points]
        side.seq = [None] * len(side.points)
        side.wseq = [None] * len(side.points)
        side.bag = [None] * len(side.points)
        side.toks = [None] * len(side.points)
        side.counts = LazyCounts(side)
    return sides


def tokenise(
    old: Side, new: Side, active_old: Sequence[int], active_new: Sequence[int]
) -> tuple[Counter, int, TokenCodec, dict[str, int]]:
    """Token views of the active points; each token weighted by its rarity among them.

    A token's weight is 1 + (MAX_TOKEN_WEIGHT - 1) * idf / max_idf, rounded down, where
    idf = ln(N / document frequency) over the N active points of both lists. Weights are applied by
    repeating the token's character, so that rapidfuzz's Indel similarity becomes a weighted LCS /
    weighted Dice, still computed in C: a place name or an amount outweighs the boilerplate that every
    point shares.
    """
    codec = TokenCodec()
    df: Counter = Counter()
    for side, active in ((old, active_old), (new, active_new)):
        for k in active:
            toks = side.toks[k]
            if side.norm[k] is None:  # (pinned points skip the exact pass)
                side.norm[k] = normalize(side.raw[k])
            seq = codec.encode(toks if toks is not None else stems(side.raw[k]))
            side.toks[k] = None
            side.seq[k] = seq
            df.update(set(seq))
    n = len(active_old) + len(active_new)
    max_idf = math.log(n) if n > 1 else 1.0
    rep = {c: 1 + int((MAX_TOKEN_WEIGHT - 1) * math.log(n / k) / max_idf + 1e-9) for c, k in df.items()}
    repeated = {c: c * w for c, w in rep.items()}
    for side, active in ((old, active_old), (new, active_new)):
        for k in active:
            seq = side.seq[k]
            side.wseq[k] = "".join(map(repeated.__getitem__, seq))
            # the bag: wseq sorted, built from the distinct characters (sorting a long text is slower)
            side.bag[k] = "".join(repeated[c] * n for c, n in sorted(Counter(seq).items()))
    return df, n, codec, rep


class Scorer:
    """Similarities of old and new points, cached.

    ``floor``: the lowest similarity any pass can accept. A pair whose weighted token strings differ so
    much in length that even a perfect overlap stays under it (Indel similarity <= 2 min / (la + lb)) is
    scored 0 without running the comparison: a 10 MB point against a short one costs nothing.
    """

    def __init__(self, old: Side, new: Side, floor: float = 0.0) -> None:
        from rapidfuzz.distance import Indel  # lazily: keeps a small compare's start-up short
        from rapidfuzz.fuzz import ratio

        self._indel = Indel.normalized_similarity
        self._ratio = ratio
        self.old, self.new = old, new
        self.floor = floor
        self.cache: dict[tuple[int, int], float] = {}

    def sim(self, i: int, j: int, exact: bool = False) -> float:
        """Similarity 0..1 of old i and new j: the mean of weighted word-order LCS and weighted word-bag Dice.

        0 for a pair that cannot reach ``floor`` (see the class), unless ``exact``.
        """
        key = (i, j)
        v = self.cache.get(key)
        if v is None or exact:
            a, b = self.old.wseq[i], self.new.wseq[j]
            if a and b and not exact and 2 * min(len(a), len(b)) < self.floor * (len(a) + len(b)):
                v = 0.0
            elif a and b and len(a) + len(b) > LONG_SIM_CHARS:
                # huge texts: the word-bag Dice alone (exactly the bag half, from counts, in linear time);
                # the order half (an LCS, quadratic) would take minutes
                ca, cb = self.old.counts[i], self.new.counts[j]
                v = 2 * sum((ca & cb).values()) / (len(a) + len(b))
            elif a and b:
                v = 0.5 * self._indel(a, b) + 0.5 * self._indel(self.old.bag[i], self.new.bag[j])
            elif self.old.norm[i] and self.new.norm[j]:
                v = NO_TOKEN_RATIO_WEIGHT * self._ratio(self.old.norm[i], self.new.norm[j]) / 100.0
            else:
                v = 0.0
            if not exact:
                self.cache[key] = v
        return v


def containment(part: Counter, whole: Counter) -> float:
    """Share of ``part``'s words (with multiplicity) that also occur in ``whole``.

    >>> containment(Counter("aab"), Counter("abc"))
    0.6666666666666666
    """
    total = sum(part.values())
    if not total:
        return 0.0
    common = 0
    for t in part.keys() & whole.keys():  # the shared words only (counts are positive): a set in C
        a, b = part[t], whole[t]
        common += a if a < b else b  # noqa: FURB136 (min() is twice as slow here, the hot loop of merges)
    return common / total
