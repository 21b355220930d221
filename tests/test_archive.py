import datetime as dt
import json
import sqlite3
import threading

import pytest

from summarizer.archive import SCHEMA_VERSION, Archive
from summarizer.errors import ArchiveError
from summarizer.ingest import load_articles
from summarizer.model import Article
from tests.conftest import CORPUS, NOW


@pytest.fixture
def corpus():
    return {a.id[:3]: a for a in load_articles([CORPUS])[0]}


def at(hours: float) -> dt.datetime:
    return NOW + dt.timedelta(hours=hours)


def test_the_corpus_in_three_runs_is_the_february_event_then_the_two_others_then_nothing(run, tmp_path):
    february = tmp_path / "february"
    february.mkdir()
    for path in sorted(CORPUS.glob("00[012]_*.txt")):
        (february / path.name).write_bytes(path.read_bytes())
    archive = str(tmp_path / "news.db")
    first = json.loads(run("brief", str(february), "--archive", archive, "--format", "json").out)
    second = json.loads(run("brief", str(CORPUS), "--archive", archive, "--format", "json").out)
    third = run("brief", str(CORPUS), "--archive", archive, "--width", "100")
    assert [(e["status"], sorted(a["id"][:3] for a in e["articles"])) for e in first["events"]] == [("new", ["000", "001", "002"])]
    assert sorted((e["status"], [a["id"][:3] for a in e["articles"]][0]) for e in second["events"]) == [("new", "003"), ("new", "004")]
    assert third.out.startswith("Nothing new since 2026-11-21 08:00.") and third.code == 0
    assert "archive: 0 new articles, 5 already in it; 5 in all" in third.err


def test_an_event_that_gains_articles_keeps_its_id_and_shows_the_new_sentences(tmp_path, corpus):
    with Archive(tmp_path / "a.db") as archive:
        with archive.run([corpus["001"]], now=at(0), command="brief", briefed=True) as first:
            (event,) = archive.events(first.touched, run=first)
        with archive.run([corpus["001"], corpus["002"], corpus["000"]], now=at(1), command="brief", briefed=True) as second:
            (updated,) = archive.events(archive.new_since_last_brief(second), run=second)
    assert updated.id == event.id and updated.status == "updated" and len(updated.articles) == 3
    assert sorted(i[:3] for i in updated.new_articles) == ["000", "002"]


def test_an_article_already_archived_by_id_or_by_text_is_not_added_twice(tmp_path, corpus):
    copy = Article("another-id", corpus["003"].text.upper(), title="A copy")
    with Archive(tmp_path / "a.db") as archive:
        with archive.run([corpus["003"]], now=at(0), command="events"):
            pass
        with archive.run([corpus["003"], copy], now=at(1), command="events") as again:
            assert again.added == () and again.already == (corpus["003"].id, "another-id")
        assert len(archive) == 1


def test_two_archived_events_that_merge_keep_the_older_id_and_the_other_resolves(tmp_path):
    left = Article("l", "Flames raced through the canyons above Ventura overnight, destroying twelve homes near the old mission road.")
    right = Article("r", "Sheriff deputies ordered Santa Paula residents east of the river to leave before dawn, opening two "
                         "school shelters.")
    bridge = Article("b", "Flames that raced through the canyons above Ventura reached Santa Paula, where sheriff deputies "
                          "ordered residents east of the river to leave and opened school shelters.")
    with Archive(tmp_path / "a.db") as archive:
        with archive.run([left], now=at(0), command="events") as one:
            older = one.touched[0]
        with archive.run([right], now=at(1), command="events") as two:
            newer = two.touched[0]
        with archive.run([bridge], now=at(2), command="events") as three:
            (merged,) = archive.events(three.touched, run=three)
        assert merged.id == older and merged.merged == (newer,) and archive.resolve(newer) == older
        assert sorted(a.id for a in merged.articles) == ["b", "l", "r"]


