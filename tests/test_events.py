"""cluster_events as a whole: the events a reader expects, from the corpus and from stories built
to show one behaviour each (tests/fixtures/stories/)."""

import dataclasses
import datetime as dt
import random
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

import summarizer.events
import summarizer.events.similarity
from summarizer.config import Settings
from summarizer.events import cluster_events
from summarizer.ingest import load_articles
from summarizer.model import Article
from summarizer.vectors import Vocabulary, tfidf_matrix
from tests.conftest import CORPUS

STORIES = Path(__file__).parent / "fixtures" / "stories"


def groups(events, width=3):
    return {frozenset(a.id[:width] for a in e.articles) for e in events}


def ids(events):
    return sorted(sorted(a.id for a in e.articles) for e in events)


def test_corpus_gives_its_three_events():
    articles, _ = load_articles([CORPUS])
    assert groups(cluster_events(articles)) == {frozenset({"000", "001", "002"}), frozenset({"003"}), frozenset({"004"})}


def test_events_do_not_depend_on_input_order():
    articles, _ = load_articles([CORPUS])
    shuffled = list(articles)
    random.Random(7).shuffle(shuffled)
    assert groups(cluster_events(shuffled)) == groups(cluster_events(articles))


def strip(article, words):
    """The article without the lines, or words, that name any of ``words``."""
    lines = [" ".join(w for w in line.split(" ") if w.strip(".,’'s") not in words) for line in article.text.split("\n")]
    return dataclasses.replace(article, text="\n".join(lines))


MONTHS = ("February", "April", "May", "June")
WEEKDAYS = ("Sunday", "Monday", "Wednesday", "Thursday", "Saturday")


@pytest.mark.parametrize("article, words, joins", [
    ("004", MONTHS, False),  # it still names Sunday and Monday, not the February reports' Thursday or Friday
    ("004", WEEKDAYS, False),  # it still speaks of February to May as past: written in June or later
    ("004", MONTHS + WEEKDAYS, True),
    ("003", WEEKDAYS, True),  # Sunday, Saturday and Wednesday were all that kept it apart
])
def test_when_they_were_written_keeps_003_and_004_apart_from_the_february_event(article, words, joins):
    articles, _ = load_articles([CORPUS])
    stripped = [strip(a, words) if a.id.startswith(article) else a for a in articles]
    assert any({"001", article} <= g for g in groups(cluster_events(stripped))) is joins


def test_site_notices_stand_alone_and_leave_the_events_as_they_were():
    articles, _ = load_articles([CORPUS])
    notices = [Article(f"00{k}_notice", "Notice: you must log in to continue.", notice=True) for k in range(3)]
    events = cluster_events(list(articles) + notices)
    assert groups(events) == groups(cluster_events(articles)) | {frozenset({"000"}), frozenset({"001"}), frozenset({"002"})}
    assert [e.articles[0].id for e in events] == sorted(e.articles[0].id for e in events)  # in order of first id
    assert len({e.id for e in events}) == 6
    assert all(e.terms == () and e.links[0].closest is None for e in events if e.articles[0].notice)


def test_a_story_told_over_three_days_in_three_formats_is_one_event():
    # a ship hits a bridge pier on Tuesday (RSS), pilots say on Wednesday it drifted (Atom), an
    # inspection finds a cracked pier on Thursday (a saved page)
    articles, _ = load_articles(sorted(STORIES.glob("bridge-*")))
    assert len(articles) == 3 and len({a.date for a in articles}) == 3
    assert len(cluster_events(articles)) == 1


@pytest.mark.parametrize("name", ["jobless-claims.jsonl", "jobless-claims-undated.jsonl"])
def test_two_weekly_releases_of_a_series_are_two_events_dated_or_not(name):
    articles, _ = load_articles([STORIES / name])
    assert groups(cluster_events(articles), width=11) == {frozenset({"claims-0307"}), frozenset({"claims-0314"})}


def test_the_stories_together_keep_their_events():
    articles, _ = load_articles([STORIES])
    assert len(cluster_events(articles)) == 3


@pytest.mark.parametrize("text_b", [
    "Le gouvernement a annoncé de nouvelles mesures pour les agriculteurs de la région.",
    "Le maire de la ville a inauguré la nouvelle école et les parents étaient présents.",
])
def test_articles_in_other_languages_never_join_on_function_words(text_b):
    a = Article("a", "Le président a rencontré les syndicats de la fonction publique à Paris pour parler des salaires.")
    b = Article("b", text_b)
    assert ids(cluster_events([a, b])) == [["a"], ["b"]]


def test_an_article_is_compared_only_within_its_language():
    text = "Ukraine and Russia agreed to exchange prisoners after talks in Istanbul, officials said on Monday."
    english = Article("en", text, language="en")
    other = Article("xx", text, language="fr")  # the same words, told as another language
    assert ids(cluster_events([english, other])) == [["en"], ["xx"]]
    assert ids(cluster_events([english, dataclasses.replace(other, language="en")])) == [["en", "xx"]]


def test_distant_dates_keep_identical_texts_apart():
    text = "Militia fighters attacked the base near the border crossing with rockets and drones overnight."
    a = Article("a", text, date=dt.date(2021, 2, 26))
    b = Article("b", text, date=dt.date(2021, 6, 28))
    c = Article("c", text, date=dt.date(2021, 2, 27))
    assert ids(cluster_events([a, b, c])) == [["a", "c"], ["b"]]


