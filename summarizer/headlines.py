"""An event's headline: the best article's title, else the start of the best sentence. Never
invented, never over ``MAX_CHARS``, never a source marker."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from .model import Article, SummarySentence

__all__ = ["headline", "title_without_site", "leading_clause", "MAX_CHARS"]

MAX_CHARS = 120
# " | Site", " - Site", " — Site", " :: Site" at the end of a title
_SITE_SUFFIX = re.compile(r"\s+(?:[|–—·•:]{1,2}|-{1,2})\s+([^|–—·•]{2,60})$")
_CLAUSE_END = re.compile(r"[,;:–—]\s|\s-\s")


def _squashed(text: str) -> str:
    return re.sub(r"[^\w]+", "", text.casefold())


def title_without_site(title: str, sites: Sequence[str] = ()) -> str:
    """``title`` without a trailing " | Site" (or " - Site", " — Site") that names the site: one
    of ``sites`` (a source's name, an address's host), or its domain written out.

    >>> title_without_site("Strike hits depot | BreakingNews.ie", ["breakingnews.ie"])
    'Strike hits depot'
    >>> title_without_site("Storm closes schools - KentNews.Online", ["https://kentnews.online/a"])
    'Storm closes schools'
    >>> title_without_site("Biden - the interview", ["cnn.com"])
    'Biden - the interview'
    """
    match = _SITE_SUFFIX.search(title)
    if not match:
        return title
    suffix = _squashed(match.group(1))
    names = set()
    for site in sites:
        if not site:
            continue
        host = urlsplit(site).hostname if "//" in site else site
        host = (host or site).casefold().removeprefix("www.")
        names |= {_squashed(site), _squashed(host), _squashed(host.rsplit(".", 1)[0])}
    if suffix and any(name and (suffix == name or suffix.startswith(name) or name.startswith(suffix)) for name in names):
        return title[: match.start()].rstrip()
    return title


def leading_clause(sentence: str, limit: int = MAX_CHARS) -> str:
    """The sentence when it fits ``limit`` characters, else its longest leading clauses that
    fit and say something (half the limit or more), else its words up to the limit; cut with
    an ellipsis.

    >>> leading_clause("Short and whole.")
    'Short and whole.'
    >>> leading_clause("The jury found former officer Derek Chauvin guilty on all counts, after a trial that lasted "
    ...                "eleven weeks and heard from more than forty witnesses about the night of the arrest.")
    'The jury found former officer Derek Chauvin guilty on all counts…'
    >>> leading_clause("The strikes, which were ordered by President Joe Biden, were in response to drone attacks "
    ...                "by the militia against US personnel and facilities in Iraq.")
    'The strikes, which were ordered by President Joe Biden, were in response to drone attacks by the militia against US…'
    """
    text = " ".join(sentence.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    clauses = [m.start() for m in _CLAUSE_END.finditer(head) if m.start() >= limit // 2]
    if clauses:
        return text[: clauses[-1]].rstrip(" ,;:–—-") + "…"
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip(" ,;:–—-") + "…"


def headline(articles: Sequence[Article], summary: Sequence[SummarySentence]) -> str:
    """The title of the article carrying the best summary sentence, else of the first titled
    article, without the site's name; else the leading clause of the best sentence. At most
    ``MAX_CHARS`` characters."""
    by_id = {a.id: a for a in articles}
    best = [by_id[s.article_id] for s in summary[0].sources if s.article_id in by_id] if summary else []
    for article in best + list(articles):
        if article.title:
            return leading_clause(title_without_site(article.title, [article.source, article.url]))
    return leading_clause(summary[0].text) if summary else ""
