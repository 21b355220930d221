"""TF-IDF vectors whose IDF does not depend on the input being large, in many languages.

IDF computed from five articles is noise: every word is in one, two or five of them. So the
document frequencies of the input are smoothed with a background of real text, wordfreq's
frequencies for the text's language (built from news, Wikipedia, books, subtitles and the web):
the background counts as ``n_background`` pseudo-documents of ``doc_length`` words, in which a
word of frequency p appears with probability 1 - exp(-p * doc_length) (a Poisson model of
occurrence). A small input is weighed mostly by the background, a large one mostly by itself.

Terms are a language's words without its stop words (sumy's lists), stemmed by its Snowball
stemmer (PyStemmer) where it has one; in languages written without spaces between words
(Chinese, Japanese, Thai, ...) the terms are pairs of adjacent characters.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp

from .language import stemmer_name, stop_words
from .parallel import PARALLEL_CHARS, in_halves
from .sentences import normalized, quantity, stem, words

__all__ = ["tfidf_matrix", "tfidf_blocks", "background_frequencies", "Vocabulary"]


# Languages written without spaces between words: their terms are pairs of adjacent characters.
UNSPACED = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo"})


@functools.lru_cache(maxsize=8)
def _frequency_buckets(language: str = "en") -> tuple[tuple[str, ...], ...]:
    """wordfreq's list for ``language`` as buckets of words, bucket i holding frequency
    10^(-i/100); empty when wordfreq has no list for it.

    Read straight from the package's data file (the documented "cBpack" format: gzipped
    msgpack, a header then the buckets), which takes a tenth of the time of importing wordfreq
    and building its dict of hundreds of thousands of entries; wordfreq's own reader is the fallback.
    """
    import gzip
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.origin:
        return ()
    folder = Path(spec.origin).parent / "data"
    path = next((p for p in (folder / f"large_{language}.msgpack.gz", folder / f"small_{language}.msgpack.gz") if p.exists()), None)
    if path is None:
        return ()
    try:
        import msgpack

        with gzip.open(path, "rb") as fh:
            data = msgpack.load(fh, raw=False)
        if isinstance(data[0], dict) and data[0].get("format") == "cB" and data[0].get("version") == 1:
            return tuple(tuple(bucket) for bucket in data[1:])
    except (ImportError, OSError, TypeError, ValueError, IndexError):
        pass
    from wordfreq import get_frequency_list

    return tuple(tuple(bucket) for bucket in get_frequency_list(language, wordlist="best"))


def background_frequencies(words: set[str] | frozenset[str], language: str = "en") -> dict[str, float]:
    """How often each of ``words`` occurs in running text of ``language`` (absent when unknown).

    >>> f = background_frequencies({"said", "militia", "kataibx"})
    >>> f["said"] > f["militia"] > 0, "kataibx" in f
    (True, False)
    >>> background_frequencies({"les"}, "fr")["les"] > 0.001
    True
    """
    _calls[language] = calls = _calls.get(language, 0) + 1
    if calls > TABLE_AFTER:  # many lookups (one an event in a brief): a dictionary pays for itself
        table = _frequency_table(language)
        return {word: table[word] for word in words if word in table}
    found: dict[str, float] = {}
    for i, bucket in enumerate(_frequency_buckets(language)):
        hits = words.intersection(bucket)
        if hits:
            frequency = 10.0 ** (-i / 100.0)
            for word in hits:
                found.setdefault(word, frequency)
    return found


# Looking words up bucket by bucket costs about 8 ms a call; a dictionary of every word takes
# about 90 ms to build and then next to nothing a call: it is built on the call after this many.
TABLE_AFTER = 12
_calls: dict[str, int] = {}


@functools.lru_cache(maxsize=4)
def _frequency_table(language: str) -> dict[str, float]:
    """Every word of ``language``'s wordfreq list with its frequency."""
    buckets = _frequency_buckets(language)
    table: dict[str, float] = {}
    for i in range(len(buckets) - 1, -1, -1):  # commonest last: a word in two buckets keeps its commonest
        table.update(dict.fromkeys(buckets[i], 10.0 ** (-i / 100.0)))
    return table


