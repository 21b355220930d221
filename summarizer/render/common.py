"""Helpers shared by the renderers."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from ..clean import clean_field, same_text_key
from ..language import UNKNOWN, language_name
from ..model import Article, Event, Skipped

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


def notices_by_text(notices: Sequence[Event]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each site notice once: its first page's text and the ids of its pages in order (notices
    by first page)."""
    pages: dict[str, list[Article]] = {}
    for event in notices:
        for a in event.articles:
            pages.setdefault(same_text_key(a.text[:200]), []).append(a)
    grouped = sorted((sorted(same, key=lambda a: a.id) for same in pages.values()), key=lambda same: same[0].id)
    return tuple((same[0].text, tuple(a.id for a in same)) for same in grouped)


def skipped_line(skipped: Sequence[Skipped], hint: str = "--format json lists them") -> str:
    """What was skipped, in one line, by kind: ``742 skipped: 740 outside --since, 2 not valid
    JSON; --format json lists them``.

    >>> skipped_line([Skipped("a", "x", kind="duplicate"), Skipped("b", "y", kind="not valid JSON"), Skipped("c", "z", kind="duplicate")])
    '3 skipped: 2 duplicate, 1 not valid JSON; --format json lists them'
    """
    kinds = Counter(s.kind for s in skipped)
    return f"{len(skipped)} skipped: " + ", ".join(f"{n} {kind}" for kind, n in kinds.most_common()) + f"; {hint}"


def more_line(left_out: int) -> str:
    """``278 more events: --all, or --top N``."""
    return f"{left_out} more event{'s' * (left_out != 1)}: --all, or --top N"


def notices_line(notices: Sequence[Event], hint: str = "--format json lists them") -> str:
    """``12 pages held a site's notice instead of a report (3 notices); --format json lists them``."""
    n = sum(len(e.articles) for e in notices)
    distinct = len(notices_by_text(notices))
    return (f"{n} page{'s' * (n != 1)} held a site's notice instead of a report ({distinct} notice{'s' * (distinct != 1)}); "
            f"{hint}")


def days_of(event: Event) -> list[tuple[dt.date | None, list[Article]]]:
    """The event's articles by day, in order (undated last), when they span more than one day;
    else one group of all of them."""
    days = sorted({a.date for a in event.articles if a.date is not None})
    if len(days) < 2:
        return [(None, list(event.articles))]
    by_day = [(d, [a for a in event.articles if a.date == d]) for d in days]
    undated = [a for a in event.articles if a.date is None]
    return by_day + ([(None, undated)] if undated else [])


def day_heading(day: dt.date | None) -> str:
    """``Tuesday 12 March 2024``, or ``date unknown``."""
    return f"{day:%A} {day.day} {day:%B %Y}" if day is not None else "date unknown"


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


def is_new(event: Event, article_ids: Sequence[str]) -> bool:
    """Whether a summary sentence carried by ``article_ids`` comes from an article new since the
    last brief, in an event that was seen before (with an archive)."""
    return event.status == "updated" and bool(set(article_ids) & set(event.new_articles))


def no_summary(event: Event) -> str:
    """What an event without summary sentences says instead.

    >>> no_summary(Event("e", (Article("a", "x"),)))
    'no summary: the page has no complete sentences'
    """
    if len(event.articles) == 1:
        return "no summary: the page has no complete sentences"
    return "no summary: the pages have no complete sentences"
