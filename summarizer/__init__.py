"""summarizer: group news articles into events and brief each with an extractive summary.

Importing the package does nothing but define names: no downloads, no output, and the
stages load their libraries when first used (PEP 562), so ``summarizer --help`` starts at once.

>>> from summarizer import load_articles, brief
>>> articles, skipped = load_articles(["corpus"])
>>> [len(e.articles) for e in brief(articles).events]
[3, 1, 1]
"""

from __future__ import annotations

import importlib

__version__ = "0.2.0"

# public name -> the module that defines it
_WHERE = {
    "load_articles": "ingest", "load_clusters": "ingest", "cluster_events": "events", "rank_sentences": "lexrank",
    "summarize_event": "pipeline", "summarize_events": "pipeline", "brief": "pipeline", "rank_events": "rank_events",
    "Settings": "config", "Article": "model", "Sentence": "model", "SummarySentence": "model", "Event": "model",
    "Briefing": "model", "Skipped": "model", "DateWindow": "model", "Rank": "model", "SummarizerError": "errors",
    "InputError": "errors", "ConfigError": "errors", "Archive": "archive", "ArchiveError": "errors",
}

__all__ = [*_WHERE, "__version__"]


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
