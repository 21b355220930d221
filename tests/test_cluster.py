import datetime as dt
import functools
import random

import numpy as np
import scipy.sparse as sp
import pytest

from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.preprocessing import normalize

import summarizer.cluster
from summarizer.cluster import _Days, _attach_lone_items, _merge_loose_groups, _pair_lone_items, average_linkage, cluster_events, rare_terms, similarity_graph
from summarizer.sentences import article_sentences
from summarizer.vectors import tfidf_matrix
from summarizer.config import Settings
from summarizer.ingest import load_articles
from summarizer.model import Article
from tests.conftest import CORPUS


def _undated(n):
    """Day spans of n undated items, with no limit on a group's span."""
    return _Days(np.full(n, np.inf), np.full(n, -np.inf), np.inf)


def groups(events):
    return {frozenset(a.id[:3] for a in e.articles) for e in events}


def test_corpus_gives_its_three_events():
    articles, _ = load_articles([CORPUS])
    assert groups(cluster_events(articles)) == {frozenset({"000", "001", "002"}), frozenset({"003"}), frozenset({"004"})}


def test_events_do_not_depend_on_input_order():
    articles, _ = load_articles([CORPUS])
    shuffled = list(articles)
    random.Random(7).shuffle(shuffled)
    assert groups(cluster_events(shuffled)) == groups(cluster_events(articles))


def test_site_notices_stand_alone_and_leave_the_events_as_they_were():
    articles, _ = load_articles([CORPUS])
    notices = [Article(f"00{k}_notice", "Notice: you must log in to continue.", notice=True) for k in range(3)]
    events = cluster_events(list(articles) + notices)
    assert groups(events) == groups(cluster_events(articles)) | {frozenset({"000"}), frozenset({"001"}), frozenset({"002"})}
    assert [e.id for e in events] == [f"e{k}" for k in range(1, 7)]
    assert [e.articles[0].id for e in events] == sorted(e.articles[0].id for e in events)  # numbered by first id
    assert all(e.terms == () and e.links[0].closest is None for e in events if e.articles[0].notice)


def test_without_the_time_evidence_004_would_join_the_february_event():
    # 004 is closest in words to the February articles; only its mention of June and of the
    # February strikes as past keeps it apart. Removing those sentences shows the dates matter.
    articles, _ = load_articles([CORPUS])
    stripped = [
        Article(a.id, "\n".join(l for l in a.text.split("\n") if "June" not in l and "February" not in l), date=a.date)
        if a.id.startswith("004") else a
        for a in articles
    ]
    joined = groups(cluster_events(stripped, settings=Settings(cluster_threshold=0.2)))
    assert any({"001", "004"} <= g for g in joined)


@pytest.mark.parametrize("n, edges, threshold, expected", [
    (4, [(0, 1, 0.9), (1, 2, 0.5), (2, 3, 0.1)], 0.2, [[0, 1, 2], [3]]),
    (3, [(0, 1, 0.9), (1, 2, 0.9)], 0.4, [[0, 1, 2]]),  # then (0 + 0.9) / 2 = 0.45
    (3, [(0, 1, 0.9), (1, 2, 0.6)], 0.5, [[0, 1], [2]]),  # average of 0.6 and 0 (missing) is 0.3
    (3, [], 0.1, [[0], [1], [2]]),
    (0, [], 0.1, []),
])
def test_average_linkage(n, edges, threshold, expected):
    assert average_linkage(n, edges, threshold=threshold) == expected


def scipy_average_linkage(n, i, j, w, threshold):
    """The same clustering by scipy, on a dense matrix of distances 1 - similarity."""
    distances = np.ones((n, n))
    distances[i, j] = distances[j, i] = 1.0 - w
    np.fill_diagonal(distances, 0.0)
    merges = linkage(distances[np.triu_indices(n, 1)], method="average")
    labels = fcluster(merges, 1.0 - threshold, criterion="distance")
    first_merge = {int(k): 1.0 - d for a, b, d, _ in merges for k in (a, b) if k < n and d <= 1.0 - threshold}
    return sorted(np.flatnonzero(labels == x).tolist() for x in set(labels.tolist())), first_merge


