"""Saved web pages (``.html``, ``.htm``): the article's main text, title, date and site.

Extraction is trafilatura's (Barbaresi 2021), which drops navigation, ads, cookie banners and
footers. The publication date is the page's structured data (JSON-LD, Open Graph), else
htmldate's search of the page, else the address, kept with its time and zone as given. Both are imported only when a page is read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from ..dates import parse_published
from ..model import Article, Skipped
from .common import decode, make_article, read_whole

__all__ = ["read_html", "parse_html"]

_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def parse_html(data: bytes, *, article_id: str, path: str = "", url: str = "") -> Article | Skipped:
    """An article from the bytes of one web page, or ``Skipped`` saying why not; ``url`` is
    where it was fetched from, when the page does not name its own address."""
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
    got = make_article(article_id=article_id, text=text, title=title, date=_published(html) or _not_a_year(document.date),
                       source=document.sitename or document.hostname or "", url=document.url or url, path=path,
                       paragraphs=True)
    return Skipped(path, "no article text found in the page", kind="no text") if isinstance(got, Skipped) else got


def _published(html: str) -> str | None:
    """The page's own publication time, from the strongest signal it gives: structured data
    (``structured_date``), else htmldate's extensive search of the page; ``None`` when neither
    finds one (the caller then reads the address). A time is kept with its zone as given;
    measured in docs/pages.md."""
    structured = structured_date(html)
    if structured:
        moment = parse_published(structured)
        if isinstance(moment, dt.datetime) and moment.utcoffset() == dt.timedelta(0):
            # A time in UTC is most often the site's local time converted: the day the page
            # shows its readers (which htmldate's quick search reads) is the one they saw.
            shown = _htmldate(html, extensive=False)
            if shown and abs((dt.date.fromisoformat(shown[:10]) - moment.date()).days) <= 1:
                return shown
        return structured
    return _htmldate(html, extensive=True)


def _not_a_year(found: str | None) -> str | None:
    """A date found by htmldate (or by trafilatura, through it), unless it is the first of
    January with no time: what htmldate makes of a copyright year or a year alone.

    >>> _not_a_year("2016-01-01"), _not_a_year("2020-01-01T09:30:00+0100"), _not_a_year("2020-03-01")
    (None, '2020-01-01T09:30:00+0100', '2020-03-01')
    """
    if found and found[5:10] == "01-01" and found[11:19] in ("", "00:00:00") and not found[19:]:
        return None
    return found


def _htmldate(html: str, *, extensive: bool) -> str | None:
    from htmldate import find_date

    try:
        found = find_date(html, outputformat=_TIME_FORMAT, original_date=True, extensive_search=extensive)
    except ValueError:
        return None
    if not found:
        return None
    return _not_a_year(found[:10] if found[11:19] == "00:00:00" and not found[19:] else found)  # midnight, no zone: a day


_META_PUBLISHED = ("article:published_time", "og:article:published_time", "datepublished", "dc.date.issued",
                   "dcterms.issued")


def structured_date(html: str) -> str | None:
    """When the page says, in data meant for machines, that it was published: JSON-LD's
    ``datePublished`` (schema.org), then a ``<meta>`` of Open Graph's ``article:published_time``
    (or schema.org's or Dublin Core's), then ``<time pubdate>`` or ``<time itemprop=datePublished>``.
    These name the first publication; a page's other dates (modified, copyright, related
    links) are what a search of the whole page can mistake for it.

    >>> structured_date('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle",'
    ...                 ' "datePublished": "2020-01-19T12:25:00Z", "dateModified": "2020-01-20"}]}</script>')
    '2020-01-19T12:25:00Z'
    >>> structured_date('<meta property="article:published_time" content="2023-11-09T03:02:00-05:00">')
    '2023-11-09T03:02:00-05:00'
    >>> structured_date('<meta itemprop="datePublished" content="2020-09-26T12:07:40+02:00CET">')
    '2020-09-26T12:07:40+02:00'
    >>> structured_date('<meta itemprop="datePublished" content="soon"><p>No date here.</p>') is None
    True
    """
    for found in _structured_dates(html):
        found = _OFFSET_AND_NAME.sub(r"\1", found)  # "2020-09-26T12:07:40+02:00CET": the offset says it
        if parse_published(found) is not None:
            return found
    return None


_OFFSET_AND_NAME = re.compile(r"([+-]\d\d:?\d\d)\s*[A-Z]{2,5}$")


def _structured_dates(html: str) -> Iterator[str]:
    """Every publication time the page's structured data gives, strongest first."""
    import json

    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            found = _date_published(json.loads(script.text_content() or "null"))
        except (ValueError, RecursionError):
            continue
        if found:
            yield found
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _META_PUBLISHED and meta.get("content", "").strip():
            yield meta.get("content").strip()
    for time in tree.xpath('//time[@datetime][@pubdate or @itemprop="datePublished"]'):
        if time.get("datetime", "").strip():
            yield time.get("datetime").strip()


def _date_published(value: object, depth: int = 0) -> str | None:
    """The first ``datePublished`` in a JSON-LD value (objects, lists and ``@graph``s)."""
    if depth > 20:
        return None
    if isinstance(value, dict):
        found = value.get("datePublished")
        if isinstance(found, str) and found.strip():
            return found.strip()
        values = value.values()
    elif isinstance(value, list):
        values = value
    else:
        return None
    for item in values:
        if isinstance(item, (dict, list)) and (found := _date_published(item, depth + 1)):
            return found
    return None


def read_html(path: Path, *, display: str) -> Iterator[Article | Skipped]:
    """Read one saved web page as one article."""
    data = read_whole(path, display)
    if isinstance(data, Skipped):
        yield data
        return
    yield parse_html(data, article_id=path.stem, path=display)
