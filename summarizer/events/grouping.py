"""How groups form: average linkage, then rules relative to each group's own cohesion.

1. Articles merge by average linkage while some pair of groups averages ``threshold`` or more
   (a nearest-neighbour chain over the sparse graph; missing pairs count as 0). Two articles
   alone start a group only when each is the other's closest article, or when they are
   ``MARGIN`` times the threshold alike: a weaker pair that a closer match contests is not
   evidence of an event.
2. One threshold cannot suit every event: the reports of a story followed for weeks share
   fewer words than reports of one day's event. So an article left alone joins the group it is
   closest to when its average similarity to it reaches ``SHARE`` of the group's cohesion (the
   average similarity of the group's own articles), or ``MARGIN`` times anything else it could
   join; two groups that are each other's closest merge when their average reaches ``SHARE``
   of the tighter one's cohesion; and two articles still alone that are each
   other's closest pair up. These rules never join below the threshold divided by ``MARGIN``:
   the rules relative to cohesion work within a factor ``MARGIN`` of the threshold, both ways.
3. No step makes a group whose articles could not all have been written within the span that
   ``Times`` allows.

Each join is recorded (the average it took, the rule that took it) for ``--explain``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from ..parallel import in_halves
from .candidates import PARALLEL_ROWS
from .similarity import Times

__all__ = ["average_linkage", "group_articles", "closest", "labels_of", "fits", "Joins", "SHARE", "MARGIN"]

# An article alone joins a group, and two groups merge, when their average similarity reaches
# this share of the (tighter) group's cohesion: a loose story takes loosely alike reports, a
# tight one (one event told by several outlets) only close ones.
SHARE = 0.6
# ... or when the group is this many times closer to it than anything else it could join. Two
# articles alone that are not each other's closest start a group at this many times the
# threshold; no rule joins below the threshold divided by it.
MARGIN = 1.5


class Joins:
    """How each article came to be in its group: ``joined[i]``, the average similarity of the
    merge that first joined it to others and the rule that took it; ``merged[i]``, when its
    group then merged with another as the smaller side, that merge's average and rule."""

    def __init__(self, n: int):
        self.joined: list[tuple[float, str] | None] = [None] * n
        self.merged: list[tuple[float, str] | None] = [None] * n

    def join(self, i: int, value: float, rule: str) -> None:
        if self.joined[i] is None:
            self.joined[i] = (value, rule)


def average_linkage(n: int, edges: Iterable[tuple[int, int, float]], *, threshold: float,
                    joined: list[float | None] | None = None, times: Times | None = None,
                    seed: float | None = None) -> list[list[int]]:
    """Groups of ``range(n)`` by average linkage over a sparse graph; missing edges are 0.

    Groups merge while some pair's average similarity reaches ``threshold``, each time the
    pair whose average is highest among their own neighbours (a nearest-neighbour chain, which
    gives the same groups as always merging the best pair overall: average linkage can only
    lower a group's best average when other groups merge). Near-linear in the edges: the group
    with fewer neighbours is merged into the one with more, so an edge moves O(log n) times; a
    group's best neighbour is found by one pass over its neighbours. ``joined``, when given (a
    list of n Nones), receives for each item the average similarity of the merge that first
    joined it to others. ``times``, when given, bounds when each item was written: two groups
    whose items could not all have been written within ``times.span`` days never merge.
    ``seed``, when given: two items alone merge only when each is the other's closest item, or
    at ``seed`` or more.

    >>> average_linkage(4, [(0, 1, 0.9), (1, 2, 0.5), (2, 3, 0.1)], threshold=0.2)
    [[0, 1, 2], [3]]
    """
    size = [1] * n
    if times is not None:
        first, last, earliest, months = times.first.tolist(), times.last.tolist(), times.earliest.tolist(), times.months.tolist()
    sums: list[dict[int, float]] = [dict() for _ in range(n)]
    for i, j, w in edges:
        if i != j and w > 0:
            sums[i][j] = sums[i].get(j, 0.0) + w
            sums[j][i] = sums[j].get(i, 0.0) + w
    # each item's closest item (ties to the lower number), for the rule on two items alone
    nearest = [min(s.items(), key=lambda kv: (-kv[1], kv[0]))[0] if s else -1 for s in sums] if seed is not None else []
    members: list[list[int] | None] = [[i] for i in range(n)]
    done = [False] * n  # its best average is below the threshold: it never merges again

    def may_merge(a: int, c: int, value: float) -> bool:
        if seed is not None and size[a] == 1 and size[c] == 1 and value < seed and not (nearest[a] == c and nearest[c] == a):
            return False
        return times is None or fits(min(first[a], first[c]), max(last[a], last[c]), max(earliest[a], earliest[c]),
                                     months[a] & months[c], times.span)

    def best_neighbour(a: int, previous: int) -> int | None:
        best, best_value = None, threshold
        for c, w in sums[a].items():
            value = w / (size[a] * size[c])
            if value < best_value or not may_merge(a, c, value):
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
                if times is not None:
                    first[large], last[large] = min(first[large], first[small]), max(last[large], last[small])
                    earliest[large], months[large] = max(earliest[large], earliest[small]), months[large] & months[small]
                sums[large].pop(small, None)
                for c, w in sums[small].items():
                    if c != large:
                        del sums[c][small]
                        sums[large][c] = sums[c][large] = sums[large].get(c, 0.0) + w
                sums[small] = {}
                queue.append(large)
    return [sorted(m) for m in members if m is not None]


