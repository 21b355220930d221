"""--since and --until, applied to events after grouping: an event is kept when one of its
articles was published in the span, with all its articles, undated ones included. Grouping
first keeps a story whole: filtering articles first would cut a three-outlet story down to the
one outlet whose date is known."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .model import Event, Skipped

__all__ = ["events_within"]


def events_within(events: Sequence[Event], *, since: dt.date | None = None, until: dt.date | None = None,
                  ) -> tuple[tuple[Event, ...], tuple[Skipped, ...]]:
    """The events with an article published from ``since`` to ``until`` (both inclusive), and
    each article of the others as skipped, with the reason.

    >>> from summarizer.model import Article
    >>> late = Event("a", (Article("x", "t", date=dt.date(2021, 6, 1)), Article("y", "t")))
    >>> early = Event("b", (Article("z", "t", date=dt.date(2021, 2, 1)),))
    >>> kept, skipped = events_within([late, early], since=dt.date(2021, 5, 1))
    >>> [e.id for e in kept], [(s.reason, s.kind) for s in skipped]
    (['a'], [('z: its event has no article published on or after --since 2021-05-01', 'outside --since')])
    """
    if since is None and until is None:
        return tuple(events), ()
    kept: list[Event] = []
    dropped: list[Skipped] = []
    for event in events:
        if any(a.date is not None and (since is None or a.date >= since) and (until is None or a.date <= until)
               for a in event.articles):
            kept.append(event)
            continue
        dates = [a.date for a in event.articles if a.date is not None]
        for a in event.articles:
            if not dates:
                why, kind = "no article of its event gives a publication date, so none is in --since/--until", "undated"
            elif since is not None and max(dates) < since:
                why, kind = f"its event has no article published on or after --since {since.isoformat()}", "outside --since"
            else:
                why, kind = f"its event has no article published on or before --until {until.isoformat()}", "outside --until"
            dropped.append(Skipped(a.path, f"{a.id}: {why}", a.line, kind=kind))
    return tuple(kept), tuple(dropped)
