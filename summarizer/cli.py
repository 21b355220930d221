"""Command line: ``summarizer brief | report | events | summarize``.

The only module that sees argv, stdout/stderr and exit codes: 0 ok, 1 user error (bad input,
bad setting), 2 usage, 130 interrupted. Any other exception is a bug and shows its traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

from rich.console import Console

from . import __version__
from .events import cluster_events
from .config import ENGINES, Settings
from .errors import ConfigError, InputError, SummarizerError
from .ingest import load_articles, load_clusters, within_dates
from .model import Skipped
from .evaluate import METRICS, lead_summary, rouge
from .pipeline import brief, summarize_events
from .render import (briefing_to_dict, event_line, render_event_list, render_markdown, render_summaries,
                     render_terminal, summary_line)
from .render.common import NOTICE, one_line
from .render.jsonout import skipped_dict

__all__ = ["main", "build_parser"]

DESCRIPTION = """\
Group news articles into events and brief each one with an extractive summary: every summary
sentence is quoted verbatim from the articles, marked with the articles that carry it.

Reads .txt and .md files (optional 'title:', 'date:', 'source:', 'url:' header lines, then a
blank line), saved web pages (.html, .htm), RSS and Atom feeds (.rss, .atom, .xml), .json (an
object, an array, or {"articles": [...]}) and .jsonl (one article a line with id, title, text,
date, source, url); - reads standard input. Folders are searched recursively. Anything else
is listed as skipped with its reason, and the run goes on; a line on stderr accounts for
every input.
"""

EPILOG = """\
examples:
  summarizer brief                       brief the bundled sample corpus
  summarizer brief news/ --sentences 3   shorter summaries of your own folder
  summarizer brief news/ --format json   the same briefing as JSON
  summarizer report news/                write reports/briefing-<today>.md
  summarizer events feed.jsonl --format jsonl
  summarizer summarize clusters.jsonl --max-bytes 665 --format jsonl
  summarizer evaluate clusters.jsonl --max-bytes 665 --systems systems.jsonl
"""


EVALUATE_NOTE = """\
Needs the rouge-score package: pip install '.[eval]'. Differences from the ROUGE-1.5.5
script used by DUC (figures differ by a few tenths): NLTK's Porter stemmer on every word
(ROUGE-1.5.5 stems only words longer than three letters, with its own variant); ROUGE-L is
the summary-level rougeLsum; plain means instead of bootstrap averages; summaries and
references are cut at --max-bytes (as -b) or --max-words (as -l) by this command."""


class _UsageError(Exception):
    """A bad command line; ``main`` prints it with a hint and exits 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises on usage errors instead of printing to the process's stderr."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"error: {message}\nrun '{self.prog} --help' for usage")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number between 0 and 1, not {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return value


def _length_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("summary length (one of)")
    budget = group.add_mutually_exclusive_group()
    budget.add_argument("--sentences", type=_positive, metavar="N", help="sentences per summary (default 5)")
    budget.add_argument("--max-words", type=_positive, metavar="N", help="fill up to N words with whole sentences")
    budget.add_argument("--max-bytes", type=_positive, metavar="N", help="fill up to N bytes (UTF-8, one sentence a line) with whole sentences")
    parser.add_argument("--engine", choices=ENGINES, default="lexrank",
                        help="sentence scoring: lexrank (default; continuous LexRank with damping), parity (sumy's "
                             "LexRank method, same scores, vectorised) or sumy (sumy's own LexRankSummarizer code; slow)")


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {text!r}") from None


def _date_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("dates")
    group.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="only articles published on or after this day (undated ones are skipped)")
    group.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="only articles published on or before this day (undated ones are skipped)")


