"""Summary quality on the three development sets, side by side with the published systems.

    python benchmarks/quality.py [--sets duc2004,allsides,multinews]
    python benchmarks/quality.py --parts --set merge_facts=false --sets duc2004,allsides

--parts scores the two parts of each set separately (a cluster is in part A when the first byte
of the BLAKE2b hash of its id is even, as in benchmarks/event_model.py): choose on one, confirm
on the other. --set NAME=VALUE adds a row with one setting changed (summarizer.config.Settings).

Scored by ../shared/eval/score_rouge.py (the calibrated ROUGE-1.5.5 reproduction; needs
`pip install py-rouge`), the same scorer the published systems are measured with:
- DUC 2004: recall at 665 bytes, this project beside the 13 systems of systems.jsonl;
- AllSides and Multi-News: F1 with no length cut, at about the references' length (160 and
  220 words), this project beside a Lead baseline of the same length (first sentences of the
  earliest article).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
import warnings
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]
from event_model import part_of  # noqa: E402

from summarizer.config import Settings  # noqa: E402
from summarizer.evaluate import lead_summary  # noqa: E402
from summarizer.ingest import load_clusters  # noqa: E402
from summarizer.pipeline import summarize_events  # noqa: E402

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
PARTS: tuple[str, ...] = ("",)  # "" is the whole set; ("A", "B") with --parts
CHANGED: dict[str, object] = {}
LENGTHS = {"allsides": 160, "multinews": 220}


def scorer():
    sys.path.insert(0, str(EVAL))
    warnings.filterwarnings("ignore", category=UserWarning)
    try:
        import score_rouge
    except SystemExit as exc:  # the scorer exits with a message when py-rouge is missing
        raise SystemExit(f"{exc}") from None
    return score_rouge


def ours(events, settings):
    return {e.id: [s.text for s in e.summary] for e in summarize_events(events, settings=settings)}


def variants(events, settings) -> dict[str, dict]:
    """This project's summaries with the default settings, and with --set's change if any."""
    rows = {"summarizer": ours(events, settings)}
    if CHANGED:
        label = ", ".join(f"{k}={v}" for k, v in CHANGED.items())
        rows[f"summarizer {label}"] = ours(events, dataclasses.replace(settings, **CHANGED))
    return rows


def table(score_rouge, clusters, systems: dict[str, dict], limit: str, keys: tuple[str, ...], order: str | None = None) -> None:
    """One row a system, the keys' scores on each part side by side."""
    scored = {name: [score_rouge.score([c for c in clusters if not part or part_of(c["id"]) == part], summ, limit)
                     for part in PARTS] for name, summ in systems.items()}
    heads = [f"{part} {k}".strip() for part in PARTS for k in keys]
    print(f"{'system':<32}" + "".join(f"{h:>9}" for h in heads))
    names = sorted(scored, key=lambda n: -scored[n][0][order]) if order else list(scored)
    for name in names:
        mark = " <" if name.startswith("summarizer") else ""
        print(f"{name:<32}" + "".join(f"{row[k]:>9.2f}" for row in scored[name] for k in keys) + mark)
    print()


def duc(score_rouge) -> None:
    path = EVAL / "duc2004" / "clusters.jsonl"
    clusters = score_rouge.read(path)
    events, _ = load_clusters(path)
    start = time.perf_counter()
    systems = variants(events, Settings(max_bytes=665))
    seconds = time.perf_counter() - start
    for row in score_rouge.read(EVAL / "duc2004" / "systems.jsonl"):
        systems.setdefault(row["system"], {})[row["cluster_id"]] = row["summary"]
    print(f"DUC 2004 development half: {len(clusters)} clusters, recall x100 at 665 bytes (summarized in {seconds:.1f} s)")
    table(score_rouge, clusters, systems, "b665", ("R-1", "R-2", "R-L"), order="R-2")


def against_lead(score_rouge, name: str) -> None:
    path = EVAL / name / "clusters.jsonl"
    clusters = score_rouge.read(path)
    events, _ = load_clusters(path)
    settings = Settings(max_words=LENGTHS[name])
    systems = variants(events, settings)
    systems["lead (earliest)"] = {e.id: list(lead_summary(e, settings=settings)) for e in events}
    print(f"{name}: {len(clusters)} clusters, F1 x100, no length cut, summaries of at most {LENGTHS[name]} words")
    table(score_rouge, clusters, systems, "none", ("F-1", "F-2", "F-L"))


def setting(text: str) -> tuple[str, object]:
    name, _, value = text.partition("=")
    fields = {f.name: f.type for f in dataclasses.fields(Settings)}
    if name not in fields:
        raise argparse.ArgumentTypeError(f"no setting {name!r}; one of {', '.join(fields)}")
    parsed = {"true": True, "false": False, "none": None}.get(value.lower(), value)
    if isinstance(parsed, str):
        parsed = float(value) if "." in value else int(value) if value.lstrip("-").isdigit() else value
    return name, parsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="duc2004,allsides,multinews", help="which sets, comma-separated")
    ap.add_argument("--parts", action="store_true", help="score parts A and B of each set side by side")
    ap.add_argument("--set", type=setting, action="append", default=[], metavar="NAME=VALUE",
                    help="add a row with this setting changed (repeatable)")
    args = ap.parse_args()
    global PARTS
    PARTS = ("A", "B") if args.parts else ("",)
    CHANGED.update(args.set)
    if not EVAL.exists():
        raise SystemExit(f"{EVAL} is absent: this benchmark needs the evaluation data beside the repository")
    score_rouge = scorer()
    for name in args.sets.split(","):
        duc(score_rouge) if name == "duc2004" else against_lead(score_rouge, name)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
