"""The plain data that flows between the stages: frozen dataclasses holding tuples.

A sentence is identified by where it came from, ``(article_id, position)``, never by its text:
the same wire sentence carried by two articles is two sentences that agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["Article", "Sentence", "SummarySentence", "Event", "Briefing", "Skipped", "DateWindow", "Link", "Rank"]


@dataclass(frozen=True, slots=True)
class DateWindow:
    """When an article may have been published: between ``earliest`` and ``latest`` (inclusive,
    ``None`` is open), and not in any month of the year listed in ``excluded_months`` (1-12).

    An article with a known date has a window of that one day. An undated one gets its window
    from the dates its text mentions (see ``summarizer.dates``).
    """

    earliest: dt.date | None = None
    latest: dt.date | None = None
    excluded_months: frozenset[int] = frozenset()

    @property
    def is_exact(self) -> bool:
        """True when the window is one known day."""
        return self.earliest is not None and self.earliest == self.latest

    @property
    def is_open(self) -> bool:
        """True when nothing at all is known about the date."""
        return self.earliest is None and self.latest is None and not self.excluded_months


@dataclass(frozen=True, slots=True)
class Article:
    """One news article after ingest and cleaning.

    ``date`` is the publication date given by the input (its metadata, an inline date line, a
    dateline with a year, or a date in its address), in the input's own time zone; ``None``
    when it gave none.
    ``published`` is the full moment when the input gave a time, zone-aware when it gave a zone.
    ``path`` and ``line`` say where it was read from. ``notice`` marks a page that holds a
    site's notice instead of a report (see ``summarizer.notices``). ``language`` is the ISO
    639-1 code of the language it is written in ("und" when it cannot be told; "" when not
    yet detected).
    """

    id: str
    text: str
    title: str = ""
    date: dt.date | None = None
    source: str = ""
    url: str = ""
    path: str = ""
    line: int | None = None
    published: dt.datetime | None = None
    duplicates: tuple[str, ...] = ()  # ids of inputs with the same text, merged into this one
    notice: bool = False
    language: str = ""

    def __reduce__(self):
        # rebuilt from its fields in order: a slotted dataclass's own pickling looks its fields
        # up for every object, a second a 100,000 articles sent between processes
        return (Article, (self.id, self.text, self.title, self.date, self.source, self.url, self.path, self.line,
                          self.published, self.duplicates, self.notice, self.language))


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence quoted verbatim from an article, at ``position`` (0-based) in it."""

    article_id: str
    position: int
    text: str

    @property
    def key(self) -> tuple[str, int]:
        return (self.article_id, self.position)


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A summary sentence: its verbatim text and every article sentence that says it."""

    text: str
    sources: tuple[Sentence, ...]
    score: float = 0.0

    @property
    def article_ids(self) -> tuple[str, ...]:
        """The ids of the articles carrying this sentence, each once, in source order."""
        return tuple(dict.fromkeys(s.article_id for s in self.sources))


@dataclass(frozen=True, slots=True)
class Link:
    """Why an article is in its event: the average similarity at which its group merged with
    the rest (None when it stayed alone) and the rule that took it, and the most similar other
    article, in the event or, for an article alone, anywhere, with their similarity (time decay
    included).

    The rules (see ``summarizer.events.grouping``): ``"threshold"``, its group's average
    similarity reached the threshold; ``"cohesion"`` or ``"margin"``, alone, it reached a share
    of the event's cohesion, or the event was clearly its closest; ``"pair"``, it and another
    article alone were each other's closest.

    When its group then merged with another, the smaller of the two, ``merged_at`` is the
    average similarity between them and ``merge_rule`` the rule (``"cohesion"``: a share of the
    tighter group's cohesion)."""

    article_id: str
    joined_at: float | None
    closest: str | None
    similarity: float | None
    rule: str | None = None
    merged_at: float | None = None
    merge_rule: str | None = None


@dataclass(frozen=True, slots=True)
class Rank:
    """Why an event stands where it does among the top stories (see
    ``summarizer.rank_events``): its ``score``, from how many distinct ``sources`` and
    ``articles`` carry it and its ``freshness``, which fades with ``age_days``, the days between
    its latest article and the newest article of the input (None when it has no date)."""

    score: float
    sources: int
    articles: int
    age_days: int | None
    freshness: float


@dataclass(frozen=True, slots=True)
class Event:
    """A group of articles about one happening, with its extractive summary.

    With an archive (``summarizer.archive``): ``status`` is ``"new"`` (first seen in this run),
    ``"updated"`` (gained articles in this run) or ``"seen"``; ``first_seen`` and
    ``last_updated`` when; ``new_articles`` the ids of its articles added since the last brief
    or report; ``merged`` the ids of archived events merged into it."""

    id: str
    articles: tuple[Article, ...]
    summary: tuple[SummarySentence, ...] = ()
    title: str = ""
    terms: tuple[str, ...] = ()
    references: tuple[str, ...] = ()  # human summaries, when the input is an evaluation set
    links: tuple[Link, ...] = ()  # how each article came to be here (from clustering)
    rank: Rank | None = None
    status: str = ""
    first_seen: dt.datetime | None = None
    last_updated: dt.datetime | None = None
    new_articles: tuple[str, ...] = ()
    merged: tuple[str, ...] = ()

    @property
    def start(self) -> dt.date | None:
        dates = [a.date for a in self.articles if a.date is not None]
        return min(dates) if dates else None

    @property
    def end(self) -> dt.date | None:
        dates = [a.date for a in self.articles if a.date is not None]
        return max(dates) if dates else None

    @property
    def sources(self) -> tuple[str, ...]:
        """Distinct named sources, in article order."""
        return tuple(dict.fromkeys(a.source for a in self.articles if a.source))


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input file or line that did not become an article, and why: ``reason`` in full,
    ``kind`` in a few words that group like reasons ("not valid JSON", "duplicate",
    "outside --since")."""

    path: str
    reason: str
    line: int | None = None
    duplicate_of: str | None = None  # the article this input was merged into, when a duplicate
    kind: str = "other"

    @property
    def where(self) -> str:
        return f"{self.path} line {self.line}" if self.line is not None else self.path


@dataclass(frozen=True, slots=True)
class Briefing:
    """The whole result of a run: the events shown, in display order, everything skipped, how
    many events were left out (``--top``), and the pages that held a site's notice instead of
    a report; with an archive, ``new_since`` is when the last brief or report of it was made
    (what is shown is new since then)."""

    events: tuple[Event, ...]
    skipped: tuple[Skipped, ...] = ()
    generated: dt.datetime | None = field(default=None, compare=False)
    left_out: int = 0
    new_since: dt.datetime | None = None
    notices: tuple[Event, ...] = ()  # pages that held a site's notice, each an event of its own
