"""Articles -> events. The model is described on one page: docs/events.md.

- ``similarity``: what makes two articles alike (TF-IDF cosine times a time decay), and when
  an event's articles could have been written;
- ``candidates``: who is compared with whom, without an n x n matrix;
- ``grouping``: how groups form (average linkage, then rules relative to cohesion).

Articles are compared only within their language; a page that holds a site's notice instead
of a report (``Article.notice``) stands alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from ..config import Settings
from ..language import detect_languages
from ..model import Article, Event, Link
from ..parallel import both, halfway
from ..vectors import Vocabulary
from .candidates import GRAPH_FLOOR, PARALLEL_ROWS, heaviest_first, similarity_graph
from .grouping import Joins, closest, group_articles, labels_of
from .similarity import Times, article_vectors, pair_similarity

__all__ = ["cluster_events", "article_languages", "event_id"]

_Found = tuple[int, tuple[Article, ...], tuple[str, ...], tuple[Link, ...]]


def article_languages(articles: Sequence[Article]) -> list[str]:
    """Each article's language: as ingest detected it, else detected now."""
    missing = [k for k, a in enumerate(articles) if not a.language]
    found = dict(zip(missing, detect_languages([articles[k].text for k in missing]))) if missing else {}
    return [a.language or found[k] for k, a in enumerate(articles)]


def cluster_events(articles: Sequence[Article], *, settings: Settings = Settings(), n_terms: int = 8,
                   explain: bool = True) -> tuple[Event, ...]:
    """Group articles into events.

    Parameters
    ----------
    articles : the articles, in any order (the result does not depend on it).
    settings : ``cluster_threshold`` and ``time_sigma_days`` are used.
    n_terms : how many top terms each event carries.
    explain : whether each event carries its ``links`` (how each article joined it); without,
        a large input is grouped a little faster.

    Returns
    -------
    Events (no summary yet) in order of their first article id, each with an id of its own
    (``event_id``: the same whatever else the input holds).

    >>> from summarizer.ingest import load_articles
    >>> events = cluster_events(load_articles(["corpus"])[0])
    >>> sorted(sorted(a.id[:3] for a in e.articles) for e in events)
    [['000', '001', '002'], ['003'], ['004']]
    """
    order = sorted(range(len(articles)), key=lambda k: (articles[k].id, k))
    ordered = [articles[k] for k in order]
    languages = article_languages(ordered)
    # a site's notice (see Article.notice) tells nothing of its page's event: it stands alone
    found: list[_Found] = [(k, (a,), (), (Link(a.id, None, None, None),) if explain else ()) for k, a in enumerate(ordered)
                           if a.notice]
    for language in sorted({lang for lang, a in zip(languages, ordered) if not a.notice}):
        positions = [k for k, a in enumerate(ordered) if not a.notice and languages[k] == language]
        found += _cluster_language([ordered[k] for k in positions], positions, language, settings, n_terms, explain)
    found.sort(key=lambda event: event[0])
    ids = unique_ids([event_id(members) for _, members, _, _ in found])
    return tuple(Event(id=i, articles=members, terms=terms, links=links) for i, (_, members, terms, links) in zip(ids, found))


def event_id(articles: Sequence[Article]) -> str:
    """An event's id, from the event itself: "e" and twelve hexadecimal digits of the BLAKE2b
    hash of its earliest article's id (by date, undated after dated, then id). Another
    order, other events in the input, --top or --order change nothing; an article that joins
    the event earlier than its first does.

    >>> event_id([Article("b", "x", date=dt.date(2021, 2, 27)), Article("a", "y", date=dt.date(2021, 2, 26))])
    'e433911c6eb0d'
    """
    first = min(articles, key=lambda a: (a.date is None, a.date or dt.date.min, a.id))
    return "e" + hashlib.blake2b(first.id.encode("utf-8"), digest_size=6).hexdigest()


