"""What makes two articles alike, time included.

Two articles are as similar as the cosine of their TF-IDF vectors (their title and the start of
their text; ``summarizer.vectors``), mixed with the cosine of their titles when both have one,
times a Gaussian decay in the days between their publication dates (Miranda et al. 2018):
exp(-d^2 / 2 sigma^2). An undated article's possible dates are read from its text
(``summarizer.dates.infer_window``): one that speaks of February and of June as past was
written after June. Where no distance can be measured (both undated), the text alone decides.

An undated report that names days of the week names the day of its event: paired with a dated
report, it is of another event when it names neither that report's day nor the day before.
Reports of one release of a series (weekly jobless claims) share its figures: two reports
alike enough to be one template's (``RELEASE_SIMILARITY`` times the threshold) that each give
``RELEASE_FIGURES`` figures or more, none the same, are two releases, dated or not.

Beyond pairs, the articles of one event were all written within ``span`` days of each other
(``Times``): dated ones by their dates, undated ones by their windows.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

from ..dates import days_apart, infer_window
from ..model import Article, DateWindow
from ..parallel import in_halves
from ..vectors import Vocabulary, tfidf_matrix
from .candidates import EXACT_UP_TO, PARALLEL_ROWS, candidate_index, pair_cosines

__all__ = ["article_text", "Vectors", "article_vectors", "pair_similarity", "time_decay", "Times", "TITLE_WEIGHT",
           "RELEASE_SIMILARITY", "RELEASE_FIGURES"]

# When both articles have a title, this share of their similarity is the cosine of their
# titles: a headline names the event in a dozen words, and two outlets' headlines on one event
# share its words even when their texts tell it differently.
TITLE_WEIGHT = 0.25
# Two reports this many times the threshold alike, each giving this many figures or more (numbers
# of three digits or more, or with a decimal point), none the same, report two releases.
RELEASE_SIMILARITY = 2.0
RELEASE_FIGURES = 3
# What identifies an event is in an article's first pages; comparing at most this much keeps
# a huge article (a 5 MB dump) from costing more than a long one.
MAX_COMPARED_CHARS = 100_000
# The names of the days of the week, as English stems: which days an article names.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ALL_MONTHS = 0xFFF
_EPOCH = dt.date(1970, 1, 1).toordinal()


def article_text(article: Article) -> str:
    """The text an article is compared by: its title (when it has one) and the start of its body."""
    body = article.text[:MAX_COMPARED_CHARS]
    return f"{article.title}\n{body}" if article.title else body


class Vectors(NamedTuple):
    """The rows articles are compared by: their TF-IDF vectors, their titles' (None when no
    article has a title), their publication days (ordinals, NaN when undated), the days of the
    week each names (7 bits, Monday first), the figures each gives (a 0/1 matrix), and each
    row's index terms for a search among many (None for an input searched exactly; see
    ``summarizer.events.candidates``)."""

    matrix: sp.csr_matrix
    titles: sp.csr_matrix | None
    day: np.ndarray
    weekdays: np.ndarray
    figures: sp.csr_matrix
    index: sp.csr_matrix | None = None


def article_vectors(articles: Sequence[Article], *, language: str = "en") -> tuple[Vectors, Vocabulary]:
    """The ``Vectors`` of ``articles`` (all in ``language``), and their vocabulary.

    Terms in over a tenth of a large input (1,000 articles at least) separate nothing and make
    every pair similar: they are dropped, which keeps the neighbour graph sparse. The names of
    the days of the week stay: which one an article names places it in time.
    """
    matrix, vocabulary = tfidf_matrix([article_text(a) for a in articles], max_df=0.1, numbers=True,
                                      uncut=WEEKDAYS, language=language)
    titles = None
    if any(a.title for a in articles):
        titles = tfidf_matrix([a.title for a in articles], bigrams=False, numbers=True, language=language)[0]
    index = candidate_index(matrix) if len(articles) > EXACT_UP_TO else None
    day = np.array([a.date.toordinal() if a.date is not None else np.nan for a in articles], dtype=np.float64)
    weekdays = _named_weekdays(matrix, vocabulary) if language == "en" else np.zeros(len(articles), dtype=np.int64)
    return Vectors(matrix, titles, day, weekdays, _figures(matrix, vocabulary), index), vocabulary


def _figures(matrix: sp.csr_matrix, vocabulary: Vocabulary) -> sp.csr_matrix:
    """For each row, the figures its text gives (numbers of three digits or more, or with a
    decimal point: specific enough to tell one count from another), as a 0/1 matrix."""
    figure = np.array([name.replace(".", "", 1).isdigit() and (len(name) >= 3 or "." in name)
                       for name in vocabulary.stem_names], dtype=bool)
    if len(vocabulary) == 0:
        return sp.csr_matrix(matrix.shape)
    column = figure[vocabulary.first] & (vocabulary.second < 0)
    kept = column[matrix.indices]
    row = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))[kept]
    return sp.csr_matrix((np.ones(len(row)), (row, matrix.indices[kept])), shape=matrix.shape)


def _named_weekdays(matrix: sp.csr_matrix, vocabulary: Vocabulary) -> np.ndarray:
    """For each row, the days of the week its text names, as 7 bits (Monday first)."""
    if len(vocabulary) == 0:
        return np.zeros(matrix.shape[0], dtype=np.int64)
    bit = np.zeros(len(vocabulary.stem_names), dtype=np.int64)
    for k, name in enumerate(WEEKDAYS):  # stem names are sorted
        at = bisect.bisect_left(vocabulary.stem_names, name)
        if at < len(vocabulary.stem_names) and vocabulary.stem_names[at] == name:
            bit[at] = 1 << k
    term_bit = np.where(vocabulary.second < 0, bit[vocabulary.first], 0)
    named = term_bit[matrix.indices]
    row = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    out = np.zeros(matrix.shape[0], dtype=np.int64)
    np.bitwise_or.at(out, row[named > 0], named[named > 0])
    return out


def pair_similarity(articles: Sequence[Article], vectors: Vectors, rows: np.ndarray, cols: np.ndarray,
                    cosines: np.ndarray, *, sigma_days: float, threshold: float) -> np.ndarray:
    """The similarity of articles ``rows[k]`` and ``cols[k]``: their ``cosines``, mixed with
    their titles' cosine when both have a title, times the time decay between them; 0 when an
    undated one names other days than a dated one's (``_same_days``), or when the two are two
    releases of a series (``_other_release``)."""
    similarity = np.array(cosines, dtype=np.float64)
    if vectors.titles is not None:
        titled = np.diff(vectors.titles.indptr) > 0
        both = np.flatnonzero(titled[rows] & titled[cols])
        similarity[both] = ((1 - TITLE_WEIGHT) * similarity[both]
                            + TITLE_WEIGHT * pair_cosines(vectors.titles, rows[both], cols[both]))
    decay = time_decay(articles, vectors.day, rows, cols, sigma_days=sigma_days)
    similarity *= decay * _same_days(vectors.day, vectors.weekdays, rows, cols)
    similarity[_other_release(vectors.figures, rows, cols, cosines, RELEASE_SIMILARITY * threshold)] = 0.0
    return similarity


def _other_release(figures: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray, cosines: np.ndarray,
                   alike: float) -> np.ndarray:
    """For each pair: whether its texts are ``alike`` or more (one template's) while each
    gives ``RELEASE_FIGURES`` figures or more and none is the other's.

    >>> f = sp.csr_matrix(np.array([[1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1], [1, 0, 0, 1, 1, 1]]))
    >>> _other_release(f, np.array([0, 0, 0]), np.array([1, 2, 1]), np.array([0.6, 0.6, 0.2]), 0.3).tolist()
    [True, False, False]
    """
    count = np.diff(figures.indptr)
    many = (count[rows] >= RELEASE_FIGURES) & (count[cols] >= RELEASE_FIGURES) & (np.asarray(cosines) >= alike)
    out = np.zeros(len(rows), dtype=bool)
    if many.any():
        out[many] = pair_cosines(figures, rows[many], cols[many]) == 0
    return out


def _same_days(day: np.ndarray, weekdays: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """1 for each pair, but 0 where one is dated and the other, undated, names days of the week
    of which none is the dated one's day or the day before: a report names the day of its event.

    >>> d = dt.date(2021, 2, 26).toordinal()  # a Friday
    >>> _same_days(np.array([d, np.nan, np.nan]), np.array([0, 1 << 3, 1 << 6]), np.array([0, 0]), np.array([1, 2])).tolist()
    [1.0, 0.0]
    """
    dated = ~np.isnan(day)
    one = dated[rows] != dated[cols]
    dated_end = np.where(dated[rows], rows, cols)
    named = weekdays[np.where(dated[rows], cols, rows)]
    weekday = (np.where(one, np.nan_to_num(day[dated_end]), 1).astype(np.int64) - 1) % 7  # ordinal 1 is a Monday
    allowed = (1 << weekday) | (1 << ((weekday - 1) % 7))
    return np.where(one & (named > 0) & ((named & allowed) == 0), 0.0, 1.0)


def time_decay(articles: Sequence[Article], day: np.ndarray, rows: np.ndarray, cols: np.ndarray, *,
               sigma_days: float) -> np.ndarray:
    """exp(-d^2 / 2 sigma^2) for each pair, d the fewest days between their possible
    publication dates (``day``: each article's, NaN when undated); 1 where no distance can be
    measured (an undated article joins by text). An undated article's window is read from its
    text only when it is paired with a dated one.

    >>> a = [Article("a", "x", date=dt.date(2021, 2, 26)), Article("b", "y", date=dt.date(2021, 3, 1)),
    ...      Article("c", "He last ordered strikes in February. Earlier in June, Iraq released him.")]
    >>> day = np.array([x.date.toordinal() if x.date else np.nan for x in a])
    >>> time_decay(a, day, np.array([0, 0]), np.array([1, 2]), sigma_days=3.0).round(3).tolist()
    [0.607, 0.0]
    """
    exact = ~np.isnan(day)
    days = np.full(len(rows), np.nan)
    dated = exact[rows] & exact[cols]
    days[dated] = np.abs(day[rows[dated]] - day[cols[dated]])
    one = np.flatnonzero(exact[rows] != exact[cols])
    dated_end = np.where(exact[rows[one]], rows[one], cols[one]).tolist()
    undated_end = np.where(exact[rows[one]], cols[one], rows[one]).tolist()
    windows = _windows_of(articles, sorted(set(undated_end)))
    # pairs repeat the same date and window (most windows are open): each distinct pair once
    apart: dict[tuple[dt.date, DateWindow], float | None] = {}
    found = []
    for d, u in zip(dated_end, undated_end):
        key = (articles[d].date, windows[u])
        if key not in apart:
            apart[key] = days_apart(DateWindow(key[0], key[0]), key[1])
        found.append(apart[key])
    days[one] = np.array(found, dtype=np.float64)
    days = np.where(np.isnan(days), 0.0, days)
    return np.exp(-days * days / (2.0 * sigma_days ** 2))


def _windows_of(articles: Sequence[Article], chosen: list[int]) -> dict[int, DateWindow]:
    """The publication windows of ``articles[k]`` for k in ``chosen``; many in two processes."""
    read = in_halves(_windows, [articles[k] for k in chosen], worth_it=len(chosen) > PARALLEL_ROWS // 4,
                     sizes=[len(articles[k].text) for k in chosen])
    return dict(zip(chosen, read[0] + read[1]))


def _windows(articles: Sequence[Article]) -> list[DateWindow]:
    return [infer_window(a) for a in articles]


class Times(NamedTuple):
    """When the articles (or groups of them) of one event could have been written, for the rule
    that an event's articles were all written within ``span`` days of each other.

    Per row: ``first`` and ``last`` day of its dated articles (ordinals; inf and -inf when it
    has none); and what its undated articles' texts imply (``summarizer.dates.infer_window``):
    the day they were all written on or after (``earliest``, -inf when open), and the months of
    the year they may all have been written in (``months``, 12 bits, January first). A group
    with no dated article is placed by no date: the text alone decides, as between two
    undated articles.
    """

    first: np.ndarray
    last: np.ndarray
    earliest: np.ndarray
    months: np.ndarray
    span: float

    @staticmethod
    def of_articles(articles: Sequence[Article], day: np.ndarray, span: float) -> Times:
        """From each article's date (``day``, NaN when undated) or, undated, its window (read
        only when some article is dated: nothing else places a window)."""
        undated = np.isnan(day)
        first, last = np.where(undated, np.inf, day), np.where(undated, -np.inf, day)
        earliest = np.full(len(articles), -np.inf)
        months = np.full(len(articles), _ALL_MONTHS, dtype=np.int64)
        if not undated.all():
            for k, window in _windows_of(articles, np.flatnonzero(undated).tolist()).items():
                if window.earliest is not None:
                    earliest[k] = window.earliest.toordinal()
                for month in window.excluded_months:
                    months[k] &= ~(1 << (month - 1))
        return Times(first, last, earliest, months, span)

    def subset(self, rows: np.ndarray) -> Times:
        return Times(self.first[rows], self.last[rows], self.earliest[rows], self.months[rows], self.span)

    def of_groups(self, label: np.ndarray, n_groups: int) -> Times:
        """The bounds of each group of rows (``label[i]``: row i's group)."""
        first, last, earliest = np.full(n_groups, np.inf), np.full(n_groups, -np.inf), np.full(n_groups, -np.inf)
        np.minimum.at(first, label, self.first)
        np.maximum.at(last, label, self.last)
        np.maximum.at(earliest, label, self.earliest)
        months = np.full(n_groups, _ALL_MONTHS, dtype=np.int64)
        np.bitwise_and.at(months, label, self.months)
        return Times(first, last, earliest, months, self.span)

    def compatible(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """For each pair of rows ``a[k]``, ``b[k]``: whether their articles together could all
        have been written within ``span`` days of each other.

        >>> day = np.array([10.0, 13.0, 20.0, np.nan])
        >>> t = Times(np.where(np.isnan(day), np.inf, day), np.where(np.isnan(day), -np.inf, day),
        ...           np.array([-np.inf, -np.inf, -np.inf, 18.0]), np.full(4, 0xFFF), 3.0)
        >>> t.compatible(np.array([0, 0, 0, 2]), np.array([1, 2, 3, 3])).tolist()
        [True, False, False, True]
        """
        first = np.minimum(self.first[a], self.first[b])
        last = np.maximum(self.last[a], self.last[b])
        earliest = np.maximum(self.earliest[a], self.earliest[b])
        months = self.months[a] & self.months[b]
        dated = np.isfinite(first)
        with np.errstate(invalid="ignore"):
            fit = (last - first <= self.span) & (earliest <= first + self.span)
            fit &= (months & _months_between(last - self.span, first + self.span)) != 0
        return ~dated | fit


def _months_between(first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """The months of the year (12 bits) that the days from ``first`` to ``last`` (ordinals,
    infinite when open) fall in."""
    out = np.full(len(first), _ALL_MONTHS, dtype=np.int64)
    bounded = np.isfinite(first) & np.isfinite(last) & (last - first < 366)
    if bounded.any():
        def month(ordinal: np.ndarray) -> np.ndarray:
            return (ordinal.astype(np.int64) - _EPOCH).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)

        start, end = month(first[bounded]), month(last[bounded])
        count = np.clip(end - start + 1, 0, 12)
        bits = ((1 << count) - 1) << (start % 12)
        out[bounded] = (bits | (bits >> 12)) & _ALL_MONTHS
    return out