def test_an_undated_report_does_not_bridge_two_weeks_of_a_series():
    # two Thursdays' jobless claims, a week apart, and an undated report that could be either
    a = Article("a", "Jobless claims fell to 473,000 last week as the reopening continued, the Labor Department "
                     "said on Thursday.", date=dt.date(2021, 5, 13))
    b = Article("b", "Jobless claims rose to 412,000 last week as the reopening slowed, the Labor Department "
                     "said on Thursday.", date=dt.date(2021, 5, 20))
    c = Article("c", "Jobless claims were 412,000 or 473,000 last week, the Labor Department said on Thursday.")
    assert [[x.id for x in e.articles] for e in cluster_events([a, b, c])] == [["a", "c"], ["b"]]


@pytest.mark.parametrize("day, together", [(20, True), (22, True), (23, True), (24, False)])
def test_an_event_spans_the_days_of_one_time_sigma(day, together):
    # the verdict, then the judge setting the sentencing date: one story over three days
    a = Article("a", "A jury found former police officer Derek Chauvin guilty of murder in the death of George Floyd, "
                     "after deliberating for ten hours in the Minneapolis courtroom.", date=dt.date(2021, 4, 20))
    b = Article("b", "Derek Chauvin, the former Minneapolis police officer convicted of murder in the death of George "
                     "Floyd, will be sentenced in June, the judge in the trial said.", date=dt.date(2021, 4, day))
    assert len(cluster_events([a, b], settings=Settings(cluster_threshold=0.1))) == (1 if together else 2)


@pytest.mark.parametrize("numbers, shared", [(True, {"claims", "373,000"}), (False, {"claims"})])
def test_a_figure_is_one_term_however_written_and_a_year_is_none(numbers, shared):
    matrix, vocabulary = tfidf_matrix(["Claims rose to 373,000 in 2021 in 7 states.", "Claims: 373000, after 373,000."], numbers=numbers)
    terms = [{vocabulary.word(k) for k in row.indices} for row in matrix]
    assert terms[0] & terms[1] == shared and not {"2021", "7"} & terms[0]


def test_articles_without_content_terms_are_their_own_events():
    assert ids(cluster_events([Article("a", "The and of."), Article("b", "It is.")])) == [["a"], ["b"]]


def test_events_carry_top_terms():
    articles, _ = load_articles([CORPUS])
    february = next(e for e in cluster_events(articles) if len(e.articles) == 3)
    assert "kataib" in february.terms


def test_top_terms_are_each_events_heaviest_in_order_ties_to_the_first_column():
    from summarizer.events import _top_terms

    # event 0 sums rows 0 and 1 (weights 3, 1, 3, 2 over columns a b c d); event 1 is row 2
    matrix = sp.csr_matrix(np.array([[2.0, 1.0, 2.0, 0.0], [1.0, 0.0, 1.0, 2.0], [0.0, 0.5, 0.0, 0.0]]))
    vocabulary = Vocabulary(["a", "b", "c", "d"], np.arange(4), np.full(4, -1), {}, np.zeros(4))
    assert _top_terms(matrix, [[0, 1], [2]], vocabulary, 2) == [("a", "c"), ("b",)]
    assert _top_terms(matrix, [[0, 1], [2]], vocabulary, 3) == [("a", "c", "d"), ("b",)]


def test_each_event_carries_its_own_top_terms():
    # the terms of the first half of the events and of the second are found apart (in two
    # processes for a large input): each event must still get its own
    topics = ["volcano", "senate", "hurricane", "election", "earthquake", "pipeline"]
    articles = [Article(f"{topic}-{k}", f"The {topic} {word}. The {topic}, the {topic}: the {topic} again.")
                for topic in topics for k, word in enumerate(["report", "news"])]
    events = cluster_events(articles)
    assert len(events) == len(topics)
    for event in events:
        topic = event.articles[0].id.split("-")[0]
        assert event.terms[0] == topic, (topic, event.terms)


def test_links_explain_the_corpus_events():
    articles, _ = load_articles([CORPUS])
    links = {k.article_id[:3]: k for e in cluster_events(articles) for k in e.links}
    assert links["001"].closest.startswith("002") and links["001"].joined_at > 0.5 and links["001"].rule == "threshold"
    assert links["004"].joined_at is None and links["004"].closest is not None  # alone, with its best match


def test_headlines_of_one_event_bring_its_reports_together(monkeypatch):
    # two outlets' lead excerpts tell the event in different words; their headlines name it
    lead = ("Declaring that the country must get this done, the president opened a virtual meeting of "
            "forty world leaders on Thursday and pledged to cut emissions in half by the end of the decade.")
    reaction = ("Environmental groups welcomed the pledge while Republicans warned that the plan would cost "
                "American jobs and raise energy prices for families.")
    articles = [Article("a", lead, title="Biden opens climate summit"),
                Article("b", reaction, title="At climate summit, Biden pledges to halve emissions")]

    def similarity():
        return next(link.similarity for event in cluster_events(articles) for link in event.links)

    with_titles = similarity()
    monkeypatch.setattr(summarizer.events.similarity, "TITLE_WEIGHT", 0.0)
    assert with_titles >= 0.25 > similarity()  # the same texts, titles only inside them
