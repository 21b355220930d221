"""Ingest: paths in, ``Article`` and ``Skipped`` out. One reader per format.

Every file found is accounted for: it becomes one or more articles, or a ``Skipped`` entry
saying why not. Only a path that does not exist, or input with nothing in it, stops the run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import itertools
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from ..clean import same_text_key, speaks_of_the_page
from ..errors import InputError
from ..model import Article, Event, Skipped
from ..parallel import PARALLEL_CHARS, in_halves
from .common import decode
from .feeds import read_feed
from .html import read_html
from .jsonfile import read_clusters, read_json, read_jsonl, records_from_lines
from .text import parse_text, read_text

__all__ = ["load_articles", "load_clusters", "iter_files", "read_stdin", "within_dates", "merge_duplicates", "mark_notices", "READERS", "STDIN"]

Reader = Callable[..., Iterator[Article | Skipped]]
READERS: dict[str, Reader] = {
    ".txt": read_text, ".md": read_text, ".json": read_json, ".jsonl": read_jsonl,
    ".html": read_html, ".htm": read_html, ".rss": read_feed, ".atom": read_feed, ".xml": read_feed,
}
STDIN = "-"
# A short text found verbatim in this many inputs or more, that speaks of the page it is on,
# is a site's notice, not a report: a login prompt, a cookie wall, an archive's crawl note, the
# same on pages about any event. Shorter than NOTICE_MAX_CHARS (about 150 words, normalised):
# longer copies are wire stories, merged, whatever they mention. Saved pages cut a notice short
# at any length, so pages that hold the start of a notice count as its copies (see _notices);
# the first NOTICE_OPENING_CHARS characters (normalised) find them.
NOTICE_MIN_COPIES = 3
NOTICE_MAX_CHARS = 1000
NOTICE_OPENING_CHARS = 60
_WORD = re.compile(r"[^\W_]+")  # a word as summarizer.clean.same_text_key finds words
_NOT_A_START = " \t\n.,;:|-–—"


def read_stdin(data: bytes) -> Iterator[Article | Skipped]:
    """Articles piped in: JSON Lines when the first line is a JSON object, else one text article."""
    text = decode(data)
    if text is None:
        yield Skipped("<stdin>", "binary data, not text")
        return
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if first.startswith("{") and first.endswith("}"):
        yield from records_from_lines(text, stem="stdin", display="<stdin>")
        return
    got = parse_text(text, article_id="stdin", path="<stdin>")
    yield Skipped("<stdin>", "no text on standard input") if isinstance(got, Skipped) else got


def merge_duplicates(articles: Iterable[Article]) -> tuple[tuple[Article, ...], tuple[Skipped, ...]]:
    """Fold articles with the same text (up to case, punctuation and spacing) into the first;
    site notices (see ``mark_notices``) stay apart, each an article of its own, and a page that
    opens with a notice is read from where it ends.

    Same text means the same words in the same order, ignoring case, punctuation and spacing.
    The first keeps the others' ids in ``duplicates``; each other becomes a ``Skipped`` entry
    that points to it, so the output still accounts for every input.

    >>> kept, merged = merge_duplicates([Article("a", "Same words."), Article("b", "same words"), Article("c", "Other.")])
    >>> [(a.id, a.duplicates) for a in kept], [(s.reason, s.duplicate_of) for s in merged]
    ([('a', ('b',)), ('c', ())], [('duplicate of a', 'a')])
    """
    articles, keys, notices = _read_notices(list(articles))
    first: dict[tuple[str, int, str], int] = {}
    kept: list[Article] = []
    merged: list[Skipped] = []
    copies: dict[int, list[str]] = {}  # ids merged into kept[k], added once at the end
    for article, key, notice in zip(articles, keys, notices):
        if notice:
            kept.append(dataclasses.replace(article, notice=True))
        elif key in first:
            original = kept[first[key]]
            copies.setdefault(first[key], []).append(article.id)
            merged.append(Skipped(article.path, f"duplicate of {original.id}", article.line, duplicate_of=original.id))
        else:
            first[key] = len(kept)
            kept.append(article)
    for k, ids in copies.items():
        kept[k] = dataclasses.replace(kept[k], duplicates=kept[k].duplicates + tuple(ids))
    return tuple(kept), tuple(merged)


def mark_notices(articles: Sequence[Article]) -> list[Article]:
    """The articles, those that hold a site's notice marked ``notice``: a text shorter than
    ``NOTICE_MAX_CHARS`` found in ``NOTICE_MIN_COPIES`` inputs or more (up to case, punctuation
    and spacing) that speaks of the page it is on (``summarizer.clean.speaks_of_the_page``).
    Pages that hold it cut short count as its copies, when it is on two pages whole (see
    ``_notices``). Its pages may belong to any event. A page that opens with a notice and goes
    on is read from where the notice ends.

    >>> [(a.id, a.notice) for a in mark_notices([Article(i, "Please enable cookies.") for i in "xyz"])]
    [('x', True), ('y', True), ('z', True)]
    """
    articles, _, notices = _read_notices(articles)
    return [dataclasses.replace(a, notice=True) if notice else a for a, notice in zip(articles, notices)]


def _read_notices(articles: Sequence[Article]) -> tuple[list[Article], list[tuple[str, int, str]], list[bool]]:
    """The articles, each read past a site's notice it opens with (``_past_notices``); each
    one's text key (``_text_keys``, of the text as given); whether each is a notice."""
    keys = _text_keys(articles)
    found = _notices(articles, keys)
    return _past_notices(articles, keys, found), keys, [key in found for key in keys]


