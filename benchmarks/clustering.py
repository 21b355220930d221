"""Event clustering: time, peak memory and quality on the three development streams and on a
large stream pooled from them, beside the time scikit-learn's TfidfVectorizer alone takes on
the same text (the floor), in one run.

    python benchmarks/clustering.py [--copies 41]
    python benchmarks/clustering.py --copies 41 --write pooled.jsonl [--identical | --distinct]

Two large streams repeat the three streams --copies times with fresh ids (41 copies: about
156,000 articles); the first copy is the original in both.

- "pooled": every other copy of an article drops a quarter of its sentences, chosen at random
  (seeded, so every run builds the same stream), so the copies are distinct texts (identical
  ones would be merged by ingest as duplicates before clustering). A copy of a story is the
  same event, so its gold event is the original's: the stream is 41 near-copies of each story.
- "distinct": every other copy is recast as other stories of the same shape, word by word as
  the summarizer reads words. Each word is replaced, the same way throughout the copy, by
  another word of like frequency in wordfreq's English list (seeded; the commonest words,
  which have a frequency bucket each, are pooled 50 or more to a group); a word wordfreq does
  not know (a name, a word in another script) takes a mark of the copy, and so does a word
  of several parts that would come out unchanged ("four-year", "they’re", "U.S"); the
  digits of figures are permuted (years and ISO dates kept); stop words, months and weekdays,
  and short pages that speak of their site (a site's notice is the same on every site) stay,
  but for those that hold a notice and then a report of their own, which are recast.
  The copy keeps its articles' lengths, sentences, word frequencies and dates, and tells other
  events: each copy's events are gold events of their own. This is a stream of distinct
  articles, as a real one is. A recast copy is harder than the original (the inflections of a
  word become unrelated words), so compare it with the same stream at --copies 2.

The streams are handed to the clustering directly, with site notices marked as ingest marks
them (summarizer.ingest.mark_notices), so the clustering faces every article. Each
measurement runs in a fresh process: wall time by perf_counter, memory as the process's peak
resident size (VmHWM) less its size before the work, and the peak of the second process that
large inputs fork for half the work (summarizer.parallel; "2nd MiB"). Progress goes to stderr.

--write FILE writes a large stream as JSON Lines (with its gold "event") instead, to time the
whole command on it and score the result; with --identical every copy keeps its text and only
takes a fresh id (ingest then merges the copies as duplicates); with --distinct, the recast one:

    summarizer events pooled.jsonl --format jsonl > events.jsonl
    python ../shared/eval/score_clusters.py pooled.jsonl events.jsonl
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from _memory import peak_mib, start_peak

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
STREAMS = ("allsides", "duc2004", "multinews")


def records(name: str, copies: int, identical: bool = False):
    """(stream name, record with its gold "event") for one stream, or for a large one."""
    large = name in ("pooled", "distinct")
    names = STREAMS if large else (name,)
    rows = [(n, json.loads(line)) for n in names for line in (EVAL / n / "articles.jsonl").open(encoding="utf-8")]
    reports = _reports_after_notices(rows) if name == "distinct" and copies > 1 else set()
    for copy in range(copies if large else 1):
        recast = _recaster(copy) if copy and name == "distinct" else None
        for n, row in rows:
            record = dict(row, event=f"{n}:{row['event']}")
            if copy:
                record["id"] = f"{row['id']}#{copy}"
            if recast:
                record["event"] = f"{record['event']}#{copy}"
                if not _site_notice(row["text"]) or row["text"] in reports:
                    record.update(text=recast(row["text"]), title=recast(row.get("title")))
            elif copy and not identical:
                sentences = row["text"].split(". ")
                dropped = set(random.Random(record["id"]).sample(range(len(sentences)), len(sentences) // 4))
                record["text"] = ". ".join(x for k, x in enumerate(sentences) if k not in dropped)
            yield n, record


_KEPT = set("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday
sunday today yesterday tomorrow week month year ago last earlier""".split())
_RUN = re.compile(r"\d+|[^\W\d_]+")
_YEAR = re.compile(r"(18|19|20)\d\d")
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


@functools.lru_cache(maxsize=1)
def _same_frequency(kept: frozenset[str]) -> tuple[list[list[str]], dict[str, tuple[int, int]]]:
    """wordfreq's English words (ASCII letters only, ``kept`` words left out) in groups of
    like frequency, and where each is: its frequency buckets, joined while a group holds fewer
    than 50 words (the commonest words have a bucket each: alone, a word would stay itself)."""
    from wordfreq import get_frequency_list

    buckets: list[list[str]] = [[]]
    for bucket in get_frequency_list("en"):
        if len(buckets[-1]) >= 50:
            buckets.append([])
        buckets[-1] += [w for w in bucket if w.isascii() and w.isalpha() and w.islower() and w not in kept]
    where: dict[str, tuple[int, int]] = {}
    for i, bucket in enumerate(buckets):
        for k, word in enumerate(bucket):
            where.setdefault(word, (i, k))
    return buckets, where


