"""Synthetic negotiation drafts with ground truth, for bench/accuracy.py and bench/speed.py.

A base draft of N treaty-like provisions is built from word banks (fictional parties and places,
numbers, dates, modal verbs, some points with lettered sub-points); an edited draft is derived from
it by the edits negotiators make: renumbering, moves, light and heavy rewording, paraphrase,
changes of numbers, modality, negation, dates and parties, merges, splits, drops, additions and
deferral to a "Deferred to leaders' talks" section. The ground truth says what became of every
provision. Everything is drawn from ``random.Random(seed)``: the same seed and rates give the same
drafts and truth, byte for byte.

>>> case = generate(40, seed=3)
>>> len(case.old.points)
40
>>> case == generate(40, seed=3)
True
>>> sorted({e.kind for e in case.truth}) <= sorted(KINDS)
True

Conventions of the truth (documented in bench/README.md):

* one :class:`Expected` per top-level change: ``old``/``new`` are point ids; every old and every
  new top-level id occurs in exactly one entry;
* ``kind`` is the kind a perfect engine reports; ``accept`` the kinds counted as right (a heavy
  reword or a paraphrase may be called reworded or revised; everything else has one kind);
* the kind of a parent describes its own text; what happened to its sub-points is in
  ``children`` (only under 1:1 pairs; under those, every sub-point id of both sides occurs once);
* ``flags`` are the substance-flag types the edit calls for (number, date, modality, negation,
  party); ``edits`` are the generator's operations, for diagnosis.

Command line: ``python bench/generator.py 200 --seed 1 --out DIR`` writes DIR/old.md, DIR/new.md
(Markdown the reader understands) and DIR/truth.json.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

try:
    from draftdiff.model import Draft, Point
except ModuleNotFoundError:  # running from a checkout without the package installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from draftdiff.model import Draft, Point

__all__ = [
    "DEFERRED_TRACK",
    "FLAG_TYPES",
    "KINDS",
    "MODES",
    "Case",
    "Expected",
    "Rates",
    "draft_to_markdown",
    "generate",
    "generate_mode",
    "truth_to_dict",
    "write_case",
]

KINDS = ("unchanged", "reworded", "revised", "merged", "split", "dropped", "added", "deferred")
FLAG_TYPES = ("number", "date", "negation", "modality", "party")
MATCHED_KINDS = ("unchanged", "reworded", "revised", "merged", "split", "deferred")
DEFERRED_TRACK = "Deferred to leaders' talks"


@dataclass(frozen=True)
class Rates:
    """How often each edit is applied: a share of the base points (groups for merges and splits).

    The defaults are a plausible negotiation round: ~10% dropped, ~5% added, a few merges, splits
    and deferrals, ~30% reworded or revised, and renumbering throughout (drops, additions and moves
    shift every number after them).
    """

    drop: float = 0.10
    add: float = 0.05
    merge: float = 0.02  # merge groups (2 or 3 consecutive points each)
    split: float = 0.02
    defer: float = 0.02
    move: float = 0.05  # share of surviving points moved elsewhere
    light: float = 0.12  # light reword: a few synonyms or a clause moved
    heavy: float = 0.06  # heavy reword: every synonym, clauses rephrased and moved
    paraphrase: float = 0.04  # other words throughout, same substance
    number: float = 0.03
    modality: float = 0.02
    negation: float = 0.02
    date: float = 0.02
    party: float = 0.02
    combo: float = 0.3  # share of substance edits that are also lightly reworded
    subpoints: float = 0.12  # share of base points that carry lettered sub-points
    sub_edit: float = 0.25  # share of sub-points edited under a kept parent


@dataclass(frozen=True)
class Expected:
    """One expected change: see the module docstring for the conventions."""

    kind: str
    old: tuple[str, ...] = ()
    new: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    edits: tuple[str, ...] = ()
    track: str | None = None
    children: tuple[Expected, ...] = ()

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass(frozen=True)
class Case:
    """A generated pair of drafts and what a perfect engine would say about them."""

    old: Draft
    new: Draft
    truth: tuple[Expected, ...]
    seed: int
    rates: Rates = field(default_factory=Rates)
    mode: str = "default"  # see MODES and generate_mode


# --------------------------------------------------------------------------------------------
# Word banks (all invented for this project). Each phrasing family lists several wordings of the
# same substance: index 0 is the usual one, the others serve rewording and paraphrase.

STATES = ("Arvenia", "Belmora", "Castavia", "Dravonia", "Eskaria", "Fennmark", "Galvania", "Hestria")
BODIES = ("the Joint Commission", "the Monitoring Mission", "the Guarantor States", "the Parties")
STRONG = ("shall", "must", "will")
WEAK = ("may", "should", "could")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# (phrasings, objects, number range (lo, hi, step) or None, needs P2)
ACTIONS: tuple[
    tuple[tuple[str, ...], tuple[tuple[str, ...], ...], tuple[int, int, int] | None, bool], ...
] = (
    (
        (
            "{A} {MV} withdraw {obj} from {place}",
            "{A} {MV} pull {obj} out of {place}",
            "{A} {MV} remove {obj} from the territory of {place}",
        ),
        (
            ("its armed forces", "its military units", "its troops"),
            ("all heavy weapons", "every piece of heavy weaponry", "its heavy armaments"),
            ("foreign mercenaries", "hired foreign fighters", "mercenary formations"),
        ),
        None,
        False,
    ),
    (
        (
            "{A} {MV} limit {obj} to {num} personnel",
            "{A} {MV} keep {obj} at or below {num} people",
            "{A} {MV} cap the strength of {obj} at {num} staff",
        ),
        (
            ("its armed forces", "its military units", "its troops"),
            ("its border guard", "its frontier service", "the frontier guard"),
        ),
        (10_000, 900_000, 1_000),
        False,
    ),
    (
        (
            "{A} {MV} contribute {num} million euros to {obj}",
            "{A} {MV} provide funding of {num} million euros for {obj}",
            "{A} {MV} allocate {num} million euros towards {obj}",
        ),
        (
            ("the reconstruction fund", "the rebuilding trust", "the recovery facility"),
            ("humanitarian relief in {place}", "emergency aid for {place}", "relief operations in {place}"),
        ),
        (5, 900, 5),
        False,
    ),
    (
        (
            "{A} {MV} hold elections in {place}",
            "{A} {MV} organise a popular vote across {place}",
            "{A} {MV} conduct a ballot throughout {place}",
        ),
        ((),),
        None,
        False,
    ),
    (
        (
            "{A} {MV} release {num} detained persons held in {place}",
            "{A} {MV} free {num} prisoners kept in {place}",
            "{A} {MV} set at liberty {num} captives from {place}",
        ),
        ((),),
        (100, 9_000, 10),
        False,
    ),
    (
        (
            "{A} {MV} guarantee the security of {P2}",
            "{A} {MV} ensure that {P2} is protected against attack",
            "{A} {MV} act as guarantor of the safety of {P2}",
        ),
        ((),),
        None,
        True,
    ),
    (
        (
            "{A} {MV} recognise the existing boundary with {P2} along {place}",
            "{A} {MV} accept the current line of separation from {P2} at {place}",
            "{A} {MV} acknowledge the present frontier shared with {P2} near {place}",
        ),
        ((),),
        None,
        True,
    ),
    (
        (
            "{A} {MV} establish a demilitarised zone of {num} kilometres around {place}",
            "{A} {MV} create a buffer area {num} kilometres wide surrounding {place}",
            "{A} {MV} set up a weapons-free belt extending {num} kilometres from {place}",
        ),
        ((),),
        (5, 60, 1),
        False,
    ),
    (
        (
            "{A} {MV} lift the sanctions imposed on {P2}",
            "{A} {MV} remove the restrictive measures adopted against {P2}",
            "{A} {MV} end the economic penalties applied to {P2}",
        ),
        ((),),
        None,
        True,
    ),
    (
        (
            "{A} {MV} restore {obj} in {place}",
            "{A} {MV} bring {obj} back into operation across {place}",
            "{A} {MV} reopen {obj} serving {place}",
        ),
        (
            ("electricity and water supplies", "power and water networks", "energy and water utilities"),
            ("rail and road links", "railway and highway connections", "transport corridors"),
            ("schools and hospitals", "educational and medical facilities", "clinics and classrooms"),
        ),
        None,
        False,
    ),
    (
        (
            "{A} {MV} share {obj} with {P2}",
            "{A} {MV} exchange {obj} with {P2} on a regular basis",
            "{A} {MV} make {obj} available to {P2}",
        ),
        (
            (
                "data on troop movements",
                "information about military deployments",
                "reports on the positioning of forces",
            ),
            ("lists of missing persons", "records of people who disappeared", "registers of the missing"),
        ),
        None,
        True,
    ),
    (
        (
            "{A} {MV} meet with {P2} at least {num} times a year",
            "{A} {MV} hold no fewer than {num} annual rounds of talks with {P2}",
            "{A} {MV} convene {num} sessions every year together with {P2}",
        ),
        ((),),
        (2, 24, 1),
        True,
    ),
    (
        (
            "{A} {MV} grant an amnesty to {obj}",
            "{A} {MV} pardon {obj}",
            "{A} {MV} waive prosecution of {obj}",
        ),
        (
            (
                "all combatants involved in the conflict",
                "everyone who took part in the fighting",
                "former fighters of every side",
            ),
            (
                "persons convicted of political offences",
                "people sentenced for political crimes",
                "political prisoners",
            ),
        ),
        None,
        False,
    ),
    (
        ("{A} {MV} join {obj}", "{A} {MV} seek membership of {obj}", "{A} {MV} become a member of {obj}"),
        (
            (
                "the regional defence alliance",
                "the collective security pact",
                "the mutual defence organisation",
            ),
            ("the common market", "the single trading area", "the customs union"),
        ),
        None,
        False,
    ),
    (
        (
            "{A} {MV} protect the rights of {obj} in {place}",
            "{A} {MV} safeguard the freedoms of {obj} living in {place}",
            "{A} {MV} uphold the entitlements of {obj} resident in {place}",
        ),
        (
            ("linguistic minorities", "speakers of minority languages", "language communities"),
            ("religious communities", "faith groups", "congregations of every denomination"),
        ),
        None,
        False,
    ),
    (
        (
            "{A} {MV} deploy {num} observers to {place}",
            "{A} {MV} send {num} monitors into {place}",
            "{A} {MV} station {num} inspectors at {place}",
        ),
        ((),),
        (20, 3_000, 10),
        False,
    ),
    (
        (
            "{A} {MV} allow displaced persons to return to {place}",
            "{A} {MV} permit refugees to go back to their homes in {place}",
            "{A} {MV} facilitate the homecoming of people who fled {place}",
        ),
        ((),),
        None,
        False,
    ),
    (
        (
            "{A} {MV} reduce customs duties on goods from {P2} by {num} percent",
            "{A} {MV} cut import tariffs applied to {P2} products by {num} percent",
            "{A} {MV} lower the levies charged on imports originating in {P2} by {num} percent",
        ),
        ((),),
        (5, 60, 1),
        True,
    ),
    (
        (
            "{A} {MV} transfer control of the power station at {place} to {P2}",
            "{A} {MV} hand over the management of the {place} generating plant to {P2}",
            "{A} {MV} place the energy facility near {place} under the authority of {P2}",
        ),
        ((),),
        None,
        True,
    ),
    (
        (
            "{A} {MV} cease all hostilities along {place}",
            "{A} {MV} stop every military action on the front at {place}",
            "{A} {MV} halt fighting of any kind in the area of {place}",
        ),
        ((),),
        None,
        False,
    ),
    (
        (
            "{A} {MV} investigate {obj} committed in {place}",
            "{A} {MV} examine {obj} that occurred in {place}",
            "{A} {MV} open inquiries into {obj} carried out in {place}",
        ),
        (
            ("alleged war crimes", "suspected violations of the laws of war", "reported atrocities"),
            ("attacks on civilians", "assaults against the civilian population", "strikes on non-combatants"),
        ),
        None,
        False,
    ),
    (
        (
            "{A} {MV} extend a loan of {num} million euros to {P2}",
            "{A} {MV} lend {P2} {num} million euros",
            "{A} {MV} grant {P2} credit amounting to {num} million euros",
        ),
        ((),),
        (10, 5_000, 10),
        True,
    ),
    (
        (
            "{A} {MV} unfreeze {num} billion euros of assets belonging to {P2}",
            "{A} {MV} release {num} billion euros in blocked funds owned by {P2}",
            "{A} {MV} return frozen holdings of {P2} worth {num} billion euros",
        ),
        ((),),
        (1, 300, 1),
        True,
    ),
    (
        (
            "{A} {MV} report to {obj} on the implementation of this Agreement",
            "{A} {MV} submit progress reports on compliance with this Agreement to {obj}",
            "{A} {MV} inform {obj} about how this Agreement is being carried out",
        ),
        (("the Security Council",) * 3, ("the Council of Guarantors",) * 3),
        None,
        False,
    ),
)

INTROS = (
    (
        "Upon entry into force of this Agreement,",
        "Once this Agreement takes effect,",
        "From the day the Agreement becomes binding,",
    ),
    (
        "In accordance with international law,",
        "Consistent with the rules of international law,",
        "As international law requires,",
    ),
    (
        "Subject to parliamentary approval,",
        "Provided that the legislature consents,",
        "Once lawmakers have given their assent,",
    ),
    (
        "During the transitional period,",
        "While the transition lasts,",
        "For the duration of the interim phase,",
    ),
    (
        "As a confidence-building measure,",
        "To build mutual trust,",
        "In order to strengthen confidence between the sides,",
    ),
    ("On a reciprocal basis,", "Provided the other side does the same,", "In exchange for equivalent steps,"),
    (
        "Under international supervision,",
        "With international monitors overseeing the process,",
        "Under the watch of outside observers,",
    ),
)

QUALIFIERS = (
    ("in good faith", "honestly and sincerely", "with genuine intent"),
    (
        "under the supervision of the Monitoring Mission",
        "with oversight by the Monitoring Mission",
        "as overseen by the Monitoring Mission",
    ),
    (
        "in line with the agreed timetable",
        "following the schedule both sides accepted",
        "according to the calendar settled between them",
    ),
    (
        "in full respect of human rights",
        "while fully respecting human rights",
        "with complete regard for fundamental freedoms",
    ),
    ("at its own expense", "bearing all the costs itself", "without seeking reimbursement"),
    (
        "in consultation with local authorities",
        "after consulting the local administrations",
        "together with municipal officials",
    ),
    (
        "to the extent permitted by its constitution",
        "insofar as its constitution allows",
        "within the limits of its basic law",
    ),
)

SECONDS = (
    (
        "This obligation shall be reviewed by the Joint Commission office in {place}.",
        "The office of the Joint Commission in {place} shall review this commitment.",
        "Compliance with this duty shall be subject to review by the Joint Commission in {place}.",
    ),
    (
        "Disputes arising under this point about {place} shall be settled by arbitration.",
        "Any disagreement over {place} under this point shall go to an arbitral tribunal.",
        "Conflicts over the meaning of this point for {place} shall be resolved by arbitrators.",
    ),
    (
        "Costs incurred in {place} shall be shared equally among the Parties.",
        "The Parties shall split the expenses arising in {place} in equal parts.",
        "Each of the Parties shall bear an equal portion of the costs for {place}.",
    ),
    (
        "Progress in {place} shall be verified by independent experts.",
        "Independent specialists shall check the progress achieved in {place}.",
        "Outside experts shall confirm what has been accomplished in {place}.",
    ),
    (
        "The Monitoring Mission shall publish a progress report every quarter on {place}.",
        "Every three months the Monitoring Mission shall issue an account of developments in {place}.",
        "Quarterly, the Monitoring Mission shall make public its findings about {place}.",
    ),
    (
        "Implementation in {place} shall begin immediately after signature.",
        "Work on implementation in {place} shall start as soon as the text is signed.",
        "The Parties shall begin carrying this out in {place} right after signing.",
    ),
    (
        "Civilians in {place} shall be informed of these arrangements.",
        "The population of {place} shall be told about these arrangements.",
        "People living in {place} shall receive notice of what has been arranged.",
    ),
)

DATE_BACK = (" by {d}", " no later than {d}", " before {d}")
DATE_FRONT = ("By {d},", "No later than {d},", "Before {d},")

LEADINS = (
    "{A} {MV} take the following measures in {place}{date}:",
    "{A} {MV} be responsible for the following tasks in {place}{date}:",
    "{A} {MV} ensure the following in {place}{date}:",
)
LEADIN_PARAPHRASE = (
    "{A} {MV} carry out these steps in {place}{date}:",
    "{A} {MV} see to it that these things are done in {place}{date}:",
    "{A} {MV} guarantee each of the items below for {place}{date}:",
)

# (text, number range or None)
CHILDREN: tuple[tuple[str, tuple[int, int, int] | None], ...] = (
    ("the withdrawal of heavy weapons from {place};", None),
    ("the deployment of {num} observers to {place};", (20, 3_000, 10)),
    ("the reopening of border crossings near {place};", None),
    ("the exchange of {num} prisoners with {P2};", (50, 9_000, 10)),
    ("a census of displaced persons in {place};", None),
    ("the clearance of landmines around {place};", None),
    ("the demobilisation of {num} fighters in {place};", (500, 90_000, 100)),
    ("the repair of bridges across {place};", None),
    ("the return of cultural property taken from {place};", None),
    ("the registration of {num} returning families in {place};", (100, 50_000, 50)),
)

# Synonyms for rewording. Never a modal, a negation, a number, a date or a party.
SYNONYMS = {
    "guarantee": "warrant",
    "security": "safety",
    "existing": "current",
    "boundary": "border",
    "sanctions": "penalties",
    "imposed on": "applied to",
    "restore": "reinstate",
    "share": "exchange",
    "regular": "periodic",
    "protect": "defend",
    "rights": "entitlements",
    "deploy": "dispatch",
    "observers": "monitors",
    "allow": "permit",
    "reduce": "lower",
    "customs duties": "customs tariffs",
    "transfer": "hand over",
    "cease": "end",
    "hostilities": "fighting",
    "investigate": "look into",
    "committed": "perpetrated",
    "extend": "grant",
    "implementation": "execution",
    "release": "free",
    "detained": "imprisoned",
    "held": "kept",
    "establish": "create",
    "around": "surrounding",
    "lift": "remove",
    "hold": "organise",
    "elections": "polls",
    "limit": "restrict",
    "contribute": "give",
    "reconstruction": "rebuilding",
    "humanitarian": "emergency",
    "information": "data",
    "in good faith": "faithfully",
    "supervision": "oversight",
    "timetable": "schedule",
    "local": "regional",
    "authorities": "officials",
    "reviewed": "examined",
    "settled": "resolved",
    "shared": "divided",
    "equally": "evenly",
    "verified": "checked",
    "independent": "impartial",
    "experts": "specialists",
    "publish": "issue",
    "begin": "start",
    "immediately": "at once",
    "measures": "steps",
    "tasks": "duties",
    "clearance": "removal",
    "repair": "restoration",
    "demobilisation": "disbanding",
    "withdrawal": "pull-out",
    "persons": "people",
    "weapons": "arms",
    "informed": "notified",
    "arrangements": "provisions",
    "reopening": "opening",
    "crossings": "checkpoints",
    "census": "count",
    "registration": "enrolment",
    "returning": "homecoming",
    "taken from": "removed from",
    "accordance": "conformity",
    "approval": "consent",
    "transitional": "interim",
    "supervised": "overseen",
    "withdraw": "pull back",
    "armed forces": "military",
    "assets": "holdings",
    "belonging to": "owned by",
    "kilometres": "km",
    "recognise": "acknowledge",
    "displaced": "uprooted",
    "report": "account",
    "amnesty": "pardon",
    "power station": "power plant",
    "control": "command",
}
_SYN_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, SYNONYMS), key=len, reverse=True)) + r")\b")

_SYLLABLES = (
    "ka",
    "lo",
    "ve",
    "dri",
    "mar",
    "sen",
    "tor",
    "ul",
    "bra",
    "nek",
    "pol",
    "zan",
    "ost",
    "ri",
    "va",
    "gor",
    "len",
    "mi",
    "sta",
    "dun",
    "fel",
    "har",
    "ion",
    "ke",
    "lu",
    "mor",
    "nas",
    "pe",
    "qui",
    "ros",
    "tal",
    "vin",
    "wes",
    "yar",
    "zel",
    "ab",
    "cor",
    "del",
    "em",
    "fin",
)
_PLACE_FORMS = (
    "{n}",
    "the {n} district",
    "the {n} region",
    "{n} Oblast",
    "the {n} valley",
    "the city of {n}",
    "the {n} corridor",
    "the port of {n}",
)


@dataclass(frozen=True)
class Frame:
    """The substance of one provision; its wording is chosen by a :class:`Style` at rendering."""

    action: int
    obj: int
    actor: str
    modal: str
    neg: bool
    place: str
    num: int | None
    date: str | None
    p2: str | None
    intro: int | None
    qual: int | None
    seconds: tuple[int, ...]
    lead: int | None = None  # a lead-in for lettered sub-points (then no intro/qual/seconds)


@dataclass(frozen=True)
class Style:
    main: int = 0  # phrasing of the main clause (and of the object)
    intro: int = 0
    qual: int = 0
    second: int = 0
    date: int = 0
    date_front: bool = False
    synonyms: frozenset[str] = frozenset()


@dataclass
class _Proto:
    """A point before numbering: its text and the texts of its sub-points."""

    text: str
    children: list[_Proto] = field(default_factory=list)
    track: str | None = None
    key: object = None  # what the truth calls it until ids are known


def _fmt_num(n: int) -> str:
    return f"{n:,}"


def _rand_num(rng: random.Random, spec: tuple[int, int, int]) -> int:
    lo, hi, step = spec
    return rng.randrange(lo, hi + 1, step)


def _other_num(rng: random.Random, n: int, spec: tuple[int, int, int]) -> int:
    _lo, _hi, step = spec
    for factor in rng.sample((0.5, 0.75, 1.25, 1.5, 2.0, 3.0), 6):
        m = max(step, round(n * factor / step) * step)
        if m != n:
            return m
    return n + step


def _rand_date(rng: random.Random) -> str:
    return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2026, 2029)}"


def _other_date(rng: random.Random, d: str) -> str:
    while True:
        e = _rand_date(rng)
        if e != d:
            return e


def _synonymise(text: str, keys: frozenset[str]) -> str:
    if not keys:
        return text
    return _SYN_RE.sub(lambda m: SYNONYMS[m.group(1)] if m.group(1) in keys else m.group(1), text)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _render_main(f: Frame, st: Style) -> str:
    phrasings, objs, _, _ = ACTIONS[f.action]
    obj = objs[f.obj][st.main % len(objs[f.obj])] if objs[f.obj] else ""
    mv = f.modal + (" not" if f.neg else "")
    values = {
        "A": f.actor,
        "MV": mv,
        "place": f.place,
        "P2": f.p2 or "",
        "num": _fmt_num(f.num) if f.num is not None else "",
    }
    obj = obj.format(**values)
    return phrasings[st.main % len(phrasings)].format(obj=obj, **values)


def _render(f: Frame, st: Style) -> list[str]:
    """The sentences of the provision (one element for a lead-in)."""
    if f.lead is not None:
        date = DATE_BACK[st.date % 3].format(d=f.date) if f.date else ""
        bank = LEADIN_PARAPHRASE if st.main else LEADINS
        mv = f.modal + (" not" if f.neg else "")
        text = bank[f.lead].format(A=f.actor, MV=mv, date=date, place=f.place)
        return [_synonymise(_cap(text), st.synonyms)]
    main = _render_main(f, st)
    parts = []
    front = st.date_front and f.date and f.intro is None
    if front:
        parts.append(DATE_FRONT[st.date % 3].format(d=f.date))
    if f.intro is not None:
        parts.append(INTROS[f.intro][st.intro % 3])
    parts.append(main)
    if f.qual is not None:
        parts.append(QUALIFIERS[f.qual][st.qual % 3])
    first = " ".join(parts)
    if f.date and not front:
        first += DATE_BACK[st.date % 3].format(d=f.date)
    sentences = [_cap(first) + "."]
    for s in f.seconds:
        sentences.append(SECONDS[s][st.second % 3].format(place=f.place, P2=f.p2 or "the Parties"))
    return [_synonymise(s, st.synonyms) for s in sentences]


def _render_child(c: tuple[int, str, int | None, str], synonyms: frozenset[str] = frozenset()) -> str:
    idx, place, num, p2 = c
    text = CHILDREN[idx][0].format(place=place, num=_fmt_num(num) if num is not None else "", P2=p2)
    return _synonymise(text, synonyms)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


class _Builder:
    def __init__(self, n: int, seed: int, rates: Rates) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.rates = rates
        self.places = self._make_places(max(200, n // 4 + 200))
        self.seen: set[str] = set()

    def _make_places(self, count: int) -> list[str]:
        names: list[str] = []
        seen: set[str] = set()
        rng = self.rng
        while len(names) < count:
            stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 3))))
            stem = stem.capitalize()
            if stem in seen:
                continue
            seen.add(stem)
            names.append(rng.choice(_PLACE_FORMS).format(n=stem))
        return names

    def frame(self, with_children: bool = False) -> Frame:
        rng = self.rng
        a = rng.randrange(len(ACTIONS))
        _phrasings, objs, numspec, needs_p2 = ACTIONS[a]
        actor = rng.choice(STATES) if rng.random() < 0.7 else rng.choice(BODIES)
        p2 = None
        if needs_p2 or rng.random() < 0.3:
            p2 = rng.choice([s for s in STATES if s != actor])
        r = rng.random()
        modal = "shall" if r < 0.6 else rng.choice(("must", "will")) if r < 0.75 else rng.choice(WEAK)
        neg = rng.random() < 0.1
        date = _rand_date(rng) if rng.random() < 0.35 else None
        if with_children:
            return Frame(
                a,
                0,
                actor,
                modal,
                neg,
                rng.choice(self.places),
                None,
                date,
                p2,
                None,
                None,
                (),
                lead=rng.randrange(len(LEADINS)),
            )
        num = _rand_num(rng, numspec) if numspec else None
        intro = rng.randrange(len(INTROS)) if rng.random() < 0.3 else None
        qual = rng.randrange(len(QUALIFIERS)) if rng.random() < 0.4 else None
        r = rng.random()
        nsec = 0 if r < 0.65 else 1 if r < 0.9 else 2
        seconds = tuple(rng.sample(range(len(SECONDS)), nsec))
        return Frame(
            a,
            rng.randrange(len(objs)),
            actor,
            modal,
            neg,
            rng.choice(self.places),
            num,
            date,
            p2,
            intro,
            qual,
            seconds,
        )

    def unique_frame(self, with_children: bool = False) -> Frame:
        for _ in range(1000):
            f = self.frame(with_children)
            key = _norm(" ".join(_render(f, Style())))
            if key not in self.seen:
                self.seen.add(key)
                return f
        raise RuntimeError("word banks exhausted")  # pragma: no cover

    def child(self) -> tuple[int, str, int | None, str]:
        rng = self.rng
        idx = rng.randrange(len(CHILDREN))
        spec = CHILDREN[idx][1]
        return (idx, rng.choice(self.places), _rand_num(rng, spec) if spec else None, rng.choice(STATES))

    def light_style(self, f: Frame, base: Style = Style()) -> Style:
        """A few synonyms, or the date clause moved to the front."""
        rng = self.rng
        text = " ".join(_render(f, base))
        keys = sorted(set(_SYN_RE.findall(text)))
        can_move = bool(f.date) and f.intro is None and f.lead is None
        if keys and (rng.random() < 0.75 or not can_move):
            return replace(
                base, synonyms=frozenset(rng.sample(keys, min(len(keys), rng.choice((1, 2, 2, 3)))))
            )
        if can_move:
            return replace(base, date_front=not base.date_front)
        return base  # nothing to vary: caller treats it as no edit

    def heavy_style(self, f: Frame) -> Style:
        text = " ".join(_render(f, Style()))
        keys = frozenset(_SYN_RE.findall(text))
        return Style(main=0, intro=1, qual=1, second=1, date=1, date_front=bool(f.date), synonyms=keys)

    def paraphrase_style(self, f: Frame) -> Style:
        main = self.rng.choice((1, 2))
        st = Style(main=main, intro=2, qual=2, second=2, date=2)
        keys = frozenset(_SYN_RE.findall(" ".join(_render(f, st))))
        return replace(st, synonyms=keys)


def _uses_p2(f: Frame) -> bool:
    """Whether the second party is written in the main clause (not only drawn)."""
    if f.p2 is None or f.lead is not None:
        return False
    phrasings, objs, _, _ = ACTIONS[f.action]
    return "{P2}" in phrasings[0] or any("{P2}" in o for o in objs[f.obj])


def _has_state(f: Frame) -> bool:
    return f.actor in STATES or _uses_p2(f)


def generate(n: int, seed: int = 0, rates: Rates | None = None, *, moved_splits: bool = False) -> Case:
    """Build a base draft of ``n`` points and an edited draft, with the ground truth of the edits.

    ``moved_splits``: the pieces of every split (but the first) land at random places elsewhere in
    the draft instead of side by side (the default output is unchanged when it is off).
    """
    rates = rates or Rates()
    b = _Builder(n, seed, rates)
    rng = b.rng
    has_children = [rng.random() < rates.subpoints for _ in range(n)]
    frames = [b.unique_frame(with_children=hc) for hc in has_children]
    kids: list[list[tuple[int, str, int | None, str]]] = [
        [b.child() for _ in range(rng.randint(2, 4))] if hc else [] for hc in has_children
    ]

    # ---- fates of the old points
    fate: list[str | None] = [None] * n
    merges: list[list[int]] = []
    order = list(range(n))
    rng.shuffle(order)

    def free(i: int) -> bool:
        return 0 <= i < n and fate[i] is None and not kids[i]

    for i in order:
        if len(merges) >= round(rates.merge * n):
            break
        size = 3 if rng.random() < 0.3 else 2
        if all(free(j) for j in range(i, i + size)):
            merges.append(list(range(i, i + size)))
            for j in range(i, i + size):
                fate[j] = "merge"
    want = [
        ("split", rates.split, lambda i: free(i) and frames[i].seconds),
        ("number", rates.number, lambda i: fate[i] is None and frames[i].num is not None),
        ("date", rates.date, lambda i: fate[i] is None and frames[i].date is not None),
        ("party", rates.party, lambda i: fate[i] is None and _has_state(frames[i])),
        ("negation", rates.negation, lambda i: fate[i] is None),
        ("modality", rates.modality, lambda i: fate[i] is None),
        ("defer", rates.defer, lambda i: fate[i] is None),
        ("drop", rates.drop, lambda i: fate[i] is None),
        ("light", rates.light, lambda i: fate[i] is None),
        ("heavy", rates.heavy, lambda i: fate[i] is None),
        ("paraphrase", rates.paraphrase, lambda i: fate[i] is None and frames[i].lead is None),
    ]
    for name, rate, ok in want:
        count = round(rate * n)
        rng.shuffle(order)
        for i in order:
            if count <= 0:
                break
            if ok(i):
                fate[i] = name
                count -= 1

    # ---- old draft
    old_protos = []
    for i in range(n):
        proto = _Proto(" ".join(_render(frames[i], Style())), key=("old", i))
        proto.children = [_Proto(_render_child(c), key=("oldc", i, k)) for k, c in enumerate(kids[i])]
        old_protos.append(proto)

    # ---- new draft: units in old order, each a list of protos plus its truth (keys, resolved later)
    units: list[tuple[list[_Proto], dict]] = []
    deferred: list[tuple[list[_Proto], dict]] = []
    merge_at = {g[0]: g for g in merges}
    for i in range(n):
        f = frames[i]
        what = fate[i] or "keep"
        if what == "merge":
            if i not in merge_at:
                continue
            g = merge_at[i]
            texts = [old_protos[j].text for j in g]
            if rng.random() < 0.5:
                texts = [" ".join(_render(frames[j], b.light_style(frames[j]))) for j in g]
            p = _Proto(" ".join(texts), key=("new", i))
            units.append(
                ([p], {"kind": "merged", "old": [("old", j) for j in g], "new": [p.key], "edits": ["merge"]})
            )
            continue
        if what == "split":
            sentences = _render(f, Style())
            pieces = (
                [sentences[0], " ".join(sentences[1:])]
                if len(sentences) == 2 or rng.random() < 0.5
                else sentences
            )
            if len(sentences) == 3 and len(pieces) == 2 and rng.random() < 0.5:
                pieces = [" ".join(sentences[:2]), sentences[2]]
            ps = [_Proto(t, key=("new", i, k)) for k, t in enumerate(pieces)]
            units.append(
                (ps, {"kind": "split", "old": [("old", i)], "new": [p.key for p in ps], "edits": ["split"]})
            )
            continue
        if what == "drop":
            units_truth = {"kind": "dropped", "old": [("old", i)], "new": [], "edits": ["drop"]}
            units.append(([], units_truth))
            continue
        # 1:1 fates
        st = Style()
        nf = f
        flags: list[str] = []
        edits: list[str] = []
        kind = "unchanged"
        accept: list[str] | None = None
        if what == "light":
            st = b.light_style(f)
            kind, edits = ("reworded", ["light"]) if st != Style() else ("unchanged", [])
        elif what == "heavy":
            st = b.heavy_style(f)
            kind, edits, accept = "reworded", ["heavy"], ["reworded", "revised"]
        elif what == "paraphrase":
            st = b.paraphrase_style(f)
            kind, edits, accept = "reworded", ["paraphrase"], ["reworded", "revised"]
        elif what in ("number", "date", "party", "negation", "modality"):
            kind, edits, flags = "revised", [what], [what]
            if what == "number":
                nf = replace(f, num=_other_num(rng, f.num, ACTIONS[f.action][2]))
            elif what == "date":
                nf = replace(f, date=_other_date(rng, f.date))
            elif what == "negation":
                nf = replace(f, neg=not f.neg)
            elif what == "modality":
                bank = WEAK if f.modal in STRONG else ("shall", "must")
                nf = replace(f, modal=rng.choice(bank))
            else:
                text = " ".join(_render(f, Style()))
                choices = [s for s in STATES if s not in text]
                if f.actor in STATES and (not _uses_p2(f) or rng.random() < 0.5):
                    nf = replace(f, actor=rng.choice(choices))
                else:
                    nf = replace(f, p2=rng.choice(choices))
            if rng.random() < rates.combo:
                st = b.light_style(nf)
                if st != Style():
                    edits.append("light")
        elif what == "defer":
            kind, edits = "deferred", ["defer"]
            if rng.random() < 0.5:
                st = b.light_style(f)
                if st != Style():
                    edits.append("light")
        new_text = " ".join(_render(nf, st))
        if kind == "reworded" and _norm(new_text) == _norm(old_protos[i].text):
            kind, accept, edits = "unchanged", None, []  # the wording offered nothing to vary
        p = _Proto(new_text, key=("new", i), track=DEFERRED_TRACK if what == "defer" else None)
        truth = {
            "kind": kind,
            "old": [("old", i)],
            "new": [p.key],
            "flags": flags,
            "edits": edits,
            "accept": accept or [kind],
            "track": p.track,
            "children": [],
        }
        # sub-points under a kept parent
        if kids[i]:
            ctruth = truth["children"]
            for k, c in enumerate(kids[i]):
                okey = ("oldc", i, k)
                r = rng.random()
                if r >= rates.sub_edit:
                    cp = _Proto(_render_child(c), key=("newc", i, k))
                    p.children.append(cp)
                    ctruth.append({"kind": "unchanged", "old": [okey], "new": [cp.key]})
                    continue
                op = (
                    rng.choice(("light", "number", "drop"))
                    if c[2] is not None
                    else rng.choice(("light", "drop"))
                )
                if op == "drop" and len(kids[i]) > 1:
                    ctruth.append({"kind": "dropped", "old": [okey], "new": [], "edits": ["drop"]})
                    continue
                if op == "number":
                    nc = (c[0], c[1], _other_num(rng, c[2], CHILDREN[c[0]][1]), c[3])
                    cp = _Proto(_render_child(nc), key=("newc", i, k))
                    ctruth.append(
                        {
                            "kind": "revised",
                            "old": [okey],
                            "new": [cp.key],
                            "flags": ["number"],
                            "edits": ["number"],
                        }
                    )
                else:
                    keys = sorted(set(_SYN_RE.findall(_render_child(c))))
                    syn = frozenset(rng.sample(keys, min(2, len(keys))))
                    cp = _Proto(_render_child(c, syn), key=("newc", i, k))
                    kd = "reworded" if syn else "unchanged"
                    ctruth.append(
                        {"kind": kd, "old": [okey], "new": [cp.key], "edits": ["light"] if syn else []}
                    )
                p.children.append(cp)
            if rng.random() < rates.sub_edit:
                pos = rng.randint(0, len(p.children))
                cp = _Proto(_render_child(b.child()), key=("newc", i, "add"))
                p.children.insert(pos, cp)
                ctruth.append({"kind": "added", "old": [], "new": [cp.key], "edits": ["add"]})
        (deferred if what == "defer" else units).append(([p], truth))

    # ---- additions, then moves
    truth_units = [t for _, t in units]  # drops stay in the truth; only their protos are empty
    placed = [u for u in units if u[0]]
    for a in range(round(rates.add * n)):
        f = b.unique_frame(with_children=False)
        p = _Proto(" ".join(_render(f, Style())), key=("add", a))
        truth_units.append({"kind": "added", "old": [], "new": [p.key], "edits": ["add"]})
        placed.insert(rng.randint(0, len(placed)), ([p], None))
    for _ in range(round(rates.move * len(placed))):
        if len(placed) < 2:
            break
        u = placed.pop(rng.randrange(len(placed)))
        placed.insert(rng.randrange(len(placed) + 1), u)
    if moved_splits:
        for u in [u for u in placed if u[1] is not None and u[1]["kind"] == "split"]:
            head = (u[0][:1], u[1])
            placed[next(j for j, x in enumerate(placed) if x is u)] = head
            for piece in u[0][1:]:
                at = next(j for j, x in enumerate(placed) if x is head)
                far = [j for j in range(len(placed) + 1) if abs(j - at) > 2] or [len(placed)]
                placed.insert(rng.choice(far), ([piece], None))
    new_protos = [p for ps, _ in placed for p in ps]
    deferred_protos = [ps[0] for ps, _ in deferred]
    truth_units.extend(t for _, t in deferred)

    old_draft, old_ids = _build_draft(
        old_protos,
        [],
        f"synthetic-{n}-seed{seed}-old.md",
        f"Synthetic draft, {n} points, seed {seed} (old)",
        "2026-01-10",
    )
    new_draft, new_ids = _build_draft(
        new_protos,
        deferred_protos,
        f"synthetic-{n}-seed{seed}-new.md",
        f"Synthetic draft, {n} points, seed {seed} (new)",
        "2026-02-14",
    )
    ids = {**old_ids, **new_ids}

    def resolve(t: dict) -> Expected:
        kind = t["kind"]
        return Expected(
            kind=kind,
            old=tuple(ids[k] for k in t["old"]),
            new=tuple(ids[k] for k in t["new"]),
            flags=tuple(sorted(t.get("flags", ()))),
            accept=tuple(t.get("accept") or [kind]),
            edits=tuple(t.get("edits", ())),
            track=t.get("track"),
            children=tuple(resolve(c) for c in t.get("children", ())),
        )

    truth = tuple(resolve(t) for t in truth_units)
    return Case(old=old_draft, new=new_draft, truth=truth, seed=seed, rates=rates)


# --------------------------------------------------------------------------------------------
# Further modes (issue 11): drafts that keep their skeleton but not their words, points rewritten
# in place, a flat list regrouped into sections (and back), splits whose pieces move. Each is its
# own function with its own random stream, so the default mode's output never changes.

#: The modes of :func:`generate_mode`; "default" is :func:`generate`.
MODES = ("default", "paraphrase", "paraphrase-shift", "rewrite", "restructure", "flatten", "moved-split")

# Second wordings of the sub-point bank (same placeholders), for the paraphrase mode.
CHILDREN_ALT: tuple[str, ...] = (
    "pulling heavy arms back out of {place};",
    "sending {num} monitors into {place};",
    "letting traffic through the checkpoints close to {place} again;",
    "a swap of {num} captives with {P2};",
    "counting the people uprooted within {place};",
    "ridding the ground near {place} of mines;",
    "disbanding {num} combatants based in {place};",
    "rebuilding the spans that cross {place};",
    "giving back heritage objects removed from {place};",
    "enrolling {num} families coming home to {place};",
)

# Topics for regrouping a flat list into sections: (heading, ACTIONS indices).
TOPICS: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("Security arrangements", (0, 1, 5, 7, 13, 15, 19)),
    ("Borders and territory", (6, 18)),
    ("Economic measures", (2, 8, 17, 21, 22)),
    ("Humanitarian questions", (4, 9, 10, 12, 14, 16, 20)),
    ("Governance and follow-up", (3, 11, 23)),
)
_TOPIC_OF = {a: k for k, (_, acts) in enumerate(TOPICS) for a in acts}
_SECTION_INTROS = (
    "{h}: the Parties agree as follows.",
    "{h}. The provisions below apply.",
    "{h}, as set out in the following points.",
)


def generate_mode(mode: str, n: int, seed: int = 0) -> Case:
    """A case of one of :data:`MODES` (``n`` base points, the same seed gives the same case).

    * ``paraphrase``: every point (and sub-point) in other words, the skeleton (labels, order,
      sub-points) kept; truth: every id linked to the same id, reworded (revised accepted).
    * ``paraphrase-shift``: the same with 5% of the points dropped and 5% added, so that the
      numbers after each shift and a label no longer names its point.
    * ``rewrite``: about 10% of the points replaced in place by another provision of the same topic
      (same action, other object, place, numbers and phrasing); truth: linked, kind revised. 15% of
      the rest lightly reworded, the others unchanged.
    * ``restructure``: the flat list regrouped into topic sections (new top-level points, added);
      old point ``i`` becomes sub-point ``k.m`` (its sub-points ``k.m.a``); 15% lightly reworded,
      4% dropped, 3% added inside sections, about 3% split into two sub-points (the second piece
      in another section half of the time), 2-3% merged with the next point of the same topic.
      Truth links across depths.
    * ``flatten``: the same pair the other way round (nested -> flat).
    * ``moved-split``: the default edits with 5% splits whose pieces land elsewhere in the draft.

    Truths of these modes carry no substance flags (flags are not scored for them). Every id of
    both drafts, at any depth, occurs in exactly one entry of the truth's walk.

    >>> c = generate_mode("restructure", 40, seed=2)
    >>> c.new.points[0].points[0].id
    '1.1'
    >>> sorted(i for e in c.truth for x in e.walk() for i in x.old) == sorted(p.id for p in c.old.walk())
    True
    """
    if mode == "default":
        return generate(n, seed)
    if mode == "moved-split":
        case = generate(n, seed, Rates(split=0.05), moved_splits=True)
        return replace(case, truth=tuple(_with_dropped_children(e, case.old) for e in case.truth), mode=mode)
    if mode in ("paraphrase", "paraphrase-shift"):
        return _gen_paraphrase(n, seed, shift=mode == "paraphrase-shift")
    if mode == "rewrite":
        return _gen_rewrite(n, seed)
    if mode == "restructure":
        return _gen_restructure(n, seed)
    if mode == "flatten":
        return _invert(_gen_restructure(n, seed), "flatten")
    raise ValueError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")


def _with_dropped_children(e: Expected, old: Draft) -> Expected:
    """A dropped parent's sub-points as dropped children (the default truth leaves them implicit)."""
    if e.kind != "dropped" or e.children:
        return e
    gone = tuple(Expected("dropped", (c.id,), accept=("dropped",)) for c in old.point(e.old[0]).points)
    return replace(e, children=gone)


