"""Reading news where it lives: http(s) addresses and OPML subscription lists.

An address is read for what it answers, by media type and content, never by its name: an RSS
or Atom feed, a JSON Feed, an OPML list (whose feeds are then all read), or a web page (one
article, as a saved page). A feed entry whose text is a teaser of a sentence or two is
replaced by the main text of the page it links to, when that page carries the teaser's words
(``follow=False`` keeps teasers). Every address and entry ends as articles or as a skipped
entry with the address and the reason; see ``summarizer.ingest.web`` for how fetching is
bounded and where links may point.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from ..model import Article, Skipped
from .common import decode
from .feeds import entry_id, is_json_feed, parse_feed, parse_json_feed
from .html import parse_html
from .web import DEFAULT_TIMEOUT, Fault, Fetched, Fetcher

__all__ = ["Web", "Address", "read_addresses", "read_opml", "is_opml", "is_teaser"]

# An entry of at most this many sentences is a teaser, when a page is linked
TEASER_SENTENCES = 2
# A linked page replaces a teaser only when it carries this share of the teaser's words: a
# consent wall or a paywall does not
TEASER_WORDS_FOUND = 0.6
# An RSS, RDF or Atom document, whatever content type it is served as (often text/html)
_FEED_ROOT = re.compile(rb"(?is)(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<\?xml-stylesheet[^>]*>\s*|<!doctype[^>]*>\s*)*"
                        rb"<(rss|feed|rdf:rdf)[\s>]")
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’)\]»]*(?:\s|$)")
_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass
class Web:
    """How addresses are read, and afterwards what happened: ``timeout`` in seconds (connect,
    and each read), ``follow`` teasers' links, ``cache`` the HTTP cache file (None: no cache),
    ``progress(done, total)`` while fetching. ``counts`` tallies answers by how they came
    (downloaded, unchanged, cached) and faults by kind; ``teasers`` counts entries whose page
    was read instead, ``kept`` the reasons a teaser stayed."""

    timeout: float = DEFAULT_TIMEOUT
    follow: bool = True
    cache: Path | None = None
    progress: Callable[[int, int], None] | None = None
    counts: Counter = field(default_factory=Counter)
    teasers: int = 0
    kept: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for stderr: ``fetched 12 addresses: 9 downloaded, 3 unchanged (304); ...``."""
        if not self.counts:
            return ""
        hows = [f"{self.counts[h]} {h}" for h in ("downloaded", "unchanged", "cached") if self.counts[h]]
        faults = sum(n for h, n in self.counts.items() if h not in ("downloaded", "unchanged", "cached"))
        total = sum(self.counts.values())
        line = f"fetched {total} address{'es' * (total != 1)}: {', '.join(hows) or 'none answered'}"
        if faults:
            line += f", {faults} failed"
        if self.teasers:
            line += f"; {self.teasers} teaser{'s' * (self.teasers != 1)} replaced by the linked page"
        if self.kept:
            line += f"; {len(self.kept)} teaser{'s' * (len(self.kept) != 1)} kept ({self.kept[0]})"
        return line


@dataclass(frozen=True)
class Address:
    """An address to read: ``origin`` is the kind of address it was found on (None: the user
    gave it, or a list on disk did); ``feed`` when a feed is expected (an OPML list's entry)."""

    url: str
    origin: str | None = None
    feed: bool = False
    title: str = ""


