"""JSON (``.json``: an object, an array of objects, ``{"articles": [...]}``, or a JSON Feed) and JSON Lines
(``.jsonl``: one article a line). Field names follow the common exports of news APIs."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterator
from pathlib import Path

from ..model import Article, Event, Skipped
from ..parallel import in_halves
from .common import decode, make_article, read_whole
from .feeds import is_json_feed, parse_json_feed

__all__ = ["read_json", "read_jsonl", "read_clusters", "article_from_record", "records_from_lines"]

TEXT_FIELDS = ("text", "content", "body", "article", "description")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("date", "published", "pubDate", "published_at", "publishedAt", "datetime")
URL_FIELDS = ("url", "link")


def _first(record: dict, names: tuple[str, ...]) -> object:
    for name in names:
        value = record.get(name)
        if value not in (None, ""):
            return value
    return None


def _string(value: object) -> str:
    if isinstance(value, dict):  # {"name": "Reuters"} as some APIs give the source
        value = value.get("name") or value.get("title") or ""
    return value if isinstance(value, str) else ("" if value is None else str(value))


def article_from_record(record: object, *, default_id: str, path: str, line: int | None = None) -> Article | Skipped:
    """An article from one decoded JSON value, or ``Skipped`` saying which field is wrong.

    >>> article_from_record({"id": 7, "text": "It happened."}, default_id="x", path="a.jsonl").id
    '7'
    >>> article_from_record({"title": "No body"}, default_id="x", path="a.jsonl", line=3).reason
    "no 'text' field (looked for text, content, body, article, description)"
    """
    if not isinstance(record, dict):
        return Skipped(path, f"not a JSON object but {type(record).__name__}", line, kind="not an article")
    text = _first(record, TEXT_FIELDS)
    if text is None:
        return Skipped(path, f"no 'text' field (looked for {', '.join(TEXT_FIELDS)})", line, kind="no text")
    if not isinstance(text, str):
        return Skipped(path, f"'text' is {type(text).__name__}, not a string", line, kind="no text")
    raw_id = record.get("id")
    got = make_article(
        article_id=default_id if raw_id in (None, "") else str(raw_id),
        text=text,
        title=_string(_first(record, TITLE_FIELDS)),
        date=_first(record, DATE_FIELDS),
        source=_string(record.get("source")),
        url=_string(_first(record, URL_FIELDS)),
        path=path,
        line=line,
    )
    return got


def _read(path: Path, display: str) -> str | Skipped:
    data = read_whole(path, display)
    if isinstance(data, Skipped):
        return data
    text = decode(data)
    return Skipped(display, "binary data, not text", kind="binary data") if text is None else text


def read_json(path: Path, *, display: str) -> Iterator[Article | Skipped]:
    """Articles from a ``.json`` file: one object, an array, or an object with an ``articles`` array."""
    text = _read(path, display)
    if isinstance(text, Skipped):
        yield text
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Skipped(display, f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})", kind="not valid JSON")
        return
    if is_json_feed(value):
        yield from parse_json_feed(value, stem=path.stem, path=display)
        return
    if isinstance(value, dict) and isinstance(value.get("articles"), list):
        value = value["articles"]
    if isinstance(value, list):
        if not value:
            yield Skipped(display, "an empty JSON array", kind="no text")
        for k, item in enumerate(value, 1):
            got = article_from_record(item, default_id=f"{path.stem}-{k}", path=display)
            yield Skipped(display, f"item {k}: {got.reason}", kind=got.kind) if isinstance(got, Skipped) else got
        return
    yield article_from_record(value, default_id=path.stem, path=display)


def _json_lines(path: Path, display: str, part: tuple[int, int, int] | None = None) -> Iterator[tuple[int, object] | Skipped]:
    """Decoded JSON values of a file's lines, streamed: memory holds one line at a time. With
    ``part`` (start byte, end byte, number of the first line), the lines of that part only."""
    start, end, first = part if part is not None else (0, math.inf, 1)
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Skipped(display, f"cannot be read ({exc.strerror or exc})", kind="unreadable")
        return
    with fh:
        fh.seek(start)
        left = end - start
        for number, raw in enumerate(fh, first):
            if left <= 0:
                break
            left -= len(raw)
            line = decode(raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw)
            if line is None:
                yield Skipped(display, "binary data, not a line of text; the line was skipped", number, kind="binary data")
                continue
            yield from _parse_lines(line, display, first=number)


def _parse_lines(text: str, display: str, *, first: int = 1) -> Iterator[tuple[int, object] | Skipped]:
    for number, line in enumerate(text.split("\n"), first):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(display, f"not valid JSON ({exc.msg} at column {exc.colno}); the line was skipped", number,
                          kind="not valid JSON")


def read_jsonl(path: Path, *, display: str) -> Iterator[Article | Skipped]:
    """Articles from a ``.jsonl`` file, one a line; a bad line is skipped, the rest are read.
    A file over ``PARALLEL_BYTES`` is read in two processes, half its lines each, with the
    same result in the same order."""
    parts = _halves(path)
    if parts is None:
        yield from _articles(_json_lines(path, display), path.stem, display)
        return
    first, second = in_halves(functools.partial(_read_parts, path=path, display=display), parts)
    yield from first
    yield from second


# Above this size a JSON Lines file is read in two processes (summarizer.parallel): decoding,
# cleaning and dating 150,000 articles takes a core 10 s or more.
PARALLEL_BYTES = 32 * 2**20


def _halves(path: Path) -> list[tuple[int, int, int]] | None:
    """The file cut at the end of the line that holds its middle byte, as two parts (start
    byte, end byte, number of the first line); None for a small file or one that cannot be read."""
    try:
        size = path.stat().st_size
        if size <= PARALLEL_BYTES:
            return None
        with path.open("rb") as fh:
            fh.seek(size // 2)
            fh.readline()
            cut = fh.tell()
            fh.seek(0)
            lines = sum(fh.read(min(2**24, cut - at)).count(b"\n") for at in range(0, cut, 2**24))
    except OSError:
        return None  # read as one part, which says why it cannot be read
    return None if cut >= size else [(0, cut, 1), (cut, size, lines + 1)]


def _read_parts(parts: list[tuple[int, int, int]], *, path: Path, display: str) -> list[Article | Skipped]:
    return [got for part in parts for got in _articles(_json_lines(path, display, part), path.stem, display)]


def records_from_lines(text: str, *, stem: str, display: str) -> Iterator[Article | Skipped]:
    """Articles from JSON Lines text already read (standard input)."""
    yield from _articles(_parse_lines(text, display), stem, display)


def _articles(items: Iterator[tuple[int, object] | Skipped], stem: str, display: str) -> Iterator[Article | Skipped]:
    for item in items:
        if isinstance(item, Skipped):
            yield item
            continue
        number, record = item
        if isinstance(record, dict) and "documents" in record:
            yield Skipped(display, "a cluster of documents, not an article (`summarizer summarize` reads clusters files)", number,
                          kind="not an article")
            continue
        yield article_from_record(record, default_id=f"{stem}-{number}", path=display, line=number)


def read_clusters(path: Path, *, display: str) -> Iterator[Event | Skipped]:
    """Pre-clustered events from a clusters file: one ``{"id", "documents": [...]}`` a line."""
    for item in _json_lines(path, display):
        if isinstance(item, Skipped):
            yield item
            continue
        number, record = item
        if not isinstance(record, dict) or not isinstance(record.get("documents"), list):
            yield Skipped(display, "not a cluster: a clusters line is an object with a 'documents' array", number,
                          kind="not a cluster")
            continue
        cluster_id = str(record.get("id", f"{path.stem}-{number}"))
        articles = []
        for k, doc in enumerate(record["documents"], 1):
            got = article_from_record(doc, default_id=f"{cluster_id}-{k}", path=display, line=number)
            if isinstance(got, Skipped):
                yield Skipped(display, f"cluster {cluster_id} document {k}: {got.reason}", number, kind=got.kind)
            else:
                articles.append(got)
        references = record.get("references") if isinstance(record.get("references"), list) else []
        yield Event(cluster_id, tuple(articles), title=_string(record.get("title")),
                    references=tuple(r if isinstance(r, str) else "\n".join(map(str, r)) for r in references))
