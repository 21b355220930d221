"""RSS 0.9x/1.0/2.0 and Atom feeds (``.rss``, ``.atom``, and ``.xml`` files that are feeds),
and JSON Feed 1 and 1.1 (``.json`` files that say so): one article per entry, with the fullest
text the entry carries (its content, else its summary), HTML removed. RSS and Atom are parsed by
feedparser, which is given bytes so it never fetches.

An entry's id is the file's name and the entry's number; read from an address, where the same
entry moves down the feed day after day, it is the address's host and a hash of the entry's
own id (its guid, else its link, else its title).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from ..model import Article, Skipped
from .common import make_article, read_whole

__all__ = ["read_feed", "parse_feed", "parse_json_feed", "is_json_feed", "html_to_text", "entry_id"]

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, one block a line; scripts and styles dropped.

    >>> html_to_text("<p>First <b>bold</b> line.</p><script>x()</script><p>Second &amp; last.</p>")
    'First bold line.\\nSecond & last.'
    """
    import lxml.html
    from lxml import etree

    if "<" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    parts: list[str] = []
    # iterwalk rather than recursion: a hostile feed can nest tags thousands deep
    for event, element in etree.iterwalk(root, events=("start", "end")):
        block = isinstance(element.tag, str) and element.tag.lower() in _BLOCKS
        if event == "start":
            parts.append("\n" if block else "")
            parts.append(element.text or "")
        else:
            parts.append("\n" if block else "")
            if element is not root:
                parts.append(element.tail or "")
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


# An entry with fewer words than this ("¤", "don’t", a stray title) is no article.
MIN_ENTRY_WORDS = 3
_WORDS = re.compile(r"[^\W\d_]{2,}")


def _entry_text(entry) -> str:
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    text = max(contents, key=len) if contents else entry.get("summary", "") or entry.get("description", "")
    return html_to_text(text)


def _entry_date(entry) -> object:
    for key in ("published", "updated", "created"):
        if entry.get(key):
            return entry[key]  # the string as the feed wrote it: keeps its time zone
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return dt.datetime(*parsed[:6], tzinfo=dt.timezone.utc)
    return None


def entry_id(stem: str, k: int, key: object, *, by_key: bool) -> str:
    """``stem-k``, or with ``by_key`` ``stem-`` and a hash of the entry's own id.

    >>> entry_id("npr", 3, "guid-1", by_key=False), entry_id("feeds.npr.org", 3, "guid-1", by_key=True)
    ('npr-3', 'feeds.npr.org-cbfcdc9950')
    """
    if not by_key or not str(key or "").strip():
        return f"{stem}-{k}"
    return f"{stem}-{hashlib.blake2b(str(key).strip().encode('utf-8'), digest_size=5).hexdigest()}"


def parse_feed(data: bytes, *, stem: str, path: str = "", headers: dict[str, str] | None = None,
               by_key: bool = False) -> Iterator[Article | Skipped]:
    """Articles from the bytes of one feed; the whole file is skipped when it is not a feed.
    ``headers`` are the HTTP answer's (its charset counts), ``by_key`` gives ids by entry."""
    import feedparser

    parsed = feedparser.parse(data, response_headers=headers or {})
    problem = parsed.get("bozo_exception")
    if not parsed.get("version") and not parsed.entries:
        if data.lstrip()[:1] == b"<":
            detail = f" ({_first_line(problem)})" if parsed.get("bozo") and problem else ""
            reason = f"XML that is not an RSS or Atom feed{detail}"
        else:
            reason = "not an RSS or Atom feed"
        yield Skipped(path, reason, kind="not a feed")
        return
    if not parsed.entries:
        yield Skipped(path, "a feed with no entries", kind="no entries")
        return
    if parsed.get("bozo") and _broken_xml(problem):
        n = len(parsed.entries)
        yield Skipped(path, f"invalid XML ({_first_line(problem)}); read up to the fault: {n} entr{'y' if n == 1 else 'ies'}",
                      kind="invalid XML")
    source = (parsed.feed.get("title") or "").strip()
    for k, entry in enumerate(parsed.entries, 1):
        key = entry.get("id") or entry.get("link") or entry.get("title")
        yield _entry(entry_id(stem, k, key, by_key=by_key), k, text=_entry_text(entry), title=entry.get("title", ""),
                     date=_entry_date(entry), source=source, url=entry.get("link", ""), path=path)


