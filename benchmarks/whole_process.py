"""Whole process, as a user runs it: `summarizer summarize` against a script that runs sumy's
LexRankSummarizer, on the same 2,000-sentence cluster, imports included on both sides.

    python benchmarks/whole_process.py [--sentences 2000] [--runs 3]

The cluster is real DUC 2004 newswire from ../shared/eval, written to a temporary clusters
file. The sumy script uses only sumy and NLTK (a Punkt splitter with the same parameters, since
NLTK's trained model cannot be downloaded), so it pays no import of this project. Each command
runs --runs times; the table gives min and median wall time and the ratio of medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from summarizer.sentences import split_sentences

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "duc2004" / "clusters.jsonl"

SUMY_SCRIPT = textwrap.dedent('''
    import json, re, sys
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    ABBREVIATIONS = {abbreviations!r}
    WORD = re.compile(r"[^\\W_]+(?:['’.-][^\\W_]+)*")
    SUMY_WORD = re.compile(r"^[^\\W\\d_](?:[^\\W\\d_]|['-])*$")

    class Tokenizer:
        language = "english"
        def __init__(self):
            params = PunktParameters()
            params.abbrev_types = set(ABBREVIATIONS)
            self.punkt = PunktSentenceTokenizer(params)
        def to_sentences(self, text):
            return [s for line in text.split("\\n") for s in self.punkt.tokenize(line) if s.strip()]
        def to_words(self, sentence):
            return [m.group() for m in WORD.finditer(sentence) if SUMY_WORD.match(m.group())]

    tokenizer = Tokenizer()
    for line in open(sys.argv[1], encoding="utf-8"):
        cluster = json.loads(line)
        sentences = [Sentence(s, tokenizer) for d in cluster["documents"] for s in tokenizer.to_sentences(d["text"])]
        summarizer = LexRankSummarizer(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        summary = summarizer(ObjectDocumentModel([Paragraph(sentences)]), 5)
        print(json.dumps({{"id": cluster["id"], "summary": [str(s) for s in summary]}}))
''')


def build_cluster(n_sentences: int, folder: Path) -> tuple[Path, int]:
    documents, count = [], 0
    with EVAL.open(encoding="utf-8") as fh:
        for line in fh:
            for doc in json.loads(line)["documents"]:
                documents.append({"id": doc["id"], "text": doc["text"]})
                count += len(split_sentences(doc["text"]))
                if count >= n_sentences:
                    path = folder / "cluster.jsonl"
                    path.write_text(json.dumps({"id": "bench", "documents": documents}) + "\n", encoding="utf-8")
                    return path, count
    raise SystemExit(f"only {count} sentences in {EVAL}")


def timed(argv: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sentences", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if not EVAL.exists():
        raise SystemExit(f"{EVAL} is absent: this benchmark needs the evaluation data beside the repository")
    from summarizer.sentences import ABBREVIATIONS

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cluster, count = build_cluster(args.sentences, folder)
        script = folder / "sumy_lexrank.py"
        script.write_text(SUMY_SCRIPT.format(abbreviations=sorted(ABBREVIATIONS)), encoding="utf-8")
        rows = {
            "summarizer summarize": timed([sys.executable, "-m", "summarizer", "summarize", str(cluster), "--sentences", "5"], args.runs),
            "summarizer summarize --engine parity": timed([sys.executable, "-m", "summarizer", "summarize", str(cluster), "--sentences", "5", "--engine", "parity"], args.runs),
            "python sumy_lexrank.py": timed([sys.executable, str(script), str(cluster)], args.runs),
        }
    base = statistics.median(rows["python sumy_lexrank.py"])
    print(f"one cluster of {count} sentences, {args.runs} runs each, wall seconds including imports")
    print(f"{'command':<40} {'min':>8} {'median':>8} {'share of sumy':>14}")
    for name, times in rows.items():
        median = statistics.median(times)
        print(f"{name:<40} {min(times):>8.2f} {median:>8.2f} {median / base:>14.3f}")


if __name__ == "__main__":
    main()
