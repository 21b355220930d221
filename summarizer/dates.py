"""Publication dates: parsing the dates inputs give, and bounding the ones they do not.

An article is never published before the events it reports. So the dates its text mentions in
the past tense bound its publication date from below: "in 2018" means 2018 or later, "on
Feb. 26, 2021" means that day or later. Month names without a year say more than it seems:
news refers to recent months by name alone, so an article that speaks of February and of
"earlier in June" as past was written after June and before the next February; it was not
written in February to May. That is the most compact reading of the timeline, the assumption
temporal taggers make when they resolve an underspecified month against the document's date
(Strötgen and Gertz 2010, HeidelTime). Sentences that look ahead ("will", "next", "plans
to") are not evidence.
"""

from __future__ import annotations

import datetime as dt
import re

from .model import Article, DateWindow

__all__ = ["parse_date", "parse_published", "dateline_date", "dateline_day", "url_date", "infer_window", "days_apart"]

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_YEAR = r"(?P<year>(?:19[5-9]|20\d)\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# (kind, pattern, whether a match holds a digit, whether it holds a month name)
_PATTERNS = (
    ("day", re.compile(rf"\b{_MONTH} {_DAY},? {_YEAR}\b"), True, True),
    ("day", re.compile(rf"\b{_DAY} {_MONTH},? {_YEAR}\b"), True, True),
    ("day", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"), True, False),
    ("month", re.compile(rf"\b{_MONTH},? {_YEAR}\b"), True, True),
    ("bare", re.compile(rf"\b{_MONTH}(?! ?\d{{4}})"), False, True),
    ("year", re.compile(rf"\b(?:in|since|of|from|until|through|during|after|before|early|late|mid|between|and)[ -]{_YEAR}\b(?![-,.]?\d)"), True, False),
)
# "May" and "March" are also ordinary words; as months they follow a preposition or precede a day.
_WORD_MONTH = re.compile(r"^(May|March)$")
_MONTH_CONTEXT = re.compile(r"\b(in|since|early|late|mid|earlier in|later in|last|of|through|until|from|by|between|and|or)[ -]$", re.IGNORECASE)
_FUTURE_WORDS = r"\b(will|shall|next|upcoming|scheduled|plans? to|planned|is due|are due|expected to|aims? to|would)\b"
_FUTURE = re.compile(_FUTURE_WORDS, re.IGNORECASE)
_FUTURE_LOWER = re.compile(_FUTURE_WORDS)  # the same on lower-cased ASCII, three times as fast
# Every pattern needs a digit, a month name (which starts with one of these), or both: a
# sentence is searched only with the patterns it may hold. Two searches, each of one class or of
# literals (which the regex engine scans for quickly), take half the time of one of the whole.
_DIGIT = re.compile(r"\d")
_MONTH_NAME = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")  # every pattern without a month name holds one
# a sentence ends at ".", "!" or "?" before white space and a capital or an opening quote; the
# pattern starts with the stop itself, which the regex engine scans for quickly
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"“])")


_MAX_SCANNED = 100_000  # characters of an article searched for dates: its first pages
_NO_YEAR = dt.datetime(1, 1, 1)  # a default no real date has: tells when the input gave no year


# The zone abbreviations news pages write ("Tue, Sep 15 2020 10:01:41 EDT"); dateutil knows UTC
# and GMT only. Abbreviations that name two zones (IST, BST) are left unknown.
_ZONES = {name: hours * 3600 for name, hours in (("EST", -5), ("EDT", -4), ("CST", -6), ("CDT", -5), ("MST", -7),
                                                 ("MDT", -6), ("PST", -8), ("PDT", -7), ("CET", 1), ("CEST", 2),
                                                 ("JST", 9))}


def parse_published(value: object) -> dt.datetime | dt.date | None:
    """The moment an input says an article was published: a ``datetime`` (time-zone aware when
    the input gives a zone) when it gives a time, a ``date`` when it gives only a day, else
    ``None``. Parsed by python-dateutil; a value without a year is not a date.

    >>> parse_published("2021-02-26T14:03:00+01:00")
    datetime.datetime(2021, 2, 26, 14, 3, tzinfo=datetime.timezone(datetime.timedelta(seconds=3600)))
    >>> parse_published("Fri, 26 Feb 2021 13:03:00 GMT").tzinfo is not None, parse_published("Feb. 26, 2021")
    (True, datetime.date(2021, 2, 26))
    >>> parse_published("Feb. 26"), parse_published("yesterday"), parse_published(None)
    (None, None, None)
    """
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    text = value.strip()
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed if ("T" in text or " " in text.strip()) else parsed.date()
    except ValueError:
        pass
    from dateutil import parser as date_parser

    try:
        parsed = date_parser.parse(text, default=_NO_YEAR, tzinfos=_ZONES)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.year == 1:
        return None
    has_time = bool(re.search(r"\d:\d\d", text))
    return parsed if has_time else parsed.date()