class Vocabulary:
    """The features of a set of texts: stems, and pairs of adjacent stems (bigrams), with the
    commonest surface word of each stem (for display) and each feature's background frequency.

    Feature ``k`` is stem ``first[k]``, followed by stem ``second[k]`` when that is not -1.
    """

    def __init__(self, stem_names: Sequence[str], first: np.ndarray, second: np.ndarray,
                 shown: dict[int, str], frequency: np.ndarray):
        self.stem_names = list(stem_names)
        self.first = first
        self.second = second
        self.shown = shown
        self.frequency = frequency

    def __len__(self) -> int:
        return len(self.first)

    def word(self, index: int) -> str:
        """The readable form of a feature: its commonest surface word (or two, for a bigram)."""
        return self.words([index])[0]

    def words(self, indices: Sequence[int] | np.ndarray) -> list[str]:
        """``word`` of each of ``indices``, at a fraction of the cost for many."""
        indices = np.asarray(indices, dtype=np.int64)
        firsts, seconds = self.first[indices], self.second[indices]
        used = np.unique(np.concatenate([firsts, seconds[seconds >= 0]])).tolist()
        name = {s: self.shown.get(s, self.stem_names[s]) for s in used}
        return [name[a] if b < 0 else f"{name[a]} {name[b]}" for a, b in zip(firsts.tolist(), seconds.tolist())]


class _Tokens(dict):
    """Surface word -> its number, numbering words as they are first seen."""

    def __missing__(self, word: str) -> int:
        self[word] = number = len(self)
        return number


def _read(texts: Sequence[str], numbers: bool, language: str, sentences: bool = False,
          ) -> tuple[list[str], list[str | None], np.ndarray, np.ndarray]:
    """The surface words of ``texts`` (numbered as first seen), each one's term (None for a
    stop word), every text's word numbers end to end, and how many words each text has. An
    input over ``PARALLEL_CHARS`` characters is read in two processes, and its distinct words
    then stemmed in two, with the same result. ``sentences`` are read through their cached
    normal form (``summarizer.sentences.normalized``), which the summary uses again."""
    terms = functools.partial(_terms, numbers=numbers, language=language)
    read = functools.partial(_read_part, numbers=numbers, unspaced=language in UNSPACED, cached=sentences)
    if len(texts) > 1 and sum(map(len, texts)) > PARALLEL_CHARS:
        surface, ids, lengths = _joined(*in_halves(read, texts, sizes=map(len, texts)))
        first, second = in_halves(terms, surface)
        return surface, first + second, ids, lengths
    surface, ids, lengths = read(texts)
    return surface, terms(surface), ids, lengths


def _read_part(texts: Sequence[str], numbers: bool, unspaced: bool = False, cached: bool = False,
               ) -> tuple[list[str], np.ndarray, np.ndarray]:
    seen = _Tokens()
    lookup = seen.__getitem__
    if unspaced:
        split = _character_pairs
    elif cached and not numbers:
        split = lambda text: normalized(text).split()  # noqa: E731 (its words, joined by spaces)
    else:
        split = functools.partial(words, thousands=numbers)
    ids = [np.fromiter(map(lookup, split(text)), dtype=np.int32) for text in texts]
    lengths = np.array([len(x) for x in ids], dtype=np.int64)
    return list(seen), np.concatenate(ids) if ids else np.zeros(0, dtype=np.int32), lengths


def _character_pairs(text: str) -> list[str]:
    """The words of a text written without spaces, as pairs of adjacent characters (a lone
    character stays one term).

    >>> _character_pairs("北京大学 2020")
    ['北京', '京大', '大学', '2020']
    """
    out: list[str] = []
    for word in words(text):
        if len(word) < 3 or word.isascii():
            out.append(word)
        else:
            out += [word[k:k + 2] for k in range(len(word) - 1)]
    return out


