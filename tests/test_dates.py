import datetime as dt
import re

import pytest
from hypothesis import given, settings, strategies as st

from summarizer.dates import days_apart, infer_window, parse_date
from summarizer.model import Article, DateWindow

D = dt.date


@pytest.mark.parametrize("value, expected", [
    ("2021-02-26", D(2021, 2, 26)),
    ("2021-02-26T23:10:00Z", D(2021, 2, 26)),
    ("2021/2/26", D(2021, 2, 26)),
    ("Fri, 26 Feb 2021 10:00:00 +0000", D(2021, 2, 26)),
    ("February 26, 2021", D(2021, 2, 26)),
    ("26 February 2021", D(2021, 2, 26)),
    ("2021-02-30", None),
    ("soon", None),
    (None, None),
    (20210226, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("text, earliest, excluded", [
    ("The deal was signed in 2015.", D(2015, 1, 1), set()),
    ("It happened on Feb. 26, 2021, officials said.", D(2021, 2, 26), set()),
    ("He struck in February. Earlier in June, Iraq released him.", None, {2, 3, 4, 5}),
    ("Strikes in November and December. Talks resumed in January.", None, {11, 12}),
    ("The summit will be held in 2030 and in June.", None, set()),
    ("You may go. It may rain.", None, set()),
    ("Talks in March and in September.", None, set()),
])
def test_infer_window_from_text(text, earliest, excluded):
    window = infer_window(Article("a", text))
    assert window.earliest == earliest
    assert set(window.excluded_months) == excluded


def test_a_known_date_wins_over_the_text():
    window = infer_window(Article("a", "Back in 2015 and in June.", date=D(2021, 2, 26)))
    assert window == DateWindow(D(2021, 2, 26), D(2021, 2, 26))


@pytest.mark.parametrize("a, b, expected", [
    (DateWindow(D(2021, 2, 26), D(2021, 2, 26)), DateWindow(D(2021, 3, 1), D(2021, 3, 1)), 3.0),
    (DateWindow(D(2021, 2, 26), D(2021, 2, 26)), DateWindow(), 0.0),
    (DateWindow(D(2021, 2, 26), D(2021, 2, 26)), DateWindow(D(2021, 6, 1)), 95.0),
    (DateWindow(D(2021, 2, 26), D(2021, 2, 26)), DateWindow(excluded_months=frozenset({2, 3, 4, 5})), 26.0),
    (DateWindow(), DateWindow(D(2015, 1, 1)), None),
])
def test_days_apart(a, b, expected):
    assert days_apart(a, b) == expected
    assert days_apart(b, a) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["will", "WILL", "Would", "swill", "plans to", "plan to", "Plans  to", "is due", "Next",
                                 "nextly", " ", " ", ".", "-", "in", "June", "2021", "x", "\u017fhall", "\u0130s due"]),
                max_size=12).map("".join))
def test_the_fast_look_ahead_test_is_the_case_blind_regex(sentence):
    from summarizer.dates import _FUTURE, _is_future

    assert _is_future(sentence) == (_FUTURE.search(sentence) is not None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(".!? \t\n\u00a0aA\"\u201c1"), max_size=40))
def test_sentences_are_cut_where_the_look_behind_pattern_cuts(text):
    from summarizer.dates import _sentences

    assert _sentences(text) == re.split(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])", text)


@pytest.mark.parametrize("text", ["No dates here at all.", "It was founded 1945-03-02 by them.", "Talks began in 1999.",
                                  "The May vote failed.", "In 2050 rates will rise.", "Page 1,950 of 2,049."])
def test_texts_with_no_month_name_or_year_skip_the_search_with_the_same_window(text, monkeypatch):
    import summarizer.dates

    fast = infer_window(Article("a", text))
    monkeypatch.setattr(summarizer.dates, "_ANY_YEAR", re.compile("."))  # every text searched in full
    assert infer_window(Article("a", text)) == fast
