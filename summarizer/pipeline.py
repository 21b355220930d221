"""Composition only: the stages in order.

    ingest -> clean -> sentences -> events -> filters -> top stories -> rank -> select -> order -> render
"""

from __future__ import annotations

import dataclasses
import os
import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from .config import DEFAULT_TOP, Settings
from .events import cluster_events
from .filters import events_within
from .headlines import headline
from .model import Article, Briefing, Event, Skipped
from .order import order_events, order_summary
from .parallel import both, halfway, in_halves
from .rank_events import rank_events
from .rank import score_sentences
from .select import select_sentences
from .sentences import article_sentences, remember_splits, split_ahead
from .vectors import tfidf_blocks

__all__ = ["summarize_event", "summarize_events", "summary_cost", "brief", "brief_events", "DEFAULT_TOP"]

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
    return _summarized([event], settings)[0]


# Events are summarized in batches of about this many sentences: their TF-IDF matrices are
# computed in one pass (summarizer.vectors.tfidf_blocks), and memory stays bounded.
BATCH_SENTENCES = 20_000


def _summarized(events: Sequence[Event], settings: Settings, tick: Callable[[int], None] | None = None) -> list[Event]:
    """Each event summarized on its own sentences, as ``summarize_event`` describes; the
    matrices of a batch of events are computed together, with the same result."""
    out: list[Event] = []
    batch: list[tuple[Event, tuple[Article, ...], list]] = []

    def flush() -> None:
        matrices = tfidf_blocks([[s.text for s in sentences] for _, _, sentences in batch])
        for (event, articles, sentences), matrix in zip(batch, matrices):
            texts = [s.text for s in sentences]
            scores = score_sentences(texts, matrix, settings=settings, positions=[s.position for s in sentences])
            rank = {a.id: k for k, a in enumerate(articles)}
            chosen = select_sentences(sentences, scores, matrix, settings=settings, article_rank=rank)
            out.append(dataclasses.replace(event, articles=articles, summary=order_summary(chosen, articles),
                                           title=event.title or headline(articles, chosen)))
            if tick is not None:
                tick(len(out))
        batch.clear()

    waiting = 0
    for event in events:
        articles = _chronological(event.articles)
        sentences = _bounded_sentences(articles, settings)
        batch.append((event, articles, sentences))
        waiting += len(sentences)
        if waiting >= BATCH_SENTENCES:
            flush()
            waiting = 0
    if batch:
        flush()
    return out


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


# Above this many characters of text in all, the events are summarized in two processes
# (summarizer.parallel): each event's summary depends on that event alone.
PARALLEL_SUMMARY_CHARS = 2_000_000
# What an event costs to summarize whatever its length (its matrices, its walk, its choice),
# in characters of text: the halves are cut where text plus this per event costs alike.
EVENT_CHARS = 1_000


def summary_cost(event: Event) -> int:
    """What summarizing ``event`` costs, in characters of text (its own, plus ``EVENT_CHARS``):
    where to cut a list of events into halves that cost alike."""
    return EVENT_CHARS + sum(len(a.text) for a in event.articles)


def summarize_events(events: Sequence[Event], *, settings: Settings = Settings(), progress: Progress | None = None,
                     parallel: bool = True) -> tuple[Event, ...]:
    """Summarize each event as it is (no clustering), in the given order. Many events are
    summarized half here and half in a second process at once (unless ``parallel`` is False);
    the result is the same."""
    sizes = [summary_cost(e) for e in events]
    total = len(events)

    def summarize(part: Sequence[Event], tick: Callable[[int], None] | None = None) -> list[Event]:
        return _summarized(part, settings, tick)

    if not parallel or sum(sizes) - EVENT_CHARS * total < PARALLEL_SUMMARY_CHARS:
        return tuple(summarize(events, None if progress is None else lambda done: progress(done, total)))
    half, here = halfway(sizes), os.getpid()

    def tick(done: int) -> None:
        # the other half runs meanwhile at about the same pace: this half's progress, scaled,
        # tells both; the other process, a copy of this one, shows nothing
        if progress is not None and os.getpid() == here:
            progress(min(total, round(done * total / max(half, 1))), total)

    first, second = in_halves(lambda part: summarize(part, tick), events, sizes=sizes)
    if progress is not None:
        progress(total, total)
    return tuple(first) + tuple(second)


def brief(
    articles: Sequence[Article],
    *,
    settings: Settings = Settings(),
    skipped: Sequence[Skipped] = (),
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    top: int | None = DEFAULT_TOP,
    since: dt.date | None = None,
    until: dt.date | None = None,
    summarize: bool = True,
) -> Briefing:
    """Group articles into events, keep those with an article from ``since`` to ``until``,
    rank them (``summarizer.rank_events``), summarize the ``top`` ones (all when None) and
    order them for display (``settings.event_order``).

    With ``summarize=False`` the events shown are left as grouped, for the caller to summarize
    where it draws them (``summarize_events(part, parallel=False)``): the terminal brief
    summarizes and draws each half of a long brief in its own process.

    >>> from summarizer.ingest import load_articles
    >>> b = brief(load_articles(["corpus"])[0])
    >>> [len(e.articles) for e in b.events], b.left_out
    ([3, 1, 1], 0)
    """
    readable = [a for a in articles if not a.notice]
    if top is None and sum(len(a.text) for a in readable) >= PARALLEL_SUMMARY_CHARS:
        # every event is to be summarized: a second process splits every article into
        # sentences while this one groups them (grouping keeps one core busy, mostly)
        limit = settings.max_sentences_per_article
        events, splits = both(lambda: cluster_events(articles, settings=settings, explain=False),
                              lambda: split_ahead(readable, limit=limit))
        remember_splits(readable, splits, limit=limit)
    else:
        events = cluster_events(articles, settings=settings, explain=False)
    return brief_events(events, settings=settings, skipped=skipped, now=now, progress=progress, top=top,
                        since=since, until=until, summarize=summarize)


def brief_events(events: Sequence[Event], *, settings: Settings = Settings(), skipped: Sequence[Skipped] = (),
                 now: dt.datetime | None = None, progress: Progress | None = None, top: int | None = DEFAULT_TOP,
                 since: dt.date | None = None, until: dt.date | None = None, new_since: dt.datetime | None = None,
                 summarize: bool = True) -> Briefing:
    """``brief`` from events already grouped (by ``cluster_events`` or an archive)."""
    notices = tuple(e for e in events if all(a.notice for a in e.articles))
    events, outside = events_within([e for e in events if not all(a.notice for a in e.articles)], since=since, until=until)
    ranked = rank_events(events, settings=settings)
    shown = ranked if top is None else ranked[:top]
    done = summarize_events(shown, settings=settings, progress=progress) if summarize else tuple(shown)
    if settings.event_order != "rank":
        done = order_events(done, by=settings.event_order)
    return Briefing(done, tuple(skipped) + outside, generated=now, left_out=len(ranked) - len(shown), new_since=new_since,
                    notices=notices)
