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
    address = document.url or url
    got = make_article(article_id=article_id, text=text, title=title, date=_published(html, address) or _not_a_year(document.date),
                       source=document.sitename or document.hostname or "", url=address, path=path, paragraphs=True)
    return Skipped(path, "no article text found in the page", kind="no text") if isinstance(got, Skipped) else got


def _published(html: str, url: str = "") -> str | None:
    """The page's own publication time, from the strongest signal it gives: structured data
    (``structured_date``), else htmldate's extensive search of the page; ``None`` when neither
    finds one (the caller then reads the address). A time is kept with its zone as given, but
    a time in UTC is read in the site's own zone (``_local``); measured in docs/pages.md."""
    structured = structured_date(html)
    if structured:
        moment = parse_published(structured)
        if isinstance(moment, dt.datetime) and moment.utcoffset() == dt.timedelta(0):
            return _local(moment, html, url) or structured
        return structured
    return _htmldate(html, extensive=True)


def _local(moment: dt.datetime, html: str, url: str) -> str | None:
    """A time the page gives in UTC as its readers saw it. Sites publish in their own zone and
    convert to UTC for machines, so the day a reader saw is the local one. The zone is the
    country's, when the address is under a country's domain and the country has one zone
    (an Italian site's 23:15 UTC is 00:15 the next day in Rome); else the offset the page's
    other times carry most (a New York station's schedule at -0400); else the day the page
    shows (htmldate's quick search), when within a day. ``None``: keep the UTC time.

    >>> _local(dt.datetime(2020, 12, 5, 23, 15, tzinfo=dt.timezone.utc), "", "https://www.example.it/news/1")
    '2020-12-06T00:15:00+0100'
    >>> _local(dt.datetime(2020, 5, 2, 2, 54, tzinfo=dt.timezone.utc), '"date": "Fri, 01 May 2020 23:00:00 -0400"', "https://example.com/a")
    '2020-05-01T22:54:00-0400'
    >>> _local(dt.datetime(2020, 5, 2, 2, 54, tzinfo=dt.timezone.utc), "", "https://example.io/a") is None
    True
    """
    zone = _country_zone(url) or _page_zone(html)
    if zone is not None:
        return moment.astimezone(zone).strftime(_TIME_FORMAT)
    shown = _htmldate(html, extensive=False)
    if shown and abs((dt.date.fromisoformat(shown[:10]) - moment.date()).days) <= 1:
        return shown
    return None


# Country domains that sites all over the world take for their letters ("tv", "io", "me"), and
# "co" (Colombia's when under it, as "com.co"): they say nothing of where a site is.
_WORLDWIDE_DOMAINS = frozenset("io tv me fm ai ly cc ws to gg im sh ac nu tk ml ga cf gq su ag am vc la".split())
_DOMAIN_COUNTRY = {"uk": "GB"}  # the one country domain that is not the country's ISO code


def _country_zone(url: str) -> dt.tzinfo | None:
    """The time zone of the country whose domain the address is under, when it has one zone."""
    from urllib.parse import urlsplit

    import pytz

    labels = (urlsplit(url).hostname or "").rstrip(".").split(".")
    domain = labels[-1].lower() if len(labels) > 1 else ""
    if len(domain) != 2 or domain in _WORLDWIDE_DOMAINS or (domain == "co" and labels[-2] != "com"):
        return None
    try:
        zones = pytz.country_timezones[_DOMAIN_COUNTRY.get(domain, domain.upper())]
    except KeyError:
        return None
    return pytz.timezone(zones[0]) if len(zones) == 1 else None


_OFFSET = re.compile(r"T\d\d:\d\d(?::\d\d)?(?:\.\d+)?([+-]\d\d):?(\d\d)\b|\d\d:\d\d:\d\d ([+-]\d\d)(\d\d)\b|GMT([+-]\d\d)(\d\d)")


def _page_zone(html: str) -> dt.tzinfo | None:
    """The offset from UTC that the page's machine-readable times (ISO 8601, RFC 2822) carry
    most, when one carries any but zero."""
    import collections

    offsets: collections.Counter = collections.Counter()
    for match in _OFFSET.finditer(html):
        hours, minutes = match.group(match.lastindex - 1, match.lastindex)  # the two groups of the form that matched
        offset = int(hours) * 60 + (-1 if hours.startswith("-") else 1) * int(minutes)
        if offset and abs(offset) < 24 * 60:
            offsets[offset] += 1
    if not offsets:
        return None
    return dt.timezone(dt.timedelta(minutes=offsets.most_common(1)[0][0]))


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
