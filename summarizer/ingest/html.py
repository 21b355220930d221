"""Saved web pages (``.html``, ``.htm``): the article's main text, title, date and site.

Extraction is trafilatura's (Barbaresi 2021), which drops navigation, ads, cookie banners and
footers; the publication date is htmldate's reading of the page's metadata, kept with its
time and zone when the page gives them. Both are imported only when a page is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import Article, Skipped
from .common import decode, make_article, read_whole

__all__ = ["read_html", "parse_html"]

_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def parse_html(data: bytes, *, article_id: str, path: str = "") -> Article | Skipped:
    """An article from the bytes of one web page, or ``Skipped`` saying why not."""
    import trafilatura

    html = decode(data)
    if html is None:
        return Skipped(path, "binary data, not a web page", kind="binary data")
    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        return Skipped(path, "no article text found in the page", kind="no text")
    title = document.title or ""
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        text = "\n".join(lines[1:])  # trafilatura repeats the headline as the first line
    got = make_article(article_id=article_id, text=text, title=title, date=_published(html) or document.date,
                       source=document.sitename or document.hostname or "", url=document.url or "", path=path)
    return Skipped(path, "no article text found in the page", kind="no text") if isinstance(got, Skipped) else got


def _published(html: str) -> str | None:
    """The page's own publication time, as ``YYYY-MM-DDTHH:MM:SS+zone`` when it gives one."""
    from htmldate import find_date

    try:
        found = find_date(html, outputformat=_TIME_FORMAT, original_date=True, extensive_search=False)
    except ValueError:
        return None
    if not found:
        return None
    return found if found[19:] else found[:10]  # no zone and midnight: the page gave only a day


def read_html(path: Path, *, display: str) -> Iterator[Article | Skipped]:
    """Read one saved web page as one article."""
    data = read_whole(path, display)
    if isinstance(data, Skipped):
        yield data
        return
    yield parse_html(data, article_id=path.stem, path=display)
