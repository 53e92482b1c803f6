"""Properties of the history on random series (hypothesis), through the real engine.

Whatever the edits: every point of every draft is in exactly one lineage, every step agrees with the
pairwise comparison (or is a documented restore / follow-the-parent step), and a series of one draft
repeated is one unchanged lineage per point.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from draftdiff.history import Fate, blame, build_history
from draftdiff.model import Draft, Point
from test_history_core import assert_partition
from test_history_series import OPTIONS, check_against_pairwise

WORDS = [
    "ceasefire",
    "troops",
    "border",
    "amnesty",
    "elections",
    "sanctions",
    "assets",
    "monitoring",
    "council",
    "guarantee",
    "prisoners",
    "exchange",
    "territory",
    "reconstruction",
    "fund",
    "treaty",
    "referendum",
    "corridor",
    "pipeline",
    "grain",
    "within",
    "days",
    "shall",
    "may",
    "must",
    "not",
    "all",
    "parties",
    "signature",
]

sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=12).map(
    lambda ws: " ".join(ws).capitalize() + "."
)


@st.composite
def drafts(draw, source):
    texts = draw(st.lists(sentence, min_size=1, max_size=8))
    points = []
    for k, text in enumerate(texts, 1):
        subs = draw(st.lists(sentence, max_size=2))
        track = draw(st.sampled_from([None, None, None, "Deferred to leaders' talks"]))
        children = tuple(Point(f"{k}.{chr(96 + j)}", chr(96 + j), t) for j, t in enumerate(subs, 1))
        points.append(Point(str(k), str(k), text, track=track, points=children))
    return Draft(source=source, points=tuple(points))


@st.composite
def series(draw):
    first = draw(drafts("d1.md"))
    out = [first]
    for n in range(draw(st.integers(1, 3))):
        prev = out[-1]
        pts = list(prev.points)
        # edits of the previous draft: keep, reword, drop, add, bring back a point of an earlier draft
        edited = []
        for p in pts:
            action = draw(st.sampled_from(["keep", "keep", "reword", "drop"]))
            if action == "keep":
                edited.append(p)
            elif action == "reword":
                edited.append(Point(p.id, p.label, draw(sentence), track=p.track, points=p.points))
        if draw(st.booleans()):
            edited.insert(draw(st.integers(0, len(edited))), Point("x", "x", draw(sentence)))
        if len(edited) >= 2 and draw(st.booleans()):  # merge two neighbours
            i = draw(st.integers(0, len(edited) - 2))
            a, b = edited[i], edited[i + 1]
            edited[i : i + 2] = [Point(a.id, a.label, a.text + " " + b.text, track=a.track, points=a.points)]
        if edited and draw(st.booleans()):  # split one point at a sentence boundary it gets
            i = draw(st.integers(0, len(edited) - 1))
            p = edited[i]
            words = p.text.rstrip(".").split()
            if len(words) >= 6:
                cut = len(words) // 2
                edited[i : i + 1] = [
                    Point(p.id, p.label, " ".join(words[:cut]) + ".", track=p.track, points=p.points),
                    Point("y", "y", " ".join(words[cut:]).capitalize() + ".", track=p.track),
                ]
        earlier = [p for d in out[:-1] for p in d.points]
        if earlier and draw(st.booleans()):
            edited.append(draw(st.sampled_from(earlier)))
        if not edited:
            edited = [Point("x", "x", draw(sentence))]
        renum = tuple(
            Point(
                str(k),
                str(k),
                p.text,
                track=p.track,
                points=tuple(Point(f"{k}.{c.label}", c.label, c.text) for c in p.points),
            )
            for k, p in enumerate(edited, 1)
        )
        out.append(Draft(source=f"d{n + 2}.md", points=renum))
    return out


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(series())
def test_every_step_agrees_with_the_pairwise_comparisons(drafts_):
    h = build_history(drafts_, options=OPTIONS)
    check_against_pairwise(h)
    # blame covers every point of the last draft, and its drafts are in the lineage's past
    entries = blame(h)
    assert [e.point.id for e in entries] == [p.id for p in drafts_[-1].walk()]
    for e in entries:
        assert e.introduced <= e.changed <= len(drafts_) - 1


@FAST
@given(drafts("same.md"), st.integers(2, 4))
def test_a_draft_repeated_is_unchanged_throughout(draft, times):
    h = build_history([draft] * times, options=OPTIONS)
    assert_partition(h)
    assert len(h.lineages) == sum(1 for _ in draft.walk())
    for ln in h.lineages:
        assert [s.fate for s in ln.steps] == [Fate.INITIAL] + [Fate.UNCHANGED] * (times - 1)
