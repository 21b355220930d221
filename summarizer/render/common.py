"""Helpers shared by the renderers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from collections import Counter

from ..clean import clean_field, same_text_key
from ..language import UNKNOWN, language_name
from ..model import Article, Event

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
    """The events a briefing shows, and the site notices it lists instead: each notice once,
    as its first page's text and the ids of its pages in order (notices by first page)."""
    pages: dict[str, list[Article]] = {}
    for event in events:
        if is_notice(event):
            for a in event.articles:
                pages.setdefault(same_text_key(a.text), []).append(a)
    notices = [sorted(same, key=lambda a: a.id) for same in pages.values()]
    return (tuple(e for e in events if not is_notice(e)),
            tuple((same[0].text, tuple(a.id for a in same)) for same in sorted(notices, key=lambda same: same[0].id)))


def languages_note(events: Sequence[Event]) -> str:
    """What the briefing says of the languages its articles are in: "" when all are in one;
    else how many are in languages other than the commonest, by language.

    >>> e = Event("e", tuple(Article(str(k), "x", language=l) for k, l in enumerate(["en", "en", "fr", "es", "fr"])))
    >>> languages_note([e])
    '3 in other languages (2 French, 1 Spanish)'
    """
    counts = Counter(a.language or UNKNOWN for e in events for a in e.articles)
    if len(counts) < 2:
        return ""
    (main, _), *others = counts.most_common()
    n = sum(c for _, c in others)
    named = ", ".join(f"{c} {'of unknown language' if code == UNKNOWN else language_name(code).capitalize()}"
                      for code, c in others)
    return f"{n} in other languages ({named})"


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