def _terms(surface: Sequence[str], numbers: bool, language: str = "en") -> list[str | None]:
    if language == "en":
        return [stem(w) or quantity(w) for w in surface] if numbers else [stem(w) for w in surface]
    stemmed = _stemmer_for(language)
    return [stemmed(w) or (quantity(w) if numbers else None) for w in surface]


@functools.lru_cache(maxsize=8)
def _stemmer_for(language: str):
    """word -> its term in ``language``: None for a stop word, a number or a single letter;
    else its Snowball stem, or the word itself where Snowball has no stemmer for the language."""
    import Stemmer

    name = stemmer_name(language)
    stem_word = Stemmer.Stemmer(name).stemWord if name else (lambda w: w)
    stops = stop_words(language)

    def term(word: str) -> str | None:
        if word in stops or len(word) < 2 or word.replace(",", "").replace(".", "").isdigit():
            return None
        return stem_word(word)

    return term


def _joined(first: tuple, second: tuple) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Two parts read apart as if read as one: the second's words numbered after the first's."""
    surface, ids, lengths = first
    number = {w: k for k, w in enumerate(surface)}
    surface = list(surface)
    renumber = np.empty(len(second[0]), dtype=np.int32)
    for k, word in enumerate(second[0]):
        at = number.get(word)
        if at is None:
            at = number[word] = len(surface)
            surface.append(word)
        renumber[k] = at
    return surface, np.concatenate([ids, renumber[second[1]]]), np.concatenate([lengths, second[2]])


def _commonest(surface: list[str], words: np.ndarray, of_stem: np.ndarray, occurrences: np.ndarray, n_stems: int) -> dict[int, str]:
    """Each stem's surface word (``surface[words[k]]``, of stem ``of_stem[k]``) with the most
    occurrences; of those tied, the last in alphabetical order."""
    most = np.zeros(n_stems, dtype=occurrences.dtype)
    np.maximum.at(most, of_stem, occurrences)
    top = occurrences == most[of_stem]
    words, of_stem = words[top], of_stem[top]
    alone = np.bincount(of_stem, minlength=n_stems)[of_stem] == 1
    shown = dict(zip(of_stem[alone].tolist(), [surface[w] for w in words[alone].tolist()]))
    for w, s in zip(words[~alone].tolist(), of_stem[~alone].tolist()):
        if surface[w] > shown.get(s, ""):
            shown[s] = surface[w]
    return shown


def _unique_inverse(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(codes, return_inverse=True)`` for non-negative int64 ``codes``: when each
    code and its position fit in 63 bits together, by one sort of the two packed in one integer
    (a third of the time of np.unique's argsort on tens of millions of codes).

    >>> [x.tolist() for x in _unique_inverse(np.array([7, 3, 7, 0]))]
    [[0, 3, 7], [2, 1, 2, 0]]
    >>> [x.tolist() for x in _unique_inverse(np.array([2**62, 5, 2**62]))]  # too wide to pack
    [[5, 4611686018427387904], [1, 0, 1]]
    """
    n = len(codes)
    shift = max(n - 1, 1).bit_length()
    if not n or int(codes.max()).bit_length() + shift > 63:
        values, inverse = np.unique(codes, return_inverse=True)
        return values, inverse.ravel()
    packed = (codes << shift) | np.arange(n, dtype=np.int64)
    packed.sort()
    sorted_codes = packed >> shift
    first = np.empty(n, dtype=bool)
    first[0] = True
    np.not_equal(sorted_codes[1:], sorted_codes[:-1], out=first[1:])
    inverse = np.empty(n, dtype=np.int64)
    inverse[packed & ((1 << shift) - 1)] = np.cumsum(first) - 1
    return sorted_codes[first], inverse


