"""Pieces every reader shares: decoding bytes, and building an article from its fields."""

from __future__ import annotations

import datetime as dt

from ..clean import clean_field, clean_text
from ..dates import dateline_day, parse_published, url_date
from ..headlines import split_site
from ..model import Article, Skipped

__all__ = ["decode", "make_article", "read_whole", "MAX_FILE_BYTES"]

# Formats read whole (text, JSON, pages, feeds) stop here; JSON Lines are streamed instead.
MAX_FILE_BYTES = 64 * 2**20


def read_whole(path, display: str) -> bytes | Skipped:
    """A file's bytes, or ``Skipped`` when it cannot be read or is too large to read whole."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Skipped(display, f"{size / 2**20:.0f} MB, over the {MAX_FILE_BYTES // 2**20} MB a single file may hold; "
                                    "split it, or give JSON Lines (read line by line)", kind="too large")
        return path.read_bytes()
    except OSError as exc:
        return Skipped(display, f"cannot be read ({exc.strerror or exc})", kind="unreadable")


def decode(data: bytes) -> str | None:
    r"""Text from bytes: UTF-8 (with or without BOM), UTF-16 (with BOM, or without when its NUL
    bytes show it), or a legacy 8-bit encoding; ``None`` for binary data.

    In Western legacy text a byte above 0x7f is an accented letter or a curly quote between
    ASCII letters; in Cyrillic, Greek or CJK encodings such bytes come in runs. So text whose
    high bytes mostly stand alone is read as Windows-1252; the rest is left to charset-normalizer.

    >>> decode("Caf\u00e9".encode("cp1252")), decode("\ufeffok".encode("utf-8")), decode(b"\x00\x01\x02\xff\xfe")
    ('Café', 'ok', None)
    >>> decode("Plain text, no BOM.".encode("utf-16-le")), decode("Привет, мир, как дела?".encode("cp1251"))
    ('Plain text, no BOM.', 'Привет, мир, как дела?')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _try(data, "utf-16")
    sample = data[:4096]
    if b"\x00" in sample:
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        if odd > len(sample) // 4 and even == 0:
            return _try(data, "utf-16-le")
        if even > len(sample) // 4 and odd == 0:
            return _try(data, "utf-16-be")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    high = [k for k, b in enumerate(sample) if b > 0x7F]
    paired = sum(1 for k in high if (k > 0 and sample[k - 1] > 0x7F) or (k + 1 < len(sample) and sample[k + 1] > 0x7F))
    if paired * 5 <= len(high):
        text = _try(data, "cp1252")
        if text is not None:
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    return _try(data, best.encoding) if best is not None else _try(data, "latin-1")


def _try(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return None if "\x00" in text[:4096] else text


def make_article(*, article_id: str, text: str, title: object = "", date: object = None, source: object = "",
                 url: object = "", path: str = "", line: int | None = None, paragraphs: bool = False) -> Article | Skipped:
    """An article from raw field values: text cleaned, date parsed (else read from a dateline
    with a year, else from the address), metadata on one line; ``Skipped`` when no text is left."""
    body = clean_text(text, wrapped=not paragraphs)  # a page's or feed's lines are paragraphs, never wrapped
    if not body:
        return Skipped(path, "no text (empty, or only boilerplate)", line, kind="no text")
    published = parse_published(date)
    day = published.date() if isinstance(published, dt.datetime) else published
    if day is None:
        day = dateline_day(body)
    url = str(url or "").strip()
    if day is None and url:
        day = url_date(url)  # "https://www.cnn.com/2021/07/15/politics/...": the site's own date
    source = clean_field(str(source or ""))
    title, site = split_site(clean_field(str(title or "")), [source, url])  # "... | Site": the site is the source
    return Article(
        id=article_id,
        text=body,
        title=title,
        date=day,
        source=source or site,
        url=url,
        path=path,
        line=line,
        published=published if isinstance(published, dt.datetime) else None,
    )
