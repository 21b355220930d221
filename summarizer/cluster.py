"""Articles -> events: average-linkage clustering of TF-IDF similarity, decayed by time.

Two articles are as similar as the cosine of their TF-IDF vectors (``summarizer.vectors``),
mixed with the cosine of their rare words (``rare_terms``) and, when both have a title, with
the cosine of their titles; lowered when each names one day of the week, another
(``OTHER_DAY``); times a Gaussian decay in the days between their publication
dates when both are known (Miranda et al. 2018; an undated article's window comes from the
dates its text mentions, see ``summarizer.dates``; when no day can be measured the text
alone decides). Groups merge while their average pairwise similarity reaches
``cluster_threshold`` (average linkage); then an
article left alone joins the group it is closest to when that closeness is at least half of
the group's own cohesion (``_attach_lone_items``), two groups that are each other's closest
merge likewise (``_merge_loose_groups``), and two articles still alone that are each other's
closest pair up (``_pair_lone_items``). No step makes an event whose dated articles span more
than ``SPAN_SIGMAS`` time sigmas (copies of one story aside, which are merged first).

Cost: similarities are computed as a sparse product in blocks of rows sized to a fixed number
of values, and each article keeps its 40 most similar others above a floor, so memory grows
with n, not with n squared, even when every pair is similar. The merging runs on that sparse
graph, one connected component at a time, as a nearest-neighbour chain (pairs not kept count
as 0 in averages). Copies of one story (similarity 0.82 or more) are merged first and count as
one item weighing as many articles, so that they do not fill each other's neighbour lists.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from sklearn.preprocessing import normalize

from .config import Settings
from .dates import days_apart, infer_window
from .model import Article, DateWindow, Event, Link
from .parallel import both, halfway, in_halves
from .vectors import Vocabulary, tfidf_matrix

__all__ = ["cluster_events", "similarity_graph", "pair_cosines", "rare_terms", "average_linkage", "article_text"]

# What identifies an event is in an article's first pages; comparing at most this much keeps
# a huge article (a 5 MB dump) from costing more than a long one.
MAX_COMPARED_CHARS = 100_000
# Two articles' similarity mixes the cosine of all their terms with RARE_WEIGHT of the cosine of
# their rare words (less frequent than RARE_FREQUENCY in wordfreq's English). Long articles on
# one topic share many common words whatever the event; the names, places and particular
# things an event brings are rare words; so are its figures ("373,000 jobless claims", "22.5
# years"; see summarizer.sentences.quantity), which wordfreq does not list: reports of one topic
# on different days share the topic's words, not its figures. Chosen on the development streams
# (0.28 to 0.32 score alike, 0.33 to 0.35 a little less), as the least weight that keeps the
# corpus's margins (see the README): under it the corpus's 2024 strikes, which share the 2021
# strikes' topic and not their names, come too close to them.
RARE_FREQUENCY = 6e-6
RARE_WEIGHT = 0.32
# When both articles have a title, TITLE_WEIGHT of their similarity is the cosine of their
# titles: a headline names the event in a dozen words, and two outlets' headlines on one event
# share its words even when their excerpts tell it differently. Chosen on AllSides, the one
# development stream with titles (the others are unchanged): see the README.
TITLE_WEIGHT = 0.25
# An article left alone by the threshold joins the event it is closest to when its average
# similarity to that event is at least LONE_SHARE of the event's own average similarity between
# its articles (see _attach_lone_items). 0.5 on the development streams; the corpus's 2024
# strikes (003) stay alone down to 0.41. That margin rests on the near-copy pair 001/002
# (similarity 0.79, under COPY_SIMILARITY) counting as two reports in the February event's
# cohesion: counted as one, 003 would be at 0.62 of it and join.
LONE_SHARE = 0.5
# An article left alone also joins the event it is closest to when that event is clearly its
# closest: at least CLEAR_MARGIN times as close as anything else, another event or an article
# alone. A report of a story no other story comes near belongs with it, however loose the
# story's own reports are (DUC's long, undated update stories); where several stories on one
# topic compete (the corpus's 2024 strikes are 1.10 times as close to the February 2021 event
# as to the June one), the margin is not clear. 1.3 to 1.5 score alike on the development streams.
CLEAR_MARGIN = 1.5
# Two groups that are each other's closest group merge when their average similarity is at
# least GROUP_SHARE of the cohesion of the tighter one (see _merge_loose_groups).
GROUP_SHARE = 0.6
# They also merge when each is clearly the other's closest: at least GROUP_MARGIN times as close
# as anything else, another group or an article alone, with GROUP_MIN_PAIRS pairs of articles
# between them at least (two groups of 4, or of 2 and 8). The parts of a story followed for
# weeks are groups of several reports each, loosely alike across, that nothing else comes near
# (DUC's NBA lockout: its start, then the talks on the salary cap). Between two pairs of reports
# a margin rests on four pairs of articles: on Multi-News, with no minimum, 19 of the 22 pairs
# of groups this margin merged were different events. Chosen on the development streams: see
# the README.
GROUP_MARGIN = 2.0
GROUP_MIN_PAIRS = 16
# The dated articles of one event lie within SPAN_SIGMAS time sigmas of each other (1.5 days by
# default: the same day or the next): no step of the clustering makes a group whose dated
# articles span more. An event is a day's news, reported that day and the next; the decay alone
# lets undated reports bridge the releases of one series (jobless claims each Thursday) and the
# days of one story (a verdict, then the sentencing). On AllSides, the one development stream
# with dates, 101 of the 106 events with two dated articles or more span a day at most; B-cubed
# / pairwise F1 0.843 / 0.690 here, 0.832 / 0.683 for the same day only, 0.831 / 0.656 for
# 3 days (one sigma), 0.830 / 0.652 for 6.
SPAN_SIGMAS = 0.5
# Two reports that each name one day of the week, different ones, tell of different days: their
# similarity is multiplied by OTHER_DAY. A report of one day's event names its day ("the Senate
# voted on Tuesday"); a story told over days names several days, and is left as it is; so are
# reports that name none. Dates, when both reports have one, tell more, and the time decay
# weighs them too. Chosen on the development streams (0.75 to 0.9 score alike): see the README.
OTHER_DAY = 0.8
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")  # as stems too
# Articles this similar (after time decay) are copies of one story: see _cluster_copies_once.
# A wire story's later versions (a paragraph cut, one added) sit at 0.82 to 0.9 from it;
# counted as two reports, such a pair is a tight group whose cohesion keeps the looser reports
# of its event out (LONE_SHARE, GROUP_SHARE). DUC carries such versions: B-cubed 0.902 there
# from 0.80 to 0.82, 0.895 at 0.84, 0.887 at 0.9; the other development streams score the same
# from 0.80 to 0.9, and 41 edited copies of the streams (README) gain most at 0.80. But the
# corpus's 001 and 002 (0.794: 13 of 002's 15 sentences are 001's) must stay two reports (see
# LONE_SHARE; the corpus fails at 0.794): 0.82 keeps a margin.
COPY_SIMILARITY = 0.82


# Beyond EXACT_UP_TO articles, two articles are candidate neighbours when they share one of their
# INDEX_TERMS heaviest terms, or one of their RARE_INDEX_TERMS heaviest among the terms at most
# RARE_INDEX_SHARE of the articles hold (see similarity_graph). The heaviest terms of a long
# article include terms of its topic that thousands of articles hold, which pair those articles
# all with each other (the product's cost is the sum of each index term's articles squared);
# more of them would find more of an event's pairs at a cost growing faster than the input.
# A term one article in a thousand holds pairs few: on the 156k distinct stream (README),
# 45 of those beside the 30 heaviest find 92% of the pairs of one event at the graph's floor
# instead of 86%, for a third more candidate product (the sum above: 1.35 times).
EXACT_UP_TO = 20_000
INDEX_TERMS = 30
RARE_INDEX_TERMS = 45
RARE_INDEX_SHARE = 0.001
# Above this many articles, neighbour searches and pair cosines run in two processes (halves
# of the rows or of the pairs; summarizer.parallel); below, a fork costs more than it saves.
PARALLEL_ROWS = 20_000


def article_text(article: Article) -> str:
    """The text an article is compared by: its title (when it has one) and the start of its body."""
    body = article.text[:MAX_COMPARED_CHARS]
    return f"{article.title}\n{body}" if article.title else body


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
    (``_candidate_index``: their ``index_terms`` heaviest terms, and their RARE_INDEX_TERMS
    heaviest among the rare ones), each row keeps its ``n_candidates`` best candidates by
    that shared weight, and the exact cosine is computed for those pairs only. Either way the
    graph holds at most n x n_neighbours edges. ``index``: those index terms, when at hand.
    """
    n = matrix.shape[0]
    if n <= exact_up_to:
        return _exact_graph(matrix, floor, n_neighbours, max_block_entries, rows)
    index = _candidate_index(matrix, index_terms) if index is None else index
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
    return _upper(*_best_per_row(pairs, n_neighbours, 0), n)


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
    return _upper(*(np.concatenate(parts) for parts in zip(first, second)), n)


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


