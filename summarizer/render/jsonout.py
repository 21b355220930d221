"""JSON shapes: plain dicts at the edge, for ``--format json`` and ``--format jsonl``."""

from __future__ import annotations

from ..model import Article, Briefing, Event, Skipped
from .common import iso, notices_by_text

__all__ = ["briefing_to_dict", "event_line", "summary_line", "skipped_dict", "article_dict"]


def article_dict(article: Article) -> dict:
    return {"id": article.id, "title": article.title, "date": iso(article.date),
            "published": article.published.isoformat() if article.published else None,
            "source": article.source, "url": article.url, "path": article.path, "duplicates": list(article.duplicates),
            "notice": article.notice, "language": article.language}


def skipped_dict(skipped: Skipped) -> dict:
    return {"path": skipped.path, "line": skipped.line, "reason": skipped.reason, "kind": skipped.kind,
            "duplicate_of": skipped.duplicate_of}


def rank_dict(event: Event) -> dict | None:
    r = event.rank
    return None if r is None else {"score": r.score, "sources": r.sources, "articles": r.articles,
                                   "age_days": r.age_days, "freshness": r.freshness}


def archive_fields(event: Event) -> dict:
    """What an archive adds to an event: its status, when first seen and last updated, and the
    ids of archived events merged into it."""
    if not event.status:
        return {}
    return {"status": event.status, "first_seen": event.first_seen.isoformat() if event.first_seen else None,
            "last_updated": event.last_updated.isoformat() if event.last_updated else None,
            "new_articles": list(event.new_articles), "merged": list(event.merged)}


def event_dict(event: Event) -> dict:
    return {
        "id": event.id,
        "title": event.title,
        "start": iso(event.start),
        "end": iso(event.end),
        "rank": rank_dict(event),
        **archive_fields(event),
        "terms": list(event.terms),
        "articles": [article_dict(a) for a in event.articles],
        "summary": [{"text": s.text, "articles": list(s.article_ids)} for s in event.summary],
    }


def briefing_to_dict(briefing: Briefing) -> dict:
    """``{"generated", "events": [...], "left_out", "notices": [...], "skipped": [...]}``:
    the events shown, how many more were left out, the pages that held a site's notice."""
    return {
        "generated": briefing.generated.isoformat() if briefing.generated else None,
        "new_since": briefing.new_since.isoformat() if briefing.new_since else None,
        "events": [event_dict(e) for e in briefing.events],
        "left_out": briefing.left_out,
        "notices": [{"text": text, "articles": list(ids)} for text, ids in notices_by_text(briefing.notices)],
        "skipped": [skipped_dict(s) for s in briefing.skipped],
    }


def event_line(event: Event, *, explain: bool = False) -> dict:
    """One line of ``summarizer events --format jsonl``; with ``explain``, why each article is there."""
    line = {"id": event.id, "articles": [i for a in event.articles for i in (a.id, *a.duplicates)],
            "start": iso(event.start), "end": iso(event.end), "terms": list(event.terms), **archive_fields(event)}
    if explain:
        line["explain"] = [{"id": k.article_id, "joined_at": None if k.joined_at is None else round(k.joined_at, 4),
                            "rule": k.rule, "merged_at": None if k.merged_at is None else round(k.merged_at, 4),
                            "merge_rule": k.merge_rule, "closest": k.closest, "similarity": k.similarity} for k in event.links]
    return line


def summary_line(event: Event) -> dict:
    """One line of ``summarizer summarize --format jsonl``."""
    return {"id": event.id, "summary": [s.text for s in event.summary], "sources": [list(s.article_ids) for s in event.summary]}
