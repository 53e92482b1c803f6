"""Alignment of two lists of sibling points: which old point became which new point(s).

The passes run from the most certain to the least (docs/engine.md tells the whole story):

1. **pins** a person gave (``OLD=NEW``) are taken as they are; unpins (``OLD!=NEW``) are never paired.
2. **exact**: equal normalised text (:func:`draftdiff.normalize.normalize`), found by hashing.
3. **fuzzy**: the rest are scored with rapidfuzz on weighted word tokens (stems), only against candidates
   proposed by an inverted index of informative tokens, by the gap between anchors they fall in, and by
   an equal label (small levels score every pair); a wider search runs only for points left without a
   good candidate. Pairs at or above ``threshold`` (``move_threshold`` for a pair crossing an anchor)
   enter an *optimal* assignment (maximum total weight, not first-fit) whose weight adds order evidence
   (the pair lies in the same gap between anchors, at a similar relative place) and label evidence.
4. **containment**: several unmatched old points mostly contained in one new point are a merge; one
   old point containing several new ones is a split (containment measured both ways); a point lying
   almost wholly in a free point on the other side pairs 1:1 (a clause added or cut).
5. **order / label**: with the new anchors, the points still left between two anchors are paired at a
   lower similarity (``order_floor``) when they sit in the same gap, the way patience diff pairs lines
   between unique anchors; an equal label lowers it further (``label_floor``). Either needs evidence:
   a one-to-one gap, or a rare token in common (declined pairings are offered through ``hints``).
5b. **absorb**: a free point next to a weak pair and lying inside its counterpart joins it as a piece of a
   lossy, paraphrased split or merge.
6. **track**: leftover pairs where one point stands on a deferred track and the other does not.

The result is a list of :class:`Link` objects over indices; :mod:`draftdiff.compare` turns them into
:class:`~draftdiff.changes.Change` objects.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .model import Point
from .normalize import normalize, profile, stems

__all__ = [
    "AlignOptions",
    "Link",
    "TokenCodec",
    "align",
    "assign",
    "containment",
    "hungarian",
    "in_every_lis",
    "lis_positions",
]


@dataclass(frozen=True, slots=True)
class AlignOptions:
    """Thresholds of the passes (see docs/engine.md for how they were chosen).

    threshold     similarity at or above which a pair in the same gap between anchors may be matched on its
                  words alone.
    move_threshold  the same for a pair that crosses an anchor (a move): moves are rarer than edits in
                  place, so they need more evidence.
    margin        weight difference under which a rival pairing is a near tie (reported as an alternative).
    order_floor   lowest similarity for a pair that sits in the same gap between anchors.
    label_floor   lowest similarity for a pair in the same gap that also has the same label.
    contain       share of a point's words that must lie in the other for a merge or split member.
    cover         share of the merged (split) point's words that the group must account for.
    track_floor   lowest score for pairing a leftover old point with a deferred-track point.
    exhaustive    score every pair instead of proposed candidates (slow; the reference for bench).
    """

    threshold: float = 0.5
    move_threshold: float = 0.6
    margin: float = 0.05
    order_floor: float = 0.22
    label_floor: float = 0.12
    contain: float = 0.6
    cover: float = 0.6
    track_floor: float = 0.3
    exhaustive: bool = False


@dataclass(slots=True)
class Link:
    """A pairing found by :func:`align`: indices into the old and new lists.

    One old and one new index for a 1:1 pair; several old (merge) or several new (split) indices for a group.
    """

    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float
    confidence: float
    matched_by: str
    alternatives: tuple[tuple[int, float], ...] = ()


# ---------------------------------------------------------------- token encoding and scoring


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
class _Side:
    """One list of sibling points as the aligner sees it.

    ``raw`` and ``labels`` exist for every point, ``norm`` for those not paired by raw text; the token
    views exist only for the points still in
    play after the exact pass (None for the others), which keeps a large, mostly unchanged draft cheap.
    """

    points: Sequence[Point]
    raw: list[str] = field(default_factory=list)  # the text matched on (see _match_text)
    norm: list = field(default_factory=list)  # its normalize() form, filled by the exact pass
    labels: list[str] = field(default_factory=list)
    seq: list = field(default_factory=list)  # one character per informative token, in order
    wseq: list = field(default_factory=list)  # the same, each character repeated by its weight
    bag: list = field(default_factory=list)  # wseq sorted
    counts: _LazyCounts | None = None  # weighted token counts (Counter), made when first asked for
    toks: list = field(default_factory=list)  # stems() of raw, when the exact pass computed them


class _LazyCounts:
    """``counts[k]``: the weighted token Counter of point k, built on first use (None before tokens)."""

    __slots__ = ("_cache", "_side")

    def __init__(self, side: _Side) -> None:
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


def _match_text(p: Point) -> str:
    """The text a point is matched on: its own, plus its sub-points' when its own says little."""
    text = p.text
    if len(text.split()) < 4 and p.points:
        text = " ".join([text] + [c.text for c in p.walk() if c is not p])
    return text


#: Rare tokens weigh up to this many times a token found in every point (see :func:`_tokenise`).
MAX_TOKEN_WEIGHT = 4


def _sides(old: Sequence[Point], new: Sequence[Point]) -> tuple[_Side, _Side]:
    """Both lists with their exact-match keys and labels (tokens come later, see :func:`_tokenise`)."""
    sides = (_Side(old), _Side(new))
    for side in sides:
        side.raw = [_match_text(p) for p in side.points]
        side.norm = [None] * len(side.points)
        side.labels = [p.label.casefold().strip("().") for p in side.points]
        side.seq = [None] * len(side.points)
        side.wseq = [None] * len(side.points)
        side.bag = [None] * len(side.points)
        side.toks = [None] * len(side.points)
        side.counts = _LazyCounts(side)
    return sides