@pytest.mark.parametrize("seed", range(5))
def test_average_linkage_matches_scipy_on_random_graphs(seed):
    rng = np.random.default_rng(seed)
    n = 300
    i, j = rng.integers(0, n, 3000), rng.integers(0, n, 3000)
    i, j = np.minimum(i, j)[i != j], np.maximum(i, j)[i != j]
    _, first = np.unique(i * n + j, return_index=True)  # one weight per pair, as the graph has
    i, j = i[first], j[first]
    w = rng.random(len(i)) ** 3
    joined = [None] * n
    ours = average_linkage(n, zip(i.tolist(), j.tolist(), w.tolist()), threshold=0.2, joined=joined)
    groups, first_merge = scipy_average_linkage(n, i, j, w, 0.2)
    assert sorted(ours) == groups and any(len(g) > 2 for g in groups)
    assert {k: v for k, v in enumerate(joined) if v is not None} == pytest.approx(first_merge)


def test_distant_dates_keep_identical_texts_apart():
    text = "Militia fighters attacked the base near the border crossing with rockets and drones overnight."
    a = Article("a", text, date=dt.date(2021, 2, 26))
    b = Article("b", text, date=dt.date(2021, 6, 28))
    c = Article("c", text, date=dt.date(2021, 2, 27))
    assert groups(cluster_events([a, b, c])) == {frozenset({"a", "c"}), frozenset({"b"})}


def test_average_linkage_keeps_a_group_within_its_days():
    # 0 and 1 are a week apart; 2 is undated and as close to both
    edges = [(0, 1, 0.9), (0, 2, 0.5), (1, 2, 0.5)]
    days = ([738000.0, 738007.0, np.inf], [738000.0, 738007.0, -np.inf])
    assert average_linkage(3, edges, threshold=0.2) == [[0, 1, 2]]
    assert sorted(average_linkage(3, edges, threshold=0.2, days=days, max_days=3.0)) == [[0, 2], [1]]
    assert average_linkage(3, edges, threshold=0.2, days=days, max_days=7.0) == [[0, 1, 2]]


@pytest.mark.parametrize("span_sigmas, expected", [(None, [["a", "c"], ["b"]]), (1e9, [["a", "b", "c"]])])
def test_an_undated_report_does_not_bridge_two_weeks_of_a_series(monkeypatch, span_sigmas, expected):
    # two Thursdays' jobless claims, a week apart, and an undated report that could be either
    a = Article("a", "Jobless claims fell to 473,000 last week as the reopening continued, the Labor Department "
                     "said on Thursday.", date=dt.date(2021, 5, 13))
    b = Article("b", "Jobless claims rose to 412,000 last week as the reopening slowed, the Labor Department "
                     "said on Thursday.", date=dt.date(2021, 5, 20))
    c = Article("c", "Jobless claims were 412,000 or 473,000 last week, the Labor Department said on Thursday.")
    if span_sigmas is not None:  # None: as shipped
        monkeypatch.setattr(summarizer.cluster, "SPAN_SIGMAS", span_sigmas)
    assert [[x.id for x in e.articles] for e in cluster_events([a, b, c])] == expected


@pytest.mark.parametrize("day, span_sigmas, expected", [
    (20, None, [["a", "b"]]), (21, None, [["a", "b"]]), (22, None, [["a"], ["b"]]), (22, 1.0, [["a", "b"]]),
])
def test_an_event_is_a_day_of_news_reported_that_day_and_the_next(monkeypatch, day, span_sigmas, expected):
    # the verdict, and the judge setting the sentencing date: one story, and two days apart two events
    a = Article("a", "A jury found former police officer Derek Chauvin guilty of murder in the death of George Floyd, "
                     "after deliberating for ten hours in the Minneapolis courtroom.", date=dt.date(2021, 4, 20))
    b = Article("b", "Derek Chauvin, the former Minneapolis police officer convicted of murder in the death of George "
                     "Floyd, will be sentenced in June, the judge in the trial said.", date=dt.date(2021, 4, day))
    if span_sigmas is not None:  # None: as shipped
        monkeypatch.setattr(summarizer.cluster, "SPAN_SIGMAS", span_sigmas)
    assert [[x.id for x in e.articles] for e in cluster_events([a, b])] == expected


