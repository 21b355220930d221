"""The archive: one SQLite file (the standard library's sqlite3, WAL) that remembers what was
read, so that each morning's brief shows what is new.

Each run adds the input's new articles (one already archived, by id or by text, is not added
twice), groups them with the archive's recent articles (``recent``), and stores the events:

- the recent window is grouped again with the new articles: each archived event gives its id
  to the group that holds most of its recent articles, so an event that gains articles keeps
  its id, and an early mistake made on little evidence can be undone as evidence comes in;
- when a group holds most of the recent articles of several archived events, those events
  merge: the oldest id stays, the others are recorded as merged into it and still resolve;
- a group of new articles only is a new event, with the id ``event_id`` gives it; articles
  outside the window keep their events.

A run is one transaction, committed when the command has written its output: Ctrl-C or a crash
leaves the archive as it was. A second run on the same archive waits ``BUSY_SECONDS``, then
fails with a clear message. A file that is not an archive, or one from a newer version, is an
error and is not touched. The schema has a version (``PRAGMA user_version``) and migrations.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections import Counter
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .config import Settings
from .errors import ArchiveError
from .model import Article, Event

__all__ = ["Archive", "Run", "SCHEMA_VERSION", "WINDOW_DAYS", "WINDOW_ARTICLES"]

APPLICATION_ID = 0x53554D4D  # "SUMM": tells a summarizer archive from any other SQLite file
SCHEMA_VERSION = 1
BUSY_SECONDS = 3.0
# The recent window new articles are grouped with: articles added within WINDOW_DAYS before the
# run, or published within WINDOW_DAYS of its newest article, at most WINDOW_ARTICLES of them
# (the most recent): an event is a few days' news, and the window bounds a run's cost.
WINDOW_DAYS = 7
WINDOW_ARTICLES = 10_000
_SQLITE_HEADER = b"SQLite format 3\x00"

_SCHEMA = [
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        started_day INTEGER NOT NULL,
        command TEXT NOT NULL,
        briefed INTEGER NOT NULL DEFAULT 0,
        added INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE events (
        id TEXT PRIMARY KEY,
        first_seen INTEGER NOT NULL REFERENCES runs(id),
        last_updated INTEGER NOT NULL REFERENCES runs(id),
        merged_into TEXT REFERENCES events(id))""",
    """CREATE TABLE articles (
        n INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        text_key TEXT NOT NULL,
        event TEXT NOT NULL REFERENCES events(id),
        added INTEGER NOT NULL REFERENCES runs(id),
        day INTEGER,
        record TEXT NOT NULL)""",
    "CREATE INDEX articles_text_key ON articles(text_key)",
    "CREATE INDEX articles_event ON articles(event)",
    "CREATE INDEX articles_added ON articles(added)",
    "CREATE INDEX articles_day ON articles(day)",
    "CREATE INDEX events_last_updated ON events(last_updated)",
]
# MIGRATIONS[k] takes a version k+1 archive to version k+2 (none yet: version 1 is the first)
MIGRATIONS: list[list[str]] = []


def _record(article: Article) -> str:
    fields = dataclasses.asdict(article)
    fields["date"] = article.date.isoformat() if article.date else None
    fields["published"] = article.published.isoformat() if article.published else None
    return json.dumps(fields, ensure_ascii=False)


def _article(record: str) -> Article:
    fields = json.loads(record)
    fields["date"] = dt.date.fromisoformat(fields["date"]) if fields["date"] else None
    fields["published"] = dt.datetime.fromisoformat(fields["published"]) if fields["published"] else None
    fields["duplicates"] = tuple(fields["duplicates"])
    return Article(**fields)


@dataclass
class Run:
    """One run on an archive, inside its transaction: what it added and the events it touched."""

    number: int
    started: dt.datetime
    added: tuple[str, ...]  # ids of the articles this run added
    already: tuple[str, ...]  # ids of input articles the archive already held (by id or by text)
    touched: tuple[str, ...]  # ids of the events that gained articles in this run
    window: int  # archived articles the new ones were grouped with
    last_briefed: tuple[int, dt.datetime] | None  # the previous brief or report: its run and time