def _tokenise(
    old: _Side, new: _Side, active_old: Sequence[int], active_new: Sequence[int]
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


class _Scorer:
    """Similarities of old and new points, cached.

    ``floor``: the lowest similarity any pass can accept. A pair whose weighted token strings differ so
    much in length that even a perfect overlap stays under it (Indel similarity <= 2 min / (la + lb)) is
    scored 0 without running the comparison: a 10 MB point against a short one costs nothing.
    """

    def __init__(self, old: _Side, new: _Side, floor: float = 0.0) -> None:
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
                v = 0.8 * self._ratio(self.old.norm[i], self.new.norm[j]) / 100.0
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
    return sum(min(n, whole[t]) for t, n in part.items()) / total


# ---------------------------------------------------------------- order: LIS and gaps between anchors


def lis_positions(seq: Sequence[int]) -> set[int]:
    """Positions (into ``seq``) of one longest strictly increasing subsequence; the leftmost on ties.

    >>> sorted(lis_positions([0, 1, 5, 2, 3, 4]))
    [0, 1, 3, 4, 5]
    >>> lis_positions([])
    set()
    """
    tails: list[int] = []  # smallest tail value of an increasing run of each length
    tail_pos: list[int] = []
    prev: list[int] = [-1] * len(seq)
    for k, v in enumerate(seq):
        n = bisect_left(tails, v)
        if n == len(tails):
            tails.append(v)
            tail_pos.append(k)
        else:
            tails[n] = v
            tail_pos[n] = k
        prev[k] = tail_pos[n - 1] if n else -1
    out: set[int] = set()
    k = tail_pos[-1] if tail_pos else -1
    while k >= 0:
        out.add(k)
        k = prev[k]
    return out


def in_every_lis(seq: Sequence[int]) -> set[int]:
    """Positions that belong to every longest strictly increasing subsequence of ``seq``.

    These are the anchors the order passes rely on: unlike one LIS picked among ties, they do not depend
    on which draft is called old (the chains are the same when the two coordinates swap roles).

    >>> sorted(in_every_lis([0, 1, 5, 2, 3, 4]))
    [0, 1, 3, 4, 5]
    >>> sorted(in_every_lis([2, 0]))  # two LIS of length 1: neither pair is certain
    []
    """
    n = len(seq)
    if not n:
        return set()
    ending = _lis_lengths(seq)  # longest increasing run ending at k
    starting = _lis_lengths([-v for v in reversed(seq)])[::-1]  # ... starting at k
    best = max(ending)
    on_some = [k for k in range(n) if ending[k] + starting[k] - 1 == best]
    per_level = Counter(ending[k] for k in on_some)
    return {k for k in on_some if per_level[ending[k]] == 1}


def _lis_lengths(seq: Sequence[int]) -> list[int]:
    tails: list[int] = []
    out = []
    for v in seq:
        n = bisect_left(tails, v)
        if n == len(tails):
            tails.append(v)
        else:
            tails[n] = v
        out.append(n + 1)
    return out


class _Gaps:
    """The in-order anchors of the current matching, and the new-side window of each old point's gap."""

    def __init__(self, pairs: dict[int, int], n_old: int, n_new: int) -> None:
        items = sorted((i, j) for i, j in pairs.items() if j >= 0)
        keep = in_every_lis([j for _, j in items])
        self.anchor_old = [i for k, (i, _) in enumerate(items) if k in keep]
        self.anchor_new = [j for k, (_, j) in enumerate(items) if k in keep]
        self.n_old, self.n_new = n_old, n_new

    def window(self, i: int) -> tuple[int, int, int, int]:
        """(old_lo, old_hi, new_lo, new_hi): the anchors around old i (exclusive bounds; -1 / n at the ends)."""
        k = bisect_left(self.anchor_old, i)
        old_lo = self.anchor_old[k - 1] if k else -1
        new_lo = self.anchor_new[k - 1] if k else -1
        if k < len(self.anchor_old) and self.anchor_old[k] == i:
            k += 1
        old_hi = self.anchor_old[k] if k < len(self.anchor_old) else self.n_old
        new_hi = self.anchor_new[k] if k < len(self.anchor_new) else self.n_new
        return old_lo, old_hi, new_lo, new_hi

    def window_new_of_old(self, i: int) -> tuple[int, int]:
        """The new-side bounds (exclusive) of the gap old i falls in."""
        return self.window(i)[2:]

    def window_old_of_new(self, j: int) -> tuple[int, int]:
        """The old-side bounds (exclusive) of the gap new j falls in."""
        k = bisect_left(self.anchor_new, j)
        lo = self.anchor_old[k - 1] if k else -1
        if k < len(self.anchor_new) and self.anchor_new[k] == j:
            k += 1
        hi = self.anchor_old[k] if k < len(self.anchor_old) else self.n_old
        return lo, hi

    def closeness(self, i: int, j: int, window: tuple[int, int, int, int] | None = None) -> float:
        """1.0 at the same relative place in the same gap, falling to 0 at the far end; -1 outside the gap."""
        old_lo, old_hi, new_lo, new_hi = window or self.window(i)
        if not new_lo < j < new_hi:
            return -1.0
        r_old = (i - old_lo) / (old_hi - old_lo)
        r_new = (j - new_lo) / (new_hi - new_lo)
        return 1.0 - abs(r_old - r_new)


# ---------------------------------------------------------------- optimal assignment


def hungarian(weights: Sequence[Sequence[float]]) -> list[int]:
    """Maximum-weight assignment of rows to columns (rows <= columns): the column of each row.

    Jonker-Volgenant style shortest augmenting paths with potentials, O(rows^2 * columns).

    >>> hungarian([[1, 5, 0], [4, 6, 0]])
    [1, 0]
    """
    n = len(weights)
    m = len(weights[0]) if n else 0
    if n > m:
        raise ValueError("more rows than columns")
    inf = math.inf
    big = max((w for row in weights for w in row), default=0.0)
    cost = [[big - w for w in row] for row in weights]
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    match = [0] * (m + 1)  # match[col] = row (1-based), 0 = free
    way = [0] * (m + 1)
    for row in range(1, n + 1):
        match[0] = row
        col0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[col0] = True
            r0 = match[col0]
            delta = inf
            col1 = 0
            crow = cost[r0 - 1]
            ur0 = u[r0]
            for col in range(1, m + 1):
                if not used[col]:
                    cur = crow[col - 1] - ur0 - v[col]
                    if cur < minv[col]:
                        minv[col] = cur
                        way[col] = col0
                    if minv[col] < delta:
                        delta = minv[col]
                        col1 = col
            for col in range(m + 1):
                if used[col]:
                    u[match[col]] += delta
                    v[col] -= delta
                else:
                    minv[col] -= delta
            col0 = col1
            if match[col0] == 0:
                break
        while col0:
            col1 = way[col0]
            match[col0] = match[col1]
            col0 = col1
    out = [-1] * n
    for col in range(1, m + 1):
        if match[col]:
            out[match[col] - 1] = col - 1
    return out


#: Components of the candidate graph up to this many cells are solved exactly; larger ones greedily.
EXACT_ASSIGNMENT_CELLS = 40_000


def assign(edges: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """A maximum-weight matching over sparse edges ``{(old, new): weight}`` (weights > 0).

    A pair that is each other's best and outweighs the two runners-up together is fixed first (an optimum
    always holds such a pair: swapping it in loses at most the two runners-up); this splits the graph. The
    rest fall into connected components, each solved exactly with :func:`hungarian` (a component beyond
    ``EXACT_ASSIGNMENT_CELLS`` cells falls back to best-weight-first).

    >>> sorted(assign({(0, 0): 0.9, (0, 1): 0.8, (1, 0): 0.85}))
    [(0, 1), (1, 0)]
    """
    by_old: dict[int, list[tuple[float, int]]] = defaultdict(list)
    by_new: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), w in edges.items():
        by_old[i].append((w, j))
        by_new[j].append((w, i))
    for lst in (*by_old.values(), *by_new.values()):
        lst.sort(key=lambda t: (-t[0], t[1]))
    chosen: list[tuple[int, int]] = []
    fixed_old: set[int] = set()
    fixed_new: set[int] = set()
    for i in sorted(by_old):
        w, j = by_old[i][0]
        if by_new[j][0][1] != i:
            continue
        second_i = by_old[i][1][0] if len(by_old[i]) > 1 else 0.0
        second_j = by_new[j][1][0] if len(by_new[j]) > 1 else 0.0
        if w >= second_i + second_j:  # then some optimum holds (i, j): swapping it in never loses
            chosen.append((i, j))
            fixed_old.add(i)
            fixed_new.add(j)
    rest = {(i, j): w for (i, j), w in edges.items() if i not in fixed_old and j not in fixed_new}
    # connected components (union-find over old ids and new ids, new ids offset as ~j)
    parent: dict[object, object] = {}

    def find(x: object) -> object:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]  # type: ignore[index]
            x = parent[x]
        return x

    for i, j in rest:
        a, b = find(("o", i)), find(("n", j))
        if a != b:
            parent[a] = b
    groups: dict[object, list[tuple[int, int]]] = defaultdict(list)
    for i, j in sorted(rest):
        groups[find(("o", i))].append((i, j))
    for comp in groups.values():
        olds = sorted({i for i, _ in comp})
        news = sorted({j for _, j in comp})
        if len(olds) == 1 or len(news) == 1:
            w, i, j = max((rest[e], -e[0], -e[1]) for e in comp)
            chosen.append((-i, -j))
            continue
        if len(olds) * len(news) > EXACT_ASSIGNMENT_CELLS:
            chosen += _greedy({e: rest[e] for e in comp})
            continue
        transpose = len(olds) > len(news)
        rows, cols = (news, olds) if transpose else (olds, news)
        col_at = {c: k for k, c in enumerate(cols)}
        matrix = [[0.0] * len(cols) for _ in rows]
        for r, row_id in enumerate(rows):
            for i, j in comp:
                if (j if transpose else i) == row_id:
                    matrix[r][col_at[i if transpose else j]] = rest[(i, j)]
        for r, c in enumerate(hungarian(matrix)):
            if c < 0 or matrix[r][c] <= 0.0:
                continue
            pair = (cols[c], rows[r]) if transpose else (rows[r], cols[c])
            chosen.append(pair)
    return sorted(chosen)


