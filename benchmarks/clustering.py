"""Events at real scale: time, peak memory and quality of the whole command on the real
multinews-scale stream, beside scikit-learn's TfidfVectorizer alone on the same texts, in one run.

    python benchmarks/clustering.py                 # the real 62,390-article stream
    python benchmarks/clustering.py --size 155615   # and a stream of that size built from it

multinews-scale (../shared/eval/multinews-scale) is 62,390 real pages linked from newser.com,
with their gold events. The whole command is `python -m summarizer events FILE --format jsonl`,
run as a child process: wall time, and the peak resident size of the largest of its processes
(the command forks a second process for half of some steps). Quality is B-cubed and pairwise
F1 against the gold events, and the largest events found. TfidfVectorizer (sublinear tf,
English stop words, the same texts) is timed in a child process too: the floor any grouping
pays to read the words.

--size N adds, after the real stream, recast copies of its articles until N articles: each copy
replaces every word by another of like frequency in the stream (seeded; a copy's own events),
so that its texts are as long and as varied as real ones but new. Its events are scored too,
but the figures that matter for it are time and memory: real news at that size would be
real news, not recasts.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCALE = ROOT.parent / "shared" / "eval" / "multinews-scale" / "articles.jsonl.gz"
_WORD = re.compile(r"[^\W\d_]+")


def real_rows() -> list[dict]:
    with gzip.open(SCALE, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def recast(rows: list[dict], size: int) -> list[dict]:
    """``rows`` and recast copies of them (each a stream of its own events) until ``size`` rows.
    A page that opens with a site's notice keeps its text: a notice is the same on every site."""
    from summarizer.notices import PAGE_TALK, _opening

    counts = collections.Counter(w.lower() for row in rows for w in _WORD.findall(row["text"]))
    ranked = [w for w, _ in counts.most_common()]
    out = list(rows)
    copy = 0
    while len(out) < size:
        copy += 1
        rng = random.Random(copy)
        mapping = {}
        for start in range(0, len(ranked), 50):  # words of like frequency trade places
            block = ranked[start:start + 50]
            shuffled = block[:]
            rng.shuffle(shuffled)
            mapping.update(zip(block, shuffled))

        def swap(match: re.Match) -> str:
            word = match.group()
            new = mapping.get(word.lower(), word)
            return new.capitalize() if word[:1].isupper() else new

        for row in rows[: size - len(out)]:
            notice = PAGE_TALK.search(" ".join(_opening(row["text"])))
            out.append(dict(row, id=f"{row['id']}#{copy}", event=f"{row['event']}#{copy}",
                            text=row["text"] if notice else _WORD.sub(swap, row["text"])))
    return out


def write(rows: list[dict], folder: Path, name: str) -> tuple[Path, dict[str, str]]:
    path = folder / f"{name}.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps({k: v for k, v in row.items() if k != "event"}) + "\n")
    return path, {row["id"]: row["event"] for row in rows}


def measured(command: list[str], output: Path | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of the largest process of ``command``, run by a
    child of its own (a process's children's peak is the largest it ever waited for)."""
    start = time.perf_counter()
    with open(output or "/dev/null", "w") as out:
        done = subprocess.run([sys.executable, __file__, "--peak-of", *command], stdout=out, stderr=subprocess.PIPE,
                              check=True, cwd=ROOT, text=True)
    seconds = time.perf_counter() - start
    return seconds, float(done.stderr.strip().splitlines()[-1]) / 1024


def peak_of(command: list[str]) -> None:
    """Run ``command`` (its output to ours); print its largest process's peak KiB on stderr."""
    subprocess.run(command, stderr=subprocess.DEVNULL, check=True)
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)


def score(gold: dict[str, str], events_path: Path) -> str:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from event_model import score as f1

    groups = [json.loads(line)["articles"] for line in open(events_path, encoding="utf-8")]
    s = f1(gold, groups)
    largest = sorted(map(len, groups), reverse=True)[:5]
    return f"B3 {s['b3']:.3f}  pair {s['pair']:.3f}  {s['events']} events, largest {largest}"


def tfidf_alone(path: str) -> None:
    """The floor: TfidfVectorizer on the same texts (run in a child process by main)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
    TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, help="also a stream of this many articles built from the real one")
    parser.add_argument("--tfidf-alone", metavar="FILE", help=argparse.SUPPRESS)
    parser.add_argument("--peak-of", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.peak_of:
        peak_of(args.peak_of)
        return 0
    if args.tfidf_alone:
        tfidf_alone(args.tfidf_alone)
        return 0
    if not SCALE.exists():
        print(f"no evaluation data at {SCALE}: nothing to measure")
        return 0
    rows = real_rows()
    streams = [("real", rows)] + ([(f"built {args.size}", recast(rows, args.size))] if args.size else [])
    print(f"{'stream':<14} {'articles':>8} {'command s':>10} {'MiB':>7} {'TfidfVectorizer s':>18} {'MiB':>7}  quality")
    with tempfile.TemporaryDirectory() as folder:
        for name, stream in streams:
            path, gold = write(stream, Path(folder), name.replace(" ", "-"))
            out = Path(folder) / "events.jsonl"
            seconds, mib = measured([sys.executable, "-m", "summarizer", "events", str(path), "--format", "jsonl"], out)
            floor_seconds, floor_mib = measured([sys.executable, __file__, "--tfidf-alone", str(path)])
            print(f"{name:<14} {len(stream):>8} {seconds:>10.1f} {mib:>7.0f} {floor_seconds:>18.1f} {floor_mib:>7.0f}  "
                  f"{score(gold, out)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