def _base(n: int, seed: int, salt: str) -> tuple[_Builder, list[Frame], list[list[tuple]]]:
    b = _Builder(n, seed, Rates())
    b.rng.seed(f"{salt}-{n}-{seed}")  # a stream of its own: never the default mode's
    has_children = [b.rng.random() < Rates().subpoints for _ in range(n)]
    frames = [b.unique_frame(with_children=hc) for hc in has_children]
    kids = [[b.child() for _ in range(b.rng.randint(2, 4))] if hc else [] for hc in has_children]
    return b, frames, kids


def _old_protos(frames: list[Frame], kids: list[list[tuple]]) -> list[_Proto]:
    out = []
    for i, f in enumerate(frames):
        p = _Proto(" ".join(_render(f, Style())), key=("old", i))
        p.children = [_Proto(_render_child(c), key=("oldc", i, k)) for k, c in enumerate(kids[i])]
        out.append(p)
    return out


def _alt_child(c: tuple[int, str, int | None, str]) -> str:
    idx, place, num, p2 = c
    return CHILDREN_ALT[idx].format(place=place, num=_fmt_num(num) if num is not None else "", P2=p2)


def _pair_truth(kind: str, i: int, accept=None, edits=(), children=()) -> dict:
    return {
        "kind": kind,
        "old": [("old", i)],
        "new": [("new", i)],
        "accept": list(accept or [kind]),
        "edits": list(edits),
        "children": list(children),
    }