def is_opml(data: bytes) -> bool:
    """Whether bytes are an OPML document (its root element is ``<opml``)."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return bool(re.match(rb"(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<opml[\s>]", head, re.S))


def read_opml(data: bytes, *, path: str, origin: str | None = None) -> tuple[list[Address], list[Skipped]]:
    """The feeds of an OPML subscription list (listparser), and its outlines that name no feed."""
    import listparser

    parsed = listparser.parse(data)  # bytes: listparser never fetches
    feeds = [Address(feed.url, origin, feed=True, title=feed.get("title") or "") for feed in parsed.feeds]
    skipped = [Skipped(path, f"outline {item.get('title') or item.get('url')!r}: a web site, not a feed (no xmlUrl); not read",
                       kind="not a feed") for item in parsed.get("opportunities", [])]
    skipped += [Skipped(path, f"outline {item.get('title') or item.get('url')!r}: another subscription list, not read",
                        kind="not a feed") for item in parsed.get("lists", [])]
    if not feeds and not skipped:
        problem = parsed.get("bozo_exception")
        skipped.append(Skipped(path, "an OPML list with no feeds" + (f" ({problem})" if problem else ""), kind="no entries"))
    return feeds, skipped


def is_teaser(text: str) -> bool:
    """A sentence or two: what most feeds carry instead of the article.

    >>> is_teaser("The bridge reopened. Traffic is light."), is_teaser("One. Two. Three. Four.")
    (True, False)
    """
    return len(_SENTENCE_END.findall(text.strip())) <= TEASER_SENTENCES and len(text.split()) < 120


def read_addresses(addresses: Sequence[Address], web: Web) -> list[list[Article | Skipped]]:
    """What each address gives, in order: its articles, or skipped entries saying why not."""
    done_before = 0

    def progress(done: int, total: int) -> None:
        if web.progress is not None:
            web.progress(done_before + done, done_before + total)

    with Fetcher(timeout=web.timeout, cache=web.cache) as fetcher:
        answers = fetcher.fetch_all([(a.url, a.origin) for a in addresses], progress, revalidate=True)
        done_before += len(addresses)
        out: list[list[Article | Skipped]] = []
        lists: dict[int, list[Address]] = {}  # OPML lists found at an address: their feeds are read next
        feeds_at: dict[str, str] = {}  # each feed read (as its entries' path) and the kind of address it is on
        for k, (address, answer) in enumerate(zip(addresses, answers)):
            got = list(_read_answer(address, answer, feeds_at))
            if got and isinstance(got[0], list):
                lists[k] = got[0]
                got = got[1:]
            out.append(got)
        if lists:
            feeds = [feed for k in sorted(lists) for feed in lists[k]]
            read = iter(fetcher.fetch_all([(f.url, f.origin) for f in feeds], progress, revalidate=True))
            done_before += len(feeds)
            for k in sorted(lists):
                for feed in lists[k]:
                    out[k].extend(_read_answer(feed, next(read), feeds_at))
        if web.follow:
            _follow_teasers(out, feeds_at, fetcher, web, progress)
        web.counts.update(fetcher.counts)
    return out


def _read_answer(address: Address, answer: Fetched | Fault, feeds_at: dict[str, str]) -> Iterator:
    """Articles and skipped entries from one answer; an OPML list yields its feeds first, as a list."""
    if isinstance(answer, Fault):
        yield Skipped(address.url, answer.reason, kind=answer.kind)
        return
    shown = address.url if answer.final == address.url else f"{address.url} (at {answer.final})"
    body, media = answer.body, answer.media_type
    stem = (urlsplit(answer.final).hostname or "web").lower().removeprefix("www.")
    start = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if media in ("application/feed+json", "application/json") or start[:1] in (b"{", b"["):
        value = _json(body, answer.charset)
        if is_json_feed(value):
            feeds_at[shown] = answer.kind
            yield from _named(parse_json_feed(value, stem=stem, path=shown, by_key=True), address.title)
        else:
            yield Skipped(shown, f"JSON that is not a JSON Feed ({media or 'no content type'})", kind="not a feed")
        return
    if is_opml(body):
        if address.feed:
            yield Skipped(shown, "another subscription list where a feed was expected; not read", kind="not a feed")
            return
        feeds, skipped = read_opml(body, path=shown, origin=answer.kind)
        yield feeds
        yield from skipped
        return
    if not _FEED_ROOT.match(start) and (media in ("text/html", "application/xhtml+xml")
                                        or re.match(rb"(?i)<!doctype html|<html", start)):
        if address.feed:
            yield Skipped(shown, f"a web page ({media or 'HTML'}) where a feed was expected", kind="not a feed")
            return
        yield parse_html(body, article_id=entry_id(stem, 0, answer.final, by_key=True), path=shown, url=answer.final)
        return
    if start[:1] == b"<":
        feeds_at[shown] = answer.kind
        headers = {"content-type": f"{media}; charset={answer.charset}" if answer.charset else media}
        yield from _named(parse_feed(body, stem=stem, path=shown, headers=headers, by_key=True), address.title)
        return
    what = f"{media}" if media else "no content type"
    yield Skipped(shown, f"not a feed, a subscription list or a web page ({what}); not read", kind="not a feed")


def _named(items: Iterator[Article | Skipped], title: str) -> Iterator[Article | Skipped]:
    """A feed's entries, with the name the OPML list gives the feed as their source when the
    feed names none."""
    for item in items:
        yield replace(item, source=title) if title and isinstance(item, Article) and not item.source else item


def _json(body: bytes, charset: str | None) -> object:
    text = None
    for encoding in ("utf-8-sig", charset):
        if encoding:
            try:
                text = body.decode(encoding)
                break
            except (UnicodeDecodeError, LookupError):
                continue
    text = text if text is not None else decode(body)
    try:
        return json.loads(text) if text is not None else None
    except (json.JSONDecodeError, RecursionError):
        return None


def _follow_teasers(out: list[list[Article | Skipped]], feeds_at: dict[str, str], fetcher: Fetcher, web: Web,
                    progress: Callable[[int, int], None]) -> None:
    """Replace each teaser entry by its linked page's main text, the pages fetched all at once;
    a link is checked against the kind of address its feed is on."""
    wanted = [(k, j) for k, items in enumerate(out) for j, item in enumerate(items)
              if isinstance(item, Article) and item.path in feeds_at and item.url and is_teaser(item.text)]
    if not wanted:
        return
    answers = fetcher.fetch_all([(out[k][j].url, feeds_at[out[k][j].path]) for k, j in wanted], progress)
    for (k, j), answer in zip(wanted, answers):
        teaser = out[k][j]
        if isinstance(answer, Fault):
            web.kept.append(f"{answer.url}: {answer.reason}")
            continue
        page = parse_html(answer.body, article_id=teaser.id, path=teaser.path, url=answer.final)
        if isinstance(page, Skipped):
            web.kept.append(f"{answer.url}: {page.reason}")
            continue
        words = set(w.lower() for w in _WORD.findall(teaser.text))
        found = set(w.lower() for w in _WORD.findall(page.text))
        if len(page.text.split()) <= len(teaser.text.split()) or len(words & found) < TEASER_WORDS_FOUND * len(words):
            web.kept.append(f"{answer.url}: the page does not carry the entry's text")
            continue
        out[k][j] = replace(teaser, text=page.text, title=teaser.title or page.title,
                            date=teaser.date or page.date, published=teaser.published or page.published)
        web.teasers += 1
