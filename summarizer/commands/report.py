"""``summarizer report``: the briefing as a Markdown file in reports/."""

from __future__ import annotations

import argparse
import os
import secrets
from pathlib import Path

from . import (Context, add_archive_option, add_date_options, add_event_options, add_length_options, add_top_options,
               add_web_options, parser_for)
from .brief import briefing_of

DESCRIPTION = """\
Write the briefing of PATHs as Markdown into reports/ (or -o DIR), named after today's date:
briefing-YYYY-MM-DD.md, then -2, -3, ... unless --force. One section per top story with its
summary, the articles carrying each sentence and links to them. Prints the path it wrote. The
file is written whole or not at all. With no PATH, reports on the bundled sample corpus.
With --archive FILE (or $SUMMARIZER_ARCHIVE), the report shows what is new since the last
brief or report of the archive, as brief does.
"""

EXAMPLES = """\
  summarizer report                         the bundled sample corpus
  summarizer report news/ -o ~/briefings    into another folder
  summarizer report news/ --all --force     every event, over today's report
"""


def add_parser(subparsers, name: str) -> None:
    p = parser_for(subparsers, name, help="write the briefing as Markdown into reports/", description=DESCRIPTION,
                   examples=EXAMPLES)
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or folders of articles, OPML lists, http(s) addresses of feeds or pages, or - for standard input (default: the bundled corpus)")
    p.add_argument("-o", "--output", metavar="DIR", default="reports", help="folder to write into (default reports/)")
    p.add_argument("--force", action="store_true", help="overwrite today's report if it exists")
    add_top_options(p)
    add_archive_option(p)
    add_web_options(p)
    add_length_options(p)
    add_event_options(p)
    add_date_options(p)


def run(args: argparse.Namespace, context: Context) -> int:
    from ..errors import InputError
    from ..render import render_markdown

    with briefing_of(args, context, "report") as (briefing, _):
        folder = Path(args.output)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"{folder}: cannot create the report folder ({exc.strerror or exc}); choose another with -o") from None
        target = _unused_name(folder, f"briefing-{context.now.date().isoformat()}", args.force)
        write_atomically(target, render_markdown(briefing, now=context.now))
    context.stdout.write(f"{target}\n")
    return 0


def _unused_name(folder: Path, stem: str, force: bool) -> Path:
    target = folder / f"{stem}.md"
    k = 2
    while target.exists() and not force:
        target = folder / f"{stem}-{k}.md"
        k += 1
    return target


def write_atomically(target: Path, text: str) -> None:
    """Write ``text`` to a new file beside ``target``, then rename it there: an interrupted run
    leaves no half file. The file is created as any the user creates (their umask applies:
    0644 under 022), not 0600 as a temporary file would be."""
    from ..errors import InputError

    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise InputError(f"{target}: cannot be written ({exc.strerror or exc}); choose another folder with -o") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
