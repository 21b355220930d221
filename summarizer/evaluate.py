"""Scoring summaries against human references with ROUGE (Lin 2004).

Uses the maintained ``rouge-score`` package (``pip install .[eval]``). It differs from the
ROUGE-1.5.5 Perl script that DUC used in ways that move figures by a few tenths: its Porter
stemmer is NLTK's (ROUGE-1.5.5 stems only words of more than three letters, with its own
Porter variant); its ROUGE-L is the summary-level ``rougeLsum`` over lines; it has no
bootstrap resampling, so averages are plain means; and it has no length limit of its own, so
this module cuts summary and references at the same bytes (as ``-b``) or words (``-l``).
Multiple references are averaged, as ROUGE-1.5.5's ``-f A`` does.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping, Sequence

from .config import Settings
from .errors import ConfigError
from .model import Event
from .select import summary_bytes, summary_words
from .sentences import article_sentences

__all__ = ["lead_summary", "truncate", "rouge", "METRICS"]

METRICS = ("R-1", "R-2", "R-L", "F-1", "F-2", "F-L")


def lead_summary(event: Event, *, settings: Settings = Settings()) -> tuple[str, ...]:
    """The Lead baseline: the first sentences of the earliest article (undated ones after dated
    ones, then input order), continuing into the next article if it runs out, up to the same
    budget as a summary.

    >>> from summarizer.model import Article
    >>> lead_summary(Event("e", (Article("b", "Late one. Late two."), Article("a", "First. Second.", date=dt.date(2021, 1, 1)))),
    ...              settings=Settings(n_sentences=3))
    ('First.', 'Second.', 'Late one.')
    """
    ordered = sorted(enumerate(event.articles), key=lambda ka: (ka[1].date is None, ka[1].date or dt.date.min, ka[0]))
    out: list[str] = []
    for _, article in ordered:
        for sentence in article_sentences(article):
            candidate = out + [sentence.text]
            if settings.max_bytes is not None:
                if summary_bytes(candidate) > settings.max_bytes:
                    return tuple(out)
            elif settings.max_words is not None:
                if summary_words(candidate) > settings.max_words:
                    return tuple(out)
            elif len(candidate) > settings.n_sentences:
                return tuple(out)
            out = candidate
    return tuple(out)


def truncate(text: str, *, max_bytes: int | None = None, max_words: int | None = None) -> str:
    """Cut text at a byte or word limit, as ROUGE-1.5.5's ``-b`` and ``-l`` do.

    >>> truncate("one two three", max_words=2), truncate("héllo", max_bytes=2)
    ('one two', 'h')
    """
    if max_bytes is not None:
        return text.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore")
    if max_words is not None:
        return " ".join(text.split()[:max_words])
    return text


def rouge(
    summaries: Mapping[str, Sequence[str]],
    references: Mapping[str, Sequence[str]],
    *,
    max_bytes: int | None = None,
    max_words: int | None = None,
) -> dict[str, float]:
    """Mean ROUGE-1, -2 and -L recall (``R-*``) and F1 (``F-*``), x100, over the clusters of
    ``references``; a cluster without a summary scores 0.

    Raises
    ------
    ConfigError
        ``rouge-score`` is not installed.
    """
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        raise ConfigError("scoring needs the rouge-score package: pip install '.[eval]'") from None
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    per: dict[str, list[float]] = {m: [] for m in METRICS}
    for cluster_id, refs in references.items():
        summary = truncate("\n".join(summaries.get(cluster_id, ())), max_bytes=max_bytes, max_words=max_words)
        if not summary.strip() or not refs:
            for values in per.values():
                values.append(0.0)
            continue
        scores = [scorer.score(truncate(ref, max_bytes=max_bytes, max_words=max_words), summary) for ref in refs]
        for n, key in (("1", "rouge1"), ("2", "rouge2"), ("L", "rougeLsum")):
            per[f"R-{n}"].append(100 * statistics.mean(s[key].recall for s in scores))
            per[f"F-{n}"].append(100 * statistics.mean(s[key].fmeasure for s in scores))
    return {m: round(statistics.mean(v), 2) if v else 0.0 for m, v in per.items()}
