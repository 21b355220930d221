"""The archive: a stream fed in runs against the same stream in one go, and what a run costs as
the archive grows, in one run.

    python benchmarks/archive.py                  # both parts
    python benchmarks/archive.py --part runs      # six runs of the AllSides development stream
    python benchmarks/archive.py --part cost      # 500 articles added to archives of 5,000 and 60,000

runs: the AllSides development stream (../shared/eval/allsides), in a seeded order, fed to a
new archive in six runs a day apart; B-cubed and pairwise F1 of the archive's events after the
last run, beside cluster_events on the whole stream at once; and, from one run to the next, the
share of the articles already archived whose event id stayed the same.

cost: archives of 5,000 and of 60,000 real multinews-scale articles, built 500 a run, a run a
day; then 500 more added to each. The added run's time and the size of the recent window it
grouped with are printed side by side: the window, not the archive, sets the cost.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
EVAL = ROOT.parent / "shared" / "eval"
START = dt.datetime(2026, 1, 1, 7, 0, tzinfo=dt.timezone.utc)


def articles_of(rows: list[dict], folder: Path, name: str):
    from summarizer.ingest import load_articles

    path = folder / f"{name}.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps({k: v for k, v in row.items() if k != "event"}) + "\n")
    return load_articles([path])[0]


def runs(folder: Path, n_runs: int = 6) -> None:
    from event_model import score

    from summarizer.archive import Archive
    from summarizer.events import cluster_events

    rows = [json.loads(line) for line in open(EVAL / "allsides" / "articles.jsonl", encoding="utf-8")]
    random.Random(6).shuffle(rows)
    gold = {row["id"]: row["event"] for row in rows}
    articles = articles_of(rows, folder, "allsides")
    whole = score(gold, [[i for a in e.articles for i in (a.id, *a.duplicates)] for e in cluster_events(articles)])
    chunks = [articles[k * len(articles) // n_runs:(k + 1) * len(articles) // n_runs] for k in range(n_runs)]
    kept, before = [], {}
    with Archive(folder / "allsides.db") as archive:
        for k, chunk in enumerate(chunks):
            with archive.run(chunk, now=START + dt.timedelta(days=k), command="events"):
                pass
            after = {a.id: e.id for e in archive.events() for a in e.articles}
            if before:
                kept.append(sum(after[i] == event for i, event in before.items()) / len(before))
            before = after
        final = score(gold, [[i for a in e.articles for i in (a.id, *a.duplicates)] for e in archive.events()])
    print(f"AllSides, {len(articles)} articles: in one go B3 {whole['b3']:.3f} pair {whole['pair']:.3f}; "
          f"in {n_runs} runs B3 {final['b3']:.3f} pair {final['pair']:.3f}")
    print("articles keeping their event id from one run to the next: " + ", ".join(f"{x:.1%}" for x in kept)
          + f" (lowest {min(kept):.1%})")


def cost(folder: Path, sizes=(5_000, 60_000), step: int = 500) -> None:
    from summarizer.archive import Archive

    with gzip.open(EVAL / "multinews-scale" / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    random.Random(7).shuffle(rows)
    articles = articles_of(rows[: max(sizes) + step], folder, "scale")
    extra = articles[max(sizes):]
    print(f"{'archive':>8} {'build s':>8} {'add 500 s':>10} {'window':>7}")
    for size in sizes:
        path = folder / f"archive-{size}.db"
        with Archive(path) as archive:
            start = time.perf_counter()
            for k in range(0, size, step):
                with archive.run(articles[k:k + step], now=START + dt.timedelta(days=k // step), command="events"):
                    pass
            built = time.perf_counter() - start
            start = time.perf_counter()
            with archive.run(extra, now=START + dt.timedelta(days=size // step), command="events") as run:
                window = run.window
            added = time.perf_counter() - start
        print(f"{size:>8} {built:>8.1f} {added:>10.2f} {window:>7}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", choices=("runs", "cost", "both"), default="both")
    args = parser.parse_args(argv)
    if not EVAL.is_dir():
        print(f"no evaluation data at {EVAL}: nothing to measure")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        if args.part in ("runs", "both"):
            runs(Path(folder))
        if args.part in ("cost", "both"):
            cost(Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
