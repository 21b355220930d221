"""Ingest: paths and addresses in, ``Article`` and ``Skipped`` out. One reader per format.

Every file found, address given and feed entry is accounted for: it becomes one or more
articles, or a ``Skipped`` entry saying why not. Only a path that does not exist, or input
with nothing in it, stops the run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from ..clean import same_text_key
from ..errors import InputError
from ..language import detect_languages
from ..model import Article, Event, Skipped
from ..notices import find_notices
from ..parallel import PARALLEL_CHARS, both, in_halves
from .common import decode, read_whole
from .feeds import read_feed
from .html import read_html
from .jsonfile import read_clusters, read_json, read_jsonl, records_from_lines
from .remote import Address, Web, is_opml, read_addresses, read_opml
from .text import parse_text, read_text
from .web import is_url

__all__ = ["load_articles", "Web", "load_clusters", "iter_files", "read_stdin", "within_dates", "merge_duplicates", "text_keys",
           "with_languages", "READERS", "STDIN"]

Reader = Callable[..., Iterator[Article | Skipped]]
READERS: dict[str, Reader] = {
    ".txt": read_text, ".md": read_text, ".json": read_json, ".jsonl": read_jsonl,
    ".html": read_html, ".htm": read_html, ".rss": read_feed, ".atom": read_feed, ".xml": read_feed,
}
STDIN = "-"
_BOTH_FROM = 20_000  # above this many articles, languages are detected while notices are read


def read_stdin(data: bytes) -> Iterator[Article | Skipped]:
    """Articles piped in: JSON Lines when the first line is a JSON object, else one text article."""
    text = decode(data)
    if text is None:
        yield Skipped("<stdin>", "binary data, not text", kind="binary data")
        return
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if first.startswith("{") and first.endswith("}"):
        yield from records_from_lines(text, stem="stdin", display="<stdin>")
        return
    got = parse_text(text, article_id="stdin", path="<stdin>")
    yield Skipped("<stdin>", "no text on standard input", kind="no text") if isinstance(got, Skipped) else got


def merge_duplicates(articles: Iterable[Article]) -> tuple[tuple[Article, ...], tuple[Skipped, ...]]:
    """Fold articles with the same text (up to case, punctuation and spacing) into the first;
    notice pages (``Article.notice``) stay apart, each an article of its own: the same notice
    is on pages of any event.

    Same text means the same words in the same order, ignoring case, punctuation and spacing.
    The first keeps the others' ids in ``duplicates``; each other becomes a ``Skipped`` entry
    that points to it, so the output still accounts for every input.

    >>> kept, merged = merge_duplicates([Article("a", "Same words."), Article("b", "same words"), Article("c", "Other.")])
    >>> [(a.id, a.duplicates) for a in kept], [(s.reason, s.duplicate_of) for s in merged]
    ([('a', ('b',)), ('c', ())], [('duplicate of a', 'a')])
    """
    articles = list(articles)
    first: dict[str, int] = {}
    kept: list[Article] = []
    merged: list[Skipped] = []
    copies: dict[int, list[str]] = {}  # ids merged into kept[k], added once at the end
    for article, key in zip(articles, text_keys(articles)):
        if article.notice:
            kept.append(article)
        elif key in first:
            original = kept[first[key]]
            copies.setdefault(first[key], []).append(article.id)
            merged.append(Skipped(article.path, f"duplicate of {original.id}", article.line, duplicate_of=original.id,
                                  kind="duplicate"))
        else:
            first[key] = len(kept)
            kept.append(article)
    for k, ids in copies.items():
        kept[k] = dataclasses.replace(kept[k], duplicates=kept[k].duplicates + tuple(ids))
    return tuple(kept), tuple(merged)


def text_keys(articles: Sequence[Article]) -> list[str]:
    """A hash of each text once case, punctuation and spacing are ignored; in two processes
    for texts of over ``PARALLEL_CHARS`` characters in all."""
    sizes = [len(a.text) for a in articles]
    first, second = in_halves(_keys, articles, worth_it=sum(sizes) > PARALLEL_CHARS, sizes=sizes)
    return first + second


def _keys(articles: Sequence[Article]) -> list[str]:
    key_of_text: dict[str, str] = {}  # wire copies repeat a text exactly: normalise it once
    keys = []
    for article in articles:
        key = key_of_text.get(article.text)
        if key is None:
            key = key_of_text[article.text] = hashlib.blake2b(same_text_key(article.text).encode("utf-8"),
                                                              digest_size=16).hexdigest()
        keys.append(key)
    return keys


def with_languages(articles: Sequence[Article]) -> list[Article]:
    """The articles, each with the language it is written in (``summarizer.language``)."""
    missing = [k for k, a in enumerate(articles) if not a.language]
    found = detect_languages([articles[k].text for k in missing])
    out = list(articles)
    for k, language in zip(missing, found):
        out[k] = _with(out[k], language=language)
    return out


def _with(article: Article, *, language: str) -> Article:
    """``dataclasses.replace(article, language=language)``, at a fifth of its cost (it is
    called for every article of a large input)."""
    fields = list(article.__reduce__()[1])
    fields[-1] = language
    return Article(*fields)


def within_dates(articles: Iterable[Article], *, since: dt.date | None = None, until: dt.date | None = None,
                 ) -> tuple[tuple[Article, ...], tuple[Skipped, ...]]:
    """Keep articles published from ``since`` to ``until`` (both inclusive); the others, and
    undated ones when a bound is given, come back as skipped with the reason."""
    if since is None and until is None:
        return tuple(articles), ()
    kept: list[Article] = []
    dropped: list[Skipped] = []
    for a in articles:
        if a.date is None:
            dropped.append(Skipped(a.path, f"{a.id}: no publication date, so outside --since/--until", a.line))
        elif since is not None and a.date < since:
            dropped.append(Skipped(a.path, f"{a.id}: published {a.date.isoformat()}, before --since {since.isoformat()}", a.line))
        elif until is not None and a.date > until:
            dropped.append(Skipped(a.path, f"{a.id}: published {a.date.isoformat()}, after --until {until.isoformat()}", a.line))
        else:
            kept.append(a)
    return tuple(kept), tuple(dropped)


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[tuple[Path, str] | Skipped]:
    """Every file under ``paths`` in a stable order, as ``(path, display name)``.

    Folders are walked recursively in sorted order without following symbolic links to folders
    (so a link loop cannot trap the walk); hidden files and folders are listed as skipped.

    Raises
    ------
    InputError
        When a path does not exist.
    """
    for given in paths:
        if str(given) == STDIN:
            yield Path(STDIN), STDIN
            continue
        path = Path(given)
        if not path.exists():
            raise InputError(f"{given}: no such file or folder; give a file or a folder of articles")
        if not path.is_dir():
            yield path, str(given)
            continue
        for root, dirs, files in os.walk(path):
            for name in sorted(dirs):
                if name.startswith("."):
                    yield Skipped(os.path.join(root, name), "hidden folder, not searched", kind="hidden")
                elif os.path.islink(os.path.join(root, name)):
                    yield Skipped(os.path.join(root, name), "link to a folder, not followed (links can loop)", kind="link to a folder")
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(root, d)))
            for name in sorted(files):
                full = os.path.join(root, name)
                if name.startswith("."):
                    yield Skipped(full, "hidden file", kind="hidden")
                else:
                    yield Path(full), full


def load_articles(
    paths: Iterable[str | os.PathLike], *, progress: Callable[[str], None] | None = None, stdin: BinaryIO | None = None,
    web: Web | None = None,
) -> tuple[tuple[Article, ...], tuple[Skipped, ...]]:
    """Read every article under ``paths``.

    Parameters
    ----------
    paths : files or folders (searched recursively), http(s) addresses (``summarizer.ingest.remote``),
        OPML subscription lists (``.opml``, or ``.xml`` that is one: their feeds are read); ``-`` reads ``stdin``.
    progress : called with each file's display name before it is read.
    stdin : the binary stream ``-`` stands for.
    web : how addresses are read, and afterwards what fetching them did (default ``Web()``).

    Returns
    -------
    ``(articles, skipped)`` in the order given; article ids are made unique by suffixing ``~2``, ``~3``, ...

    Raises
    ------
    InputError
        A path is missing, or no file was found at all.

    Example
    -------
    >>> articles, skipped = load_articles(["corpus"])
    >>> len(articles), skipped
    (5, ())
    """
    paths = list(paths)
    slots: list[list[Article | Skipped]] = []  # what each input gave, in the order given
    addresses: list[tuple[int, Address]] = []  # read together at the end: fetched concurrently
    n_files = 0
    for given in paths:
        if is_url(str(given)):
            slots.append([])
            addresses.append((len(slots) - 1, Address(str(given))))
            continue
        for item in iter_files([given]):
            if isinstance(item, Skipped):
                slots.append([item])
                continue
            path, display = item
            n_files += 1
            if progress is not None:
                progress(display)
            if display == STDIN:
                if stdin is None:
                    raise InputError("'-' reads articles from standard input, but none was given")
                slots.append(list(read_stdin(stdin.read())))
                continue
            if _is_opml_file(path):
                data = read_whole(path, display)
                if isinstance(data, Skipped):
                    slots.append([data])
                    continue
                feeds, skipped = read_opml(data, path=display)
                slots.append(list(skipped))
                for feed in feeds:
                    slots.append([])
                    addresses.append((len(slots) - 1, feed))
                continue
            reader = READERS.get(path.suffix.lower())
            if reader is None:
                kinds = ", ".join(sorted([*READERS, ".opml"]))
                slots.append([Skipped(display, f"unsupported file type {path.suffix or '(none)'!r}; summarizer reads {kinds}",
                                      kind="unsupported file type")])
                continue
            slots.append(list(reader(path, display=display)))
    if addresses:
        for (k, _), got in zip(addresses, read_addresses([a for _, a in addresses], web or Web())):
            slots[k].extend(got)
    elif n_files == 0 and not any(slots):
        raise InputError(f"{', '.join(map(str, paths))}: no files found; give a folder that holds articles")
    articles: list[Article] = []
    skipped: list[Skipped] = []
    seen: dict[str, int] = {}
    for got in (item for slot in slots for item in slot):
        if isinstance(got, Skipped):
            skipped.append(got)
            continue
        count = seen.get(got.id, 0) + 1
        seen[got.id] = count
        if count > 1:
            got = dataclasses.replace(got, id=f"{got.id}~{count}")
        articles.append(got)
    unique, merged = merge_duplicates(_read_notices_and_languages(articles))
    return tuple(unique), tuple(skipped) + merged


def _is_opml_file(path: Path) -> bool:
    """An ``.opml`` file, or an ``.xml`` one whose root is ``<opml>``."""
    suffix = path.suffix.lower()
    if suffix == ".opml":
        return True
    if suffix != ".xml":
        return False
    try:
        with path.open("rb") as fh:
            return is_opml(fh.read(2048))
    except OSError:
        return False  # read as a feed, which says why it cannot be read


def _read_notices_and_languages(articles: list[Article]) -> list[Article]:
    """``find_notices`` and ``with_languages`` of the articles, the languages detected meanwhile
    in a second process for a large input (a page read past its notice is detected again)."""
    if len(articles) <= _BOTH_FROM:
        return with_languages(find_notices(articles))
    read, languages = both(lambda: find_notices(articles), lambda: detect_languages([a.text for a in articles]))
    return with_languages([a if a.language or a.text != before.text else _with(a, language=language)
                           for a, before, language in zip(read, articles, languages)])


def load_clusters(path: str | os.PathLike) -> tuple[tuple[Event, ...], tuple[Skipped, ...]]:
    """Read a clusters file (one ``{"id", "documents": [...]}`` a line) as unsummarized events.

    Raises
    ------
    InputError
        The file does not exist or is a folder.
    """
    file = Path(path)
    if not file.is_file():
        raise InputError(f"{path}: no such file; give a clusters .jsonl file (one {{\"id\", \"documents\"}} a line)")
    events: list[Event] = []
    skipped: list[Skipped] = []
    for got in read_clusters(file, display=str(path)):
        (skipped if isinstance(got, Skipped) else events).append(got)
    return tuple(events), tuple(skipped)