def test_figures_tell_apart_undated_reports_of_two_weeks_of_a_series():
    # each week's two reports are worded alike only across weeks; the claims figures are the event's
    articles = [
        Article("a1", "Applications for unemployment benefits fell to 373,000 last week, the Labor Department "
                      "said, as employers held on to workers. Economists had forecast 350,000 new claims."),
        Article("a2", "Initial jobless claims came in at 373,000, above the 350,000 economists had expected, "
                      "in a sign that layoffs remain elevated."),
        Article("b1", "Applications for unemployment benefits fell to 412,000 last week, the Labor Department "
                      "said, the lowest since March. Continuing claims dropped to 3.7 million."),
        Article("b2", "Initial jobless claims declined to 412,000 as the reopening continued, and continuing "
                      "claims stood at 3.7 million, the government reported."),
    ]
    assert groups(cluster_events(articles)) == {frozenset({"a1", "a2"}), frozenset({"b1", "b2"})}


@pytest.mark.parametrize("numbers, shared", [(True, {"claims", "373,000"}), (False, {"claims"})])
def test_a_figure_is_one_term_however_written_and_a_year_is_none(numbers, shared):
    matrix, vocabulary = tfidf_matrix(["Claims rose to 373,000 in 2021 in 7 states.", "Claims: 373000, after 373,000."], numbers=numbers)
    terms = [{vocabulary.word(k) for k in row.indices} for row in matrix]
    assert terms[0] & terms[1] == shared and not {"2021", "7"} & terms[0]


def test_articles_without_content_terms_are_their_own_events():
    events = cluster_events([Article("a", "The and of."), Article("b", "It is.")])
    assert groups(events) == {frozenset({"a"}), frozenset({"b"})}


def test_events_carry_top_terms():
    articles, _ = load_articles([CORPUS])
    february = next(e for e in cluster_events(articles) if len(e.articles) == 3)
    assert "kataib" in february.terms


def test_top_terms_are_each_events_heaviest_in_order_ties_to_the_first_column():
    from summarizer.cluster import _top_terms
    from summarizer.vectors import Vocabulary

    # event 0 sums rows 0 and 1 (weights 3, 1, 3, 2 over columns a b c d); event 1 is row 2
    matrix = sp.csr_matrix(np.array([[2.0, 1.0, 2.0, 0.0], [1.0, 0.0, 1.0, 2.0], [0.0, 0.5, 0.0, 0.0]]))
    vocabulary = Vocabulary(["a", "b", "c", "d"], np.arange(4), np.full(4, -1), {}, np.zeros(4))
    assert _top_terms(matrix, [[0, 1], [2]], vocabulary, 2) == [("a", "c"), ("b",)]
    assert _top_terms(matrix, [[0, 1], [2]], vocabulary, 3) == [("a", "c", "d"), ("b",)]


def test_each_event_carries_its_own_top_terms():
    # the terms of the first half of the events and of the second are found apart (in two
    # processes for a large input): each event must still get its own
    topics = ["volcano", "senate", "hurricane", "election", "earthquake", "pipeline"]
    articles = [Article(f"{topic}-{k}", f"The {topic} {word}. The {topic} was all anyone spoke of, the {topic} again.")
                for topic in topics for k, word in enumerate(["report", "news"])]
    events = cluster_events(articles)
    assert len(events) == len(topics)
    for event in events:
        topic = event.articles[0].id.split("-")[0]
        assert event.terms[0] == topic, (topic, event.terms)


def test_closest_and_two_best_per_end_with_ties():
    from summarizer.cluster import _closest, _two_best

    ends, others = np.array([0, 0, 0, 1, 1, 3]), np.array([5, 2, 4, 0, 3, 1])
    values = np.array([0.5, 0.9, 0.9, 0.2, 0.2, 0.7])
    closest, best = _closest(ends, others, values, 5)
    assert closest.tolist() == [2, 0, -1, 1, -1] and best.tolist() == [0.9, 0.2, 0.0, 0.7, 0.0]
    assert _closest(ends, others, values, 5, ties=np.array([0, 9, 1, 3, 2, 0]))[0].tolist() == [4, 3, -1, 1, -1]
    first, second = _two_best(ends, values, 5)
    assert first.tolist() == [0.9, 0.2, 0.0, 0.7, 0.0] and second.tolist() == [0.9, 0.2, 0.0, 0.0, 0.0]
    first, second = _two_best(ends[1:], np.array([0.9, 0.4, 0.2, 0.1, 0.7]), 5)
    assert first.tolist()[:2] == [0.9, 0.2] and second.tolist()[:2] == [0.4, 0.1]


