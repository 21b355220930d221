import datetime as dt
import random

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster, linkage

from summarizer.events.grouping import (Joins, _attach_lone_articles, _merge_loose_groups, _pair_lone_articles,
                                        _two_best, average_linkage, closest, fits, group_articles)
from summarizer.events.similarity import Times


def undated(n, span=3.0):
    """Times of n undated articles that could have been written any day."""
    return Times(np.full(n, np.inf), np.full(n, -np.inf), np.full(n, -np.inf), np.full(n, 0xFFF), span)


def dated(days, span=3.0):
    """Times of articles dated ``days`` (NaN: undated)."""
    days = np.asarray(days, dtype=float)
    return Times(np.where(np.isnan(days), np.inf, days), np.where(np.isnan(days), -np.inf, days), np.full(len(days), -np.inf),
                 np.full(len(days), 0xFFF), span)


@pytest.mark.parametrize("n, edges, threshold, expected", [
    (4, [(0, 1, 0.9), (1, 2, 0.5), (2, 3, 0.1)], 0.2, [[0, 1, 2], [3]]),
    (3, [(0, 1, 0.9), (1, 2, 0.9)], 0.4, [[0, 1, 2]]),  # then (0 + 0.9) / 2 = 0.45
    (3, [(0, 1, 0.9), (1, 2, 0.6)], 0.5, [[0, 1], [2]]),  # average of 0.6 and 0 (missing) is 0.3
    (3, [], 0.1, [[0], [1], [2]]),
    (0, [], 0.1, []),
])
def test_average_linkage(n, edges, threshold, expected):
    assert average_linkage(n, edges, threshold=threshold) == expected


def scipy_average_linkage(n, i, j, w, threshold):
    """The same clustering by scipy, on a dense matrix of distances 1 - similarity."""
    distances = np.ones((n, n))
    distances[i, j] = distances[j, i] = 1.0 - w
    np.fill_diagonal(distances, 0.0)
    merges = linkage(distances[np.triu_indices(n, 1)], method="average")
    labels = fcluster(merges, 1.0 - threshold, criterion="distance")
    first_merge = {int(k): 1.0 - d for a, b, d, _ in merges for k in (a, b) if k < n and d <= 1.0 - threshold}
    return sorted(np.flatnonzero(labels == x).tolist() for x in set(labels.tolist())), first_merge


@pytest.mark.parametrize("seed", range(5))
def test_average_linkage_matches_scipy_on_random_graphs(seed):
    rng = np.random.default_rng(seed)
    n = 300
    i, j = rng.integers(0, n, 3000), rng.integers(0, n, 3000)
    i, j = np.minimum(i, j)[i != j], np.maximum(i, j)[i != j]
    _, first = np.unique(i * n + j, return_index=True)  # one weight per pair, as the graph has
    i, j = i[first], j[first]
    w = rng.random(len(i)) ** 3
    joined = [None] * n
    ours = average_linkage(n, zip(i.tolist(), j.tolist(), w.tolist()), threshold=0.2, joined=joined)
    groups, first_merge = scipy_average_linkage(n, i, j, w, 0.2)
    assert sorted(ours) == groups and any(len(g) > 2 for g in groups)
    assert {k: v for k, v in enumerate(joined) if v is not None} == pytest.approx(first_merge)


def test_average_linkage_records_when_each_item_joined():
    joined = [None] * 4
    average_linkage(4, [(0, 1, 0.9), (1, 2, 0.5), (2, 3, 0.1)], threshold=0.2, joined=joined)
    assert joined[:2] == [0.9, 0.9] and joined[2] == pytest.approx(0.25) and joined[3] is None


@pytest.mark.parametrize("seed, expected", [
    (None, [[0, 1], [2, 3]]),
    (0.3, [[0, 1], [2], [3]]),  # 2's closest is 1: the pair 2-3 at 0.25 is contested
    (0.2, [[0, 1], [2, 3]]),  # ... but alike enough to start a group anyway
])
def test_two_articles_alone_start_a_group_when_each_others_closest_or_alike_enough(seed, expected):
    # 0-1 at 0.8; 2 is closest to 1 (0.3) but 1 is taken; 2-3 at 0.25, 3's closest is 2
    edges = [(0, 1, 0.8), (1, 2, 0.3), (2, 3, 0.25)]
    assert sorted(average_linkage(4, edges, threshold=0.2, seed=seed)) == expected


