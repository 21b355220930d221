"""Renderers: a ``Briefing`` in, text out. Article text is data, never markup."""

from .jsonout import briefing_to_dict, event_line, summary_line
from .markdown import render_markdown
from .terminal import print_terminal, render_event_list, render_summaries, render_terminal

__all__ = ["print_terminal", "render_terminal", "render_event_list", "render_summaries", "render_markdown", "briefing_to_dict", "event_line", "summary_line"]