def parse_date(value: object) -> dt.date | None:
    """The calendar day of ``parse_published(value)`` (in the input's own time zone).

    >>> parse_date("2021-02-26"), parse_date("Fri, 26 Feb 2021 14:00:00 GMT")
    (datetime.date(2021, 2, 26), datetime.date(2021, 2, 26))
    >>> parse_date("Feb. 26, 2021"), parse_date("yesterday")
    (datetime.date(2021, 2, 26), None)
    """
    published = parse_published(value)
    return published.date() if isinstance(published, dt.datetime) else published


# A wire dateline opening an article: "WASHINGTON, Feb. 26 (Reuters) -", "LONDON (AP) _",
# "BEIRUT, Lebanon, June 28, 2021 (AFP) --".
_DATELINE = re.compile(
    rf"^[A-Z][A-Z.'’ -]+(?:, [A-Z][A-Za-z.' -]+)?,? (?:{_MONTH} {_DAY}(?:,? {_YEAR})?)? ?"
    r"\((?:AP|Reuters|AFP|UPI|Bloomberg|dpa|Xinhua|CNN|IANS|PTI)\) ?(?:-{1,2}|_|–|—)"
)


def dateline_date(text: str) -> tuple[int | None, int | None, int | None] | None:
    """``(year, month, day)`` from a dateline at the start of ``text`` (parts it lacks are
    None), or None when the text opens with no dateline.

    >>> dateline_date("WASHINGTON, Feb. 26 (Reuters) - The strike ...")
    (None, 2, 26)
    >>> dateline_date("BEIRUT, June 28, 2021 (AFP) -- ..."), dateline_date("LONDON (AP) _ ..."), dateline_date("The strike")
    ((2021, 6, 28), (None, None, None), None)
    """
    match = _DATELINE.match(text)
    if not match:
        return None
    if not match["month"]:
        return (None, None, None)
    return (int(match["year"]) if match["year"] else None, _month(match["month"]), int(match["day"]))


def dateline_day(text: str) -> dt.date | None:
    """The day a dateline states when it gives the year, else None.

    >>> dateline_day("BEIRUT, June 28, 2021 (AFP) -- ..."), dateline_day("WASHINGTON, Feb. 26 (Reuters) - ...")
    (datetime.date(2021, 6, 28), None)
    >>> dateline_day("BEIRUT, Feb. 30, 2021 (AFP) -- ...") is None
    True
    """
    found = dateline_date(text)
    return _date(*found) if found is not None and None not in found else None


# A date in a news site's address: "/2021/07/15/", "/2021/7/7/", "-2021-05-12/" (year, month and
# day apart, as htmldate reads them), or "/2021/jul/13/". Years 1990 to 2039, as htmldate's.
_URL_YEAR = r"(?P<year>199\d|20[0-3]\d)"
_URL_DATE = (
    re.compile(rf"\D{_URL_YEAR}[/_-](?P<month>[01]?\d)[/_-](?P<day>[0-3]?\d)(?:\D|$)"),
    re.compile(rf"\D{_URL_YEAR}[/_-](?P<month>{'|'.join(_MONTHS)})[/_-](?P<day>[0-3]?\d)(?:\D|$)", re.IGNORECASE),
)


def url_date(url: str) -> dt.date | None:
    """The publication day a news address states, or None. Many sites put it in the path;
    an address is given by the input with the article, so this is the input's date too.

    >>> url_date("https://www.cnn.com/2021/07/15/politics/vaccine.html"), url_date("https://x.org/news/2021/jul/13/deal/")
    (datetime.date(2021, 7, 15), datetime.date(2021, 7, 13))
    >>> url_date("https://www.reuters.com/world/us/biden-host-leaders-2021-05-12/"), url_date("https://www.vox.com/2021/7/17/2258/ruling")
    (datetime.date(2021, 5, 12), datetime.date(2021, 7, 17))
    >>> url_date("https://x.org/2021/13/40/a"), url_date("https://x.org/2021/06/a-month"), url_date("https://x.org/a-11626471046")
    (None, None, None)
    """
    for pattern in _URL_DATE:
        match = pattern.search(url)
        if match:
            return _date(int(match["year"]), _month(match["month"]), int(match["day"]))
    return None