def _cluster_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("events")
    group.add_argument("--threshold", type=_fraction, metavar="X",
                       help=f"average similarity two groups of articles need to merge, 0-1 (default {Settings().cluster_threshold}); lower merges more")
    group.add_argument("--time-sigma", type=float, metavar="DAYS",
                       help=f"how fast similarity fades with days between dated articles (default {Settings().time_sigma_days}); "
                            "an event's dated articles lie within half of it")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="summarizer", description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"summarizer {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    p = commands.add_parser("brief", help="print a briefing of the events in PATHs to the terminal",
                            description="Print a briefing: one panel per event with a headline, its dates, sources and "
                                        "summary. Events are shown most recent first (undated ones last); --order size shows "
                                        "the largest first. With no PATH, briefs the bundled sample corpus.",
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders of articles, or - for standard input (default: the bundled corpus)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    p.add_argument("--order", choices=("recent", "size"), default="recent", help="recent: latest event first (default); size: most articles first")
    p.add_argument("--width", type=_positive, metavar="COLUMNS", help="terminal width to render at (default: the terminal's)")
    _length_options(p)
    _cluster_options(p)
    _date_options(p)

    p = commands.add_parser("report", help="write the briefing as a Markdown report",
                            description="Write the briefing as Markdown, one '## ' section per event, into DIR "
                                        "(default reports/), named briefing-YYYY-MM-DD.md after today's date, and print its path. "
                                        "An existing report is kept: the new one gets a -2, -3, ... suffix unless --force.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders of articles, or - for standard input (default: the bundled corpus)")
    p.add_argument("-o", "--output", metavar="DIR", default="reports", help="folder to write into (default reports/)")
    p.add_argument("--force", action="store_true", help="overwrite today's report if it exists")
    p.add_argument("--order", choices=("recent", "size"), default="recent", help="recent: latest event first (default); size: most articles first")
    _length_options(p)
    _cluster_options(p)
    _date_options(p)

    p = commands.add_parser("events", help="group articles into events (no summaries)",
                            description="Group articles into events and print them; every input article is in exactly one event. "
                                        "jsonl prints one {\"id\", \"articles\": [ids], \"start\", \"end\", \"terms\"} a line.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders of articles, or - for standard input")
    p.add_argument("--format", choices=("text", "json", "jsonl"), default="text", help="text (default), json or jsonl")
    p.add_argument("--explain", action="store_true",
                   help="show, per article, the average similarity at which it joined its event, the rule that "
                        "took it (threshold, cohesion, margin, pair, copy), how its group then merged with another "
                        "when it did, and its closest article (for one left alone, its best match and why that was "
                        "not enough)")
    _cluster_options(p)
    _date_options(p)

    p = commands.add_parser("summarize", help="summarize clusters given in a file, without clustering",
                            description="Summarize each line of a clusters file ({\"id\", \"documents\": [articles]} a line) as one "
                                        "event. jsonl prints one {\"id\", \"summary\": [sentences], \"sources\": [[article ids]]} a line.")
    p.add_argument("clusters", metavar="CLUSTERS.jsonl", help="the clusters file")
    p.add_argument("--format", choices=("text", "json", "jsonl"), default="jsonl", help="jsonl (default), json or text")
    _length_options(p)
    _date_options(p)

    p = commands.add_parser("evaluate", help="score summaries of a clusters file against its human references (ROUGE)",
                            description="Summarize each cluster of CLUSTERS.jsonl ({\"id\", \"documents\", \"references\": [str]} a "
                                        "line) and print a ROUGE table: this project, a Lead baseline of the same length (first "
                                        "sentences of the earliest article), and every system of --systems. Recall (R-) and F1 (F-), "
                                        "x100, averaged over references and clusters.\n\n" + EVALUATE_NOTE,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("clusters", metavar="CLUSTERS.jsonl", help="clusters with references")
    p.add_argument("--systems", metavar="SYSTEMS.jsonl", help="other systems' summaries: {\"cluster_id\", \"system\", \"summary\"} a line")
    p.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    _length_options(p)
    _date_options(p)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    values = {}
    for flag, name in (("sentences", "n_sentences"), ("max_words", "max_words"), ("max_bytes", "max_bytes"),
                       ("threshold", "cluster_threshold"), ("time_sigma", "time_sigma_days"), ("order", "event_order"),
                       ("engine", "engine")):
        value = getattr(args, flag, None)
        if value is not None:
            values[name] = value
    return Settings(**values)


def _default_paths(paths: Sequence[str]) -> list[str]:
    if paths:
        return list(paths)
    return [str(bundled_corpus())]


def bundled_corpus() -> Path:
    """The sample corpus: installed with the package, or the checkout's corpus/ folder."""
    package = Path(__file__).resolve().parent
    installed = package / "corpus"
    return installed if installed.is_dir() else package.parent / "corpus"


def _report(articles: Sequence, skipped: Sequence[Skipped], stderr: TextIO) -> None:
    """One line on stderr accounting for the input: ``read 42 articles from 7 files; skipped 2: ...``."""
    n_files = len({a.path for a in articles} | {s.path for s in skipped})
    line = f"read {len(articles)} article{'s' * (len(articles) != 1)} from {n_files} file{'s' * (n_files != 1)}"
    notices = sum(a.notice for a in articles)
    if notices:
        line += f"; {notices} of them {NOTICE}"
    if skipped:
        shown = "; ".join(one_line(f"{s.where}: {s.reason}") for s in skipped[:3])
        more = f"; and {len(skipped) - 3} more (all in --format json)" if len(skipped) > 3 else ""
        line += f"; skipped {len(skipped)}: {shown}{more}"
    stderr.write(line + "\n")


def _load(paths: Sequence[str], args, stdin, stderr: TextIO):
    articles, skipped = load_articles(paths, stdin=stdin)
    articles, outside = within_dates(articles, since=args.since, until=args.until)
    skipped = skipped + outside
    if not articles:
        reasons = "; ".join(f"{s.where}: {s.reason}" for s in skipped[:3])
        raise InputError(f"no article could be read from {', '.join(paths)} ({reasons})")
    _report(articles, skipped, stderr)
    return articles, skipped


def _write_json(value: object, stdout: TextIO) -> None:
    stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _write_jsonl(rows, stdout: TextIO) -> None:
    for row in rows:
        stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def _emit(fmt: str, rows: list[dict], key: str, skipped: Sequence[Skipped], text, stdout: TextIO) -> None:
    """Rows as JSON Lines, as one JSON object ``{key: rows, "skipped": [...]}``, or as text."""
    if fmt == "jsonl":
        _write_jsonl(rows, stdout)
    elif fmt == "json":
        _write_json({key: rows, "skipped": [skipped_dict(s) for s in skipped]}, stdout)
    else:
        _console(stdout, None).print(text())


def _console(stdout: TextIO, width: int | None) -> Console:
    is_tty = hasattr(stdout, "isatty") and stdout.isatty()
    return Console(file=stdout, width=width or (None if is_tty else 100), highlight=False, emoji=False,
                   markup=False, no_color=not is_tty or "NO_COLOR" in os.environ, soft_wrap=False)


def _run_brief(args, settings, stdout, stderr, stdin, now) -> int:
    articles, skipped = _load(_default_paths(args.paths), args, stdin, stderr)
    briefing = brief(articles, settings=settings, skipped=skipped, now=now)
    if args.format == "json":
        _write_json(briefing_to_dict(briefing), stdout)
    else:
        _console(stdout, args.width).print(render_terminal(briefing))
    return 0


def _unused_name(folder: Path, stem: str, force: bool) -> Path:
    target = folder / f"{stem}.md"
    k = 2
    while target.exists() and not force:
        target = folder / f"{stem}-{k}.md"
        k += 1
    return target


def _run_report(args, settings, stdout, stderr, stdin, now) -> int:
    articles, skipped = _load(_default_paths(args.paths), args, stdin, stderr)
    briefing = brief(articles, settings=settings, skipped=skipped, now=now)
    folder = Path(args.output)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{folder}: cannot create the report folder ({exc.strerror or exc}); choose another with -o") from None
    target = _unused_name(folder, f"briefing-{now.date().isoformat()}", args.force)
    text = render_markdown(briefing, now=now)
    # Write to a temporary file and rename, so an interrupted run never leaves half a report.
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".briefing-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    stdout.write(f"{target}\n")
    return 0


def _run_events(args, settings, stdout, stderr, stdin, now) -> int:
    articles, skipped = _load(args.paths, args, stdin, stderr)
    with _progress(stderr, len(articles), "grouping articles", pulse=True):
        events = cluster_events(articles, settings=settings, explain=args.explain)
    rows = [event_line(e, explain=args.explain) for e in events]
    _emit(args.format, rows, "events", skipped,
          lambda: render_event_list(events, explain=args.explain, threshold=settings.cluster_threshold), stdout)
    return 0


def _clusters(args, stderr, *, scored: bool = False) -> tuple[list, list]:
    """Clusters of a clusters file, with --since/--until applied to their documents; with
    ``scored``, only those that carry references."""
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
    _report([a for e in kept for a in e.articles], skipped, stderr)
    return kept, skipped


def _run_summarize(args, settings, stdout, stderr, stdin, now) -> int:
    events, skipped = _clusters(args, stderr)
    with _progress(stderr, len(events), "summarizing") as tick:
        done = summarize_events(events, settings=settings, progress=tick)
    _emit(args.format, [summary_line(e) for e in done], "clusters", skipped, lambda: render_summaries(done), stdout)
    return 0


def _run_evaluate(args, settings, stdout, stderr, stdin, now) -> int:
    scored, skipped = _clusters(args, stderr, scored=True)
    references = {e.id: e.references for e in scored}
    limits = {"max_bytes": settings.max_bytes, "max_words": settings.max_words}
    with _progress(stderr, len(scored), "summarizing") as tick:
        done = summarize_events(scored, settings=settings, progress=tick)
    rows = {
        "summarizer": rouge({e.id: [s.text for s in e.summary] for e in done}, references, **limits),
        "lead (earliest)": rouge({e.id: lead_summary(e, settings=settings) for e in scored}, references, **limits),
    }
    if args.systems:
        for name, summaries in sorted(_read_systems(args.systems).items()):
            rows[name] = rouge(summaries, references, **limits)
    limit = (f"{settings.max_bytes} bytes" if settings.max_bytes else f"{settings.max_words} words" if settings.max_words
             else f"{settings.n_sentences} sentences, no cut")
    if args.format == "json":
        _write_json({"clusters": len(scored), "limit": limit, "rows": rows}, stdout)
        return 0
    stdout.write(f"{len(scored)} clusters, {limit}; ROUGE recall (R-) and F1 (F-) x100, rouge-score\n")
    stdout.write(f"{'system':<16}" + "".join(f"{m:>8}" for m in METRICS) + "\n")
    for name, row in sorted(rows.items(), key=lambda kv: -kv[1]["R-2"]):
        stdout.write(f"{name[:16]:<16}" + "".join(f"{row[m]:>8.2f}" for m in METRICS) + "\n")
    return 0


def _read_systems(path: str) -> dict[str, dict[str, list[str]]]:
    """``{system: {cluster id: [sentences]}}`` from a systems file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc}); give a systems .jsonl file") from None
    out: dict[str, dict[str, list[str]]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            summary = row["summary"]
            out.setdefault(str(row["system"]), {})[str(row["cluster_id"])] = summary.splitlines() if isinstance(summary, str) else list(summary)
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{path} line {number}: not a systems line ({exc}); each line is "
                             '{"cluster_id", "system", "summary"}') from None
    return out


@contextlib.contextmanager
def _progress(stderr: TextIO, total: int, label: str, *, pulse: bool = False):
    """Progress on stderr when it is a terminal and the work is long; else silent. ``pulse``
    shows a spinner for work that cannot count its steps (clustering)."""
    if total < (2000 if pulse else 20) or not (hasattr(stderr, "isatty") and stderr.isatty()):
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    columns = ((SpinnerColumn(), TextColumn(f"{label} ({total} articles)"), TimeElapsedColumn()) if pulse else
               (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()))
    with Progress(*columns, console=Console(file=stderr), transient=True) as bar:
        task = bar.add_task(label, total=None if pulse else total)
        yield lambda done, _total: bar.update(task, completed=done)


_COMMANDS = {"brief": _run_brief, "report": _run_report, "events": _run_events, "summarize": _run_summarize,
             "evaluate": _run_evaluate}


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None,
         stdin: BinaryIO | None = None, now: dt.datetime | None = None) -> int:
    """Run the command line; returns the exit code.

    ``stdout``, ``stderr``, ``stdin`` (binary) and the clock ``now`` default to the process's own.
    """
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if stdin is None:
        stdin = getattr(sys.stdin, "buffer", None)
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(stdout):  # --help and --version print to our stdout
            args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    except _UsageError as exc:
        stderr.write(f"{exc}\n")
        return 2
    now = now or dt.datetime.now().astimezone()
    try:
        settings = _settings(args)
        return _COMMANDS[args.command](args, settings, stdout, stderr, stdin, now)
    except (InputError, ConfigError, SummarizerError) as exc:
        stderr.write(f"error: {one_line(str(exc))}\n")  # messages quote paths, which may hold escapes
        return 1
    except KeyboardInterrupt:
        stderr.write("interrupted\n")
        return 130
    except BrokenPipeError:
        # the reader went away (summarizer ... | head); not an error of ours
        sys.stdout = None  # type: ignore[assignment]
        return 0
