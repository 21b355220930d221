"""Offline sentence and word splitting.

Sentences: NLTK's Punkt algorithm (Kiss and Strunk 2006) with the project's own English
parameters, so nothing is ever downloaded; when NLTK's trained ``punkt_tab`` model happens to be
installed it is used instead. Words: a regular expression, lower-cased; terms for similarity
drop stop words (sumy's English list) and are stemmed by Snowball's English rules (PyStemmer,
Snowball's own C code).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from typing import TYPE_CHECKING

import Stemmer

from .language import stop_words
from .model import Article, Sentence

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer
    from sumy.nlp.stemmers import Stemmer as SumyStemmer

__all__ = ["split_sentences", "article_sentences", "words", "quantity", "terms", "normalized", "stem", "STOP_WORDS", "SumyTokenizer", "sumy_terms"]

# Abbreviations that end in a period without ending the sentence, as Punkt stores them:
# lower case, inner periods kept, final period dropped. Titles (and their plurals), months and
# days, the states as the AP writes them ("Sen. Tim Scott, R-S.C."; Punkt also reads the part
# after a hyphen), companies and units.
ABBREVIATIONS = frozenset("""
    mr mrs ms messrs dr drs prof rev hon gen gens lt col maj capt cmdr adm sgt cpl pvt sen sens
    rep reps gov govs pres sec amb atty supt insp det st ave blvd rd mt ft jr sr inc corp co ltd
    llc plc bros dept univ assn est no nos vol fig approx vs etc al e.g i.e a.m p.m u.s u.k u.n
    e.u u.s.a d.c l.a jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur
    thurs fri sat sun ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn
    miss mo mont neb nev n.h n.j n.m n.y n.c n.d okla ore pa r.i s.c s.d tenn tex vt va wash w.va
    wis wyo
""".split())
# Initials and dotted short forms ("J.B.", "F.B.I.", "S.C."): letters each followed by a period.
# Those an input writes are abbreviations for it too, learned from the text as it is read.
_INITIALS = re.compile(r"(?<![\w.])((?:[^\W\d_]\.){2,})")

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# the same, with a number written in thousands ("373,000") as one word
_WORD_OR_THOUSANDS = re.compile(r"[^\W_]+(?:(?:['’.-]|(?<=\d),(?=\d{3}(?!\d)))[^\W_]+)*")
STOP_WORDS = stop_words("en")


@functools.lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    from nltk.tokenize import punkt
    from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer, PunktToken

    # NLTK 3.10 runs every expression of its own, Punkt's fixed ones too, on the third-party
    # regex engine under a timer: a guard meant for patterns a caller supplies, which makes
    # splitting 2.5 times slower. Punkt's expressions are linear on Python's re, and lines
    # reach them cut to _CHUNK characters; the splits are the same.
    def fast(pattern, flags: int = 0) -> re.Pattern:
        return re.compile(pattern.pattern, flags | re.UNICODE)

    class NewsLanguageVars(PunktLanguageVars):
        # Punkt parts an opening ASCII quote or bracket from the word after it, but not an
        # opening curly quote or guillemet: "“Jan." was the type "“jan", no abbreviation, and
        # “Jan. 6 was a day of darkness,” ended after "Jan.". News opens quotes both ways.
        _re_word_start = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,\u2018\u201c\xab]"
        re_boundary_realignment = fast(PunktLanguageVars.re_boundary_realignment, re.MULTILINE)

        def __init__(self) -> None:
            # the two expressions Punkt compiles on first use and keeps in these attributes
            words = {"NonWord": self._re_non_word_chars, "MultiChar": self._re_multi_char_punct, "WordStart": self._re_word_start}
            ends = {"NonWord": self._re_non_word_chars, "SentEndChars": self._re_sent_end_chars}
            self._re_word_tokenizer = re.compile(self._word_tokenize_fmt % words, re.UNICODE | re.VERBOSE)
            self._re_period_context = re.compile(self._period_context_fmt % ends, re.UNICODE | re.VERBOSE)

    non_punct = fast(punkt._re_non_punct)

    class NewsToken(PunktToken):
        __slots__ = ()
        _RE_ELLIPSIS = fast(PunktToken._RE_ELLIPSIS)
        _RE_NUMERIC = fast(PunktToken._RE_NUMERIC)
        _RE_INITIAL = fast(PunktToken._RE_INITIAL)
        _RE_ALPHA = fast(PunktToken._RE_ALPHA)

        @property
        def is_non_punct(self):
            return non_punct.search(self.type)

    try:
        from nltk.tokenize import PunktTokenizer

        tokenizer = PunktTokenizer("english")  # the trained model, when it is installed locally
        tokenizer._lang_vars, tokenizer._Token = NewsLanguageVars(), NewsToken
        return tokenizer
    except (LookupError, ImportError, OSError, ValueError):
        params = PunktParameters()
        params.abbrev_types = set(ABBREVIATIONS)
        return PunktSentenceTokenizer(params, lang_vars=NewsLanguageVars(), token_cls=NewsToken)


_CHUNK = 10_000
_SIMPLE_END = re.compile(r"(?<=[.!?])\s+")


def _chunks(line: str):
    """Pieces of at most ``_CHUNK`` characters, cut after a sentence end where there is one,
    else at a space: Punkt's regular expressions slow down badly on very long lines."""
    while len(line) > _CHUNK:
        cut = max(line.rfind(". ", 0, _CHUNK), line.rfind("? ", 0, _CHUNK), line.rfind("! ", 0, _CHUNK))
        cut = cut + 1 if cut > 0 else line.rfind(" ", 0, _CHUNK)
        cut = cut if cut > 0 else _CHUNK
        yield line[:cut]
        line = line[cut:].lstrip()
    yield line


