"""What a brief costs beside grouping alone: `summarizer events`, `summarizer brief` (the top
stories) and `summarizer brief --all` on the same input, whole commands as a user runs them,
side by side in one run.

    python benchmarks/brief_speed.py [--runs 3] [--articles 12640]

The input is real: whole events of the multinews-scale stream (../shared/eval) in a seeded
order until --articles (12,640 is the size of the unseen Multi-News half), written as a JSON
Lines file without the gold events. Each command runs --runs times in a fresh interpreter
(start-up, reading and rendering included) with its output to /dev/null; the table gives the
median wall time of each and its ratio to `events`. The brief renders for an 80-column
terminal. Only the events shown are summarized, so the default brief should cost little more
than grouping.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from event_model import EVAL, rows_of  # noqa: E402

COMMANDS = {
    "events": ["events", "{input}", "--format", "jsonl"],
    "brief (top 20)": ["brief", "{input}", "--width", "80"],
    "brief --all": ["brief", "{input}", "--width", "80", "--all"],
}


def wall(argv: list[str]) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "summarizer", *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          env=env, cwd=ROOT)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"summarizer {' '.join(argv)} failed: {done.stderr.decode(errors='replace')[-500:]}")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=12_640)
    args = parser.parse_args(argv)
    if not EVAL.is_dir():
        print(f"no evaluation data at {EVAL}: nothing to measure")
        return 0
    import event_model

    event_model.UNSEEN_MULTINEWS = args.articles
    rows = rows_of("multinews-12k", "A")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stream.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps({k: v for k, v in row.items() if k != "event"}) + "\n")
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for _ in range(args.runs):  # interleaved, so that a slow moment of the machine falls on all three
            for name, command in COMMANDS.items():
                times[name].append(wall([str(path) if part == "{input}" else part for part in command]))
    base = statistics.median(times["events"])
    print(f"{len(rows):,} articles of the real multinews-scale stream; median of {args.runs} runs, whole commands")
    print(f"{'command':<16}{'median s':>10}{'min s':>8}{'x events':>10}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<16}{median:>10.1f}{min(values):>8.1f}{median / base:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