def _child_truth(i: int, k: int, kind: str, accept=None, edits=()) -> dict:
    return {
        "kind": kind,
        "old": [("oldc", i, k)],
        "new": [("newc", i, k)],
        "accept": list(accept or [kind]),
        "edits": list(edits),
    }


def _finish(mode: str, n: int, seed: int, old_protos, new_protos, truth_units, new_draft=None) -> Case:
    """Number both drafts (the new one may come ready-built, with its id map) and resolve the truth."""
    old_draft, old_ids = _build_draft(
        old_protos,
        [],
        f"synthetic-{mode}-{n}-seed{seed}-old.md",
        f"Synthetic draft, {mode}, {n} points, seed {seed} (old)",
        "2026-01-10",
    )
    if new_draft is None:
        new_draft, new_ids = _build_draft(
            new_protos,
            [],
            f"synthetic-{mode}-{n}-seed{seed}-new.md",
            f"Synthetic draft, {mode}, {n} points, seed {seed} (new)",
            "2026-02-14",
        )
    else:
        new_draft, new_ids = new_draft
    ids = {**old_ids, **new_ids}

    def resolve(t: dict) -> Expected:
        return Expected(
            kind=t["kind"],
            old=tuple(ids[k] for k in t["old"]),
            new=tuple(ids[k] for k in t["new"]),
            accept=tuple(t.get("accept") or [t["kind"]]),
            edits=tuple(t.get("edits", ())),
            children=tuple(resolve(c) for c in t.get("children", ())),
        )

    return Case(
        old=old_draft, new=new_draft, truth=tuple(resolve(t) for t in truth_units), seed=seed, mode=mode
    )