def test_average_linkage_records_when_each_item_joined():
    joined = [None] * 4
    average_linkage(4, [(0, 1, 0.9), (1, 2, 0.5), (2, 3, 0.1)], threshold=0.2, joined=joined)
    assert joined[:2] == [0.9, 0.9] and joined[2] == pytest.approx(0.25) and joined[3] is None


def test_links_explain_the_corpus_events():
    articles, _ = load_articles([CORPUS])
    links = {k.article_id[:3]: k for e in cluster_events(articles) for k in e.links}
    assert links["001"].closest.startswith("002") and links["001"].joined_at > 0.5
    assert links["004"].joined_at is None and links["004"].closest is not None  # alone, with its best match


def test_candidate_search_finds_the_close_pairs_with_their_exact_cosines():
    # the path large inputs take (candidates by shared heavy terms, then exact cosines) against
    # the exact product, on the corpus's sentences
    articles, _ = load_articles([CORPUS])
    texts = [s.text for a in articles for s in article_sentences(a)]
    matrix, _ = tfidf_matrix(texts)
    exact = similarity_graph(matrix, floor=0.05)
    found = similarity_graph(matrix, floor=0.05, exact_up_to=0)
    exact_pairs = {(i, j): w for i, j, w in zip(exact.row.tolist(), exact.col.tolist(), exact.data.tolist())}
    found_pairs = {(i, j): w for i, j, w in zip(found.row.tolist(), found.col.tolist(), found.data.tolist())}
    cosine = (matrix @ matrix.T).toarray()
    assert found_pairs and all(w == pytest.approx(cosine[i, j]) for (i, j), w in found_pairs.items())
    close = [p for p, w in exact_pairs.items() if w >= 0.5]
    assert close and all(p in found_pairs for p in close)


def test_candidate_search_finds_a_pair_through_a_rare_term_below_their_heaviest():
    # 2,000 rows in groups of about ten, each group's rows sharing two heavy terms; rows 0 and 1,
    # in different groups, share only a lighter term no other row holds: their heaviest terms
    # alone (index_terms=2) never pair them, the rare terms do
    n = 2000
    rows, cols, values = [], [], []
    for i in range(n):
        group = i if i < 2 else i // 10  # row 0 with rows 2-9, row 1 with rows 10-19
        for column, value in ((2 * group, 0.7), (2 * group + 1, 0.6), (999 if i < 2 else 1000 + i, 0.39)):
            rows.append(i)
            cols.append(column)
            values.append(value)
    matrix = normalize(sp.csr_matrix((values, (rows, cols)), shape=(n, n + 1000)))
    found = similarity_graph(matrix, floor=0.05, exact_up_to=0, index_terms=2)
    pairs = set(zip(found.row.tolist(), found.col.tolist()))
    assert (0, 2) in pairs and (0, 1) in pairs


def test_copies_of_a_story_do_not_crowd_out_the_rest_of_its_event():
    # each article keeps its 40 closest others: 100 copies of one story would keep only each
    # other, and the other report of the event would average too little to join them
    story = ("Militia fighters fired rockets at the air base near Erbil overnight, wounding two "
             "contractors, and the coalition said it was investigating the attack on the base.")
    other = ("Two contractors were wounded when rockets hit the Erbil air base; the coalition is "
             "investigating who fired them at the base, officials said.")
    day = dt.date(2021, 2, 16)
    articles = [Article(f"copy{k:03}", story, date=day) for k in range(100)] + [Article("other", other, date=day)]
    assert len(cluster_events(articles)) == 1


