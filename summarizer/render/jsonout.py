"""JSON shapes: plain dicts at the edge, for ``--format json`` and ``--format jsonl``."""

from __future__ import annotations

from ..model import Article, Briefing, Event, Skipped
from .common import iso

__all__ = ["briefing_to_dict", "event_line", "summary_line", "skipped_dict", "article_dict"]


def article_dict(article: Article) -> dict:
    return {"id": article.id, "title": article.title, "date": iso(article.date),
            "published": article.published.isoformat() if article.published else None,
            "source": article.source, "url": article.url, "path": article.path, "duplicates": list(article.duplicates),
            "notice": article.notice, "language": article.language}


def skipped_dict(skipped: Skipped) -> dict:
    return {"path": skipped.path, "line": skipped.line, "reason": skipped.reason, "duplicate_of": skipped.duplicate_of}


def event_dict(event: Event) -> dict:
    return {
        "id": event.id,
        "title": event.title,
        "start": iso(event.start),
        "end": iso(event.end),
        "terms": list(event.terms),
        "articles": [article_dict(a) for a in event.articles],
        "summary": [{"text": s.text, "articles": list(s.article_ids)} for s in event.summary],
    }


def briefing_to_dict(briefing: Briefing) -> dict:
    """``{"generated", "events": [...], "skipped": [...]}``."""
    return {
        "generated": briefing.generated.isoformat() if briefing.generated else None,
        "events": [event_dict(e) for e in briefing.events],
        "skipped": [skipped_dict(s) for s in briefing.skipped],
    }


def event_line(event: Event, *, explain: bool = False) -> dict:
    """One line of ``summarizer events --format jsonl``; with ``explain``, why each article is there."""
    line = {"id": event.id, "articles": [i for a in event.articles for i in (a.id, *a.duplicates)],
            "start": iso(event.start), "end": iso(event.end), "terms": list(event.terms)}
    if explain:
        line["explain"] = [{"id": k.article_id, "joined_at": None if k.joined_at is None else round(k.joined_at, 4),
                            "rule": k.rule, "merged_at": None if k.merged_at is None else round(k.merged_at, 4),
                            "merge_rule": k.merge_rule, "closest": k.closest, "similarity": k.similarity} for k in event.links]
    return line


def summary_line(event: Event) -> dict:
    """One line of ``summarizer summarize --format jsonl``."""
    return {"id": event.id, "summary": [s.text for s in event.summary], "sources": [list(s.article_ids) for s in event.summary]}