def _gen_paraphrase(n: int, seed: int, shift: bool = False) -> Case:
    mode = "paraphrase-shift" if shift else "paraphrase"
    b, frames, kids = _base(n, seed, mode)
    rng = b.rng
    old = _old_protos(frames, kids)
    new, truth = [], []
    both = ["reworded", "revised"]
    for i, f in enumerate(frames):
        if shift and rng.random() < 0.05:
            gone = [{"kind": "dropped", "old": [("oldc", i, k)], "new": []} for k in range(len(kids[i]))]
            truth.append(
                {"kind": "dropped", "old": [("old", i)], "new": [], "edits": ["drop"], "children": gone}
            )
            continue
        p = _Proto(" ".join(_render(f, b.paraphrase_style(f))), key=("new", i))
        ct = []
        for k, c in enumerate(kids[i]):
            p.children.append(_Proto(_alt_child(c), key=("newc", i, k)))
            ct.append(_child_truth(i, k, "reworded", both, ["paraphrase"]))
        new.append(p)
        truth.append(_pair_truth("reworded", i, both, ["paraphrase"], ct))
    if shift:  # additions: every number after one (or after a drop) shifts
        for a in range(round(0.05 * n)):
            f = b.unique_frame(with_children=False)
            p = _Proto(" ".join(_render(f, b.paraphrase_style(f))), key=("add", a))
            new.insert(rng.randint(0, len(new)), p)
            truth.append({"kind": "added", "old": [], "new": [p.key], "edits": ["add"]})
    return _finish(mode, n, seed, old, new, truth)


