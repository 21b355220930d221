"""Sentence centrality by LexRank (Erkan and Radev 2004), vectorised on sparse matrices.

Sentences are nodes; edges weigh the idf-modified cosine of their TF-IDF vectors, either as is
(continuous LexRank) or cut to 0/1 at a threshold (the thresholded variant). Each row is
normalised by its degree and the stationary distribution of the damped random walk
p = (1 - d)/n + d M^T p is solved for: directly (one dense linear system) for an event's few
hundred sentences, by power iteration beyond.

Unlike sumy's implementation, a sentence is a node of its own even when another article
carries the same words: a wire sentence printed by three outlets gets three nodes that
reinforce each other, so how many sources carry a sentence raises its centrality.

Cost: the TF-IDF matrix is sparse (n x terms). The similarity matrix is the sparse product
X X^T: its size is the number of sentence pairs sharing a term, at most n^2 but far fewer on
real text (a few hundred thousand entries at 4,000 sentences); each power step is one sparse
matrix-vector product. No dense n x n matrix is built beyond ``DENSE_UP_TO`` sentences.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from .vectors import tfidf_matrix

# Up to this many sentences the walk steps on a dense matrix (at most 2 MB): a sparse
# matrix-vector product costs tens of microseconds whatever its size, and one event's walk
# takes dozens of steps.
DENSE_UP_TO = 500

__all__ = ["rank_sentences", "similarity_matrix", "stationary_distribution", "sumy_scores", "sumy_selection"]


def similarity_matrix(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Cosine similarities of the L2-normalised rows of ``matrix``, diagonal removed."""
    sims = (matrix @ matrix.T).tocsr()
    sims.setdiag(0.0)
    sims.eliminate_zeros()
    return sims


def stationary_distribution(
    weights: sp.csr_matrix, *, damping: float, tolerance: float, max_iterations: int, jump: np.ndarray | None = None,
) -> np.ndarray:
    """The stationary distribution of the damped walk on ``weights`` (rows need not be normalised).

    ``jump`` is where the walk restarts (personalised PageRank, Haveliwala 2002); uniform when
    None. A sentence with no edge restarts too (a dangling node), so the result is always a
    probability vector, never NaN.

    >>> w = sp.csr_matrix(np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]], dtype=float))
    >>> np.round(stationary_distribution(w, damping=0.85, tolerance=1e-9, max_iterations=100), 3)
    array([0.486, 0.257, 0.257])
    """
    n = weights.shape[0]
    if n == 0:
        return np.zeros(0)
    degree = np.asarray(weights.sum(axis=1)).ravel()
    dangling = degree <= 0
    inverse = np.divide(1.0, degree, out=np.zeros(n), where=~dangling)
    if n <= DENSE_UP_TO:  # a small walk: dense steps, without a sparse product's fixed cost
        dense = weights.toarray() if sp.issparse(weights) else np.asarray(weights, dtype=np.float64)
        transition_t = np.ascontiguousarray((dense * inverse[:, None]).T)
    else:
        transition_t = (sp.diags(inverse) @ weights).T.tocsr()
    if jump is None or not np.isfinite(jump).all() or jump.sum() <= 0:
        jump = np.full(n, 1.0 / n)
    else:
        jump = jump / jump.sum()
    if n <= DENSE_UP_TO and damping < 1.0:
        # p = d (M^T p + (dangling . p) jump) + (1 - d) jump, solved as the linear system it is:
        # its matrix is I less d times a column-stochastic one, never singular for d < 1. One
        # solve costs what two or three power steps do and gives the walk's limit itself, not a
        # vector within ``tolerance`` of it
        system = np.eye(n) - damping * (transition_t + np.outer(jump, dangling))
        p = np.linalg.solve(system, (1.0 - damping) * jump)
        if np.isfinite(p).all() and (p >= 0).all():
            return p / p.sum()
    p = np.full(n, 1.0 / n)
    restart = (1.0 - damping) * jump
    dangles = bool(dangling.any())  # without dangling sentences their mass is 0: not summed each step
    for _ in range(max_iterations):
        spread = damping * (transition_t @ p + p[dangling].sum() * jump if dangles else transition_t @ p)
        nxt = spread + restart
        nxt /= nxt.sum()
        if np.abs(nxt - p).sum() < tolerance:
            return nxt
        p = nxt
    return p