def _upper(r: np.ndarray, c: np.ndarray, v: np.ndarray, n: int) -> sp.coo_matrix:
    """Pairs as an upper-triangle matrix; a pair kept from both ends (same value) appears once."""
    lo, hi = np.minimum(r, c), np.maximum(r, c)
    _, first = np.unique(lo.astype(np.int64) * n + hi, return_index=True)
    return sp.coo_matrix((v[first], (lo[first], hi[first])), shape=(n, n))


def _candidate_index(matrix: sp.csr_matrix, k: int = INDEX_TERMS) -> sp.csr_matrix:
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
    """``_candidate_index`` of some rows, ``rare_column`` telling the rare columns of all."""
    row, chosen = _heaviest_first(matrix, k)
    rare = np.flatnonzero(rare_column[matrix.indices])
    if len(rare):
        indptr = np.concatenate([[0], np.cumsum(np.bincount(row[rare], minlength=matrix.shape[0]))])
        _, rarest = _heaviest_first(sp.csr_matrix((matrix.data[rare], matrix.indices[rare], indptr), shape=matrix.shape),
                                    RARE_INDEX_TERMS)
        either = np.zeros(matrix.nnz, dtype=bool)
        either[chosen] = either[rare[rarest]] = True
        chosen = np.flatnonzero(either)
    return sp.csr_matrix((matrix.data[chosen], (row[chosen], matrix.indices[chosen])), shape=matrix.shape)


def _heaviest_first(matrix: sp.csr_matrix, k: int) -> tuple[np.ndarray, np.ndarray]:
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


