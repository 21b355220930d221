import datetime as dt
import json

import pytest

from summarizer.config import Settings
from summarizer.evaluate import lead_summary, rouge, truncate
from summarizer.model import Article, Event

D = dt.date


@pytest.mark.parametrize("settings, expected", [
    (Settings(n_sentences=1), ("Early first sentence here.",)),
    (Settings(n_sentences=3), ("Early first sentence here.", "Early second sentence here.", "Late first sentence here.")),
    (Settings(max_words=8), ("Early first sentence here.", "Early second sentence here.")),
    (Settings(max_bytes=30), ("Early first sentence here.",)),
])
def test_lead_takes_the_earliest_article_first(settings, expected):
    event = Event("e", (Article("late", "Late first sentence here.", date=D(2021, 3, 1)),
                        Article("early", "Early first sentence here. Early second sentence here.", date=D(2021, 2, 1))))
    assert lead_summary(event, settings=settings) == expected


@pytest.mark.parametrize("text, kwargs, expected", [
    ("one two three", {"max_words": 2}, "one two"),
    ("abc", {"max_bytes": 2}, "ab"),
    ("né", {"max_bytes": 2}, "n"),
    ("one two", {}, "one two"),
])
def test_truncate(text, kwargs, expected):
    assert truncate(text, **kwargs) == expected


def test_rouge_of_a_perfect_summary_is_100_and_missing_is_0():
    refs = {"a": ["The militia fired rockets at the base."], "b": ["Talks resumed in Vienna."]}
    got = rouge({"a": ["The militia fired rockets at the base."]}, refs)
    assert got["R-1"] == got["R-2"] == 50.0  # cluster b has no summary: scored 0


def test_evaluate_command_prints_a_table_with_systems(run, write):
    docs = [{"id": "d1", "text": "The militia fired rockets at the base on Sunday night, officials said. "
                                 "Nobody was hurt in the attack on the base, the army said later."}]
    clusters = write("c.jsonl", json.dumps({"id": "c1", "documents": docs, "references": ["Militia rockets hit a base."]}) + "\n")
    systems = write("s.jsonl", json.dumps({"cluster_id": "c1", "system": "Other", "summary": "Rockets hit."}) + "\n")
    result = run("evaluate", str(clusters), "--systems", str(systems), "--max-words", "20")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "1 clusters, 20 words; ROUGE recall (R-) and F1 (F-) x100, rouge-score"
    assert lines[1].split() == ["system", "R-1", "R-2", "R-L", "F-1", "F-2", "F-L"]
    assert {line.split()[0] for line in lines[2:]} == {"summarizer", "lead", "Other"}


def test_evaluate_without_references_is_a_user_error(run, write):
    clusters = write("c.jsonl", json.dumps({"id": "c1", "documents": [{"text": "Some text here."}]}) + "\n")
    result = run("evaluate", str(clusters))
    assert (result.code, result.err) == (1, f"error: {clusters}: no cluster has 'references' to score against\n")