def fits(first: float, last: float, earliest: float, months: int, span: float) -> bool:
    """``Times.compatible`` for one pair: whether articles dated from ``first`` to ``last``
    (inf and -inf when none is dated) and undated ones written no sooner than ``earliest`` and
    in ``months`` only could all have been written within ``span`` days.

    >>> fits(10.0, 10.0, -np.inf, 0xFFF, 3.0), fits(10.0, 14.0, -np.inf, 0xFFF, 3.0), fits(np.inf, -np.inf, 9e9, 0, 3.0)
    (True, False, True)
    """
    if not np.isfinite(first):
        return True  # no date places the group: the text alone decides
    if last - first > span or earliest > first + span:
        return False
    if months == 0xFFF:
        return True
    a, b = dt.date.fromordinal(int(last - span)), dt.date.fromordinal(int(first + span))
    count = min(12, (b.year - a.year) * 12 + b.month - a.month + 1)
    if count <= 0:
        return False
    bits = ((1 << count) - 1) << (a.month - 1)
    return (months & (bits | (bits >> 12)) & 0xFFF) != 0


def group_articles(n: int, rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, *, threshold: float,
                   times: Times, joins: Joins) -> list[list[int]]:
    """Groups of ``range(n)`` from the similarity graph (pairs ``rows[k]``, ``cols[k]`` at
    ``weights[k]``; upper triangle), as the module's docstring tells; groups sorted by first
    member, members in order. ``joins`` gets how each article joined its group.

    >>> t = Times(np.full(4, np.inf), np.full(4, -np.inf), np.full(4, -np.inf), np.full(4, 0xFFF), 3.0)
    >>> group_articles(4, np.array([0, 1, 2]), np.array([1, 2, 3]), np.array([0.6, 0.5, 0.05]),
    ...                threshold=0.15, times=t, joins=Joins(4))
    [[0, 1, 2], [3]]
    """
    floor = threshold / MARGIN
    groups = _linkage_by_component(n, rows, cols, weights, threshold, joins, times)
    groups = _attach_lone_articles(rows, cols, weights, groups, floor, joins, times)
    groups = _merge_loose_groups(rows, cols, weights, groups, times, joins)
    return _pair_lone_articles(rows, cols, weights, groups, floor, joins, times)


def _linkage_by_component(n: int, rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, threshold: float,
                          joins: Joins, times: Times) -> list[list[int]]:
    """``average_linkage`` over the whole graph, run one connected component at a time.

    Two groups merge only when their average reaches the threshold, so when some pair between
    them does: groups never merge across components of the pairs at or above the threshold.
    Each component is clustered alone, with the pairs inside it (an article's closest is in its
    component); an article with no such pair is an event by itself without entering Python's
    loops. Above ``PARALLEL_ROWS`` articles, half of the components are clustered in a forked
    process. Groups come sorted by first member.
    """
    label, sizes, members, starts = _components(n, rows, cols, weights >= threshold)
    groups: list[list[int]] = [[i] for i in np.flatnonzero(sizes[label] == 1).tolist()]
    inside = label[rows] == label[cols]  # such a pair's component has two articles at least
    local = np.empty(n, dtype=np.int64)
    local[members] = np.arange(n) - starts[label[members]]
    edge_order = np.argsort(label[rows[inside]], kind="stable")
    e_rows, e_cols, e_weights = rows[inside][edge_order], cols[inside][edge_order], weights[inside][edge_order]
    e_starts = np.searchsorted(label[e_rows], np.arange(len(sizes) + 1))

    def cluster(components: Sequence[int]) -> list[tuple[list[list[int]], list[tuple[int, float]]]]:
        out = []
        for c in components:
            ids = members[starts[c]:starts[c + 1]]
            a, b = e_starts[c], e_starts[c + 1]
            sub_joined: list[float | None] = [None] * len(ids)
            edges = zip(local[e_rows[a:b]].tolist(), local[e_cols[a:b]].tolist(), e_weights[a:b].tolist())
            found = average_linkage(len(ids), edges, threshold=threshold, joined=sub_joined, times=times.subset(ids),
                                    seed=MARGIN * threshold)
            out.append(([ids[g].tolist() for g in found],
                        [(k, v) for k, v in zip(ids.tolist(), sub_joined) if v is not None]))
        return out

    components = np.flatnonzero(sizes > 1).tolist()
    halves = in_halves(cluster, components, sizes=(e_starts[c + 1] - e_starts[c] for c in components),
                       worth_it=n > PARALLEL_ROWS)
    for found, joined in halves[0] + halves[1]:
        groups += found
        for k, value in joined:
            joins.joined[k] = (value, "threshold")
    return sorted(groups, key=lambda g: g[0])


