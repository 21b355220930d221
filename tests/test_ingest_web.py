"""Web pages, feeds, encodings and datelines: fixtures written here for the project."""

import datetime as dt
import json

import pytest

from summarizer.ingest import load_articles
from summarizer.ingest.feeds import html_to_text

BODY = ("The United States carried out air strikes in eastern Syria on Thursday against facilities used by "
        "Iran-backed militias, the Pentagon said.")

PAGE = f"""<!DOCTYPE html><html lang="en"><head><title>Strikes hit militia sites | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2021-02-26T14:03:00+01:00">
<link rel="canonical" href="https://news.example.org/world/strikes"></head><body>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport news</a></li></ul></nav>
<article><h1>Strikes hit militia sites</h1><p>{BODY}</p><div class="ad">Advertisement</div>
<p>The strikes were a response to rocket attacks against US personnel in Iraq, officials said, adding that the action was proportionate.</p>
<p>Militia officials said one person had been killed, while a war monitor reported at least 22 fatalities near the border.</p>
</article><footer>Copyright 2021 Example News. All rights reserved. <a href="/privacy">Privacy policy</a></footer></body></html>"""

RSS = f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Example Wire</title>
<link>https://wire.example.org/</link><description>news</description>
<item><title>Strikes hit militia sites</title><link>https://wire.example.org/a</link>
<pubDate>Fri, 26 Feb 2021 14:03:00 +0100</pubDate><description>&lt;p&gt;{BODY}&lt;/p&gt;&lt;p&gt;More &amp;amp; more.&lt;/p&gt;</description></item>
<item><title>Second story</title><link>https://wire.example.org/b</link><description>Talks resumed in Vienna on Monday.</description></item>
<item><title></title><description></description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<id>urn:x</id><updated>2021-06-28T08:00:00Z</updated>
<entry><title>Strikes on the border</title><id>urn:1</id><link href="https://atom.example.org/1"/>
<published>2021-06-28T08:00:00-04:00</published><summary>Short summary.</summary>
<content type="html">&lt;p&gt;{BODY}&lt;/p&gt;&lt;p&gt;The fuller text of the entry.&lt;/p&gt;</content></entry></feed>"""


def test_web_page_gives_main_text_title_date_with_zone_and_site(write):
    (article,), skipped = load_articles([write("strikes.html", PAGE)])
    assert skipped == ()
    assert (article.id, article.title, article.source, article.url) == (
        "strikes", "Strikes hit militia sites", "Example News", "https://news.example.org/world/strikes")
    assert article.date == dt.date(2021, 2, 26)
    assert article.published == dt.datetime(2021, 2, 26, 14, 3, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert article.text.startswith(BODY)
    for boilerplate in ("cookies", "Home", "Copyright", "Advertisement", "Privacy"):
        assert boilerplate not in article.text


def test_structured_publication_time_wins_over_a_modified_time_and_a_site_suffix_goes_to_source(write):
    page = PAGE.replace('<meta property="og:site_name" content="Example News">', "").replace(
        '<meta property="article:published_time" content="2021-02-26T14:03:00+01:00">',
        '<meta property="article:modified_time" content="2021-03-02T09:00:00+01:00">'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle",'
        ' "headline": "Strikes hit militia sites", "dateModified": "2021-03-02T09:00:00+01:00",'
        ' "datePublished": "2021-02-25T21:30:00-05:00"}]}</script>').replace(
        "<title>Strikes hit militia sites | Example News</title>", "<title>Strikes hit militia sites - News.Example</title>")
    (article,), _ = load_articles([write("strikes.html", page)])
    assert article.published == dt.datetime(2021, 2, 25, 21, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert article.date == dt.date(2021, 2, 25)  # the day where it was published, not in UTC
    assert (article.title, article.source) == ("Strikes hit militia sites", "News.Example")


@pytest.mark.parametrize("address, day, hours", [
    ("https://www.example.it/world/strikes", dt.date(2021, 2, 27), 1),  # Italy's one zone: 00:15 the next day
    ("https://news.example.io/world/strikes", dt.date(2021, 2, 26), 0),  # ".io" says nothing of where a site is
])
def test_a_utc_time_is_read_in_the_zone_of_the_sites_country(write, address, day, hours):
    page = PAGE.replace('content="2021-02-26T14:03:00+01:00"', 'content="2021-02-26T23:15:00Z"').replace(
        "https://news.example.org/world/strikes", address)
    (article,), _ = load_articles([write("strikes.html", page)])
    assert article.date == day
    assert article.published == dt.datetime(2021, 2, 26, 23, 15, tzinfo=dt.timezone.utc)  # the same moment
    assert article.published.utcoffset() == dt.timedelta(hours=hours)


def test_a_time_without_a_zone_is_kept_with_its_zone_unknown(write):
    page = PAGE.replace('content="2021-02-26T14:03:00+01:00"', 'content="2021-02-26T14:03:00"')
    (article,), _ = load_articles([write("strikes.html", page)])
    assert article.published == dt.datetime(2021, 2, 26, 14, 3) and article.published.tzinfo is None


def test_page_without_article_text_is_skipped(write):
    _, skipped = load_articles([write("empty.htm", "<html><body><nav><a href='/'>Home</a></nav></body></html>")])
    assert skipped[0].reason == "no article text found in the page"


def test_rss_entries_become_articles_with_dates_links_and_source(write):
    articles, skipped = load_articles([write("wire.rss", RSS)])
    assert [(a.id, a.title, a.url, a.source) for a in articles] == [
        ("wire-1", "Strikes hit militia sites", "https://wire.example.org/a", "Example Wire"),
        ("wire-2", "Second story", "https://wire.example.org/b", "Example Wire")]
    assert articles[0].text == f"{BODY}\nMore & more."
    assert articles[0].published.utcoffset() == dt.timedelta(hours=1) and articles[1].date is None
    assert [s.reason for s in skipped] == ["entry 3: no text (empty, or only boilerplate)"]


def test_atom_prefers_content_to_summary(write):
    (article,), _ = load_articles([write("desk.atom", ATOM)])
    assert article.text == f"{BODY}\nThe fuller text of the entry."
    assert article.date == dt.date(2021, 6, 28) and article.published.utcoffset() == dt.timedelta(hours=-4)


def test_xml_that_is_a_feed_is_read_and_other_xml_is_skipped(write, tmp_path):
    write("feed.xml", RSS)
    write("config.xml", "<?xml version='1.0'?><settings><a>1</a></settings>")
    articles, skipped = load_articles([tmp_path])
    assert len(articles) == 2
    assert [(s.path.endswith("config.xml"), s.reason) for s in skipped if "config" in s.path] == [(True, "XML that is not an RSS or Atom feed")]


@pytest.mark.parametrize("data", [
    "Caf\u00e9 owners said the strikes were \u201cproportionate\u201d on Friday.".encode("cp1252"),
    "Caf\u00e9 owners said the strikes were \u201cproportionate\u201d on Friday.".encode("utf-16"),
    "Caf\u00e9 owners said the strikes were \u201cproportionate\u201d on Friday.".encode("utf-16-le"),
    "\ufeffCaf\u00e9 owners said the strikes were \u201cproportionate\u201d on Friday.".encode("utf-8"),
])
def test_common_encodings_decode_to_the_same_text(write, data):
    (article,), _ = load_articles([write("enc.txt", data)])
    assert article.text == "Caf\u00e9 owners said the strikes were \u201cproportionate\u201d on Friday."


@pytest.mark.parametrize("text, date", [
    ("BEIRUT, June 28, 2021 (Reuters) - The strikes hit the border area overnight.", dt.date(2021, 6, 28)),
    ("WASHINGTON, Feb. 26 (Reuters) - The strike hit the border crossing.", None),
    ("The strike hit the border crossing.", None),
])
def test_a_dateline_with_a_year_dates_the_article(write, text, date):
    (article,), _ = load_articles([write("a.txt", text)])
    assert article.date == date


@pytest.mark.parametrize("record, date", [
    ({"url": "https://www.cnn.com/2021/07/15/politics/vaccine/index.html"}, dt.date(2021, 7, 15)),
    ({"url": "https://www.washingtontimes.com/news/2021/jul/13/senate-deal/"}, dt.date(2021, 7, 13)),
    ({"url": "https://www.reuters.com/world/us/biden-host-leaders-2021-05-12/"}, dt.date(2021, 5, 12)),
    # the input's own date, and a dateline with a year, come before the address's
    ({"url": "https://www.cnn.com/2021/07/15/politics/", "date": "2021-07-16"}, dt.date(2021, 7, 16)),
    ({"url": "https://www.cnn.com/2021/07/15/politics/", "text": "BEIRUT, June 28, 2021 (Reuters) - The strikes hit."},
     dt.date(2021, 6, 28)),
    ({"url": "https://www.nationalreview.com/2021/04/a-month-only/"}, None),
    ({"url": "https://www.wsj.com/articles/court-rules-11626471046"}, None),
])
def test_an_address_with_a_date_dates_an_undated_article(write, record, date):
    (article,), _ = load_articles([write("a.jsonl", json.dumps({"text": "The strike hit the border crossing.", **record}))])
    assert article.date == date


def test_json_common_field_names_and_nested_articles(write):
    data = {"status": "ok", "articles": [{"headline": "H", "body": "Body text of the story here.", "pubDate": "2021-06-28T08:00:00Z",
                                          "link": "https://x.example/1", "source": {"name": "Wire"}}]}
    (article,), _ = load_articles([write("api.json", json.dumps(data))])
    assert (article.title, article.text, article.date, article.url, article.source) == (
        "H", "Body text of the story here.", dt.date(2021, 6, 28), "https://x.example/1", "Wire")


def test_html_to_text_keeps_blocks_apart_and_drops_scripts():
    assert html_to_text("<p>One.</p><script>alert(1)</script><ul><li>Two</li><li>Three</li></ul>") == "One.\nTwo\nThree"


def test_a_folder_mixing_every_format_gives_one_briefing(run, write, tmp_path):
    write("page.html", PAGE)
    write("wire.rss", RSS)
    write("desk.atom", ATOM)
    write("api.json", json.dumps({"articles": [{"headline": "Talks", "body": "Diplomats met in Vienna on Monday to revive the deal."}]}))
    write("lines.jsonl", json.dumps({"id": "l1", "text": "Storms flooded the valley and closed the main road on Sunday."}) + "\n")
    write("note.md", "title: Note\n\nThe council voted to rebuild the bridge by next spring, the mayor said.")
    result = run("brief", str(tmp_path), "--format", "json")
    assert result.code == 0, result.err
    ids = {a["id"] for e in json.loads(result.out)["events"] for a in e["articles"]}
    assert ids == {"page", "wire-1", "wire-2", "desk-1", "api-1", "l1", "note"}
    assert result.err.startswith("read 7 articles from 6 files; skipped 1: ")  # the feed's empty entry


def test_feed_text_encoded_twice_is_repaired_and_entries_without_words_are_skipped_with_a_reason(write):
    feed = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title>'
            '<item><title>Talks resume</title><description>The envoy said talks donâ€™t end until a deal is '
            'signed in Vienna.</description></item>'
            '<item><title>x</title><description>¤</description></item></channel></rss>')
    articles, skipped = load_articles([write("wire.rss", feed)])
    assert [a.text for a in articles] == ["The envoy said talks don’t end until a deal is signed in Vienna."]
    assert [s.reason for s in skipped] == ["entry 2: too few words to be an article ('¤')"]
