import pytest

from summarizer.ingest import merge_duplicates
from summarizer.model import Article
from summarizer.notices import find_notices

CRAWL_NOTE = ("These crawls are part of an effort to archive pages as they are created and archive the pages "
              "that they refer to. That way, as the pages that are referenced are changed or taken from the web, "
              "a link to the version that was live when the page was written will be preserved.")
REPORT = ("Militia fighters fired rockets at the air base near Erbil overnight, wounding two contractors, and the "
          "coalition said it was investigating. Kurdish officials said the rockets were launched from a village "
          "south of the city. A group calling itself Saraya Awliya al-Dam claimed the attack.")
STORIES = [f"{REPORT.split('.')[k % 3].strip()} and then story number {k} went on about something else entirely, "
           f"with {k} details of its own that no other page carries, told over several more sentences." for k in range(6)]


def notice_ids(texts):
    return [a.id for a in find_notices([Article(f"p{k}", t) for k, t in enumerate(texts)]) if a.notice]


@pytest.mark.parametrize("texts, notices", [
    ([CRAWL_NOTE] * 3, ["p0", "p1", "p2"]),
    ([CRAWL_NOTE] * 2, []),  # on two pages: not yet a notice
    ([CRAWL_NOTE, CRAWL_NOTE, CRAWL_NOTE[:250], CRAWL_NOTE[:150]], ["p0", "p1", "p2", "p3"]),  # cut short anywhere
    (["A short wire brief: the strike was ordered by the president on Thursday night."] * 3, []),  # news, not the page
    (["A long wire story on cookies and the bakers who make them. " * 30] * 3, []),  # too long for a notice: a story
])
def test_an_opening_that_speaks_of_the_page_on_three_pages_is_a_notice(texts, notices):
    assert notice_ids(texts) == notices


def test_a_notice_in_many_wordings_is_one_notice():
    # names inside it, as a site's notification offer carries on each reporter's page
    names = ["emily younker", "troy carter", "molly parker", "matt chittum", "ted strong"]
    texts = [f"Close get email notifications on {n} daily! Your notification has been saved. There was a problem "
             f"saving your notification. Whenever {n} posts new content, you'll get an email delivered to your inbox "
             f"with a link. Email me when {n} posts." for n in names]
    assert notice_ids(texts) == [f"p{k}" for k in range(5)]


def test_a_page_that_opens_with_a_notice_is_read_from_where_it_ends():
    texts = [CRAWL_NOTE] * 3 + [f"{CRAWL_NOTE} {story}" for story in STORIES[:2]]
    read = find_notices([Article(f"p{k}", t) for k, t in enumerate(texts)])
    assert [a.notice for a in read] == [True, True, True, False, False]
    assert [a.text for a in read[3:]] == STORIES[:2]


def test_a_story_several_pages_carry_behind_a_notice_stays_whole():
    texts = [CRAWL_NOTE] * 4 + [f"{CRAWL_NOTE} {STORIES[0]}"] * 3
    read = find_notices([Article(f"p{k}", t) for k, t in enumerate(texts)])
    assert [a.notice for a in read] == [True] * 4 + [False] * 3 and {a.text for a in read[4:]} == {STORIES[0]}
    kept, merged = merge_duplicates(read)  # then one story, its copies merged into it
    assert [a.id for a in kept if not a.notice] == ["p4"] and len(merged) == 2


def test_pages_with_other_openings_are_left_as_they_are():
    pages = [Article(f"s{k}", story) for k, story in enumerate(STORIES)]
    assert find_notices(pages) == pages


def test_a_page_that_only_talks_to_its_reader_is_a_notice_even_alone_and_joins_no_event():
    from summarizer.events import cluster_events

    pages = [Article("a", "Please enable JavaScript in your browser to read this site. Thank you."),
             Article("b", "This site needs JavaScript. Please enable JavaScript in your browser settings and reload."),
             Article("c", STORIES[0])]
    read = find_notices(pages)
    assert [a.notice for a in read] == [True, True, False]
    assert sorted(len(e.articles) for e in cluster_events(read)) == [1, 1, 1]


def test_a_short_report_that_mentions_cookies_is_not_a_notice():
    pages = [Article("a", "The bakery sold ten thousand cookies on Saturday, the owner said, a record for the shop.")]
    assert [a.notice for a in find_notices(pages)] == [False]
