"""Real pages and feeds read as a reader would: dates, titles and what summaries quote.

    python benchmarks/pages.py [--examples]

On ../shared/eval/pages/mediacloud (200 real saved pages in 30+ languages, each with its
publication date as people read it) and ../shared/eval/feeds (52 real and broken feeds):

- dates: the day `summarizer` reads for each page against the gold day, on parts A and B (a
  page is in part A when the first byte of the BLAKE2b hash of its file name is even) and per
  language where a page is wrong; a page without a gold date is right when none is read;
- titles: how many still name their site after a separator (" | Site", " - Site"), the site
  being the page's address or the source read;
- summaries: every event of `brief --all` on each folder, its summary sentences flagged by a
  proxy for what a reader would not accept (furniture words, a question, no sentence end, under
  four words), and the events without a summary. The proxy over-counts (a news sentence on
  "advertisement revenue" is flagged; Thai has no full stop); --examples prints what it flags.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import re
import sys
import warnings
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"

FURNITURE = re.compile(
    r"cookie|javascript|subscri|newsletter|sign up|sign in|log ?in|click|advertis|copyright|all rights reserved|"
    r"connected to|in just a moment|compensation|inbox|letter to the editor|follow us|share this|comments?\b|"
    r"browser|privacy|terms of (use|service)|read more|posts? \(atom\)|newer posts|older posts|"
    r"images may be subject|incident id|request unsuccessful|on line \d+|warning:|fatal error", re.I)
END = re.compile(r"[.!。！।։።۔][\"'”’)\]»」』]*$")
SEPARATOR = re.compile(r"\s+[|\-–—:·•»]\s+")


def part(name: str) -> str:
    return "A" if hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest()[0] % 2 == 0 else "B"


def squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def flags(text: str) -> list[str]:
    found = []
    if FURNITURE.search(text):
        found.append("furniture words")
    if text.rstrip().endswith(("?", "？", "؟")):
        found.append("question")
    elif not END.search(text.strip()):
        found.append("no sentence end")
    if len(text.split()) < 4 and not re.search(r"[\u3040-\u30ff\u3400-\u9fff\u0e00-\u0e7f]", text):
        found.append("under four words")
    return found


def dates_and_titles(articles, gold: dict) -> None:
    by_file = {Path(a.path).name: a for a in articles}
    right, total = collections.Counter(), collections.Counter()
    lang_right, lang_total = collections.Counter(), collections.Counter()
    naming = 0
    for name, truth in gold.items():
        article = by_file.get(name)
        language = article.language if article else "not read"
        got = article.date.isoformat() if article and article.date else None
        want = truth["date"] if isinstance(truth["date"], str) else None
        total[part(name)] += 1
        lang_total[language] += 1
        if got == want:
            right[part(name)] += 1
            lang_right[language] += 1
        if article and article.title:
            host = urlsplit(truth["url"]).hostname or ""
            labels = [squash(x) for x in host.split(".") if len(x) > 2 and x not in ("www", "com", "org", "net")]
            pieces = SEPARATOR.split(article.title)
            if len(pieces) > 1 and any(label and label in squash(pieces[-1]) for label in labels):
                naming += 1
    print(f"dates right: part A {right['A']}/{total['A']}, part B {right['B']}/{total['B']}, "
          f"all {right['A'] + right['B']}/{len(gold)} ({100 * (right['A'] + right['B']) / len(gold):.1f}%)")
    wrong = {lang: f"{lang_right[lang]}/{n}" for lang, n in lang_total.most_common() if lang_right[lang] < n}
    print("  languages with a wrong date (right/pages):", ", ".join(f"{k} {v}" for k, v in wrong.items()))
    print(f"titles still naming their site: {naming} of {sum(1 for a in articles if a.title)}")


def summaries(name: str, articles, examples: bool) -> None:
    from summarizer.pipeline import brief

    briefing = brief(articles, top=None)
    counts: collections.Counter = collections.Counter()
    shown = collections.defaultdict(list)
    n = 0
    for event in briefing.events:
        for sentence in event.summary:
            n += 1
            for kind in flags(sentence.text):
                counts[kind] += 1
                shown[kind].append(sentence.text[:100])
    empty = sum(1 for e in briefing.events if not e.summary)
    print(f"{name}: {len(briefing.events)} events, {n} summary sentences, {empty} events without a summary; flagged: "
          + (", ".join(f"{k} {v}" for k, v in counts.most_common()) or "none"))
    if examples:
        for kind, texts in shown.items():
            for text in texts:
                print(f"    [{kind}] {text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", action="store_true", help="print each flagged summary sentence")
    args = parser.parse_args(argv)
    if not EVAL.is_dir():
        print(f"no evaluation data at {EVAL}: nothing to measure")
        return 0
    warnings.filterwarnings("ignore")
    from summarizer.ingest import load_articles

    pages, skipped = load_articles([EVAL / "pages" / "mediacloud"])
    print(f"mediacloud: {len(pages)} pages read, {len(skipped)} skipped")
    dates_and_titles(pages, json.loads((EVAL / "pages" / "mediacloud-dates.json").read_text(encoding="utf-8")))
    summaries("mediacloud", pages, args.examples)
    feeds, skipped = load_articles([EVAL / "feeds"])
    print(f"feeds: {len(feeds)} entries read, {len(skipped)} skipped")
    summaries("feeds", feeds, args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
