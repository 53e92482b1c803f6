"""The flag-extractor registry: every substance flag type is registered here once.

A :class:`FlagType` names the type, the function that reads its flags off a pair of texts and the
words that can carry it (``triggers``, lower case) or a test on a word as written (``trigger``). The
pre-check of :func:`draftdiff.flags.substance_flags` asks every registered type whether a word that
differs between the texts could carry one of its flags, so a type added by one registration is
never skipped by the pre-check.

>>> [t.name for t in registered()][:3]
['number', 'date', 'negation']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..changes import Flag
    from .context import Pair

__all__ = ["FlagType", "register", "registered", "registration", "triggered"]


@dataclass(frozen=True, slots=True)
class FlagType:
    """One kind of substance flag.

    name      the ``Flag.type`` it produces.
    extract   reads the flags of this type off a :class:`~draftdiff.flags.context.Pair`.
    triggers  lower-case words whose change may carry the flag ("not", "shall" ...).
    trigger   a test on a word as written (a digit, a capital ...) for what a word list cannot say.
    """

    name: str
    extract: Callable[[Pair], list[Flag]]
    triggers: frozenset[str] = frozenset()
    trigger: Callable[[str], bool] | None = field(default=None)

    def fires_on(self, word: str) -> bool:
        """Whether a word as written could carry a flag of this type."""
        return word.lower() in self.triggers or (self.trigger is not None and self.trigger(word))


_REGISTRY: dict[str, FlagType] = {}


def register(flag_type: FlagType) -> FlagType:
    """Add a flag type (at the end of the order flags are reported in); a name is registered once."""
    if flag_type.name in _REGISTRY:
        raise ValueError(f"flag type {flag_type.name!r} is already registered")
    _REGISTRY[flag_type.name] = flag_type
    return flag_type


def registered() -> tuple[FlagType, ...]:
    """The registered flag types, in the order their flags are reported."""
    return tuple(_REGISTRY.values())


@contextmanager
def registration(flag_type: FlagType) -> Iterator[FlagType]:
    """Register a flag type for the duration of a ``with`` block (tests, plug-ins tried out)."""
    register(flag_type)
    try:
        yield flag_type
    finally:
        del _REGISTRY[flag_type.name]


def triggered(word: str) -> bool:
    """Whether any registered type could flag a change of this word (as written)."""
    return any(t.fires_on(word) for t in _REGISTRY.values())