def tfidf_matrix(
    texts: Sequence[str],
    *,
    n_background: int = 2000,
    doc_length: int = 400,
    sublinear_tf: bool = True,
    bigrams: bool = True,
    max_df: float = 1.0,
    min_df_cut: int = 1000,
    numbers: bool = False,
    uncut: Iterable[str] = (),
    language: str = "en",
) -> tuple[sp.csr_matrix, Vocabulary]:
    """L2-normalised TF-IDF rows for ``texts`` over stemmed content terms.

    Parameters
    ----------
    texts : the documents (articles or sentences).
    n_background : how many pseudo-documents the background weighs as; 0 uses the input alone.
    doc_length : words in one background pseudo-document.
    sublinear_tf : use 1 + log(tf) instead of raw counts.
    bigrams : add pairs of adjacent stems (not parted by a stop word) as features.
    max_df, min_df_cut : drop terms in more than ``max_df`` of the documents when that is at
        least ``min_df_cut`` documents (1.0 keeps every term); stems in ``uncut`` are kept
        whatever their share.
    numbers : add quantities as terms (see ``summarizer.sentences.quantity``): "373,000" and
        "373000" are one term. wordfreq folds digits, so a quantity has no background
        frequency: it weighs as a name unknown to it does.
    language : the texts' language (ISO 639-1): its stop words, stemmer and background
        frequencies; a language wordfreq does not know has no background (the input alone).

    Returns
    -------
    ``(matrix, vocabulary)``: a CSR matrix of shape (len(texts), n_terms); rows of texts with
    no content term are all zero. Columns are in the order of the features' text.

    Cost: Python touches each token once (a dictionary lookup of its word); stemming runs once
    per distinct word, and counting, pairing and weighting are array operations.

    >>> m, v = tfidf_matrix(["Iran-backed militia struck.", "The militia struck again."])
    >>> m.shape[0], round(float((m[0] @ m[1].T).toarray()[0, 0]), 2) > 0
    (2, True)
    >>> sorted(v.word(k) for k in range(len(v)))[:3]
    ['iran-backed', 'iran-backed militia', 'militia']
    """
    n_docs = len(texts)
    bigrams = bigrams and language not in UNSPACED  # character pairs already overlap
    surface, stem_of_word, tokens, lengths = _read(texts, numbers, language)
    stem_names = sorted({x for x in stem_of_word if x is not None})
    if not stem_names:
        return sp.csr_matrix((n_docs, 0)), Vocabulary([], np.zeros(0, int), np.zeros(0, int), {}, np.zeros(0))
    stem_number = {x: k for k, x in enumerate(stem_names)}  # in alphabetical order
    # int32 for what there is one of per word of the input (tens of millions): half the memory
    word_stem = np.array([-1 if x is None else stem_number[x] for x in stem_of_word], dtype=np.int32)

    doc = np.repeat(np.arange(n_docs, dtype=np.int32), lengths)
    stems = word_stem[tokens]
    content = stems >= 0
    n_stems = len(stem_names)
    # a feature's code: s*(S+1) for stem s alone, a*(S+1)+b+1 for the pair (a, b). Codes sort as
    # (first stem, second stem or none first): the order of the features' text, since a space
    # sorts before any character a word holds
    unigrams = stems[content]
    present = np.zeros(n_stems, dtype=bool)
    present[unigrams] = True  # stems are few: no sort needed to number them
    doc_parts, columns = [doc[content]], [(np.cumsum(present) - 1).astype(np.int32)[unigrams]]
    features = np.flatnonzero(present) * (n_stems + 1)
    if bigrams and len(stems) > 1:
        pair = content[:-1] & content[1:] & (doc[:-1] == doc[1:])
        doc_parts.append(doc[:-1][pair])
        pairs, where = _unique_inverse(stems[:-1][pair].astype(np.int64) * (n_stems + 1) + stems[1:][pair] + 1)
        columns.append((len(features) + where).astype(np.int32))
        features = np.concatenate([features, pairs])
    order = np.argsort(features, kind="stable")
    rank = np.empty(len(order), dtype=np.int32)
    rank[order] = np.arange(len(order), dtype=np.int32)
    features = features[order]
    column = rank[np.concatenate(columns)]
    counts = sp.csr_matrix((np.ones(len(column)), (np.concatenate(doc_parts), column)), shape=(n_docs, len(features)))
    counts.sum_duplicates()
    first = features // (n_stems + 1)
    second = features % (n_stems + 1) - 1

    # each stem's background frequency is the sum of its surface words'; its shown word the commonest
    known = background_frequencies(frozenset(surface), language)
    content_words = np.flatnonzero(word_stem >= 0)
    of_stem = word_stem[content_words]
    stem_frequency = np.bincount(of_stem, weights=[known.get(surface[w], 0.0) for w in content_words.tolist()], minlength=n_stems)
    shown = _commonest(surface, content_words, of_stem, np.bincount(tokens, minlength=len(surface))[content_words], n_stems)
    frequency = np.where(second < 0, stem_frequency[first], stem_frequency[first] * stem_frequency[np.maximum(second, 0)])

    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    if max_df < 1.0:
        # a term in more than max_df of the documents (and in at least min_df_cut of them) tells
        # none apart, and makes every pair of documents similar: its column is dropped
        common = (df > max_df * n_docs) & (df >= min_df_cut)
        kept = [stem_number[x] for x in uncut if x in stem_number]
        common &= ~(np.isin(first, kept) & (second < 0))
        if common.any():
            counts.data[common[counts.indices]] = 0.0
            counts.eliminate_zeros()
    if not _frequency_buckets(language):
        n_background = 0  # nothing known of the language's words: the input alone
    background_df = n_background * -np.expm1(-frequency * doc_length)
    idf = np.log((1.0 + n_docs + n_background) / (1.0 + df + background_df)) + 1.0
    tf = counts
    if sublinear_tf:
        tf.data = 1.0 + np.log(tf.data)
    tf.data *= idf[tf.indices]  # each count times its term's idf, in place
    # each row divided by its length (scikit-learn's normalize checks its input first: a tenth
    # of a millisecond a call, which a brief of thousands of events pays thousands of times)
    norms = np.sqrt(np.bincount(np.repeat(np.arange(n_docs), np.diff(tf.indptr)), weights=tf.data ** 2, minlength=n_docs))
    norms[norms == 0] = 1.0
    tf.data /= np.repeat(norms, np.diff(tf.indptr))
    return tf, Vocabulary(stem_names, first, second, shown, frequency)