def unique_ids(ids: Sequence[str]) -> list[str]:
    """``ids`` with a repeat (two events whose first articles' hashes collide) numbered
    "-2", "-3", ... in order.

    >>> unique_ids(["ea", "eb", "ea"])
    ['ea', 'eb', 'ea-2']
    """
    seen: dict[str, int] = {}
    out = []
    for i in ids:
        seen[i] = seen.get(i, 0) + 1
        out.append(i if seen[i] == 1 else f"{i}-{seen[i]}")
    return out


def _cluster_language(ordered: Sequence[Article], positions: Sequence[int], language: str, settings: Settings,
                      n_terms: int, explain: bool) -> list[_Found]:
    """The events of ``ordered`` (sorted by id, all in ``language``): for each, the position
    (in ``positions``) of its first article, its articles, top terms and links."""
    vectors, vocabulary = article_vectors(ordered, language=language)
    sigma = settings.time_sigma_days
    graph = similarity_graph(vectors.matrix, floor=GRAPH_FLOOR * settings.cluster_threshold, index=vectors.index)
    rows, cols = graph.row, graph.col
    weights = pair_similarity(ordered, vectors, rows, cols, graph.data, sigma_days=sigma, threshold=settings.cluster_threshold)
    # an event's articles were all written within one time sigma of each other (3 days by
    # default): a story followed over three or four days is one event, a weekly release one a week
    times = Times.of_articles(ordered, vectors.day, sigma)
    joins = Joins(len(ordered))
    groups = group_articles(len(ordered), rows, cols, weights, threshold=settings.cluster_threshold, times=times,
                            joins=joins)
    # the second half of the events' top terms in a forked process, while this one finds the
    # links and the first half's terms (an event's terms are its own: halves change nothing)
    half = halfway(len(g) for g in groups)
    (links, terms), more_terms = both(
        lambda: (_links(ordered, groups, rows, cols, weights, joins) if explain else [()] * len(groups),
                 _top_terms(vectors.matrix, groups[:half], vocabulary, n_terms)),
        lambda: _top_terms(vectors.matrix, groups[half:], vocabulary, n_terms), worth_it=len(ordered) > PARALLEL_ROWS)
    terms = terms + more_terms
    return [(positions[g[0]], tuple(ordered[i] for i in g), terms[k], links[k]) for k, g in enumerate(groups)]


def _links(ordered: Sequence[Article], groups: list[list[int]], rows: np.ndarray, cols: np.ndarray,
           weights: np.ndarray, joins: Joins) -> list[tuple[Link, ...]]:
    """For each article: the merge that joined it and the rule that took it, the merge of its
    group with another when there was one, and its closest article (within its event when it
    has company, else anywhere; ties go to the earlier pair)."""
    n = len(ordered)
    group_of = labels_of(groups, n)
    a = np.concatenate([rows, cols])
    b = np.concatenate([cols, rows])
    w = np.concatenate([weights, weights])
    pair = np.tile(np.arange(len(rows)), 2)
    inside = group_of[a] == group_of[b]
    anywhere = [x.tolist() for x in closest(a, b, w, n, ties=pair)]
    within = [x.tolist() for x in closest(a[inside], b[inside], w[inside], n, ties=pair[inside])]
    out = []
    for g in groups:
        nearest, best = within if len(g) > 1 else anywhere
        out.append(tuple(
            Link(ordered[i].id, joins.joined[i][0] if joins.joined[i] else None,
                 ordered[nearest[i]].id if nearest[i] >= 0 else None,
                 round(best[i], 4) if nearest[i] >= 0 else None, joins.joined[i][1] if joins.joined[i] else None,
                 *(joins.merged[i] or (None, None)))
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
    row, best = heaviest_first(centroids, n_terms)
    columns = centroids.indices[best]
    used = np.unique(columns)
    word = dict(zip(used.tolist(), vocabulary.words(used)))
    cuts = np.searchsorted(row[best], np.arange(len(groups) + 1)).tolist()
    columns = columns.tolist()
    return [tuple(word[c] for c in columns[cuts[k]:cuts[k + 1]]) for k in range(len(groups))]