def _text_keys(articles: Sequence[Article]) -> list[tuple[str, int, str]]:
    """Each text's hash, length and first ``NOTICE_OPENING_CHARS`` characters once case,
    punctuation and spacing are ignored; in two processes for texts of over
    ``PARALLEL_CHARS`` characters in all."""
    sizes = [len(a.text) for a in articles]
    first, second = in_halves(_keys, articles, worth_it=sum(sizes) > PARALLEL_CHARS, sizes=sizes)
    return first + second


def _keys(articles: Sequence[Article]) -> list[tuple[str, int, str]]:
    key_of_text: dict[str, tuple[str, int, str]] = {}  # wire copies repeat a text exactly: normalise it once
    keys = []
    for article in articles:
        key = key_of_text.get(article.text)
        if key is None:
            normal = same_text_key(article.text)
            key = key_of_text[article.text] = (hashlib.blake2b(normal.encode("utf-8"), digest_size=16).hexdigest(),
                                               len(normal), normal[:NOTICE_OPENING_CHARS])
        keys.append(key)
    return keys


def _notices(articles: Sequence[Article], keys: list[tuple[str, int, str]]) -> dict[tuple[str, int, str], str]:
    """The keys of the texts that are a site's notice, and each such text normalised (case,
    punctuation and spacing ignored). A notice is a short text that speaks of its page, on
    ``NOTICE_MIN_COPIES`` pages or more, counting the pages that hold half of it or more, cut
    short, when it is on two pages whole. A page that holds a notice and then a report of its
    own, longer, is not one, on however many pages."""
    openings = Counter(key[2] for key in keys if key[1] < NOTICE_MAX_CHARS)
    speaks = functools.cache(speaks_of_the_page)  # copies repeat a text exactly: search it once
    normal: dict[tuple[str, int, str], str] = {}
    for article, key in zip(articles, keys):  # copies repeat a text: normalise it once
        if (key not in normal and key[1] < NOTICE_MAX_CHARS and openings[key[2]] >= NOTICE_MIN_COPIES
                and speaks(article.text)):
            normal[key] = same_text_key(article.text)
    pages = Counter(key for key in keys if key in normal)
    found: set[tuple[str, int, str]] = set()
    chain: list[tuple[str, tuple[str, int, str]]] = []  # the texts this one begins with, and itself
    for text, key in sorted((text, key) for key, text in normal.items()):
        # in sorted order, a text comes after every text it begins with, and before the next
        # text that does not begin with them
        while chain and not text.startswith(chain[-1][0]):
            chain.pop()
        chain.append((text, key))
        # a text that opens with a notice under half its length is a report after a notice,
        # however many pages carry it (a syndicated story behind a reprints notice)
        if pages[key] > 1 and not any(k in found for t, k in chain if 2 * len(t) < len(text)):
            cut = [k for t, k in chain if 2 * len(t) >= len(text)]
            if sum(pages[k] for k in cut) >= NOTICE_MIN_COPIES:
                found.update(cut)
    return {key: normal[key] for key in found}


