"""Ingest: paths in, ``Article`` and ``Skipped`` out. One reader per format.

Every file found is accounted for: it becomes one or more articles, or a ``Skipped`` entry
saying why not. Only a path that does not exist, or input with nothing in it, stops the run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article, Event, Skipped
from .jsonfile import read_clusters, read_json, read_jsonl
from .text import read_text

__all__ = ["load_articles", "load_clusters", "iter_files", "READERS"]

Reader = Callable[..., Iterator[Article | Skipped]]
READERS: dict[str, Reader] = {".txt": read_text, ".md": read_text, ".json": read_json, ".jsonl": read_jsonl}


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
        path = Path(given)
        if not path.exists():
            raise InputError(f"{given}: no such file or folder; give a file or a folder of articles")
        if not path.is_dir():
            yield path, str(given)
            continue
        for root, dirs, files in os.walk(path):
            for name in sorted(d for d in dirs if d.startswith(".")):
                yield Skipped(os.path.join(root, name), "hidden folder, not searched")
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                full = os.path.join(root, name)
                if name.startswith("."):
                    yield Skipped(full, "hidden file")
                else:
                    yield Path(full), full


def load_articles(paths: Iterable[str | os.PathLike], *, progress: Callable[[str], None] | None = None) -> tuple[tuple[Article, ...], tuple[Skipped, ...]]:
    """Read every article under ``paths``.

    Parameters
    ----------
    paths : files or folders (searched recursively).
    progress : called with each file's display name before it is read.

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
        reader = READERS.get(path.suffix.lower())
        if reader is None:
            kinds = ", ".join(sorted(READERS))
            skipped.append(Skipped(display, f"unsupported file type {path.suffix or '(none)'!r}; summarizer reads {kinds}"))
            continue
        for got in reader(path, display=display):
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
    return tuple(articles), tuple(skipped)


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
