"""Reading addresses: feeds, JSON Feed, OPML lists and pages served on loopback, and every fault
an address can give. No test names a host but this machine's loopback."""

import json
import socket
import threading
import time

import pytest
from werkzeug import Response

from summarizer.ingest import Web, load_articles
from summarizer.ingest import web as web_module
from summarizer.ingest.remote import is_opml, is_teaser
from summarizer.ingest.web import Fault, Fetched, Fetcher, check_address, _Refused

pytest.importorskip("pytest_httpserver")

PARAGRAPH = ("The cargo ship struck the bridge pier on Tuesday morning, harbour officials said. Engineers inspected "
             "the damaged pier for cracks and found the structure weakened near the waterline. ")
PAGE = ("<!DOCTYPE html><html><head><title>Ship hits bridge pier</title></head><body><article>"
        "<h1>Ship hits bridge pier</h1>" + "".join(f"<p>{PARAGRAPH}Paragraph {k} adds detail on the repairs.</p>"
                                                   for k in range(5)) + "</article></body></html>")
TEASER = "The cargo ship struck the bridge pier on Tuesday morning, harbour officials said."


def rss(base: str, *, link: str = "/pier.html", teaser: str = TEASER, title: str = "Harbour News") -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>
<item><title>Ship hits bridge pier</title><link>{base}{link}</link><guid>pier-1</guid>
<pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate><description>{teaser}</description></item>
<item><title>Council votes on budget</title><link>{base}/budget.html</link><guid>budget-1</guid>
<pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate><description>The city council voted on Tuesday to approve the annual
budget. The budget raises spending on roads. Members argued for hours. The vote was seven to two.</description></item>
</channel></rss>"""


def opml(*urls: str) -> str:
    outlines = "".join(f'<outline type="rss" text="Feed {k}" xmlUrl="{u}"/>' for k, u in enumerate(urls))
    return f'<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>{outlines}</body></opml>'


@pytest.fixture(scope="module")
def loopback():
    """A threaded loopback server: a slow answer does not hold up the others."""
    from pytest_httpserver import HTTPServer

    server = HTTPServer(threaded=True)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def server(loopback):
    loopback.clear()
    yield loopback
    loopback.clear()


@pytest.fixture
def web(tmp_path):
    return Web(timeout=2, cache=tmp_path / "cache.sqlite")


def base_of(server) -> str:
    return server.url_for("").rstrip("/")


def read(paths, web):
    articles, skipped = load_articles(paths, web=web)
    return articles, skipped


def test_a_feed_address_gives_one_article_per_entry_with_ids_by_entry(server, web):
    base = base_of(server)
    server.expect_request("/feed").respond_with_data(rss(base), content_type="application/rss+xml")
    server.expect_request("/pier.html").respond_with_data(PAGE, content_type="text/html")
    articles, skipped = read([base + "/feed"], web)
    assert skipped == ()
    assert [a.title for a in articles] == ["Ship hits bridge pier", "Council votes on budget"]
    assert all(a.source == "Harbour News" and a.path == base + "/feed" for a in articles)
    assert articles[0].id.startswith("localhost-") and articles[0].id != articles[1].id
    # the teaser was replaced by the page's main text; the four-sentence entry was kept as it is
    assert "weakened near the waterline" in articles[0].text and "Paragraph 4" in articles[0].text
    assert articles[1].text.startswith("The city council voted")
    assert web.teasers == 1 and web.counts["downloaded"] == 2


def test_ids_stay_when_a_new_entry_pushes_the_others_down(server, tmp_path):
    base = base_of(server)
    first = rss(base)
    later = first.replace("<item>", "<item><title>New</title><guid>new-1</guid><description>A new entry came in "
                                    "today. It has two sentences.</description></item><item>", 1)
    server.expect_ordered_request("/feed").respond_with_data(first, content_type="application/rss+xml")
    server.expect_ordered_request("/feed").respond_with_data(later, content_type="application/rss+xml")
    ids = [[a.id for a in read([base + "/feed"], Web(follow=False))[0]] for _ in range(2)]
    assert ids[1][1:] == ids[0]


def test_json_feed_address_and_file(server, web, write):
    base = base_of(server)
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Harbour News", "items": [
        {"id": "1", "title": "Ship hits pier", "content_text": PARAGRAPH, "date_published": "2024-03-05T08:00:00-05:00",
         "url": base + "/pier.html"},
        {"id": "2", "content_html": "<p>Hi!</p>"}]}
    server.expect_request("/feed.json").respond_with_data(json.dumps(feed), content_type="application/feed+json")
    articles, skipped = read([base + "/feed.json"], web)
    assert [(a.title, str(a.date), a.source) for a in articles] == [("Ship hits pier", "2024-03-05", "Harbour News")]
    assert [s.reason for s in skipped] == ["entry 2: too few words to be an article ('Hi!')"]
    from_file, _ = load_articles([write("feed.json", json.dumps(feed))])
    assert [a.text for a in from_file] == [a.text for a in articles]


def test_an_opml_list_reads_every_feed_and_accounts_for_each(server, web, write):
    base = base_of(server)
    server.expect_request("/a").respond_with_data(rss(base, title="A"), content_type="application/rss+xml")
    server.expect_request("/page").respond_with_data(PAGE, content_type="text/html")
    server.expect_request("/gone").respond_with_data("no", status=404)
    server.expect_request("/pier.html").respond_with_data(PAGE, content_type="text/html")
    subscriptions = write("feeds.opml", opml(base + "/a", base + "/page", base + "/gone", "file:///etc/passwd"))
    articles, skipped = read([subscriptions], web)
    assert [a.source for a in articles] == ["A", "A"]
    assert [(s.path, s.reason) for s in skipped] == [
        (base + "/page", "a web page (text/html) where a feed was expected"),
        (base + "/gone", "HTTP 404 Not Found"),
        ("file:///etc/passwd", "not an http(s) address (file:), not read")]


def test_a_feed_without_a_title_takes_the_name_the_list_gives_it(server, write):
    base = base_of(server)
    server.expect_request("/a").respond_with_data(rss(base, title=""), content_type="application/rss+xml")
    articles, _ = read([write("feeds.opml", opml(base + "/a"))], Web(follow=False))
    assert {a.source for a in articles} == {"Feed 0"}


def test_an_opml_address_and_an_article_page_address(server, web):
    base = base_of(server)
    server.expect_request("/list").respond_with_data(opml(base + "/a"), content_type="text/x-opml")
    server.expect_request("/a").respond_with_data(rss(base), content_type="application/xml")
    server.expect_request("/pier.html").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    articles, skipped = read([base + "/list", base + "/pier.html"], Web(follow=False, cache=None))
    assert skipped == ()
    assert [a.title for a in articles] == ["Ship hits bridge pier", "Council votes on budget", "Ship hits bridge pier"]
    assert articles[2].url == base + "/pier.html" and "Paragraph 4" in articles[2].text


def test_a_feed_served_as_a_web_page_is_read_as_a_feed(server):
    base = base_of(server)
    server.expect_request("/feed").respond_with_data(rss(base), content_type="text/html; charset=utf-8")
    articles, skipped = read([base + "/feed"], Web(follow=False))
    assert [a.title for a in articles] == ["Ship hits bridge pier", "Council votes on budget"] and skipped == ()


def test_no_follow_keeps_teasers(server):
    base = base_of(server)
    server.expect_request("/feed").respond_with_data(rss(base), content_type="application/rss+xml")
    articles, _ = read([base + "/feed"], Web(follow=False))
    assert articles[0].text == TEASER
    assert len(server.log) == 1


def test_a_page_that_does_not_carry_the_teaser_keeps_it(server, web):
    base = base_of(server)
    wall = "<html><body><article><p>" + "Please accept our cookies to continue reading this site today. " * 30 + "</p></article></body></html>"
    server.expect_request("/feed").respond_with_data(rss(base), content_type="application/rss+xml")
    server.expect_request("/pier.html").respond_with_data(wall, content_type="text/html")
    articles, _ = read([base + "/feed"], web)
    assert articles[0].text == TEASER
    assert web.kept == [f"{base}/pier.html: the page does not carry the entry's text"]


def test_a_second_read_asks_whether_the_feed_changed_and_takes_the_304(server, tmp_path):
    base = base_of(server)
    asked = []

    def feed(request):
        asked.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(rss(base), content_type="application/rss+xml", headers={"ETag": '"v1"'})

    server.expect_request("/feed").respond_with_handler(feed)
    runs = [Web(follow=False, cache=tmp_path / "c.sqlite") for _ in range(2)]
    got = [read([base + "/feed"], w)[0] for w in runs]
    assert asked == [None, '"v1"']
    assert runs[0].counts == {"downloaded": 1} and runs[1].counts == {"unchanged": 1}
    assert [a.text for a in got[0]] == [a.text for a in got[1]]
    assert server.log[0][0].headers["User-Agent"].startswith("summarizer/")


def test_faults_are_skipped_entries_and_the_run_goes_on(server, web):
    base = base_of(server)
    server.expect_request("/ok").respond_with_data(rss(base), content_type="application/rss+xml")
    server.expect_request("/500").respond_with_data("boom", status=500)
    server.expect_request("/loop-a").respond_with_data("", status=302, headers={"Location": "/loop-b"})
    server.expect_request("/loop-b").respond_with_data("", status=302, headers={"Location": "/loop-a"})
    for k in range(7):
        server.expect_request(f"/hop{k}").respond_with_data("", status=301, headers={"Location": f"/hop{k + 1}"})
    server.expect_request("/busy").respond_with_data("", status=503, headers={"Retry-After": "3600"})
    server.expect_request("/broken.xml").respond_with_data("<?xml version='1.0'?><rss><channel><item><title>Cut",
                                                           content_type="application/rss+xml")
    server.expect_request("/text").respond_with_data("just some bytes", content_type="application/octet-stream")
    server.expect_request("/metadata").respond_with_data("", status=302, headers={"Location": "http://169.254.169.254/"})
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/feed"
    paths = [base + p for p in ("/ok", "/500", "/loop-a", "/hop0", "/busy", "/broken.xml", "/text", "/metadata")] + [closed]
    articles, skipped = read(paths, Web(follow=False))
    assert len(articles) == 2
    reasons = {s.path: s.reason for s in reversed(skipped)}  # each address's first reason
    assert reasons[base + "/500"] == "HTTP 500 Internal Server Error"
    assert reasons[base + "/loop-a"].startswith("a redirect loop (")
    assert reasons[base + "/hop0"] == "more than 5 redirects"
    assert reasons[base + "/busy"] == "HTTP 503 Service Unavailable, asked to retry after 3600"
    assert reasons[base + "/broken.xml"].startswith("invalid XML (")
    assert reasons[base + "/text"] == "not a feed, a subscription list or a web page (application/octet-stream); not read"
    assert reasons[base + "/metadata"] == ("a link-local address, which a link found on a loopback address may not point "
                                           "to; not read (redirected to http://169.254.169.254/)")
    assert reasons[closed] == "the connection was refused (nothing listens at that address)"


def test_retry_after_is_honoured_once(server):
    base = base_of(server)
    server.expect_ordered_request("/feed").respond_with_data("", status=429, headers={"Retry-After": "0"})
    server.expect_ordered_request("/feed").respond_with_data(rss(base), content_type="application/rss+xml")
    articles, skipped = read([base + "/feed"], Web(follow=False))
    assert len(articles) == 2 and skipped == ()


def test_a_slow_answer_times_out(server):
    base = base_of(server)

    def slow(request):
        time.sleep(1.5)
        return Response(rss(base), content_type="application/rss+xml")

    server.expect_request("/slow").respond_with_handler(slow)
    server.expect_request("/ok").respond_with_data(rss(base), content_type="application/rss+xml")
    started = time.monotonic()
    articles, skipped = read([base + "/slow", base + "/ok"], Web(timeout=0.3, follow=False))
    assert [s.reason for s in skipped] == ["no answer within 0.3 s (timeout)"]
    assert len(articles) == 2 and time.monotonic() - started < 1.4


def test_an_answer_over_the_cap_is_skipped(server, monkeypatch):
    base = base_of(server)
    monkeypatch.setattr(web_module, "MAX_BYTES", 2000)
    server.expect_request("/big").respond_with_data("<rss>" + "x" * 5000 + "</rss>", content_type="application/rss+xml")
    with Fetcher(timeout=2) as fetcher:
        got = fetcher.fetch(base + "/big")
    assert got == Fault(base + "/big", "5 kB, over the 2 kB an answer may hold", "too large")


def test_a_wrong_or_missing_charset_is_read_right(server):
    base = base_of(server)
    body = rss(base).replace("harbour officials", "the harbour’s officials").replace('encoding="utf-8"', 'encoding="windows-1252"')
    server.expect_request("/wrong").respond_with_data(body.encode("cp1252"), content_type="application/rss+xml; charset=utf-8")
    server.expect_request("/none").respond_with_data(body.encode("cp1252"), content_type="application/rss+xml")
    articles, skipped = read([base + "/wrong", base + "/none"], Web(follow=False))
    assert [s.kind for s in skipped] == ["duplicate", "duplicate"]  # the two read the same
    assert "the harbour’s officials" in articles[0].text


def test_a_name_that_is_not_found_says_so():
    def resolve(host, port):
        raise _Refused(f"the name {host} was not found (DNS: Name or service not known)", "name not found")

    with Fetcher(timeout=1, resolve=resolve) as fetcher:
        got = fetcher.fetch("http://news.example.invalid/feed")
    assert got == Fault("http://news.example.invalid/feed",
                        "the name news.example.invalid was not found (DNS: Name or service not known)", "name not found")


@pytest.mark.parametrize("url, origin, allowed", [
    ("http://127.0.0.1/x", None, True),  # the user may name any address
    ("http://127.0.0.1/x", "public", False),  # a public feed never reaches loopback
    ("http://10.0.0.5/x", "public", False),
    ("http://169.254.169.254/latest/meta-data", "loopback", False),
    ("http://[::1]/x", "loopback", True),
    ("http://93.184.216.34/x", "loopback", True),
    ("file:///etc/passwd", None, False),
    ("ftp://93.184.216.34/x", "public", False),
])
def test_where_a_link_may_point(url, origin, allowed):
    try:
        check_address(url, origin)
    except _Refused:
        assert not allowed
    else:
        assert allowed


def test_at_most_two_requests_at_once_to_one_host(server):
    now, most, lock = [0], [0], threading.Lock()

    def handler(request):
        with lock:
            now[0] += 1
            most[0] = max(most[0], now[0])
        time.sleep(0.15)
        with lock:
            now[0] -= 1
        return Response("<rss version='2.0'><channel><title>x</title></channel></rss>", content_type="application/rss+xml")

    server.expect_request("/f").respond_with_handler(handler)
    with Fetcher(timeout=2) as fetcher:
        answers = fetcher.fetch_all([(server.url_for(f"/f?{k}"), None) for k in range(6)])
    assert all(isinstance(a, Fetched) for a in answers)
    assert most[0] == 2


def test_nothing_readable_is_an_error(run, server):
    server.expect_request("/gone").respond_with_data("no", status=404)
    result = run("brief", base_of(server) + "/gone")
    assert result.code == 1
    assert result.err.startswith("fetched 1 address: none answered, 1 failed\nerror: no article could be read")
    assert "HTTP 404 Not Found" in result.err


def test_brief_reads_a_feed_address(run, server):
    base = base_of(server)
    server.expect_request("/feed").respond_with_data(rss(base), content_type="application/rss+xml")
    server.expect_request("/pier.html").respond_with_data(PAGE, content_type="text/html")
    result = run("brief", base + "/feed", "--format", "json")
    assert result.code == 0, result.err
    assert result.err.splitlines()[0] == "fetched 2 addresses: 2 downloaded; 1 teaser replaced by the linked page"
    assert len(json.loads(result.out)["events"]) == 2


def test_opml_and_teaser_helpers():
    assert is_opml(b'<?xml version="1.0"?>\n<opml version="1.0"><body/></opml>')
    assert not is_opml(b"<rss version='2.0'></rss>")
    assert is_teaser(TEASER) and not is_teaser(PARAGRAPH * 3)


def test_the_cache_is_kept_beside_the_archive(run, server, tmp_path, monkeypatch):
    monkeypatch.delenv("SUMMARIZER_CACHE")
    base = base_of(server)
    server.expect_request("/feed").respond_with_data(rss(base), content_type="application/rss+xml",
                                                     headers={"ETag": '"v1"'})
    archive = tmp_path / "news.db"
    first = run("brief", base + "/feed", "--no-follow", "--archive", str(archive))
    assert first.code == 0, first.err
    assert (tmp_path / "news.db.http-cache").is_file()
    again = run("brief", base + "/feed", "--no-follow", "--archive", str(archive))
    assert again.err.startswith("fetched 1 address: 1 downloaded\n")  # the server ignored If-None-Match
    assert "archive: 0 new articles, 2 already in it; 2 in all" in again.err


def test_a_bug_in_a_fetching_thread_is_raised_in_the_caller(monkeypatch):
    def broken(self, url, origin=None, *, revalidate=False):
        raise ValueError("a bug")

    monkeypatch.setattr(Fetcher, "fetch", broken)
    with Fetcher(timeout=1) as fetcher, pytest.raises(ValueError, match="a bug"):
        fetcher.fetch_all([("http://127.0.0.1:9/a", None), ("http://127.0.0.1:9/b", None)])


def test_the_real_json_feeds_give_one_article_an_item():
    from tests.conftest import EVAL

    feeds = EVAL / "feeds"
    if not (feeds / "trafilatura_feed.json").is_file():
        pytest.skip("the evaluation feeds are not beside this checkout")
    npr, skipped = load_articles([feeds / "trafilatura_feed.json"])
    assert len(npr) == 25 and skipped == ()
    assert {a.source for a in npr} == {"Technology"} and all(a.date for a in npr)
    example, skipped = load_articles([feeds / "jsonfeed_example.json"])
    assert [a.text for a in example] == ["This is a second item."]
    assert [s.reason for s in skipped] == ["entry 2: too few words to be an article ('Hello, world!')"]