def _rewritten(b: _Builder, f: Frame) -> Frame:
    """Another provision on the same topic: same action, other object, place, actor, numbers, clauses."""
    rng = b.rng
    _phrasings, objs, numspec, _ = ACTIONS[f.action]
    obj = rng.choice([k for k in range(len(objs)) if k != f.obj] or [f.obj])
    actor = rng.choice([x for x in STATES + BODIES if x != f.actor])
    p2 = f.p2 and rng.choice([x for x in STATES if x not in (actor, f.p2)])
    num = _other_num(rng, f.num, numspec) if f.num is not None else None
    place = rng.choice([x for x in b.places if x != f.place])
    intro = rng.choice([k for k in range(len(INTROS)) if k != f.intro])
    qual = rng.choice([k for k in range(len(QUALIFIERS)) if k != f.qual])
    seconds = tuple(rng.sample([k for k in range(len(SECONDS)) if k not in f.seconds], 1))
    date = _other_date(rng, f.date) if f.date else None
    return replace(
        f,
        obj=obj,
        actor=actor,
        p2=p2,
        num=num,
        place=place,
        intro=intro,
        qual=qual,
        seconds=seconds,
        date=date,
    )


def _kept(b: _Builder, f: Frame, i: int, old_text: str, kids: list[tuple], light: bool):
    """Old point ``i`` kept (lightly reworded when ``light``), its sub-points unchanged: proto, kind, child truths."""
    text = " ".join(_render(f, b.light_style(f) if light else Style()))
    kind = "unchanged" if _norm(text) == _norm(old_text) else "reworded"
    p = _Proto(text, key=("new", i))
    ct = []
    for k, c in enumerate(kids):
        p.children.append(_Proto(_render_child(c), key=("newc", i, k)))
        ct.append(_child_truth(i, k, "unchanged"))
    return p, kind, ct


