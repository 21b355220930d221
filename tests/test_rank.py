"""The parity engine reproduces sumy's LexRankSummarizer; the sumy engine runs sumy's code."""

import json

import numpy as np
import pytest
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence as SumySentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer

from summarizer.config import Settings
from summarizer.ingest import load_articles
from summarizer.lexrank import sumy_scores, sumy_selection
from summarizer.rank import score_sentences, sumy_reference_scores
from summarizer.sentences import STOP_WORDS, SumyTokenizer, article_sentences, split_sentences, sumy_terms
from tests.conftest import CORPUS, EVAL


def sumy_summary(texts, count):
    """What sumy's LexRankSummarizer itself returns, on our sentences and tokeniser."""
    tokenizer = SumyTokenizer()
    document = ObjectDocumentModel([Paragraph([SumySentence(t, tokenizer) for t in texts])])
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = STOP_WORDS
    return [str(s) for s in summarizer(document, count)]


def parity_summary(texts, count):
    scores = sumy_scores([sumy_terms(t) for t in texts])
    return [texts[k] for k in sumy_selection(texts, scores, count)]


def corpus_texts():
    articles, _ = load_articles([CORPUS])
    return [s.text for a in articles for s in article_sentences(a)]


@pytest.mark.parametrize("count", [1, 3, 5, 10])
def test_parity_selects_what_sumy_selects_on_the_corpus(count):
    texts = corpus_texts()
    assert parity_summary(texts, count) == sumy_summary(texts, count)


def test_parity_scores_equal_sumys_own_scores():
    texts = corpus_texts()
    assert np.allclose(sumy_scores([sumy_terms(t) for t in texts]), sumy_reference_scores(texts), atol=1e-12)


def test_parity_keeps_sumys_duplicate_behaviour_only_in_selection():
    texts = ["The strike hit the base.", "Rain fell on the city.", "The strike hit the base.", "Troops hit the base."]
    assert parity_summary(texts, 2) == sumy_summary(texts, 2)


def eval_clusters(limit):
    path = EVAL / "duc2004" / "clusters.jsonl"
    if not path.exists():
        pytest.skip("the evaluation data is not beside the repository")
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(limit), fh)]
    return [[s for d in row["documents"] for s in split_sentences(d["text"])] for row in rows]


@pytest.mark.parametrize("k", range(3))
def test_parity_selects_what_sumy_selects_on_real_duc_clusters(k):
    texts = eval_clusters(3)[k]
    assert parity_summary(texts, 10) == sumy_summary(texts, 10)


@pytest.mark.parametrize("texts", [[], ["One lone sentence here."], ["the and of", "it is"], ["Same words here."] * 3])
@pytest.mark.parametrize("engine", ["lexrank", "parity", "sumy"])
def test_every_engine_gives_finite_scores_on_tiny_input(texts, engine):
    scores = score_sentences(texts, None, settings=Settings(engine=engine))
    assert scores.shape == (len(texts),) and np.isfinite(scores).all()


@pytest.mark.parametrize("engine", ["lexrank", "parity", "sumy"])
def test_every_engine_shows_a_shared_sentence_once_with_both_sources(run, engine):
    data = json.loads(run("brief", "--engine", engine, "--format", "json", "--sentences", "10").out)
    texts = [s["text"] for e in data["events"] for s in e["summary"]]
    assert len(texts) == len(set(texts))
    assert any(len(s["articles"]) > 1 for e in data["events"] for s in e["summary"])
