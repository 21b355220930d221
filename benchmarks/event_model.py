"""The event model on two parts of each development stream: choose on one, confirm on the other.

    python benchmarks/event_model.py                       # the table in docs/events.md
    python benchmarks/event_model.py --set summarizer.events.grouping.SHARE=0.5
    python benchmarks/event_model.py --streams allsides --parts A

Each stream of ../shared/eval is split in two by event: an event is in part A when the first byte
of the BLAKE2b hash of its id is even, else in part B, so that both parts are streams of whole
events, as an unseen half is. "multinews-12k" is drawn from the real multinews-scale stream, per
part: whole events in a seeded random order until 12,640 articles, the size of the unseen
Multi-News half. Each part is read as the command reads it (summarizer.ingest.load_articles,
without the gold "event") and grouped by summarizer.events.cluster_events.

--without PART leaves one part of the model out for this run (an ablation; PART is one of
the names in WITHOUT), --set MODULE.NAME=VALUE changes a constant; the corpus line says
whether the bundled corpus still gives its three events. Prints B-cubed F1 and pairwise F1
for each part, and the mean over the streams of each part.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import hashlib
import importlib
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
STREAMS = ("allsides", "duc2004", "multinews", "multinews-12k")
UNSEEN_MULTINEWS = 12_640


def part_of(event: str) -> str:
    """The part ("A" or "B") an event's articles are in."""
    return "A" if hashlib.blake2b(event.encode("utf-8"), digest_size=8).digest()[0] % 2 == 0 else "B"


