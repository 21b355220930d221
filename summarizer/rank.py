"""Sentence scores from one of three engines, all on the same sentences and words.

- ``lexrank`` (default): our LexRank (``summarizer.lexrank.rank_sentences``), continuous,
  damped, on TF-IDF with a background IDF; the walk restarts preferably at early sentences
  (a position prior, ``Settings.position_prior``), since news leads with what matters.
- ``parity``: sumy's LexRank method reproduced on sparse matrices
  (``summarizer.lexrank.sumy_scores``): same scores as sumy, a fraction of the time.
- ``sumy``: sumy's own ``LexRankSummarizer`` code, for users who want the reference
  implementation. It is pure Python and quadratic in the number of sentences.

Whatever the engine, scores are per sentence position, so a sentence that two articles carry
is two sentences; redundancy and sources are handled afterwards by ``summarizer.select``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from .config import ENGINES, Settings
from .errors import ConfigError
from .lexrank import rank_sentences, sumy_scores
from .sentences import STOP_WORDS, SumyTokenizer, sumy_terms

__all__ = ["score_sentences", "sumy_reference_scores"]



def sumy_reference_scores(texts: Sequence[str]) -> np.ndarray:
    """Scores computed by sumy's ``LexRankSummarizer`` itself, one per position (not per text).

    Uses the summarizer's own steps (terms, tf, idf, matrix, power method) so each position
    keeps its score; NaN, which sumy returns when no sentence has an edge, becomes equal scores.
    """
    from sumy.models.dom import Sentence as SumySentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer

    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = STOP_WORDS
    for step in ("_to_words_set", "_compute_tf", "_compute_idf", "_create_matrix", "power_method"):
        if not hasattr(summarizer, step):
            raise ConfigError(f"--engine sumy does not support this sumy version (no LexRankSummarizer.{step}); use --engine parity")
    if not texts:
        return np.zeros(0)
    tokenizer = SumyTokenizer()
    words = [summarizer._to_words_set(SumySentence(t, tokenizer)) for t in texts]
    tf = summarizer._compute_tf(words)
    idf = summarizer._compute_idf(words)
    matrix = summarizer._create_matrix(words, summarizer.threshold, tf, idf)
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = np.asarray(summarizer.power_method(matrix, summarizer.epsilon), dtype=np.float64)
    if not np.isfinite(scores).all():
        return np.full(len(texts), 1.0 / len(texts))
    return scores


def score_sentences(
    texts: Sequence[str], matrix: sp.csr_matrix | None, *, settings: Settings = Settings(), positions: Sequence[int] | None = None,
) -> np.ndarray:
    """One score per sentence (higher is more central), by ``settings.engine``.

    ``positions`` are the sentences' places in their articles (0 first), for the position
    prior of the ``lexrank`` engine; without them the walk restarts uniformly.

    >>> texts = ["Troops struck the base.", "Troops struck the base at night.", "Rain fell."]
    >>> parity = score_sentences(texts, None, settings=Settings(engine="parity"))
    >>> bool(np.allclose(parity, score_sentences(texts, None, settings=Settings(engine="sumy"))))
    True
    """
    if settings.engine == "lexrank":
        jump = None
        if positions is not None and settings.position_prior > 0:
            jump = 1.0 / (np.asarray(positions, dtype=np.float64) + 1.0) ** settings.position_prior
        return rank_sentences(texts, matrix=matrix, damping=settings.damping, threshold=settings.lexrank_threshold,
                              tolerance=settings.tolerance, max_iterations=settings.max_iterations, jump=jump)
    if settings.engine == "parity":
        return sumy_scores([sumy_terms(t) for t in texts])
    if settings.engine == "sumy":
        return sumy_reference_scores(texts)
    raise ConfigError(f"engine must be one of {', '.join(ENGINES)}, not {settings.engine!r}")
