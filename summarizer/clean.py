"""Small ``str -> str`` steps that turn raw article text into clean paragraphs.

Each step is a pure function; ``clean_text`` applies them in order. The output keeps one
paragraph (or source line) a line, so later stages can still see the article's structure.
"""

from __future__ import annotations

import re

__all__ = ["clean_text", "clean_field", "same_text_key", "speaks_of_the_page", "strip_control", "drop_boilerplate", "join_wrapped_lines", "squeeze_spaces"]

# Lines that carry no content: ad markers left by scrapers, share widgets, "read more" links.
# A lone word on its own line is treated the same way (the seeds' "display" lines). Only short
# lines are candidates: some sources put a whole article on one line that starts "Image caption".
_BOILERPLATE = re.compile(
    r"^(advertisement( ?[-–—:|]? ?(scroll (down )?to continue|story continues below|continue reading).*)?|"
    r"advertising|sponsored( content)?|scroll (down )?to continue.*|story continues below( advertisement)?|"
    r"continue reading|read more|click here.*|share this( article)?|sign up.*newsletter.*|"
    r"image (copyright|caption|source).*|getty images|watch:?|related:?|skip to (main )?content)$",
    re.IGNORECASE,
)
_MAX_BOILERPLATE = 80
# What a site tells its reader about the page itself: its cookies, the reader's browser,
# logging in, subscribing, reprints, comments, an archive's crawl notes.
_PAGE_TALK = re.compile(
    r"\b(cookies|javascript|your browser|log ?in to|sign ?in to|subscri\w+ (to continue|is required)|crawls?|wayback|"
    r"internet archive|archive-it|your tweets|your comments|your website|reprints|try again later|help page)\b",
    re.IGNORECASE,
)
# Unicode categories Cc (controls) and Cf (format: zero-width, bidi overrides, BOM, soft
# hyphen), except tab, newline and the zero-width joiner that emoji sequences need.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200c\u200e-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")
_ASCII_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")  # the same, for text that is all ASCII
_ASCII_KEY = bytes(ord(c.lower()) if c.isalnum() else 32 for c in map(chr, range(128))) + b" " * 128
_UTF8_KEY = bytes(b if b >= 128 or chr(b).isalnum() else 32 for b in range(256))
_NON_ASCII_NON_WORD = re.compile(r"[^\x00-\x7f\w]+")
_LONE_WORD = re.compile(r"^[^\W\d_]+$")
_BLANK_LINES = re.compile(r"\n{3,}")
_TERMINAL = re.compile(r"[.!?:;\"'”’)\]]$")


def strip_control(text: str) -> str:
    """Normalise newlines and remove control characters (ESC, bells, CR, ...) but tabs and newlines.

    >>> strip_control("a\\r\\nb\\x1b[31mc\\x07")
    'a\\nb[31mc'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # isascii() reads a flag; a class of two ranges scans twice as fast as the full one
    return (_ASCII_CONTROL if text.isascii() else _CONTROL).sub("", text)


def drop_boilerplate(text: str) -> str:
    """Drop lines that are ad markers or a single bare word, such as the seeds' ``display``.

    >>> drop_boilerplate("display\\nThe strike was ordered.\\nAdvertisement")
    'The strike was ordered.'
    """
    kept = []
    for line in text.split("\n"):
        bare = line.strip()
        if bare and len(bare) <= _MAX_BOILERPLATE and (_BOILERPLATE.match(bare) or _LONE_WORD.match(bare)):
            continue
        kept.append(line)
    return "\n".join(kept)


def squeeze_spaces(text: str) -> str:
    """Collapse runs of white space inside lines (spaces, tabs, no-break and other Unicode
    spaces) to one space; at most one blank line.

    >>> squeeze_spaces("a  \\u00a0b\\n\\n\\n\\nc ")
    'a b\\n\\nc'
    """
    # str.split() with no argument is C's own white-space split: a regular expression replacing
    # each run took seven times as long, a third of the time of reading 150 MB of JSON Lines
    text = "\n".join([" ".join(line.split()) for line in text.split("\n")])
    return (_BLANK_LINES.sub("\n\n", text) if "\n\n\n" in text else text).strip()


def join_wrapped_lines(text: str) -> str:
    """Join a line broken inside a sentence with the next: the line is as long as the text's
    wrapped lines are (half its longest line or more), does not end a sentence, and the next
    line goes on in lower case. A short line (a heading, a caption) stays a line of its own.

    >>> join_wrapped_lines("used by Kataib Sayyid\\nal-Shuhada.\\nNext line.")
    'used by Kataib Sayyid al-Shuhada.\\nNext line.'
    >>> join_wrapped_lines("EU names repeat offenders\\nurkey, Poland and Hungary were named in the report on Tuesday.")
    'EU names repeat offenders\\nurkey, Poland and Hungary were named in the report on Tuesday.'
    """
    lines = text.split("\n")
    wrap = max(map(len, lines), default=0) // 2
    out: list[str] = []
    for line in lines:
        if out and len(out[-1]) >= wrap and line[:1].islower() and not _TERMINAL.search(out[-1]):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def clean_text(text: str, *, wrapped: bool = True) -> str:
    """Control characters stripped, spaces squeezed, boilerplate lines dropped, wrapped lines
    joined (unless ``wrapped`` is False: text whose lines are paragraphs, as pages and feeds
    give it), spaces squeezed again.

    >>> clean_text("display\\n\\nThe  strike\\nwas ordered.\\n\\ndisplay")
    'The strike was ordered.'
    """
    squeezed = squeeze_spaces(strip_control(text))
    text = drop_boilerplate(squeezed)
    text = join_wrapped_lines(text) if wrapped else text
    # squeezing a squeezed text changes nothing: again only where lines were dropped or joined
    return text if text == squeezed else squeeze_spaces(text)


def clean_field(text: str) -> str:
    r"""A metadata value (title, source) on one line, control characters removed.

    >>> clean_field("  BBC\n News\x07 ")
    'BBC News'
    >>> clean_field("a\x1b]8;;x\x07b\n c\u202e")
    'a]8;;xb c'
    """
    return " ".join(strip_control(text).split())


def same_text_key(text: str) -> str:
    """The text with case, punctuation and spacing ignored: two texts with the same words in
    the same order have the same key.

    >>> same_text_key("Please enable  cookies!") == same_text_key("please enable cookies")
    True
    """
    # The same as re.sub(r"[\W_]+", " ", text.lower()).strip(), by byte tables in C: that regex
    # took 10 s of reading 150,000 texts. ASCII text is lowered and spaced by one table; other
    # text has its non-ASCII non-word characters spaced by a regex (they are few: quotes,
    # dashes), then its ASCII ones by a table that leaves the bytes of other characters as they are.
    if text.isascii():
        return " ".join(text.encode("ascii").translate(_ASCII_KEY).decode("ascii").split())
    spaced = _NON_ASCII_NON_WORD.sub(" ", text.lower())
    return b" ".join(spaced.encode("utf-8", "surrogatepass").translate(_UTF8_KEY).split()).decode("utf-8", "surrogatepass")


def speaks_of_the_page(text: str) -> bool:
    """True when the text speaks of the page or site it is on (cookies, javascript, logging in,
    a subscription, an archive's crawl), as a site's notice does.

    >>> speaks_of_the_page("Please enable cookies to continue."), speaks_of_the_page("The strike was ordered.")
    (True, False)
    """
    return _PAGE_TALK.search(text) is not None
