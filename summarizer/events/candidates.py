"""Who is compared with whom: each article's most similar others, without an n x n matrix.

Up to ``EXACT_UP_TO`` articles, rows are multiplied against the whole matrix in blocks.
Beyond, two articles are candidates when they share one of their index terms (their heaviest
terms, and their heaviest rare ones), and the exact cosine is computed for candidates only: the
cost of the product is the sum over index terms of their articles squared, so the common terms
of a long article are left out of the index. Either way each article keeps its
``n_neighbours`` most similar others above a floor, so the graph grows with n, not n squared.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ..parallel import in_halves

__all__ = ["similarity_graph", "pair_cosines", "candidate_index", "upper_triangle", "heaviest_first", "EXACT_UP_TO", "PARALLEL_ROWS"]

# Beyond EXACT_UP_TO articles, two articles are candidate neighbours when they share one of their
# INDEX_TERMS heaviest terms, or one of their RARE_INDEX_TERMS heaviest among the terms at most
# RARE_INDEX_SHARE of the articles hold (see similarity_graph): a term one article in a thousand
# holds pairs few articles, and finds the pairs of an event that its common terms miss.
EXACT_UP_TO = 20_000
INDEX_TERMS = 30
RARE_INDEX_TERMS = 45
RARE_INDEX_SHARE = 0.001
# The graph keeps pairs at GRAPH_FLOOR times the threshold or more; weaker pairs count as 0 in
# the groups' averages. Lower keeps more pairs for little change in the events.
GRAPH_FLOOR = 0.25
# Above this many articles, neighbour searches and pair cosines run in two processes (halves
# of the rows or of the pairs; summarizer.parallel); below, a fork costs more than it saves.
PARALLEL_ROWS = 20_000


def similarity_graph(matrix: sp.csr_matrix, *, floor: float, n_neighbours: int = 40,
                     max_block_entries: int = 20_000_000, exact_up_to: int = EXACT_UP_TO,
                     index_terms: int = INDEX_TERMS, n_candidates: int = 30, rows: np.ndarray | None = None,
                     index: sp.csr_matrix | None = None) -> sp.coo_matrix:
    """Each row's ``n_neighbours`` most similar other rows at or above ``floor``, as an upper-
    triangle COO matrix of cosine similarities (rows must be L2-normalised); with ``rows``,
    those rows' neighbours only.

    Up to ``exact_up_to`` rows, rows are multiplied against the whole matrix in blocks sized so
    that one block's product holds at most ``max_block_entries`` values. Beyond, that product
    grows with the square of the input (a common term pairs every article holding it), so
    candidates come first: two rows are candidates when they share one of their index terms
    (``candidate_index``: their ``index_terms`` heaviest terms, and their RARE_INDEX_TERMS
    heaviest among the rare ones), each row keeps its ``n_candidates`` best candidates by
    that shared weight, and the exact cosine is computed for those pairs only. Either way the
    graph holds at most n x n_neighbours edges. ``index``: those index terms, when at hand.
    """
    n = matrix.shape[0]
    if n <= exact_up_to:
        return _exact_graph(matrix, floor, n_neighbours, max_block_entries, rows)
    index = candidate_index(matrix, index_terms) if index is None else index
    candidates = _exact_graph(index, 1e-12, n_candidates, max_block_entries, rows)
    r, c = candidates.row, candidates.col
    values = pair_cosines(matrix, r, c, max_block_entries)
    pairs = sp.coo_matrix((np.concatenate([values, values]), (np.concatenate([r, c]), np.concatenate([c, r]))),
                          shape=(n, n)).tocsr()
    pairs.data[pairs.data < floor] = 0.0
    pairs.eliminate_zeros()
    if rows is not None:  # the others' lists hold only the pairs found from these rows
        pairs = sp.diags(np.isin(np.arange(n), rows).astype(np.float64)) @ pairs
        pairs.eliminate_zeros()
    return upper_triangle(*_best_per_row(pairs, n_neighbours, 0), n)


def pair_cosines(matrix: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray, max_block_entries: int = 20_000_000) -> np.ndarray:
    """The dot product of rows ``rows[k]`` and ``cols[k]`` of ``matrix`` for each k, gathered in
    steps whose copies hold about ``max_block_entries / 8`` values."""
    step = max(1, max_block_entries // 8 // max(1, int(np.diff(matrix.indptr).mean() + 1)))

    def cosines(pairs: range) -> np.ndarray:
        r, c = rows[pairs.start:pairs.stop], cols[pairs.start:pairs.stop]
        values = np.empty(len(r))
        for start in range(0, len(r), step):
            part = slice(start, start + step)
            values[part] = np.asarray(matrix[r[part]].multiply(matrix[c[part]]).sum(axis=1)).ravel()
        return values

    return np.concatenate(in_halves(cosines, range(len(rows)), worth_it=len(rows) > 20 * PARALLEL_ROWS))


def _exact_graph(matrix: sp.csr_matrix, floor: float, n_neighbours: int, max_block_entries: int,
                 rows: np.ndarray | None = None) -> sp.coo_matrix:
    n = matrix.shape[0]
    transposed = matrix.T.tocsr()
    rows_per_block = int(min(max(max_block_entries // max(n, 1), 16), 4096))

    def neighbours(starts: range) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        found_rows, found_cols, found_values = [np.zeros(0, np.int64)], [np.zeros(0, np.int32)], [np.zeros(0)]
        for start in starts:
            if rows is None:
                block = (matrix[start:start + rows_per_block] @ transposed).tocsr()
                block.setdiag(0.0, k=start)  # an article is not its own neighbour
                offset = start
            else:
                chosen = rows[start:start + rows_per_block]
                block = (matrix[chosen] @ transposed).tocsr()
                block.data[block.indices == np.repeat(chosen, np.diff(block.indptr))] = 0.0
                offset = 0
            block.data[block.data < floor] = 0.0
            block.eliminate_zeros()
            r, c, v = _best_per_row(block, n_neighbours, offset)
            found_rows.append(r if rows is None else chosen[r])
            found_cols.append(c)
            found_values.append(v)
        return np.concatenate(found_rows), np.concatenate(found_cols), np.concatenate(found_values)

    starts = range(0, n if rows is None else len(rows), rows_per_block)
    first, second = in_halves(neighbours, starts, worth_it=n > PARALLEL_ROWS)
    return upper_triangle(*(np.concatenate(parts) for parts in zip(first, second)), n)


def _best_per_row(block: sp.csr_matrix, n_neighbours: int, start: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's ``n_neighbours`` largest entries (ties at the cut to the lower columns), as
    (row + start, column, value) arrays."""
    counts = np.diff(block.indptr)
    keep = np.ones(block.nnz, dtype=bool)
    for i in np.flatnonzero(counts > n_neighbours):  # only crowded rows need choosing
        a, b = block.indptr[i], block.indptr[i + 1]
        segment = block.data[a:b]
        # the n_neighbours best in linear time; ties at the cut go to the lower columns
        kth = np.partition(segment, len(segment) - n_neighbours)[len(segment) - n_neighbours]
        above = segment > kth
        tied = np.flatnonzero(segment == kth)
        tied = tied[np.argsort(block.indices[a:b][tied], kind="stable")][: n_neighbours - int(above.sum())]
        keep[a:b] = above
        keep[a + tied] = True
    coo = block.tocoo()
    return coo.row[keep] + start, coo.col[keep], coo.data[keep]