def test_a_later_version_of_a_story_is_a_copy_and_a_loose_report_of_the_event_joins_them(monkeypatch):
    # the later version cuts two paragraphs (similarity 0.88): counted as a second report, the
    # pair's cohesion is too high for the loose report (0.18 to them) to join, and a story on
    # another topic (0.13) is too near for a clear margin; counted as one story, the report pairs with it
    story = ("Militia fighters fired rockets at the air base near Erbil overnight, wounding two contractors. "
             "The coalition said it was investigating the attack on the base. "
             "Kurdish officials said the rockets were launched from a village south of the city. "
             "A group calling itself Saraya Awliya al-Dam claimed the attack in a statement. "
             "Washington condemned the attack and promised to hold those responsible to account. "
             "Security forces closed the roads around the airport after the blasts.")
    later = story.rsplit(" Washington", 1)[0]
    report = ("The coalition began an investigation in Erbil overnight. "
              "Schools in the region stayed shut on Monday and many shops closed early. "
              "The provincial football final was moved to another stadium, and the league postponed two cup games "
              "until the stands could be checked by engineers.")
    other = ("Parents across the region kept children home and schools stayed shut, "
             "teachers said on Monday, as a strike over pay entered its second week.")
    articles = [Article("a-story", story), Article("b-later", later), Article("c-report", report), Article("d-other", other)]
    events = cluster_events(articles)
    assert sorted(sorted(a.id for a in e.articles) for e in events) == [["a-story", "b-later", "c-report"], ["d-other"]]
    rules = {k.article_id: k.rule for e in events for k in e.links}  # what --explain says took each
    assert rules == {"a-story": "copy", "b-later": "copy", "c-report": "pair", "d-other": None}
    monkeypatch.setattr(summarizer.cluster, "COPY_SIMILARITY", 0.9)
    events = [sorted(a.id for a in e.articles) for e in cluster_events(articles)]
    assert sorted(events) == [["a-story", "b-later"], ["c-report"], ["d-other"]]


@pytest.mark.parametrize("n_neighbours", [3, 40])
def test_neighbours_of_a_subset_of_rows_are_those_rows_neighbours_in_the_whole(n_neighbours):
    articles, _ = load_articles([CORPUS])
    matrix, _ = tfidf_matrix([s.text for a in articles for s in article_sentences(a)])
    rows = np.arange(0, matrix.shape[0], 3)
    for exact_up_to in (20_000, 0):  # the exact product and the candidate search
        whole = similarity_graph(matrix, floor=0.05, n_neighbours=n_neighbours, exact_up_to=exact_up_to)
        part = similarity_graph(matrix, floor=0.05, n_neighbours=n_neighbours, exact_up_to=exact_up_to, rows=rows)
        pairs = set(zip(part.row.tolist(), part.col.tolist()))
        assert pairs and all(i in rows or j in rows for i, j in pairs)
        assert pairs <= set(zip(whole.row.tolist(), whole.col.tolist()))


def test_the_graph_between_copies_items_is_the_one_found_again_from_scratch(monkeypatch):
    # neighbours are found again only for the items whose first article had a copy among them;
    # lists of 3 neighbours, so that a copy crowds one out
    monkeypatch.setattr(summarizer.cluster, "similarity_graph", functools.partial(similarity_graph, n_neighbours=3))
    articles, _ = load_articles([CORPUS])
    sentences = [Article(f"s{k:03}", s.text) for k, s in enumerate(s for a in articles for s in article_sentences(a))]
    ordered = sorted(sentences + [Article(f"s{k:03}copy", sentences[k].text) for k in (0, 5, 9)], key=lambda a: a.id)
    matrix, vocabulary = tfidf_matrix([a.text for a in ordered], max_df=0.1, numbers=True)
    vectors = summarizer.cluster._Vectors(matrix, rare_terms(matrix, vocabulary), tfidf_matrix(["" for _ in ordered])[0],
                                          summarizer.cluster._one_weekday(matrix, vocabulary), summarizer.cluster._day_numbers(ordered))
    graph, weights = summarizer.cluster._weighted_graph(ordered, vectors, Settings())
    item, sizes, _, _ = summarizer.cluster._components(len(ordered), graph.row, graph.col, weights >= summarizer.cluster.COPY_SIMILARITY)
    first = np.full(len(sizes), len(ordered))
    np.minimum.at(first, item, np.arange(len(ordered)))
    assert len(sizes) <= len(ordered) - 3  # 001 and 002 share sentences: copies too
    rows, cols, values = summarizer.cluster._item_graph(ordered, vectors, graph.row, graph.col, weights, item, first, Settings())
    again, again_values = summarizer.cluster._weighted_graph([ordered[k] for k in first], vectors.subset(first), Settings())
    assert dict(zip(zip(rows.tolist(), cols.tolist()), values.round(12))) == dict(
        zip(zip(again.row.tolist(), again.col.tolist()), again_values.round(12)))