def _past_notices(articles: Sequence[Article], keys: list[tuple[str, int, str]],
                  found: dict[tuple[str, int, str], str]) -> list[Article]:
    """The articles, those that open with a site's notice (whole; ``found`` by ``_notices``) and
    go on read from where it ends: a saved page may hold a reprints notice, then the report."""
    if not found:
        return list(articles)
    # a page that opens with a notice shares its opening (or, for a shorter notice, the whole of it)
    long = {key[2] for key in found if key[1] >= NOTICE_OPENING_CHARS}
    short = tuple(f"{text} " for key, text in found.items() if key[1] < NOTICE_OPENING_CHARS)
    texts = sorted(set(found.values()), key=len, reverse=True)  # the longest notice a page opens with
    out = list(articles)
    for k in [k for k, key in enumerate(keys)
              if key not in found and (key[2] in long or key[2].startswith(short))]:
        text = out[k].text
        normal = same_text_key(text)
        while opened := next((t for t in texts if normal.startswith(f"{t} ")), None):
            # the notice's last word ends where the report starts (a notice may come twice)
            end = next(itertools.islice(_WORD.finditer(text), opened.count(" "), None)).end()
            text = text[end:].lstrip(_NOT_A_START)
            normal = same_text_key(text)
        out[k] = dataclasses.replace(out[k], text=text)
    return out


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
                    yield Skipped(os.path.join(root, name), "hidden folder, not searched")
                elif os.path.islink(os.path.join(root, name)):
                    yield Skipped(os.path.join(root, name), "link to a folder, not followed (links can loop)")
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(root, d)))
            for name in sorted(files):
                full = os.path.join(root, name)
                if name.startswith("."):
                    yield Skipped(full, "hidden file")
                else:
                    yield Path(full), full


def load_articles(
    paths: Iterable[str | os.PathLike], *, progress: Callable[[str], None] | None = None, stdin: BinaryIO | None = None,
) -> tuple[tuple[Article, ...], tuple[Skipped, ...]]:
    """Read every article under ``paths``.

    Parameters
    ----------
    paths : files or folders (searched recursively); ``-`` reads ``stdin``.
    progress : called with each file's display name before it is read.
    stdin : the binary stream ``-`` stands for.

    Returns
    -------
    ``(articles, skipped)``; article ids are made unique by suffixing ``~2``, ``~3``, ...

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
    articles: list[Article] = []
    skipped: list[Skipped] = []
    seen: dict[str, int] = {}
    n_files = 0
    for item in iter_files(paths):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        path, display = item
        n_files += 1
        if progress is not None:
            progress(display)
        if display == STDIN:
            if stdin is None:
                raise InputError("'-' reads articles from standard input, but none was given")
            got_all = read_stdin(stdin.read())
        else:
            got_all = None
        reader = READERS.get(path.suffix.lower())
        if got_all is None and reader is None:
            kinds = ", ".join(sorted(READERS))
            skipped.append(Skipped(display, f"unsupported file type {path.suffix or '(none)'!r}; summarizer reads {kinds}"))
            continue
        for got in got_all if got_all is not None else reader(path, display=display):
            if isinstance(got, Skipped):
                skipped.append(got)
                continue
            count = seen.get(got.id, 0) + 1
            seen[got.id] = count
            if count > 1:
                got = Article(f"{got.id}~{count}", got.text, got.title, got.date, got.source, got.url, got.path, got.line)
            articles.append(got)
    if n_files == 0 and not skipped:
        raise InputError(f"{', '.join(map(str, paths))}: no files found; give a folder that holds articles")
    unique, merged = merge_duplicates(articles)
    return unique, tuple(skipped) + merged


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