def average_linkage(n: int, edges: Iterable[tuple[int, int, float]], *, threshold: float,
                    joined: list[float | None] | None = None, sizes: Sequence[int] | None = None,
                    days: tuple[Sequence[float], Sequence[float]] | None = None, max_days: float = np.inf,
                    ) -> list[list[int]]:
    """Groups of ``range(n)`` by average linkage over a sparse graph; missing edges are 0.

    Groups merge while some pair's average similarity reaches ``threshold``, each time the
    pair whose average is highest among their own neighbours (a nearest-neighbour chain, which
    gives the same groups as always merging the best pair overall: average linkage can only
    lower a group's best average when other groups merge). Near-linear in the edges: the group
    with fewer neighbours is merged into the one with more, so an edge moves O(log n) times; a
    group's best neighbour is found by one pass over its neighbours. ``joined``, when given (a
    list of n Nones), receives for each item the average similarity of the merge that first
    joined it to others. ``sizes``, when given, makes item i stand for ``sizes[i]`` articles
    that are all as similar to the others as it is. ``days``, when given, is each item's first
    and last publication day (ordinals; inf and -inf when undated): two groups whose dated
    items would then span more than ``max_days`` days never merge.

    >>> average_linkage(4, [(0, 1, 0.9), (1, 2, 0.5), (2, 3, 0.1)], threshold=0.2)
    [[0, 1, 2], [3]]
    """
    size = list(sizes) if sizes is not None else [1] * n
    first_day, last_day = (list(days[0]), list(days[1])) if days is not None else ([np.inf] * n, [-np.inf] * n)
    sums: list[dict[int, float]] = [dict() for _ in range(n)]
    for i, j, w in edges:
        if i != j and w > 0:
            w *= size[i] * size[j]
            sums[i][j] = sums[i].get(j, 0.0) + w
            sums[j][i] = sums[j].get(i, 0.0) + w
    members: list[list[int] | None] = [[i] for i in range(n)]
    done = [False] * n  # its best average is below the threshold: it never merges again

    def best_neighbour(a: int, previous: int) -> int | None:
        best, best_value = None, threshold
        for c, w in sums[a].items():
            value = w / (size[a] * size[c])
            if value < best_value or max(last_day[a], last_day[c]) - min(first_day[a], first_day[c]) > max_days:
                continue
            # ties: to the chain's previous group (so the chain ends), else to the lower number
            if value > best_value or best is None or c == previous or (best != previous and c < best):
                best, best_value = c, value
        return best

    queue = list(range(n))  # every group to start a chain from; merged groups are added again
    for start in queue:
        if members[start] is None or done[start]:
            continue
        chain = [start]
        while chain:
            a = chain[-1]
            previous = chain[-2] if len(chain) > 1 else -1
            b = best_neighbour(a, previous)
            if b is None:
                done[a] = True
                chain.pop()
            elif b != previous:
                chain.append(b)
            else:  # a and b are each other's best: merge them
                chain.pop()
                chain.pop()
                value = sums[a][b] / (size[a] * size[b])
                large, small = (a, b) if len(sums[a]) >= len(sums[b]) else (b, a)
                if joined is not None:
                    for x in (members[small] if size[large] > 1 else members[small] + members[large]):
                        if joined[x] is None:
                            joined[x] = value
                members[large].extend(members[small])
                members[small] = None
                size[large] += size[small]
                first_day[large] = min(first_day[large], first_day[small])
                last_day[large] = max(last_day[large], last_day[small])
                sums[large].pop(small, None)
                for c, w in sums[small].items():
                    if c != large:
                        del sums[c][small]
                        sums[large][c] = sums[c][large] = sums[large].get(c, 0.0) + w
                sums[small] = {}
                queue.append(large)
    return [sorted(m) for m in members if m is not None]


def cluster_events(articles: Sequence[Article], *, settings: Settings = Settings(), n_terms: int = 8) -> tuple[Event, ...]:
    """Group articles into events.

    Parameters
    ----------
    articles : the articles, in any order (the result does not depend on it).
    settings : ``cluster_threshold`` and ``time_sigma_days`` are used.
    n_terms : how many top terms each event carries.

    Returns
    -------
    Events (no summary yet) with ids ``e1``, ``e2``, ... in order of their first article id.

    >>> from summarizer.ingest import load_articles
    >>> events = cluster_events(load_articles(["corpus"])[0])
    >>> sorted(sorted(a.id[:3] for a in e.articles) for e in events)
    [['000', '001', '002'], ['003'], ['004']]
    """
    order = sorted(range(len(articles)), key=lambda k: (articles[k].id, k))
    ordered = [articles[k] for k in order]
    # a site's notice (see Article.notice) tells nothing of its page's event: it stands alone
    reports = [k for k, a in enumerate(ordered) if not a.notice]
    found: list[tuple[int, tuple[Article, ...], tuple[str, ...], tuple[Link, ...]]] = [
        (k, (a,), (), (Link(a.id, None, None, None),)) for k, a in enumerate(ordered) if a.notice
    ]
    if reports:
        found += _cluster_reports([ordered[k] for k in reports], reports, settings, n_terms)
    found.sort(key=lambda event: event[0])
    return tuple(
        Event(id=f"e{k}", articles=members, terms=terms, links=links) for k, (_, members, terms, links) in enumerate(found, 1)
    )


def _cluster_reports(ordered: Sequence[Article], positions: Sequence[int], settings: Settings, n_terms: int,
                     ) -> list[tuple[int, tuple[Article, ...], tuple[str, ...], tuple[Link, ...]]]:
    """The events of ``ordered`` (sorted by id): for each, the position (in ``positions``) of
    its first article, its articles, top terms and links."""
    # Terms in over a tenth of a large input (and in 1,000 articles at least) separate nothing
    # and make every pair similar; dropping them keeps the neighbour graph sparse. The names of
    # the days of the week stay: which one an article names tells its day (OTHER_DAY).
    matrix, vocabulary = tfidf_matrix([article_text(a) for a in ordered], max_df=0.1, numbers=True, uncut=WEEKDAYS)
    titles = tfidf_matrix([a.title for a in ordered], bigrams=False, numbers=True)[0]
    # the candidate index, for a search among many: the search between copies' items
    # (_item_graph) reuses its rows
    index = _candidate_index(matrix) if len(ordered) > EXACT_UP_TO else None
    vectors = _Vectors(matrix, rare_terms(matrix, vocabulary), titles, _one_weekday(matrix, vocabulary),
                       _day_numbers(ordered), index)
    graph, weights = _weighted_graph(ordered, vectors, settings)
    rows, cols = graph.row, graph.col
    joined: list[tuple[float, str] | None] = [None] * len(ordered)
    merged: list[tuple[float, str] | None] = [None] * len(ordered)
    groups = _cluster_copies_once(ordered, vectors, rows, cols, weights, settings, joined, merged)
    # the second half of the events' top terms in a forked process, while this one finds the
    # links and the first half's terms (an event's terms are its own: halves change nothing)
    half = halfway(len(g) for g in groups)
    (links, terms), more_terms = both(
        lambda: (_links(ordered, groups, rows, cols, weights, joined, merged), _top_terms(matrix, groups[:half], vocabulary, n_terms)),
        lambda: _top_terms(matrix, groups[half:], vocabulary, n_terms), worth_it=len(ordered) > PARALLEL_ROWS)
    terms = terms + more_terms
    return [(positions[g[0]], tuple(ordered[i] for i in g), terms[k], links[k]) for k, g in enumerate(groups)]


