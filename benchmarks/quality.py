"""Summary quality on the three development sets, side by side with the published systems.

    python benchmarks/quality.py [--sets duc2004,allsides,multinews]

Scored by ../shared/eval/score_rouge.py (the calibrated ROUGE-1.5.5 reproduction; needs
`pip install py-rouge`), the same scorer the published systems are measured with:
- DUC 2004: recall at 665 bytes, this project beside the 13 systems of systems.jsonl;
- AllSides and Multi-News: F1 with no length cut, at about the references' length (160 and
  220 words), this project beside a Lead baseline of the same length (first sentences of the
  earliest article).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

from summarizer.config import Settings
from summarizer.evaluate import lead_summary
from summarizer.ingest import load_clusters
from summarizer.pipeline import summarize_events

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
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


def duc(score_rouge) -> None:
    path = EVAL / "duc2004" / "clusters.jsonl"
    clusters = score_rouge.read(path)
    events, _ = load_clusters(path)
    start = time.perf_counter()
    summaries = ours(events, Settings(max_bytes=665))
    seconds = time.perf_counter() - start
    rows = {"summarizer": score_rouge.score(clusters, summaries, "b665")}
    by_system: dict[str, dict] = {}
    for row in score_rouge.read(EVAL / "duc2004" / "systems.jsonl"):
        by_system.setdefault(row["system"], {})[row["cluster_id"]] = row["summary"]
    for name, summ in by_system.items():
        rows[name] = score_rouge.score(clusters, summ, "b665")
    print(f"DUC 2004 development half: {len(clusters)} clusters, recall x100 at 665 bytes (summarized in {seconds:.1f} s)")
    print(f"{'system':<16}{'R-1':>8}{'R-2':>8}{'R-L':>8}")
    for name, row in sorted(rows.items(), key=lambda kv: -kv[1]["R-2"]):
        mark = " <" if name == "summarizer" else ""
        print(f"{name:<16}{row['R-1']:>8.2f}{row['R-2']:>8.2f}{row['R-L']:>8.2f}{mark}")
    print()


def against_lead(score_rouge, name: str) -> None:
    path = EVAL / name / "clusters.jsonl"
    clusters = score_rouge.read(path)
    events, _ = load_clusters(path)
    settings = Settings(max_words=LENGTHS[name])
    rows = {
        "summarizer": score_rouge.score(clusters, ours(events, settings), "none"),
        "lead (earliest)": score_rouge.score(clusters, {e.id: list(lead_summary(e, settings=settings)) for e in events}, "none"),
    }
    print(f"{name}: {len(clusters)} clusters, F1 x100, no length cut, summaries of at most {LENGTHS[name]} words")
    print(f"{'system':<16}{'F-1':>8}{'F-2':>8}{'F-L':>8}")
    for system, row in rows.items():
        print(f"{system:<16}{row['F-1']:>8.2f}{row['F-2']:>8.2f}{row['F-L']:>8.2f}")
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="duc2004,allsides,multinews", help="which sets, comma-separated")
    args = ap.parse_args()
    if not EVAL.exists():
        raise SystemExit(f"{EVAL} is absent: this benchmark needs the evaluation data beside the repository")
    score_rouge = scorer()
    for name in args.sets.split(","):
        duc(score_rouge) if name == "duc2004" else against_lead(score_rouge, name)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