def test_rare_terms_keep_the_names_and_drop_the_common_words():
    matrix, vocabulary = tfidf_matrix(["Officials said Kataib Hezbollah fired rockets at Irbil.", "Officials said nothing."])
    rare = rare_terms(matrix, vocabulary)
    kept = {vocabulary.word(k) for k in rare[0].indices}
    assert {"kataib", "irbil"} <= kept and not kept & {"said", "officials", "kataib hezbollah"}
    assert rare[0].power(2).sum() == pytest.approx(1.0) and rare[1].nnz == 0


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

    assert similarity() >= Settings().cluster_threshold
    monkeypatch.setattr(summarizer.cluster, "TITLE_WEIGHT", 0.0)
    assert similarity() < Settings().cluster_threshold  # the same texts, titles only inside them


def attach_to_a_group(within, other, days=_undated(5)):
    """Items 0-2 grouped with each other at `within`; item 3 alone, 0.12 from each of them, and
    `other` from item 4, also alone (no pair when 0). The groups after _attach_lone_items, and
    the similarity each item joined at."""
    rows, cols = np.array([0, 0, 1, 0, 1, 2, 3]), np.array([1, 2, 2, 3, 3, 3, 4])
    weights = np.array([within] * 3 + [0.12] * 3 + [other])
    keep = weights > 0
    joined = [within] * 3 + [None, None]
    groups = _attach_lone_items(rows[keep], cols[keep], weights[keep], [[0, 1, 2], [3], [4]],
                                np.ones(5, dtype=np.int64), 0.05, joined, days)
    return groups, joined


@pytest.mark.parametrize("within, joins", [(0.22, True), (0.6, False)])
def test_an_article_left_alone_joins_a_group_as_loose_as_its_link(within, joins):
    # item 3 is 0.1 from item 4: the group is not clearly its closest, so its cohesion decides
    groups, joined = attach_to_a_group(within, 0.1)
    assert groups == ([[0, 1, 2, 3], [4]] if joins else [[0, 1, 2], [3], [4]])
    assert joined[3] == ((pytest.approx(0.12), "cohesion") if joins else None)


@pytest.mark.parametrize("other, joins", [(0.07, True), (0.1, False), (0.0, True)])
def test_an_article_left_alone_joins_a_tight_group_that_is_clearly_its_closest(other, joins):
    # a group at 0.6, item 3 at a fifth of that: it joins when the group is at least 1.5
    # times as close as item 4
    groups, joined = attach_to_a_group(0.6, other)
    assert groups == ([[0, 1, 2, 3], [4]] if joins else [[0, 1, 2], [3], [4]])
    assert joined[3] == ((pytest.approx(0.12), "margin") if joins else None)


@pytest.mark.parametrize("day, joins", [(3.0, True), (10.0, False), (np.nan, True)])
def test_an_article_left_alone_joins_no_group_days_away(day, joins):
    # the loose group, dated day 0; item 3 dated `day` (NaN: undated), item 4 undated
    days = _Days.of_items(np.arange(5), 5, np.array([0.0, 0.0, 0.0, day, np.nan]), 3.0)
    assert attach_to_a_group(0.22, 0.1, days)[0] == ([[0, 1, 2, 3], [4]] if joins else [[0, 1, 2], [3], [4]])


def test_an_item_alone_joins_its_group_among_more_items_than_an_int32_key_holds():
    # 70,000 items alone but three: an item and a group number as one key pass 2**31
    n = 70_000
    rows, cols = np.array([0, 0, 1], dtype=np.int32), np.array([1, n - 1, n - 1], dtype=np.int32)
    groups = [[0, 1]] + [[k] for k in range(2, n)]
    joined = [0.5, 0.5] + [None] * (n - 2)
    got = _attach_lone_items(rows, cols, np.array([0.5, 0.3, 0.3]), groups, np.ones(n, dtype=np.int64), 0.05, joined, _undated(n))
    assert got[0] == [0, 1, n - 1] and len(got) == n - 2 and joined[n - 1] == (pytest.approx(0.3), "cohesion")