def rare_terms(matrix: sp.csr_matrix, vocabulary: Vocabulary) -> sp.csr_matrix:
    """``matrix`` with only its rare single words (background frequency under
    ``RARE_FREQUENCY``: names, places, particular things), rows L2-normalised again."""
    if matrix.shape[1] == 0:
        return matrix
    rare = (vocabulary.frequency < RARE_FREQUENCY) & (vocabulary.second < 0)
    return normalize(matrix @ sp.diags(rare.astype(np.float64)), norm="l2", copy=False).tocsr()


def _one_weekday(matrix: sp.csr_matrix, vocabulary: Vocabulary) -> np.ndarray:
    """For each row, the number (0 to 6, from Monday) of the one day of the week its text
    names; -1 when it names none or several."""
    stem_day = np.full(len(vocabulary.stem_names), -1)
    for k, name in enumerate(WEEKDAYS):  # stem names are sorted
        at = bisect.bisect_left(vocabulary.stem_names, name)
        if at < len(vocabulary.stem_names) and vocabulary.stem_names[at] == name:
            stem_day[at] = k
    day = np.where(vocabulary.second < 0, stem_day[vocabulary.first], -1)
    named = day[matrix.indices] >= 0
    row = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))[named]
    one = np.full(matrix.shape[0], -1)
    alone = np.bincount(row, minlength=matrix.shape[0])[row] == 1
    one[row[alone]] = day[matrix.indices[named][alone]]
    return one


class _Vectors(NamedTuple):
    """The rows articles are compared by: all their terms, their rare words, their titles, the
    one day of the week each names (``_one_weekday``), their publication days (``_day_numbers``);
    and each row's index terms for a search among many (``_candidate_index``; None for an input
    of EXACT_UP_TO articles or fewer, searched exactly)."""

    matrix: sp.csr_matrix
    rare: sp.csr_matrix
    titles: sp.csr_matrix  # all zero for an article without a title
    weekday: np.ndarray
    day: np.ndarray
    index: sp.csr_matrix | None = None

    def subset(self, rows: np.ndarray) -> _Vectors:
        return _Vectors(self.matrix[rows], self.rare[rows], self.titles[rows], self.weekday[rows], self.day[rows],
                        None if self.index is None else self.index[rows])


def _weighted_graph(articles: Sequence[Article], vectors: _Vectors, settings: Settings) -> tuple[sp.coo_matrix, np.ndarray]:
    """The neighbour graph of ``articles`` (rows of ``vectors``), and the similarity of each of
    its pairs (``_pair_weights``)."""
    graph = similarity_graph(vectors.matrix, floor=settings.cluster_threshold / 4, index=vectors.index)
    return graph, _pair_weights(articles, vectors, graph.row, graph.col, graph.data, settings)


def _pair_weights(articles: Sequence[Article], vectors: _Vectors, r: np.ndarray, c: np.ndarray,
                  cosines: np.ndarray, settings: Settings) -> np.ndarray:
    """The similarity of articles ``r[k]`` and ``c[k]`` from their ``cosines``: mixed with the
    cosine of their rare words and, when both have a title, with the cosine of their titles;
    times ``OTHER_DAY`` when each names one day of the week, another; times the decay in the
    days between them."""
    mixed = (1.0 - RARE_WEIGHT) * cosines + RARE_WEIGHT * pair_cosines(vectors.rare, r, c)
    titled = np.diff(vectors.titles.indptr) > 0
    both = np.flatnonzero(titled[r] & titled[c])
    mixed[both] = (1.0 - TITLE_WEIGHT) * mixed[both] + TITLE_WEIGHT * pair_cosines(vectors.titles, r[both], c[both])
    day = vectors.weekday
    mixed[(day[r] >= 0) & (day[c] >= 0) & (day[r] != day[c])] *= OTHER_DAY
    return mixed * _time_decay(articles, vectors.day, r, c, settings.time_sigma_days)


def _cluster_copies_once(ordered: Sequence[Article], vectors: _Vectors, rows: np.ndarray,
                         cols: np.ndarray, weights: np.ndarray, settings: Settings,
                         joined: list[tuple[float, str] | None], merged: list[tuple[float, str] | None],
                         ) -> list[list[int]]:
    """Groups of ``ordered`` by average linkage, with near-copies of one story counted once;
    ``joined`` and ``merged`` get how each article joined its group and how that group merged
    with another (``_group_items``).

    Articles joined by pairs at or above ``COPY_SIMILARITY`` (a syndicated story and its
    edited copies, published days apart at most) would merge first anyway; kept apart, they
    fill each other's neighbour lists, so that the other stories of their event fall out of
    those lists and count as 0 in the averages. So each set of copies is one item, its first
    article, weighing as many articles as it has; neighbours are found again between items,
    for the items whose first article had a copy among its neighbours (``_item_graph``).
    """
    n = len(ordered)
    copies = weights >= COPY_SIMILARITY
    item, sizes, members, starts = _components(n, rows, cols, copies)
    day = vectors.day
    max_days = SPAN_SIGMAS * settings.time_sigma_days
    if len(sizes) == n:  # no copies: each article is its own item
        days = _Days.of_items(np.arange(n), n, day, max_days)
        return _group_items(n, rows, cols, weights, settings.cluster_threshold, joined, sizes, days, merged)
    first = np.full(len(sizes), n)
    np.minimum.at(first, item, np.arange(n))
    best_copy = np.zeros(n)  # each copy joins its item at its closest copy
    np.maximum.at(best_copy, np.concatenate([rows[copies], cols[copies]]), np.tile(weights[copies], 2))
    for k in np.flatnonzero(best_copy).tolist():
        joined[k] = (float(best_copy[k]), "copy")
    item_rows, item_cols, item_weights = _item_graph(ordered, vectors, rows, cols, weights, item, first, settings)
    item_joined: list[tuple[float, str] | None] = [None] * len(sizes)
    item_merged: list[tuple[float, str] | None] = [None] * len(sizes)
    days = _Days.of_items(item, len(sizes), day, max_days)
    groups = _group_items(len(sizes), item_rows, item_cols, item_weights, settings.cluster_threshold, item_joined, sizes,
                          days, item_merged)
    for i, (value, merge) in enumerate(zip(item_joined, item_merged)):
        if value is not None or merge is not None:
            for k in members[starts[i]:starts[i + 1]].tolist():
                if joined[k] is None:
                    joined[k] = value
                merged[k] = merge
    expanded = [np.sort(np.concatenate([members[starts[i]:starts[i + 1]] for i in g])).tolist() for g in groups]
    return sorted(expanded, key=lambda g: g[0])


