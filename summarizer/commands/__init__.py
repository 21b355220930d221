"""The subcommands, one module each, and what they share: the run's context, argument
definitions, the help's layout, console width, loading and the stderr account of the input.

Each command module has ``add_parser(subparsers, name)`` and ``run(args, context) -> int``.
Modules import their heavy libraries inside ``run``: building the parser costs nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import textwrap
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

if TYPE_CHECKING:
    from rich.console import Console

    from ..config import Settings
    from ..model import Article, Skipped

__all__ = ["COMMANDS", "Context", "HelpFormatter"]

DEFAULT_WIDTH = 80


@dataclass(frozen=True)
class Context:
    """What a command may touch besides its arguments: the streams, the clock and the environment."""

    stdout: TextIO
    stderr: TextIO
    stdin: BinaryIO | None
    now: dt.datetime
    environ: dict[str, str]


class HelpFormatter(argparse.HelpFormatter):
    """Wraps the description to the terminal (argparse reads COLUMNS) but keeps every line that
    starts with two spaces as written: the examples."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out = []
        for block in text.strip("\n").split("\n\n"):
            lines = block.split("\n")
            if any(line.startswith("  ") for line in lines) or block.startswith("examples:"):
                out.append("\n".join(indent + line for line in lines))
            else:
                out.append(textwrap.fill(" ".join(block.split()), width, initial_indent=indent, subsequent_indent=indent))
        return "\n\n".join(out)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width)


def parser_for(subparsers, name: str, *, help: str, description: str, examples: str) -> argparse.ArgumentParser:
    """A subcommand's parser: its help wrapped to the terminal, ending with its examples."""
    return subparsers.add_parser(name, help=help, description=description, epilog="examples:\n" + examples.rstrip(),
                                 formatter_class=HelpFormatter)


# ---- argument types and shared options ----------------------------------------------------

def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number between 0 and 1, not {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return value


def positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, not {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {value}")
    return value


def day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {text!r}") from None


def add_length_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("summary length (one of)")
    budget = group.add_mutually_exclusive_group()
    budget.add_argument("--sentences", type=positive, metavar="N", help="sentences per summary (default 5)")
    budget.add_argument("--max-words", type=positive, metavar="N", help="fill up to N words with whole sentences")
    budget.add_argument("--max-bytes", type=positive, metavar="N",
                        help="fill up to N bytes (UTF-8, one sentence a line) with whole sentences")
    group.add_argument("--engine", choices=("lexrank", "parity", "sumy"), default="lexrank",
                       help="sentence scoring: lexrank (default; continuous LexRank with damping), parity (sumy's "
                            "LexRank method, same scores, vectorised) or sumy (sumy's own LexRankSummarizer code; slow)")


def add_event_options(parser: argparse.ArgumentParser) -> None:
    from ..config import Settings  # light: a dataclass

    group = parser.add_argument_group("events")
    group.add_argument("--threshold", type=fraction, metavar="X",
                       help=f"average similarity two groups of articles need to merge, 0-1 (default "
                            f"{Settings().cluster_threshold}); lower merges more")
    group.add_argument("--time-sigma", type=positive_float, metavar="DAYS",
                       help=f"how fast similarity fades with days between articles (default {Settings().time_sigma_days}); "
                            "an event's articles were all written within it")


def add_date_options(parser: argparse.ArgumentParser, *, events: bool = True) -> None:
    group = parser.add_argument_group("dates")
    what = ("events with an article published on or {} this day, with their undated articles" if events
            else "documents published on or {} this day (undated ones are skipped)")
    group.add_argument("--since", type=day, metavar="YYYY-MM-DD", help="only " + what.format("after"))
    group.add_argument("--until", type=day, metavar="YYYY-MM-DD", help="only " + what.format("before"))


def add_top_options(parser: argparse.ArgumentParser) -> None:
    from ..config import DEFAULT_TOP

    group = parser.add_argument_group("top stories")
    shown = group.add_mutually_exclusive_group()
    shown.add_argument("--top", type=positive, metavar="N", help=f"show the N top stories (default {DEFAULT_TOP})")
    shown.add_argument("--all", action="store_true", help="show every event (with --archive, those with nothing new too)")
    group.add_argument("--order", choices=("rank", "recent", "size"), default="rank",
                       help="rank: top stories first, by sources, articles and how recent (default); recent: latest "
                            "event first; size: most articles first")


def add_archive_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--archive", metavar="FILE",
                        help="an SQLite file that remembers what was read, created when missing (default: "
                             "$SUMMARIZER_ARCHIVE; without one nothing is written, but the HTTP cache when "
                             "addresses are read)")


def add_web_options(parser: argparse.ArgumentParser) -> None:
    from ..config import DEFAULT_TIMEOUT, WHOLE_ANSWER

    group = parser.add_argument_group("reading addresses (http:// and https:// PATHs, OPML lists)")
    group.add_argument("--timeout", type=positive_float, metavar="SECONDS", default=DEFAULT_TIMEOUT,
                       help=f"seconds to wait to connect and for each read (default {DEFAULT_TIMEOUT:g}); an answer "
                            f"not in full within {WHOLE_ANSWER} times this is given up")
    group.add_argument("--no-follow", dest="follow", action="store_false",
                       help="keep a feed entry's teaser instead of reading the page it links to")


def cache_path(args: argparse.Namespace, context: Context) -> Path:
    """Where the HTTP cache lives: $SUMMARIZER_CACHE; else beside the archive; else the user's cache folder."""
    if context.environ.get("SUMMARIZER_CACHE"):
        return Path(context.environ["SUMMARIZER_CACHE"])
    archive = archive_path(args, context)
    if archive:
        return Path(archive).with_name(Path(archive).name + ".http-cache")
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("summarizer", appauthor=False)) / "http-cache.sqlite"


