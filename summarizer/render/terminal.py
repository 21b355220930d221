"""The terminal briefing: one rich panel per event.

Everything that came from an article goes into ``rich.text.Text`` objects, never into a markup
string, so ``[live]`` stays visible and ``[/b]`` cannot break the display.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.cells import cell_len
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..events.grouping import MARGIN, SHARE
from ..model import Briefing, Event
from .common import (NOTICE, date_span, day_heading, days_of, is_new, languages_note, markers, more_line, notices_line,
                     no_summary, one_line, refs, skipped_line)

__all__ = ["print_terminal", "render_terminal", "render_event", "render_event_list", "render_summaries"]


class Indented:
    """A text wrapped by rich, its first line after ``first`` and the others after ``rest``
    (a hanging indent when they differ: "• " and "  " make a bullet point), one column left
    free on the right. Inside a panel without padding, these margins are the panel's: drawn
    here, the panel lays its lines out once instead of twice (rich's padding draws its own
    lines, which the panel then splits again). A two-column table would draw a bullet the
    same for ten times the cost: it measures every cell before it wraps it."""

    def __init__(self, text: Text, first: str = " ", rest: str = " "):
        self.text, self.first, self.rest = text, first, rest

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # the wrapped lines are drawn as they are: a Text of them would be wrapped a second time.
        # Text.render leaves out the text's own style when it has no spans: it is applied here
        base = console.get_style(self.text.style, default=Style.null()) if self.text.style else None
        width = max(options.max_width - len(self.first) - 1, 1)
        plain = self.text.plain
        plain_line = "\n" not in plain and "\t" not in plain
        if plain_line and cell_len(plain) <= width:  # most lines: nothing to wrap
            lines = [self.text]
        elif plain_line and self._breaks_as_is(plain) and (breaks := _breaks(plain, width)) is not None:
            lines = self.text.divide(breaks)  # as Text.wrap does, without measuring each word's cells
            for line in lines:
                line.rstrip_end(width)
                line.truncate(width, overflow="fold")
        else:
            lines = self.text.wrap(console, width, overflow="fold")
        for k, line in enumerate(lines):
            yield Segment(self.rest if k else self.first)
            drawn = line.render(console)
            yield from Segment.apply_style(drawn, base) if base and not line.spans else drawn
            yield Segment.line()

    def _breaks_as_is(self, plain: str) -> bool:
        """Whether Text.wrap would break this text at its words and not fill or justify it, each
        character one cell (printable ASCII): then ``_breaks`` finds the same breaks."""
        text = self.text
        return not text.no_wrap and text.justify in (None, "default") and plain.isascii() and plain.isprintable()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(len(self.first) + 2, options.max_width)


_WORD = re.compile(r"\s*\S+\s*")  # a word and the spaces after it, as rich's wrapping reads words


def _breaks(plain: str, width: int) -> list[int] | None:
    """Where rich's ``Text.wrap`` breaks a line of ASCII text (``rich._wrap.divide_line``,
    where each character is one cell), or ``None`` when a word is wider than the line (rich
    folds it). Rich measures each word's cells, which for ASCII is its length: a brief of
    thousands of events spent a third of its drawing there.

    >>> from rich._wrap import divide_line
    >>> text = "The Pentagon said the strike was ordered in response to attacks on US personnel."
    >>> all(_breaks(text, w) == divide_line(text, w) for w in range(12, 90))
    True
    """
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(plain):
        start, end = match.span()
        length = len(match.group().rstrip())
        if width - offset >= length:
            offset += end - start
        elif length > width:
            return None
        elif offset and start:
            breaks.append(start)
            offset = end - start
    return breaks


def Bullet(text: Text) -> Indented:  # noqa: N802 (a renderable's name)
    """A bullet point of a panel: "• " and the text, the lines after the first under the text."""
    return Indented(text, " • ", "   ")


def render_event(event: Event, number: int) -> Panel:
    """One event as a panel: headline, facts, summary with source markers, the articles (by
    day when it spans several)."""
    marks = markers(event)
    parts: list[RenderableType] = [Text(one_line(event.title), style="bold")]
    facts = Text(style="dim")
    facts.append(f"{date_span(event)} · {len(event.articles)} article{'s' * (len(event.articles) != 1)}")
    if event.sources:
        facts.append(" · " + ", ".join(one_line(s) for s in event.sources))
    if event.status in ("new", "updated"):
        facts.append(f" · {event.status}", style="bold")
    parts.append(facts)
    parts.append(Text())
    for item in event.summary:
        line = Text(one_line(item.text))
        line.append(" " + refs(event, item.article_ids), style="cyan")
        if is_new(event, item.article_ids):
            line.append(" new", style="bold green")
        parts.append(Bullet(line))
    if not event.summary:
        parts.append(Bullet(Text(no_summary(event), style="dim")))
    parts.append(Text())
    by_day = days_of(event)
    for day, articles in by_day:
        if len(by_day) > 1:
            parts.append(Text(day_heading(day), style="dim"))
        for article in articles:
            line = Text(f"[{marks[article.id]}] ", style="cyan")
            line.append(one_line(article.id))
            details = [d for d in (article.date.isoformat() if article.date else "", one_line(article.source),
                                   one_line(article.title)) if d]
            if details:
                line.append(" · " + " · ".join(details), style="dim")
            parts.append(line)
    inset = [p if isinstance(p, Indented) else Indented(p) for p in parts]
    return Panel(Group(*inset), title=Text(f"Event {number}"), subtitle=Text(one_line(event.id)), subtitle_align="right",
                 title_align="left", border_style="blue", padding=0)


def render_terminal(briefing: Briefing) -> Group:
    """The whole briefing: a heading line, the event panels, then one line each for the events
    left out, the site notices and what was skipped.

    Example
    -------
    >>> from rich.console import Console
    >>> from summarizer.model import Skipped
    >>> console = Console(width=60, no_color=True, record=True)
    >>> console.print(render_terminal(Briefing((), (Skipped("x.pdf", "unsupported [live]"),))))  # doctest: +ELLIPSIS
    No events: ...
    """
    head, tail = _around(briefing)
    return Group(*head, *(render_event(e, k) for k, e in enumerate(briefing.events, 1)), *tail)


def _around(briefing: Briefing) -> tuple[list[RenderableType], list[RenderableType]]:
    """What comes before the panels (the heading line) and after them (one line each)."""
    events = briefing.events
    n_articles = sum(len(e.articles) for e in events)
    head: list[RenderableType] = []
    if events:
        of = f" from {n_articles} article{'s' * (n_articles != 1)}"
        heading = (f"The top {len(events)} of {len(events) + briefing.left_out} events{of}" if briefing.left_out
                   else f"{len(events)} event{'s' * (len(events) != 1)}{of}")
        languages = languages_note(events)
        head.append(Text(heading + (f"; {languages}" if languages else ""), style="bold"))
    elif briefing.new_since is not None:
        head.append(Text(f"Nothing new since {briefing.new_since:%Y-%m-%d %H:%M}."))
    elif not briefing.notices:
        head.append(Text("No events: no article could be read."))
    tail: list[RenderableType] = []
    if briefing.left_out:
        tail.append(Text(more_line(briefing.left_out)))
    if briefing.notices:
        tail.append(Text(notices_line(briefing.notices), style="dim"))
    if briefing.skipped:
        tail.append(Text(skipped_line(briefing.skipped), style="dim"))
    return head, tail


# From this many panels on, the briefing is drawn in two processes at once: rich draws a few
# hundred panels a second, and a brief of --all events can hold thousands.
PARALLEL_PANELS = 400


def print_terminal(console: Console, briefing: Briefing, *, prepare: Callable[[Sequence[Event]], Sequence[Event]] | None = None,
                   cost: Callable[[Event], float] | None = None) -> None:
    """Print ``render_terminal(briefing)`` on ``console``.

    With ``prepare``, the briefing's events are drafts that ``prepare`` turns into the events
    to draw (``summarizer.pipeline.summarize_events`` with ``parallel=False``), in order. Many
    panels are prepared and drawn half here and half in a second process meanwhile
    (``summarizer.parallel``), cut where ``cost`` (default: the panel's lines) is equal, each
    half captured as the console would print it, then written in order: the output is the
    same. Preparing each half where it is drawn, rather than all events and then drawing them,
    spares a second process and sending every summarized event back from it."""
    from ..parallel import in_halves

    events = briefing.events
    if len(events) < PARALLEL_PANELS:
        if prepare is not None:
            briefing = dataclasses.replace(briefing, events=tuple(prepare(events)))
        console.print(render_terminal(briefing), crop=False)
        return

    def draw(part: Sequence[tuple[int, Event]]) -> str:
        drafts = [e for _, e in part]
        ready = prepare(drafts) if prepare is not None else drafts
        with console.capture() as captured:
            console.print(Group(*(render_event(e, k) for (k, _), e in zip(part, ready))), crop=False)
        return captured.get()

    head, tail = _around(briefing)
    if head:
        console.print(Group(*head))
    sizes = [cost(e) if cost is not None else len(e.articles) + len(e.summary) + 6 for e in events]
    for text in in_halves(draw, list(enumerate(events, 1)), sizes=sizes):
        console.file.write(text)
    console.file.flush()
    if tail:
        console.print(Group(*tail))


def render_event_list(events: Sequence[Event], *, explain: bool = False, threshold: float | None = None) -> Group:
    """``summarizer events --format text``: each event with its size, date span, top terms and
    articles; with ``explain``, under each article the similarity that placed it."""
    parts: list[RenderableType] = []
    for e in events:
        size = f"{len(e.articles)} article{'s' * (len(e.articles) != 1)}"
        line = Text(f"{one_line(e.id)}  {size}  {date_span(e)}  " + (f"{e.status}  " if e.status else ""), style="bold")
        line.append(", ".join(one_line(t) for t in e.terms[:5]), style="dim")
        parts.append(line)
        links = {k.article_id: k for k in e.links}
        for a in e.articles:
            parts.append(Text(f"    {one_line(a.id)}  {a.date.isoformat() if a.date else '----------'}  {one_line(a.title)}"))
            if explain and a.id in links:
                why = NOTICE + ": compared with no article" if a.notice else _why(links[a.id], threshold)
                parts.append(Text("        " + why, style="dim"))
    return Group(*parts)


def _why(link, threshold: float | None) -> str:
    if link.joined_at is not None:
        limit = f" ({threshold:.2f})" if threshold is not None else ""
        rule = {  # Link.rule: which rule of the grouping took it
            "threshold": f", the threshold{limit} or more",
            "cohesion": f", {SHARE:g} of the event's own average or more",
            "margin": f", {MARGIN:g} times any other or more",
            "pair": ", it and its closest alone and each the other's closest",
        }.get(link.rule, "")
        measure = "similarity" if link.rule == "pair" else "average similarity"  # one pair, not a group's
        return f"joined at {measure} {link.joined_at:.3f}{rule}{_merge(link)}; closest {one_line(link.closest)} ({link.similarity:.3f})"
    if link.closest is None:
        return "alone: no article shares enough words with it"
    limit = f" {threshold:.2f}" if threshold is not None else " the threshold"
    floor = f" (and {threshold / MARGIN:.2f} at least)" if threshold is not None else ""
    return (f"alone: best match {one_line(link.closest)} ({link.similarity:.3f}); no group averaged{limit} with it, "
            f"nor {SHARE:g} of its own cohesion, nor {MARGIN:g} times the next closest{floor}; "
            "nor were it and its best match two articles alone, each the other's closest")


def _merge(link) -> str:
    """How the article's group merged with the rest of its event, when it did."""
    if link.merged_at is None:
        return ""
    rule = {"cohesion": f", {SHARE:g} of the tighter one's own average or more"}.get(link.merge_rule, "")
    return f"; then its group merged with the rest at average similarity {link.merged_at:.3f}{rule}"


def render_summaries(events: Sequence[Event]) -> Group:
    """``summarizer summarize --format text``: each cluster id and its summary sentences."""
    parts: list[RenderableType] = []
    for e in events:
        parts.append(Text(one_line(e.id), style="bold"))
        parts.extend(Text(f"  • {one_line(s.text)}") for s in e.summary)
    return Group(*parts)