def test_average_linkage_keeps_a_group_within_its_days():
    # 0 and 1 are a week apart; 2 is undated and as close to both
    edges = [(0, 1, 0.9), (0, 2, 0.5), (1, 2, 0.5)]
    assert average_linkage(3, edges, threshold=0.2) == [[0, 1, 2]]
    assert sorted(average_linkage(3, edges, threshold=0.2, times=dated([0.0, 7.0, np.nan]))) == [[0, 2], [1]]
    assert average_linkage(3, edges, threshold=0.2, times=dated([0.0, 7.0, np.nan], span=7.0)) == [[0, 1, 2]]


FEB_26 = float(dt.date(2021, 2, 26).toordinal())
JUNE_TO_JANUARY = sum(1 << (month - 1) for month in (6, 7, 8, 9, 10, 11, 12, 1))


@pytest.mark.parametrize("first, last, earliest, months, fit", [
    (10.0, 10.0, -np.inf, 0xFFF, True),  # one day
    (10.0, 13.0, -np.inf, 0xFFF, True), (10.0, 14.0, -np.inf, 0xFFF, False),  # four days apart, with a span of three
    (10.0, 10.0, 13.0, 0xFFF, True), (10.0, 10.0, 14.0, 0xFFF, False),  # an undated one written on day 14 or later
    (np.inf, -np.inf, 9e9, 0, True),  # nothing dated: no window counts, the text decides
    (FEB_26, FEB_26, -np.inf, JUNE_TO_JANUARY, False),  # 26 February 2021, and an article written June to January
    (FEB_26, FEB_26, -np.inf, 0b110, True),  # ... written in February or March
])
def test_fits(first, last, earliest, months, fit):
    assert fits(first, last, earliest, months, 3.0) is fit


def attach_to_a_group(within, other, times=None):
    """Articles 0-2 grouped with each other at `within`; article 3 alone, 0.12 from each of them,
    and `other` from article 4, also alone (no pair when 0). The groups after
    _attach_lone_articles, and how each article joined."""
    rows, cols = np.array([0, 0, 1, 0, 1, 2, 3]), np.array([1, 2, 2, 3, 3, 3, 4])
    weights = np.array([within] * 3 + [0.12] * 3 + [other])
    keep = weights > 0
    joins = Joins(5)
    groups = _attach_lone_articles(rows[keep], cols[keep], weights[keep], [[0, 1, 2], [3], [4]], 0.05, joins,
                                   times or undated(5))
    return groups, joins.joined


@pytest.mark.parametrize("within, joins", [(0.19, True), (0.6, False)])
def test_an_article_left_alone_joins_a_group_as_loose_as_its_link(within, joins):
    # article 3 is 0.1 from article 4: the group is not clearly its closest, so its cohesion decides
    groups, joined = attach_to_a_group(within, 0.1)
    assert groups == ([[0, 1, 2, 3], [4]] if joins else [[0, 1, 2], [3], [4]])
    assert joined[3] == ((pytest.approx(0.12), "cohesion") if joins else None)


@pytest.mark.parametrize("other, joins", [(0.07, True), (0.1, False), (0.0, True)])
def test_an_article_left_alone_joins_a_tight_group_that_is_clearly_its_closest(other, joins):
    # a group at 0.6, article 3 at a fifth of that: it joins when the group is at least 1.5
    # times as close as article 4
    groups, joined = attach_to_a_group(0.6, other)
    assert groups == ([[0, 1, 2, 3], [4]] if joins else [[0, 1, 2], [3], [4]])
    assert joined[3] == ((pytest.approx(0.12), "margin") if joins else None)


@pytest.mark.parametrize("day, joins", [(3.0, True), (10.0, False), (np.nan, True)])
def test_an_article_left_alone_joins_no_group_days_away(day, joins):
    # the loose group, dated day 0; article 3 dated `day` (NaN: undated), article 4 undated
    times = dated([0.0, 0.0, 0.0, day, np.nan])
    assert attach_to_a_group(0.19, 0.1, times)[0] == ([[0, 1, 2, 3], [4]] if joins else [[0, 1, 2], [3], [4]])


def test_an_article_alone_joins_its_group_among_more_articles_than_an_int32_key_holds():
    # 70,000 articles alone but three: an article and a group number as one key pass 2**31
    n = 70_000
    rows, cols = np.array([0, 0, 1], dtype=np.int32), np.array([1, n - 1, n - 1], dtype=np.int32)
    groups = [[0, 1]] + [[k] for k in range(2, n)]
    joins = Joins(n)
    got = _attach_lone_articles(rows, cols, np.array([0.5, 0.3, 0.3]), groups, 0.05, joins, undated(n))
    assert got[0] == [0, 1, n - 1] and len(got) == n - 2 and joins.joined[n - 1] == (pytest.approx(0.3), "cohesion")


