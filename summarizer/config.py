"""One validated, frozen settings object; the CLI flags map onto its fields."""

from __future__ import annotations

from dataclasses import dataclass, fields

from .errors import ConfigError

__all__ = ["Settings", "DEFAULT_TOP", "DEFAULT_TIMEOUT", "WHOLE_ANSWER"]

EVENT_ORDERS = ("rank", "recent", "size")
DEFAULT_TOP = 20  # top stories a brief shows unless told otherwise
# Reading addresses (summarizer.ingest.web): seconds to connect and for each read, and how many
# of those a whole answer may take
DEFAULT_TIMEOUT = 10.0
WHOLE_ANSWER = 3
ENGINES = ("lexrank", "parity", "sumy")


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable of the pipeline, checked once when it is built.

    Summary length: ``n_sentences`` applies unless ``max_words`` or ``max_bytes`` is given, in
    which case the summary is filled with whole sentences up to that budget.

    Examples
    --------
    >>> Settings(n_sentences=3).n_sentences
    3
    >>> Settings(n_sentences=0)
    Traceback (most recent call last):
    ...
    summarizer.errors.ConfigError: n_sentences must be at least 1, not 0
    """

    # summary length
    n_sentences: int = 5
    max_words: int | None = None
    max_bytes: int | None = None
    # events: similarity of two articles' TF-IDF vectors (see summarizer.events), times the
    # time decay when both are dated, must reach this (average over the two groups) for the
    # groups to merge
    cluster_threshold: float = 0.15
    # Gaussian decay of similarity with the distance in days between publication dates
    # (Miranda et al. 2018 found sigma of about 3 days right for news streams)
    time_sigma_days: float = 3.0
    # LexRank (Erkan and Radev 2004): damping, convergence tolerance, iteration cap; a
    # similarity threshold of None is the continuous variant
    damping: float = 0.85
    lexrank_threshold: float | None = None
    # the walk restarts at a sentence in proportion to 1 / (position + 1) ** position_prior:
    # news puts what matters first (the lead); 0 restarts uniformly, as plain LexRank does
    position_prior: float = 1.0
    tolerance: float = 1e-6
    max_iterations: int = 200
    # selection: a candidate this similar to a chosen sentence repeats it (Carbonell and
    # Goldstein 1998); sentences this similar to each other are one sentence with several sources
    redundancy_threshold: float = 0.5
    mmr_lambda: float = 0.7
    duplicate_threshold: float = 0.8
    merge_facts: bool = True  # one summary point for sentences stating the same fact (summarizer.facts)
    # bounds on the work one event costs: LexRank sees at most this many sentences of each
    # article (its lead: news puts what matters first) and of the whole event
    max_sentences_per_article: int = 400
    max_sentences_per_event: int = 6000
    # events are shown in rank order (top stories first; see summarizer.rank_events), most
    # recent first, or largest first
    event_order: str = "rank"
    # sentence scoring: our LexRank, sumy's method vectorised, or sumy's own code
    engine: str = "lexrank"

    def __post_init__(self) -> None:
        _at_least("n_sentences", self.n_sentences, 1)
        _at_least("max_words", self.max_words, 1)
        _at_least("max_bytes", self.max_bytes, 1)
        _at_least("max_iterations", self.max_iterations, 1)
        _at_least("max_sentences_per_article", self.max_sentences_per_article, 1)
        _at_least("max_sentences_per_event", self.max_sentences_per_event, 1)
        if self.max_words is not None and self.max_bytes is not None:
            raise ConfigError("give at most one of max_words and max_bytes")
        for name in ("cluster_threshold", "redundancy_threshold", "duplicate_threshold", "mmr_lambda"):
            _between(name, getattr(self, name), 0.0, 1.0)
        if self.lexrank_threshold is not None:
            _between("lexrank_threshold", self.lexrank_threshold, 0.0, 1.0)
        _between("damping", self.damping, 0.0, 1.0)
        if not self.position_prior >= 0:
            raise ConfigError(f"position_prior must be 0 or more, not {self.position_prior}")
        if not self.time_sigma_days > 0:
            raise ConfigError(f"time_sigma_days must be positive, not {self.time_sigma_days}")
        if not self.tolerance > 0:
            raise ConfigError(f"tolerance must be positive, not {self.tolerance}")
        if self.engine not in ENGINES:
            raise ConfigError(f"engine must be one of {', '.join(ENGINES)}, not {self.engine!r}")
        if self.event_order not in EVENT_ORDERS:
            raise ConfigError(f"event_order must be one of {', '.join(EVENT_ORDERS)}, not {self.event_order!r}")

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


def _at_least(name: str, value: int | None, low: int) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{name} must be a whole number, not {value!r}")
    if value < low:
        raise ConfigError(f"{name} must be at least {low}, not {value}")


def _between(name: str, value: float, low: float, high: float) -> None:
    if not (low <= value <= high):
        raise ConfigError(f"{name} must be between {low} and {high}, not {value}")
