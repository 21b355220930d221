"""Helpers shared by the renderers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..clean import clean_field, same_text_key
from ..model import Event

# One line with no control characters is what cleaning already makes of titles and sources;
# the renderers apply the same step to everything else an input supplies (ids, paths, reasons).
one_line = clean_field


def date_span(event: Event) -> str:
    """``2021-02-26``, ``2021-02-26 to 2021-03-01``, or ``date unknown``."""
    start, end = event.start, event.end
    if start is None:
        return "date unknown"
    return start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"


NOTICE = "a site's notice found on other pages too, not a report"


def is_notice(event: Event) -> bool:
    """True when the event is a page holding a site's notice (see ``Article.notice``)."""
    return all(a.notice for a in event.articles)


def split_notices(events: Sequence[Event]) -> tuple[tuple[Event, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """The events a briefing shows, and the site notices it lists instead: each notice's text
    once, with the ids of the pages that hold it (in order of first page)."""
    pages: dict[str, tuple[str, list[str]]] = {}
    for event in events:
        if is_notice(event):
            for a in event.articles:
                pages.setdefault(same_text_key(a.text), (a.text, []))[1].append(a.id)
    return tuple(e for e in events if not is_notice(e)), tuple((text, tuple(ids)) for text, ids in pages.values())


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
