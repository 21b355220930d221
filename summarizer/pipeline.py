"""Composition only: the stages in order.

    ingest -> clean -> sentences -> cluster -> rank -> select -> order -> render
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from .events import cluster_events
from .config import Settings
from .model import Article, Briefing, Event, Skipped, SummarySentence
from .order import order_events, order_summary
from .rank import score_sentences
from .select import select_sentences
from .sentences import article_sentences
from .vectors import tfidf_matrix

__all__ = ["summarize_event", "summarize_events", "brief"]

Progress = Callable[[int, int], None]


def _chronological(articles: Iterable[Article]) -> tuple[Article, ...]:
    return tuple(sorted(articles, key=lambda a: (a.date is None, a.date or dt.date.min, a.id)))


def summarize_event(event: Event, *, settings: Settings = Settings()) -> Event:
    """The event with its extractive summary and headline filled in.

    >>> from summarizer.ingest import load_articles
    >>> articles, _ = load_articles(["corpus/003_ff99ae6290446f45.txt"])
    >>> len(summarize_event(Event("e", articles), settings=Settings(n_sentences=2)).summary)
    2
    """
    articles = _chronological(event.articles)
    sentences = _bounded_sentences(articles, settings)
    texts = [s.text for s in sentences]
    matrix, _ = tfidf_matrix(texts)
    scores = score_sentences(texts, matrix, settings=settings, positions=[s.position for s in sentences])
    rank = {a.id: k for k, a in enumerate(articles)}
    chosen = select_sentences(sentences, scores, matrix, settings=settings, article_rank=rank)
    return dataclasses.replace(
        event, articles=articles, summary=order_summary(chosen, articles), title=event.title or _headline(articles, chosen),
    )


def _bounded_sentences(articles: Sequence[Article], settings: Settings) -> list:
    """The event's sentences, at most ``max_sentences_per_article`` from the start of each
    article and ``max_sentences_per_event`` in all (each article's share cut evenly), so one
    huge article cannot make ranking slow: similarity is quadratic in sentences at worst."""
    per_article = [article_sentences(a, limit=settings.max_sentences_per_article) for a in articles]
    total = sum(map(len, per_article))
    if total > settings.max_sentences_per_event:
        share = max(1, settings.max_sentences_per_event // max(len(articles), 1))
        per_article = [s[:share] for s in per_article]
    return [s for group in per_article for s in group][: settings.max_sentences_per_event]


def _headline(articles: Sequence[Article], chosen: Sequence[SummarySentence]) -> str:
    """A title from the event: that of the article carrying the best sentence, else any
    article's title, else the best sentence itself. Never invented."""
    by_id = {a.id: a for a in articles}
    if chosen and by_id[chosen[0].sources[0].article_id].title:
        return by_id[chosen[0].sources[0].article_id].title
    for article in articles:
        if article.title:
            return article.title
    return chosen[0].text if chosen else ""


def summarize_events(events: Sequence[Event], *, settings: Settings = Settings(), progress: Progress | None = None) -> tuple[Event, ...]:
    """Summarize each event as it is (no clustering), in the given order."""
    out = []
    for k, event in enumerate(events):
        out.append(summarize_event(event, settings=settings))
        if progress is not None:
            progress(k + 1, len(events))
    return tuple(out)


def brief(
    articles: Sequence[Article],
    *,
    settings: Settings = Settings(),
    skipped: Sequence[Skipped] = (),
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> Briefing:
    """Cluster articles into events, summarize each, and order them for display.

    Event ids are ``event-1``, ``event-2``, ... in display order.

    >>> from summarizer.ingest import load_articles
    >>> b = brief(load_articles(["corpus"])[0])
    >>> [len(e.articles) for e in b.events]
    [3, 1, 1]
    """
    events = summarize_events(cluster_events(articles, settings=settings), settings=settings, progress=progress)
    ordered = order_events(events, by=settings.event_order)
    numbered = tuple(dataclasses.replace(e, id=f"event-{k}") for k, e in enumerate(ordered, 1))
    return Briefing(numbered, tuple(skipped), generated=now)
