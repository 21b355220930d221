"""The TF-IDF of many groups in one pass is each group's own, to the last bit."""

import numpy as np
import pytest
from hypothesis import given, settings as hsettings, strategies as st

from summarizer import pipeline
from summarizer.config import Settings
from summarizer.ingest import load_articles
from summarizer.model import Event
from summarizer.vectors import tfidf_blocks, tfidf_matrix
from tests.conftest import CORPUS

# few words, several sharing a stem ("strike", "strikes", "striking"), stop words and numbers
WORD = st.sampled_from("strike strikes striking struck base bases the of militia militias 2021 Iran Iran's iran-backed"
                       " said says rockets rocket fired . , ’ İstanbul".split())
TEXT = st.lists(WORD, max_size=12).map(" ".join)


def same(a, b) -> bool:
    return (a.shape == b.shape and np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
            and np.array_equal(a.data, b.data))


@hsettings(max_examples=80, deadline=None)
@given(st.lists(st.lists(TEXT, max_size=6), max_size=6))
def test_each_block_is_the_matrix_of_its_group_alone(groups):
    blocks = tfidf_blocks(groups)
    assert len(blocks) == len(groups)
    for group, block in zip(groups, blocks):
        assert same(block, tfidf_matrix(group)[0])


def test_blocks_of_real_sentences_in_another_language_are_each_groups_own():
    groups = [["La milice a tiré des roquettes sur la base.", "Les frappes ont visé la milice."],
              ["Le Pentagone a confirmé les frappes de la nuit."], []]
    for group, block in zip(groups, tfidf_blocks(groups, language="fr")):
        assert same(block, tfidf_matrix(group, language="fr")[0])


def test_events_summarized_in_batches_are_summarized_as_each_alone(monkeypatch):
    articles, _ = load_articles([str(CORPUS)])
    events = [Event(f"e{k}", (a,)) for k, a in enumerate(articles)] + [Event("all", tuple(articles))]
    alone = [pipeline.summarize_event(e) for e in events]
    monkeypatch.setattr(pipeline, "BATCH_SENTENCES", 25)  # several batches, cut inside the list
    assert pipeline._summarized(events, Settings()) == alone
    monkeypatch.setattr(pipeline, "BATCH_SENTENCES", 10**6)
    assert pipeline._summarized(events, Settings()) == alone
