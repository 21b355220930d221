"""Command line: ``summarizer brief | report | events | summarize | evaluate``.

The only module that sees argv and exit codes: 0 ok, 1 user error (bad input, bad setting, an
archive in use), 2 usage, 130 interrupted. Any other exception is a bug and shows its traceback.
Each subcommand is a module of ``summarizer.commands``; this one parses and dispatches. Heavy
libraries load inside the commands, so ``--help`` and ``--version`` answer at once.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
from collections.abc import Mapping, Sequence
from typing import BinaryIO, TextIO

from . import __version__
from .commands import COMMANDS, Context, HelpFormatter
from .errors import SummarizerError

__all__ = ["main", "build_parser", "entry"]

DESCRIPTION = """\
Group news articles into events and brief the top stories, each with an extractive summary:
every summary sentence is quoted verbatim from the articles, marked with the articles that
carry it. No models or data are downloaded: the network is used only for the addresses you
give and the pages their feeds link to.

It reads files and folders (searched recursively): text (.txt, .md, with optional title:,
date:, source:, url: lines), saved web pages (.html, .htm), RSS and Atom feeds (.rss, .atom,
.xml), JSON (.json: an object, an array, {"articles": [...]}, or a JSON Feed), JSON Lines
(.jsonl: one article a line), OPML subscription lists (.opml: every feed in it is read) and
standard input (-); and http(s) addresses of feeds, OPML lists and article pages. Anything
else is listed as skipped with its reason, and the run goes on.

Each command has --help with examples: summarizer brief --help.
"""

EPILOG = """\
examples:
  summarizer brief                          brief the bundled sample corpus
  summarizer brief news/ --archive news.db  what is new in news/ since the last brief
  summarizer brief feeds.opml --archive news.db
                                            the feeds you follow, what is new since the last brief
  summarizer report news/                   write reports/briefing-<today>.md
  summarizer events export.jsonl --format jsonl
"""


class _UsageError(Exception):
    """A bad command line; ``main`` prints it with a pointer to the right help and exits 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises on usage errors instead of printing to the process's stderr."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"error: {message}\nrun '{self.prog} --help' for usage")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="summarizer", description=DESCRIPTION, epilog=EPILOG, formatter_class=HelpFormatter)
    parser.add_argument("--version", action="version", version=f"summarizer {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    for name, command in COMMANDS.items():
        command.add_parser(commands, name)
    return parser


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.Namespace:
    """Parse; an unknown option is reported by the subcommand it was given to, so the message
    points at that command's help."""
    args, extra = parser.parse_known_args(argv)
    if extra:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[args.command]
        sub.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None,
         stdin: BinaryIO | None = None, now: dt.datetime | None = None, environ: Mapping[str, str] | None = None) -> int:
    """Run the command line; returns the exit code.

    ``stdout``, ``stderr``, ``stdin`` (binary), the clock ``now`` and ``environ`` (for
    ``SUMMARIZER_ARCHIVE``, ``COLUMNS``, ``NO_COLOR``) default to the process's own.
    """
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if stdin is None:
        stdin = getattr(sys.stdin, "buffer", None)
    try:
        parser = build_parser()
        try:
            with contextlib.redirect_stdout(stdout):  # --help and --version print to our stdout
                args = _parse(parser, list(sys.argv[1:] if argv is None else argv))
        except SystemExit as exit_:
            return int(exit_.code or 0)
        except _UsageError as exc:
            stderr.write(f"{exc}\n")
            return 2
        context = Context(stdout, stderr, stdin, now or dt.datetime.now().astimezone(),
                          dict(os.environ if environ is None else environ))
        try:
            return COMMANDS[args.command].run(args, context)
        except SummarizerError as exc:
            from .render.common import one_line

            stderr.write(f"error: {one_line(str(exc))}\n")  # messages quote paths, which may hold escapes
            return 1
    except KeyboardInterrupt:
        stderr.write("interrupted\n")
        return 130
    except BrokenPipeError:
        # the reader went away (summarizer ... | head); not an error of ours
        with contextlib.suppress(OSError):
            sys.stdout = None  # type: ignore[assignment]
        return 0


def entry() -> None:
    """The installed ``summarizer`` command: ``main``, and Ctrl-C at any moment, even while the
    libraries load, ends with one line and exit code 130."""
    try:
        code = main()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        code = 130
    sys.exit(code)
