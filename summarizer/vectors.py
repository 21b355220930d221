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

__all__ = ["tfidf_matrix", "background_frequency", "Vocabulary"]


@functools.lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", wordlist="best")


def background_frequency(word: str) -> float:
    """How often ``word`` occurs in running English text (0.0 when unknown).

    >>> background_frequency("said") > background_frequency("militia") > 0
    True
    """
    return _frequencies().get(word, 0.0)


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
) -> tuple[sp.csr_matrix, Vocabulary]:
    """L2-normalised TF-IDF rows for ``texts`` over stemmed content terms.

    Parameters
    ----------
    texts : the documents (articles or sentences).
    n_background : how many pseudo-documents the background weighs as; 0 uses the input alone.
    doc_length : words in one background pseudo-document.
    sublinear_tf : use 1 + log(tf) instead of raw counts.

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
    frequency = np.array([_pair_frequency(s, surface) if " " in s else sum(background_frequency(w) for w in surface[s]) for s in stems])
    n_docs = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    background_df = n_background * -np.expm1(-frequency * doc_length)
    idf = np.log((1.0 + n_docs + n_background) / (1.0 + df + background_df)) + 1.0
    tf = counts.tocsr(copy=True)
    if sublinear_tf:
        tf.data = 1.0 + np.log(tf.data)
    matrix = normalize(tf @ sp.diags(idf), norm="l2", copy=False).tocsr()
    shown = {s: max(forms.items(), key=lambda kv: (kv[1], kv[0]))[0] for s, forms in surface.items()}
    return matrix, Vocabulary(stems, shown, frequency)


def _pair_frequency(pair: str, surface: dict[str, dict[str, int]]) -> float:
    """Background frequency of two adjacent stems, as if they occurred independently."""
    a, b = pair.split(" ")
    pa = sum(background_frequency(w) for w in surface[a])
    pb = sum(background_frequency(w) for w in surface[b])
    return pa * pb