def _attach_lone_articles(rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, groups: list[list[int]],
                          floor: float, joins: Joins, times: Times) -> list[list[int]]:
    """Each article alone joins the group of two articles or more it is closest to (average
    similarity, missing pairs 0), when that average is at least ``floor`` and either
    ``SHARE`` of the group's cohesion or ``MARGIN`` times the article's next closest group or
    article. Repeated while some article joins, all of one round's joins at once, so the result
    does not depend on the order of articles. Articles alone never join each other this way:
    without a group there is no cohesion to measure against.
    """
    n = len(joins.joined)
    label = labels_of(groups, n)
    n_groups = len(groups)
    lone = np.bincount(label, minlength=n_groups)[label] == 1
    touch = lone[rows] | lone[cols]
    # pairs between articles grouped by the linkage stay inside their group: counted once
    settled = ~touch & (label[rows] == label[cols])
    base = np.bincount(label[rows[settled]], weights=weights[settled], minlength=n_groups)
    r, c, w = rows[touch], cols[touch], weights[touch]
    # int64: an article and a group number make one key below, which overflows the graph's int32
    ends = np.concatenate([r, c]).astype(np.int64)
    others = np.concatenate([c, r]).astype(np.int64)
    toward = np.tile(w, 2)
    while True:
        sizes, cohesion = _cohesion(label, n_groups, r, c, w, base)
        candidate = (sizes[label[ends]] == 1) & (label[others] != label[ends])
        if not candidate.any():
            break
        key, where = np.unique(ends[candidate] * n_groups + label[others[candidate]], return_inverse=True)
        article, group = key // n_groups, key % n_groups
        average = np.bincount(where, weights=toward[candidate], minlength=len(key)) / sizes[group]
        first, second = _two_best(article, average, n)
        clear = (average >= first[article]) & (average >= MARGIN * second[article])
        ok = (sizes[group] > 1) & (average >= floor) & (clear | (average >= SHARE * cohesion[group]))
        ok &= times.of_groups(label, n_groups).compatible(label[article], group)
        if not ok.any():
            break
        best_group, best = closest(article[ok], group[ok], average[ok], n)
        joining = np.flatnonzero(best_group >= 0)
        label[joining] = best_group[joining]
        # which rule took it: the share of cohesion when it holds, else the clear margin
        by_share = best[joining] >= SHARE * cohesion[best_group[joining]]
        for k, value, is_share in zip(joining.tolist(), best[joining].tolist(), by_share.tolist()):
            joins.join(k, value, "cohesion" if is_share else "margin")
    return _from_labels(label)


def _merge_loose_groups(rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, groups: list[list[int]],
                        times: Times, joins: Joins) -> list[list[int]]:
    """Two groups of two articles or more that are each other's closest group (average
    similarity per pair of articles; ties to the lower number) merge when that average is at
    least ``SHARE`` of the tighter group's cohesion; repeated while some pair merges: the
    parts of one loose story are about as alike across as within.

    ``joins.merged`` gets for each article of the group with fewer articles (of two alike, the
    later) the average at which its group merged; a later merge of the whole replaces it for
    the articles of the smaller side."""
    n = len(joins.joined)
    label = labels_of(groups, n)
    n_groups = len(groups)
    while True:
        sizes, cohesion = _cohesion(label, n_groups, rows, cols, weights)
        a, b = label[rows], label[cols]
        across = (a != b) & (sizes[a] > 1) & (sizes[b] > 1)
        if not across.any():
            break
        key, where = np.unique(np.minimum(a[across], b[across]) * n_groups + np.maximum(a[across], b[across]),
                               return_inverse=True)
        low, high = key // n_groups, key % n_groups
        average = np.bincount(where, weights=weights[across], minlength=len(key)) / (sizes[low] * sizes[high])
        ok = (average >= SHARE * np.maximum(cohesion[low], cohesion[high])) & times.of_groups(label, n_groups).compatible(low, high)
        ends, others, values = np.concatenate([low[ok], high[ok]]), np.concatenate([high[ok], low[ok]]), np.tile(average[ok], 2)
        nearest = closest(ends, others, values, n_groups)[0]
        mutual = np.flatnonzero((nearest >= 0) & (nearest > np.arange(n_groups)))
        mutual = mutual[nearest[nearest[mutual]] == mutual]
        if not len(mutual):
            break
        at = np.searchsorted(key, mutual * n_groups + nearest[mutual])  # each merging pair's place in key
        smaller = np.where(sizes[low[at]] < sizes[high[at]], low[at], high[at])
        value = np.full(n_groups, np.nan)
        value[smaller] = average[at]
        for i in np.flatnonzero(~np.isnan(value[label])).tolist():
            joins.merged[i] = (float(value[label[i]]), "cohesion")
        into = np.arange(n_groups)
        into[nearest[mutual]] = mutual
        label = into[label]
    return _from_labels(label)


