import os

import numpy as np
import pytest

import summarizer.events
import summarizer.events.candidates
import summarizer.events.grouping
import summarizer.events.similarity
import summarizer.vectors
from summarizer.events.candidates import pair_cosines, similarity_graph
from summarizer.ingest import load_articles
from summarizer.parallel import in_halves
from summarizer.sentences import article_sentences
from summarizer.vectors import tfidf_matrix
from tests.conftest import CORPUS

PARENT = os.getpid()


def _fails_in_another_process(numbers):
    if os.getpid() != PARENT:
        raise MemoryError("no room in the second process")
    return sum(numbers)


def test_in_halves_does_the_second_half_itself_when_its_process_fails():
    assert in_halves(_fails_in_another_process, [1, 2, 3, 4]) == (3, 7)


def test_in_halves_gives_the_second_half_from_another_process():
    assert in_halves(lambda _: os.getpid(), [None, None])[1] != PARENT or os.cpu_count() == 1


@pytest.fixture
def texts():
    articles, _ = load_articles([CORPUS])
    return [s.text for a in articles for s in article_sentences(a)] + [a.text for a in articles]


def test_tfidf_read_in_two_processes_is_the_same(texts, monkeypatch):
    alone, vocabulary = tfidf_matrix(texts, numbers=True)
    monkeypatch.setattr(summarizer.vectors, "PARALLEL_CHARS", 0)
    halves, other = tfidf_matrix(texts, numbers=True)
    assert (alone != halves).nnz == 0 and vocabulary.stem_names == other.stem_names and vocabulary.shown == other.shown


@pytest.mark.parametrize("exact_up_to", [20_000, 0])
def test_neighbours_and_cosines_in_two_processes_are_the_same(texts, monkeypatch, exact_up_to):
    matrix, _ = tfidf_matrix(texts)
    alone = similarity_graph(matrix, floor=0.05, exact_up_to=exact_up_to)
    cosines = pair_cosines(matrix, alone.row, alone.col)
    monkeypatch.setattr(summarizer.events.candidates, "PARALLEL_ROWS", 0)
    halves = similarity_graph(matrix, floor=0.05, exact_up_to=exact_up_to)
    assert (alone.tocsr() != halves.tocsr()).nnz == 0
    assert np.array_equal(cosines, pair_cosines(matrix, alone.row, alone.col))


def test_events_found_in_two_processes_are_the_same(monkeypatch):
    # the corpus pairs undated articles with dated ones: their date windows are read in halves too
    articles, _ = load_articles([CORPUS])
    alone = summarizer.events.cluster_events(articles)
    for module in (summarizer.events, summarizer.events.candidates, summarizer.events.similarity, summarizer.events.grouping):
        monkeypatch.setattr(module, "PARALLEL_ROWS", 0)
    assert summarizer.events.cluster_events(articles) == alone


