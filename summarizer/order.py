"""The order summary sentences and events are shown in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .model import Article, Event, SummarySentence

__all__ = ["order_summary", "order_events"]


def order_summary(summary: Sequence[SummarySentence], articles: Sequence[Article]) -> tuple[SummarySentence, ...]:
    """Chronological reading order: by the publication date of the earliest article carrying
    the sentence (undated articles after dated ones), then the article's order, then the
    sentence's position in it, so a story reads as its sources told it."""
    rank = {a.id: (a.date or dt.date.max, k) for k, a in enumerate(articles)}

    def key(item: SummarySentence) -> tuple:
        return min((*rank[s.article_id], s.position) for s in item.sources)

    return tuple(sorted(summary, key=key))


def order_events(events: Sequence[Event], *, by: str = "recent") -> tuple[Event, ...]:
    """``recent``: latest known date first (undated events after dated ones, larger first among
    equals); ``size``: most articles first, then most recent."""
    def recency(e: Event) -> int:
        return -(e.end or dt.date.min).toordinal()

    if by == "size":
        key = lambda e: (-len(e.articles), recency(e), e.id)
    else:
        key = lambda e: (recency(e), -len(e.articles), e.id)
    return tuple(sorted(events, key=key))
