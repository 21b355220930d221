import numpy as np
from hypothesis import given, settings as hsettings, strategies as st

from summarizer.config import Settings
from summarizer.ingest import load_articles
from summarizer.model import Event, Sentence
from summarizer.pipeline import summarize_event
from summarizer.select import is_summary_worthy, select_sentences, summary_bytes, summary_words
from summarizer.vectors import tfidf_matrix
from tests.conftest import CORPUS

SENTENCE = st.text(alphabet=st.sampled_from("abcdefghij klm.,"), min_size=1, max_size=120)


def select(texts, settings):
    sentences = [Sentence("a", k, t) for k, t in enumerate(texts)]
    matrix, _ = tfidf_matrix(texts)
    scores = np.linspace(1.0, 0.5, len(texts)) if texts else np.zeros(0)
    return select_sentences(sentences, scores, matrix, settings=settings)


@hsettings(max_examples=60, deadline=None)
@given(st.lists(SENTENCE, max_size=15), st.integers(1, 400))
def test_byte_budget_is_never_exceeded(texts, budget):
    chosen = select(texts, Settings(max_bytes=budget))
    assert summary_bytes([c.text for c in chosen]) <= budget


@hsettings(max_examples=60, deadline=None)
@given(st.lists(SENTENCE, max_size=15), st.integers(1, 60))
def test_word_budget_is_never_exceeded(texts, budget):
    chosen = select(texts, Settings(max_words=budget))
    assert summary_words([c.text for c in chosen]) <= budget


@hsettings(max_examples=60, deadline=None)
@given(st.lists(SENTENCE, max_size=15), st.integers(1, 8))
def test_sentence_count_is_never_exceeded_and_sentences_are_verbatim(texts, n):
    chosen = select(texts, Settings(n_sentences=n))
    assert len(chosen) <= n
    assert all(c.text in texts for c in chosen)


def test_near_duplicate_pair_is_summarized_once_with_both_sources():
    articles, _ = load_articles([CORPUS / "001_ac34c4d9b940b12e.txt", CORPUS / "002_1d3814cd2b54497f.txt"])
    event = summarize_event(Event("e", articles), settings=Settings(n_sentences=8))
    texts = [s.text for s in event.summary]
    assert len(texts) == len(set(texts))
    shared = [s for s in event.summary if len(s.article_ids) == 2]
    assert shared, "sentences both articles carry must name both as sources"


def test_redundant_sentences_are_not_both_chosen():
    texts = ["The US struck militia sites in Syria on Thursday.",
             "The US struck militia sites in Syria on Thursday night.",
             "Iraq's government condemned the attack strongly in a statement on Friday."]
    chosen = select(texts, Settings(n_sentences=3))
    assert [c.text for c in chosen] == [texts[0], texts[2]]
    assert [s.position for s in chosen[0].sources] == [0, 1]


def test_questions_and_headings_are_not_summary_sentences():
    assert not is_summary_worthy("What do we know about the air strike?")
    assert not is_summary_worthy("Formal talks between the US and Iraq to end the US-led military alliance")
    assert is_summary_worthy("The observatory said there were many casualties at the crossing.")


def test_equal_scores_go_to_the_earlier_article_then_the_earlier_position():
    texts = ["Militia fighters fired rockets at the coalition base near the border.",
             "Militia fighters fired rockets at the coalition base near the border.",
             "Militia fighters fired rockets at the coalition base near the border."]
    sentences = [Sentence("late", 3, texts[0]), Sentence("early", 5, texts[1]), Sentence("early", 2, texts[2])]
    matrix, _ = tfidf_matrix(texts)
    chosen = select_sentences(sentences, np.full(3, 1 / 3), matrix, settings=Settings(n_sentences=1),
                              article_rank={"early": 0, "late": 1})
    assert [(s.article_id, s.position) for s in chosen[0].sources] == [("early", 2), ("early", 5), ("late", 3)]


RETOLD = [
    ("left", "A man who pleaded guilty to breaching the Senate chamber during the US Capitol insurrection was sentenced "
             "Monday to eight months in prison in a closely watched case."),
    ("center", "A federal judge on Monday dealt an eight-month prison sentence to Paul Hodgkins for the Florida man’s "
               "role in the Jan. 6 U.S. Capitol attack, making him the first among more than 500 people charged to be incarcerated."),
    ("right", "Hodgkins, 38, pleaded guilty on June 2 to one felony count of obstruction of an official proceeding "
              "at the Capitol."),
]


def retold(settings):
    sentences = [Sentence(outlet, 0, text) for outlet, text in RETOLD]
    texts = [t for _, t in RETOLD]
    matrix, _ = tfidf_matrix(texts)
    return select_sentences(sentences, np.array([1.0, 0.9, 0.8]), matrix, settings=settings)


def test_one_fact_told_by_two_outlets_in_other_words_is_one_point_with_both_sources():
    chosen = retold(Settings(n_sentences=3))
    assert [c.article_ids for c in chosen] == [("left", "center"), ("right",)]


def test_retellings_are_separate_points_when_fact_merging_is_off():
    chosen = retold(Settings(n_sentences=3, merge_facts=False))
    assert [c.article_ids for c in chosen] == [("left",), ("center",), ("right",)]


def test_a_number_in_a_name_or_a_date_is_not_a_shared_figure():
    from summarizer.facts import facts, same_fact

    assert same_fact(facts("Pfizer said its COVID-19 vaccine will bring $26 billion in sales this year."),
                     facts("Pfizer expects about $26 billion in sales this year from the COVID-19 shot.")) is True
    assert same_fact(facts("Pfizer said its COVID-19 vaccine is safe for teens, citing new trials."),
                     facts("Pfizer made a big decision on COVID-19 vaccine trials and profits for teens.")) is False
    assert same_fact(facts("Facebook suspended Trump's account for six months after the Capitol riot."),
                     facts("Facebook suspended Trump's account after the Jan. 6 attack on the Capitol.")) is False


def test_a_page_of_fragments_gets_no_summary_rather_than_fragments(run, write):
    page = write("menu.txt", "View The Advertiser\nView The Daily Telegraph\nCould it be true?\n- Company Name\n"
                             "Newer Posts\nPosts (Atom)\n[13]\n")
    out = run("brief", str(page), "--width", "100").out
    assert "no summary: the page has no complete sentences" in out
    assert "• View The" not in out and "Could it be true" not in out


def test_the_site_talking_to_its_reader_is_never_a_summary_sentence():
    assert not is_summary_worthy("You may edit your settings or unsubscribe from this newsletter at any time.")
    assert not is_summary_worthy("Get your weekly fix of good news delivered straight to your inbox every Friday.")
    assert is_summary_worthy("The governor told residents to stay home and said schools would close on Friday.")


def test_sentences_in_scripts_without_spaces_are_measured_in_characters():
    assert is_summary_worthy("市政府星期一宣布，由于暴雨，全市所有学校将停课三天。")
    assert not is_summary_worthy("市政府宣布。")