def rank_sentences(
    texts: Sequence[str],
    *,
    damping: float = 0.85,
    threshold: float | None = None,
    tolerance: float = 1e-6,
    max_iterations: int = 200,
    matrix: sp.csr_matrix | None = None,
    jump: np.ndarray | None = None,
) -> np.ndarray:
    """LexRank scores of ``texts``, summing to 1 (empty input gives an empty array).

    Parameters
    ----------
    texts : the sentences.
    damping : probability of following an edge rather than jumping (0.85 as in PageRank).
    threshold : None for continuous LexRank; else edges are 1 where cosine > threshold.
    tolerance : stop when the L1 change of the scores falls below it.
    max_iterations : stop after this many power steps in any case.
    matrix : precomputed L2-normalised TF-IDF rows of ``texts``.
    jump : restart distribution of the walk (uniform when None), e.g. a position prior.

    >>> scores = rank_sentences(["Troops struck the base.", "The base was struck by troops.", "Rain fell."])
    >>> int(scores.argmax()) in (0, 1), round(float(scores.sum()), 6)
    (True, 1.0)
    """
    n = len(texts)
    if n == 0:
        return np.zeros(0)
    if matrix is None:
        matrix, _ = tfidf_matrix(texts)
    if n <= DENSE_UP_TO:  # the walk is solved on a dense matrix: it is built as one
        sims = (matrix @ matrix.T).toarray()
        np.fill_diagonal(sims, 0.0)
        if threshold is not None:
            sims = (sims > threshold).astype(np.float64)
    else:
        sims = similarity_matrix(matrix)
        if threshold is not None:
            sims.data = (sims.data > threshold).astype(np.float64)
            sims.eliminate_zeros()
    return stationary_distribution(sims, damping=damping, tolerance=tolerance, max_iterations=max_iterations, jump=jump)


def sumy_scores(word_lists: Sequence[Sequence[str]], *, threshold: float = 0.1, epsilon: float = 0.1) -> np.ndarray:
    """LexRank exactly as sumy's ``LexRankSummarizer`` computes it, vectorised.

    ``word_lists`` are each sentence's terms as sumy sees them (lower-cased, stop words removed,
    stemmed). sumy's definitions, kept on purpose: tf is a term's count over the sentence's
    largest count; idf is log(N / (1 + n_t)) with every sentence a document; edges are 1 where
    the idf-modified cosine exceeds ``threshold``, self-loops included; rows are divided by
    their degree; the power method renormalises by the L2 norm and stops once an L2 step is at
    most ``epsilon``, with no damping. Where sumy would divide by zero (no sentence has an
    edge) and return NaN, this returns equal scores.

    sumy's idf is 0 for a term in all but one sentence, so the first sentence here has no weight:

    >>> sumy_scores([["strike", "base"], ["strike", "base", "night"], ["rain"]]).round(3)
    array([0.   , 0.707, 0.707])
    """
    n = len(word_lists)
    if n == 0:
        return np.zeros(0)
    vocabulary: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, terms in enumerate(word_lists):
        counts: dict[int, int] = {}
        for term in terms:
            j = vocabulary.setdefault(term, len(vocabulary))
            counts[j] = counts.get(j, 0) + 1
        if counts:
            top = max(counts.values())
            for j, c in counts.items():
                rows.append(i)
                cols.append(j)
                vals.append(c / top)
    tf = sp.csr_matrix((np.asarray(vals, dtype=np.float64), (rows, cols)), shape=(n, len(vocabulary)))
    n_t = np.bincount(tf.indices, minlength=tf.shape[1])
    idf = np.log(n / (1.0 + n_t))
    weighted = (tf @ sp.diags(idf)).tocsr()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    cosine = (weighted @ weighted.T).tocoo()
    denominator = norms[cosine.row] * norms[cosine.col]
    ok = denominator > 0
    value = np.zeros_like(cosine.data)
    value[ok] = cosine.data[ok] / denominator[ok]
    edge = value > threshold
    adjacency = sp.csr_matrix((np.ones(int(edge.sum())), (cosine.row[edge], cosine.col[edge])), shape=(n, n))
    degree = np.asarray(adjacency.sum(axis=1)).ravel()
    degree[degree == 0] = 1
    transition_t = (sp.diags(1.0 / degree) @ adjacency).T.tocsr()
    p = np.full(n, 1.0 / n)
    change = 1.0
    while change > epsilon:
        nxt = transition_t @ p
        norm = np.linalg.norm(nxt)
        if norm == 0 or not np.isfinite(norm):
            return np.full(n, 1.0 / n)
        nxt /= norm
        change = np.linalg.norm(nxt - p)
        p = nxt
    return p


def sumy_selection(texts: Sequence[str], scores: np.ndarray, count: int) -> tuple[int, ...]:
    """The positions sumy's ``_get_best_sentences`` returns for ``count`` sentences.

    sumy keys ratings by sentence text, so every copy of a repeated sentence takes the score of
    the last copy; it then sorts by rating (a stable sort: ties keep document order), keeps
    ``count`` and restores document order. Repeats can therefore come back twice.
    """
    by_text = dict(zip(texts, scores))
    ranked = sorted(range(len(texts)), key=lambda k: -by_text[texts[k]])
    return tuple(sorted(ranked[:count]))
