"""Choosing summary sentences: LexRank order, redundancy removal, and a length budget.

Sentences are chosen one at a time by maximal marginal relevance (MMR, Carbonell and Goldstein
1998): the best of ``mmr_lambda`` x score (scaled to the best score) minus (1 - ``mmr_lambda``)
x its highest similarity to a sentence already chosen; one that repeats a chosen sentence
(cosine at or above ``redundancy_threshold``) is never taken. Sentences that say the same thing (cosine at or above ``duplicate_threshold``, or
the same words) are one summary sentence whose sources are all the articles carrying it.
Sentences are never cut: a budget is filled with whole sentences that fit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from .config import Settings
from .facts import Facts, facts, same_fact
from .notices import speaks_to_reader
from .model import Sentence, SummarySentence
from .sentences import normalized, words

__all__ = ["select_sentences", "is_summary_worthy", "summary_bytes", "summary_words"]

# A statement's end in the scripts news is written in: the full stop, the ideographic one (。),
# the danda (।, ॥), the Armenian (։), Ethiopic (።) and Urdu (۔) ones; never a question mark.
_ENDS_SENTENCE = re.compile(r"[.!。！।॥։።۔][\"'”’)\]»」』]*$")
# Scripts written without spaces between words: their sentences are measured in characters.
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_UNSPACED_CHARS_A_WORD = 2
_TRUNCATED = re.compile(r"(\.\.\.|…)[\"'”’)\]]*$")  # an excerpt cut off mid-sentence
_OPENS_QUOTE = re.compile(r"^\s*(``|[\"“‘'])")
# Openers that lean on the sentence before: a connective ("But ...") or a pronoun whose
# referent is elsewhere ("It came after ..."). Out of context they mislead.
_NEEDS_CONTEXT = re.compile(
    r"^(And|But|Or|Nor|So|Yet|However|Still|Also|Meanwhile|Instead|Thus|Then|Moreover|Besides|"
    r"That|This|These|Those|It|He|She|They|His|Her|Its|Their|Him|Them)\b")
MIN_WORDS = 8
MAX_WORDS = 120  # longer "sentences" are unsplit text (tables, lists, runs without punctuation)
DENSE_CELLS = 1_000_000  # a TF-IDF matrix up to this many cells (8 MB) is read as a dense array


def _balanced_quotes(text: str) -> bool:
    opened = text.count("“") + text.count("``")
    closed = text.count("”") + text.count("''")
    return opened == closed and text.count('"') % 2 == 0


def is_summary_worthy(text: str) -> bool:
    """A sentence that stands on its own in a summary: a complete statement (ends like one, not
    a question, a heading or an excerpt cut off with "...") of at least ``MIN_WORDS`` words (in
    scripts without spaces, two characters a word), not a direct quotation or a fragment of one,
    not opening with a connective or a pronoun that needs the sentence before, not the site
    talking to its reader (``summarizer.notices.speaks_to_reader``), and not longer than
    ``MAX_WORDS`` (unsplit text).

    >>> is_summary_worthy("The Pentagon said the strike on the border was proportionate.")
    True
    >>> [is_summary_worthy(t) for t in ("What do we know about the air strike?",
    ...  "Formal talks between the US and Iraq to end the alliance", "Franco's reign ended in 1975.",
    ...  "“We know what we hit,” Austin told reporters at the Pentagon.", "And I believe this is it, he said.''",
    ...  "It came after a civilian contractor was killed in a rocket attack.",
    ...  "The moves are still a potential new concession in stalled talks over...")]
    [False, False, False, False, False, False, False]
    """
    unspaced = len(_UNSPACED.findall(text))
    thai = unspaced and not _ENDS_SENTENCE.search(text) and re.search(r"[\u0e00-\u0e7f]", text)  # Thai ends with a space
    # the words of text in a spaced script are its normal form's (cached when it was split)
    n_words = (len(words(_UNSPACED.sub(" ", text))) + unspaced // _UNSPACED_CHARS_A_WORD if unspaced
               else len(normalized(text).split()))
    return ((bool(_ENDS_SENTENCE.search(text)) or bool(thai)) and not _TRUNCATED.search(text)
            and MIN_WORDS <= n_words <= MAX_WORDS and _balanced_quotes(text)
            and not _OPENS_QUOTE.match(text) and not _NEEDS_CONTEXT.match(text) and not speaks_to_reader(text))


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
    # no sentence that stands on its own: no summary, rather than fragments
    worthy = [k for k in range(n) if is_summary_worthy(sentences[k].text)]
    # candidates in tie-break order (earlier article, earlier position): argmax takes the first
    candidates = sorted(worthy, key=lambda k: (article_rank[sentences[k].article_id], sentences[k].position))
    top = float(np.max(scores[candidates])) if len(candidates) else 0.0
    relevance = scores / top if top > 0 else np.zeros(n)
    closest = np.zeros(n)  # highest similarity of each sentence to anything chosen so far
    lam = settings.mmr_lambda
    chosen: list[int] = []
    chosen_norms: set[str] = set()
    texts: list[str] = []
    similar: dict[int, np.ndarray] = {}  # each chosen sentence's similarity to every sentence
    # a small matrix is read as a dense array: each chosen sentence's similarities are then
    # one product without a sparse product's fixed cost
    rows = matrix.toarray() if n * matrix.shape[1] <= DENSE_CELLS else None
    merge = settings.merge_facts and len({s.article_id for s in sentences}) > 1  # retellings are other articles'
    told: dict[int, Facts] = {}

    def fact(k: int) -> Facts:
        if k not in told:
            told[k] = facts(sentences[k].text)
        return told[k]

    retold: dict[int, list[int]] = {}  # sentences of other articles stating a chosen sentence's fact
    limit = settings.n_sentences if settings.max_bytes is None and settings.max_words is None else n
    while len(chosen) < limit:
        said = {j for k in chosen for j in retold[k]}
        candidates = [k for k in candidates if norms[k] not in chosen_norms and closest[k] < settings.redundancy_threshold
                      and k not in said and _fits(texts + [sentences[k].text], settings)]
        if not candidates:
            break
        # Maximal marginal relevance (Carbonell and Goldstein 1998)
        values = lam * relevance[candidates] - (1.0 - lam) * closest[candidates]
        k = candidates[int(np.argmax(values))]
        chosen.append(k)
        chosen_norms.add(norms[k])
        texts.append(sentences[k].text)
        similar[k] = rows @ rows[k] if rows is not None else np.asarray((matrix @ matrix[k].T).todense()).ravel()
        closest = np.maximum(closest, similar[k])
        retold[k] = ([j for j in np.flatnonzero(similar[k] > 0).tolist()  # a retelling shares words
                      if sentences[j].article_id != sentences[k].article_id and same_fact(fact(k), fact(j))]
                     if merge and fact(k).figures else [])
    out = []
    for k in chosen:
        again = set(retold[k])
        same = [j for j in range(n) if j == k or norms[j] == norms[k] or similar[k][j] >= settings.duplicate_threshold
                or j in again]
        same.sort(key=lambda j: (j != k, article_rank[sentences[j].article_id], sentences[j].position))
        out.append(SummarySentence(sentences[k].text, tuple(sentences[j] for j in same), float(scores[k])))
    return tuple(out)


