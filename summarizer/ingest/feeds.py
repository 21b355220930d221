"""RSS 0.9x/1.0/2.0 and Atom feeds (``.rss``, ``.atom``, and ``.xml`` files that are feeds):
one article per entry, with the fullest text the entry carries (its content, else its
summary), HTML removed. Parsed by feedparser, which is given bytes so it never fetches.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from ..model import Article, Skipped
from .common import make_article, read_whole

__all__ = ["read_feed", "parse_feed", "html_to_text"]

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


def parse_feed(data: bytes, *, stem: str, path: str = "") -> Iterator[Article | Skipped]:
    """Articles from the bytes of one feed; the whole file is skipped when it is not a feed."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        reason = "XML that is not an RSS or Atom feed" if data.lstrip()[:1] == b"<" else "not an RSS or Atom feed"
        yield Skipped(path, reason, kind="not a feed")
        return
    if not parsed.entries:
        yield Skipped(path, "a feed with no entries", kind="no entries")
        return
    from ftfy import fix_encoding

    source = fix_encoding((parsed.feed.get("title") or "").strip())
    for k, entry in enumerate(parsed.entries, 1):
        # text encoded twice on its way ("donâ€™t" for "don’t") is repaired by ftfy, nothing else changed
        text, title = fix_encoding(_entry_text(entry)), fix_encoding(html_to_text(entry.get("title", "")))
        if text.strip() and len(_WORDS.findall(text)) < MIN_ENTRY_WORDS:
            yield Skipped(path, f"entry {k}: too few words to be an article ({' '.join(text.split())[:40]!r})", kind="no text")
            continue
        got = make_article(article_id=f"{stem}-{k}", text=text, title=title,
                           date=_entry_date(entry), source=source, url=entry.get("link", ""), path=path,
                           paragraphs=True)
        yield Skipped(path, f"entry {k}: {got.reason}", kind=got.kind) if isinstance(got, Skipped) else got


def read_feed(path: Path, *, display: str) -> Iterator[Article | Skipped]:
    """Read one feed file: one article per entry."""
    data = read_whole(path, display)
    if isinstance(data, Skipped):
        yield data
        return
    yield from parse_feed(data, stem=path.stem, path=display)
