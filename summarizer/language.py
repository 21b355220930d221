"""Which language an article is written in, and what the project knows of each language.

Articles are compared only with articles of their own language: two texts in different
languages share no words but names, and two texts in one foreign language share its function
words ("le, les, de, la"), which say nothing of their events. Detection is py3langid (Lui and
Baldwin 2012, langid.py's model, shipped inside the package: nothing is downloaded). Most news a
user follows is English, and a text whose words are mostly English function words is English
without asking the model, which costs a millisecond a text.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from .parallel import in_halves

__all__ = ["detect_language", "detect_languages", "language_name", "stemmer_name", "stop_words", "UNKNOWN"]

UNKNOWN = "und"  # ISO 639-2's code for an undetermined language
# How much of a text the detector reads: its opening is enough to tell its language.
_DETECTED_CHARS = 600
# Of the first _WORDS_LOOKED_AT words, an English text has 40 to 55% English function words
# (sumy's list); a text in another language written in Latin letters has under 20%
# ("a", "in", "die" and the like): a share of 30% or more is English at once.
_WORDS_LOOKED_AT = 60
_ENGLISH_SHARE = 0.3
_PUNCTUATION = str.maketrans(dict.fromkeys(".,;:!?\"'“”‘’()", " "))
# Fewer letters than this and no detector is reliable (a caption, "Loading"): language unknown.
_MIN_LETTERS = 20
# ISO 639-1 code -> the language's name as PyStemmer (Snowball) and sumy's stop-word lists call it
_NAMES = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german", "el": "greek", "en": "english",
    "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french", "ga": "irish", "he": "hebrew", "hi": "hindi",
    "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian", "ja": "japanese", "ko": "korean",
    "lt": "lithuanian", "ne": "nepali", "nl": "dutch", "no": "norwegian", "nb": "norwegian", "pl": "polish",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sk": "slovak", "sr": "serbian", "sv": "swedish",
    "ta": "tamil", "th": "thai", "tr": "turkish", "uk": "ukrainian", "zh": "chinese", "fa": "persian", "eo": "esperanto",
}


def language_name(code: str) -> str:
    """The English name of a language code, or the code itself when the project has none.

    >>> language_name("fr"), language_name("xx")
    ('french', 'xx')
    """
    return _NAMES.get(code, code)


@functools.lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _english_function_words() -> frozenset[str]:
    return stop_words("en")


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is written in, or ``UNKNOWN`` ("und") when
    it has too few letters to tell or the detector is unsure.

    >>> detect_language("The strike was ordered by the president after the attacks on the base.")
    'en'
    >>> detect_language("La grève a été décidée par les syndicats après l'échec des négociations.")
    'fr'
    >>> detect_language("Loading")
    'und'
    """
    opening = text[:_DETECTED_CHARS]
    words = opening.lower().translate(_PUNCTUATION).split()[:_WORDS_LOOKED_AT]
    if len(words) >= _MIN_LETTERS // 2 and sum(map(_english_function_words().__contains__, words)) >= _ENGLISH_SHARE * len(words):
        return "en"
    if sum(c.isalpha() for c in opening[: _MIN_LETTERS * 4]) < _MIN_LETTERS:
        return UNKNOWN
    code, probability = _identifier().classify(opening)
    return code if probability >= 0.5 else UNKNOWN


def detect_languages(texts: Sequence[str]) -> list[str]:
    """``detect_language`` of each text; a large input in two processes."""
    first, second = in_halves(_detect_all, texts, worth_it=len(texts) > 20_000)
    return first + second


def _detect_all(texts: Sequence[str]) -> list[str]:
    return [detect_language(t) for t in texts]


def stemmer_name(code: str) -> str | None:
    """The Snowball stemmer PyStemmer has for this language, or None.

    >>> stemmer_name("de"), stemmer_name("ja")
    ('german', None)
    """
    import Stemmer

    name = _NAMES.get(code)
    return name if name in Stemmer.algorithms() else None


@functools.lru_cache(maxsize=None)
def stop_words(code: str) -> frozenset[str]:
    """The language's stop words as sumy lists them (empty when sumy has no list), read from
    sumy's data as its ``get_stop_words`` reads them, without importing its HTTP helpers.

    >>> "les" in stop_words("fr"), "the" in stop_words("en"), len(stop_words("xx"))
    (True, True, 0)
    """
    from importlib import resources

    name = _NAMES.get(code)
    if name is None:
        return frozenset()
    try:
        text = resources.files("sumy").joinpath("data", "stopwords", f"{name}.txt").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return frozenset()
    return frozenset(w.strip() for w in text.splitlines() if w.strip())
