import datetime as dt
import json

import pytest

from summarizer.errors import InputError
from summarizer.ingest import load_articles, load_clusters, merge_duplicates
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


def test_notice_pages_are_never_merged_as_duplicates_of_each_other():
    pages = [Article(f"p{k}", "Please enable JavaScript to read this page.", notice=True) for k in range(3)]
    kept, merged = merge_duplicates(pages + [Article("a", "A story."), Article("b", "a story")])
    assert [a.id for a in kept] == ["p0", "p1", "p2", "a"] and [s.duplicate_of for s in merged] == ["a"]


def test_articles_carry_the_language_they_are_written_in(write):
    path = write("two.jsonl", "\n".join([
        json.dumps({"id": "en", "text": "The strike was ordered by the president after the rocket attacks on the base."}),
        json.dumps({"id": "fr", "text": "La grève a été décidée par les syndicats après l'échec des négociations salariales."}),
    ]))
    articles, _ = load_articles([path])
    assert [(a.id, a.language) for a in articles] == [("en", "en"), ("fr", "fr")]


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