def rows_of(stream: str, part: str) -> list[dict]:
    """The articles of one part of one stream, with their gold "event"."""
    if stream == "multinews-12k":
        with gzip.open(EVAL / "multinews-scale" / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
            rows = [row for row in map(json.loads, fh) if part_of(row["event"]) == part]
        by_event = collections.defaultdict(list)
        for row in rows:
            by_event[row["event"]].append(row)
        events = sorted(by_event)
        random.Random(part).shuffle(events)
        chosen: list[dict] = []
        for event in events:
            if len(chosen) >= UNSEEN_MULTINEWS:
                break
            chosen += by_event[event]
        return chosen
    with open(EVAL / stream / "articles.jsonl", encoding="utf-8") as fh:
        return [row for row in map(json.loads, fh) if part_of(row["event"]) == part]


def score(gold: dict[str, str], groups: list[list[str]]) -> dict[str, float]:
    """B-cubed (Bagga and Baldwin 1998) and pairwise (Miranda et al. 2018) F1, as
    ../shared/eval/score_clusters.py computes them."""
    predicted = {a: k for k, group in enumerate(groups) for a in group}
    ids = list(gold)
    label = {a: predicted.get(a, ("missing", a)) for a in ids}
    joint = collections.Counter((gold[a], label[a]) for a in ids)
    gold_size, size = collections.Counter(gold.values()), collections.Counter(label.values())

    def pairs(sizes):
        return sum(n * (n - 1) // 2 for n in sizes)

    def f1(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0

    together = pairs(joint.values())
    pair_p = together / pairs(size.values()) if pairs(size.values()) else 1.0
    pair_r = together / pairs(gold_size.values()) if pairs(gold_size.values()) else 1.0
    b3_p = sum(joint[(gold[a], label[a])] / size[label[a]] for a in ids) / len(ids)
    b3_r = sum(joint[(gold[a], label[a])] / gold_size[gold[a]] for a in ids) / len(ids)
    return {"b3": f1(b3_p, b3_r), "pair": f1(pair_p, pair_r), "events": len(size), "largest": max(size.values())}


def run(stream: str, part: str, folder: Path) -> dict[str, float]:
    from summarizer.events import cluster_events
    from summarizer.ingest import load_articles

    rows = rows_of(stream, part)
    path = folder / f"{stream}.{part}.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps({k: v for k, v in row.items() if k != "event"}) + "\n")
    articles, _ = load_articles([path])
    start = time.perf_counter()
    events = cluster_events(articles)
    seconds = time.perf_counter() - start
    groups = [[i for a in e.articles for i in (a.id, *a.duplicates)] for e in events]
    return dict(score({row["id"]: row["event"] for row in rows}, groups), articles=len(rows), seconds=seconds)


def corpus_events() -> list[list[str]]:
    from summarizer.events import cluster_events
    from summarizer.ingest import load_articles

    articles, _ = load_articles([ROOT / "corpus"])
    return sorted(sorted(a.id[:3] for a in e.articles) for e in cluster_events(articles))


def _without_seeds():
    from summarizer.events import grouping

    linkage = grouping.average_linkage
    return lambda *args, seed=None, **kwargs: linkage(*args, **kwargs)


def _keep(*args):  # a rule that changes no group: (rows, cols, weights, groups, ...) -> groups
    return args[3]


# Each part of the model, and how to leave it out: (module, name, value or a function making it)
WITHOUT = {
    "titles": [("summarizer.events.similarity", "TITLE_WEIGHT", lambda: 0.0)],
    "weekdays": [("summarizer.events.similarity", "_same_days", lambda: lambda day, weekdays, rows, cols: 1.0)],
    "releases": [("summarizer.events.similarity", "RELEASE_FIGURES", lambda: 10 ** 9)],
    "windows": [("summarizer.events.grouping", "fits", lambda: lambda *args: True),
                ("summarizer.events.similarity", "Times.compatible", lambda: lambda self, a, b: a == a)],
    "seeds": [("summarizer.events.grouping", "average_linkage", _without_seeds)],
    "lone-rules": [("summarizer.events.grouping", "_attach_lone_articles", lambda: _keep)],
    "group-rule": [("summarizer.events.grouping", "_merge_loose_groups", lambda: _keep)],
    "pair-rule": [("summarizer.events.grouping", "_pair_lone_articles", lambda: _keep)],
}


def leave_out(parts: list[str]) -> None:
    for part in parts:
        if part not in WITHOUT:
            raise SystemExit(f"--without {part}: not a part of the model; one of {', '.join(WITHOUT)}")
        for module, name, make in WITHOUT[part]:
            target = importlib.import_module(module)
            *owners, attribute = name.split(".")
            for owner in owners:
                target = getattr(target, owner)
            setattr(target, attribute, make())


def apply(settings: list[str]) -> None:
    """MODULE.NAME=VALUE: set a module's constant (the value read as Python)."""
    for setting in settings:
        name, _, value = setting.partition("=")
        module, _, constant = name.rpartition(".")
        target = importlib.import_module(module)
        if not hasattr(target, constant):
            raise SystemExit(f"--set {setting}: {module} has no {constant}")
        setattr(target, constant, eval(value))  # noqa: S307 (a benchmark's own command line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--streams", default=",".join(STREAMS), help="comma-separated, of " + ", ".join(STREAMS))
    parser.add_argument("--parts", default="AB", help="A, B or AB (default)")
    parser.add_argument("--set", action="append", default=[], metavar="MODULE.NAME=VALUE", help="change a constant")
    parser.add_argument("--without", action="append", default=[], metavar="PART", help="leave out: " + ", ".join(WITHOUT))
    args = parser.parse_args(argv)
    if not EVAL.is_dir():
        print(f"no evaluation data at {EVAL}: nothing to measure")
        return 0
    sys.path.insert(0, str(ROOT))
    apply(args.set)
    leave_out(args.without)
    streams = args.streams.split(",")
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for stream in streams:
            for part in args.parts:
                results[stream, part] = r = run(stream, part, Path(folder))
                print(f"{stream:<14} {part}  B3 {r['b3']:.3f}  pair {r['pair']:.3f}  {r['articles']:>6} articles  "
                      f"{r['events']:>6} events  largest {r['largest']:>4}  {r['seconds']:5.1f} s", flush=True)
    for part in args.parts:
        b3 = sum(results[s, part]["b3"] for s in streams) / len(streams)
        pair = sum(results[s, part]["pair"] for s in streams) / len(streams)
        print(f"{'mean':<14} {part}  B3 {b3:.4f}  pair {pair:.4f}")
    found = corpus_events()
    print("corpus", "three events" if found == [["000", "001", "002"], ["003"], ["004"]] else found)
    return 0


if __name__ == "__main__":
    sys.exit(main())
