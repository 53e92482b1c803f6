"""The one-line account of a series of drafts (:func:`series_sentence`), shared by the history table,
its Markdown and the "draftdiff.history/1" JSON (``summary.sentence``). Nothing here imports rich.

>>> from draftdiff.history import build_history
>>> from draftdiff.model import draft_from_texts
>>> first = draft_from_texts(["Ceasefire at once.", "Amnesty for all parties."])
>>> second = draft_from_texts(["Ceasefire at once.", "Elections within 100 days."])
>>> third = draft_from_texts(["Ceasefire at once!", "Amnesty for all parties.", "Elections within 100 days."])
>>> series_sentence(build_history([first, second, third]))
'2 -> 2 -> 3 points; none dropped; 1 added'
"""

from __future__ import annotations

from collections.abc import Sequence

from ..history import History
from .report import track_phrase

__all__ = ["series_sentence"]


def series_sentence(history: History) -> str:
    """``28 -> 26 -> 19 -> 20 points; 9 provisions dropped along the way, 2 restored; ...``, from the data.

    Counts are of top-level provisions; deferred provisions are named by their short titles, grouped by
    track (more than four: a count and the first three).
    """
    s = history.summary()
    unit = " paragraphs" if all(d.points_from == "paragraphs" for d in history.drafts) else " points"
    parts = [" -> ".join(str(n) for n in s["points"]) + unit]
    drop = f"{_plural(s['dropped'], 'provision')} dropped along the way" if s["dropped"] else "none dropped"
    if s["restored"]:
        drop += f", {s['restored']} restored"
    parts.append(drop)
    if s["merged"]:
        parts.append(f"{s['merged']} merged into others")
    if s["split"]:
        parts.append(f"{s['split']} split off")
    if s["added"]:
        parts.append(f"{s['added']} added")
    for d in s["deferred"]:
        titles = [t or lid for t, lid in zip(d["titles"], d["lineages"], strict=True)]
        phrase = track_phrase(d["track"])
        if len(titles) <= 4:
            parts.append(f"{_join_and(titles)} {phrase}")
        else:
            parts.append(f"{len(titles)} provisions {phrase} ({', '.join(titles[:3])}, ...)")
    return "; ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _join_and(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
