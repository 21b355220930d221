"""``summarizer summarize``: summaries of events already grouped (a clusters file)."""

from __future__ import annotations

import argparse
import dataclasses

from . import (Context, add_date_options, add_length_options, add_width_option, console, parser_for, progress,
               settings_of, write_json, write_jsonl)

DESCRIPTION = """\
Summarize each line of a clusters file ({"id", "documents": [articles]} a line) as one
event, without grouping: jsonl prints one {"id", "summary": [sentences], "sources": [[article
ids]]} a line, in the input's order, within the budget given.
"""

EXAMPLES = """\
  summarizer summarize clusters.jsonl --max-bytes 665
  summarizer summarize clusters.jsonl --sentences 3 --format text
"""


def add_parser(subparsers, name: str) -> None:
    p = parser_for(subparsers, name, help="summarize clusters given in a file, without grouping", description=DESCRIPTION,
                   examples=EXAMPLES)
    p.add_argument("clusters", metavar="CLUSTERS.jsonl", help="the clusters file")
    p.add_argument("--format", choices=("text", "json", "jsonl"), default="jsonl", help="jsonl (default), json or text")
    add_width_option(p)
    add_length_options(p)
    add_date_options(p, events=False)


def clusters(args: argparse.Namespace, context: Context, *, scored: bool = False) -> tuple[list, list]:
    """Clusters of a clusters file, with --since/--until applied to their documents; with
    ``scored``, only those that carry references."""
    from ..errors import InputError
    from ..ingest import load_clusters, within_dates
    from . import report_input

    events, skipped = load_clusters(args.clusters)
    if not events:
        raise InputError(f"{args.clusters}: no cluster could be read (each line must be {{\"id\", \"documents\": [...]}})")
    if scored:
        events = tuple(e for e in events if e.references)
        if not events:
            raise InputError(f"{args.clusters}: no cluster has 'references' to score against")
    kept, skipped = [], list(skipped)
    for event in events:
        articles, outside = within_dates(event.articles, since=args.since, until=args.until)
        kept.append(dataclasses.replace(event, articles=articles))
        skipped.extend(outside)
    report_input([a for e in kept for a in e.articles], skipped, context.stderr)
    return kept, skipped


def run(args: argparse.Namespace, context: Context) -> int:
    from ..pipeline import summarize_events
    from ..render import render_summaries, summary_line
    from ..render.jsonout import skipped_dict

    events, skipped = clusters(args, context)
    with progress(context, "summarizing") as tick:
        done = summarize_events(events, settings=settings_of(args), progress=tick)
    rows = [summary_line(e) for e in done]
    if args.format == "jsonl":
        write_jsonl(rows, context.stdout)
    elif args.format == "json":
        write_json({"clusters": rows, "skipped": [skipped_dict(s) for s in skipped]}, context.stdout)
    else:
        console(context, args.width).print(render_summaries(done))
    return 0
