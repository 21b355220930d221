import datetime as dt

from summarizer.model import Article, Event, Sentence, SummarySentence
from summarizer.order import order_events, order_summary

D = dt.date


def test_summary_reads_by_date_then_position():
    articles = [Article("late", "x", date=D(2021, 3, 1)), Article("early", "x", date=D(2021, 2, 26)), Article("undated", "x")]
    items = [SummarySentence(t, (Sentence(a, p, t),)) for t, a, p in
             [("u", "undated", 0), ("l0", "late", 0), ("e1", "early", 1), ("e0", "early", 0)]]
    assert [s.text for s in order_summary(items, articles)] == ["e0", "e1", "l0", "u"]


def test_events_recent_first_undated_last_and_by_size():
    a = Event("a", (Article("1", "x", date=D(2021, 2, 26)),))
    b = Event("b", (Article("2", "x", date=D(2024, 2, 3)),))
    c = Event("c", (Article("3", "x"), Article("4", "x"), Article("5", "x")))
    assert [e.id for e in order_events([a, b, c])] == ["b", "a", "c"]
    assert [e.id for e in order_events([a, b, c], by="size")] == ["c", "b", "a"]
