"""Amounts, dates and deadlines: the ``number`` and ``date`` flags.

``number``  an amount, count, percentage or duration changed (600,000 -> 800,000; $100 bn; 100 days; 2%).
``date``    a date, month or year changed (1 January 2026 -> 1 March 2026; by 2027 -> by 2030), or a
            deadline came, went or became a vague one (within 100 days -> at the earliest opportunity).

Numbers that are references to other provisions ("point 5", "Article 12", "section 3.2", "4.b", "§5"),
version strings ("1.0.0", "2.0.0-rc.1", "v1.3") and dates are not amounts: a renumbering or a new
example version alone must not make a provision revised.

>>> [(f.type, f.old, f.new) for f in number_flags(Pair("Capped at 600,000 in v1.3.", "Capped at 800 000 in v1.4."))]
[('number', '600,000', '800 000')]
"""

from __future__ import annotations

import re

from ..changes import Flag
from .context import Pair, paired_flags

__all__ = ["date_flags", "dates", "number_flags"]

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

_REFERENCE = re.compile(
    r"\b(?=[pacsinrPACSINR§])(?:points?|articles?|art\.|sections?|sec\.|§|paragraphs?|para\.|clauses?|items?|annex(?:es)?|"
    r"chapters?|rules?|principles?|no\.)\s+\d+(?:\.\d+)*[a-z]?(?:\s*(?:,|and|or|to|-|–)\s*\d+(?:\.\d+)*[a-z]?)*",
    re.IGNORECASE,
)
#: An issue or pull-request number ("#13", "fixes #5") names a ticket, it is no amount.
_TICKET = re.compile(r"#\d+\b")
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


# Version strings are names of releases, not amounts: 1.0.0, 2.0.0-rc.1, 1.0.0-alpha+001, 1.3.7+build.11,
# v1.3, v2 (a "v" before digits, or three dotted parts or more).
_VERSION = re.compile(
    r"(?<![\w.])(?:v\d+(?:\.\d+)*(?:[-+][0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)*"
    r"|\d+(?:\.\d+){2,}(?:[-+][0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)*)",
    re.IGNORECASE,
)
# A reference by number alone: "4.b", "3.2.a" (a lettered sub-point), "§5", "§§ 3-4".
_SECTION = re.compile(r"§+\s*\d+(?:\.\d+)*[a-z]?(?:\s*[-–]\s*\d+)?|(?<![\w.])\d+(?:\.\d+)*\.[a-z]\b(?!\.\w)")


_RATIO = re.compile(r"(?<![\w.:])\d+:\d+(?![\w:])")


def _numbers(undated: str) -> list[tuple[tuple, str]]:
    """Amounts in a text whose dates are already blanked out (see :func:`dates`)."""
    text = _SECTION.sub(" ", _REFERENCE.sub(" ", _VERSION.sub(" ", _TICKET.sub(" ", undated))))
    # a ratio ("shared 50:50", "3:1") is one amount, not two numbers
    out: list[tuple[tuple, str]] = [(("ratio", m.group(0), ""), m.group(0)) for m in _RATIO.finditer(text)]
    text = _RATIO.sub(" ", text)
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


def dates(text: str) -> tuple[list[tuple[str, str]], str]:
    """The dates and deadlines of a text (key, as written) and the text with them blanked out.

    >>> dates("Elections within 100 days, by 1 May 2026.")[0]
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


def _amount_and_date_flags(pair: Pair) -> tuple[list[Flag], list[Flag]]:
    if "amounts" not in pair.shared:
        pair.shared["amounts"] = _read_amounts(pair)
    return pair.shared["amounts"]  # type: ignore[return-value]


def _read_amounts(pair: Pair) -> tuple[list[Flag], list[Flag]]:
    (dates_old, undated_old), (dates_new, undated_new) = pair.dated
    number = paired_flags("number", _numbers(undated_old), _numbers(undated_new))  # type: ignore[arg-type]
    date = paired_flags("date", dates_old, dates_new)  # type: ignore[arg-type]
    # a period changed ("within 100 days" -> "within 120 days") is a number flag; a deadline that went or
    # came ("within 100 days" -> "at the earliest opportunity") a date flag, not a number removed
    date = [f for f in date if not (_is_period(f.old) and _is_period(f.new))]
    periods = [p for f in date for p in (f.old, f.new) if _is_period(p)]
    number = [f for f in number if not any((f.old or f.new or "") in p for p in periods)]  # type: ignore[operator]
    return number, date


def number_flags(pair: Pair) -> list[Flag]:
    """Amounts that changed, came or went (compared as a multiset: the same amount spelled another way
    is no change)."""
    return _amount_and_date_flags(pair)[0]


def date_flags(pair: Pair) -> list[Flag]:
    """Dates and deadlines that changed, came or went."""
    return _amount_and_date_flags(pair)[1]


_MONTH_WORDS = frozenset(_MONTHS.split("|"))
#: Words that can carry a date or deadline flag without a digit.
DATE_TRIGGERS = _MONTH_WORDS | {"earliest", "soon", "date", "possible", "practicable", "feasible"}


def has_digit(word: str) -> bool:
    """The pre-check's test for amounts and dates written in figures."""
    return not word.isalpha()
