"""Hostile and broken input: no crash, nothing lost, nothing executed (files made here)."""

import json
import os
import re

import pytest

ESC = "\x1b"
NASTY = (f"Crowds chanted [live] and [/b] at {ESC}[31mnight{ESC}[0m near the embassy, witnesses said today.\n"
         f"A title link {ESC}]8;;https://evil.example{ESC}\\click{ESC}]8;;{ESC}\\ rang a bell\x07 as the crowd grew larger.\n"
         "Officials said the line was overwritten\rFAKE TEXT that hides the real words of the sentence.\n"
         "<script>alert('x')</script> The statement said <b>nothing</b> about the [x](javascript:alert(1)) link.\n"
         "<div onclick=\"steal()\">raw html block</div>\n")


@pytest.fixture
def hostile(tmp_path, write):
    write("empty.txt", "")
    write("blank.txt", "   \n\t\n  ")
    write("noise.bin", bytes(range(256)) * 4)
    write("noise.txt", b"\x00\xff\xfe\x00" * 100)
    write("odd.xyz", "whatever")
    write("broken.jsonl", '{"id": "j1", "text": "A fine line of text about the militia strikes on the border."}\n'
                          '{"id": "j2", "text": \n'
                          '"just a string"\n'
                          '{"id": "j3", "title": 5, "text": ["not", "text"]}\n'
                          '{"id": "j4", "text": "A fine line of text about the militia strikes on the border."}\n')
    write("broken.json", "[{]")
    write("nasty.txt", NASTY)
    write("nasty.json", json.dumps({"id": "n2", "title": "[bold]x[/bold] \x1b[2J<script>", "text": NASTY,
                                    "source": "S\x07", "url": "javascript:alert(1)"}))
    sentence = "The militia fired rockets at the base and officials said the damage was heavy. "
    write("huge.txt", sentence * (5 * 2**20 // len(sentence)))
    write("runon.txt", " ".join(f"word{k % 997}" for k in range(40_000)))
    write("feed.xml", "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><item><title>x</title>"
                      "<description>&lt;script&gt;alert(1)&lt;/script&gt;Rockets hit the base overnight, officials said.</description>"
                      "</item></channel></rss>")
    write("page.html", "<html><body><div><div><div>" * 300 + "<p>Deep text about rockets and the base.</p></body></html>")
    os.symlink(tmp_path / "loop", tmp_path / "loop")  # a link to itself
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path, tmp_path / "sub" / "up")  # a link back up: a folder loop
    return tmp_path


def inputs(folder):
    """Every file and link under the folder, as the walk sees them."""
    found = set()
    for root, dirs, files in os.walk(folder):
        found.update(os.path.join(root, f) for f in files)
        found.update(os.path.join(root, d) for d in dirs if os.path.islink(os.path.join(root, d)))
    return found


def test_hostile_folder_is_briefed_and_every_input_accounted_for(run, hostile):
    result = run("brief", str(hostile), "--format", "json")
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    data = json.loads(result.out)
    articles = [a for e in data["events"] for a in e["articles"]]
    seen = {a["path"] for a in articles} | {s["path"] for s in data["skipped"]}
    assert inputs(hostile) <= seen
    lines = {(s["path"], s["line"]) for s in data["skipped"] if s["path"].endswith("broken.jsonl")}
    assert {line for _, line in lines} == {2, 3, 4, 5}  # j1 read; j2-j3 broken; j4 a duplicate of j1
    duplicate = next(s for s in data["skipped"] if s["line"] == 5)
    assert duplicate["duplicate_of"] == "j1"
    assert any(a["id"] == "j1" and a["duplicates"] == ["j4"] for a in articles)


def test_terminal_output_carries_no_control_sequences_and_shows_markup_as_text(run, hostile):
    result = run("brief", str(hostile), "--width", "120", "--sentences", "8")
    assert result.code == 0
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.out)
    assert "[live]" in result.out and "[/b]" in result.out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.err)


def test_markdown_report_renders_hostile_text_as_text(run, hostile, tmp_path):
    out = tmp_path / "out"
    result = run("report", str(hostile), "-o", str(out), "--sentences", "8")
    assert result.code == 0
    text = (out / "briefing-2026-11-21.md").read_text(encoding="utf-8")
    assert "<script" not in text and "<div" not in text and "<b>" not in text
    assert not re.search(r"(?<!\\)\]\(", text), "no Markdown link may form"
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)


def test_events_jsonl_places_every_article_and_duplicate_once(run, hostile):
    result = run("events", str(hostile), "--format", "jsonl")
    ids = [a for line in result.out.splitlines() for a in json.loads(line)["articles"]]
    assert len(ids) == len(set(ids)) and {"j1", "j4", "nasty", "n2", "huge", "runon"} <= set(ids)


def test_an_interrupt_ends_with_130(run, monkeypatch, tmp_path, write):
    import summarizer.pipeline

    write("a.txt", "Some text about the strikes on the border crossing today.")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(summarizer.pipeline, "brief", interrupted)
    result = run("brief", str(tmp_path))
    assert (result.code, result.err.splitlines()[-1]) == (130, "interrupted")


def test_an_interrupted_report_leaves_no_file(run, monkeypatch, tmp_path):
    import summarizer.render

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(summarizer.render, "render_markdown", interrupted)
    out = tmp_path / "reports"
    assert run("report", "-o", str(out)).code == 130
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("command", ["events", "summarize"])
def test_text_formats_of_events_and_summarize_carry_no_control_sequences(run, write, tmp_path, command):
    record = {"id": "x\x1b[2J", "title": "T\x07itle", "text": "Militia fighters fired rockets at the base overnight, officials said."}
    if command == "events":
        path = write("a.jsonl", json.dumps(record) + "\n")
    else:
        path = write("c.jsonl", json.dumps({"id": "c\x1b]0;t\x07", "documents": [record]}) + "\n")
    result = run(command, str(path), "--format", "text")
    assert result.code == 0 and result.out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.out + result.err)
