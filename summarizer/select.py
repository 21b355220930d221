"""Choosing summary sentences: LexRank order, redundancy removal, and a length budget.

Candidates are taken in order of score; one that repeats a sentence already chosen (cosine at
or above ``redundancy_threshold``, the similarity cut of MMR, Carbonell and Goldstein 1998) is
passed over. Sentences that say the same thing (cosine at or above ``duplicate_threshold``, or
the same words) are one summary sentence whose sources are all the articles carrying it.
Sentences are never cut: a budget is filled with whole sentences that fit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from .config import Settings
from .model import Sentence, SummarySentence
from .sentences import normalized, words

__all__ = ["select_sentences", "is_summary_worthy", "summary_bytes", "summary_words"]

_ENDS_SENTENCE = re.compile(r"[.!][\"'”’)\]]*$")
MIN_WORDS = 5


def is_summary_worthy(text: str) -> bool:
    """A complete statement: ends like a sentence, is not a question, has a few words.

    >>> is_summary_worthy("The Pentagon said the strike was proportionate."), is_summary_worthy("What do we know?")
    (True, False)
    >>> is_summary_worthy("Formal talks between the US and Iraq")
    False
    """
    return bool(_ENDS_SENTENCE.search(text)) and len(words(text)) >= MIN_WORDS


def summary_bytes(texts: Sequence[str]) -> int:
    """UTF-8 bytes of the sentences joined one a line (as the ROUGE scripts read them)."""
    return sum(len(t.encode("utf-8")) for t in texts) + max(len(texts) - 1, 0)


def summary_words(texts: Sequence[str]) -> int:
    return sum(len(t.split()) for t in texts)


def _fits(texts: list[str], settings: Settings) -> bool:
    if settings.max_bytes is not None:
        return summary_bytes(texts) <= settings.max_bytes
    if settings.max_words is not None:
        return summary_words(texts) <= settings.max_words
    return len(texts) <= settings.n_sentences


def select_sentences(
    sentences: Sequence[Sentence],
    scores: np.ndarray,
    matrix: sp.csr_matrix,
    *,
    settings: Settings = Settings(),
    article_rank: dict[str, int] | None = None,
) -> tuple[SummarySentence, ...]:
    """The summary: the best-scored sentences that neither repeat each other nor break the budget.

    Parameters
    ----------
    sentences, scores, matrix : the event's sentences, their LexRank scores and their
        L2-normalised TF-IDF rows, all in the same order.
    settings : budget (``n_sentences``, ``max_words`` or ``max_bytes``) and the two thresholds.
    article_rank : breaks ties between equal scores (earlier article first); defaults to the
        order articles first appear in ``sentences``.

    Returns
    -------
    Summary sentences in selection order (best first), each with all the sentences that say it.
    """
    n = len(sentences)
    if n == 0:
        return ()
    if article_rank is None:
        article_rank = {}
        for s in sentences:
            article_rank.setdefault(s.article_id, len(article_rank))
    norms = [normalized(s.text) for s in sentences]
    worthy = [k for k in range(n) if is_summary_worthy(sentences[k].text)] or list(range(n))
    order = sorted(worthy, key=lambda k: (-scores[k], article_rank[sentences[k].article_id], sentences[k].position))
    chosen: list[int] = []
    chosen_norms: set[str] = set()
    texts: list[str] = []
    limit = settings.n_sentences if settings.max_bytes is None and settings.max_words is None else n
    for k in order:
        if len(chosen) >= limit:
            break
        if norms[k] in chosen_norms:
            continue
        if chosen and _max_similarity(matrix, k, chosen) >= settings.redundancy_threshold:
            continue
        if not _fits(texts + [sentences[k].text], settings):
            continue
        chosen.append(k)
        chosen_norms.add(norms[k])
        texts.append(sentences[k].text)
    out = []
    for k in chosen:
        sims = np.asarray((matrix @ matrix[k].T).todense()).ravel() if matrix.shape[1] else np.zeros(n)
        same = [j for j in range(n) if j == k or norms[j] == norms[k] or sims[j] >= settings.duplicate_threshold]
        same.sort(key=lambda j: (j != k, article_rank[sentences[j].article_id], sentences[j].position))
        out.append(SummarySentence(sentences[k].text, tuple(sentences[j] for j in same), float(scores[k])))
    return tuple(out)


def _max_similarity(matrix: sp.csr_matrix, k: int, chosen: list[int]) -> float:
    if matrix.shape[1] == 0:
        return 0.0
    return float((matrix[chosen] @ matrix[k].T).max())
