"""Every threshold and constant of the comparison engine, in one place.

:class:`AlignOptions` holds the thresholds a user may set; :data:`DEFAULTS` is its default instance, the
one source of the defaults (``CompareOptions`` and the CLI help read theirs from it). The module
constants below are the engine's fixed choices, each with its own doc comment. docs/engine.md has the
table and says how they were chosen: on bench/accuracy's synthetic and hand-written calibration sets,
checked on drafts/ and the corpus pairs, never tuned per document.

>>> DEFAULTS.threshold, AlignOptions(threshold=0.6).threshold
(0.5, 0.6)
>>> DEFAULTS.order_floor < DEFAULTS.threshold < DEFAULTS.move_threshold
True
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULTS", "REVISED_BELOW", "AlignOptions"]


@dataclass(frozen=True, slots=True)
class AlignOptions:
    """The thresholds a user may set (``CompareOptions`` passes them on; docs/engine.md, *Options*).

    threshold       similarity at or above which a pair in the same gap between anchors may be matched on
                    its words alone.
    move_threshold  the same for a pair that crosses an anchor (a move): moves are rarer than edits in
                    place, so they need more evidence.
    margin          weight difference under which a rival pairing is a near tie (reported as an
                    alternative; it lowers the confidence).
    order_floor     lowest similarity for a pair that sits in the same gap between anchors.
    label_floor     lowest similarity for a pair in the same gap that also has the same label.
    contain         share of a point's words that must lie in the other for a merge or split member.
    cover           share of the merged (split) point's words that the group must account for.
    track_floor     lowest score for pairing a leftover old point with a deferred-track point.
    structure       whether a pair in a one-to-one slot between linked neighbours links on its place
                    alone (``matched_by="structure"``, a rewrite in place) unless the text contradicts it.
    exhaustive      score every pair instead of proposed candidates (slow; the reference for bench).
    across_tree     one-sided points are paired across the tree after the levels are aligned
                    (``CompareOptions.across_tree``): then a flat point is not merged into a short heading
                    over sub-points (``GroupPasses._heading_over``), since it has moved under it.
    """

    threshold: float = 0.5
    move_threshold: float = 0.6
    margin: float = 0.05
    order_floor: float = 0.22
    label_floor: float = 0.12
    contain: float = 0.6
    cover: float = 0.6
    track_floor: float = 0.3
    structure: bool = True
    exhaustive: bool = False
    across_tree: bool = True


#: The default options: the one place the defaults are written.
DEFAULTS = AlignOptions()

#: Below this similarity a matched pair without flags is still called revised (its words are too far apart
#: to claim the substance stayed). Used by :mod:`draftdiff.classify`.
REVISED_BELOW = 0.25

# ---------------------------------------------------------------- evidence (token views, similarity)

#: Rare tokens weigh up to this many times a token found in every point (see ``evidence.tokenise``).
MAX_TOKEN_WEIGHT = 4
#: A point whose own text has fewer words than this is matched on its text with its sub-points' texts.
SHORT_OWN_TEXT_WORDS = 4
#: Two points whose weighted token strings together exceed this are compared on their word bags only.
LONG_SIM_CHARS = 200_000
#: Texts longer than this are normalised and tokenised in one go by the exact pass (the tokens are kept for
#: the fuzzy pass; most short texts never need tokens).
PROFILE_CHARS = 2_000
#: Points without informative tokens are compared on their normalised text, this much discounted.
NO_TOKEN_RATIO_WEIGHT = 0.8
#: The scorer skips a pair that cannot reach this share of the lowest floor of any pass (length ratio).
SCORER_FLOOR_SHARE = 0.9
#: Two section heads whose sub-points share at least this many identical texts may pair through them ...
CHILDREN_MIN_COMMON = 2
#: ... when those make at least this Dice coefficient over both lists (a section retitled, its rules kept).
CHILDREN_FLOOR = 0.25
#: A token is *rare* when held by at most this share of the points in play ...
RARE_TOKEN_SHARE = 0.1
#: ... or by at most this many points (in a small level).
RARE_TOKEN_MIN = 4

# ---------------------------------------------------------------- candidates

#: Index candidates kept per point (the points with most votes from its rarest tokens).
INDEX_CANDIDATES = 12
#: Gap candidates per point (the free points between the same anchors, nearest the same relative place).
GAP_CANDIDATES = 6
#: Equal-label candidates per point.
LABEL_CANDIDATES = 3
#: The rarest informative tokens of a point that vote in the inverted index.
TOKENS_PER_QUERY = 8
#: A token held by more than max(this, sqrt(N)) points does not vote.
MIN_VOTING_DF = 12
#: Below this many old x new leftover pairs every pair is scored (no candidate generation).
ALL_PAIRS_CELLS = 40_000
#: The wide search (a point against every leftover) runs for at most this many pairs in all.
WIDE_SEARCH_PAIRS = 400_000
#: The wide search keeps hits at or above this share of ``threshold`` ...
WIDE_SEARCH_CUTOFF = 0.8
#: ... and at most this many per point.
WIDE_SEARCH_HITS = 5

# ---------------------------------------------------------------- assignment weight and confidence

#: Added (times 0.5 + 0.5 x closeness) to a pair's similarity in the assignment weight when it lies in the
#: same gap between anchors.
ORDER_BONUS = 0.15
#: Added to the weight of a pair with equal printed labels.
LABEL_BONUS = 0.05
#: Similarity a move needs in the first scored pass (before merges and splits); later, ``move_threshold``.
FIRST_PASS_MOVE = 0.8
#: Components of the candidate graph up to this many cells are solved exactly; larger ones greedily.
EXACT_ASSIGNMENT_CELLS = 40_000
#: Confidence of an exact pair whose text occurs several times (paired in document order).
DUPLICATE_EXACT_CONFIDENCE = 0.9

# ---------------------------------------------------------------- merges and splits (groups.py)

#: A piece found only through the index must lie this fully in its container (nothing in the order
#: supports it); also the containment of a grown 1:1 pair (a clause added or cut).
CONTAIN_FAR = 0.8
#: Index proposals tried as far containers.
FAR_CANDIDATES = 5
#: Each member of a group must add this much to the coverage of the whole.
MIN_GAIN = 0.1
#: Confidence of a merge or split found by containment.
GROUP_CONFIDENCE = 0.8
#: Absorb pass: a free point this near (in places) to a weak pair ...
ABSORB_REACH = 2
#: ... lying this much inside its counterpart (with sub-points) joins it as a piece of a split or merge.
ABSORB = 0.3
#: Confidence of a merge or split found by the absorb pass.
ABSORB_CONFIDENCE = 0.6
#: Beyond this many free points the absorb pass looks for rivals among index proposals only.
ABSORB_RIVAL_SCAN = 200

# ---------------------------------------------------------------- tracks (tracks.py)

#: Track pass: rare tokens a pair below ``track_floor`` must share to be taken.
TRACK_RARE_SHARED = 3
#: Track pass: the containment of the shorter text in the longer counts this much.
TRACK_CONTAIN_WEIGHT = 0.8
#: Track pass: up to this many leftover pairs, every pair is scored.
TRACK_ALL_PAIRS_CELLS = 160_000

# ---------------------------------------------------------------- structure (structure.py)

#: A structure link is declined when either point has a free partner elsewhere this much more similar
#: than the pair itself (the text positively contradicts the place) ...
STRUCTURE_RIVAL_MARGIN = 0.1
#: ... and at least this similar.
STRUCTURE_RIVAL_FLOOR = 0.22
#: Beyond this many free points a structure link looks for rivals among index proposals only.
STRUCTURE_RIVAL_SCAN = 200
#: Rounds of the structure pass: each round's links make the neighbours of the next slots linked.
STRUCTURE_ROUNDS = 4
#: Confidence of a structure link: this, plus up to as much again from the pair's similarity.
STRUCTURE_CONFIDENCE = 0.4
#: A slot of several points on each side pairs in order only when all labels agree pairwise; at most
#: this many points a side.
STRUCTURE_SLOT_MAX = 8
#: A slot whose labels agree under an offset (old n is new n + k, see ``structure.plan_slot``) pairs in
#: order with at most this many points a side.
STRUCTURE_SHIFT_SLOT_MAX = 12
#: A slot plan (``structure.plan_slot``) adds this to a pair's similarity when both points have the same
#: shape (no sub-points, or as many), half of it when both have some: where a deletion inside a slot
#: lies, the skeleton may say when the words do not.
STRUCTURE_SHAPE_BONUS = 0.05

# ---------------------------------------------------------------- links across depths (depth.py)

#: A one-sided point (dropped or added, at any depth) pairs with one on the other side whose parent is
#: not its own parent's partner at this similarity when either parent is one-sided too (a section that
#: exists in one draft only: a flat list regrouped, or sections flattened) ...
ACROSS_FLOOR_LOOSE = 0.15
#: ... and at this similarity when both parents are kept (a point moved from one kept section into
#: another: as much evidence as a pair in place needs).
ACROSS_FLOOR = 0.5
#: Each point of a link across depths must be the other's best remaining candidate by this much.
ACROSS_MARGIN = 0.02
#: Above this many candidate pairs (one-sided old x one-sided new points) the pass links nothing.
ACROSS_MAX_CELLS = 400_000
#: Confidence of a link across depths: half from the similarity (up to ``threshold``), half from its lead
#: over the runner-up, full at this lead.
ACROSS_CONFIDENCE_GAP = 0.1
#: A link between two kept parents (``ACROSS_FLOOR``) below this similarity ...
ACROSS_SURE = 0.8
#: ... must share at least this many distinct informative word stems: two short phrases of one pattern
#: ("the repair of bridges across X") are no evidence that a point moved.
ACROSS_KEPT_WORDS = 7
#: A link through a one-sided parent stands when that parent sees at least this many of its sub-points
#: linked across (all of them, when it has fewer): a section regrouped, not one look-alike.
ACROSS_MIN_SIBLINGS = 2
#: A point whose normalised text occurs once in each draft, at different depths, is kept out of the
#: per-level alignment for its twin (``compare._Run.reserve_exact_across``), unless that would forbid more
#: than this many pairs (reserved points x top-level points, a bound on the cost).
RESERVED_MAX_PAIRS = 2_000_000

# ---------------------------------------------------------------- history (lineage.py)

#: The similarity a dropped provision and a later addition must reach to be linked as a restore. Higher
#: than the engine's pairing threshold (0.5): the look-up searches everything later drafts add, across
#: drafts, so a chance resemblance has many more chances (bench/history_speed.py measures the false links).
RESTORE_THRESHOLD = 0.7
#: A restore the engine calls revised (its substance differs) must be this much more similar still.
RESTORE_REVISED_EXTRA = 0.15
