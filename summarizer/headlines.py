"""An event's headline: the best article's title, else the start of the best sentence. Never
invented, never over ``MAX_CHARS``, never a source marker."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from .model import Article, SummarySentence

__all__ = ["headline", "split_site", "title_without_site", "leading_clause", "MAX_CHARS"]

MAX_CHARS = 120
# " | Site", " - Site", " — Site", " :: Site" at the end of a title
_SITE_SUFFIX = re.compile(r"^(.*\S)\s+(?:[|–—·•:]{1,2}|-{1,2})\s+(.{2,60})$")  # the last separator
_SITE_PREFIX = re.compile(r"^([^|–—·•:]{2,40}?)\s+(?:[|–—·•]{1,2}|-{1,2})\s+")
_CLAUSE_END = re.compile(r"[,;:–—]\s|\s-\s")


def _squashed(text: str) -> str:
    return re.sub(r"[^\w]+", "", text.casefold())


def _names(sites: Sequence[str]) -> set[str]:
    names = set()
    for site in sites:
        if not site:
            continue
        host = urlsplit(site).hostname if "//" in site else site
        host = (host or site).casefold().removeprefix("www.")
        names |= {_squashed(site), _squashed(host), _squashed(host.rsplit(".", 1)[0])}
    return {name for name in names if len(name) > 1}


def _names_site(part: str, names: set[str]) -> bool:
    squashed = _squashed(part)
    return bool(squashed) and any(squashed.startswith(name) or name.startswith(squashed)
                                  or (len(squashed) >= 6 and squashed in name) for name in names)


def split_site(title: str, sites: Sequence[str] = ()) -> tuple[str, str]:
    """``title`` without the site's name, and that name as the title wrote it (else ""): a
    trailing " | Site" (or " - Site", " — Site", " :: Site"), repeated ("... | Section - Site"
    loses " - Site"), or a leading "Site - ", that names one of ``sites`` (a source's name, an
    address or host), or its domain written out.

    >>> split_site("Strike hits depot | BreakingNews.ie", ["breakingnews.ie"])
    ('Strike hits depot', 'BreakingNews.ie')
    >>> split_site("Noticiero Digital - Borrell: no aplazar", ["noticierodigital.com"])
    ('Borrell: no aplazar', 'Noticiero Digital')
    >>> split_site("Biden - the interview", ["cnn.com"])
    ('Biden - the interview', '')
    """
    names = _names(sites)
    site = ""
    while (match := _SITE_SUFFIX.match(title)) and _names_site(match.group(2), names):
        title, site = match.group(1), site or match.group(2).strip()
    if not site and (match := _SITE_PREFIX.match(title)) and _names_site(match.group(1), names):
        title, site = title[match.end():].lstrip(), match.group(1).strip()
    return title, site


def title_without_site(title: str, sites: Sequence[str] = ()) -> str:
    """``title`` without the site's name (``split_site``).

    >>> title_without_site("Storm closes schools - KentNews.Online", ["https://kentnews.online/a"])
    'Storm closes schools'
    """
    return split_site(title, sites)[0]


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