def _gen_rewrite(n: int, seed: int) -> Case:
    b, frames, kids = _base(n, seed, "rewrite")
    rng = b.rng
    old = _old_protos(frames, kids)
    plain = [i for i in range(n) if frames[i].lead is None]
    chosen = set(rng.sample(plain, max(1, round(0.10 * n))))
    new, truth = [], []
    for i, f in enumerate(frames):
        if i in chosen:
            nf = _rewritten(b, f)
            main = rng.choice([m for m in (1, 2)])
            st = Style(main=main, intro=2, qual=2, second=2, date=2)
            st = replace(st, synonyms=frozenset(_SYN_RE.findall(" ".join(_render(nf, st)))))
            p = _Proto(" ".join(_render(nf, st)), key=("new", i))
            new.append(p)
            truth.append(_pair_truth("revised", i, ["revised"], ["rewrite"]))
            continue
        p, kind, ct = _kept(b, f, i, old[i].text, kids[i], light=rng.random() < 0.15)
        new.append(p)
        truth.append(_pair_truth(kind, i, edits=["light"] if kind == "reworded" else [], children=ct))
    return _finish("rewrite", n, seed, old, new, truth)


def _gen_restructure(n: int, seed: int) -> Case:
    b, frames, kids = _base(n, seed, "restructure")
    rng = b.rng
    old = _old_protos(frames, kids)
    order = list(range(len(TOPICS)))
    rng.shuffle(order)
    sections: dict[int, list[_Proto]] = {k: [] for k in order}
    truth: list[dict] = []
    merged_away: set[int] = set()
    for i, f in enumerate(frames):
        if i in merged_away:
            continue
        r = rng.random()
        topic = _TOPIC_OF[f.action]
        if 0.19 <= r < 0.27 and f.seconds and not kids[i]:
            # a split across depths; the second piece goes to another section half of the time
            sentences = _render(f, Style())
            pieces = [
                _Proto(sentences[0], key=("new", i, 0)),
                _Proto(" ".join(sentences[1:]), key=("new", i, 1)),
            ]
            sections[topic].append(pieces[0])
            elsewhere = rng.choice([k for k in order if k != topic]) if rng.random() < 0.5 else topic
            sections[elsewhere].append(pieces[1])
            truth.append(
                {"kind": "split", "old": [("old", i)], "new": [p.key for p in pieces], "edits": ["split"]}
            )
            continue
        same = [
            j for j in range(i + 1, min(n, i + 8)) if _TOPIC_OF[frames[j].action] == topic and not kids[j]
        ]
        nxt = same[0] if same else None
        if 0.27 <= r < 0.30 and nxt is not None and not kids[i]:
            merged_away.add(nxt)
            p = _Proto(old[i].text + " " + old[nxt].text, key=("new", i))
            sections[topic].append(p)
            truth.append(
                {"kind": "merged", "old": [("old", i), ("old", nxt)], "new": [p.key], "edits": ["merge"]}
            )
            continue
        if r < 0.04:
            gone = [{"kind": "dropped", "old": [("oldc", i, k)], "new": []} for k in range(len(kids[i]))]
            truth.append(
                {"kind": "dropped", "old": [("old", i)], "new": [], "edits": ["drop"], "children": gone}
            )
            continue
        p, kind, ct = _kept(b, f, i, old[i].text, kids[i], light=r < 0.19)
        sections[topic].append(p)
        truth.append(
            _pair_truth(kind, i, edits=["regroup"] + (["light"] if kind == "reworded" else []), children=ct)
        )
    for a in range(round(0.03 * n)):
        f = b.unique_frame(with_children=False)
        p = _Proto(" ".join(_render(f, Style())), key=("add", a))
        members = sections[_TOPIC_OF[f.action]]
        members.insert(rng.randint(0, len(members)), p)
        truth.append({"kind": "added", "old": [], "new": [p.key], "edits": ["add"]})
    heads = []
    for k in order:
        if not sections[k]:
            continue
        h = _Proto(rng.choice(_SECTION_INTROS).format(h=TOPICS[k][0]), key=("section", k))
        h.children = sections[k]
        heads.append(h)
        truth.append({"kind": "added", "old": [], "new": [h.key], "edits": ["section"]})
    new_draft = _build_tree(
        heads,
        f"synthetic-restructure-{n}-seed{seed}-new.md",
        f"Synthetic draft, restructure, {n} points, seed {seed} (new)",
        "2026-02-14",
    )
    return _finish("restructure", n, seed, old, None, truth, new_draft=new_draft)