def upper_triangle(r: np.ndarray, c: np.ndarray, v: np.ndarray, n: int) -> sp.coo_matrix:
    """Pairs as an upper-triangle matrix; a pair kept from both ends (same value) appears once."""
    lo, hi = np.minimum(r, c), np.maximum(r, c)
    _, first = np.unique(lo.astype(np.int64) * n + hi, return_index=True)
    return sp.coo_matrix((v[first], (lo[first], hi[first])), shape=(n, n))


def candidate_index(matrix: sp.csr_matrix, k: int = INDEX_TERMS) -> sp.csr_matrix:
    """``matrix`` (entries positive) with only each row's index terms: its ``k`` largest
    entries, and its ``RARE_INDEX_TERMS`` largest in the columns that at most
    ``RARE_INDEX_SHARE`` of the rows hold (ties to the lower columns). A row's terms are its
    own: above PARALLEL_ROWS rows, the second half's are chosen in a forked process."""
    rare_column = np.bincount(matrix.indices, minlength=matrix.shape[1]) <= RARE_INDEX_SHARE * matrix.shape[0]
    matrix.sort_indices()  # here, once: each half's rows come sorted

    def index(rows: range) -> sp.csr_matrix:
        return _index_terms(matrix[rows.start:rows.stop], k, rare_column)

    n = matrix.shape[0]
    return sp.vstack(in_halves(index, range(n), worth_it=n > PARALLEL_ROWS), format="csr")


def _index_terms(matrix: sp.csr_matrix, k: int, rare_column: np.ndarray) -> sp.csr_matrix:
    """``candidate_index`` of some rows, ``rare_column`` telling the rare columns of all."""
    row, chosen = heaviest_first(matrix, k)
    rare = np.flatnonzero(rare_column[matrix.indices])
    if len(rare):
        indptr = np.concatenate([[0], np.cumsum(np.bincount(row[rare], minlength=matrix.shape[0]))])
        _, rarest = heaviest_first(sp.csr_matrix((matrix.data[rare], matrix.indices[rare], indptr), shape=matrix.shape),
                                    RARE_INDEX_TERMS)
        either = np.zeros(matrix.nnz, dtype=bool)
        either[chosen] = either[rare[rarest]] = True
        chosen = np.flatnonzero(either)
    return sp.csr_matrix((matrix.data[chosen], (row[chosen], matrix.indices[chosen])), shape=matrix.shape)


def heaviest_first(matrix: sp.csr_matrix, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Each entry's row, and the positions in ``matrix.data`` of each row's ``k`` largest
    entries (positive; ties to the lower columns): by row, heaviest first. Sorts the matrix's
    columns within each row."""
    matrix.sort_indices()
    counts = np.diff(matrix.indptr)
    row = np.repeat(np.arange(matrix.shape[0]), counts)
    top = np.ones(matrix.shape[0])
    filled = counts > 0
    if filled.any():
        top[filled] = np.maximum.reduceat(matrix.data, matrix.indptr[:-1][filled])
    # one stable sort of one key, by row and then heaviest first (each row scaled into (0, 1]):
    # a seventh of the time of sorting by three keys; ties keep column order
    order = np.argsort(row + (1.0 - matrix.data / top[row]) * 0.5, kind="stable")
    rank = np.arange(len(order)) - matrix.indptr[row[order]]
    return row, order[rank < k]