def _broken_xml(problem: object) -> bool:
    """Whether feedparser's complaint is broken XML (a truncated or ill-formed feed), not a
    charset it overrode or a content type it did not expect."""
    from xml.sax import SAXException

    return isinstance(problem, SAXException)


def _first_line(problem: object) -> str:
    return " ".join(str(problem).split())[:80]


def _entry(article_id: str, k: int, *, text: str, title: str, date: object, source: str, url: str,
           path: str) -> Article | Skipped:
    from ftfy import fix_encoding

    # text encoded twice on its way ("donâ€™t" for "don’t") is repaired by ftfy, nothing else changed
    text, title = fix_encoding(text), fix_encoding(html_to_text(title or ""))
    if text.strip() and len(_WORDS.findall(text)) < MIN_ENTRY_WORDS:
        return Skipped(path, f"entry {k}: too few words to be an article ({' '.join(text.split())[:40]!r})", kind="no text")
    got = make_article(article_id=article_id, text=text, title=title, date=date, source=fix_encoding(source), url=url,
                       path=path, paragraphs=True)
    return Skipped(path, f"entry {k}: {got.reason}", kind=got.kind) if isinstance(got, Skipped) else got


def is_json_feed(value: object) -> bool:
    """Whether a decoded JSON value is a JSON Feed (https://jsonfeed.org/version/1 or 1.1)."""
    return (isinstance(value, dict) and isinstance(value.get("version"), str)
            and "jsonfeed.org/version/" in value["version"] and isinstance(value.get("items"), list))


def parse_json_feed(value: dict, *, stem: str, path: str = "", by_key: bool = False) -> Iterator[Article | Skipped]:
    """One article per item of a JSON Feed: ``content_text``, else ``content_html``, else
    ``summary``; ``title``, ``date_published`` (else ``date_modified``), ``url`` (else
    ``external_url``), and the feed's title as the source.

    >>> feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Example", "items": [
    ...     {"id": "1", "title": "Bridge reopens", "content_html": "<p>The bridge reopened on Monday.</p>",
    ...      "date_published": "2024-03-05T08:00:00-05:00", "url": "https://example.org/bridge"}]}
    >>> [(a.id, a.title, a.text, str(a.date), a.source) for a in parse_json_feed(feed, stem="example")]
    [('example-1', 'Bridge reopens', 'The bridge reopened on Monday.', '2024-03-05', 'Example')]
    """
    items = value.get("items") or []
    if not items:
        yield Skipped(path, "a feed with no entries", kind="no entries")
        return
    source = value.get("title") if isinstance(value.get("title"), str) else ""
    for k, item in enumerate(items, 1):
        if not isinstance(item, dict):
            yield Skipped(path, f"entry {k}: not a JSON object but {type(item).__name__}", kind="not an article")
            continue
        text = next((item[f] for f in ("content_text", "content_html", "summary") if isinstance(item.get(f), str)
                     and item[f].strip()), "")
        if not text:
            yield Skipped(path, f"entry {k}: no text (no content_text, content_html or summary)", kind="no text")
            continue
        url = next((item[f] for f in ("url", "external_url") if isinstance(item.get(f), str)), "")
        title = item.get("title") if isinstance(item.get("title"), str) else ""
        date = next((item[f] for f in ("date_published", "date_modified") if isinstance(item.get(f), str)), None)
        yield _entry(entry_id(stem, k, item.get("id") or url or title, by_key=by_key), k, text=html_to_text(text),
                     title=title, date=date, source=source, url=url, path=path)


def read_feed(path: Path, *, display: str) -> Iterator[Article | Skipped]:
    """Read one feed file: one article per entry."""
    data = read_whole(path, display)
    if isinstance(data, Skipped):
        yield data
        return
    yield from parse_feed(data, stem=path.stem, path=display)