def _build_tree(protos: list[_Proto], source: str, title: str, date: str):
    """Number a tree of protos as nested decimal lists (``1``, ``1.2``, lettered below: ``1.2.a``)."""
    ids: dict[object, str] = {}
    line = 6

    def make(proto: _Proto, label: str, parent: str | None, depth: int) -> Point:
        nonlocal line
        pid = label if parent is None else f"{parent}.{label}"
        ids[proto.key] = pid
        p_line = line
        line += 1
        kids = []
        for k, c in enumerate(proto.children):
            lab = str(k + 1) if depth == 0 else chr(ord("a") + k)
            kids.append(make(c, lab, pid, depth + 1))
        return Point(
            id=pid,
            label=label,
            text=proto.text,
            line=p_line,
            marker=f"{label}.",
            style="decimal" if label.isdigit() else "alpha",
            points=tuple(kids),
        )

    points = tuple(make(p, str(k + 1), None, 0) for k, p in enumerate(protos))
    return Draft(
        source=source, points=points, title=title, date=date, metadata={"title": title, "date": date}
    ), ids


def _invert(case: Case, mode: str) -> Case:
    """The case the other way round: old and new swapped, dropped <-> added, merged <-> split."""
    swap = {"dropped": "added", "added": "dropped", "merged": "split", "split": "merged"}

    def inv(e: Expected) -> Expected:
        kind = swap.get(e.kind, e.kind)
        return replace(
            e,
            kind=kind,
            old=e.new,
            new=e.old,
            accept=tuple(swap.get(k, k) for k in e.accept),
            children=tuple(inv(c) for c in e.children),
        )

    def rename(d: Draft, side: str) -> Draft:
        src = d.source.replace("restructure", mode).rsplit("-", 1)[0] + f"-{side}.md"
        title = (d.title or "").replace("restructure", mode).rsplit(" (", 1)[0] + f" ({side})"
        date = "2026-01-10" if side == "old" else "2026-02-14"  # the older draft keeps the earlier date
        return replace(
            d, source=src, title=title, date=date, metadata={**d.metadata, "title": title, "date": date}
        )

    return Case(
        old=rename(case.new, "old"),
        new=rename(case.old, "new"),
        truth=tuple(inv(e) for e in case.truth),
        seed=case.seed,
        mode=mode,
    )