def test_a_run_interrupted_leaves_the_archive_as_it_was(tmp_path, corpus):
    path = tmp_path / "a.db"
    with Archive(path) as archive:
        with archive.run([corpus["001"]], now=at(0), command="brief", briefed=True):
            pass
        with pytest.raises(KeyboardInterrupt):
            with archive.run([corpus["003"], corpus["004"]], now=at(1), command="brief", briefed=True):
                raise KeyboardInterrupt
        assert len(archive) == 1 and [len(e.articles) for e in archive.events()] == [1]
        assert archive.db.execute("SELECT count(*) FROM runs").fetchone()[0] == 1


def test_an_interrupted_brief_keeps_nothing_of_its_run(run, tmp_path, monkeypatch):
    import summarizer.render

    archive = str(tmp_path / "a.db")
    monkeypatch.setattr(summarizer.render, "print_terminal", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt))
    assert run("brief", str(CORPUS), "--archive", archive).code == 130
    monkeypatch.undo()
    assert "archive: 5 new articles" in run("brief", str(CORPUS), "--archive", archive).err


def test_a_second_run_at_once_fails_with_a_clear_message(tmp_path, corpus, monkeypatch):
    import summarizer.archive

    monkeypatch.setattr(summarizer.archive, "BUSY_SECONDS", 0.2)
    path = tmp_path / "a.db"
    with Archive(path) as first:
        with first.run([corpus["001"]], now=at(0), command="events"):
            with Archive(path) as second, pytest.raises(ArchiveError, match="in use by another run of summarizer"):
                with second.run([corpus["002"]], now=at(0), command="events"):
                    pass
    with Archive(path) as again:
        assert len(again) == 1


@pytest.mark.parametrize("content, message", [
    (b"Just some notes, not a database at all.", "not a summarizer archive"),
    (None, "an SQLite database of another program"),
])
def test_a_file_that_is_not_an_archive_is_an_error_and_is_not_touched(run, tmp_path, content, message):
    path = tmp_path / "other.db"
    if content is None:
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE notes (x)")
        db.commit()
        db.close()
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    result = run("brief", str(CORPUS), "--archive", str(path))
    assert result.code == 1 and message in result.err.splitlines()[-1]
    assert path.read_bytes() == before


def test_an_archive_of_a_newer_version_is_an_error(run, tmp_path):
    path = tmp_path / "a.db"
    Archive(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    result = run("events", "--archive", str(path))
    assert result.code == 1 and "an archive of a newer summarizer" in result.err


def test_the_archive_may_come_from_the_environment(tmp_path):
    import io

    from summarizer.cli import main

    out, err = io.StringIO(), io.StringIO()
    env = {"SUMMARIZER_ARCHIVE": str(tmp_path / "env.db")}
    assert main(["events", str(CORPUS), "--format", "jsonl"], stdout=out, stderr=err, now=NOW, environ=env) == 0
    assert (tmp_path / "env.db").exists() and all(json.loads(line)["status"] == "new" for line in out.getvalue().splitlines())


def test_events_with_an_archive_and_no_path_prints_the_archives_events(run, tmp_path):
    archive = str(tmp_path / "a.db")
    run("events", str(CORPUS), "--archive", archive)
    rows = [json.loads(line) for line in run("events", "--archive", archive, "--format", "jsonl").out.splitlines()]
    assert sorted(len(r["articles"]) for r in rows) == [1, 1, 3] and {r["status"] for r in rows} == {"seen"}
    assert all(r["first_seen"].startswith("2026-11-21") for r in rows)


def test_explain_is_refused_with_an_archive(run, tmp_path):
    result = run("events", str(CORPUS), "--archive", str(tmp_path / "a.db"), "--explain")
    assert result.code == 1 and "leave out --archive" in result.err


def test_writes_of_two_threads_never_corrupt_the_file(tmp_path, corpus):
    path = tmp_path / "a.db"
    Archive(path).close()
    errors = []

    def add(article):
        try:
            with Archive(path) as archive, archive.run([article], now=at(0), command="events"):
                pass
        except ArchiveError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(corpus[k],)) for k in ("000", "003", "004")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with Archive(path) as archive:
        assert len(archive) + len(errors) == 3
        assert archive.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