def _pair_lone_articles(rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, groups: list[list[int]],
                        floor: float, joins: Joins, times: Times) -> list[list[int]]:
    """Two articles still alone that are each other's closest article anywhere (ties to the
    lower number), at ``floor`` or more, form a group: two reports of one event that no other
    article comes closer to. An article whose closest article is in a group stays alone."""
    n = len(joins.joined)
    nearest, best = closest(np.concatenate([rows, cols]), np.concatenate([cols, rows]), np.tile(weights, 2), n)
    lone = np.zeros(n, dtype=bool)
    lone[[g[0] for g in groups if len(g) == 1]] = True
    i = np.flatnonzero(lone & (nearest > np.arange(n)) & (best >= floor))
    i = i[lone[nearest[i]] & (nearest[nearest[i]] == i)]
    i = i[times.compatible(i, nearest[i])]
    if not len(i):
        return groups
    j = nearest[i]
    for k in np.concatenate([i, j]).tolist():
        joins.join(k, float(best[k]), "pair")
    paired = set(np.concatenate([i, j]).tolist())
    kept = [g for g in groups if len(g) > 1 or g[0] not in paired]
    return sorted(kept + [[a, b] for a, b in zip(i.tolist(), j.tolist())], key=lambda g: g[0])


def _cohesion(label: np.ndarray, n_groups: int, rows: np.ndarray, cols: np.ndarray, weights: np.ndarray,
              base: np.ndarray | float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Per group: how many articles it has, and its cohesion (``base`` plus the ``weights`` of
    the pairs inside it, over its pairs of articles; infinite for a group of one)."""
    sizes = np.bincount(label, minlength=n_groups).astype(np.float64)
    inside = label[rows] == label[cols]
    internal = base + np.bincount(label[rows[inside]], weights=weights[inside], minlength=n_groups)
    pairs = sizes * (sizes - 1) / 2
    return sizes, np.where(sizes > 1, internal / np.maximum(pairs, 1), np.inf)


def closest(ends: np.ndarray, others: np.ndarray, values: np.ndarray, n: int,
            ties: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``range(n)``: the other end of its heaviest pair (-1 when it has none; ties
    to the lowest ``ties``, by default the lower number) and that pair's value.

    Maxima and minima gathered per end, not a sort of all pairs: a twentieth of the time.

    >>> [x.tolist() for x in closest(np.array([0, 1, 0]), np.array([1, 0, 2]), np.array([0.5, 0.5, 0.7]), 3)]
    [[2, 0, -1], [0.7, 0.5, 0.0]]
    """
    best = np.full(n, -np.inf)
    np.maximum.at(best, ends, values)
    heaviest = np.flatnonzero(values == best[ends])
    key = (others if ties is None else ties)[heaviest]
    lowest = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(lowest, ends[heaviest], key)
    chosen = heaviest[key == lowest[ends[heaviest]]]
    nearest = np.full(n, -1)
    nearest[ends[chosen]] = others[chosen]
    value = np.zeros(n)
    value[ends[chosen]] = values[chosen]
    return nearest, value


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


def _components(n: int, rows: np.ndarray, cols: np.ndarray, keep: np.ndarray,
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Connected components of the pairs ``keep`` selects: each article's component, each
    component's size, the articles by component (in order within each), and where each
    component's articles start in that list."""
    links = sp.coo_matrix((np.ones(int(keep.sum())), (rows[keep], cols[keep])), shape=(n, n))
    _, label = connected_components(links, directed=False)
    sizes = np.bincount(label)
    return label, sizes, np.argsort(label, kind="stable"), np.concatenate(([0], np.cumsum(sizes)))


def labels_of(groups: list[list[int]], n: int) -> np.ndarray:
    """Each article's group number."""
    label = np.empty(n, dtype=np.int64)
    for k, g in enumerate(groups):
        label[g] = k
    return label


def _from_labels(label: np.ndarray) -> list[list[int]]:
    """Groups from each article's group number, in order of first article."""
    order = np.argsort(label, kind="stable")
    cuts = np.flatnonzero(np.diff(label[order])) + 1
    return sorted((part.tolist() for part in np.split(order, cuts) if len(part)), key=lambda g: g[0])