def test_alone_articles_join_whatever_their_order():
    # two loose groups and lone articles between them; relabelling the articles changes nothing
    rng = random.Random(5)
    n = 12
    pairs = {(i, j): rng.uniform(0.05, 0.3) for i in range(n) for j in range(i + 1, n) if rng.random() < 0.5}
    start = [[0, 1, 2], [3, 4, 5, 6]] + [[k] for k in range(7, n)]
    permutation = list(range(n))
    rng.shuffle(permutation)
    results = []
    for relabel in (list(range(n)), permutation):
        rows = np.array([relabel[i] for i, _ in pairs])
        cols = np.array([relabel[j] for _, j in pairs])
        groups = sorted((sorted(relabel[i] for i in g) for g in start), key=lambda g: g[0])
        out = _attach_lone_articles(rows, cols, np.array(list(pairs.values())), groups, 0.05, Joins(n), undated(n))
        back = {v: k for k, v in enumerate(relabel)}
        results.append(sorted(sorted(back[i] for i in g) for g in out))
    assert results[0] == results[1] and len(results[0]) < len(start)


def test_lone_articles_that_are_each_others_closest_pair_up():
    # 0-1 a group; 2 and 3 alone and each other's closest; 4 alone, closest to the group
    rows, cols = np.array([0, 2, 0, 3, 1]), np.array([1, 3, 4, 4, 2])
    weights = np.array([0.5, 0.12, 0.15, 0.1, 0.05])
    joins = Joins(5)
    groups = _pair_lone_articles(rows, cols, weights, [[0, 1], [2], [3], [4]], 0.1, joins, undated(5))
    assert groups == [[0, 1], [2, 3], [4]] and joins.joined[2:] == [(0.12, "pair"), (0.12, "pair"), None]
    assert _pair_lone_articles(rows, cols, weights, [[0, 1], [2], [3], [4]], 0.13, Joins(5), undated(5)) == [[0, 1], [2], [3], [4]]


@pytest.mark.parametrize("alike, pair", [(0.11, True), (0.09, False)])
def test_lone_articles_each_others_closest_pair_from_two_thirds_of_the_threshold(alike, pair):
    # 0-1 a group; 2 and 3 alone, each other's closest at `alike`, with a threshold of 0.15
    rows, cols, weights = np.array([0, 2, 1]), np.array([1, 3, 2]), np.array([0.5, alike, 0.02])
    got = group_articles(4, rows, cols, weights, threshold=0.15, times=undated(4), joins=Joins(4))
    assert got == ([[0, 1], [2, 3]] if pair else [[0, 1], [2], [3]])


@pytest.mark.parametrize("within, merge", [(0.2, True), (0.5, False)])
def test_two_loose_groups_each_others_closest_merge(within, merge):
    # groups 0-1 and 2-3, each alike at `within`; every pair across at 0.13
    rows, cols = np.array([0, 2, 0, 0, 1, 1]), np.array([1, 3, 2, 3, 2, 3])
    weights = np.array([within, within, 0.13, 0.13, 0.13, 0.13])
    joins = Joins(4)
    groups = _merge_loose_groups(rows, cols, weights, [[0, 1], [2, 3]], undated(4), joins)
    assert groups == ([[0, 1, 2, 3]] if merge else [[0, 1], [2, 3]])
    # what --explain says: of two groups alike in size, the later merged into the other
    assert joins.merged == ([None, None, (0.13, "cohesion"), (0.13, "cohesion")] if merge else [None] * 4)


def test_closest_and_two_best_per_end_with_ties():
    ends, others = np.array([0, 0, 0, 1, 1, 3]), np.array([5, 2, 4, 0, 3, 1])
    values = np.array([0.5, 0.9, 0.9, 0.2, 0.2, 0.7])
    nearest, best = closest(ends, others, values, 5)
    assert nearest.tolist() == [2, 0, -1, 1, -1] and best.tolist() == [0.9, 0.2, 0.0, 0.7, 0.0]
    assert closest(ends, others, values, 5, ties=np.array([0, 9, 1, 3, 2, 0]))[0].tolist() == [4, 3, -1, 1, -1]
    first, second = _two_best(ends, values, 5)
    assert first.tolist() == [0.9, 0.2, 0.0, 0.7, 0.0] and second.tolist() == [0.9, 0.2, 0.0, 0.0, 0.0]
    first, second = _two_best(ends[1:], np.array([0.9, 0.4, 0.2, 0.1, 0.7]), 5)
    assert first.tolist()[:2] == [0.9, 0.2] and second.tolist()[:2] == [0.4, 0.1]
