"""Invariants over arbitrary input (hypothesis): nothing raises, accounting stays exact."""

import io
import json
import re

from hypothesis import HealthCheck, given, settings, strategies as st
from rich.console import Console

from summarizer.config import Settings
from summarizer.ingest.jsonfile import article_from_record
from summarizer.ingest.text import parse_text
from summarizer.model import Article, Skipped
from summarizer.pipeline import brief
from summarizer.render import briefing_to_dict, render_markdown, render_terminal
from tests.conftest import NOW

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDY = st.text(alphabet=st.sampled_from("abc xyz.,!?\"'“”[]/<>()*_#|`\\\x1b\x07\r\n\t\u202e\u200b0123"), max_size=300)
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                           max_leaves=12)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e\u200b]")


@FAST
@given(st.text(max_size=500))
def test_any_text_file_is_an_article_or_skipped(raw):
    got = parse_text(raw, article_id="x", path="x.txt")
    assert isinstance(got, (Article, Skipped))


@FAST
@given(st.dictionaries(st.sampled_from(["id", "title", "text", "date", "source", "url", "content", "published", "headline"]),
                       JSON_VALUES, max_size=6) | JSON_VALUES)
def test_any_json_value_is_an_article_or_skipped(value):
    got = article_from_record(value, default_id="d", path="a.jsonl", line=1)
    assert isinstance(got, (Article, Skipped))


@FAST
@given(st.lists(st.tuples(WORDY, WORDY), min_size=1, max_size=6))
def test_pipeline_and_renderers_never_raise_and_account_for_every_article(pairs):
    articles = []
    for k, (title, text) in enumerate(pairs):
        got = parse_text(f"title: {title.splitlines()[0] if title.splitlines() else ''}\n\n{text}", article_id=f"a{k}", path=f"a{k}.txt")
        if isinstance(got, Article):
            articles.append(got)
    briefing = brief(articles, settings=Settings(n_sentences=3), now=NOW)
    placed = [a.id for e in briefing.events + briefing.notices for a in e.articles]
    assert sorted(placed) == sorted(a.id for a in articles)
    out = io.StringIO()
    Console(file=out, width=80, no_color=True, color_system=None).print(render_terminal(briefing))
    assert not CONTROL.search(out.getvalue())
    md = render_markdown(briefing, now=NOW)
    assert "<" not in md.replace("&lt;", "") and not CONTROL.search(md)
    data = briefing_to_dict(briefing)
    assert json.loads(json.dumps(data)) == data


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=200) | st.text(max_size=200)
       | st.text(alphabet=st.sampled_from("aZ_ 1.\u2019\u201c\u00e9\u00c9\u0130\u03a3\u00a0\u2003\u0660\u00b2\ud800\U0001f600"), max_size=50))
def test_the_duplicate_key_is_the_regex_one(text):
    from summarizer.clean import same_text_key

    assert same_text_key(text) == re.sub(r"[\W_]+", " ", text.lower()).strip()


@FAST
@given(WORDY)
def test_cleaning_squeezes_again_only_when_it_changes_something(text):
    from summarizer.clean import clean_text, drop_boilerplate, join_wrapped_lines, squeeze_spaces, strip_control

    every_step = squeeze_spaces(join_wrapped_lines(drop_boilerplate(squeeze_spaces(strip_control(text)))))
    assert clean_text(text) == every_step


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ\u0130\u03a3\u03c3\u00df\u00b2\u0660_'\u2019.-,:0123 \t\n\u00a0\u2003\x1c\u0307"), max_size=60)
       | st.text(max_size=60),
       st.booleans())
def test_words_are_the_regex_ones_lower_cased(text, thousands):
    from summarizer.sentences import _WORD, _WORD_OR_THOUSANDS, words

    found = (_WORD_OR_THOUSANDS if thousands else _WORD).findall(text)
    assert words(text, thousands=thousands) == [w.lower() for w in found]
