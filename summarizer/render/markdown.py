"""The Markdown report: one ``## `` section per top story.

Article text is escaped so it renders as text: no HTML, no links, no emphasis it did not ask for.
An article's address becomes a link only when it is an http(s) address, percent-encoded where
CommonMark would end or break it, never backslash-escaped.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote, urlsplit

from ..model import Article, Briefing, Event
from .common import (date_span, day_heading, days_of, is_new, languages_note, markers, more_line, notices_by_text,
                     no_summary, one_line, refs, skipped_line)

__all__ = ["render_markdown", "escape", "link"]

# Escaped text never starts a line (it always follows "- ", "## N. " or "N. "), so only the
# characters that open inline markup need escaping: with "[" and "]" escaped no link can form.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# What may stay as written in a link's destination: RFC 3986's reserved and unreserved
# characters, and "%" of an escape already made; not the parentheses, "<", ">" or spaces that
# end or break a CommonMark link.
_URL_SAFE = ":/?#@!$&'*+,;=%~-._"


def escape(text: str) -> str:
    """Markdown-safe text on one line: HTML special characters as entities, Markdown syntax
    backslash-escaped.

    >>> print(escape("<script>[x](javascript:alert(1)) *bold* al-Shuhada"))
    &lt;script&gt;\\[x\\](javascript:alert(1)) \\*bold\\* al-Shuhada
    """
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def link(url: str, text: str) -> str:
    """``[text](url)`` when ``url`` is an http(s) address (percent-encoded where needed), else
    the text alone, escaped.

    >>> link("https://www.huffpost.com/entry/biden_n_654c(1)", "Biden *wins*")
    '[Biden \\\\*wins\\\\*](https://www.huffpost.com/entry/biden_n_654c%281%29)'
    >>> link("javascript:alert(1)", "x")
    'x'
    """
    url = one_line(url)
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme not in ("http", "https"):
        return escape(text)
    return f"[{escape(text)}]({quote(url, safe=_URL_SAFE)})"


def _article_line(article: Article, number: int) -> str:
    details = [link(article.url, article.title or article.id) if article.url else escape(article.title or article.id)]
    if article.title:
        details.append(escape(article.id))
    details += [escape(x) for x in (article.date.isoformat() if article.date else "", article.source) if x]
    return f"{number}. " + " · ".join(details)


def _event_section(event: Event, number: int) -> list[str]:
    marks = markers(event)
    n = len(event.articles)
    facts = [date_span(event), f"{n} article{'s' * (n != 1)}"]
    if event.sources:
        facts.append("sources: " + ", ".join(escape(s) for s in event.sources))
    if event.status in ("new", "updated"):
        facts.append(event.status)
    facts.append(escape(event.id))
    lines = [f"## {number}. {escape(event.title)}", "", "*" + " · ".join(facts) + "*", ""]
    for item in event.summary:
        lines.append(f"- {escape(item.text)} {refs(event, item.article_ids)}" + (" **new**" if is_new(event, item.article_ids) else ""))
    if not event.summary:
        lines.append(f"- *{no_summary(event)}*")
    lines += ["", "Articles:", ""]
    by_day = days_of(event)
    for day, articles in by_day:
        if len(by_day) > 1:
            lines += [f"*{day_heading(day)}*", ""]
        lines += [_article_line(a, marks[a.id]) for a in articles]
        if len(by_day) > 1:
            lines.append("")
    return lines + [""]


def render_markdown(briefing: Briefing, *, now: dt.datetime) -> str:
    """The report as a Markdown string ending in a newline."""
    events = briefing.events
    n_articles = sum(len(e.articles) for e in events)
    languages = languages_note(events)
    count = (f"The top {len(events)} of {len(events) + briefing.left_out} events" if briefing.left_out
             else f"{len(events)} event{'s' * (len(events) != 1)}")
    lines = [f"# News briefing, {now.date().isoformat()}", ""]
    if events:
        lines += [f"{count} from {n_articles} articles{'; ' + languages if languages else ''}. Every summary sentence "
                  "is quoted verbatim from the articles; the numbers in brackets name the articles that carry it.", ""]
    elif briefing.new_since is not None:
        lines += [f"Nothing new since {briefing.new_since:%Y-%m-%d %H:%M}.", ""]
    for k, event in enumerate(events, 1):
        lines += _event_section(event, k)
    if briefing.left_out:
        lines += [escape(more_line(briefing.left_out)), ""]
    if briefing.notices:
        lines += ["## Site notices", ""]
        lines += [f"- {len(ids)} page{'s' * (len(ids) != 1)}: {escape(text[:200])}" for text, ids in notices_by_text(briefing.notices)]
        lines.append("")
    if briefing.skipped:
        lines += [escape(skipped_line(briefing.skipped, "summarizer brief --format json lists them")), ""]
    return "\n".join(lines)