def test_a_large_json_lines_file_read_in_two_processes_is_the_same(tmp_path, monkeypatch):
    import summarizer.ingest.jsonfile

    lines = ['{"id": "a", "text": "First."}', '{"id": "b", "text": ', "", '{"id": "c"}', "\u00e9t\u00e9 \xff",
             '{"id": "d", "text": "Same words."}', '{"id": "e", "text": "same  words"}', '[1]', '{"text": "No id."}']
    path = tmp_path / "big.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines * 7).encode("utf-8", "surrogateescape") + b"\n")
    alone = load_articles([path])
    monkeypatch.setattr(summarizer.ingest.jsonfile, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(summarizer.ingest, "PARALLEL_CHARS", 0)
    assert summarizer.ingest.jsonfile._halves(path) is not None
    assert load_articles([path]) == alone
    assert sorted(s.line for s in alone[1] if "JSON" in s.reason)[-2:] == [59, 62]  # numbered on through the halves


def test_a_file_of_one_line_is_read_in_one_part(tmp_path, monkeypatch):
    import summarizer.ingest.jsonfile

    path = tmp_path / "one.jsonl"
    path.write_text('{"id": "a", "text": "Only line."}')
    monkeypatch.setattr(summarizer.ingest.jsonfile, "PARALLEL_BYTES", 0)
    assert summarizer.ingest.jsonfile._halves(path) is None
    assert [a.id for a in load_articles([path])[0]] == ["a"]


def test_an_article_sent_between_processes_keeps_every_field():
    import dataclasses
    import datetime as dt
    import pickle

    from summarizer.model import Article

    values = {"id": "a", "text": "T.", "title": "H", "date": dt.date(2021, 2, 26), "source": "S", "url": "u", "path": "p",
              "line": 3, "published": dt.datetime(2021, 2, 26, 14, 0, tzinfo=dt.timezone.utc), "duplicates": ("b",), "notice": True,
              "language": "en"}
    assert set(values) == {f.name for f in dataclasses.fields(Article)}
    article = Article(**values)
    assert pickle.loads(pickle.dumps(article)) == article


def test_notices_found_in_two_processes_are_the_same(monkeypatch):
    import summarizer.notices
    from summarizer.model import Article
    from summarizer.notices import find_notices

    notice = "Please enable JavaScript to watch this video and read the page in your browser."
    story = [" ".join(f"w{k}x{j}" for j in range(40 * (k % 3))) for k in range(30)]  # none for every third page
    pages = [Article(f"p{k:02}", f"{notice} {story[k]}") for k in range(30)]
    pages += [Article(f"s{k}", f"Another story, number {k}, on its own.") for k in range(9)]
    alone = find_notices(pages)
    monkeypatch.setattr(summarizer.notices, "_PARALLEL_PAGES", 0)
    assert find_notices(pages) == alone and sum(a.notice for a in alone) == 10


def test_languages_detected_while_notices_are_read_are_the_same(monkeypatch):
    import summarizer.ingest
    from summarizer.model import Article

    notice = "Please enable JavaScript to watch this video and read the page in your browser."
    french = "Le gouvernement a annoncé de nouvelles mesures pour les agriculteurs de la région ce lundi."
    english = "The council voted on Tuesday to close the bridge for repairs that will take most of the summer."
    articles = [Article(f"p{k}", notice) for k in range(3)] + [Article("n", f"{notice} {french}"), Article("f", french),
                                                                Article("e", english)]
    alone = summarizer.ingest._read_notices_and_languages(articles)
    monkeypatch.setattr(summarizer.ingest, "_BOTH_FROM", 0)
    both = summarizer.ingest._read_notices_and_languages(articles)
    assert both == alone and [a.language for a in both][3:] == ["fr", "fr", "en"]


def test_many_events_summarized_in_two_processes_are_the_events_summarized_in_one(monkeypatch):
    import summarizer.pipeline
    from summarizer.events import cluster_events
    from summarizer.pipeline import summarize_events

    events = cluster_events(load_articles([CORPUS])[0])
    monkeypatch.setattr(summarizer.pipeline, "PARALLEL_SUMMARY_CHARS", 10 ** 12)
    one = summarize_events(events)
    monkeypatch.setattr(summarizer.pipeline, "PARALLEL_SUMMARY_CHARS", 0)
    ticks = []
    two = summarize_events(events, progress=lambda done, total: ticks.append((done, total)))
    assert two == one
    assert ticks[-1] == (len(events), len(events))


def test_many_panels_drawn_in_two_processes_print_what_one_process_prints(monkeypatch):
    import io

    from rich.console import Console

    import summarizer.render.terminal as terminal
    from summarizer.pipeline import brief

    briefing = brief(load_articles([CORPUS])[0])

    def printed(panels_at_once):
        monkeypatch.setattr(terminal, "PARALLEL_PANELS", panels_at_once)
        out = io.StringIO()
        terminal.print_terminal(Console(file=out, width=70, force_terminal=True, color_system="truecolor"), briefing)
        return out.getvalue()

    assert printed(0) == printed(10 ** 9)
    assert "\x1b[" in printed(0) and "Event 3" in printed(0)


def test_drafts_summarized_in_the_halves_that_draw_them_print_the_summarized_briefing(monkeypatch):
    import io

    from rich.console import Console

    import summarizer.render.terminal as terminal
    from summarizer.pipeline import brief, summarize_events, summary_cost

    articles = load_articles([CORPUS])[0]
    summarized, drafts = brief(articles), brief(articles, summarize=False)
    assert all(not e.summary for e in drafts.events)

    def printed(briefing, panels_at_once, **how):
        monkeypatch.setattr(terminal, "PARALLEL_PANELS", panels_at_once)
        out = io.StringIO()
        terminal.print_terminal(Console(file=out, width=70, force_terminal=True, color_system="truecolor"), briefing, **how)
        return out.getvalue()

    expected = printed(summarized, 10 ** 9)
    finish = lambda events: summarize_events(events, parallel=False)  # noqa: E731
    assert printed(drafts, 0, prepare=finish, cost=summary_cost) == expected
    assert printed(drafts, 10 ** 9, prepare=finish) == expected


def test_a_brief_of_every_event_splits_sentences_while_grouping_with_the_same_result(monkeypatch):
    import summarizer.pipeline
    import summarizer.sentences
    from summarizer.pipeline import brief

    articles = load_articles([CORPUS])[0]
    summarizer.sentences.remember_splits([], [])
    monkeypatch.setattr(summarizer.pipeline, "PARALLEL_SUMMARY_CHARS", 10 ** 12)
    alone = brief(articles, top=None)
    assert not summarizer.sentences._SPLIT_AHEAD
    monkeypatch.setattr(summarizer.pipeline, "PARALLEL_SUMMARY_CHARS", 0)
    try:
        ahead = brief(articles, top=None)
        assert set(summarizer.sentences._SPLIT_AHEAD) == {a.id for a in articles if not a.notice}
        assert ahead == alone
    finally:
        summarizer.sentences.remember_splits([], [])


def test_a_split_remembered_is_used_only_for_the_same_text_and_limit():
    import dataclasses

    from summarizer.sentences import normalized, remember_splits, split_ahead

    article = load_articles([CORPUS])[0][0]
    remember_splits([article], [(("One remembered sentence.",), ("a normal form sent along",))], limit=5)
    try:
        assert [s.text for s in article_sentences(article, limit=5)] == ["One remembered sentence."]
        assert normalized("One remembered sentence.") == "a normal form sent along"
        assert len(article_sentences(article, limit=6)) > 1
        changed = dataclasses.replace(article, text="Another text. Split afresh.")
        assert [s.text for s in article_sentences(changed, limit=5)] == ["Another text.", "Split afresh."]
    finally:
        remember_splits([], [])
    assert normalized("One remembered sentence.") == "one remembered sentence"
    texts = tuple(s.text for s in article_sentences(article, limit=5))
    assert split_ahead([article], limit=5) == [(texts, tuple(normalized(t) for t in texts))]
