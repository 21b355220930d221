"""``summarizer evaluate``: ROUGE of the summaries of a clusters file against its references."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from . import Context, add_date_options, add_length_options, parser_for, progress, settings_of, write_json
from .summarize import clusters

DESCRIPTION = """\
Summarize each cluster of CLUSTERS.jsonl ({"id", "documents", "references": [str]} a line)
and print a ROUGE table: this project, a Lead baseline of the same length (first sentences of
the earliest article), and every system of --systems. Recall (R-) and F1 (F-), x100, averaged
over references and clusters.

Needs the rouge-score package: pip install '.[eval]'. Differences from the ROUGE-1.5.5 script
used by DUC (figures differ by a few tenths): NLTK's Porter stemmer on every word (ROUGE-1.5.5
stems only words longer than three letters, with its own variant); ROUGE-L is the
summary-level rougeLsum; plain means instead of bootstrap averages; summaries and references
are cut at --max-bytes (as -b) or --max-words (as -l) by this command.
"""

EXAMPLES = """\
  summarizer evaluate clusters.jsonl --max-bytes 665
  summarizer evaluate clusters.jsonl --max-bytes 665 --systems systems.jsonl
  summarizer evaluate clusters.jsonl --max-words 160 --format json
"""


def add_parser(subparsers, name: str) -> None:
    p = parser_for(subparsers, name, help="score summaries of a clusters file against its human references (ROUGE)",
                   description=DESCRIPTION, examples=EXAMPLES)
    p.add_argument("clusters", metavar="CLUSTERS.jsonl", help="clusters with references")
    p.add_argument("--systems", metavar="SYSTEMS.jsonl", help="other systems' summaries: {\"cluster_id\", \"system\", \"summary\"} a line")
    p.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    add_length_options(p)
    add_date_options(p, events=False)


def run(args: argparse.Namespace, context: Context) -> int:
    from ..evaluate import METRICS, lead_summary, rouge
    from ..pipeline import summarize_events

    settings = settings_of(args)
    scored, _ = clusters(args, context, scored=True)
    references = {e.id: e.references for e in scored}
    limits = {"max_bytes": settings.max_bytes, "max_words": settings.max_words}
    with progress(context, "summarizing") as tick:
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
    out = context.stdout
    if args.format == "json":
        write_json({"clusters": len(scored), "limit": limit, "rows": rows}, out)
        return 0
    out.write(f"{len(scored)} clusters, {limit}; ROUGE recall (R-) and F1 (F-) x100, rouge-score\n")
    out.write(f"{'system':<16}" + "".join(f"{m:>8}" for m in METRICS) + "\n")
    for name, row in sorted(rows.items(), key=lambda kv: -kv[1]["R-2"]):
        out.write(f"{name[:16]:<16}" + "".join(f"{row[m]:>8.2f}" for m in METRICS) + "\n")
    return 0


def _read_systems(path: str) -> dict[str, dict[str, list[str]]]:
    """``{system: {cluster id: [sentences]}}`` from a systems file."""
    from ..errors import InputError

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
            out.setdefault(str(row["system"]), {})[str(row["cluster_id"])] = (
                summary.splitlines() if isinstance(summary, str) else list(summary))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{path} line {number}: not a systems line ({exc}); each line is "
                             '{"cluster_id", "system", "summary"}') from None
    return out
