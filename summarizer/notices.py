"""Site notices: text a site puts on its pages, whatever the story, found in many wordings.

Saved pages open with what the site says about the page itself: an archive's crawl note, a
cookie or JavaScript wall, "Media playback is unsupported on your device", a newsletter offer,
a reprints notice. On a real stream the same notice opens hundreds of pages of different events
in many wordings (cut short at any length, with a name, a date or an address inside), and as a
report it would gather them all into one event. A notice is found by what it is and by how it
recurs:

- what it is: its opening speaks of the page or the site (``PAGE_TALK``);
- how it recurs: that opening, in like wordings, opens ``NOTICE_MIN_PAGES`` pages or more (or,
  on a page of its own, the page is short and says nothing else to the reader). Like
  wordings are found by MinHash and locality-sensitive hashing (Broder 1997; datasketch) over
  the opening's words, among the pages whose opening speaks of the page only.

The notice's words are the trigrams most of its pages share; a page is read from where they
end. A page with no report left after its notice is a notice page: it stands alone and never
joins an event. A page that opens with a notice and goes on is read from where the notice ends.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import re
import struct
from collections import Counter
from collections.abc import Sequence

from .model import Article
from .parallel import in_halves

__all__ = ["find_notices", "PAGE_TALK", "speaks_to_reader"]

# What a site tells its reader about the page itself rather than a story: its cookies and
# scripts, the reader's browser and account, subscriptions and newsletters, video players,
# image credits, advertising, sharing, comments, an archive's crawl. Looked for in the opening
# words of a page only, and counted as a notice only when that opening recurs on other pages.
PAGE_TALK = re.compile(
    r"\b(?:cookies?|javascript|browser|log ?in|logged|sign ?in|sign ?up|subscri\w*|newsletters?|e-?mails?|inbox|"
    r"crawl\w*|archiv\w*|wayback|tweets?|twitter|facebook|video|playback|media caption|image (?:copyright|caption)|"
    r"photo|advertisement|comments?|notifications?|verification|reprints?|copyright|loading|embed|share|skip|"
    r"rented|playlist|queue|transcript|zip ?code|deliverable|privacy|ads?|please|updates|alerts|registration|"
    r"web|websites?|seed|domains?|urls?|taboola|widget|player)\b")
# A sentence that addresses the reader (or names what only a page has: its scripts, cookies,
# links, forms) about the page itself is the site talking, whatever page it is on: "You may
# edit your settings or unsubscribe at any time", "Please enable JavaScript", "We may receive
# compensation when you click on links".
_READER = re.compile(
    r"\b(?:you|your|yours|please|click|tap|unsubscribe|log ?in|sign ?in|sign ?up|javascript)\b|"
    r"\b(?:enabl|disabl|accept|allow)\w*\b.{0,40}\bcookies?\b")
_PAGE_THINGS = re.compile(
    r"\b(?:cookies?|javascript|browsers?|settings|subscri\w*|newsletters?|inbox|e-?mails?|log ?in|sign ?in|sign ?up|"
    r"click\w*|links?|forms?|page|site|website|app|notifications?|ads?|advertis\w*|compensation|editor|"
    r"connected|account|password|register\w*|comments?|share|follow us|download)\b|www\.|\.com\b")


def speaks_to_reader(sentence: str) -> bool:
    """Whether a sentence is the site talking to its reader about the page (cookies, scripts,
    subscriptions, links, forms) rather than reporting.

    >>> [speaks_to_reader(t) for t in ("You may edit your settings or unsubscribe at any time.",
    ...  "For the best experience please update your browser.", "Submit your letter to the editor via this form.",
    ...  "The governor urged residents to stay home and said schools would close on Friday.")]
    [True, True, True, False]
    """
    lower = sentence.lower()  # the patterns are lower case: a third of the time of matching ignoring case
    return bool(_READER.search(lower)) and bool(_PAGE_THINGS.search(lower))


# The opening whose wordings are compared: long enough to hold a short notice, short enough
# that a notice a few words long still makes most of it.
OPENING_WORDS = 12
NOTICE_MIN_PAGES = 3
# Two openings are like wordings of one notice when their sets of words overlap this much
# (Jaccard similarity, estimated from NUM_PERM hash functions): a name of two words inside an
# opening of twelve still leaves it at 0.7.
LIKE_WORDING = 0.5
NUM_PERM = 32
# A notice is short: text shared this long is a story carried by several pages, not a notice.
NOTICE_MAX_WORDS = 150
# A name or date inside a notice breaks the trigrams around it: the notice goes on past that
# many trigrams no other page has.
_GAP = 6
# Less than this much of a page after its notice is no report: the page is a notice page.
MIN_REPORT_WORDS = 20
_READ_WORDS = NOTICE_MAX_WORDS + 3 * _GAP  # a notice is looked for within a page's first words
_WORD = re.compile(r"[^\W_]+")
_PARALLEL_PAGES = 20_000  # above this many pages, openings are read in two processes


def find_notices(articles: Sequence[Article]) -> list[Article]:
    """The articles, notice pages marked ``notice`` and pages that open with a notice read from
    where it ends.

    >>> pages = [Article(f"p{k}", f"Please enable cookies to read this page. {story}") for k, story in
    ...          enumerate(["", "The strike was ordered on Thursday by the president after rocket attacks on a base "
    ...                     "that wounded five contractors and killed one, officials said late that night.", "", ""])]
    >>> [(a.id, a.notice, a.text[:10]) for a in find_notices(pages)]
    [('p0', True, 'Please ena'), ('p1', False, 'The strike'), ('p2', True, 'Please ena'), ('p3', True, 'Please ena')]
    >>> [a.notice for a in find_notices([Article("one", "Please enable JavaScript in your browser to view this site.")])]
    [True]
    """
    articles = [_alone(a) for a in articles]
    first, second = in_halves(_talking_openings, [a.text for a in articles], worth_it=len(articles) > _PARALLEL_PAGES)
    half = len(articles) // 2  # where in_halves cuts a list without sizes
    candidates = [k for k, _ in first] + [half + k for k, _ in second]
    openings = [words for _, words in first] + [words for _, words in second]
    if len(candidates) < NOTICE_MIN_PAGES:
        return list(articles)
    groups = [[candidates[i] for i in g] for g in _like_openings(openings) if len(g) >= NOTICE_MIN_PAGES]

    def read(part: Sequence[list[int]]) -> list[tuple[int, Article]]:
        return [(group[k], article) for group in part for k, article in _read_past([articles[i] for i in group])]

    out = list(articles)
    for half in in_halves(read, groups, sizes=map(len, groups), worth_it=len(articles) > _PARALLEL_PAGES):
        for k, article in half:
            out[k] = article
    return out


def _alone(article: Article) -> Article:
    """The article, marked a notice page when it is one by what it says, found on one page
    alone: a short page whose sentences are the site talking to its reader
    (``speaks_to_reader``) but for fewer than ``MIN_REPORT_WORDS`` words ("Please enable
    JavaScript to view this site.")."""
    text = article.text
    if article.notice or len(text) > NOTICE_MAX_WORDS * 12:
        return article
    # cut where a sentence may end, as a count of words needs: an abbreviation cut off
    # ("the U.S." / "site.") moves a word or two, where Punkt would cost seconds on a large input;
    # a report has its words of reporting in its first sentences, so the count stops early
    talking, rest = False, 0
    for sentence in _ROUGH_SENTENCES.split(text):
        if speaks_to_reader(sentence):
            talking = True
            continue
        rest += len(_WORD.findall(sentence))
        if rest >= MIN_REPORT_WORDS:
            return article
    return dataclasses.replace(article, notice=True) if talking else article


_ROUGH_SENTENCES = re.compile(r"(?<=[.!?。！？])[\"'”’)\]]*\s+|\n+")


def _talking_openings(texts: Sequence[str]) -> list[tuple[int, list[str]]]:
    """(position, opening words) of the texts whose opening speaks of the page."""
    found = []
    for k, text in enumerate(texts):
        words = _opening(text)
        if words and PAGE_TALK.search(" ".join(words)):
            found.append((k, words))
    return found


def _opening(text: str) -> list[str]:
    return _WORD.findall(text[:OPENING_WORDS * 20].lower())[:OPENING_WORDS]


def _trigrams(words: Sequence[str]) -> list[str]:
    return [" ".join(words[k:k + 3]) for k in range(max(1, len(words) - 2))]


def _hash(value: bytes) -> int:
    # a stable hash (Python's own changes between runs): the same input gives the same notices
    return struct.unpack("<I", hashlib.blake2b(value, digest_size=4).digest())[0]


def _like_openings(openings: list[list[str]]) -> list[list[int]]:
    """Groups of openings in like wordings: connected by pairs whose estimated Jaccard
    similarity of words reaches ``LIKE_WORDING`` (MinHash LSH finds the pairs); the same
    opening on many pages is sketched once."""
    from datasketch import MinHash, MinHashLSH

    distinct: dict[tuple[str, ...], list[int]] = {}
    for k, words in enumerate(openings):
        distinct.setdefault(tuple(words), []).append(k)
    keys = list(distinct)
    sketches = MinHash.bulk([[w.encode("utf-8") for w in set(words)] for words in keys], num_perm=NUM_PERM, hashfunc=_hash)
    index = MinHashLSH(threshold=LIKE_WORDING, num_perm=NUM_PERM)
    with index.insertion_session() as session:
        for k, sketch in enumerate(sketches):
            session.insert(k, sketch, check_duplication=False)
    parent = list(range(len(keys)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for k, sketch in enumerate(sketches):
        for other in index.query(sketch):
            if other > k and sketch.jaccard(sketches[other]) >= LIKE_WORDING:
                parent[root(other)] = root(k)
    groups: dict[int, list[int]] = {}
    for k, key in enumerate(keys):
        groups.setdefault(root(k), []).extend(distinct[key])
    return [sorted(g) for g in groups.values()]


def _read_past(pages: Sequence[Article]) -> list[tuple[int, Article]]:
    """For pages whose openings are like wordings of one text: the pages that change, as
    (position, article). The text's words are the trigrams more than half of the pages share
    (``NOTICE_MIN_PAGES`` at least): what follows the notice on a few of them is a story they
    carry. Each page's notice runs from its start to its last such trigram (gaps of a few
    trigrams allowed). A shared text over ``NOTICE_MAX_WORDS`` words is a story several pages
    carry, not a notice: nothing changes."""
    spans = [[m.span() for m in itertools.islice(_WORD.finditer(p.text), _READ_WORDS)] for p in pages]
    words = [[p.text[a:b].lower() for a, b in s] for p, s in zip(pages, spans)]
    trigrams = [_trigrams(w) for w in words]
    shared = Counter(t for page in trigrams for t in set(page))
    common = {t for t, n in shared.items() if n >= NOTICE_MIN_PAGES and 2 * n > len(pages)}
    changed: list[tuple[int, Article]] = []
    ends = []
    for page in trigrams:
        end, gap = 0, 0
        for k, t in enumerate(page):
            if t in common:
                end, gap = k + 3, 0
            else:
                gap += 1
                if gap > _GAP:
                    break
        ends.append(min(end, len(page) + 2))
    if not any(ends) or max(ends) > NOTICE_MAX_WORDS:
        return changed
    for k, (page, end, span) in enumerate(zip(pages, ends, spans)):
        if not end:
            continue
        after = span[end - 1][1] if end <= len(span) else len(page.text)
        rest = sum(1 for _ in itertools.islice(_WORD.finditer(page.text, after), MIN_REPORT_WORDS))
        if rest < MIN_REPORT_WORDS:
            changed.append((k, dataclasses.replace(page, notice=True)))
        else:
            changed.append((k, dataclasses.replace(page, text=page.text[after:].lstrip(" \t\n.,;:|-–—!?)]"))))
    return changed