def test_alone_items_join_whatever_their_order():
    # two loose groups and lone items between them; relabelling the items changes nothing
    rng = random.Random(5)
    n = 12
    pairs = {(i, j): rng.uniform(0.05, 0.3) for i in range(n) for j in range(i + 1, n) if rng.random() < 0.5}
    start = [[0, 1, 2], [3, 4, 5, 6]] + [[k] for k in range(7, n)]
    permutation = list(range(n))
    rng.shuffle(permutation)
    results = []
    for relabel in (list(range(n)), permutation):
        rows = np.array([relabel[i] for i, _ in pairs])
        cols = np.array([relabel[j] for _, j in pairs])
        groups = sorted((sorted(relabel[i] for i in g) for g in start), key=lambda g: g[0])
        out = _attach_lone_items(rows, cols, np.array(list(pairs.values())), groups, np.ones(n, dtype=np.int64), 0.05, [None] * n, _undated(n))
        back = {v: k for k, v in enumerate(relabel)}
        results.append(sorted(sorted(back[i] for i in g) for g in out))
    assert results[0] == results[1] and len(results[0]) < len(start)


def test_lone_articles_that_are_each_others_closest_pair_up():
    # 0-1 a group; 2 and 3 alone and each other's closest; 4 alone, closest to the group
    rows, cols = np.array([0, 2, 0, 3, 1]), np.array([1, 3, 4, 4, 2])
    weights = np.array([0.5, 0.12, 0.15, 0.1, 0.05])
    joined = [0.5, 0.5, None, None, None]
    groups = _pair_lone_items(rows, cols, weights, [[0, 1], [2], [3], [4]], 0.1, joined, _undated(5))
    assert groups == [[0, 1], [2, 3], [4]] and joined[2:] == [(0.12, "pair"), (0.12, "pair"), None]
    assert _pair_lone_items(rows, cols, weights, [[0, 1], [2], [3], [4]], 0.13, [None] * 5, _undated(5)) == [[0, 1], [2], [3], [4]]


@pytest.mark.parametrize("alike, pair", [(0.07, True), (0.04, False)])
def test_lone_articles_each_others_closest_pair_from_a_quarter_of_the_threshold(alike, pair):
    # 0-1 a group at the threshold's 0.2; 2 and 3 alone, each other's closest at 0.07 (or 0.04)
    from summarizer.cluster import _group_items

    rows, cols, weights = np.array([0, 2, 1]), np.array([1, 3, 2]), np.array([0.5, alike, 0.02])
    got = _group_items(4, rows, cols, weights, 0.2, [None] * 4, np.ones(4), _undated(4))
    assert got == ([[0, 1], [2, 3]] if pair else [[0, 1], [2], [3]])


@pytest.mark.parametrize("within, merge", [(0.2, True), (0.5, False)])
def test_two_loose_groups_each_others_closest_merge(within, merge):
    # groups 0-1 and 2-3, each alike at `within`; every pair across at 0.13
    rows, cols = np.array([0, 2, 0, 0, 1, 1]), np.array([1, 3, 2, 3, 2, 3])
    weights = np.array([within, within, 0.13, 0.13, 0.13, 0.13])
    merged = [None] * 4
    groups = _merge_loose_groups(rows, cols, weights, [[0, 1], [2, 3]], np.ones(4, dtype=np.int64), 0.05, _undated(4), merged)
    assert groups == ([[0, 1, 2, 3]] if merge else [[0, 1], [2, 3]])
    # what --explain says: of two groups alike in size, the later merged into the other
    assert merged == ([None, None, (0.13, "cohesion"), (0.13, "cohesion")] if merge else [None] * 4)


