import json
import re

import pytest

from tests.conftest import CORPUS


def test_brief_defaults_to_the_bundled_corpus(run):
    result = run("brief")
    assert result.code == 0, result.err
    assert result.out.startswith("3 events from 5 articles")
    assert result.err == "read 5 articles from 5 files\n"


def test_brief_json_shape(run):
    result = run("brief", str(CORPUS), "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    assert set(data) >= {"events", "skipped"}
    event = data["events"][0]
    assert set(event) >= {"id", "title", "start", "end", "articles", "summary"}
    assert set(event["articles"][0]) >= {"id", "title", "date", "source", "url"}
    assert set(event["summary"][0]) == {"text", "articles"}
    assert {frozenset(a["id"][:3] for a in e["articles"]) for e in data["events"]} == {
        frozenset({"000", "001", "002"}), frozenset({"003"}), frozenset({"004"})}
    assert (event["start"], event["end"]) == ("2021-02-26", "2021-02-26")


def test_every_summary_sentence_is_verbatim_from_its_sources(run):
    # verbatim up to whitespace: 004 wraps a line inside "Kataib Sayyid al-Shuhada"
    data = json.loads(run("brief", "--format", "json", "--sentences", "8").out)
    texts = {p.stem: " ".join(p.read_text(encoding="utf-8").split()) for p in CORPUS.glob("*.txt")}
    for event in data["events"]:
        for item in event["summary"]:
            assert all(item["text"] in texts[a] for a in item["articles"])


@pytest.mark.parametrize("flag", [["--sentences", "2"], ["--max-words", "40"], ["--max-bytes", "300"]])
def test_length_flags(run, flag):
    data = json.loads(run("brief", "--format", "json", *flag).out)
    for event in data["events"]:
        texts = [s["text"] for s in event["summary"]]
        if flag[0] == "--sentences":
            assert len(texts) <= 2
        elif flag[0] == "--max-words":
            assert sum(len(t.split()) for t in texts) <= 40
        else:
            assert sum(len(t.encode()) for t in texts) + len(texts) - 1 <= 300


def test_report_writes_a_dated_file_and_never_overwrites(run, tmp_path):
    first = run("report", str(CORPUS), "-o", str(tmp_path))
    second = run("report", str(CORPUS), "-o", str(tmp_path))
    assert first.code == second.code == 0
    assert first.out.strip() == str(tmp_path / "briefing-2026-11-21.md")
    assert second.out.strip() == str(tmp_path / "briefing-2026-11-21-2.md")
    text = (tmp_path / "briefing-2026-11-21.md").read_text(encoding="utf-8")
    assert text.startswith("# News briefing, 2026-11-21") and text.count("\n## ") == 3
    forced = run("report", str(CORPUS), "-o", str(tmp_path), "--force")
    assert forced.out.strip() == str(tmp_path / "briefing-2026-11-21.md")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing-2026-11-21-2.md", "briefing-2026-11-21.md"]


def test_events_jsonl_has_every_article_once(run):
    result = run("events", str(CORPUS), "--format", "jsonl")
    rows = [json.loads(line) for line in result.out.splitlines()]
    ids = [a for row in rows for a in row["articles"]]
    assert sorted(ids) == sorted(p.stem for p in CORPUS.glob("*.txt"))
    assert all({"id", "articles"} <= set(row) for row in rows)


def test_events_put_each_page_of_a_site_notice_in_an_event_of_its_own(run, write):
    for k in range(3):
        write(f"notice{k}.txt", "Notice: you must log in to continue.")
    result = run("events", str(write("story.txt", "A story of its own.").parent), "--format", "jsonl")
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert sorted(row["articles"] for row in rows) == [["notice0"], ["notice1"], ["notice2"], ["story"]]
    assert "3 of them a site's notice" in result.err


def test_summarize_reads_clusters_and_keeps_their_ids(run, write):
    path = write("c.jsonl", "\n".join(json.dumps({"id": f"c{k}", "documents": [
        {"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(CORPUS.glob("*.txt"))[k:k + 2]]}) for k in range(2)))
    result = run("summarize", str(path), "--max-bytes", "665")
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert result.code == 0 and [r["id"] for r in rows] == ["c0", "c1"]
    assert all(sum(len(s.encode()) for s in r["summary"]) + len(r["summary"]) - 1 <= 665 for r in rows)


def test_skipped_inputs_are_reported_on_stderr_and_in_json(run, write, tmp_path):
    for p in sorted(CORPUS.glob("*.txt"))[:2]:
        write(p.name, p.read_text(encoding="utf-8"))
    write("notes.pdf", b"%PDF")
    result = run("brief", str(tmp_path), "--format", "json")
    assert result.code == 0
    assert result.err.startswith("read 2 articles from 3 files; skipped 1: ")
    assert json.loads(result.out)["skipped"] == [{"path": str(tmp_path / "notes.pdf"), "line": None, "duplicate_of": None, "reason":
        "unsupported file type '.pdf'; summarizer reads .atom, .htm, .html, .json, .jsonl, .md, .opml, .rss, .txt, .xml",
        "kind": "unsupported file type"}]


@pytest.mark.parametrize("argv, code, error", [
    (["brief", "no/such/dir"], 1, "error: no/such/dir: no such file or folder; give a file or a folder of articles"),
    (["brief", "--sentences", "0"], 2, "error: argument --sentences: must be at least 1, not 0"),
    (["brief", "--sentences", "2", "--max-bytes", "5"], 2, "error: argument --max-bytes: not allowed with argument --sentences"),
    (["brief", "--threshold", "2"], 2, "error: argument --threshold: must be between 0 and 1, not 2.0"),
    (["frobnicate"], 2, "error: argument COMMAND: invalid choice: 'frobnicate'"),
    (["summarize", "missing.jsonl"], 1, "error: missing.jsonl: no such file; give a clusters .jsonl file (one {\"id\", \"documents\"} a line)"),
])
def test_errors_are_one_line_with_exit_code(run, argv, code, error):
    result = run(*argv)
    assert result.code == code
    assert result.err.splitlines()[0].startswith(error)
    assert "Traceback" not in result.err and result.out == ""


def test_since_and_until_keep_events_with_an_article_in_the_span_and_their_undated_articles(run):
    # filtered after grouping: the February event keeps its undated report (000); the two
    # undated events have no article in the span
    result = run("events", str(CORPUS), "--since", "2021-02-01", "--until", "2021-03-01", "--format", "json")
    data = json.loads(result.out)
    assert [sorted(a[:3] for a in e["articles"]) for e in data["events"]] == [["000", "001", "002"]]
    assert [(s["reason"][:3], s["kind"]) for s in data["skipped"]] == [("003", "undated"), ("004", "undated")]
    assert result.err == "read 5 articles from 5 files\n"


@pytest.mark.parametrize("since, shown", [("2021-02-26", 1), ("2021-02-27", 0)])
def test_since_keeps_the_events_of_the_span_in_the_brief(run, since, shown):
    data = json.loads(run("brief", "--since", since, "--format", "json").out)
    assert len(data["events"]) == shown


def test_bad_since_is_a_usage_error(run):
    result = run("brief", "--since", "last week")
    assert result.code == 2 and result.err.startswith("error: argument --since: expected a date as YYYY-MM-DD, not 'last week'")


def test_stdin_json_lines_and_text(run_stdin):
    lines = b'{"id": "a1", "title": "T", "text": "Militia fighters fired rockets at the base overnight, officials said."}\nnot json\n'
    result = run_stdin(lines, "events", "-", "--format", "jsonl")
    assert result.code == 0 and [json.loads(line)["articles"] for line in result.out.splitlines()] == [["a1"]]
    assert result.err.startswith("read 1 article from 1 file; skipped 1: <stdin> line 2: not valid JSON")
    text = run_stdin("Militia fighters fired rockets at the base overnight, officials said.".encode(), "brief", "-", "--format", "json")
    assert [a["id"] for e in json.loads(text.out)["events"] for a in e["articles"]] == ["stdin"]


def test_empty_folder_is_a_user_error(run, tmp_path):
    result = run("brief", str(tmp_path))
    assert (result.code, result.err) == (1, f"error: {tmp_path}: no files found; give a folder that holds articles\n")


def test_folder_of_only_unreadable_files_is_a_user_error(run, write, tmp_path):
    write("a.pdf", b"%PDF")
    result = run("brief", str(tmp_path))
    assert result.code == 1 and result.err.startswith(f"error: no article could be read from {tmp_path} (")


def test_help_teaches_every_command(run):
    result = run("--help")
    assert result.code == 0
    text = result.out
    for word in ("brief", "report", "events", "summarize", "examples:"):
        assert word in text


def test_brief_help_says_how_events_are_ordered(run):
    assert "most recent first" in " ".join(run("brief", "--help").out.split())


def test_events_text_gives_each_event_its_size_and_date_span(run):
    lines = run("events", str(CORPUS), "--width", "100").out.splitlines()
    assert re.match(r"e[0-9a-f]{12}  3 articles  2021-02-26  kataib", lines[0])
    assert sum("1 article  date unknown" in line for line in lines) == 2


def test_events_explain_in_text_and_jsonl(run):
    text = run("events", str(CORPUS), "--explain", "--width", "400")
    assert text.code == 0 and "joined at average similarity" in text.out and "alone: best match" in text.out
    assert "each the other's closest" in text.out  # the rule that pairs two articles left alone
    rows = [json.loads(line) for line in run("events", str(CORPUS), "--explain", "--format", "jsonl").out.splitlines()]
    explained = [x for row in rows for x in row["explain"]]
    assert all({"id", "joined_at", "rule", "merged_at", "merge_rule", "closest", "similarity"} == set(x) for x in explained)
    assert [x["rule"] for x in explained] == ["threshold"] * 3 + [None, None]  # the February event's three, two alone
    assert all("explain" not in json.loads(line) for line in run("events", str(CORPUS), "--format", "jsonl").out.splitlines())


def test_help_names_every_input_format(run):
    text = " ".join(run("--help").out.split())
    for kind in (".txt", ".md", ".html", ".rss", ".atom", ".xml", ".json", ".jsonl", "standard input"):
        assert kind in text


@pytest.mark.parametrize("command", ["brief", "report", "events", "summarize", "evaluate"])
def test_each_help_ends_with_two_to_four_examples(run, command):
    result = run(command, "--help")
    examples = result.out.split("examples:\n", 1)[1].splitlines()
    assert 2 <= sum(line.startswith(f"  summarizer {command}") for line in examples) <= 4
