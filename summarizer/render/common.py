"""Helpers shared by the renderers."""

from __future__ import annotations

import datetime as dt
import re

from ..model import Event

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def one_line(text: str) -> str:
    """Text safe to show on one line: control and bidi characters removed, whitespace squeezed.

    >>> one_line("a\\x1b]8;;x\\x07b\\n c\\u202e")
    'a]8;;xb c'
    """
    return " ".join(_CONTROL.sub("", text.replace("\n", " ").replace("\t", " ")).split())


def date_span(event: Event) -> str:
    """``2021-02-26``, ``2021-02-26 to 2021-03-01``, or ``date unknown``."""
    start, end = event.start, event.end
    if start is None:
        return "date unknown"
    return start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def markers(event: Event) -> dict[str, int]:
    """Article id -> its number in the event (1-based), for source markers."""
    return {a.id: k for k, a in enumerate(event.articles, 1)}


def refs(event: Event, article_ids) -> str:
    """Source markers such as ``[1][3]``, in number order."""
    marks = markers(event)
    return "".join(f"[{n}]" for n in sorted(marks[a] for a in article_ids))


def bullets(event: Event):
    """The summary sentences shown as bullets: all but one that already stands as the headline."""
    return tuple(s for s in event.summary if s.text != event.title)


def headline_sources(event: Event) -> tuple[str, ...]:
    """The articles behind the headline when it is one of the summary sentences."""
    for s in event.summary:
        if s.text == event.title:
            return s.article_ids
    return ()