def archive_path(args: argparse.Namespace, context: Context) -> str | None:
    """--archive, else $SUMMARIZER_ARCHIVE, else None."""
    return args.archive or context.environ.get("SUMMARIZER_ARCHIVE") or None


def add_width_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--width", type=positive, metavar="COLUMNS",
                        help=f"width of the text output (default: the terminal's; when piped, $COLUMNS, else {DEFAULT_WIDTH})")


def settings_of(args: argparse.Namespace) -> Settings:
    from ..config import Settings

    values = {}
    for flag, name in (("sentences", "n_sentences"), ("max_words", "max_words"), ("max_bytes", "max_bytes"),
                       ("threshold", "cluster_threshold"), ("time_sigma", "time_sigma_days"), ("order", "event_order"),
                       ("engine", "engine")):
        value = getattr(args, flag, None)
        if value is not None:
            values[name] = value
    return Settings(**values)


# ---- output ------------------------------------------------------------------------------

def width_for(stream: TextIO, environ: dict[str, str], asked: int | None) -> int | None:
    """``asked``; else the terminal's (None: rich measures it) when ``stream`` is one; else
    $COLUMNS when it is a number; else 80."""
    if asked:
        return asked
    if hasattr(stream, "isatty") and stream.isatty():
        return None
    columns = environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else DEFAULT_WIDTH


def console(context: Context, width: int | None) -> Console:
    from rich.console import Console

    is_tty = hasattr(context.stdout, "isatty") and context.stdout.isatty()
    return Console(file=context.stdout, width=width_for(context.stdout, context.environ, width), highlight=False,
                   emoji=False, markup=False, no_color=not is_tty or "NO_COLOR" in context.environ, soft_wrap=False)


def write_json(value: object, stdout: TextIO) -> None:
    stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def write_jsonl(rows, stdout: TextIO) -> None:
    for row in rows:
        stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


# ---- input -------------------------------------------------------------------------------