def tfidf_blocks(groups: Sequence[Sequence[str]], *, n_background: int = 2000, doc_length: int = 400,
                 language: str = "en") -> list[sp.csr_matrix]:
    """``tfidf_matrix(group, n_background=..., doc_length=..., language=...)[0]`` for each of
    ``groups`` (with its other defaults: sublinear tf, bigrams), in one pass over all of them.

    Each group is weighed on its own, as if alone: its document frequencies are counted over
    its own texts, its background over its own words, and its columns are its own features
    in the same order. What one call per group would do thousands of times (reading, stemming,
    numbering features, the dozens of small array operations) is done once over all the texts,
    each group's counts then told apart by block; a brief of thousands of events costs a
    fraction of what one matrix an event did.

    >>> a, b = tfidf_blocks([["Iran-backed militia struck.", "The militia struck again."], ["Rain fell."]])
    >>> a.shape, b.shape, bool(abs(a - tfidf_matrix(["Iran-backed militia struck.", "The militia struck again."])[0]).max() < 1e-12)
    ((2, 5), (1, 3), True)
    """
    sizes = np.array([len(g) for g in groups], dtype=np.int64)
    n_groups, n_docs = len(groups), int(sizes.sum())
    empty = [sp.csr_matrix((int(k), 0)) for k in sizes]
    if not n_docs:
        return empty
    surface, stem_of_word, tokens, lengths = _read([t for g in groups for t in g], False, language, sentences=True)
    stem_names = sorted({x for x in stem_of_word if x is not None})
    if not stem_names:
        return empty
    stem_number = {x: k for k, x in enumerate(stem_names)}  # alphabetical, as in each group's own
    word_stem = np.array([-1 if x is None else stem_number[x] for x in stem_of_word], dtype=np.int64)
    n_stems = len(stem_names)
    group_of_doc = np.repeat(np.arange(n_groups, dtype=np.int64), sizes)
    doc = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
    stems = word_stem[tokens]
    content = stems >= 0
    # features coded as in tfidf_matrix: s*(S+1) for a stem alone, a*(S+1)+b+1 for a pair
    codes, docs = [stems[content] * (n_stems + 1)], [doc[content]]
    if len(stems) > 1:
        pair = content[:-1] & content[1:] & (doc[:-1] == doc[1:])
        codes.append(stems[:-1][pair] * (n_stems + 1) + stems[1:][pair] + 1)
        docs.append(doc[:-1][pair])
    features, feature = _unique_inverse(np.concatenate(codes))  # in the order of the features' text
    n_features = len(features)
    # one entry per (text, feature) present, in CSR order, with its count
    entry, count = np.unique(np.concatenate(docs) * n_features + feature, return_counts=True)
    entry_doc, entry_feature = entry // n_features, entry % n_features
    entry_group = group_of_doc[entry_doc]
    # (group, feature): a group's columns are its features in order; df counted in the group
    columns, column_of_entry = np.unique(entry_group * n_features + entry_feature, return_inverse=True)
    column_of_entry = column_of_entry.ravel()
    df = np.bincount(column_of_entry).astype(np.float64)
    column_group, column_feature = columns // n_features, features[columns % n_features]
    first_column = np.searchsorted(column_group, np.arange(n_groups + 1))
    local = (np.arange(len(columns)) - first_column[column_group])[column_of_entry].astype(np.int32)

    # each group's stems' background frequency: the sum over the group's own words of the stem
    known = background_frequencies(frozenset(surface), language)
    word_frequency = np.array([known.get(w, 0.0) for w in surface])
    n_words = len(surface)
    used, first_seen = np.unique(group_of_doc[doc[content]] * n_words + tokens[content], return_index=True)
    used = used[np.argsort(first_seen)]  # each group's words as it first names them: sums added in its own order
    used_group, used_word = used // n_words, used % n_words
    stem_keys, of_key = np.unique(used_group * n_stems + word_stem[used_word], return_inverse=True)
    stem_frequency = np.bincount(of_key.ravel(), weights=word_frequency[used_word])

    def frequency_of(stem_index: np.ndarray) -> np.ndarray:
        return stem_frequency[np.searchsorted(stem_keys, column_group * n_stems + stem_index)]

    first, second = column_feature // (n_stems + 1), column_feature % (n_stems + 1) - 1
    frequency = frequency_of(first)
    paired = second >= 0
    frequency[paired] *= frequency_of(second)[paired]
    if not _frequency_buckets(language):
        n_background = 0
    background_df = n_background * -np.expm1(-frequency * doc_length)
    idf = np.log((1.0 + sizes[column_group] + n_background) / (1.0 + df + background_df)) + 1.0
    data = (1.0 + np.log(count)) * idf[column_of_entry]
    norms = np.sqrt(np.bincount(entry_doc, weights=data ** 2, minlength=n_docs))
    norms[norms == 0] = 1.0
    data /= norms[entry_doc]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(entry_doc, minlength=n_docs))])
    first_doc = np.concatenate([[0], np.cumsum(sizes)])
    out = []
    for g in range(n_groups):
        rows = indptr[first_doc[g]:first_doc[g + 1] + 1]
        a, b = rows[0], rows[-1]
        out.append(sp.csr_matrix((data[a:b], local[a:b], (rows - a).astype(np.int32)),
                                 shape=(int(sizes[g]), int(first_column[g + 1] - first_column[g]))))
    return out
