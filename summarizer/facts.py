"""Whether two sentences state the same fact in other words.

Outlets retell one fact each in their own words: "was sentenced Monday to eight months in
prison" and "dealt an eight-month prison sentence". Their TF-IDF cosine is low (other words,
other details, other lengths), so the redundancy test alone lets both into a summary. They
share what a retelling cannot change: the figures, the names, and the words that say what the
figure counts and what happened. Two sentences state the same fact when

- they give the same figures: the figures of the one with fewer are all among the other's, and
  there is at least one ("eight-month" gives 8, "Jan. 6" and "January 6th" the date 1/6; a
  number after a word, as in "COVID-19", is part of a name);
- they name someone or something in common (a capitalised word that does not open the
  sentence; weekdays and months are not names); and
- around one shared figure (``CONTEXT`` words either side) they share at least
  ``SHARED_TERMS`` content words (Snowball stems, not names or reporting verbs): "eight months
  in prison" and "eight-month prison sentence" share "month" and "prison".

Sentences without figures are left to the similarity tests: without a figure to anchor them,
names and a few words are shared by most sentences of one event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sentences import stem

__all__ = ["Facts", "facts", "same_fact"]

CONTEXT = 4
SHARED_TERMS = 2

_NUMBER_WORDS = {
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14", "fifteen": "15",
    "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20", "thirty": "30",
    "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "hundred": "hundred", "thousand": "thousand", "million": "million", "billion": "billion", "trillion": "trillion",
    "dozen": "12", "half": "half",
}
_MONTHS = {name: str(k) for k, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), start=1) for name in names}
_WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
_DAY = re.compile(r"([1-9]|[12][0-9]|3[01])(st|nd|rd|th)?")
_DIGIT = re.compile(r"\d")
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(_NUMBER_WORDS) + r")\b")  # on lower-cased text: slower, so second
_REPORTING = frozenset(stem(w) for w in (
    "said", "says", "say", "told", "tell", "tells", "according", "reported", "reports", "stated", "added",
    "announced", "statement", "news", "reporters"))
_TOKEN = re.compile(r"[^\W_]+(?:[.,'’-][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Facts:
    """What a sentence states, as far as a retelling keeps it: each figure with the content
    words around it, and the names."""

    figures: dict[str, frozenset[str]]
    names: frozenset[str]


_NONE = Facts({}, frozenset())


def _figure(word: str) -> str | None:
    bare = word.replace(",", "")
    if bare.replace(".", "", 1).isdigit():
        return bare
    return _NUMBER_WORDS.get(word)


# a lower-cased word (no hyphen) -> ("figure", its value), ("word", its stem), or None for a word
# that is no item (a stop word, a reporting verb): each word is looked at once, not at each use
_WORDS: dict[str, tuple[str, str] | None] = {}
_WORDS_KEPT = 1 << 18


def _word(lower: str) -> tuple[str, str] | None:
    if lower in _WORDS:
        return _WORDS[lower]
    figure = _figure(lower)
    if figure is not None:
        found = ("figure", figure)
    else:
        term = stem(lower)
        found = None if term is None or term in _REPORTING else ("word", term)
    if len(_WORDS) < _WORDS_KEPT:
        _WORDS[lower] = found
    return found


def _date(tokens: list[str], lows: list[str], k: int) -> tuple[str, int] | None:
    """A day of a month at ``tokens[k]`` ("Jan. 6", "January 6th", "6 January"): the date as a
    figure ("1/6") and how many tokens it takes. ``lows`` are the tokens lower-cased."""
    if k + 1 >= len(tokens):
        return None
    low = lows[k]
    month = _MONTHS.get(low)
    if month and (day := _DAY.fullmatch(lows[k + 1])):
        return f"{month}/{day.group(1)}", 2
    if low[:1].isdigit() and (month := _MONTHS.get(lows[k + 1])) and tokens[k + 1][:1].isupper() and (day := _DAY.fullmatch(low)):
        return f"{month}/{day.group(1)}", 2
    return None


def facts(text: str) -> Facts:
    """The figures (dates among them) with the content words around each, and the names.

    >>> f = facts("A federal judge on Monday dealt an eight-month prison sentence to Paul Hodgkins.")
    >>> {k: sorted(v) for k, v in f.figures.items()}, sorted(f.names)
    ({'8': ['dealt', 'feder', 'judg', 'month', 'prison', 'sentenc']}, ['hodgkin', 'paul'])
    >>> sorted(facts("The Jan. 6 attack came six months before the vote on 4 July.").figures)
    ['1/6', '6', '7/4']
    """
    if not _DIGIT.search(text) and not _NUMBER_WORD.search(text.lower()):
        return _NONE  # no figure: it can be no one's retelling
    tokens = _TOKEN.findall(text)
    lows = [t.lower() for t in tokens]
    # a capital opening the sentence makes no name, unless the next word has one too ("Paul Hodgkins")
    opening_name = len(tokens) > 1 and tokens[1][:1].isupper()
    items: list[tuple[str, str]] = []  # ("figure" | "term" | "name", value), in reading order
    skip = 0
    for k, low in enumerate(lows):
        if skip:
            skip -= 1
            continue
        if (low in _MONTHS or low[:1].isdigit()) and (date := _date(tokens, lows, k)):
            items.append(("figure", date[0]))
            skip = date[1] - 1
            continue
        if low in _WEEKDAYS or low in _MONTHS:
            continue  # when, not who: a date is a figure, and a weekday alone is no figure of the fact
        token = tokens[k]
        parts = [(part, part.lower()) for part in token.split("-")] if "-" in token else ((token, low),)
        for n, (part, lower) in enumerate(parts):
            found = _word(lower)
            if found is None:
                continue
            if found[0] == "figure":
                if n == 0:  # a number after a word is part of a name ("COVID-19", "F-35"), not a figure
                    items.append(found)
                continue
            # a stop word is no item at all, so a capitalised item is a name unless it opens the sentence
            name = part[:1].isupper() and (k > 0 or opening_name)
            items.append(("name" if name else "term", found[1]))
    figures: dict[str, set[str]] = {}
    for k, (kind, value) in enumerate(items):
        if kind == "figure":
            near = items[max(k - CONTEXT, 0):k + CONTEXT + 1]
            figures.setdefault(value, set()).update(v for kind, v in near if kind == "term")
    names = frozenset(v for kind, v in items if kind == "name")
    return Facts({k: frozenset(v) for k, v in figures.items()}, names)


def same_fact(a: Facts, b: Facts) -> bool:
    """Whether two sentences' facts are one fact told twice (see the module's description).

    >>> same_fact(facts("A man who breached the Senate chamber in the Capitol was sentenced Monday to eight months in prison."),
    ...           facts("A federal judge on Monday dealt an eight-month prison sentence for his role in the Capitol riot."))
    True
    >>> same_fact(facts("Paul Hodgkins, 38, was the first person charged with a felony to be sentenced."),
    ...           facts("Paul Hodgkins was sentenced Monday to eight months in prison."))
    False
    """
    small, large = sorted((a.figures, b.figures), key=len)
    if not small or not small.keys() <= large.keys() or not a.names & b.names:
        return False
    return any(len(a.figures[f] & b.figures[f]) >= SHARED_TERMS for f in small)