def _iter_sentences(text: str):
    tokenizer = _tokenizer()
    if "." in text:
        known = tokenizer._params.abbrev_types  # Punkt's own parameters: extended in place
        for initials in set(_INITIALS.findall(text)):
            known.add(initials[:-1].lower())
    for line in text.split("\n"):
        for chunk in _chunks(line.strip()):
            if not chunk:
                continue
            try:
                pieces = tokenizer.tokenize(chunk)
            except TimeoutError:  # NLTK's guard against pathological regex backtracking
                pieces = _SIMPLE_END.split(chunk)
            yield from (s.strip() for s in pieces if s.strip())


def split_sentences(text: str) -> tuple[str, ...]:
    """Split cleaned text into sentences, verbatim; a line break always ends a sentence.

    >>> split_sentences("The U.S. said Mr. Biden acted. Gen. Austin agreed.\\nHeading")
    ('The U.S. said Mr. Biden acted.', 'Gen. Austin agreed.', 'Heading')
    >>> split_sentences("Sen. Tim Scott (R-S.C.) and Gov. J.B. Pritzker spoke at 3 p.m. Friday. Both left.")
    ('Sen. Tim Scott (R-S.C.) and Gov. J.B. Pritzker spoke at 3 p.m. Friday.', 'Both left.')
    >>> split_sentences("“Jan. 6 was a day of darkness,” Ms. Pelosi said. ‘Gov. Smith agreed.’")
    ('“Jan. 6 was a day of darkness,” Ms. Pelosi said.', '‘Gov. Smith agreed.’')
    """
    return tuple(_iter_sentences(text))


def normalized(text: str) -> str:
    """Lower-case words joined by single spaces: two sentences that say the same thing verbatim
    (up to case, quotes and punctuation) have the same normal form.

    >>> normalized("“We know what we hit,” he said.")
    'we know what we hit he said'
    """
    ahead = _NORMAL_AHEAD.get(text)
    return ahead if ahead is not None else _normal_form(text)


@functools.lru_cache(maxsize=1 << 16)  # a sentence is normalised when split, and again when chosen
def _normal_form(text: str) -> str:
    return " ".join(words(text))


# Sentences split ahead of need: article id -> (its text, the limit, its sentences' texts), and
# each of those sentences' normal form. ``summarizer.pipeline.brief`` of every event splits the
# articles in a second process while this one groups them; these hold the splits of one input,
# until the next such brief.
_SPLIT_AHEAD: dict[str, tuple[str, int | None, tuple[str, ...]]] = {}
_NORMAL_AHEAD: dict[str, str] = {}


def split_ahead(articles: Sequence[Article], *,
                limit: int | None = None) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """For each article, the texts of ``article_sentences(a, limit=limit)`` and their normal
    forms, to be handed to ``remember_splits`` (from another process: plain strings travel
    cheaply). Splitting computes the normal forms anyway, to keep a repeated sentence once; sent
    along, they spare the receiving process computing them again when it summarizes."""
    out = []
    for article in articles:
        texts = tuple(s.text for s in article_sentences(article, limit=limit))
        out.append((texts, tuple(map(normalized, texts))))
    return out


def remember_splits(articles: Sequence[Article], splits: Sequence[tuple[tuple[str, ...], tuple[str, ...]]], *,
                    limit: int | None = None) -> None:
    """From now on ``article_sentences(a, limit=limit)`` of these articles returns what
    ``split_ahead`` gave for them, and ``normalized`` of their sentences the normal forms it
    gave; the splits remembered before are forgotten."""
    _SPLIT_AHEAD.clear()
    _NORMAL_AHEAD.clear()
    for article, (texts, normal_forms) in zip(articles, splits):
        _SPLIT_AHEAD[article.id] = (article.text, limit, texts)
        _NORMAL_AHEAD.update(zip(texts, normal_forms))


def article_sentences(article: Article, *, limit: int | None = None) -> tuple[Sentence, ...]:
    """The article's sentences in order, at most ``limit``; a sentence repeated inside the
    article is kept once. With a limit, splitting stops there: a huge article costs no more."""
    ahead = _SPLIT_AHEAD.get(article.id)
    if ahead is not None and ahead[1] == limit and ahead[0] == article.text:
        return tuple(Sentence(article.id, k, text) for k, text in enumerate(ahead[2]))
    seen: set[str] = set()
    out: list[Sentence] = []
    for examined, text in enumerate(_iter_sentences(article.text)):
        if limit is not None and examined >= limit:
            break
        norm = normalized(text)
        if norm in seen:
            continue
        seen.add(norm)
        out.append(Sentence(article.id, len(out), text))
    return tuple(out)


