"""Every threshold and constant of the alignment engine, in one place.

:class:`AlignOptions` holds the thresholds a user may set (``CompareOptions`` and the CLI read their
defaults from it); the module constants below are the engine's fixed choices, each documented where it
is defined. docs/engine.md has the table and says how they were chosen (on bench/accuracy's synthetic
drafts, checked on drafts/ and the corpus pairs; never tuned per document).

>>> AlignOptions().threshold, AlignOptions(threshold=0.6).threshold
(0.5, 0.6)
>>> ORDER_BONUS + LABEL_BONUS
0.2
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AlignOptions"]


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


#: Rare tokens weigh up to this many times a token found in every point (see :func:`_tokenise`).
MAX_TOKEN_WEIGHT = 4
#: Components of the candidate graph up to this many cells are solved exactly; larger ones greedily.
EXACT_ASSIGNMENT_CELLS = 40_000
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
