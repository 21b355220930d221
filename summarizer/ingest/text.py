"""Plain-text articles (``.txt``, ``.md``): optional ``key: value`` header lines, then the text.

    title: US strikes Iran-backed militias
    date: 2021-02-26
    source: BBC
    url: https://example.org/story

    The Pentagon said ...

The header ends at the first blank line and only ``title``, ``date``, ``source`` and ``url`` are
read. A text may instead begin with an inline date line such as `` date 2021-02-26 The
Pentagon said ...`` (the form the bundled corpus uses). The file stem is the article id.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..model import Article, Skipped
from .common import decode, make_article, read_whole

__all__ = ["read_text", "parse_text"]

_HEADER = re.compile(r"^(title|date|source|url)\s*:\s*(.*)$", re.IGNORECASE)
_INLINE_DATE = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)


def parse_text(raw: str, *, article_id: str, path: str = "") -> Article | Skipped:
    """An article from the text of one file, or ``Skipped`` when it holds no text.

    >>> parse_text("title: Strike\\ndate: 2021-02-26\\n\\nThe Pentagon said so.", article_id="x").date
    datetime.date(2021, 2, 26)
    >>> parse_text(" date 2021-02-26 The Pentagon said so.", article_id="y").text
    'The Pentagon said so.'
    """
    meta: dict[str, str] = {}
    lines = raw.lstrip("\ufeff").split("\n")
    header = []
    for line in lines:
        match = _HEADER.match(line.strip())
        if not match:
            break
        header.append(match)
    if header and len(header) < len(lines) and not lines[len(header)].strip():
        meta = {m.group(1).lower(): m.group(2).strip() for m in header}
        raw = "\n".join(lines[len(header) + 1:])
    inline = _INLINE_DATE.match(raw)
    if inline and "date" not in meta:
        meta["date"] = inline.group(1)
        raw = raw[inline.end():]
    return make_article(article_id=article_id, text=raw, title=meta.get("title", ""), date=meta.get("date"),
                        source=meta.get("source", ""), url=meta.get("url", ""), path=path)


def read_text(path: Path, *, display: str) -> Iterator[Article | Skipped]:
    """Read one ``.txt`` or ``.md`` file as one article."""
    data = read_whole(path, display)
    if isinstance(data, Skipped):
        yield data
        return
    raw = decode(data)
    if raw is None:
        yield Skipped(display, "binary data, not text", kind="binary data")
        return
    yield parse_text(raw, article_id=path.stem, path=display)
