import numpy as np
import pytest
import scipy.sparse as sp

from summarizer.lexrank import rank_sentences, stationary_distribution


def valid(scores, n):
    return scores.shape == (n,) and not np.isnan(scores).any() and (n == 0 or abs(scores.sum() - 1) < 1e-9)


@pytest.mark.parametrize("texts", [
    [],
    ["Only one sentence here."],
    ["The strike hit the base.", "Rain fell in the city."],
    ["The strike hit the base."] * 4,
    ["The strike hit the base.", "The strike hit the base again.", "Rain fell.", "Snow fell in town."],
    ["It is what it is.", "And so on, and so forth."],
    [" ".join(f"word{k}" for k in range(5000))],
    ["", "   ", "..."],
])
@pytest.mark.parametrize("threshold", [None, 0.1])
def test_edge_cases_give_a_probability_vector(texts, threshold):
    assert valid(rank_sentences(texts, threshold=threshold), len(texts))


def test_identical_sentences_score_equally():
    scores = rank_sentences(["The strike hit the base."] * 3)
    assert np.allclose(scores, 1 / 3)


def test_the_central_sentence_wins():
    texts = [
        "US strikes hit militia sites in Syria.",
        "The strikes on militia sites in Syria were ordered by the president.",
        "Militia sites in Syria were hit by US strikes overnight.",
        "Football scores from the weekend.",
    ]
    scores = rank_sentences(texts)
    assert scores.argmin() == 3 and scores[:3].min() > scores[3]


def test_dangling_nodes_keep_the_walk_stochastic():
    weights = sp.csr_matrix(np.array([[0, 1, 0], [1, 0, 0], [0, 0, 0]], dtype=float))
    p = stationary_distribution(weights, damping=0.85, tolerance=1e-12, max_iterations=1000)
    assert valid(p, 3) and p[0] == pytest.approx(p[1]) and p[2] < p[0]


def test_iteration_cap_is_respected():
    weights = sp.csr_matrix(np.array([[0, 1], [1, 0]], dtype=float))
    p = stationary_distribution(weights, damping=1.0, tolerance=1e-30, max_iterations=1)
    assert valid(p, 2)


def test_a_disconnected_graph_ranks_each_component_without_leaking():
    texts = ["Troops struck the militia base.", "The militia base was struck by troops.",
             "Heavy rain flooded the valley.", "The valley was flooded by rain.", "Markets fell sharply today."]
    scores = rank_sentences(texts)
    assert valid(scores, 5)
    assert scores[0] == pytest.approx(scores[1], rel=1e-3) and scores[2] == pytest.approx(scores[3], rel=1e-3)
    assert scores[4] < scores[0]


@pytest.mark.parametrize("threshold", [None, 0.1, 0.3])
def test_thresholded_and_continuous_variants_agree_on_the_obvious_winner(threshold):
    texts = ["US strikes hit militia sites in Syria.", "US strikes on militia sites in Syria were ordered.",
             "Militia sites in Syria were hit by US strikes.", "Football scores from the weekend."]
    assert rank_sentences(texts, threshold=threshold).argmin() == 3


def _walk_by_hand(weights: np.ndarray, damping: float, jump: np.ndarray) -> np.ndarray:
    """The damped walk's limit, stepped until it stops moving: the reference both ways must reach."""
    degree = weights.sum(axis=1)
    dangling = degree == 0
    transition = np.divide(weights, degree[:, None], out=np.zeros_like(weights), where=~dangling[:, None])
    jump = jump / jump.sum()
    p = np.full(len(weights), 1.0 / len(weights))
    for _ in range(5000):
        p = damping * (transition.T @ p + p[dangling].sum() * jump) + (1 - damping) * jump
    return p / p.sum()


@pytest.mark.parametrize("n", [7, 40, 600])  # solved directly up to DENSE_UP_TO sentences, stepped beyond
def test_the_walk_reaches_its_limit_with_dangling_sentences_and_a_restart_prior(n):
    rng = np.random.default_rng(n)
    weights = rng.random((n, n)) * (rng.random((n, n)) < 0.2)
    weights = np.triu(weights, 1) + np.triu(weights, 1).T
    weights[:2] = weights[:, :2] = 0.0  # two sentences that share no word with any other
    jump = 1.0 / (np.arange(n) + 1.0)
    expected = _walk_by_hand(weights, 0.85, jump)
    p = stationary_distribution(sp.csr_matrix(weights), damping=0.85, tolerance=1e-13, max_iterations=10_000, jump=jump)
    assert valid(p, n) and np.allclose(p, expected, rtol=1e-9, atol=1e-12)
