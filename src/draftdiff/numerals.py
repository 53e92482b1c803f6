"""Roman numerals, the one parser and formatter of the reader and the linter.

A numeral is strict (the subtractive forms only: ``iv``, not ``iiii``; ``xc``, not ``lxxxx``), in one
case (``iv`` or ``IV``, never ``Iv``) and from 1 to 3999.

>>> roman_value("iv"), roman_value("XIV"), roman_value("mcmxcix")
(4, 14, 1999)
>>> roman_value("iiii"), roman_value("ic"), roman_value("Iv"), roman_value(""), roman_value("MMMM")
(None, None, None, None, None)
>>> to_roman(4), to_roman(1999, upper=True)
('iv', 'MCMXCIX')
>>> all(roman_value(to_roman(n)) == n for n in range(1, 4000))
True
"""

from __future__ import annotations

import re

__all__ = ["ROMAN_MAX", "roman_value", "to_roman"]

#: The largest numeral written without overlines.
ROMAN_MAX = 3999

_STRICT = re.compile(r"m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_PARTS = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def roman_value(text: str) -> int | None:
    """The value of a strict Roman numeral in one case, else None."""
    if not text or not text.isascii() or not (text.islower() or text.isupper()):
        return None
    s = text.lower()
    if not _STRICT.fullmatch(s):
        return None
    total = 0
    for k, ch in enumerate(s):
        v = _VALUES[ch]
        total += -v if k + 1 < len(s) and _VALUES[s[k + 1]] > v else v
    return total


def to_roman(n: int, upper: bool = False) -> str:
    """``n`` (1 to 3999) as a Roman numeral, lower case unless ``upper``.

    >>> to_roman(0)
    Traceback (most recent call last):
    ...
    ValueError: no Roman numeral for 0 (1 to 3999)
    """
    if not 1 <= n <= ROMAN_MAX:
        raise ValueError(f"no Roman numeral for {n} (1 to {ROMAN_MAX})")
    out = []
    for value, digits in _PARTS:
        while n >= value:
            out.append(digits)
            n -= value
    s = "".join(out)
    return s.upper() if upper else s