class Archive:
    """An archive file, open. Use as a context manager, or close it.

    Raises ArchiveError when the file is not an archive, is from a newer version, or cannot be
    opened."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        exists = self.path.exists() and self.path.stat().st_size > 0
        if self.path.is_dir():
            raise ArchiveError(f"{path}: a folder, not an archive file; give a file for --archive")
        if exists:
            with open(self.path, "rb") as fh:
                if fh.read(16) != _SQLITE_HEADER:
                    raise ArchiveError(f"{path}: not a summarizer archive (not an SQLite database); "
                                       "give another file for --archive, or a new one")
        try:
            mode = "rw" if exists else "rwc"
            self.db = sqlite3.connect(f"file:{self.path}?mode={mode}", uri=True, timeout=BUSY_SECONDS,
                                      isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise ArchiveError(f"{path}: cannot be opened as an archive ({exc}); check the path and its folder") from None
        try:
            self._check_or_create(exists)
        except BaseException:
            self.db.close()
            raise

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # ---- schema ------------------------------------------------------------------------

    def _one(self, sql: str, *args):
        row = self.db.execute(sql, args).fetchone()
        return row[0] if row else None

    def _check_or_create(self, exists: bool) -> None:
        try:
            application = self._one("PRAGMA application_id")
            version = self._one("PRAGMA user_version")
            tables = self._one("SELECT count(*) FROM sqlite_master")
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{self.path}: not a summarizer archive ({exc}); give another file for --archive") from None
        if exists and (application != APPLICATION_ID or not version) and tables:
            raise ArchiveError(f"{self.path}: an SQLite database of another program, not a summarizer archive; "
                               "give another file for --archive")
        if version and version > SCHEMA_VERSION:
            raise ArchiveError(f"{self.path}: an archive of a newer summarizer (version {version}; this one reads "
                               f"up to {SCHEMA_VERSION}); upgrade summarizer to use it")
        if not tables:
            with self._transaction():
                self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                for statement in _SCHEMA:
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        elif version < SCHEMA_VERSION:
            with self._transaction():
                for steps in MIGRATIONS[version - 1:]:
                    for statement in steps:
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        try:
            self.db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError:
            pass  # another run holds the file: the run's own lock will say so

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise ArchiveError(f"{self.path}: in use by another run of summarizer; try again when it has finished") from None
            raise ArchiveError(f"{self.path}: cannot be written ({exc})") from None
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # ---- a run -------------------------------------------------------------------------

    @contextlib.contextmanager
    def run(self, articles: Sequence[Article], *, now: dt.datetime, command: str, settings: Settings = Settings(),
            briefed: bool = False) -> Iterator[Run]:
        """Add ``articles`` and group them with the recent window, in one transaction that is
        committed when the ``with`` block ends without an error (else nothing is kept).
        ``briefed``: this run shows what is new (brief, report), so the next shows what is new
        since it."""
        with self._transaction():
            yield self._run(articles, now=now, command=command, settings=settings, briefed=briefed)

    def _run(self, articles: Sequence[Article], *, now: dt.datetime, command: str, settings: Settings,
             briefed: bool) -> Run:
        from .events import cluster_events, event_id
        from .ingest import text_keys

        last = self.db.execute("SELECT id, started FROM runs WHERE briefed = 1 ORDER BY id DESC LIMIT 1").fetchone()
        cursor = self.db.execute("INSERT INTO runs (started, started_day, command, briefed) VALUES (?, ?, ?, ?)",
                                 (now.isoformat(), now.toordinal(), command, int(briefed)))
        number = cursor.lastrowid
        keys = text_keys(articles)
        new, already, new_keys = [], [], []
        seen_keys = set()
        for article, key in zip(articles, keys):
            if key in seen_keys or self._one("SELECT 1 FROM articles WHERE id = ? OR text_key = ?", article.id, key):
                already.append(article.id)
                continue
            seen_keys.add(key)
            new.append(article)
            new_keys.append(key)
        touched: list[str] = []
        window = 0
        if new:
            touched, window = self._regroup(new, new_keys, number, now, settings)
        self.db.execute("UPDATE runs SET added = ? WHERE id = ?", (len(new), number))
        previous = (last[0], dt.datetime.fromisoformat(last[1])) if last else None
        return Run(number, now, tuple(a.id for a in new), tuple(already), tuple(dict.fromkeys(touched)), window, previous)

    def _regroup(self, new: Sequence[Article], keys: Sequence[str], number: int, now: dt.datetime,
                 settings: Settings) -> tuple[list[str], int]:
        """Group the new articles with the recent window, store them, and give each group an
        event: the ids of the events that gained new articles, and the window's size.

        The window's articles are grouped again with the new ones, so that an early mistake
        made on little evidence is undone as evidence comes in. Each archived event gives its
        id to the group that holds most of its window's articles (ties to the group whose
        first article comes first); a group given several ids keeps the oldest, and the others
        are merged into it; a group given none is a new event. Window articles whose group
        changed move with it, when it holds new articles: without new evidence nothing moves.
        Articles outside the window keep their events."""
        from .events import cluster_events, event_id

        window = self._window(new, now)
        current = {a.id: self._resolve(event) for a, event in window}
        groups = cluster_events([a for a, _ in window] + list(new), settings=settings, explain=False)
        held = Counter((k, current[a.id]) for k, g in enumerate(groups) for a in g.articles if a.id in current)
        owner: dict[str, int] = {}
        for (k, event), n in sorted(held.items(), key=lambda kv: (-kv[1], kv[0][0])):
            owner.setdefault(event, k)
        given: dict[int, list[str]] = {}
        for event, k in owner.items():
            given.setdefault(k, []).append(event)
        first_seen = {e: self._one("SELECT first_seen FROM events WHERE id = ?", e) for e in owner}
        new_ids = {a.id for a in new}
        event_of: dict[str, str] = {}
        touched: list[str] = []
        for k, group in enumerate(groups):
            if not any(a.id in new_ids for a in group.articles):
                continue  # no new evidence: its articles stay in their events
            ids = sorted(given.get(k, ()), key=lambda e: (first_seen[e], e))
            if ids:
                name = ids[0]
                for other in ids[1:]:  # one event now: the oldest id stays, the others resolve to it
                    self.db.execute("UPDATE events SET merged_into = ? WHERE id = ?", (name, other))
                    self.db.execute("UPDATE events SET merged_into = ? WHERE merged_into = ?", (name, other))
                    self.db.execute("UPDATE articles SET event = ? WHERE event = ?", (name, other))
            else:
                name = wanted = event_id(group.articles)
                n = 2
                while self._one("SELECT 1 FROM events WHERE id = ?", name):  # the hashes of two first articles collide
                    name, n = f"{wanted}-{n}", n + 1
                self.db.execute("INSERT INTO events (id, first_seen, last_updated) VALUES (?, ?, ?)", (name, number, number))
            for a in group.articles:
                event_of[a.id] = name
            touched.append(name)
        moved = [(event, i) for i, event in event_of.items() if i in current and current[i] != event]
        self.db.executemany("UPDATE articles SET event = ? WHERE id = ?", moved)
        for event in {current[i] for _, i in moved}:  # an event all of whose articles moved resolves to where most went
            if not self._one("SELECT 1 FROM articles WHERE event = ?", event) and event not in event_of.values():
                into = Counter(event_of[i] for _, i in moved if current[i] == event).most_common(1)[0][0]
                self.db.execute("UPDATE events SET merged_into = ? WHERE id = ?", (into, event))
        self.db.executemany("UPDATE events SET last_updated = ? WHERE id = ?", [(number, e) for e in set(touched)])
        self.db.executemany(
            "INSERT INTO articles (id, text_key, event, added, day, record) VALUES (?, ?, ?, ?, ?, ?)",
            [(a.id, key, event_of[a.id], number, a.date.toordinal() if a.date else None, _record(a)) for a, key in zip(new, keys)])
        return touched, len(window)

    def _resolve(self, event: str) -> str:
        """The event an id stands for now: itself, or the one it was merged into."""
        seen = set()
        while event not in seen:
            seen.add(event)
            into = self._one("SELECT merged_into FROM events WHERE id = ?", event)
            if not into:
                return event
            event = into
        return event

    def _window(self, new: Sequence[Article], now: dt.datetime) -> list[tuple[Article, str]]:
        """The archived articles new ones are grouped with, and their events: added by runs in
        the last WINDOW_DAYS, or published within WINDOW_DAYS of the newest new article; the
        most recent WINDOW_ARTICLES of them."""
        days = [a.date.toordinal() for a in new if a.date is not None]
        newest = max(days) if days else now.toordinal()
        rows = self.db.execute(
            """SELECT record, event FROM articles
               WHERE added IN (SELECT id FROM runs WHERE started_day >= ?)
                  OR day BETWEEN ? AND ?
               ORDER BY added DESC, n DESC LIMIT ?""",
            (now.toordinal() - WINDOW_DAYS, newest - WINDOW_DAYS, newest + WINDOW_DAYS, WINDOW_ARTICLES)).fetchall()
        return [(_article(record), event) for record, event in rows]

    # ---- reading -----------------------------------------------------------------------

    def events(self, ids: Sequence[str] | None = None, *, run: Run | None = None) -> tuple[Event, ...]:
        """The archive's current events (those ``ids`` resolve to; all when None), with their
        articles, status relative to ``run`` (new, updated or seen), when first seen and last
        updated, the articles added since the previous brief, and the ids merged into them."""
        if ids is None:
            names = [row[0] for row in self.db.execute("SELECT id FROM events WHERE merged_into IS NULL ORDER BY id")]
        else:
            names = list(dict.fromkeys(self._resolve(i) for i in ids))
        since = run.last_briefed[0] if run and run.last_briefed else 0
        started = {number: dt.datetime.fromisoformat(when) for number, when in self.db.execute("SELECT id, started FROM runs")}
        seen = {name: (first, last) for name, first, last in self.db.execute("SELECT id, first_seen, last_updated FROM events")}
        merged: dict[str, list[str]] = {}
        for name, into in self.db.execute("SELECT id, merged_into FROM events WHERE merged_into IS NOT NULL ORDER BY id"):
            merged.setdefault(into, []).append(name)
        rows: dict[str, list[tuple[str, int]]] = {name: [] for name in names}
        for start in range(0, len(names), 500):  # SQLite's limit on parameters
            part = names[start:start + 500]
            query = f"SELECT event, record, added FROM articles WHERE event IN ({','.join('?' * len(part))}) ORDER BY n"
            for event, record, added in self.db.execute(query, part):
                rows[event].append((record, added))
        out = []
        for name in names:
            first, last = seen[name]
            articles = tuple(_article(record) for record, _ in rows[name])
            new_articles = tuple(a.id for a, (_, added) in zip(articles, rows[name]) if added > since)
            status = "" if run is None else "new" if first == run.number else "updated" if last == run.number else "seen"
            out.append(Event(name, articles, status=status, first_seen=started.get(first), last_updated=started.get(last),
                             new_articles=new_articles, merged=tuple(merged.get(name, ()))))
        return tuple(out)

    def events_of(self, article_ids: Sequence[str]) -> list[str]:
        """The ids of the events that hold these articles (those the archive has)."""
        found: list[str] = []
        for start in range(0, len(article_ids), 500):  # SQLite's limit on parameters
            part = list(article_ids[start:start + 500])
            found += [row[0] for row in self.db.execute(
                f"SELECT DISTINCT event FROM articles WHERE id IN ({','.join('?' * len(part))})", part)]
        return found

    def new_since_last_brief(self, run: Run) -> tuple[str, ...]:
        """The events with articles added since the previous brief or report (this run's
        included)."""
        since = run.last_briefed[0] if run.last_briefed else 0
        rows = self.db.execute("SELECT DISTINCT event FROM articles WHERE added > ?", (since,))
        return tuple(sorted({self._resolve(row[0]) for row in rows}))

    def resolve(self, event: str) -> str | None:
        """The current id of an event id (itself, or the event it was merged into); None when unknown."""
        if not self._one("SELECT 1 FROM events WHERE id = ?", event):
            return None
        return self._resolve(event)

    def __len__(self) -> int:
        return self._one("SELECT count(*) FROM articles")
