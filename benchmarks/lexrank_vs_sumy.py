"""LexRank speed and memory: this project's engines against sumy's LexRankSummarizer, in one run.

    python benchmarks/lexrank_vs_sumy.py [--sizes 500,1000,2000,4000] [--sumy-max 4000]

The sentences are real: DUC 2004 newswire from ../shared/eval (the script stops with a message
when that folder is absent). For each size every engine ranks the same sentences, split by the
same tokeniser; the table shows wall time, peak memory, the ratio to sumy, and whether the
parity engine's top 10 equals sumy's. Each measurement runs in a fresh child process: time by
perf_counter, memory as the growth of the process's peak resident size (VmHWM) over its size
just before the work, so neither is distorted by instrumentation or by the other engines.
"""

from __future__ import annotations

import argparse
import json
import sys
import subprocess
import time
from pathlib import Path

from _memory import peak_mib, start_peak

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence as SumySentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer

from summarizer.lexrank import rank_sentences, sumy_scores, sumy_selection
from summarizer.sentences import STOP_WORDS, SumyTokenizer, split_sentences, sumy_terms

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "duc2004" / "clusters.jsonl"
TOP = 10


def real_sentences(n: int) -> list[str]:
    out: list[str] = []
    with EVAL.open(encoding="utf-8") as fh:
        for line in fh:
            for doc in json.loads(line)["documents"]:
                out.extend(s for s in split_sentences(doc["text"]) if len(s.split()) >= 4)
                if len(out) >= n:
                    return out[:n]
    raise SystemExit(f"only {len(out)} sentences in {EVAL}; ask for fewer")


def child(engine: str, n: int) -> None:
    """Measure one engine on n sentences in this (fresh) process; print one JSON line."""
    texts = real_sentences(n)
    ENGINES[engine](texts[:50])  # load the stemmer, stop words and code paths once, untimed
    before = start_peak()
    start = time.perf_counter()
    result = ENGINES[engine](texts)
    seconds = time.perf_counter() - start
    peak = peak_mib(before)
    selection = result if isinstance(result, list) else None
    print(json.dumps({"seconds": seconds, "peak_mib": peak, "selection": selection}))


def measure(engine: str, n: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", engine, str(n)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def run_sumy(texts):
    tokenizer = SumyTokenizer()
    document = ObjectDocumentModel([Paragraph([SumySentence(t, tokenizer) for t in texts])])
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = STOP_WORDS
    return [str(s) for s in summarizer(document, TOP)]


def run_parity(texts):
    scores = sumy_scores([sumy_terms(t) for t in texts])
    return [texts[k] for k in sumy_selection(texts, scores, TOP)]


def run_lexrank(texts):
    return rank_sentences(texts)


ENGINES = {"sumy": run_sumy, "parity": run_parity, "lexrank": run_lexrank}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="500,1000,2000,4000", help="sentence counts, comma-separated")
    ap.add_argument("--sumy-max", type=int, default=4000, help="skip sumy above this many sentences (it is quadratic)")
    ap.add_argument("--child", nargs=2, metavar=("ENGINE", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    if not EVAL.exists():
        raise SystemExit(f"{EVAL} is absent: this benchmark needs the evaluation data beside the repository")
    sizes = [int(s) for s in args.sizes.split(",")]
    real_sentences(max(sizes))  # fail early when there are too few
    print(f"{'sentences':>9} {'engine':<8} {'seconds':>9} {'peak MiB':>9} {'x faster':>9}  top-{TOP} same as sumy")
    for n in sizes:
        reference = sumy_s = None
        if n <= args.sumy_max:
            got = measure("sumy", n)
            reference, sumy_s = got["selection"], got["seconds"]
            print(f"{n:>9} {'sumy':<8} {sumy_s:>9.3f} {got['peak_mib']:>9.1f} {'1':>9}", flush=True)
        for name in ("parity", "lexrank"):
            got = measure(name, n)
            ratio = f"{sumy_s / got['seconds']:.0f}" if sumy_s else "-"
            same = "" if name != "parity" or reference is None else ("yes" if got["selection"] == reference else "NO")
            print(f"{n:>9} {name:<8} {got['seconds']:>9.3f} {got['peak_mib']:>9.1f} {ratio:>9}  {same}", flush=True)


if __name__ == "__main__":
    main()
