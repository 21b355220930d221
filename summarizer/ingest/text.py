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

from ..clean import clean_field, clean_text
from ..dates import parse_date
from ..model import Article, Skipped

__all__ = ["read_text", "parse_text", "decode"]

_HEADER = re.compile(r"^(title|date|source|url)\s*:\s*(.*)$", re.IGNORECASE)
_INLINE_DATE = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)


def decode(data: bytes) -> str | None:
    """Text from bytes in UTF-8 (with or without BOM) or UTF-16 with BOM; ``None`` for binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data[:4096]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Legacy 8-bit text: Windows-1252 maps every byte but five; latin-1 maps them all.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


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
    text = clean_text(raw)
    if not text:
        return Skipped(path, "no text (the file is empty or holds only boilerplate)")
    return Article(
        id=article_id,
        text=text,
        title=clean_field(meta.get("title", "")),
        date=parse_date(meta.get("date")),
        source=clean_field(meta.get("source", "")),
        url=meta.get("url", "").strip(),
        path=path,
    )


def read_text(path: Path, *, display: str) -> Iterator[Article | Skipped]:
    """Read one ``.txt`` or ``.md`` file as one article."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(display, f"cannot be read ({exc.strerror or exc})")
        return
    raw = decode(data)
    if raw is None:
        yield Skipped(display, "binary data, not text")
        return
    yield parse_text(raw, article_id=path.stem, path=display)
