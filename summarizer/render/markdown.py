"""The Markdown report: one ``## `` section per event.

Article text is escaped so it renders as text: no HTML, no links, no emphasis it did not ask for.
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import Briefing, Event
from .common import NOTICE, bullets, date_span, headline_sources, languages_note, markers, one_line, refs, split_notices

__all__ = ["render_markdown", "escape"]

# Escaped text never starts a line (it always follows "- ", "## N. " or "N. "), so only the
# characters that open inline markup need escaping: with "[" and "]" escaped no link can form.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def escape(text: str) -> str:
    """Markdown-safe text on one line: HTML special characters as entities, Markdown syntax
    backslash-escaped.

    >>> print(escape("<script>[x](javascript:alert(1)) *bold* al-Shuhada"))
    &lt;script&gt;\\[x\\](javascript:alert(1)) \\*bold\\* al-Shuhada
    """
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def _event_section(event: Event, number: int) -> list[str]:
    marks = markers(event)
    n = len(event.articles)
    facts = [date_span(event), f"{n} article{'s' * (n != 1)}"]
    if event.sources:
        facts.append("sources: " + ", ".join(escape(s) for s in event.sources))
    head = f"## {number}. {escape(event.title)}"
    if headline_sources(event):
        head += " " + refs(event, headline_sources(event))
    lines = [head, "", "*" + " · ".join(facts) + "*", ""]
    for item in bullets(event):
        lines.append(f"- {escape(item.text)} {refs(event, item.article_ids)}")
    lines += ["", "Articles:", ""]
    for article in event.articles:
        details = [escape(article.id)]
        details += [escape(x) for x in (article.title, article.date.isoformat() if article.date else "", article.source, article.url) if x]
        lines.append(f"{marks[article.id]}. " + " · ".join(details))
    if event.terms:
        lines += ["", "Terms: " + ", ".join(escape(t) for t in event.terms)]
    return lines + [""]


def _languages(events) -> str:
    note = languages_note(events)
    return f"; {note}" if note else ""


def render_markdown(briefing: Briefing, *, now: dt.datetime) -> str:
    """The report as a Markdown string ending in a newline."""
    events, notices = split_notices(briefing.events)
    n_articles = sum(len(e.articles) for e in events)
    lines = [
        f"# News briefing, {now.date().isoformat()}",
        "",
        f"{len(events)} events from {n_articles} articles{_languages(events)}. Every summary sentence is quoted "
        "verbatim from the articles; the numbers in brackets name the articles that carry it.",
        "",
    ]
    for k, event in enumerate(events, 1):
        lines += _event_section(event, k)
    if notices:
        lines += ["## Site notices", "", f"Each of these pages held {escape(NOTICE)}:", ""]
        lines += [f"- {', '.join(escape(i) for i in ids)}: {escape(text)}" for text, ids in notices]
        lines.append("")
    if briefing.skipped:
        lines += ["## Skipped inputs", ""]
        lines += [f"- {escape(s.where)}: {escape(s.reason)}" for s in briefing.skipped]
        lines.append("")
    return "\n".join(lines)
