import datetime as dt
import json

import pytest

from summarizer.errors import InputError
from summarizer.ingest import load_articles, load_clusters, mark_notices, merge_duplicates
from summarizer.model import Article
from tests.conftest import CORPUS


def test_corpus_reads_five_articles_with_file_stems_as_ids():
    articles, skipped = load_articles([CORPUS])
    assert [a.id for a in articles] == sorted(p.stem for p in CORPUS.glob("*.txt"))
    assert skipped == ()


def test_inline_date_prefix_becomes_the_date_and_leaves_the_text():
    articles, _ = load_articles([CORPUS / "001_ac34c4d9b940b12e.txt"])
    assert articles[0].date == dt.date(2021, 2, 26)
    assert articles[0].text.startswith("The Pentagon said the strike was ordered")


def test_text_header_lines(write):
    path = write("story.txt", "title: Strike on border\ndate: 2021-02-26\nsource: BBC\nurl: https://example.org/a\n\nThe strike hit.")
    (article,), _ = load_articles([path])
    assert (article.id, article.title, article.date, article.source, article.url, article.text) == (
        "story", "Strike on border", dt.date(2021, 2, 26), "BBC", "https://example.org/a", "The strike hit.")


def test_a_title_line_without_blank_line_is_text(write):
    (article,), _ = load_articles([write("a.txt", "title: not a header\nThe text.")])
    assert article.title == "" and article.text.startswith("title: not a header")


def test_json_array_and_object_with_articles(write, tmp_path):
    write("a.json", json.dumps([{"id": "x1", "text": "One."}, {"id": "x2", "headline": "H", "content": "Two."}]))
    write("b.json", json.dumps({"articles": [{"title": "T", "body": "Three.", "publishedAt": "2021-06-27T10:00:00Z"}]}))
    articles, skipped = load_articles([tmp_path])
    assert [(a.id, a.title, a.text, a.date) for a in articles] == [
        ("x1", "", "One.", None), ("x2", "H", "Two.", None), ("b-1", "T", "Three.", dt.date(2021, 6, 27))]
    assert skipped == ()


def test_jsonl_bad_line_is_skipped_with_its_line_and_the_rest_is_read(write):
    path = write("feed.jsonl", '{"id": "a", "text": "Fine."}\n{"id": "b", "text": \n\n{"id": "c"}\n[1, 2]\n')
    articles, skipped = load_articles([path])
    assert [a.id for a in articles] == ["a"]
    assert [(s.line, s.reason.split(" (")[0]) for s in skipped] == [
        (2, "not valid JSON"), (4, "no 'text' field"), (5, "not a JSON object but list")]
    assert skipped[0].where == f"{path} line 2"


def test_clusters_file_given_as_articles_is_skipped_with_a_pointer(write):
    path = write("clusters.jsonl", json.dumps({"id": "c1", "documents": [{"text": "A."}]}) + "\n")
    articles, skipped = load_articles([path])
    assert articles == ()
    assert "summarizer summarize" in skipped[0].reason


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", "", "no text"),
    ("ads.txt", "display\n\nAdvertisement\n", "no text"),
    ("picture.png", b"\x89PNG\r\n", "unsupported file type '.png'"),
    ("binary.txt", b"\x00\x01\x02\x03", "binary data"),
    ("broken.json", "{", "not valid JSON"),
    ("noext", "text", "unsupported file type '(none)'"),
    (".hidden.txt", "text", "hidden file"),
])
def test_unreadable_files_are_skipped_with_a_reason(write, name, content, reason):
    path = write(name, content)
    articles, skipped = load_articles([path.parent])
    assert articles == ()
    assert len(skipped) == 1 and skipped[0].reason.startswith(reason)


def test_legacy_encodings_are_decoded(write):
    write("cp1252.txt", "Caf\u00e9 \u201cquoted\u201d.".encode("cp1252"))
    write("utf16.txt", "Stra\u00dfe.".encode("utf-16"))
    write("bom.txt", "\ufeffWith BOM.".encode("utf-8"))
    articles, _ = load_articles([write("x.md", "Markdown text.").parent])
    assert {a.id: a.text for a in articles} == {
        "bom": "With BOM.", "cp1252": "Caf\u00e9 \u201cquoted\u201d.", "utf16": "Stra\u00dfe.", "x": "Markdown text."}


def test_duplicate_ids_are_made_unique(write):
    write("a/story.txt", "One.")
    write("b/story.txt", "Two.")
    articles, _ = load_articles([write("c.txt", "Three.").parent])
    assert [a.id for a in articles] == ["c", "story", "story~2"]