def two_groups_and_a_rival(first, second, rival, merged=None):
    """Groups of `first` and `second` items, each alike at 0.5 within, every pair across at 0.1;
    an item alone at `rival` from each item of the first group (no pair when 0). The groups
    after _merge_loose_groups."""
    a, b = list(range(first)), list(range(first, first + second))
    alone = first + second
    pairs = [(i, j, 0.5) for g in (a, b) for i in g for j in g if i < j] + [(i, j, 0.1) for i in a for j in b]
    pairs += [(i, alone, rival) for i in a if rival > 0]
    rows, cols, weights = (np.array(x) for x in zip(*pairs))
    n = alone + 1
    return _merge_loose_groups(rows, cols, weights, [a, b, [alone]], np.ones(n, dtype=np.int64), 0.05, _undated(n), merged)


@pytest.mark.parametrize("first, second, rival, merge", [
    (4, 4, 0.03, True), (2, 8, 0.04, True),  # 0.1 across, at least twice anything else, over 16 pairs
    (4, 4, 0.06, False),  # the item alone is more than half as close to the first group
    (2, 2, 0.0, False), (3, 5, 0.0, False),  # 4 or 15 pairs of articles: too few to tell
])
def test_two_tight_groups_clearly_each_others_closest_merge_over_enough_pairs(first, second, rival, merge):
    # across at 0.1, a fifth of their cohesion: under GROUP_SHARE of it
    groups = two_groups_and_a_rival(first, second, rival)
    together = list(range(first + second))
    assert groups == ([together, [first + second]] if merge else [together[:first], together[first:], [first + second]])


def test_the_smaller_of_two_groups_merged_at_a_clear_margin_says_so():
    merged = [None] * 11
    two_groups_and_a_rival(2, 8, 0.04, merged)
    assert merged[:2] == [(pytest.approx(0.1), "margin")] * 2 and merged[2:] == [None] * 9


def test_the_one_weekday_an_article_names():
    texts = ["The Senate voted on Tuesday.", "Tuesday's vote, then Friday's.", "No day at all.", "SUNDAY: the raid."]
    matrix, vocabulary = tfidf_matrix(texts, max_df=0.5, min_df_cut=1, numbers=True, uncut=summarizer.cluster.WEEKDAYS)
    assert summarizer.cluster._one_weekday(matrix, vocabulary).tolist() == [1, -1, -1, 6]


def test_weekday_names_survive_the_cut_of_common_terms():
    texts = [f"Voters went to the polls on Tuesday in district {k}." for k in range(4)]
    cut = tfidf_matrix(texts, max_df=0.5, min_df_cut=1)
    kept = tfidf_matrix(texts, max_df=0.5, min_df_cut=1, uncut=["tuesday"])
    assert "tuesday" not in _words_of(*cut) and "tuesday" in _words_of(*kept)
    assert _words_of(*cut) == _words_of(*kept) - {"tuesday"}  # the other common terms go


def _words_of(matrix, vocabulary):
    return set(vocabulary.words(np.unique(matrix.indices)))


@pytest.mark.parametrize("second_day, lowered", [("Tuesday", False), ("Friday", True), ("Tuesday and Friday", False)])
def test_reports_naming_one_weekday_each_another_are_less_alike(second_day, lowered):
    articles = [Article("a", "Lawmakers in Ohio passed the water bill on Tuesday after a long debate."),
                Article("b", f"Ohio lawmakers passed a water bill on {second_day}, ending the debate.")]
    matrix, vocabulary = tfidf_matrix([a.text for a in articles], numbers=True, uncut=summarizer.cluster.WEEKDAYS)
    vectors = summarizer.cluster._Vectors(matrix, rare_terms(matrix, vocabulary), tfidf_matrix(["", ""])[0],
                                          summarizer.cluster._one_weekday(matrix, vocabulary), summarizer.cluster._day_numbers(articles))
    r, c, cosine = np.array([0]), np.array([1]), np.array([0.5])
    weight = summarizer.cluster._pair_weights(articles, vectors, r, c, cosine, Settings())[0]
    plain = summarizer.cluster._pair_weights(articles, vectors._replace(weekday=np.array([-1, -1])), r, c, cosine, Settings())[0]
    assert summarizer.cluster.OTHER_DAY < 1.0
    assert weight == pytest.approx(summarizer.cluster.OTHER_DAY * plain if lowered else plain)
