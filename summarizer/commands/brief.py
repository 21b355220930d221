"""``summarizer brief``: the top stories in the terminal (or as JSON)."""

from __future__ import annotations

import argparse

from . import (Context, add_date_options, add_event_options, add_length_options, add_top_options, add_width_option,
               bundled_corpus, console, load, parser_for, progress, settings_of, write_json)

DESCRIPTION = """\
Print a briefing of the top stories in PATHs: one panel per event, with a headline, its
days, its sources, a summary whose every sentence is quoted verbatim from the articles (the
numbers in brackets name the articles that carry it) and its articles, listed by day. The
top stories are the events carried by the most sources and articles, most recent first;
the brief shows 20 and says how many more there are. With no PATH, briefs the bundled
sample corpus.
"""

EXAMPLES = """\
  summarizer brief                              the bundled sample corpus
  summarizer brief news/ --top 5 --sentences 3  five stories, three sentences each
  summarizer brief news/ --since 2024-03-01     stories with an article since 1 March
  summarizer brief export.jsonl --format json   the briefing as JSON
"""


def add_parser(subparsers, name: str) -> None:
    p = parser_for(subparsers, name, help="print the top stories of PATHs to the terminal", description=DESCRIPTION,
                   examples=EXAMPLES)
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or folders of articles, or - for standard input (default: the bundled corpus)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    add_width_option(p)
    add_top_options(p)
    add_length_options(p)
    add_event_options(p)
    add_date_options(p)


def make_briefing(args: argparse.Namespace, context: Context):
    """The briefing ``brief`` and ``report`` show."""
    from ..config import DEFAULT_TOP
    from ..pipeline import brief

    settings = settings_of(args)
    articles, skipped = load(args.paths or [str(bundled_corpus())], context)
    top = None if args.all else (args.top or DEFAULT_TOP)
    with progress(context, "summarizing") as tick:
        return brief(articles, settings=settings, skipped=skipped, now=context.now, progress=tick, top=top,
                     since=args.since, until=args.until)


def run(args: argparse.Namespace, context: Context) -> int:
    from ..render import briefing_to_dict, render_terminal

    briefing = make_briefing(args, context)
    if args.format == "json":
        write_json(briefing_to_dict(briefing), context.stdout)
    else:
        console(context, args.width).print(render_terminal(briefing))
    return 0
