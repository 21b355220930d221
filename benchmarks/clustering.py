"""Event clustering: time, peak memory and quality on the three development streams and on a
large stream pooled from them, beside the time scikit-learn's TfidfVectorizer alone takes on
the same text (the floor), in one run.

    python benchmarks/clustering.py [--copies 41]
    python benchmarks/clustering.py --copies 41 --write pooled.jsonl [--identical]

The large stream repeats the three streams --copies times with fresh ids (41 copies: about
156,000 articles). The first copy is the original; every other copy of an article drops a
quarter of its sentences, chosen at random (seeded, so every run builds the same stream), so
the copies are distinct texts, as the articles of a real stream are: identical copies would
be merged by ingest as duplicates before clustering. A copy of a story is the same event, so
its gold event is the original's. The streams are handed to the clustering directly, with
site notices marked as ingest marks them (summarizer.ingest.mark_notices), so the clustering
faces every article: a short text that no dropped sentence changed is clustered as a copy. Each
measurement runs in a fresh process: wall time by perf_counter, memory as the process's peak
resident size (VmHWM) less its size before the work. Progress goes to stderr.

--write FILE writes the large stream as JSON Lines (with its gold "event") instead, to time
the whole command on it and score the result; with --identical every copy keeps its text and
only takes a fresh id (ingest then merges the copies as duplicates):

    summarizer events pooled.jsonl --format jsonl > events.jsonl
    python ../shared/eval/score_clusters.py pooled.jsonl events.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

from _memory import peak_mib, start_peak

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
STREAMS = ("allsides", "duc2004", "multinews")


def records(name: str, copies: int, identical: bool = False):
    """(stream name, record with its gold "event") for one stream, or for the pooled stream."""
    names = STREAMS if name == "pooled" else (name,)
    rows = [(n, json.loads(line)) for n in names for line in (EVAL / n / "articles.jsonl").open(encoding="utf-8")]
    for copy in range(copies if name == "pooled" else 1):
        for n, row in rows:
            record = dict(row, event=f"{n}:{row['event']}")
            if copy:
                record["id"] = f"{row['id']}#{copy}"
            if copy and not identical:
                sentences = row["text"].split(". ")
                dropped = set(random.Random(record["id"]).sample(range(len(sentences)), len(sentences) // 4))
                record["text"] = ". ".join(x for k, x in enumerate(sentences) if k not in dropped)
            yield n, record


def stream(name: str, copies: int):
    from summarizer.ingest import mark_notices
    from summarizer.ingest.jsonfile import article_from_record

    articles, gold = [], {}
    for n, record in records(name, copies):
        gold[record["id"]] = record.pop("event")
        got = article_from_record(record, default_id=record["id"], path=n)
        if not hasattr(got, "reason"):
            articles.append(got)
    return mark_notices(articles), gold


def child(what: str, name: str, copies: int) -> None:
    sys.path.insert(0, str(EVAL))
    articles, gold = stream(name, copies)
    before = start_peak()
    start = time.perf_counter()
    if what == "floor":
        from sklearn.feature_extraction.text import TfidfVectorizer

        from summarizer.cluster import article_text

        TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform([article_text(a) for a in articles])
        result = {}
    else:
        from score_clusters import score

        from summarizer.cluster import cluster_events

        events = cluster_events(articles)
        result = score(gold, {a.id: ("s", e.id) for e in events for a in e.articles})
    result.update(seconds=time.perf_counter() - start, peak_mib=peak_mib(before), articles=len(articles))
    print(json.dumps(result))


def measure(what: str, name: str, copies: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", what, name, "--copies", str(copies)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=41, help="copies of the three streams in the large one")
    ap.add_argument("--write", metavar="FILE", help="write the large stream as JSON Lines and stop")
    ap.add_argument("--identical", action="store_true", help="with --write: copies keep their text, with fresh ids")
    ap.add_argument("--child", nargs=2, metavar=("WHAT", "STREAM"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.copies)
        return
    if not EVAL.exists():
        raise SystemExit(f"{EVAL} is absent: this benchmark needs the evaluation data beside the repository")
    if args.write:
        with open(args.write, "w", encoding="utf-8") as fh:
            for _, record in records("pooled", args.copies, args.identical):
                fh.write(json.dumps(record) + "\n")
        return
    from rich.console import Console

    status = Console(stderr=True)
    print(f"{'stream':<12}{'articles':>9}{'B3 F1':>8}{'pair F1':>9}{'seconds':>9}{'peak MiB':>10}{'tfidf s':>9}{'tfidf MiB':>10}")
    for name in (*STREAMS, "pooled"):
        with status.status(f"clustering {name}"):
            ours = measure("cluster", name, args.copies)
        with status.status(f"TfidfVectorizer on {name}"):
            floor = measure("floor", name, args.copies)
        print(f"{name:<12}{ours['articles']:>9}{ours['b3_F1']:>8.3f}{ours['pair_F1']:>9.3f}{ours['seconds']:>9.1f}"
              f"{ours['peak_mib']:>10.0f}{floor['seconds']:>9.1f}{floor['peak_mib']:>10.0f}", flush=True)


if __name__ == "__main__":
    main()