def words(text: str, *, thousands: bool = False) -> list[str]:
    """Lower-cased word tokens; with ``thousands``, a number such as "373,000" is one token.

    >>> words("Iran-backed militias, the U.S. said.")
    ['iran-backed', 'militias', 'the', 'u.s', 'said']
    >>> words("Claims fell to 373,000, 1,2", thousands=True)
    ['claims', 'fell', 'to', '373,000', '1', '2']
    """
    pattern = _WORD_OR_THOUSANDS if thousands else _WORD
    if "\u0130" in text or "\u03a3" in text:
        # the two letters whose lower case is not one letter of its own ("İ" lowers to two
        # characters; "Σ" to "σ", or "ς" where a word ends): lower the words found
        found = pattern.findall(text)
        return " ".join(found).lower().split(" ") if found else []
    # A word holds no white space, and lower-casing keeps every other character's class: so
    # the words are those of the lower-cased text's white-space-separated pieces, and a piece
    # of letters and digits only is one word. A third faster than searching the whole text.
    found = []
    for piece in text.lower().split():
        if piece.isalnum():
            found.append(piece)
        else:
            found += pattern.findall(piece)
    return found


@functools.lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    # Snowball's own C stemmer: a few microseconds a word, where NLTK's pure-Python Snowball
    # takes over ten; a large input has hundreds of thousands of distinct words
    return Stemmer.Stemmer("english")


def _snowball(word: str) -> str:
    # Snowball's English rules know the straight apostrophe only ("biden's"), not the curly one
    return _stemmer().stemWord(word.replace("’", "'") if "’" in word else word)


@functools.lru_cache(maxsize=1 << 18)  # a word recurs: each summary's vocabulary and facts stem it again
def stem(word: str) -> str | None:
    """The Snowball stem of a lower-cased word, or ``None`` for a stop word, a number or a letter.

    >>> stem("strikes"), stem("the"), stem("2021")
    ('strike', None, None)
    """
    if word in STOP_WORDS or len(word) < 2 or word.replace(",", "").replace(".", "").isdigit():
        return None
    return _snowball(word)


def quantity(word: str) -> str | None:
    """The digits of a word that states a quantity: a number of two digits or more, in
    thousands or with a decimal point, but not a year (four digits from 1800 to 2099 without a
    separator, which the dates tell of); else ``None``.

    >>> quantity("373,000"), quantity("22.5"), quantity("2,000"), quantity("2021"), quantity("7"), quantity("u.s")
    ('373000', '22.5', '2000', None, None, None)
    """
    digits = word.replace(",", "")
    if not digits.replace(".", "", 1).isdigit() or len(digits) < 2 or (len(word) == 4 and "1800" <= word <= "2099"):
        return None
    return digits


def terms(text: str) -> list[str]:
    """Content terms: words that are not stop words and not numbers, Snowball-stemmed.

    >>> terms("The strikes were ordered by Biden in 2021.")
    ['strike', 'order', 'biden']
    """
    return [s for s in map(stem, words(text)) if s is not None]


class SumyTokenizer:
    """Our offline splitting behind the interface sumy's parsers and summarizers call.

    sumy's own ``Tokenizer("english")`` needs NLTK's ``punkt_tab`` data, which cannot be
    downloaded here. Words keep their case (sumy lower-cases them itself) and, as in sumy's
    tokenizer, only tokens that start with a letter and hold letters, apostrophes or hyphens
    count as words.

    >>> SumyTokenizer().to_words("The U.S. hit 85 targets, Kirby's team said.")
    ('The', 'hit', 'targets', "Kirby's", 'team', 'said')
    """

    language = "english"
    _SUMY_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['-])*$")

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return split_sentences(paragraph)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(m.group() for m in _WORD.finditer(sentence) if self._SUMY_WORD.match(m.group()))


def sumy_terms(text: str) -> list[str]:
    """A sentence's terms as sumy's summarizers see them: its words lower-cased, stop words
    removed, the rest stemmed by sumy's own stemmer (NLTK's Snowball, whose English differs
    from Snowball's current one in a few words: "added" is "ad" there), single letters too.

    >>> sumy_terms("The strikes hit a U.S. base")
    ['strike', 'hit', 'base']
    """
    out = []
    for word in SumyTokenizer().to_words(text):
        word = word.lower()
        if word not in STOP_WORDS:
            out.append(_sumy_stem(word))
    return out


@functools.lru_cache(maxsize=100_000)
def _sumy_stem(word: str) -> str:
    return _sumy_stemmer()(word)


@functools.lru_cache(maxsize=1)
def _sumy_stemmer() -> SumyStemmer:
    from sumy.nlp.stemmers import Stemmer as SumyStemmer

    return SumyStemmer("english")
