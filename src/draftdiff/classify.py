"""Substance flags and kinds of matched pairs.

A matched pair whose words moved but whose substance stayed is *reworded*; a pair whose substance
changed is *revised*. Substance is read as five kinds of flag, each saying what it was and what it became:

``number``    an amount, count, percentage or duration changed (600,000 -> 800,000; $100 bn; 100 days; 2%).
``date``      a date, month or year changed (1 January 2026 -> 1 March 2026; by 2027 -> by 2030).
``negation``  a negation was added or removed (not, no, never, nor, without, neither, none, n't).
``modality``  an obligation became a permission or the reverse (shall/must/will <-> may/should/could/can).
``party``     a named party appeared or disappeared (Russia, NATO, the US, the EU, Ukraine ...).

>>> [(f.type, f.old, f.new) for f in substance_flags(
...     "Ukraine's armed forces shall be capped at 600,000 personnel.",
...     "Ukraine's armed forces may be capped at 800 000 personnel.")]
[('number', '600,000', '800 000'), ('modality', 'shall', 'may')]
>>> [(f.type, f.old, f.new) for f in substance_flags("Ukraine will not join NATO.", "Ukraine will join the EU.")]
[('negation', 'not', None), ('party', 'NATO', None), ('party', None, 'EU')]

Numbers that are references to other provisions ("point 5", "Article 12") are not amounts: a
renumbering alone must not make a provision revised.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from .align.tuning import REVISED_BELOW  # the engine's thresholds live in one place (align/tuning.py)
from .changes import DiffOp, Flag, Kind
from .normalize import strip_markup

__all__ = ["FLAG_TYPES", "REVISED_BELOW", "classify", "name_vocabulary", "substance_flags"]

FLAG_TYPES = ("number", "date", "negation", "modality", "party", "scope")

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE = re.compile(
    rf"""\b(?=[\dJFMASONDjfmasond])(?:
        \d{{4}}-\d{{2}}-\d{{2}}                                   # 2026-01-31
      | \d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}                       # 31/01/2026
      | \d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?(?:,?\s+\d{{4}})?   # 1 January 2026
      | (?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?  # January 1, 2026
      | (?:{_MONTHS})\.?\s+\d{{4}}                                 # January 2026
      | (?:19|20)\d{{2}}(?!\s*(?:%|per\s?cent|troops|personnel|km|kilomet))     # 2026
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
# "may" is a month only in a date pattern with a day or year next to it (handled above).

# Deadlines: a period counted from an event ("within 100 days", "no later than 30 days after") and the
# vague deadlines that replace one ("at the earliest opportunity"). They are read as dates (a ``date``
# flag), never as amounts: "within 100 days" -> "at the earliest opportunity" is a deadline removed.
_DEADLINE = re.compile(
    r"""\b(?=[wWiIaAbBnNoOsS])(?:
        (?:within|in|after|before|by|no\s+later\s+than|not\s+later\s+than|no\s+more\s+than)\s+
          (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a|an)\s+
          (?:calendar\s+|working\s+|business\s+)?(?:days?|weeks?|months?|years?|hours?)
      | at\s+the\s+earliest\s+(?:possible\s+)?(?:opportunity|date|moment)
      | as\s+soon\s+as\s+(?:possible|practicable|feasible)
      | on\s+a\s+date\s+to\s+be\s+(?:fixed|set|agreed|determined)
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
#: Vague deadlines that mean the same: one key, so swapping one for another is no change.
_VAGUE_DEADLINE = re.compile(r"^(?:at the earliest|as soon as)")

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

_REFERENCE = re.compile(
    r"\b(?=[pacsinrPACSINR§])(?:points?|articles?|art\.|sections?|§|paragraphs?|para\.|clauses?|items?|annex(?:es)?|"
    r"chapters?|rules?|principles?|no\.)\s+\d+(?:\.\d+)*[a-z]?(?:\s*(?:,|and|or|to|-|–)\s*\d+(?:\.\d+)*[a-z]?)*",
    re.IGNORECASE,
)
_SCALE = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
    "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
_NUMBER = re.compile(
    r"""(?=[$€£¥\dUuEeGg])(?P<cur>[$€£¥]|\b(?:usd|eur|gbp|us\$)\s?)?
        (?<![\w.])(?P<num>\d+(?:[,\u00a0\u202f\u2009 ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d/])
        (?:\s?(?P<scale>thousand|million|mn|billion|bn|trillion|tn|k|m|b)\b)?
        (?:\s?(?P<unit>%|per\s?cent|percent|days?|weeks?|months?|years?|hours?|km|kilomet(?:re|er)s?|miles?))?""",
    re.IGNORECASE | re.VERBOSE,
)

_NEGATION = re.compile(
    r"(?=[nNwWcC])(?:\b(?:not|no|never|nor|without|neither|none|nothing|cannot)\b|n['\u2019]t\b)",
    re.IGNORECASE,
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

# Named parties: runs of capitalised words; a few aliases folded together.
_CAP_RUN = re.compile(
    r"(?=[A-Z])(?:\b[A-Z][\w'’.-]*[\w]|\bU\.S\.|\bU\.K\.)"
    r"(?:\s+(?:of\s+(?:the\s+)?)?(?:[A-Z][\w'’.-]*\w|U\.S\.|[A-Z]\.(?=\s+[A-Z])))*"
)
# Titles before a name are no part of it: "President Donald J. Trump" is the party "Donald Trump",
# "President of the United States" the United States.
_TITLES = frozenset(
    """president vice prime minister chancellor secretary general secretary-general king queen
    prince mr mrs ms dr sir lord lady senator ambassador envoy special foreign defence defense
    first deputy""".split()  # noqa: SIM905
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*)$")
_ALIASES = {
    "us": "US", "u.s.": "US", "usa": "US", "united states": "US", "united states of america": "US",
    "america": "US", "american": "US", "americans": "US", "eu": "EU", "european union": "EU",
    "russia": "Russia", "russian": "Russia", "russian federation": "Russia", "russians": "Russia",
    "ukraine": "Ukraine", "ukrainian": "Ukraine", "ukrainians": "Ukraine", "europe": "Europe",
    "european": "Europe", "europeans": "Europe", "uk": "UK", "u.k.": "UK", "united kingdom": "UK",
    "nato": "NATO",
}  # fmt: skip
_KNOWN_PARTIES = frozenset(_ALIASES) | {
    "china",
    "poland",
    "germany",
    "france",
    "turkey",
    "un",
    "g7",
    "g8",
    "iaea",
}
_NOT_PARTIES = frozenset(
    """a an the this that these those it its all any each every no not if when where while after before
    upon within following both either neither there such other in on at by for of to and or but as
    with from shall must will may should could can might would required recommended optional party
    parties agreement article articles section sections annex point points plan clause clauses
    treaty framework protocol chapter paragraph item items rule rules principle principles
    specification version i ii iii iv v vi vii viii ix x key major minor patch usd eur gbp jpy chf cny
    rub uah cad aud""".split()  # noqa: SIM905
    + _MONTHS.split("|")
    + ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)


def _numbers(undated: str) -> list[tuple[tuple, str]]:
    """Amounts in a text whose dates are already blanked out (see :func:`_dates`)."""
    text = _REFERENCE.sub(" ", undated)
    out = []
    for m in _NUMBER.finditer(text):
        digits = re.sub(r"[,\u00a0\u202f\u2009 ]", "", m["num"])
        value = float(digits)
        if m["scale"]:
            value *= _SCALE[m["scale"].lower()]
        unit = (m["unit"] or "").lower().replace(" ", "")
        unit = {"percent": "%", "percent.": "%", "percents": "%"}.get(unit, unit).rstrip("s")
        if unit.startswith("kilomet"):
            unit = "km"
        cur = (m["cur"] or "").strip().lower().replace("us$", "$").replace("usd", "$")
        out.append(((cur, round(value, 6), unit), m.group(0).strip()))
    return out


def _dates(text: str) -> tuple[list[tuple[str, str]], str]:
    """The dates and deadlines of a text (key, as written) and the text with them blanked out.

    >>> _dates("Elections within 100 days, by 1 May 2026.")[0]
    [('deadline 100 day', 'within 100 days'), ('1 may 2026', '1 May 2026')]
    """
    dates: list[tuple[str, str]] = []
    for pattern, key in ((_DEADLINE, _deadline_key), (_DATE, _date_key)):
        if not (pattern is _DEADLINE and not _DEADLINE_HINT.search(text)):
            parts = []
            last = 0
            for m in pattern.finditer(text):
                dates.append((key(m.group(0)), m.group(0)))
                if pattern is _DEADLINE and _is_period(m.group(0)):
                    continue  # "within 100 days": the amount stays readable as a number
                parts.append(text[last : m.start()])
                last = m.end()
            if parts:
                parts.append(text[last:])
                text = " ".join(parts)
    return dates, text


_DEADLINE_HINT = re.compile(
    r"\d\s+(?:calendar\s+|working\s+|business\s+)?(?:day|week|month|year|hour)|earliest|soon as|to be",
    re.IGNORECASE,
)


def _is_period(shown: str | None) -> bool:
    """A deadline counted in days, weeks, months ... ("within 100 days"), as opposed to a vague one."""
    return bool(shown and any(ch.isdigit() for ch in shown) and _DEADLINE.fullmatch(shown))


def _date_key(shown: str) -> str:
    return re.sub(r"[\s,.]+", " ", shown.lower()).strip()


def _deadline_key(shown: str) -> str:
    low = re.sub(r"\s+", " ", shown.lower())
    if _VAGUE_DEADLINE.match(low):
        return "deadline asap"
    if low.startswith("on a date"):
        return "deadline open"
    words = low.split()
    return "deadline " + " ".join(words[-2:]).rstrip("s")


def _paired_flags(kind: str, old: list[tuple[object, str]], new: list[tuple[object, str]]) -> list[Flag]:
    """Flags for the items whose keys occur more often on one side than on the other, paired in order."""
    old_count = Counter(k for k, _ in old)
    new_count = Counter(k for k, _ in new)
    gone: list[str] = []
    came: list[str] = []
    seen: Counter = Counter()
    for key, shown in old:
        seen[key] += 1
        if seen[key] > new_count[key]:
            gone.append(shown)
    seen = Counter()
    for key, shown in new:
        seen[key] += 1
        if seen[key] > old_count[key]:
            came.append(shown)
    flags = [Flag(kind, o, n) for o, n in zip(gone, came)]
    flags += [Flag(kind, o, None) for o in gone[len(came) :]]
    flags += [Flag(kind, None, n) for n in came[len(gone) :]]
    return flags


# Bounds and set phrases that contain a negation word but negate nothing: "no later than 1 May",
# "not less than 5%", "not only ... but also", "without prejudice to", "without delay".
_NOT_NEGATION = re.compile(
    r"\b(?:no|not)\s+(?:later|earlier|fewer|less|more|sooner|longer|greater)\s+than\b|\bnot\s+only\b"
    r"|\bwithout\s+(?:prejudice|delay)\b",
    re.IGNORECASE,
)


def _negations(text: str) -> list[str]:
    text = _NOT_NEGATION.sub(" ", text)
    return [m.group(0).lower().replace("\u2019", "'") for m in _NEGATION.finditer(text)]


def _modals(text: str) -> list[tuple[str, str]]:
    out = []
    for m in _MODAL.finditer(text):
        word = re.sub(r"\s+", " ", m.group(0).lower().replace("\u2019", "'"))
        out.append((_STRENGTH[word], word))
    return out


def _at_sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4) : pos]
    return pos == 0 or bool(_SENTENCE_START.search(before)) or not text[:pos].strip()


# A capitalised word right after a word, a comma or a closing bracket/quote and one space: inside a sentence.
_MID_SENTENCE_CAP = re.compile(r"(?<=[\w,)\u201d\u2019\"'*_] )([A-Z][\w\u2019'-]*?)(?:['\u2019]s)?\b")


def name_vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Words seen capitalised inside a sentence somewhere in ``texts`` (lower case): the draft's names.

    A capitalised first word of a sentence counts as a name only when it is known to be one, so that
    "Implementation shall begin ..." names no party while "Castavia shall ..." does when Castavia occurs
    inside a sentence elsewhere in the drafts.

    >>> sorted(name_vocabulary(["Costs are shared with Castavia.", "Castavia shall pay."]))
    ['castavia']
    """
    big = "\n".join(texts)
    found = {w.lower() for w in _MID_SENTENCE_CAP.findall(big)}
    return frozenset(w for w in found if w not in _NOT_PARTIES)


def _parties(text: str, names: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    out = []
    for m in _CAP_RUN.finditer(text):
        run = m.group(0).rstrip(".")
        parts = [re.sub(r"['\u2019]s$", "", w) for w in run.split()]
        at_start = _at_sentence_start(text, m.start())
        # drop generic leading words ("The", "Within", "Article") from the run
        while parts and parts[0].lower() in _NOT_PARTIES:
            parts.pop(0)
            at_start = False
        while parts and parts[-1].lower() in _NOT_PARTIES:
            parts.pop()
        titled = False
        while len(parts) > 1 and (parts[0].lower().rstrip(".") in _TITLES or parts[0] in ("of", "the")):
            parts.pop(0)  # "President Trump", "President of the United States"
            titled = True
        if titled:
            parts = [w for w in parts if not re.fullmatch(r"[A-Z]\.", w)] or parts  # "Donald J. Trump"
        if not parts:
            continue
        name = " ".join(parts)
        low = name.lower()
        if low in _NOT_PARTIES or name.isupper() and low in _STRENGTH:
            continue
        if "-" in name and " " not in name:  # "US-Russian": the capitalised parts are the names
            pieces = name.split("-")
            if not pieces[-1][:1].isupper():
                continue  # "US-led", "EU-funded": an adjective built from a name, not a party
            for piece in pieces:
                if piece[:1].isupper() and piece.lower() not in _NOT_PARTIES:
                    out.append((_ALIASES.get(piece.lower(), piece), piece))
            continue
        if titled and low not in _ALIASES:  # a person: "Donald Trump" and "Trump" are one party
            out.append((parts[-1].lower(), name))
            continue
        if at_start and not (
            low in _KNOWN_PARTIES
            or parts[0].lower() in names
            or parts[0].lower() in _KNOWN_PARTIES
            or name.isupper()
        ):
            continue  # a capitalised first word of a sentence is not a name by itself
        out.append((_ALIASES.get(low, name), name))
    return out


def _set_flags(kind: str, old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[Flag]:
    """One flag per key present on one side only (first spelling shown), in order of appearance."""
    old_keys = {k for k, _ in old}
    new_keys = {k for k, _ in new}
    flags: list[Flag] = []
    done: set[str] = set()
    for k, shown in old:
        if k not in new_keys and k not in done:
            done.add(k)
            flags.append(Flag(kind, shown, None))
    for k, shown in new:
        if k not in old_keys and k not in done:
            done.add(k)
            flags.append(Flag(kind, None, shown))
    return flags


_TOKEN = re.compile(r"[\w\u2019']+")
_SUBSTANCE_WORDS = frozenset(
    [
        "not",
        "no",
        "never",
        "nor",
        "without",
        "neither",
        "none",
        "nothing",
        "cannot",
        "shall",
        "must",
        "will",
        "may",
        "should",
        "could",
        "can",
        "might",
        "would",
        "required",
        "encouraged",
        "undertake",
        "undertakes",
        "endeavour",
        # deadlines and scope qualifiers (see _DEADLINE, _SCOPE)
        "earliest",
        "soon",
        "date",
        "permanent",
        "permanently",
        "temporary",
        "temporarily",
        "only",
        "solely",
        "exclusively",
        "peacetime",
        "wartime",
        "peace",
        "war",
        "times",
        "circumstances",
        "until",
        "unless",
        "except",
        "excluding",
        "save",
        "provided",
        "subject",
        "appropriate",
        "necessary",
        "extent",
    ]
)


_CAPITALISED = re.compile(r"\b[A-Z][\w\u2019']*")


def _may_differ_in_substance(old: str, new: str) -> bool:
    """False when the words that differ between the texts cannot carry a flag (no digit, no capitalised
    word, no negation, no modal): then no flag is possible and the slower patterns need not run.

    Words are compared without case, so that moving "By 1 May 2026," from the end of a sentence to its
    start changes nothing here.
    """
    a = _TOKEN.findall(old.lower())
    b = _TOKEN.findall(new.lower())
    sa, sb = set(a), set(b)
    caps = {w.lower() for w in _CAPITALISED.findall(old)} | {w.lower() for w in _CAPITALISED.findall(new)}

    def relevant(w: str) -> bool:
        return w in caps or w in _SUBSTANCE_WORDS or "'" in w or "\u2019" in w or not w.isalpha()

    if any(relevant(w) for w in sa ^ sb):
        return True
    # the same words on both sides: only a different count of a relevant word can matter
    return sorted(w for w in a if relevant(w)) != sorted(w for w in b if relevant(w))


def _diff_may_differ(diff) -> bool:
    """The pre-check of :func:`_may_differ_in_substance` read off a word diff: only the deleted and
    inserted words can differ, so only they are looked at (case aside, as there)."""
    dels = [w for op in diff if op.op == "delete" for w in _TOKEN.findall(op.text)]
    ins = [w for op in diff if op.op == "insert" for w in _TOKEN.findall(op.text)]
    keys = {
        w.lower()
        for w in dels + ins
        if not w.islower() or w.lower() in _SUBSTANCE_WORDS or not w.isalpha() or "'" in w or "\u2019" in w
    }
    if not keys:
        return False
    return Counter(w.lower() for w in dels if w.lower() in keys) != Counter(
        w.lower() for w in ins if w.lower() in keys
    )


def substance_flags(
    old: str, new: str, names: frozenset[str] | None = None, diff: Sequence[DiffOp] | None = None
) -> tuple[Flag, ...]:
    """The substance flags between two texts, in the order number, date, negation, modality, party.

    ``names`` is the drafts' :func:`name_vocabulary` (by default that of the two texts); ``diff``, the
    word diff of the two texts when it is at hand, makes the pre-check cheaper.
    """
    if not (_diff_may_differ(diff) if diff is not None else _may_differ_in_substance(old, new)):
        return ()
    old = strip_markup(old)
    new = strip_markup(new)
    if names is None:
        names = name_vocabulary((old, new))
    dates_old, undated_old = _dates(old)  # "May 2026" is a date: no modal, no amount, no party
    dates_new, undated_new = _dates(new)
    flags: list[Flag] = []
    number_flags = _paired_flags("number", _numbers(undated_old), _numbers(undated_new))  # type: ignore[arg-type]
    date_flags = _paired_flags("date", dates_old, dates_new)  # type: ignore[arg-type]
    # a period changed ("within 100 days" -> "within 120 days") is a number flag; a deadline that went or
    # came ("within 100 days" -> "at the earliest opportunity") a date flag, not a number removed
    date_flags = [f for f in date_flags if not (_is_period(f.old) and _is_period(f.new))]
    periods = [p for f in date_flags for p in (f.old, f.new) if _is_period(p)]
    number_flags = [
        f
        for f in number_flags
        if not any((f.old or f.new or "") in p for p in periods)  # type: ignore[operator]
    ]
    flags += number_flags + date_flags
    neg_old, neg_new = _negations(old), _negations(new)
    if len(neg_old) != len(neg_new):
        gone = list((Counter(neg_old) - Counter(neg_new)).elements())
        came = list((Counter(neg_new) - Counter(neg_old)).elements())
        if len(neg_old) > len(neg_new):
            flags.append(Flag("negation", gone[0] if gone else neg_old[0], came[0] if came else None))
        else:
            flags.append(Flag("negation", gone[0] if gone else None, came[0] if came else neg_new[0]))
    mod_old, mod_new = _modals(undated_old), _modals(undated_new)
    # the strongest modal of each side, not every modal: "shall ... may" -> "shall" keeps the obligation,
    # and a "shall" that is still there elsewhere in the new text was not removed
    top_old, top_new = _strongest(mod_old), _strongest(mod_new)
    if top_old[0] != top_new[0]:
        flags.append(Flag("modality", top_old[1], top_new[1]))
    else:  # the same strongest modal, but one modal swapped for one of the other strength
        n_old, n_new = Counter(s for s, _ in mod_old), Counter(s for s, _ in mod_new)
        if n_old["strong"] > n_new["strong"] and n_old["weak"] < n_new["weak"]:
            flags.append(Flag("modality", top_old[1], next(w for s, w in mod_new if s == "weak")))
        elif n_old["strong"] < n_new["strong"] and n_old["weak"] > n_new["weak"]:
            flags.append(Flag("modality", next(w for s, w in mod_old if s == "weak"), top_new[1]))
    flags += _set_flags("party", _parties(undated_old, names), _parties(undated_new, names))
    flags += _set_flags("scope", _scopes(undated_old), _scopes(undated_new))
    return tuple(flags)


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


def classify(
    old: str,
    new: str,
    similarity: float,
    *,
    revised_below: float = REVISED_BELOW,
    names: frozenset[str] | None = None,
    diff: Sequence[DiffOp] | None = None,
) -> tuple[Kind, tuple[Flag, ...]]:
    """The kind of a 1:1 matched pair and its substance flags.

    >>> classify("The Parties shall meet.", "the parties shall  meet", 1.0)
    (<Kind.UNCHANGED: 'unchanged'>, ())
    >>> classify("The Parties shall meet monthly.", "The Parties shall convene every month.", 0.5)[0]
    <Kind.REWORDED: 'reworded'>
    >>> classify("The Parties shall meet.", "The Parties may meet.", 0.9)[0]
    <Kind.REVISED: 'revised'>
    """
    from .normalize import normalize

    if old == new or normalize(old) == normalize(new):
        return Kind.UNCHANGED, ()
    flags = substance_flags(old, new, names, diff)
    if flags or similarity < revised_below:
        return Kind.REVISED, flags
    return Kind.REWORDED, flags