def bundled_corpus() -> Path:
    """The sample corpus: installed with the package, or the checkout's corpus/ folder."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "corpus"
    return installed if installed.is_dir() else package.parent / "corpus"


def load(paths: Sequence[str], context: Context, args: argparse.Namespace) -> tuple[tuple[Article, ...], tuple[Skipped, ...]]:
    """The articles under ``paths``, with lines on stderr accounting for every input (and for
    what fetching addresses did).

    Raises InputError when no article could be read."""
    from ..errors import InputError
    from ..ingest import Web, load_articles

    with progress(context, "reading") as tick:
        web = Web(timeout=args.timeout, follow=args.follow, cache=cache_path(args, context), progress=tick)
        articles, skipped = load_articles(paths, stdin=context.stdin, web=web)
    fetched = web.summary()
    if fetched:
        context.stderr.write(fetched + "\n")
    if not articles:
        reasons = "; ".join(f"{s.where}: {s.reason}" for s in skipped[:3])
        raise InputError(f"no article could be read from {', '.join(map(str, paths))} ({reasons})")
    report_input(articles, skipped, context.stderr)
    return articles, skipped


def report_input(articles: Sequence[Article], skipped: Sequence[Skipped], stderr: TextIO) -> None:
    """One line on stderr accounting for the input: ``read 42 articles from 7 files; skipped 2: ...``."""
    from ..render.common import NOTICE, one_line

    from ..ingest.web import is_url

    inputs = {a.path for a in articles} | {s.path for s in skipped}
    n_urls = sum(map(is_url, inputs))
    n_files = len(inputs) - n_urls
    wheres = [f"{n} {word if n == 1 else plural}"
              for n, word, plural in ((n_files, "file", "files"), (n_urls, "address", "addresses")) if n]
    line = f"read {len(articles)} article{'s' * (len(articles) != 1)} from {' and '.join(wheres) or '0 files'}"
    notices = sum(a.notice for a in articles)
    if notices:
        line += f"; {notices} of them {NOTICE}"
    if skipped:
        shown = "; ".join(one_line(f"{s.where}: {s.reason}") for s in skipped[:3])
        more = f"; and {len(skipped) - 3} more (all in --format json)" if len(skipped) > 3 else ""
        line += f"; skipped {len(skipped)}: {shown}{more}"
    stderr.write(line + "\n")


# ---- progress ----------------------------------------------------------------------------

class _Ticker:
    """A rich progress display on stderr that appears only once the work has taken about a second."""

    def __init__(self, context: Context, label: str):
        self.context, self.label = context, label
        self.done, self.total = 0, None
        self.bar = None
        self.lock = threading.Lock()
        self.timer = threading.Timer(1.0, self._start)
        self.timer.daemon = True

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with self.lock:
            if self.timer is None:  # finished meanwhile
                return
            self.bar = Progress(SpinnerColumn(), TextColumn(self.label), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), console=Console(file=self.context.stderr), transient=True)
            self.task = self.bar.add_task(self.label, total=self.total, completed=self.done)
            self.bar.start()

    def __call__(self, done: int, total: int) -> None:
        with self.lock:
            self.done, self.total = done, total
            if self.bar is not None:
                self.bar.update(self.task, completed=done, total=total)

    def stop(self) -> None:
        with self.lock:
            timer, self.timer = self.timer, None
            if timer is not None:
                timer.cancel()
            if self.bar is not None:
                self.bar.stop()


@contextlib.contextmanager
def progress(context: Context, label: str) -> Iterator[Callable[[int, int], None]]:
    """A callback ``(done, total)`` for long work; when stderr is a terminal, a progress display
    appears there if the work takes more than about a second."""
    if not (hasattr(context.stderr, "isatty") and context.stderr.isatty()):
        yield lambda done, total: None
        return
    ticker = _Ticker(context, label)
    ticker.timer.start()
    try:
        yield ticker
    finally:
        ticker.stop()


def _commands() -> dict:
    from . import brief, evaluate, events, report, summarize

    return {"brief": brief, "report": report, "events": events, "summarize": summarize, "evaluate": evaluate}


COMMANDS = _commands()