def _greedy(edges: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    used_old: set[int] = set()
    used_new: set[int] = set()
    out = []
    for (i, j), _w in sorted(edges.items(), key=lambda e: (-e[1], e[0])):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            out.append((i, j))
    return out


# ---------------------------------------------------------------- the aligner


#: Bonuses added to a candidate pair's similarity in the assignment weight.
ORDER_BONUS = 0.15
LABEL_BONUS = 0.05
#: Candidate generation: index candidates kept per point, gap candidates per point, informative-token cap.
INDEX_CANDIDATES = 12
GAP_CANDIDATES = 6
TOKENS_PER_QUERY = 8
#: Containment pass: a piece found only through the index (among its FAR_CANDIDATES best proposals) must lie
#: this fully in its container; each member of a group must add MIN_GAIN coverage.
CONTAIN_FAR = 0.8
FAR_CANDIDATES = 5
MIN_GAIN = 0.1
#: Similarity a move needs in the first scored pass (before merges and splits); later, move_threshold.
FIRST_PASS_MOVE = 0.8
#: Order pass: two points in the same gap whose sub-points coincide this much (Dice of their texts) pair
#: even when their own texts differ (a section retitled, its rules kept).
CHILDREN_FLOOR = 0.25
#: Order and label passes: outside a one-to-one gap a pair must share a token held by at most this share of
#: the points in play (and at least RARE_TOKEN_MIN points).
RARE_TOKEN_SHARE = 0.1
RARE_TOKEN_MIN = 4
#: Absorb pass: a free point this near (in places) to a weak pair, lying this much inside its counterpart
#: (with sub-points), joins it as a piece of a split or merge.
ABSORB_REACH = 2
ABSORB = 0.3
#: Track pass: rare tokens a pair below track_floor must share to be taken.
TRACK_RARE_SHARED = 3
#: Two points whose weighted token strings together exceed this are compared on their word bags only.
LONG_SIM_CHARS = 200_000
#: Texts longer than this are normalised and tokenised in one go by the exact pass (the tokens are kept for
#: the fuzzy pass; most short texts never need tokens).
PROFILE_CHARS = 2_000
#: Below this many old x new leftover pairs every pair is scored (no candidate generation).
ALL_PAIRS_CELLS = 40_000
#: The wide search (a point against every leftover) runs for at most this many pairs in all.
WIDE_SEARCH_PAIRS = 400_000


class _Aligner:
    def __init__(
        self,
        old: Sequence[Point],
        new: Sequence[Point],
        opts: AlignOptions,
        pins: Sequence[tuple[int, int]],
        forbid: frozenset[tuple[int, int]],
    ) -> None:
        self.o, self.n = _sides(old, new)
        self.opts = opts
        self.forbid = forbid
        self.scorer = _Scorer(
            self.o,
            self.n,
            0.9
            * min(opts.threshold, opts.move_threshold, opts.order_floor, opts.label_floor, opts.track_floor),
        )
        self.o2n: dict[int, int] = {}
        self.n2o: dict[int, int] = {}
        self.links: dict[int, Link] = {}  # keyed by the old index of 1:1 links
        self.groups: list[Link] = []
        self._postings_cache: dict[int, dict[str, list[int]]] = {}
        self._proposed: dict[int, list[int]] = {}  # index proposals of the first scored pass
        self._runner_up: dict[tuple[int, int], float] = {}  # containment pass: second-best container
        self.unpaired: dict[int, list[tuple[int, float]]] = defaultdict(list)  # see align(hints=)
        self.df: Counter = Counter()  # document frequency of each token among the points in play
        self.n_active = 0
        self._codec = TokenCodec()
        self._rep: dict[str, int] = {}
        self.pins = list(pins)
        for i, j in pins:  # similarity filled in once the tokens exist
            self._link(i, j, 1.0, 1.0, "pin")

    # -- bookkeeping
    def _link(self, i: int, j: int, sim: float, conf: float, how: str, alts=()) -> None:
        self.o2n[i] = j
        self.n2o[j] = i
        self.links[i] = Link((i,), (j,), sim, conf, how, tuple(alts))

    def free_old(self) -> list[int]:
        return [i for i in range(len(self.o.points)) if i not in self.o2n]

    def free_new(self) -> list[int]:
        return [j for j in range(len(self.n.points)) if j not in self.n2o]

    # -- pass 2: exact
    def exact(self) -> None:
        """Pairs with equal text: first the raw text (no work), then the normalised text of the rest."""
        self._exact_by(lambda side, k: side.raw[k])
        for side, free in ((self.o, self.free_old()), (self.n, self.free_new())):
            for k in free:
                raw = side.raw[k]
                if len(raw) > PROFILE_CHARS:  # a long text: prepare it once for both views
                    side.norm[k], side.toks[k] = profile(raw)
                else:
                    side.norm[k] = normalize(raw)
        self._exact_by(lambda side, k: side.norm[k])

    def _exact_by(self, key) -> None:
        by_key: dict[str, list[int]] = defaultdict(list)
        for j in self.free_new():
            kj = key(self.n, j)
            if kj and kj.strip():
                by_key[kj].append(j)
        old_by_key: dict[str, list[int]] = defaultdict(list)
        for i in self.free_old():
            ki = key(self.o, i)
            if ki in by_key:
                old_by_key[ki].append(i)
        for k, olds in old_by_key.items():
            news = by_key[k]
            unique = len(olds) == 1 and len(news) == 1
            news_left = list(news)
            for i in olds:  # duplicates pair up in document order
                for j in news_left:
                    if (i, j) not in self.forbid:
                        news_left.remove(j)
                        self._link(i, j, 1.0, 1.0 if unique else 0.9, "exact")
                        break

    # -- candidates
    def _index(self, news: list[int]) -> tuple[dict[str, list[int]], dict[str, int]]:
        postings: dict[str, list[int]] = defaultdict(list)
        for j in news:
            for c in set(self.n.seq[j]):
                postings[c].append(j)
        return postings, {c: len(v) for c, v in postings.items()}

    def candidates(self, olds: list[int], news: list[int], gaps: _Gaps) -> dict[int, list[int]]:
        """Candidate new points for each old point: index, gap and label proposals.

        Small problems (``ALL_PAIRS_CELLS``) and ``exhaustive`` runs score every pair instead.
        """
        if self.opts.exhaustive or len(olds) * len(news) <= ALL_PAIRS_CELLS:
            return {i: [j for j in news if (i, j) not in self.forbid] for i in olds}
        free_new = set(news)
        fresh = any(i not in self._proposed for i in olds)
        postings, df = self._index(news) if fresh else ({}, {})
        n_total = max(1, len(news))
        max_df = max(12, int(math.sqrt(n_total)))
        news_sorted = news  # already in order
        by_label: dict[str, list[int]] = defaultdict(list)
        for j in news:
            by_label[self.n.labels[j]].append(j)
        out: dict[int, list[int]] = {}
        for i in olds:
            cand: dict[int, None] = {}
            earlier = self._proposed.get(i)
            if earlier is not None:  # a later pass: the index proposals of the first, still free
                for j in earlier:
                    if j in free_new:
                        cand[j] = None
            else:
                # inverted index: the rarest informative tokens of the old point (those in at most max_df
                # leftover new points) vote; the points with most votes are proposed
                toks = sorted((c for c in set(self.o.seq[i]) if c in df), key=lambda c: (df[c], c))
                votes: Counter = Counter()
                for c in toks[:TOKENS_PER_QUERY]:
                    if df[c] <= max_df:
                        votes.update(postings[c])
                proposed = [j for j, _ in votes.most_common(INDEX_CANDIDATES)]
                self._proposed[i] = proposed
                for j in proposed:
                    cand[j] = None
            # gap: the new points between the same anchors, nearest the same relative place first
            old_lo, old_hi, new_lo, new_hi = gaps.window(i)
            lo, hi = bisect_right(news_sorted, new_lo), bisect_left(news_sorted, new_hi)
            if hi > lo:
                r = (i - old_lo) / (old_hi - old_lo)
                expect = new_lo + r * (new_hi - new_lo)
                centre = bisect_left(news_sorted, expect, lo, hi)
                a, b = max(lo, centre - GAP_CANDIDATES // 2), min(hi, centre + GAP_CANDIDATES // 2 + 1)
                for j in news_sorted[a:b]:
                    cand[j] = None
            for j in by_label.get(self.o.labels[i], ())[:3]:
                cand[j] = None
            out[i] = [j for j in cand if (i, j) not in self.forbid]
        return out

    def wide_search(self, olds: list[int], news: list[int], cand: dict[int, list[int]]) -> None:
        """For old points without a candidate at the threshold, look through every leftover new point."""
        if not olds or not news:
            return
        budget = WIDE_SEARCH_PAIRS // max(1, len(news))
        if budget <= 0:
            return
        from rapidfuzz import process  # extract, not cdist: cdist needs numpy, not a dependency
        from rapidfuzz.distance import Indel

        choices = [self.n.bag[j] for j in news]  # weighted bags, compared bit-parallel in C
        cutoff = self.opts.threshold * 0.8
        for i in olds[:budget]:
            hits = process.extract(
                self.o.bag[i], choices, scorer=Indel.normalized_similarity, score_cutoff=cutoff, limit=5
            )
            extra = [
                news[k]
                for _, _, k in sorted(hits, key=lambda h: (-h[1], h[2]))
                if (i, news[k]) not in self.forbid
            ]
            cand[i] = list(dict.fromkeys(cand.get(i, []) + extra))
            self._proposed[i] = self._proposed.get(i, []) + extra

    # -- pass 3 and 4: scored assignment
    def _weight(self, i: int, j: int, sim: float, gaps: _Gaps, window=None) -> tuple[float, float]:
        close = gaps.closeness(i, j, window)
        w = sim
        if close >= 0:
            w += ORDER_BONUS * (0.5 + 0.5 * close)
        if self.o.labels[i] and self.o.labels[i] == self.n.labels[j]:
            w += LABEL_BONUS
        return w, close

    def _shared_children(self, i: int, j: int) -> float:
        """Dice coefficient of the normalised texts of the two points' sub-points (0 unless two coincide)."""
        a, b = self.o.points[i].points, self.n.points[j].points
        if not a or not b:
            return 0.0
        ca = Counter(normalize(c.text) for c in a)
        cb = Counter(normalize(c.text) for c in b)
        common = sum((ca & cb).values())
        return 2 * common / (len(a) + len(b)) if common >= 2 else 0.0

    def _evidence(self, i: int, j: int) -> int:
        """Whether old i and new j share a *rare* token: one held by at most ``RARE_TOKEN_SHARE`` of the
        points in play (and at least ``RARE_TOKEN_MIN``), e.g. a place, an object, an amount.

        The order and label passes pair points on their place; without one rare word in common ("United
        States", "agree" and "shall" are everywhere) the place alone is no evidence.
        """
        bar = max(RARE_TOKEN_MIN, RARE_TOKEN_SHARE * self.n_active)
        df = self.df
        return sum(1 for c in set(self.o.seq[i]) & set(self.n.seq[j]) if df[c] <= bar)

    def scored_pass(self, relaxed: bool) -> None:
        olds, news = self.free_old(), self.free_new()
        if not olds or not news:
            return
        gaps = _Gaps(self.o2n, len(self.o.points), len(self.n.points))
        cand = self.candidates(olds, news, gaps)
        opts = self.opts
        sim = self.scorer.sim
        if not relaxed and not (opts.exhaustive or len(olds) * len(news) <= ALL_PAIRS_CELLS):
            weak = [i for i in olds if not any(sim(i, j) >= opts.threshold for j in cand[i])]
            self.wide_search(weak, news, cand)
        edges: dict[tuple[int, int], float] = {}
        how: dict[tuple[int, int], str] = {}
        allw: dict[tuple[int, int], float] = {}
        weak: dict[tuple[int, int], float] = {}  # placed like a pair but without a rare word in common
        for i in olds:
            window = gaps.window(i)
            alone = relaxed and self._alone_in_gap(i, window, olds, news)
            for j in cand[i]:
                s = sim(i, j)
                w, close = self._weight(i, j, s, gaps, window)
                allw[(i, j)] = w
                # a move is taken in the first pass only when it is near-certain (FIRST_PASS_MOVE): a
                # template-like point far away must not take the piece of a split from its place
                if s >= (
                    opts.threshold
                    if close >= 0
                    else opts.move_threshold
                    if relaxed
                    else max(opts.move_threshold, FIRST_PASS_MOVE)
                ):
                    how[(i, j)] = "fuzzy"
                elif relaxed and close >= 0 and s >= opts.order_floor and (alone or self._evidence(i, j)):
                    how[(i, j)] = "order"
                elif (
                    relaxed
                    and close >= 0
                    and s >= opts.label_floor
                    and self.o.labels[i] == self.n.labels[j]
                    and (alone or self._evidence(i, j))
                ):
                    how[(i, j)] = "label"
                elif relaxed and close >= 0 and self._shared_children(i, j) >= CHILDREN_FLOOR:
                    # two section heads in the same gap whose sub-points largely coincide
                    how[(i, j)] = "order"
                    w += self._shared_children(i, j)
                else:
                    if (
                        relaxed
                        and close >= 0
                        and (
                            s >= opts.order_floor
                            or s >= opts.label_floor
                            and self.o.labels[i] == self.n.labels[j]
                        )
                    ):
                        weak[(i, j)] = s  # placed like a pair, declined for want of a rare word in common
                    continue
                edges[(i, j)] = w
        edges_at_new: dict[int, list[int]] = defaultdict(list)
        for ii, jj in edges:
            edges_at_new[jj].append(ii)
        for i, j in assign(edges):
            w = edges[(i, j)]
            rivals = [(jj, allw[(i, jj)]) for jj in cand[i] if jj != j and (i, jj) in edges]
            rivals_old = [allw[(ii, j)] for ii in edges_at_new[j] if ii != i]
            best_rival = max([r for _, r in rivals] + rivals_old, default=0.0)
            s = sim(i, j)
            gap = w - best_rival
            conf = 0.5 * min(1.0, s / opts.threshold) + 0.5 * max(0.0, min(1.0, gap / (2 * opts.margin)))
            alts = sorted(
                ((jj, round(sim(i, jj), 4)) for jj, r in rivals if r >= w - opts.margin), key=lambda t: -t[1]
            )
            self._link(i, j, s, round(conf, 4), how[(i, j)], alts)
        for (i, j), s in sorted(weak.items()):
            self.unpaired[i].append((j, round(s, 4)))

    # -- pass 5: containment (merges and splits)
    def containment_pass(self) -> None:
        """Merges (several old points in one new point), then splits (one old point in several new ones)."""
        gaps = _Gaps(self.o2n, len(self.o.points), len(self.n.points))
        merges = self._gather(
            self.o, self.n, self.free_old(), self.o2n, self.free_new(), gaps.window_new_of_old
        )
        for j, members in sorted(merges.items()):
            partner = self.o2n_1to1(j, reverse=True)
            group = self._valid_group(self.n.counts[j], members, partner, self.o.counts)
            if group:
                self._make_group(tuple(group), (j,))
            elif partner is None and len(members) == 1:
                c = containment(self.o.counts[members[0]], self.n.counts[j])
                self._grown(members[0], j, c, self._runner_up.get((id(self.o), members[0]), 0.0))
        gaps = _Gaps(self.o2n, len(self.o.points), len(self.n.points))
        splits = self._gather(
            self.n, self.o, self.free_new(), self.n2o, self.free_old(), gaps.window_old_of_new
        )
        for i, members in sorted(splits.items()):
            if self.o2n.get(i) == -1:
                continue  # already a piece of a merge above: a point belongs to one change only
            partner = self.o2n_1to1(i, reverse=False)
            group = self._valid_group(self.o.counts[i], members, partner, self.n.counts)
            if group:
                self._make_group((i,), tuple(group))
            elif partner is None and len(members) == 1 and members[0] not in self.n2o:
                c = containment(self.n.counts[members[0]], self.o.counts[i])
                self._grown(i, members[0], c, self._runner_up.get((id(self.n), members[0]), 0.0))

    def _grown(self, i: int, j: int, contained: float, runner_up: float) -> None:
        """A 1:1 pair where one text lies almost wholly in the other (a clause added or cut).

        Not when another point contains it nearly as well (a near tie is left to the order pass, which
        reports alternatives).
        """
        if (
            (i, j) in self.forbid
            or i in self.o2n
            or j in self.n2o
            or runner_up >= contained - self.opts.margin
        ):
            return
        s = self.scorer.sim(i, j)
        if s >= self.opts.move_threshold:
            return  # similar enough for the order pass to take it as it is (fuzzy, with its rivals)
        if contained >= CONTAIN_FAR and s >= self.opts.order_floor:
            self._link(
                i, j, s, round(0.5 + 0.5 * contained * min(1.0, s / self.opts.threshold), 4), "containment"
            )

    def _alone_in_gap(
        self, i: int, window: tuple[int, int, int, int], olds: list[int], news: list[int]
    ) -> bool:
        """Old i is the only free old point between its two anchors, facing exactly one free new point."""
        old_lo, old_hi, new_lo, new_hi = window
        n_old = bisect_left(olds, old_hi) - bisect_right(olds, old_lo)
        n_new = bisect_left(news, new_hi) - bisect_right(news, new_lo)
        return n_old == 1 and n_new == 1

    def o2n_1to1(self, k: int, *, reverse: bool) -> int | None:
        """The 1:1 partner of old k (of new k when ``reverse``), or None."""
        v = (self.n2o if reverse else self.o2n).get(k)
        return v if v is not None and v >= 0 else None

    def _gather(self, src: _Side, dst: _Side, free_src, link, free_dst, window) -> dict[int, list[int]]:
        """For each free point of ``src``, the ``dst`` point that contains it best, if any: {dst: [src...]}.

        Candidates: the partners of its two neighbours (a merged or split piece sits next to the rest),
        the free points between the same anchors, and inverted-index proposals (these must be contained
        more fully, ``CONTAIN_FAR``, since nothing in the order supports them).
        """
        if not free_src:
            return {}
        postings = self._postings(dst)
        max_df = max(12, int(math.sqrt(len(dst.points))))
        free_dst_sorted = sorted(free_dst)
        out: dict[int, list[int]] = defaultdict(list)
        for m in free_src:
            part = src.counts[m]
            if len(src.seq[m]) < 2:
                continue
            near: dict[int, None] = {}
            for d in (-1, 1):
                v = link.get(m + d)
                if v is not None and v >= 0 and dst.counts[v] is not None:
                    near[v] = None
            lo, hi = window(m)
            a, b = bisect_right(free_dst_sorted, lo), bisect_left(free_dst_sorted, hi)
            for k in free_dst_sorted[a:b][:GAP_CANDIDATES]:
                near[k] = None
            best, best_score, second = None, 0.0, 0.0
            for k in near:
                c = containment(part, dst.counts[k])
                second = max(second, min(c, best_score))
                if c >= self.opts.contain and c > best_score:
                    best, best_score = k, c
            if best is None:  # nothing nearby: the index proposes far containers, held to a higher bar
                toks = sorted(set(src.seq[m]), key=lambda c: (len(postings.get(c, ())), c))[:TOKENS_PER_QUERY]
                votes: Counter = Counter()
                for c in toks:
                    lst = postings.get(c, ())
                    if len(lst) <= max_df:
                        votes.update(lst)
                bar = max(self.opts.contain, CONTAIN_FAR)
                for k, _ in votes.most_common(FAR_CANDIDATES):
                    c = containment(part, dst.counts[k])
                    second = max(second, min(c, best_score))
                    if c >= bar and c > best_score:
                        best, best_score = k, c
            self._runner_up[(id(src), m)] = second
            if best is not None:
                out[best].append(m)
        return out

    def _postings(self, side: _Side) -> dict[str, list[int]]:
        """Inverted index of a whole side: token character -> indices of the points holding it."""
        cache = self._postings_cache.get(id(side))
        if cache is None:
            cache = defaultdict(list)
            for k, seq in enumerate(side.seq):
                if seq is not None:  # only the points in play after the exact pass
                    for c in set(seq):
                        cache[c].append(k)
            self._postings_cache[id(side)] = cache
        return cache

    def _valid_group(self, whole: Counter, members: list[int], partner: int | None, counts) -> list[int]:
        """The members (with the container's partner) that together account for the container, or [].

        Every member must add to the coverage of the container (``MIN_GAIN``): a point whose words the
        others already supply is no part of the merge, which keeps a plain 1:1 rewording 1:1.
        """
        group = sorted(set(members) | ({partner} if partner is not None else set()))
        total = max(1, sum(whole.values()))

        def cover(ids: list[int]) -> float:
            union: Counter = Counter()
            for k in ids:
                union |= counts[k]
            return sum(min(n, union[t]) for t, n in whole.items()) / total

        while len(group) >= 2:
            full = cover(group)
            if full < self.opts.cover:
                return []
            gains = [(full - cover([k for k in group if k != m]), m) for m in group]
            worst = min(gains)
            if worst[0] >= MIN_GAIN:
                return group
            group.remove(worst[1])
        return []

    def _make_group(self, olds: tuple[int, ...], news: tuple[int, ...], confidence: float = 0.8) -> None:
        for i in olds:
            if i in self.o2n:
                self.n2o.pop(self.o2n.pop(i), None)
                self.links.pop(i, None)
        for j in news:
            if j in self.n2o:
                self.links.pop(self.n2o[j], None)
                self.o2n.pop(self.n2o.pop(j), None)
        whole = Counter()
        for i in olds:
            whole.update(self.o.counts[i])
        other = Counter()
        for j in news:
            other.update(self.n.counts[j])
        sim = 2 * sum((whole & other).values()) / max(1, sum(whole.values()) + sum(other.values()))
        link = Link(olds, news, round(sim, 4), confidence, "containment")
        self.groups.append(link)
        for i in olds:
            self.o2n[i] = -1
        for j in news:
            self.n2o[j] = -1

    # -- pass 5b: lossy merges and splits next to a weak pair
    def _full_counts(self, side: _Side, k: int) -> Counter:
        """Weighted tokens of point k with all its sub-points (a rare token unseen so far weighs most)."""
        p = side.points[k]
        text = " ".join(c.text for c in p.walk())
        codes = self._codec.encode(stems(text))
        return Counter("".join(c * self._rep.get(c, MAX_TOKEN_WEIGHT) for c in codes))

    def _free_rival(self, src: _Side, dst: _Side, link_dst: dict[int, int], k: int, c: float) -> bool:
        """Whether a free point of ``dst`` contains point k of ``src`` nearly as well as ``c``: then k may
        be that point's rewrite (a move), not a piece of a split or merge."""
        free = [m for m in range(len(dst.points)) if m not in link_dst and dst.counts[m] is not None]
        if len(free) > ALL_PAIRS_CELLS // 200:
            free = self._proposals(src.seq[k], self._postings(dst), set(free))
        part = src.counts[k]
        return any(containment(part, dst.counts[m]) >= c - self.opts.margin for m in free)

    def absorb_pass(self) -> None:
        """A free point right next to (``ABSORB_REACH`` places) the partner of a *weak* pair (paired by
        order, label or containment, below ``threshold``) and lying at least ``ABSORB`` inside the other
        side's point with its sub-points is a piece of it: the pair becomes a split (a free new point) or
        a merge (a free old point).

        This is the lossy, paraphrased split or merge: the pieces rewrite the whole and drop some of it,
        so the containment pass (which wants the pieces to account for ``cover`` of the whole) misses it;
        nearness to the weak pair stands in for the missing words. A strong pair does not absorb: its
        neighbours are more likely added or dropped points of their own.
        """
        sides = ((self.n, self.o, self.n2o, self.o2n), (self.o, self.n, self.o2n, self.n2o))
        for side, (src, dst, link_src, link_dst) in enumerate(sides):
            other = sides[1 - side]
            for k in range(len(src.points)):
                best = self._absorb_target(src, dst, link_src, link_dst, k)
                if best is None:
                    continue
                old_i, new_j = best
                # A free point on the other side that would join the same pair makes it ambiguous (a split
                # or a merge?): absorb neither, so that compare(a, b) and compare(b, a) mirror each other.
                end = old_i if src is self.n else new_j
                if any(
                    self._absorb_target(*other, k2) == best
                    for k2 in range(end - ABSORB_REACH - 1, end + ABSORB_REACH + 2)
                    if 0 <= k2 < len(other[0].points)
                ):
                    continue
                if src is self.n:
                    self._make_group((old_i,), tuple(sorted((new_j, k))), confidence=0.6)
                else:
                    self._make_group(tuple(sorted((old_i, k))), (new_j,), confidence=0.6)

    def _absorb_target(self, src: _Side, dst: _Side, link_src, link_dst, k: int) -> tuple[int, int] | None:
        """The weak pair (old, new) that free point k of ``src`` would join as a piece, if any."""
        if k in link_src or not src.seq[k] or len(src.seq[k]) < 2:
            return None
        n_src = len(src.points)
        part = src.counts[k]
        best, best_c = None, ABSORB
        for d in range(-ABSORB_REACH, ABSORB_REACH + 1):
            nb = k + d
            if d == 0 or not 0 <= nb < n_src:
                continue
            whole = link_src.get(nb)
            if whole is None or whole < 0:
                continue
            old_i = whole if src is self.n else nb
            lk = self.links.get(old_i)
            if lk is None or lk.matched_by not in ("order", "label", "containment"):
                continue
            if lk.similarity >= self.opts.threshold:
                continue
            new_j = lk.new[0]
            if (old_i, k) in self.forbid if src is self.n else (k, new_j) in self.forbid:
                continue
            whole_counts = self._full_counts(dst, whole)
            c = containment(part, whole_counts)
            if c < best_c:
                continue
            # the piece must bring words of the whole that its partner does not already supply
            partner = src.counts[nb]
            before = containment(whole_counts, partner)
            if containment(whole_counts, partner | part) - before < MIN_GAIN:
                continue
            best, best_c = (old_i, new_j), c
        if best is None or self._free_rival(src, dst, link_dst, k, best_c):
            return None
        return best

    # -- pass 6: deferred tracks
    def track_pass(self) -> None:
        """Leftover pairs where one side stands on a deferred track and the other does not (or on another).

        The score is the larger of the similarity and 0.8 x the containment of the shorter in the longer
        (a track often lists a provision by a short summary). A pair below ``track_floor`` but at or above
        ``label_floor`` that shares at least ``TRACK_RARE_SHARED`` rare words (see :meth:`_evidence`) is
        taken too: a provision brought back from a track into the main text is often rewritten around the
        same key words ("territorial arrangements", "line of contact").
        """
        olds, news = self.free_old(), self.free_new()
        track_o = {i: self.o.points[i].track for i in olds}
        track_n = {j: self.n.points[j].track for j in news}
        if not any(track_o.values()) and not any(track_n.values()):
            return
        pairs: list[tuple[int, int]] = []
        if len(olds) * len(news) <= ALL_PAIRS_CELLS * 4:
            pairs = [(i, j) for i in olds for j in news if track_o[i] != track_n[j]]
        else:  # large: tracked points on either side look for partners among their index proposals
            post_o, post_n = self._postings(self.o), self._postings(self.n)
            free_o, free_n = set(olds), set(news)
            found: set[tuple[int, int]] = set()
            for j in news:
                if track_n[j]:
                    found.update((i, j) for i in self._proposals(self.n.seq[j], post_o, free_o))
            for i in olds:
                if track_o[i]:
                    found.update((i, j) for j in self._proposals(self.o.seq[i], post_n, free_n))
            pairs = sorted(p for p in found if track_o[p[0]] != track_n[p[1]])
        edges: dict[tuple[int, int], float] = {}
        for i, j in pairs:
            if (i, j) in self.forbid:
                continue
            s = self.scorer.sim(i, j)
            co, cn = self.o.counts[i], self.n.counts[j]
            shorter, longer = (co, cn) if sum(co.values()) <= sum(cn.values()) else (cn, co)
            score = max(s, 0.8 * containment(shorter, longer)) if len(shorter) >= 2 else s
            if score >= self.opts.track_floor or (
                score >= self.opts.label_floor and self._evidence(i, j) >= TRACK_RARE_SHARED
            ):
                edges[(i, j)] = score
        for i, j in assign(edges):
            self._link(i, j, self.scorer.sim(i, j, exact=True), round(min(1.0, edges[(i, j)]), 4), "track")

    def _proposals(self, seq: str, postings: dict[str, list[int]], allowed: set[int]) -> list[int]:
        toks = sorted(set(seq), key=lambda c: (len(postings.get(c, ())), c))[:TOKENS_PER_QUERY]
        votes: Counter = Counter()
        for c in toks:
            votes.update(k for k in postings.get(c, ()) if k in allowed)
        return [k for k, _ in votes.most_common(INDEX_CANDIDATES)]

    def run(self) -> list[Link]:
        self.exact()
        exact = {i for i, lk in self.links.items() if lk.matched_by == "exact"}
        self.df, self.n_active, self._codec, self._rep = _tokenise(
            self.o,
            self.n,
            [i for i in range(len(self.o.points)) if i not in exact],
            [j for j in range(len(self.n.points)) if self.n2o.get(j) not in exact],
        )
        for i, j in self.pins:
            self.links[i].similarity = self.scorer.sim(i, j, exact=True)
        self.scored_pass(relaxed=False)
        self.containment_pass()
        self.scored_pass(relaxed=True)
        self.absorb_pass()
        self.track_pass()
        links = [lk for lk in self.links.values()] + self.groups
        links.sort(key=lambda lk: (lk.old[0], lk.new[0]))
        return links


def align(
    old: Sequence[Point],
    new: Sequence[Point],
    options: AlignOptions | None = None,
    *,
    pins: Sequence[tuple[int, int]] = (),
    forbid: Iterable[tuple[int, int]] = (),
    hints: dict[int, list[tuple[int, float]]] | None = None,
) -> list[Link]:
    """Pair the points of ``old`` with those of ``new`` (siblings at one level); indices, sorted by old.

    ``hints``, when given, receives for each old point left unpaired the new points, also left unpaired,
    that sat in its place but shared no rare word with it (``{old: [(new, similarity), ...]}``): the
    pairings the order pass declined, for the caller to report as low-confidence alternatives.

    >>> from draftdiff.model import draft_from_texts
    >>> a = draft_from_texts(["Ceasefire at once.", "Elections within 100 days.", "Amnesty for all."]).points
    >>> b = draft_from_texts(["A ceasefire takes effect at once.", "Elections within 100 days."]).points
    >>> [(lk.old, lk.new, lk.matched_by) for lk in align(a, b)]
    [((0,), (0,), 'fuzzy'), ((1,), (1,), 'exact')]
    """
    aligner = _Aligner(old, new, options or AlignOptions(), pins, frozenset(forbid))
    links = aligner.run()
    if hints is not None:
        for i, lst in aligner.unpaired.items():
            if i not in aligner.o2n:
                free = [(j, s) for j, s in lst if j not in aligner.n2o]
                if free:
                    hints[i] = sorted(free, key=lambda t: (-t[1], t[0]))
    return links