def _build_draft(main: list[_Proto], parked: list[_Proto], source: str, title: str, date: str):
    """Number the protos, lay them out as the Markdown writer does (so ``line`` is right) and map keys to ids."""
    ids: dict[object, str] = {}
    line = 6  # after the 4 lines of front matter and a blank line
    points: list[Point] = []
    label = 0

    def make(proto: _Proto, section: str | None) -> Point:
        nonlocal line, label
        label += 1
        pid = str(label)
        ids[proto.key] = pid
        p_line = line
        line += 1
        children = []
        for k, c in enumerate(proto.children):
            letter = chr(ord("a") + k)
            ids[c.key] = f"{pid}.{letter}"
            children.append(
                Point(
                    id=f"{pid}.{letter}",
                    label=letter,
                    text=c.text,
                    section=section,
                    track=proto.track,
                    line=line,
                    marker=f"{letter}.",
                    style="alpha",
                )
            )
            line += 1
        return Point(
            id=pid,
            label=pid,
            text=proto.text,
            section=section,
            track=proto.track,
            line=p_line,
            marker=f"{pid}.",
            style="decimal",
            points=tuple(children),
        )

    for proto in main:
        points.append(make(proto, None))
    if parked:
        line += 3  # blank, heading, blank
        for proto in parked:
            points.append(make(proto, DEFERRED_TRACK))
    draft = Draft(
        source=source, points=tuple(points), title=title, date=date, metadata={"title": title, "date": date}
    )
    return draft, ids


def draft_to_markdown(draft: Draft) -> str:
    """The draft as Markdown the reader understands (front matter, ``1. text``, ``   a. text``, tracks)."""
    out = ["---", f"title: {draft.title or draft.source}", f"date: {draft.date or ''}", "---", ""]
    current_track: str | None = None
    for p in draft.points:
        if p.track != current_track:
            out += ["", f"## {p.track}", ""] if p.track else ["", "## Main text", ""]
            current_track = p.track
        out.extend(_item_lines(p, 0))
    return "\n".join(out) + "\n"


def _item_lines(p: Point, depth: int) -> list[str]:
    lines = [f"{'   ' * depth}{p.label}. {p.text}"]
    for c in p.points:
        lines.extend(_item_lines(c, depth + 1))
    return lines


def truth_to_dict(case: Case) -> dict:
    return {
        "schema": "draftdiff.bench-truth/1",
        **({"mode": case.mode} if case.mode != "default" else {}),
        "seed": case.seed,
        "points": len(case.old.points),
        "rates": asdict(case.rates),
        "changes": [asdict(e) for e in case.truth],
    }


def write_case(case: Case, out_dir: str | Path) -> tuple[Path, Path, Path]:
    """Write old.md, new.md and truth.json into out_dir (created if needed); return their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = (out / "old.md", out / "new.md", out / "truth.json")
    paths[0].write_text(draft_to_markdown(case.old), encoding="utf-8")
    paths[1].write_text(draft_to_markdown(case.new), encoding="utf-8")
    paths[2].write_text(json.dumps(truth_to_dict(case), indent=1) + "\n", encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("points", type=int, help="number of provisions in the base draft")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="bench/out/case", help="folder for old.md, new.md, truth.json")
    ap.add_argument(
        "--mode", default="default", choices=MODES, help="kind of edit (default: a negotiation round)"
    )
    args = ap.parse_args(argv)
    case = generate_mode(args.mode, args.points, args.seed)
    for p in write_case(case, args.out):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
