import pytest

from summarizer.model import Article
from summarizer.sentences import article_sentences, normalized, split_sentences, sumy_terms, terms


@pytest.mark.parametrize("text, expected", [
    ("The U.S. military struck. It was ordered.", ("The U.S. military struck.", "It was ordered.")),
    ("Mr. Biden and Gen. Austin met on Feb. 26. They talked.", ("Mr. Biden and Gen. Austin met on Feb. 26.", "They talked.")),
    ("“We know what we hit,” he said. “We’re confident.”", ("“We know what we hit,” he said.", "“We’re confident.”")),
    ("A heading\nThe text.", ("A heading", "The text.")),
    ("", ()),
])
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_repeated_sentence_inside_an_article_is_kept_once():
    article = Article("a", "The strike hit the border. Other news. The strike hit the border.")
    got = article_sentences(article)
    assert [s.text for s in got] == ["The strike hit the border.", "Other news."]
    assert [s.position for s in got] == [0, 1]


def test_seed_002_repeated_sentence_is_dropped():
    from summarizer.ingest import load_articles
    from tests.conftest import CORPUS

    (article,), _ = load_articles([CORPUS / "002_1d3814cd2b54497f.txt"])
    texts = [s.text for s in article_sentences(article)]
    assert sum(t.startswith("The official said the strikes hit an area") for t in texts) == 1


def test_normalized_ignores_case_quotes_and_punctuation():
    assert normalized("“We know what we hit,” he said.") == normalized("We know what we hit he said")


def test_terms_drop_stop_words_and_numbers_and_stem():
    assert terms("The strikes hit 85 targets") == ["strike", "hit", "target"]


def test_a_curly_apostrophe_stems_as_a_straight_one():
    assert terms("Biden’s militia’s") == terms("Biden's militia's") == ["biden", "militia"]


def test_sumy_terms_stem_as_sumy_does():
    from sumy.nlp.stemmers import Stemmer

    # "added": Snowball's current English rules give "add", NLTK's (sumy's) "ad"
    words = ["added", "strikes", "organization", "evening"]
    assert sumy_terms(" ".join(words)) == [Stemmer("english")(w) for w in words]


def test_a_huge_line_is_split_in_bounded_time_and_stops_at_the_limit():
    sentence = "The militia fired rockets at the base and officials said the damage was heavy. "
    article = Article("huge", sentence * 60_000)  # 4.8 MB on one line
    got = article_sentences(article, limit=50)
    assert len(got) == 1 and got[0].text == sentence.strip()  # a repeated sentence is kept once


def test_a_run_on_line_without_punctuation_is_cut_into_pieces():
    text = " ".join(f"word{k}" for k in range(40_000))
    pieces = split_sentences(text)
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "") and all(len(p) <= 10_000 for p in pieces)
