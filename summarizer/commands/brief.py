"""``summarizer brief``: the top stories in the terminal (or as JSON)."""

from __future__ import annotations

import argparse

import contextlib
from collections.abc import Iterator

from . import (Context, add_archive_option, add_web_options, add_date_options, add_event_options, add_length_options, add_top_options,
               add_width_option, archive_path, bundled_corpus, console, load, parser_for, progress, settings_of, write_json)

DESCRIPTION = """\
Print a briefing of the top stories in PATHs: one panel per event, with a headline, its
days, its sources, a summary whose every sentence is quoted verbatim from the articles (the
numbers in brackets name the articles that carry it) and its articles, listed by day. The
top stories are the events carried by the most sources and articles, most recent first;
the brief shows 20 and says how many more there are. With no PATH, briefs the bundled
sample corpus.

With --archive FILE (or $SUMMARIZER_ARCHIVE), the articles are added to the archive and the
brief shows what is new since the last brief or report of it: new events, and events that
gained articles, their new sentences marked "new". With no PATH, it briefs what earlier runs
added.
"""

EXAMPLES = """\
  summarizer brief                                the bundled sample corpus
  summarizer brief news/ --top 5 --sentences 3    five stories, three sentences each
  summarizer brief feeds.opml --archive news.db   the feeds you follow: what is new since the last brief
  summarizer brief https://example.org/feed.xml   a feed, each teaser replaced by its page's text
"""


def add_parser(subparsers, name: str) -> None:
    p = parser_for(subparsers, name, help="print the top stories of PATHs to the terminal", description=DESCRIPTION,
                   examples=EXAMPLES)
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or folders of articles, OPML lists, http(s) addresses of feeds or pages, or - for standard input (default: the bundled corpus)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    add_width_option(p)
    add_top_options(p)
    add_archive_option(p)
    add_web_options(p)
    add_length_options(p)
    add_event_options(p)
    add_date_options(p)


@contextlib.contextmanager
def briefing_of(args: argparse.Namespace, context: Context, command: str, *, drafts: bool = False) -> Iterator:
    """The briefing ``brief`` and ``report`` show, and the function that summarizes its events.
    Without ``drafts`` the events come summarized and that function returns them as they are;
    with it they come as grouped, for the output to summarize each part of them where it draws
    it (``summarizer.render.print_terminal``). With an archive, the run is one transaction,
    committed when the ``with`` block (which writes the output) ends without an error."""
    import os

    from ..archive import Archive
    from ..config import DEFAULT_TOP
    from ..pipeline import brief, brief_events, summarize_events

    settings = settings_of(args)
    top = None if args.all else (args.top or DEFAULT_TOP)
    path = archive_path(args, context)

    def finisher(tick, total: int):
        here = os.getpid()

        def finish(events):
            if not drafts:
                return events
            # this process's part, its progress scaled to the whole; a second process's part
            # runs meanwhile at about the same pace and shows nothing
            scaled = lambda done, n: tick(min(total, round(done * total / max(n, 1))), total) if os.getpid() == here else None
            whole = len(events) == total  # all at once: summarize_events may cut them in halves itself
            return summarize_events(events, settings=settings, progress=tick if whole else scaled, parallel=whole)
        return finish

    if path is None:
        articles, skipped = load(args.paths or [str(bundled_corpus())], context, args)
        with progress(context, "summarizing") as tick:
            briefing = brief(articles, settings=settings, skipped=skipped, now=context.now, progress=tick, top=top,
                             since=args.since, until=args.until, summarize=not drafts)
            yield briefing, finisher(tick, len(briefing.events))
        return
    articles, skipped = load(args.paths, context, args) if args.paths else ((), ())
    with Archive(path) as archive, archive.run(articles, now=context.now, command=command, settings=settings,
                                               briefed=True) as run:
        report_archive(run, len(archive), context)
        events = archive.events(None if args.all else archive.new_since_last_brief(run), run=run)
        with progress(context, "summarizing") as tick:
            briefing = brief_events(events, settings=settings, skipped=skipped, now=context.now, progress=tick, top=top,
                                    since=args.since, until=args.until, summarize=not drafts,
                                    new_since=run.last_briefed[1] if run.last_briefed else None)
            yield briefing, finisher(tick, len(briefing.events))


def report_archive(run, size: int, context: Context) -> None:
    """One line on stderr: what the run added to the archive."""
    context.stderr.write(f"archive: {len(run.added)} new article{'s' * (len(run.added) != 1)}, "
                         f"{len(run.already)} already in it; {size} in all\n")


def run(args: argparse.Namespace, context: Context) -> int:
    from ..render import briefing_to_dict, print_terminal

    from ..pipeline import summary_cost

    with briefing_of(args, context, "brief", drafts=args.format == "text") as (briefing, finish):
        if args.format == "json":
            write_json(briefing_to_dict(briefing), context.stdout)
        else:  # each part of the events summarized where it is drawn
            print_terminal(console(context, args.width), briefing, prepare=finish, cost=summary_cost)
    return 0
