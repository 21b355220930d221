"""TF-IDF vectors whose IDF does not depend on the input being large.

IDF computed from five articles is noise: every word is in one, two or five of them. So the
document frequencies of the input are smoothed with a background of real text, wordfreq's
English frequencies (built from news, Wikipedia, books, subtitles and the web): the background
counts as ``n_background`` pseudo-documents of ``doc_length`` words, in which a word of
frequency p appears with probability 1 - exp(-p * doc_length) (a Poisson model of occurrence).
A small input is weighed mostly by the background, a large one mostly by itself.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize

from .sentences import stem, words

__all__ = ["tfidf_matrix", "background_frequencies", "Vocabulary"]


@functools.lru_cache(maxsize=1)
def _frequency_buckets() -> tuple[tuple[str, ...], ...]:
    """wordfreq's English list as buckets of words, bucket i holding frequency 10^(-i/100).

    Read straight from the package's data file (the documented "cBpack" format: gzipped
    msgpack, a header then the buckets), which takes a tenth of the time of importing wordfreq
    and building its 320,000-entry dict; wordfreq's own reader is the fallback.
    """
    import gzip
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("wordfreq")
    path = Path(spec.origin).parent / "data" / "large_en.msgpack.gz" if spec and spec.origin else None
    try:
        import msgpack

        with gzip.open(path, "rb") as fh:
            data = msgpack.load(fh, raw=False)
        if isinstance(data[0], dict) and data[0].get("format") == "cB" and data[0].get("version") == 1:
            return tuple(tuple(bucket) for bucket in data[1:])
    except (ImportError, OSError, TypeError, ValueError, IndexError):
        pass
    from wordfreq import get_frequency_list

    return tuple(tuple(bucket) for bucket in get_frequency_list("en", wordlist="best"))


def background_frequencies(words: set[str] | frozenset[str]) -> dict[str, float]:
    """How often each of ``words`` occurs in running English text (absent when unknown).

    >>> f = background_frequencies({"said", "militia", "kataibx"})
    >>> f["said"] > f["militia"] > 0, "kataibx" in f
    (True, False)
    """
    found: dict[str, float] = {}
    for i, bucket in enumerate(_frequency_buckets()):
        hits = words.intersection(bucket)
        if hits:
            frequency = 10.0 ** (-i / 100.0)
            for word in hits:
                found.setdefault(word, frequency)
    return found


class Vocabulary:
    """The stems of a set of texts, with the most common surface word of each (for display)."""

    def __init__(self, stems: Sequence[str], shown: dict[str, str], frequency: np.ndarray):
        self.stems = list(stems)
        self.shown = shown
        self.frequency = frequency

    def word(self, index: int) -> str:
        """The readable form of a feature: its commonest surface word (or two, for a bigram)."""
        return " ".join(self.shown.get(part, part) for part in self.stems[index].split(" "))


def tfidf_matrix(
    texts: Sequence[str],
    *,
    n_background: int = 2000,
    doc_length: int = 400,
    sublinear_tf: bool = True,
    bigrams: bool = True,
    max_df: float = 1.0,
    min_df_cut: int = 1000,
) -> tuple[sp.csr_matrix, Vocabulary]:
    """L2-normalised TF-IDF rows for ``texts`` over stemmed content terms.

    Parameters
    ----------
    texts : the documents (articles or sentences).
    n_background : how many pseudo-documents the background weighs as; 0 uses the input alone.
    doc_length : words in one background pseudo-document.
    sublinear_tf : use 1 + log(tf) instead of raw counts.
    bigrams : add pairs of adjacent stems as features.
    max_df, min_df_cut : drop terms in more than ``max_df`` of the documents when that is at
        least ``min_df_cut`` documents (1.0 keeps every term).

    Returns
    -------
    ``(matrix, vocabulary)``: a CSR matrix of shape (len(texts), n_terms); rows of texts with
    no content term are all zero.

    >>> m, v = tfidf_matrix(["Iran-backed militia struck.", "The militia struck again."])
    >>> m.shape[0], round(float((m[0] @ m[1].T).toarray()[0, 0]), 2) > 0
    (2, True)
    """
    surface: dict[str, dict[str, int]] = {}

    def analyze(text: str) -> list[str]:
        out = []
        previous = None
        for w in words(text):
            s = stem(w)
            if s is None:
                previous = None
                continue
            forms = surface.setdefault(s, {})
            forms[w] = forms.get(w, 0) + 1
            out.append(s)
            if bigrams and previous is not None:
                out.append(f"{previous} {s}")
            previous = s
        return out

    counter = CountVectorizer(analyzer=analyze, dtype=np.float64)
    try:
        counts = counter.fit_transform(texts)
    except ValueError:  # no text holds a single content term
        return sp.csr_matrix((len(texts), 0)), Vocabulary([], {}, np.zeros(0))
    stems = counter.get_feature_names_out()
    known = background_frequencies({w for forms in surface.values() for w in forms})
    stem_frequency = {s: sum(known.get(w, 0.0) for w in forms) for s, forms in surface.items()}
    frequency = np.array([_pair_frequency(s, stem_frequency) if " " in s else stem_frequency[s] for s in stems])
    n_docs = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    if max_df < 1.0:
        # a term in more than max_df of the documents (and in at least min_df_cut of them) tells
        # none apart, and makes every pair of documents similar: its column is dropped
        common = (df > max_df * n_docs) & (df >= min_df_cut)
        if common.any():
            counts = counts.tocsc()
            counts[:, np.flatnonzero(common)] = 0
            counts = counts.tocsr()
            counts.eliminate_zeros()
    background_df = n_background * -np.expm1(-frequency * doc_length)
    idf = np.log((1.0 + n_docs + n_background) / (1.0 + df + background_df)) + 1.0
    tf = counts.tocsr(copy=True)
    if sublinear_tf:
        tf.data = 1.0 + np.log(tf.data)
    matrix = normalize(tf @ sp.diags(idf), norm="l2", copy=False).tocsr()
    shown = {s: max(forms.items(), key=lambda kv: (kv[1], kv[0]))[0] for s, forms in surface.items()}
    return matrix, Vocabulary(stems, shown, frequency)


def _pair_frequency(pair: str, stem_frequency: dict[str, float]) -> float:
    """Background frequency of two adjacent stems, as if they occurred independently."""
    a, b = pair.split(" ")
    return stem_frequency[a] * stem_frequency[b]