def _site_notice(text: str) -> bool:
    """A short text speaking of its page: the same on every site, so a copy keeps it as it is."""
    from summarizer.clean import speaks_of_the_page
    from summarizer.ingest import NOTICE_MAX_CHARS

    return len(text) < NOTICE_MAX_CHARS and speaks_of_the_page(text)


def _reports_after_notices(rows) -> set[str]:
    """The texts of ``rows`` that hold a site's notice and then a report of their own (ingest
    reads them from where the notice ends): reports, recast like any other in a copy."""
    from summarizer.ingest import mark_notices
    from summarizer.ingest.jsonfile import article_from_record

    pairs = [(row["text"], got) for n, row in rows
             if not hasattr(got := article_from_record(dict(row), default_id=row["id"], path=n), "reason")]
    read = mark_notices([article for _, article in pairs])
    return {text for (text, before), after in zip(pairs, read) if after.text != before.text}


def _recaster(copy: int):
    """The recasting of copy number ``copy`` (see the module's doc) as a function of a text.

    It works word by word, as the summarizer reads words, so that nothing that ties two words
    together for the summarizer survives the recast unless it would in another story: a word
    of several parts ("four-year", "they’re", "g-7") whose parts all stay as they are takes
    the copy's mark, like a name.
    """
    # a word as the summarizer reads one, numbers in thousands included: "iran-backed", "u.s",
    # "they’re" and "373,000" are one word each
    from summarizer.sentences import _WORD_OR_THOUSANDS as a_word
    from summarizer.sentences import STOP_WORDS

    kept = frozenset(_KEPT | STOP_WORDS)
    buckets, where = _same_frequency(kept)
    mark = "q" + "".join(chr(97 + d) for d in divmod(copy, 26))
    rotation = random.Random(copy)
    shifts = [rotation.randrange(max(len(bucket), 1)) for bucket in buckets]
    digits = list("0123456789")
    random.Random(copy).shuffle(digits)
    table = str.maketrans("0123456789", "".join(digits))
    words: dict[str, str] = {}

    def recast_word(lower: str) -> str:
        if lower not in words:
            if lower in kept:
                words[lower] = lower
            elif lower in where:  # another word as frequent (kept words are in no bucket)
                i, k = where[lower]
                words[lower] = buckets[i][(k + shifts[i]) % len(buckets[i])]
            else:  # a name, a word in another script: a word of this copy alone
                words[lower] = lower + mark
        return words[lower]

    def run(match: re.Match) -> str:
        found = match.group()
        if found.isdigit():  # a figure's digits are permuted, a year's kept
            return found if _YEAR.fullmatch(found) else found.translate(table)
        new = recast_word(found.lower())
        if found.isupper() and len(found) > 1:
            return new.upper()
        return new[:1].upper() + new[1:] if found[0].isupper() else new

    def token(match: re.Match) -> str:
        found = match.group()
        if _ISO_DATE.fullmatch(found):
            return found
        new = _RUN.sub(run, found)
        if new.lower() == found.lower() and not found.isalnum() and not found.replace(",", "").replace(".", "").isdigit():
            return new + mark  # a word of parts that all stayed: as particular to its story as a name
        return new

    return lambda text: a_word.sub(token, text) if text else text


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
    result.update(seconds=time.perf_counter() - start, peak_mib=peak_mib(before), articles=len(articles),
                  second_mib=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    print(json.dumps(result))


def measure(what: str, name: str, copies: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", what, name, "--copies", str(copies)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=41, help="copies of the three streams in the large one")
    ap.add_argument("--write", metavar="FILE", help="write the large stream as JSON Lines and stop")
    kind = ap.add_mutually_exclusive_group()
    kind.add_argument("--identical", action="store_true", help="with --write: copies keep their text, with fresh ids")
    kind.add_argument("--distinct", action="store_true", help="with --write: copies recast as other stories")
    ap.add_argument("--child", nargs=2, metavar=("WHAT", "STREAM"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.copies)
        return
    if not EVAL.exists():
        raise SystemExit(f"{EVAL} is absent: this benchmark needs the evaluation data beside the repository")
    if args.write:
        with open(args.write, "w", encoding="utf-8") as fh:
            for _, record in records("distinct" if args.distinct else "pooled", args.copies, args.identical):
                fh.write(json.dumps(record) + "\n")
        return
    from rich.console import Console

    status = Console(stderr=True)
    print(f"{'stream':<12}{'articles':>9}{'B3 F1':>8}{'pair F1':>9}{'seconds':>9}{'peak MiB':>10}{'2nd MiB':>9}"
          f"{'tfidf s':>9}{'tfidf MiB':>10}")
    for name in (*STREAMS, "pooled", "distinct"):
        with status.status(f"clustering {name}"):
            ours = measure("cluster", name, args.copies)
        with status.status(f"TfidfVectorizer on {name}"):
            floor = measure("floor", name, args.copies)
        print(f"{name:<12}{ours['articles']:>9}{ours['b3_F1']:>8.3f}{ours['pair_F1']:>9.3f}{ours['seconds']:>9.1f}"
              f"{ours['peak_mib']:>10.0f}{ours['second_mib']:>9.0f}{floor['seconds']:>9.1f}{floor['peak_mib']:>10.0f}", flush=True)


if __name__ == "__main__":
    main()
