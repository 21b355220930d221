"""Reading addresses: every fault an address can give, what the user sees and how long it took;
and a second morning's read of the same feeds, through the HTTP cache and without it.

    python benchmarks/addresses.py [--feeds 20] [--entries 10]

Everything is served on loopback by a threaded local server (pytest-httpserver, in the test
extra); the name that is not found is a `.invalid` name, which no resolver answers. Each fault
is one `summarizer events ADDRESS` run in this process with --timeout 2, timed whole.

The second part serves --feeds RSS feeds of --entries teaser entries each, every entry linking
to a page of its own, all with ETag and Last-Modified, listed in one OPML file. The same
command runs three times: a first morning with an empty cache, a second morning with that
cache (conditional requests: the server answers 304 and sends no body), and a second morning
without a cache. For each: requests, answers 200 and 304, body bytes the server sent, seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pytest_httpserver import HTTPServer  # noqa: E402
from werkzeug import Response  # noqa: E402

from summarizer.cli import main  # noqa: E402

SENTENCE = "The {n} council approved the harbour plan on Tuesday after a long debate, officials said."
FEED_ITEM = ("<item><title>Story {n}</title><link>{base}/page/{n}</link><guid>{n}</guid>"
             "<pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate><description>{teaser}</description></item>")


def rss(base: str, items: str, title: str = "Harbour News") -> str:
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>{items}</channel></rss>'


def page(n: str) -> str:
    body = "".join(f"<p>{SENTENCE.format(n=n)} Paragraph {k} tells what the plan means for the port and its "
                   f"workers in the years ahead.</p>" for k in range(6))
    return f"<!DOCTYPE html><html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>{body}</article></body></html>"


def run(argv: list[str], cache: Path | None) -> tuple[int, str, str, float]:
    out, err = io.StringIO(), io.StringIO()
    environ = {"SUMMARIZER_CACHE": str(cache)} if cache else {"SUMMARIZER_CACHE": str(Path(tempfile.mkdtemp()) / "c")}
    started = time.perf_counter()
    code = main(argv, stdout=out, stderr=err, environ=environ)
    return code, out.getvalue(), err.getvalue(), time.perf_counter() - started


def faults(server: HTTPServer, base: str, folder: Path) -> None:
    ok = rss(base, FEED_ITEM.format(n="ok", base=base, teaser=" ".join([SENTENCE.format(n="ok")] * 3)))
    server.expect_request("/ok").respond_with_data(ok, content_type="application/rss+xml")
    server.expect_request("/404").respond_with_data("gone", status=404)
    server.expect_request("/500").respond_with_data("boom", status=500)
    server.expect_request("/busy").respond_with_data("", status=503, headers={"Retry-After": "3600"})
    tries = {"n": 0}

    def limited(request):
        tries["n"] += 1
        if tries["n"] == 1:
            return Response("", status=429, headers={"Retry-After": "1"})
        return Response(ok, content_type="application/rss+xml")

    server.expect_request("/429").respond_with_handler(limited)
    server.expect_request("/slow").respond_with_handler(lambda r: (time.sleep(4), Response(ok))[1])

    def drip(request):
        def chunks():
            for _ in range(30):
                time.sleep(0.5)
                yield b"<!-- still here -->"
        return Response(chunks(), content_type="application/rss+xml")

    server.expect_request("/drip").respond_with_handler(drip)
    server.expect_request("/loop-a").respond_with_data("", status=302, headers={"Location": "/loop-b"})
    server.expect_request("/loop-b").respond_with_data("", status=302, headers={"Location": "/loop-a"})
    for k in range(7):
        server.expect_request(f"/hop{k}").respond_with_data("", status=301, headers={"Location": f"/hop{k + 1}"})
    server.expect_request("/meta").respond_with_data("", status=302, headers={"Location": "http://169.254.169.254/latest"})
    server.expect_request("/page").respond_with_data(page("p"), content_type="text/html")
    server.expect_request("/cut").respond_with_data(ok[: len(ok) // 2], content_type="application/rss+xml")
    server.expect_request("/junk").respond_with_data(b"\x89PNG\r\n\x1a\n" + bytes(300), content_type="image/png")
    server.expect_request("/big").respond_with_data("<rss>" + "x" * (11 * 2**20) + "</rss>", content_type="application/rss+xml")
    latin = ok.replace("officials said", "the harbour’s officials said")
    server.expect_request("/wrong-charset").respond_with_data(latin.replace("utf-8", "windows-1252").encode("cp1252"),
                                                              content_type="application/rss+xml; charset=utf-8")
    server.expect_request("/no-charset").respond_with_data(latin.replace(' encoding="utf-8"', "").encode("cp1252"),
                                                           content_type="application/rss+xml")
    listed = folder / "list.opml"
    listed.write_text(f'<opml version="2.0"><body><outline xmlUrl="{base}/page"/><outline xmlUrl="file:///etc/passwd"/>'
                      f'</body></opml>', encoding="utf-8")
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/feed"
    cases = [
        ("name not found", "http://news.example.invalid/feed"),
        ("connection refused", closed),
        ("no answer (server sleeps 4 s)", base + "/slow"),
        ("answer trickles past 3 x timeout", base + "/drip"),
        ("HTTP 404", base + "/404"),
        ("HTTP 500", base + "/500"),
        ("HTTP 429, Retry-After 1", base + "/429"),
        ("HTTP 503, Retry-After 3600", base + "/busy"),
        ("redirect loop", base + "/loop-a"),
        ("7 redirects", base + "/hop0"),
        ("redirect to cloud metadata", base + "/meta"),
        ("web page where a feed was expected; file: link (OPML)", str(listed)),
        ("truncated XML", base + "/cut"),
        ("not a feed or page (image/png)", base + "/junk"),
        ("11 MB answer", base + "/big"),
        ("charset says utf-8, body is windows-1252", base + "/wrong-charset"),
        ("no charset, body is windows-1252", base + "/no-charset"),
    ]
    print("| fault | what the user sees | exit | seconds |\n|---|---|---|---|")
    for name, address in cases:
        code, out, err, seconds = run(["events", address, "--timeout", "2", "--no-follow", "--format", "json"], None)
        if code == 0:
            data = json.loads(out)
            seen = "; ".join(s["reason"] for s in data["skipped"]) or f"{len(data['events'])} event(s) read"
            if "charset" in name:
                seen += "; text: " + ("'harbour’s' read right" if "harbour’s" in out else "wrong characters")
        else:
            seen = err.strip().splitlines()[-1]
        print(f"| {name} | {seen.replace('|', '/')} | {code} | {seconds:.2f} |")
    tries["n"] = 0
    code, out, err, seconds = run(["events", base + "/ok", *(a for _, a in cases), "--timeout", "2", "--no-follow",
                                   "--format", "json"], None)
    data = json.loads(out)
    print(f"| all of these at once, beside one good feed | {len(data['events'])} event, {len(data['skipped'])} skipped "
          f"entries, each with its reason | {code} | {seconds:.2f} |")


def mornings(server: HTTPServer, base: str, folder: Path, n_feeds: int, n_entries: int) -> None:
    stats = {"requests": 0, "200": 0, "304": 0, "bytes": 0}
    lock = threading.Lock()

    def answer(body: str, tag: str, kind: str):
        def handler(request):
            with lock:
                stats["requests"] += 1
                if request.headers.get("If-None-Match") == tag:
                    stats["304"] += 1
                    return Response(status=304, headers={"ETag": tag})
                stats["200"] += 1
                stats["bytes"] += len(body.encode("utf-8"))
            return Response(body, content_type=kind, headers={"ETag": tag, "Last-Modified": "Tue, 05 Mar 2024 09:00:00 GMT"})
        return handler

    outlines = []
    for f in range(n_feeds):
        items = "".join(FEED_ITEM.format(n=f"{f}-{e}", base=base, teaser=SENTENCE.format(n=f"{f}-{e}"))
                        for e in range(n_entries))
        server.expect_request(f"/feed/{f}").respond_with_handler(answer(rss(base, items, f"Feed {f}"), f'"f{f}"',
                                                                        "application/rss+xml"))
        outlines.append(f'<outline text="Feed {f}" xmlUrl="{base}/feed/{f}"/>')
        for e in range(n_entries):
            server.expect_request(f"/page/{f}-{e}").respond_with_handler(answer(page(f"{f}-{e}"), f'"p{f}-{e}"', "text/html"))
    subscriptions = folder / "feeds.opml"
    subscriptions.write_text(f'<opml version="2.0"><body>{"".join(outlines)}</body></opml>', encoding="utf-8")
    cache = folder / "http-cache.sqlite"
    rows = []
    for label, use in (("first morning, empty cache", cache), ("second morning, with the cache", cache),
                       ("second morning, no cache", None)):
        for key in stats:
            stats[key] = 0
        code, out, err, seconds = run(["events", str(subscriptions), "--format", "jsonl"], use)
        rows.append((label, stats["requests"], stats["200"], stats["304"], stats["bytes"], seconds,
                     len(out.splitlines()), err.splitlines()[0]))
    print(f"\n{n_feeds} feeds of {n_entries} teaser entries, each linking to its page, in one OPML list:\n")
    print("| run | requests | 200 | 304 | body bytes sent | seconds | events | stderr |\n|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row[0]} | {row[1]} | {row[2]} | {row[3]} | {row[4]:,} | {row[5]:.2f} | {row[6]} | {row[7]} |")


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--entries", type=int, default=10)
    args = parser.parse_args()
    import logging

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = HTTPServer(threaded=True)
    server.start()
    try:
        with tempfile.TemporaryDirectory() as tmp, contextlib.suppress(KeyboardInterrupt):
            base = server.url_for("").rstrip("/")
            faults(server, base, Path(tmp))
            server.clear()
            mornings(server, base, Path(tmp), args.feeds, args.entries)
    finally:
        server.stop()


if __name__ == "__main__":
    main_()
