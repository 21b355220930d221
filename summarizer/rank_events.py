"""Top stories: which events matter most to a reader.

An event matters by how many distinct sources carry it, how many articles, and how recent it is:

    score = (sources + (articles - sources) / 2) x freshness

A source is an article's named source, else its address's site; an article that names neither
counts as a source of its own. Articles beyond one a source count half: a second report from the
same outlet adds less than another outlet. Freshness fades as similarity does with days
(``Settings.time_sigma_days``, σ): exp(-age² / 2σ²), the age being the days between the event's
latest article and the newest article of the input (so an archive of old news ranks as a fresh
one would); an event with no dated article is not aged. Ties go to the later event, then to the
event id.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence
from urllib.parse import urlsplit

from .config import Settings
from .model import Article, Event, Rank

__all__ = ["rank_events", "source_of"]


def source_of(article: Article) -> str:
    """The source an article counts as: its named source, else its address's site (without
    "www."), else the article itself.

    >>> source_of(Article("a", "x", url="https://www.bbc.co.uk/news/1")), source_of(Article("b", "x"))
    ('bbc.co.uk', 'article b')
    """
    if article.source:
        return article.source.casefold()
    host = urlsplit(article.url).hostname if article.url else None
    if host:
        return host.removeprefix("www.")
    return f"article {article.id}"


def rank_events(events: Sequence[Event], *, settings: Settings = Settings(), newest: dt.date | None = None) -> tuple[Event, ...]:
    """The events, each with its ``rank``, most important first.

    ``newest``: the day freshness is measured from (default: the latest article date among
    the events).

    >>> a = [Article(f"a{k}", "x", source=s, date=dt.date(2021, 2, 26)) for k, s in enumerate(["BBC", "CNN", "BBC"])]
    >>> old = Article("b", "y", source="AP", date=dt.date(2021, 2, 19))
    >>> [(e.id, e.rank.score) for e in rank_events([Event("old", (old,)), Event("big", tuple(a))])]
    [('big', 2.5), ('old', 0.066)]
    """
    dates = [a.date for e in events for a in e.articles if a.date is not None]
    newest = newest or (max(dates) if dates else None)
    sigma = settings.time_sigma_days
    ranked = []
    for event in events:
        sources = len({source_of(a) for a in event.articles})
        end = event.end
        age = (newest - end).days if end is not None and newest is not None else None
        freshness = math.exp(-max(age, 0) ** 2 / (2 * sigma ** 2)) if age is not None else 1.0
        score = (sources + (len(event.articles) - sources) / 2) * freshness
        ranked.append(dataclasses.replace(event, rank=Rank(round(score, 3), sources, len(event.articles), age, round(freshness, 3))))
    return tuple(sorted(ranked, key=lambda e: (-e.rank.score, -(e.end or dt.date.min).toordinal(), e.id)))