def infer_window(article: Article) -> DateWindow:
    """The window an article was published in: its own date, else what its text implies.

    >>> a = Article("a", "He last ordered strikes in February. Earlier in June, Iraq released him.")
    >>> sorted(infer_window(a).excluded_months)
    [2, 3, 4, 5]
    >>> infer_window(Article("b", "The deal was signed in 2015.")).earliest
    datetime.date(2015, 1, 1)
    """
    if article.date is not None:
        return DateWindow(article.date, article.date)
    dateline = dateline_date(article.text)
    if dateline is not None and dateline[1] is not None:
        # "WASHINGTON, Feb. 26 (Reuters) -" without a year: written in that month, some year
        return DateWindow(excluded_months=frozenset(m for m in range(1, 13) if m != dateline[1]))
    scanned = article.text[:_MAX_SCANNED]
    if not _MONTH_NAME.search(scanned) and not _ANY_YEAR.search(scanned):
        return DateWindow()  # nothing any pattern could match: most undated articles, at once
    earliest: dt.date | None = None
    months: set[int] = set()
    for sentence in _sentences(scanned):
        digit, month = _DIGIT.search(sentence) is not None, _MONTH_NAME.search(sentence) is not None
        if not (digit or month) or _is_future(sentence):
            continue
        taken: list[tuple[int, int]] = []
        for kind, pattern, needs_digit, needs_month in _PATTERNS:
            if (needs_digit and not digit) or (needs_month and not month):
                continue
            for match in pattern.finditer(sentence):
                if any(a < match.end() and match.start() < b for a, b in taken):
                    continue
                found = _evidence(kind, match, sentence)
                if found is None:
                    continue
                taken.append(match.span())
                if isinstance(found, int):
                    months.add(found)
                elif earliest is None or found > earliest:
                    earliest = found
    return DateWindow(earliest, None, _excluded_months(months))


def _sentences(text: str) -> list[str]:
    """``text`` cut after each sentence's stop, the white space that follows dropped."""
    found, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        found.append(text[start:end.start() + 1])
        start = end.end()
    found.append(text[start:])
    return found


def _is_future(sentence: str) -> bool:
    return (_FUTURE_LOWER.search(sentence.lower()) if sentence.isascii() else _FUTURE.search(sentence)) is not None


def days_apart(a: DateWindow, b: DateWindow) -> float | None:
    """Fewest days between a publication date allowed by ``a`` and one allowed by ``b``;
    ``None`` when neither is an exact date (nothing to measure from).

    >>> d = DateWindow(dt.date(2021, 2, 26), dt.date(2021, 2, 26))
    >>> days_apart(d, DateWindow(dt.date(2021, 3, 1), dt.date(2021, 3, 1)))
    3.0
    >>> days_apart(d, DateWindow(excluded_months=frozenset({2, 3, 4, 5})))
    26.0
    """
    if a.is_exact and b.is_exact:
        return float(abs((a.earliest - b.earliest).days))
    if b.is_exact:
        a, b = b, a
    if not a.is_exact:
        return None
    day = a.earliest
    nearest = _nearest_allowed(day, b)
    return float("inf") if nearest is None else float(abs((nearest - day).days))


def _nearest_allowed(day: dt.date, window: DateWindow) -> dt.date | None:
    low = window.earliest or dt.date.min
    high = window.latest or dt.date.max
    start = min(max(day, low), high)
    if start.month not in window.excluded_months:
        return start
    best: dt.date | None = None
    forward = _first_allowed_after(start, window.excluded_months)
    if forward is not None and forward <= high:
        best = forward
    backward = _last_allowed_before(start, window.excluded_months)
    if backward is not None and backward >= low:
        if best is None or abs((backward - day).days) < abs((best - day).days):
            best = backward
    return best


def _first_allowed_after(day: dt.date, excluded: frozenset[int]) -> dt.date | None:
    year, month = day.year, day.month
    for _ in range(12):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if month not in excluded:
            return dt.date(year, month, 1) if year <= dt.MAXYEAR else None
    return None


def _last_allowed_before(day: dt.date, excluded: frozenset[int]) -> dt.date | None:
    first = day.replace(day=1)
    for _ in range(12):
        if first.year == dt.MINYEAR and first.month == 1:
            return None
        first = (first - dt.timedelta(days=1)).replace(day=1)
        if first.month not in excluded:
            return _month_end(first)
    return None


def _month_end(first: dt.date) -> dt.date:
    nxt = first.replace(year=first.year + 1, month=1) if first.month == 12 else first.replace(month=first.month + 1)
    return nxt - dt.timedelta(days=1)


def _evidence(kind: str, match: re.Match, sentence: str) -> dt.date | int | None:
    if kind == "year":
        return _date(int(match["year"]), 1, 1)
    month = _month(match["month"])
    if kind == "bare":
        if _WORD_MONTH.match(match["month"]) and not _MONTH_CONTEXT.search(sentence[: match.start()]):
            return None
        return month
    day = int(match["day"]) if kind == "day" else 1
    return _date(int(match["year"]), month, day)


def _excluded_months(months: set[int]) -> frozenset[int]:
    """Months of the year an article mentioning ``months`` (as past) was not written in.

    The mentions are read as the shortest arc of the calendar that holds them all; the article
    was written in or after the arc's last month, so the arc's other months are excluded.
    A single month, or mentions spread over half the year or more, exclude nothing.
    """
    if len(months) < 2:
        return frozenset()
    ordered = sorted(months)
    gaps = [((ordered[(i + 1) % len(ordered)] - m) % 12, i) for i, m in enumerate(ordered)]
    gap, i = max(gaps)
    if gap <= 6:  # the arc is half the year or more: no reading is the more compact
        return frozenset()
    first = ordered[(i + 1) % len(ordered)]
    last = ordered[i]
    return frozenset((first + k - 1) % 12 + 1 for k in range((last - first) % 12))


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()] if not name.isdigit() else int(name)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
