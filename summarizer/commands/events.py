"""``summarizer events``: articles grouped into events, without summaries."""

from __future__ import annotations

import argparse

from . import (Context, add_archive_option, add_web_options, add_date_options, add_event_options, add_width_option, archive_path, console,
               load, parser_for, progress, settings_of, write_json, write_jsonl)

DESCRIPTION = """\
Group articles into events and print them, without summaries: every input article is in
exactly one event, and a page holding a site's notice is an event of its own. jsonl prints
one {"id", "articles": [ids], "start", "end", "terms"} a line. --explain says, for each
article, the similarity at which it joined its event and the rule that took it (threshold,
cohesion, margin, pair), how its group then merged with another when it did, and its closest
article; for one left alone, its best match and why that was not enough.

With --archive FILE (or $SUMMARIZER_ARCHIVE), the articles are added to the archive and each
event carries its "status" (new: first seen in this run; updated: gained articles in this run;
seen), when it was first seen and last updated. With no PATH, prints the archive's events.
"""

EXAMPLES = """\
  summarizer events news/                          each event and its articles
  summarizer events export.jsonl --format jsonl    one line an event
  summarizer events news/ --explain                why each article is where it is
  summarizer events --archive news.db --format json  the archive's events
"""


def add_parser(subparsers, name: str) -> None:
    p = parser_for(subparsers, name, help="group articles into events (no summaries)", description=DESCRIPTION,
                   examples=EXAMPLES)
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or folders of articles, OPML lists, http(s) addresses of feeds or pages, or - for standard input (with --archive, none: the archive's events)")
    p.add_argument("--format", choices=("text", "json", "jsonl"), default="text", help="text (default), json or jsonl")
    p.add_argument("--explain", action="store_true", help="say why each article is in its event")
    add_width_option(p)
    add_archive_option(p)
    add_web_options(p)
    add_event_options(p)
    add_date_options(p)


def run(args: argparse.Namespace, context: Context) -> int:
    from ..archive import Archive
    from ..events import cluster_events
    from ..errors import InputError

    settings = settings_of(args)
    path = archive_path(args, context)
    if path is None:
        if not args.paths:
            raise InputError("give a file or folder of articles (or --archive FILE for an archive's events)")
        articles, skipped = load(args.paths, context, args)
        with progress(context, f"grouping {len(articles)} articles"):
            events = cluster_events(articles, settings=settings, explain=args.explain)
        return _print(args, context, settings, events, skipped)
    if args.explain:
        raise InputError("--explain tells how this run grouped its input, and an archive keeps earlier groups: "
                         "leave out --archive to see it")
    from .brief import report_archive

    articles, skipped = load(args.paths, context, args) if args.paths else ((), ())
    with Archive(path) as archive, archive.run(articles, now=context.now, command="events", settings=settings) as run:
        report_archive(run, len(archive), context)
        ids = [a.id for a in articles if a.id not in run.added] if args.paths else None
        events = archive.events(None if ids is None else list(run.touched) + archive.events_of(ids), run=run)
        return _print(args, context, settings, events, skipped)


def _print(args, context, settings, events, skipped) -> int:
    from ..filters import events_within
    from ..render import event_line, render_event_list
    from ..render.jsonout import skipped_dict

    events, outside = events_within(events, since=args.since, until=args.until)
    skipped = tuple(skipped) + outside
    rows = [event_line(e, explain=args.explain) for e in events]
    if args.format == "jsonl":
        write_jsonl(rows, context.stdout)
    elif args.format == "json":
        write_json({"events": rows, "skipped": [skipped_dict(s) for s in skipped]}, context.stdout)
    else:
        console(context, args.width).print(render_event_list(events, explain=args.explain, threshold=settings.cluster_threshold))
    return 0