def _item_graph(ordered: Sequence[Article], vectors: _Vectors, rows: np.ndarray, cols: np.ndarray,
                weights: np.ndarray, item: np.ndarray, first: np.ndarray, settings: Settings,
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The neighbour graph between items (each its ``first`` article) and its similarities.

    A first article none of whose pairs leads to a copy (an article not first in its item)
    had its whole neighbour list among items: its pairs to other first articles are kept as
    they were. The others, whose lists copies crowded, have their neighbours found again among
    items. So a stream with few copies costs one neighbour search, not two.
    """
    n = len(ordered)
    is_first = np.zeros(n, dtype=bool)
    is_first[first] = True
    crowded = np.zeros(n, dtype=bool)
    crowded[rows[~is_first[cols]]] = True
    crowded[cols[~is_first[rows]]] = True
    kept = is_first[rows] & is_first[cols]
    again = np.flatnonzero(crowded[first])  # as item numbers
    subset = vectors.subset(first)
    graph = similarity_graph(subset.matrix, floor=settings.cluster_threshold / 4, rows=again, index=subset.index)
    found = _pair_weights([ordered[k] for k in first.tolist()], subset, graph.row, graph.col, graph.data, settings)
    pairs = _upper(np.concatenate([item[rows[kept]], graph.row]), np.concatenate([item[cols[kept]], graph.col]),
                   np.concatenate([weights[kept], found]), len(first))
    return pairs.row, pairs.col, pairs.data


def _time_decay(ordered: Sequence[Article], day: np.ndarray, rows: np.ndarray, cols: np.ndarray,
                sigma_days: float) -> np.ndarray:
    """exp(-d^2 / 2 sigma^2) for each pair, d the fewest days between their possible
    publication dates (``day``: each article's, NaN when undated); 1 where no distance can be
    measured (an undated article joins by text). An undated article's window is read from its
    text only when it is paired with a dated one."""
    exact = ~np.isnan(day)
    days = np.full(len(rows), np.nan)
    dated = exact[rows] & exact[cols]
    days[dated] = np.abs(day[rows[dated]] - day[cols[dated]])
    one = np.flatnonzero(exact[rows] != exact[cols])
    dated_end = np.where(exact[rows[one]], rows[one], cols[one]).tolist()
    undated_end = np.where(exact[rows[one]], cols[one], rows[one]).tolist()
    undated = sorted(set(undated_end))
    read = in_halves(_windows, [ordered[k] for k in undated], worth_it=len(undated) > PARALLEL_ROWS // 4,
                     sizes=[len(ordered[k].text) for k in undated])
    windows: dict[int, DateWindow] = dict(zip(undated, read[0] + read[1]))
    # one exact date and a window from the other's text, a pair at a time; pairs repeat the
    # same date and window (most windows are open): 1,919 distinct among 179,382 pairs
    apart: dict[tuple[dt.date, DateWindow], float | None] = {}
    found = []
    for d, u in zip(dated_end, undated_end):
        key = (ordered[d].date, windows[u])
        if key not in apart:
            apart[key] = days_apart(DateWindow(key[0], key[0]), key[1])
        found.append(apart[key])
    days[one] = np.array(found, dtype=np.float64)
    days = np.where(np.isnan(days), 0.0, days)
    return np.exp(-days * days / (2.0 * sigma_days ** 2))


def _day_numbers(articles: Sequence[Article]) -> np.ndarray:
    """Each article's publication day as a number (its ordinal), NaN when undated."""
    return np.array([a.date.toordinal() if a.date is not None else np.nan for a in articles], dtype=np.float64)


def _windows(articles: Sequence[Article]) -> list[DateWindow]:
    return [infer_window(a) for a in articles]


def _components(n: int, rows: np.ndarray, cols: np.ndarray, keep: np.ndarray,
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Connected components of the pairs ``keep`` selects: each article's component, each
    component's size, the articles by component (in order within each), and where each
    component's articles start in that list."""
    links = sp.coo_matrix((np.ones(int(keep.sum())), (rows[keep], cols[keep])), shape=(n, n))
    _, label = connected_components(links, directed=False)
    sizes = np.bincount(label)
    return label, sizes, np.argsort(label, kind="stable"), np.concatenate(([0], np.cumsum(sizes)))


class _Days(NamedTuple):
    """Each item's first and last publication day (ordinals; inf and -inf when undated), and
    how many days the dated items of one group may span at most."""

    first: np.ndarray
    last: np.ndarray
    max_days: float

    @staticmethod
    def of_items(item: np.ndarray, n_items: int, day: np.ndarray, max_days: float) -> _Days:
        """From each article's item and day (NaN when undated)."""
        undated = np.isnan(day)
        return _Days(*_spans(item, n_items, np.where(undated, np.inf, day), np.where(undated, -np.inf, day)), max_days)

    def too_wide(self, label: np.ndarray, n_groups: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """For each pair of groups ``a[k]``, ``b[k]`` (of items labelled ``label``): whether
        their dated items together would span more than ``max_days``."""
        first, last = _spans(label, n_groups, self.first, self.last)
        return np.maximum(last[a], last[b]) - np.minimum(first[a], first[b]) > self.max_days


def _spans(label: np.ndarray, n: int, first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``range(n)``: the least ``first`` and the greatest ``last`` of the entries
    labelled with it (inf and -inf when none)."""
    lowest, highest = np.full(n, np.inf), np.full(n, -np.inf)
    np.minimum.at(lowest, label, first)
    np.maximum.at(highest, label, last)
    return lowest, highest


def _group_items(n: int, rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, threshold: float,
                 joined: list[tuple[float, str] | None], item_sizes: np.ndarray, days: _Days,
                 merged: list[tuple[float, str] | None] | None = None) -> list[list[int]]:
    """Groups of items by average linkage at ``threshold``; then the items it left alone join
    the groups they are close to relative to those groups' own cohesion, groups that are each
    other's closest merge relative to their cohesion or at a clear margin, and items still
    alone pair with their mutual closest item. Those steps join at a quarter of ``threshold``
    at least (the floor of the neighbour graph's cosines). No step makes a group whose dated
    items span more than ``days.max_days``. ``joined`` gets the average at which each item
    joined its group and the rule that took it; ``merged``, how its group merged with another
    (``_merge_loose_groups``)."""
    floor = threshold / 4
    groups = _linkage_by_component(n, rows, cols, weights, threshold, joined, item_sizes, days)
    groups = _attach_lone_items(rows, cols, weights, groups, item_sizes, floor, joined, days)
    groups = _merge_loose_groups(rows, cols, weights, groups, item_sizes, floor, days, merged)
    return _pair_lone_items(rows, cols, weights, groups, floor, joined, days)


def _cohesion(label: np.ndarray, size: np.ndarray, n_groups: int, rows: np.ndarray, cols: np.ndarray,
              article_pairs: np.ndarray, base: np.ndarray | float = 0.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per group: how many items and articles it has, and its cohesion (``base`` plus the
    ``article_pairs`` inside it, over its pairs of articles in different items; infinite for
    a group of one item)."""
    n_items = np.bincount(label, minlength=n_groups)
    articles = np.bincount(label, weights=size, minlength=n_groups)
    inside = label[rows] == label[cols]
    internal = base + np.bincount(label[rows[inside]], weights=article_pairs[inside], minlength=n_groups)
    pairs = (articles ** 2 - np.bincount(label, weights=size ** 2, minlength=n_groups)) / 2
    return n_items, articles, np.where(n_items > 1, internal / np.maximum(pairs, 1e-300), np.inf)


def _labels(groups: list[list[int]], n: int) -> np.ndarray:
    label = np.empty(n, dtype=np.int64)
    for k, g in enumerate(groups):
        label[g] = k
    return label


def _from_labels(label: np.ndarray) -> list[list[int]]:
    """Groups from each item's group number, in order of first item."""
    order = np.argsort(label, kind="stable")
    cuts = np.flatnonzero(np.diff(label[order])) + 1
    return sorted((part.tolist() for part in np.split(order, cuts) if len(part)), key=lambda g: g[0])


def _merge_loose_groups(rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, groups: list[list[int]],
                        item_sizes: np.ndarray, floor: float, days: _Days,
                        merged: list[tuple[float, str] | None] | None = None) -> list[list[int]]:
    """Two groups of two items or more that are each other's closest group (average
    similarity per pair of articles; ties to the lower number) merge when that average is at
    least ``GROUP_SHARE`` of the tighter group's cohesion, or when it is at least ``floor``,
    ``GROUP_MARGIN`` times either group's next closest group or item, and taken over
    ``GROUP_MIN_PAIRS`` pairs of articles at least; repeated while some pair merges. The same
    reasoning as ``_attach_lone_items``: the parts of one loose story are about as alike
    across as within, or closer to each other than to anything else.

    ``merged``, when given, gets for each item of the group with fewer articles (of two alike,
    the later) the average at which its group merged and the rule, ``"cohesion"`` or
    ``"margin"``; a later merge of the whole replaces it for the items of the smaller side."""
    n = len(item_sizes)
    size = np.asarray(item_sizes, dtype=np.float64)
    label = _labels(groups, n)
    n_groups = len(groups)
    article_pairs = weights * size[rows] * size[cols]
    while True:
        n_items, articles, cohesion = _cohesion(label, size, n_groups, rows, cols, article_pairs)
        a, b = label[rows], label[cols]
        # every pair of groups across, items alone included: they compete for the margin
        across = (a != b) & ((n_items[a] > 1) | (n_items[b] > 1))
        if not across.any():
            break
        key, where = np.unique(np.minimum(a[across], b[across]) * n_groups + np.maximum(a[across], b[across]),
                               return_inverse=True)
        low, high = key // n_groups, key % n_groups
        average = np.bincount(where, weights=article_pairs[across], minlength=len(key)) / (articles[low] * articles[high])
        first, second = _two_best(np.concatenate([low, high]), np.tile(average, 2), n_groups)
        clear = ((average >= first[low]) & (average >= first[high]) & (average >= floor)
                 & (average >= GROUP_MARGIN * np.maximum(second[low], second[high]))
                 & (articles[low] * articles[high] >= GROUP_MIN_PAIRS))
        by_share = average >= GROUP_SHARE * np.maximum(cohesion[low], cohesion[high])
        ok = (n_items[low] > 1) & (n_items[high] > 1) & ~days.too_wide(label, n_groups, low, high) & (clear | by_share)
        ends, others, values = np.concatenate([low[ok], high[ok]]), np.concatenate([high[ok], low[ok]]), np.tile(average[ok], 2)
        closest = _closest(ends, others, values, n_groups)[0]
        mutual = np.flatnonzero((closest >= 0) & (closest > np.arange(n_groups)))
        mutual = mutual[closest[closest[mutual]] == mutual]
        if not len(mutual):
            break
        if merged is not None:
            at = np.searchsorted(key, mutual * n_groups + closest[mutual])  # each merging pair's place in key
            _record_merges(merged, label, low[at], high[at], average[at], by_share[at], articles)
        into = np.arange(n_groups)
        into[closest[mutual]] = mutual
        label = into[label]
    return _from_labels(label)


def _record_merges(merged: list[tuple[float, str] | None], label: np.ndarray, low: np.ndarray, high: np.ndarray,
                   average: np.ndarray, by_share: np.ndarray, articles: np.ndarray) -> None:
    """For groups ``low[k]`` and ``high[k]`` merging at ``average[k]`` (by a share of cohesion
    when ``by_share[k]``, else by a clear margin): each item of the one with fewer articles
    (``high[k]`` when alike) gets that average and that rule."""
    smaller = np.where(articles[low] < articles[high], low, high)
    value = np.full(len(articles), np.nan)
    value[smaller] = average
    share = np.zeros(len(articles), dtype=bool)
    share[smaller] = by_share
    for i in np.flatnonzero(~np.isnan(value[label])).tolist():
        merged[i] = (float(value[label[i]]), "cohesion" if share[label[i]] else "margin")


def _closest(ends: np.ndarray, others: np.ndarray, values: np.ndarray, n: int,
             ties: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``range(n)``: the other end of its heaviest pair (-1 when it has none; ties
    to the lowest ``ties``, by default the lower number) and that pair's value.

    Maxima and minima gathered per end, not a sort of all pairs: a twentieth of the time."""
    best = np.full(n, -np.inf)
    np.maximum.at(best, ends, values)
    heaviest = np.flatnonzero(values == best[ends])
    key = (others if ties is None else ties)[heaviest]
    lowest = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(lowest, ends[heaviest], key)
    chosen = heaviest[key == lowest[ends[heaviest]]]
    closest = np.full(n, -1)
    closest[ends[chosen]] = others[chosen]
    value = np.zeros(n)
    value[ends[chosen]] = values[chosen]
    return closest, value


def _two_best(ends: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``range(n)``: the largest and the second largest of its ``values`` (0 when
    it has fewer; the largest again when it is there twice)."""
    first = np.full(n, -np.inf)
    np.maximum.at(first, ends, values)
    top = values == first[ends]
    second = np.full(n, -np.inf)
    np.maximum.at(second, ends[~top], values[~top])
    second = np.where(np.bincount(ends[top], minlength=n) > 1, first, second)
    return np.where(np.isinf(first), 0.0, first), np.where(np.isinf(second), 0.0, second)


def _pair_lone_items(rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, groups: list[list[int]],
                     floor: float, joined: list[tuple[float, str] | None], days: _Days) -> list[list[int]]:
    """Two items still alone that are each other's closest item anywhere (ties to the lower
    number), at ``floor`` or more, form a group: two reports of one event that no other
    article comes closer to. An item whose closest article is in a group stays alone (the
    corpus's 2024 strikes are closest to a February 2021 report, not to the June one)."""
    n = len(joined)
    closest, best = _closest(np.concatenate([rows, cols]), np.concatenate([cols, rows]), np.tile(weights, 2), n)
    lone = np.zeros(n, dtype=bool)
    lone[[g[0] for g in groups if len(g) == 1]] = True
    i = np.flatnonzero(lone & (closest > np.arange(n)) & (best >= floor))
    i = i[lone[closest[i]] & (closest[closest[i]] == i)]
    i = i[~days.too_wide(np.arange(n), n, i, closest[i])]
    if not len(i):
        return groups
    j = closest[i]
    for k in np.concatenate([i, j]).tolist():
        if joined[k] is None:
            joined[k] = (float(best[k]), "pair")
    paired = set(np.concatenate([i, j]).tolist())
    kept = [g for g in groups if len(g) > 1 or g[0] not in paired]
    return sorted(kept + [[a, b] for a, b in zip(i.tolist(), j.tolist())], key=lambda g: g[0])


def _attach_lone_items(rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, groups: list[list[int]],
                       item_sizes: np.ndarray, floor: float, joined: list[tuple[float, str] | None],
                       days: _Days) -> list[list[int]]:
    """Each item alone in its group joins the group of two items or more it is closest to
    (average similarity per article, missing pairs 0), when that average is at least
    ``floor`` and either ``LONE_SHARE`` of the group's cohesion (the average similarity of the
    pairs of its articles in different items) or ``CLEAR_MARGIN`` times the item's next
    closest group or item. Repeated while some item joins, all of one round's joins at once,
    so the result does not depend on the order of items.

    One threshold cannot suit every event: the reports of a story followed for weeks (DUC's
    long, undated articles) share fewer words than reports of one day's event, and a level
    that keeps apart two events on one topic leaves the story's later reports alone. A group
    whose own articles are loosely alike takes an article as loosely alike; a tight group (one
    event told by several outlets) takes only a close one. Items that are alone never join
    each other this way: without a group there is no cohesion to measure against.
    """
    n = len(item_sizes)
    size = np.asarray(item_sizes, dtype=np.float64)
    label = _labels(groups, n)
    n_groups = len(groups)
    lone = np.bincount(label, minlength=n_groups)[label] == 1
    touch = lone[rows] | lone[cols]
    article_pairs = weights * size[rows] * size[cols]
    # pairs between items grouped by the linkage stay inside their group: counted once
    settled = ~touch & (label[rows] == label[cols])
    base = np.bincount(label[rows[settled]], weights=article_pairs[settled], minlength=n_groups)
    r, c, pair_sums = rows[touch], cols[touch], article_pairs[touch]
    # int64: an item and a group number make one key below, which overflows the graph's int32
    ends = np.concatenate([r, c]).astype(np.int64)
    others = np.concatenate([c, r]).astype(np.int64)
    toward = np.tile(weights[touch], 2) * size[others]  # an end's similarity to the other's articles
    while True:
        n_items, articles, cohesion = _cohesion(label, size, n_groups, r, c, pair_sums, base)
        candidate = (n_items[label[ends]] == 1) & (label[others] != label[ends])
        if not candidate.any():
            break
        key, where = np.unique(ends[candidate] * n_groups + label[others[candidate]], return_inverse=True)
        item, group = key // n_groups, key % n_groups
        average = np.bincount(where, weights=toward[candidate], minlength=len(key)) / articles[group]
        first, second = _two_best(item, average, n)
        clear = (average >= first[item]) & (average >= CLEAR_MARGIN * second[item])
        ok = (n_items[group] > 1) & (average >= floor) & (clear | (average >= LONE_SHARE * cohesion[group]))
        ok &= ~days.too_wide(label, n_groups, label[item], group)
        if not ok.any():
            break
        closest, best = _closest(item[ok], group[ok], average[ok], n)
        joining = np.flatnonzero(closest >= 0)
        label[joining] = closest[joining]
        # which rule took it: the share of cohesion when it holds, else the clear margin
        by_share = best[joining] >= LONE_SHARE * cohesion[closest[joining]]
        for k, value, share in zip(joining.tolist(), best[joining].tolist(), by_share.tolist()):
            if joined[k] is None:
                joined[k] = (value, "cohesion" if share else "margin")
    return _from_labels(label)


def _linkage_by_component(n: int, rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, threshold: float,
                          joined: list[tuple[float, str] | None], item_sizes: np.ndarray, days: _Days) -> list[list[int]]:
    """``average_linkage`` over the whole graph, run one connected component at a time;
    ``item_sizes[i]`` is how many articles item i stands for.

    Two groups merge only when their average reaches the threshold, so when some pair between
    them does: groups never merge across components of the pairs at or above the threshold.
    Each component is clustered alone, with the pairs inside it; an article with no such pair
    is an event by itself without entering Python's loops. Groups come sorted by first member.
    """
    label, sizes, members, starts = _components(n, rows, cols, weights >= threshold)
    groups: list[list[int]] = [[i] for i in np.flatnonzero(sizes[label] == 1).tolist()]
    inside = label[rows] == label[cols]  # such a pair's component has two articles at least
    local = np.empty(n, dtype=np.int64)
    local[members] = np.arange(n) - starts[label[members]]
    edge_order = np.argsort(label[rows[inside]], kind="stable")
    e_rows, e_cols, e_weights = rows[inside][edge_order], cols[inside][edge_order], weights[inside][edge_order]
    e_starts = np.searchsorted(label[e_rows], np.arange(len(sizes) + 1))
    for c in np.flatnonzero(sizes > 1).tolist():
        ids = members[starts[c]:starts[c + 1]]
        a, b = e_starts[c], e_starts[c + 1]
        sub_joined: list[float | None] = [None] * len(ids)
        edges = zip(local[e_rows[a:b]].tolist(), local[e_cols[a:b]].tolist(), e_weights[a:b].tolist())
        for group in average_linkage(len(ids), edges, threshold=threshold, joined=sub_joined, sizes=item_sizes[ids].tolist(),
                                     days=(days.first[ids].tolist(), days.last[ids].tolist()), max_days=days.max_days):
            groups.append(ids[group].tolist())
        for k, value in zip(ids.tolist(), sub_joined):
            joined[k] = None if value is None else (value, "threshold")
    return sorted(groups, key=lambda g: g[0])


def _links(ordered: Sequence[Article], groups: list[list[int]], rows: np.ndarray, cols: np.ndarray,
           weights: np.ndarray, joined: list[tuple[float, str] | None],
           merged: list[tuple[float, str] | None]) -> list[tuple[Link, ...]]:
    """For each article: the merge that joined it and the rule that took it, the merge of its
    group with another when there was one, and its closest article (within its event when it
    has company, else anywhere; ties go to the earlier pair)."""
    n = len(ordered)
    group_of = _labels(groups, n)
    a = np.concatenate([rows, cols])
    b = np.concatenate([cols, rows])
    w = np.concatenate([weights, weights])
    pair = np.tile(np.arange(len(rows)), 2)
    inside = group_of[a] == group_of[b]
    anywhere = [x.tolist() for x in _closest(a, b, w, n, ties=pair)]
    within = [x.tolist() for x in _closest(a[inside], b[inside], w[inside], n, ties=pair[inside])]
    out = []
    for g in groups:
        closest, best = within if len(g) > 1 else anywhere
        out.append(tuple(
            Link(ordered[i].id, joined[i][0] if joined[i] else None, ordered[closest[i]].id if closest[i] >= 0 else None,
                 round(best[i], 4) if closest[i] >= 0 else None, joined[i][1] if joined[i] else None,
                 *(merged[i] or (None, None)))
            for i in g
        ))
    return out


def _top_terms(matrix: sp.csr_matrix, groups: list[list[int]], vocabulary: Vocabulary, n_terms: int) -> list[tuple[str, ...]]:
    """Each group's heaviest terms in the sum of its articles' vectors, all groups in one product."""
    if matrix.shape[1] == 0:
        return [()] * len(groups)
    rows = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
    cols = np.concatenate([np.asarray(g) for g in groups]) if groups else np.zeros(0, dtype=int)
    membership = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(groups), matrix.shape[0]))
    centroids = (membership @ matrix).tocsr()
    row, best = _heaviest_first(centroids, n_terms)
    columns = centroids.indices[best]
    used = np.unique(columns)
    word = dict(zip(used.tolist(), vocabulary.words(used)))
    cuts = np.searchsorted(row[best], np.arange(len(groups) + 1)).tolist()
    columns = columns.tolist()
    return [tuple(word[c] for c in columns[cuts[k]:cuts[k + 1]]) for k in range(len(groups))]
