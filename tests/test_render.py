import io
import os
import re

import pytest
from rich.console import Console

from summarizer.ingest import load_articles
from summarizer.model import Article, Briefing, Event, Link, Sentence, Skipped, SummarySentence
from summarizer.pipeline import brief
from summarizer.render import render_markdown, render_terminal
from summarizer.render.markdown import escape
from summarizer.render.terminal import render_event_list
from tests.conftest import CORPUS, NOW, ROOT

GOLDEN = ROOT / "tests" / "golden"


def terminal_text(briefing: Briefing, width: int = 80) -> str:
    out = io.StringIO()
    Console(file=out, width=width, no_color=True, color_system=None, markup=False, highlight=False).print(render_terminal(briefing))
    return out.getvalue()


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites it (read the diff before committing)."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def corpus_briefing():
    articles, skipped = load_articles([CORPUS])
    return brief(articles, skipped=skipped, now=NOW)


def test_golden_markdown_report(corpus_briefing):
    check_golden("corpus_report.md", render_markdown(corpus_briefing, now=NOW))


def test_golden_terminal_briefing(corpus_briefing):
    check_golden("corpus_brief.txt", terminal_text(corpus_briefing))


def hostile_briefing() -> Briefing:
    text = "Crowds chanted [live] and [/b] at \x1b[31mnight\x1b[0m <script>alert(1)</script> [x](javascript:alert(1))."
    article = Article("a\x1b]0;title\x07", text, title="[bold]Title[/bold] *x*", source="Src\x1b[2J")
    sentence = Sentence(article.id, 0, text)
    event = Event("event-1", (article,), (SummarySentence(text, (sentence,)),), title="Head [/b] line")
    return Briefing((event,), (Skipped("odd[/i].bin", "unsupported [red]file[/red]"),))


def test_terminal_shows_markup_literally_and_no_control_sequences():
    shown = terminal_text(hostile_briefing(), width=200)
    for literal in ("[live]", "[/b]", "[bold]Title[/bold]", "Head [/b] line"):
        assert literal in shown
    assert "\x1b" not in shown and "\x07" not in shown


def test_markdown_neutralises_html_links_and_markup():
    md = render_markdown(hostile_briefing(), now=NOW)
    assert "<script>" not in md and "\x1b" not in md
    assert not re.search(r"(?<!\\)\]\(", md), "an unescaped ]( would make a link"
    assert "&lt;script&gt;" in md and "\\[x\\](javascript:" in md


@pytest.mark.parametrize("raw, expected", [
    ("plain words", "plain words"),
    ("a *b* _c_", "a \\*b\\* \\_c\\_"),
    ("# not a heading [x]", "# not a heading \\[x\\]"),
    ("x < y & z", "x &lt; y &amp; z"),
])
def test_escape(raw, expected):
    assert escape(raw) == expected


def test_site_notices_are_one_line_after_the_events_not_events(corpus_briefing):
    text = "Please enable cookies [x] to continue."
    notices = tuple(Event(f"n{k}", (Article(f"page{k}", text, notice=True),)) for k in (2, 0, 1))
    articles = [a for e in corpus_briefing.events for a in e.articles] + [e.articles[0] for e in notices]
    briefing = brief(articles, now=NOW)
    shown = terminal_text(briefing, width=120)
    assert shown.startswith("3 events from 5 articles") and "Event 4" not in shown and text not in shown
    assert "3 pages held a site's notice instead of a report (1 notice); --format json lists them" in shown
    md = render_markdown(briefing, now=NOW)
    assert "## Site notices" in md and "## 4." not in md
    assert "- 3 pages: Please enable cookies \\[x\\] to continue." in md


def test_a_briefing_says_how_many_events_it_left_out_and_what_was_skipped(corpus_briefing):
    articles = [a for e in corpus_briefing.events for a in e.articles]
    skipped = (Skipped("a.pdf", "x", kind="unsupported file type"), Skipped("b.jsonl", "y", 3, kind="not valid JSON"),
               Skipped("c.pdf", "z", kind="unsupported file type"))
    shown = terminal_text(brief(articles, skipped=skipped, now=NOW, top=2), width=120)
    assert shown.startswith("The top 2 of 3 events from 4 articles")
    assert "1 more event: --all, or --top N" in shown
    assert "3 skipped: 2 unsupported file type, 1 not valid JSON; --format json lists them" in shown


def test_summary_markers_name_the_articles_in_number_order(corpus_briefing):
    md = render_markdown(corpus_briefing, now=NOW)
    assert "[1][2]" in md and "[2][1]" not in md


def test_explain_says_when_an_articles_group_merged_with_the_rest_of_its_event():
    articles = (Article("a", "One report."), Article("b", "Another report."))
    links = (Link("a", 0.31, "b", 0.12, "threshold"), Link("b", 0.31, "a", 0.12, "threshold", 0.12, "cohesion"))
    out = io.StringIO()
    Console(file=out, width=400, no_color=True, markup=False).print(
        render_event_list([Event("e1", articles, links=links)], explain=True, threshold=0.2))
    a, b = [line for line in out.getvalue().splitlines() if "joined at" in line]
    assert "merged" not in a
    assert "then its group merged with the rest at average similarity 0.120, 0.6 of the tighter one's own average" in b
