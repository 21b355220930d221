"""summarizer: group news articles into events and brief each with an extractive summary.

Importing the package does nothing but define names: no downloads, no output.

>>> from summarizer import load_articles, brief
>>> articles, skipped = load_articles(["corpus"])
>>> [len(e.articles) for e in brief(articles).events]
[3, 1, 1]
"""

from .events import cluster_events
from .config import Settings
from .errors import ConfigError, InputError, SummarizerError
from .ingest import load_articles, load_clusters
from .lexrank import rank_sentences
from .model import Article, Briefing, DateWindow, Event, Sentence, Skipped, SummarySentence
from .pipeline import brief, summarize_event, summarize_events

__version__ = "0.1.0"

__all__ = [
    "load_articles", "load_clusters", "cluster_events", "rank_sentences", "summarize_event",
    "summarize_events", "brief", "Settings", "Article", "Sentence", "SummarySentence", "Event",
    "Briefing", "Skipped", "DateWindow", "SummarizerError", "InputError", "ConfigError", "__version__",
]