NOTICE_TEXT = "We've detected that JavaScript is disabled in your browser. Would you like to proceed?"


@pytest.mark.parametrize("copies, text, notices", [
    (3, NOTICE_TEXT, 3),  # a short text on three pages: a site's notice, each page kept
    (2, NOTICE_TEXT, 0),  # on two: a short wire story and its copy, merged
    (3, "A short wire brief: the strike was ordered.", 0),  # it tells news, not of the page: merged
    (3, "A long wire story on cookies. " * 40, 0),  # a long text on three pages: a wire story, merged
])
def test_a_short_text_on_many_pages_is_a_notice_and_each_page_stays(copies, text, notices):
    pages = [Article(f"p{k}", text.upper() if k else text) for k in range(copies)]
    kept, merged = merge_duplicates(pages + [Article("story", "Another text.")])
    assert sum(a.notice for a in kept) == notices
    assert len(kept) + len(merged) == copies + 1  # every page is an article or merged into one
    assert [a.id for a in kept if a.notice] == [p.id for p in pages][:notices]


CRAWL_NOTE = ("These crawls are part of an effort to archive pages as they are created and archive the pages "
              "that they refer to. That way, as the pages that are referenced are changed or taken from the web, "
              "a link to the version that was live when the page was written will be preserved.")


REPORT = (" Militia fighters fired rockets at the air base near Erbil overnight, wounding two contractors,"
          " and the coalition said it was investigating. Kurdish officials said the rockets were launched from"
          " a village south of the city. A group calling itself Saraya Awliya al-Dam claimed the attack.")


@pytest.mark.parametrize("texts, notices", [
    # on two pages whole and on two cut short, at different lengths: four pages of one notice
    ([CRAWL_NOTE, CRAWL_NOTE, CRAWL_NOTE[:250], CRAWL_NOTE[:150]], 4),
    ([CRAWL_NOTE, CRAWL_NOTE[:250], CRAWL_NOTE[:150]], 0),  # whole on one page: it may be a report's start
    ([CRAWL_NOTE, CRAWL_NOTE, CRAWL_NOTE[:130]], 0),  # under half of it: the start of anything
    # a page that holds the notice and then a report of its own, longer, is not a notice, on
    # one page or two; the notice's pages are
    ([CRAWL_NOTE] * 3 + [CRAWL_NOTE + REPORT], 3),
    ([CRAWL_NOTE] * 2 + [CRAWL_NOTE + REPORT] * 2, 0),
    ([CRAWL_NOTE] * 3 + [CRAWL_NOTE + REPORT] * 3, 3),  # a syndicated report behind the notice
])
def test_pages_that_hold_a_notice_cut_short_are_its_copies(texts, notices):
    pages = [Article(f"p{k}", text) for k, text in enumerate(texts)]
    kept, merged = merge_duplicates(pages)
    assert sorted(a.id for a in kept if a.notice) == [f"p{k}" for k in range(notices)]
    assert len(kept) + len(merged) == len(pages)


@pytest.mark.parametrize("notice", [CRAWL_NOTE, "Please enable JavaScript."])  # longer and shorter than an opening
def test_a_page_that_opens_with_a_notice_is_read_from_where_it_ends(notice):
    pages = [Article(f"n{k}", notice) for k in range(3)]
    kept, _ = merge_duplicates(pages + [Article("page", notice.upper() + " -- " + REPORT),
                                        Article("twice", f"{notice} {notice}{REPORT} More."),
                                        Article("other", notice[:len(notice) // 2] + REPORT)])
    texts = {a.id: a.text for a in kept}
    assert texts["page"] == REPORT.strip() and texts["twice"] == f"{REPORT.strip()} More."
    assert texts["other"] == notice[:len(notice) // 2] + REPORT  # opens with part of the notice: as it was
    assert [a.id for a in mark_notices(pages + [Article("page", notice + REPORT)]) if a.text == REPORT.strip()] == ["page"]


def test_missing_path_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        load_articles([tmp_path / "nope"])


def test_empty_folder_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="no files found"):
        load_articles([tmp_path])


def test_load_clusters_reads_documents_and_skips_bad_lines(write):
    path = write("c.jsonl", "\n".join([
        json.dumps({"id": "d1", "documents": [{"id": "a", "text": "A."}, {"title": "no text"}]}),
        "not json",
        json.dumps({"id": "d2", "text": "an article, not a cluster"}),
    ]))
    events, skipped = load_clusters(path)
    assert [(e.id, [a.id for a in e.articles]) for e in events] == [("d1", ["a"])]
    assert [s.line for s in skipped] == [1, 2, 3]
