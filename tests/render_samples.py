"""Hand-built comparisons for the renderer tests: every kind, sub-points, flags, near ties.

Built directly from the result types (the renderers' input), independent of the engine, so that a
renderer test fails only when a renderer is wrong.
"""

from __future__ import annotations

from draftdiff.changes import Alternative, Change, Comparison, DiffOp, Flag, Kind
from draftdiff.model import Draft, Point


def P(pid: str, text: str, *points: Point, label: str | None = None, track: str | None = None) -> Point:
    return Point(id=pid, label=label or pid.rsplit(".", 1)[-1], text=text, track=track, points=tuple(points))


OLD = Draft(
    source="old.md",
    title="Plan A",
    date="2025-11-20",
    points=(
        P("1", "Sovereignty is confirmed."),
        P("2", "A non-aggression accord is signed."),
        P("3", "NATO does not enlarge.", P("3.a", "No new members."), P("3.b", "No new bases.")),
        P("4", "The army is capped at 600,000."),
        P("5", "Fighter jets are based in Poland."),
        P("6", "Guarantees: the US is compensated.", P("6.a", "Compensation is paid."), P("6.b", "Void on attack.")),
        P("7", "Territory is recognised de facto."),
        P("8", "Elections are held within 100 days."),
        P("9", "Frozen assets fund reconstruction."),
        P("10", "Assets are pooled with the US."),
        P("11", "Amnesty for all parties and a prisoner exchange."),
    ),
)

NEW = Draft(
    source="new.md",
    title="Plan B",
    date="2025-11-23",
    points=(
        P("1", "Sovereignty is confirmed."),
        P("2", "The army is capped at 800,000."),
        P("3", "A non-aggression accord is signed."),
        P("4", "Fighter jets are stationed in Poland."),
        P("5", "Guarantees: the US is compensated.", P("5.a", "Compensation is paid."), P("5.b", "Void if attacked.")),
        P("6", "Elections are held as soon as possible."),
        P("7", "Frozen assets fund reconstruction and are pooled with the US."),
        P("8", "Amnesty for all parties."),
        P("9", "A prisoner exchange, all for all."),
        P("10", "Monitoring by a peace council."),
        P("11", "Territory is recognised de facto.", track="Deferred to leaders' talks"),
    ),
)


def _d(*ops: tuple[str, str]) -> tuple[DiffOp, ...]:
    return tuple(DiffOp(op, text) for op, text in ops)


CHANGES = (
    Change(Kind.UNCHANGED, ("1",), ("1",), similarity=1.0, confidence=1.0, matched_by="exact"),
    Change(Kind.UNCHANGED, ("2",), ("3",), 1.0, 1.0, "exact", moved=True, renumbered=True),
    Change(Kind.DROPPED, ("3",)),
    Change(
        Kind.REVISED,
        ("4",),
        ("2",),
        similarity=0.86,
        confidence=0.9,
        matched_by="fuzzy",
        renumbered=True,
        flags=(Flag("number", "600,000", "800,000"),),
        diff=_d(("equal", "The army is capped at "), ("delete", "600,000"), ("insert", "800,000"), ("equal", ".")),
    ),
    Change(
        Kind.REWORDED,
        ("5",),
        ("4",),
        0.8,
        0.42,
        "fuzzy",
        renumbered=True,
        diff=_d(("equal", "Fighter jets are "), ("delete", "based"), ("insert", "stationed"), ("equal", " in Poland.")),
        alternatives=(Alternative(("9",), 0.78),),
    ),
    Change(
        Kind.UNCHANGED,
        ("6",),
        ("5",),
        1.0,
        1.0,
        "exact",
        renumbered=True,
        children=(
            Change(Kind.UNCHANGED, ("6.a",), ("5.a",), 1.0, 1.0, "exact"),
            Change(
                Kind.REVISED,
                ("6.b",),
                ("5.b",),
                0.7,
                0.8,
                "order",
                diff=_d(("equal", "Void "), ("delete", "on attack"), ("insert", "if attacked"), ("equal", ".")),
            ),
        ),
    ),
    Change(Kind.DEFERRED, ("7",), ("11",), 1.0, 1.0, "track", track="Deferred to leaders' talks"),
    Change(
        Kind.REVISED,
        ("8",),
        ("6",),
        0.6,
        0.7,
        "label",
        renumbered=True,
        flags=(Flag("date", "within 100 days", "as soon as possible"),),
        diff=_d(
            ("equal", "Elections are held "),
            ("delete", "within 100 days"),
            ("insert", "as soon as possible"),
            ("equal", "."),
        ),
    ),
    Change(Kind.MERGED, ("9", "10"), ("7",), 0.9, 0.85, "containment"),
    Change(Kind.SPLIT, ("11",), ("8", "9"), 0.8, 0.8, "containment"),
    Change(Kind.ADDED, (), ("10",)),
)

SAMPLE = Comparison(OLD, NEW, CHANGES)

#: Rich markup, ANSI CSI colour, an OSC 8 hyperlink, an OSC 0 window title, a C1 CSI, a bidi override,
#: and other control characters.
HOSTILE = (
    "[bold red]ALERT[/bold red] \x1b[31mred\x1b[0m "
    "\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07 "
    "\x1b]0;pwned\x07 \x9b2J \u202etxt.exe\u202c bell\x07 cr\r back\x08 <script>alert(1)</script> "
    "| *star* _under_ `tick` [link](http://x) ~~s~~ &amp;"
)

#: What a hostile file name may hold (no "/" or NUL, which no file name can).
HOSTILE_NAME = "evil\x1b[31m\x1b]0;title\x07\u202e[bold]x.md"


def hostile_comparison() -> Comparison:
    """Every text field that reaches a report holds hostile text."""
    old = Draft(
        source=HOSTILE_NAME,
        title="Title " + HOSTILE,
        date="2025\x1b[2J",
        points=(P("1", HOSTILE), P("2", "Kept " + HOSTILE, P("2.a", "Sub " + HOSTILE)), P("3", "x " + HOSTILE)),
    )
    new = Draft(
        source=HOSTILE_NAME + "2",
        title="New " + HOSTILE,
        points=(
            P("1", "Kept " + HOSTILE, P("1.a", "Sub2 " + HOSTILE)),
            P("2", "Added " + HOSTILE),
            P("3", "x " + HOSTILE, track=HOSTILE),
        ),
    )
    changes = (
        Change(Kind.DROPPED, ("1",)),
        Change(
            Kind.REVISED,
            ("2",),
            ("1",),
            0.5,
            0.5,
            "fuzzy\x1b[31m",
            renumbered=True,
            flags=(Flag("party\x1b]0;t\x07", HOSTILE, "B" + HOSTILE),),
            diff=_d(("equal", "Kept "), ("delete", HOSTILE), ("insert", "[/]" + HOSTILE), ("equal", " \x1b[0m")),
            children=(
                Change(Kind.REVISED, ("2.a",), ("1.a",), 0.5, 0.5, "order",
                       diff=_d(("delete", "Sub "), ("insert", "Sub2 "), ("equal", HOSTILE))),
            ),
            alternatives=(Alternative(("3\x1b[1m",), 0.4),),
        ),
        Change(Kind.DEFERRED, ("3",), ("3",), 1.0, 1.0, "track", track=HOSTILE),
        Change(Kind.ADDED, (), ("2",)),
    )
    return Comparison(old, new, changes)
