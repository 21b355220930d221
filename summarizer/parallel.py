"""Two halves of one piece of work at once, on a 2-core machine or larger.

Reading JSON Lines, tokenising, stemming and the sparse products behind clustering hold one
core each (Python's interpreter lock, scipy's kernels), so a large input's work is cut in two:
the second half runs in a forked process while this one does the first (``in_halves``), or two
independent steps run at once (``both``). A forked process starts at once with
the input already in memory and never imports the main module again (as a spawned one would).
Where fork is not the norm (any system but Linux) or no second process can be had, both
halves run here, one after the other: the result is the same either way.
"""

from __future__ import annotations

import bisect
import itertools
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

__all__ = ["in_halves", "both", "halfway", "PARALLEL_CHARS"]

# Above this many characters of text, work over texts (tokenising, the keys that find copies)
# is worth a second process: below, a fork costs more than it saves.
PARALLEL_CHARS = 10_000_000

S = TypeVar("S", bound=Sequence)
R = TypeVar("R")
A = TypeVar("A")
B = TypeVar("B")


def in_halves(work: Callable[[S], R], items: S, *, worth_it: bool = True,
              sizes: Iterable[float] | None = None) -> tuple[R, R]:
    """``work`` on the first half of ``items`` and on the second, the second computed in a
    forked process meanwhile when ``worth_it`` (a fork costs a few milliseconds; give False
    for small work). The forked process inherits ``work`` and ``items`` as they are in memory;
    only its result is copied back. With ``sizes`` (what each item costs, such as a text's
    length), the halves are cut where they cost alike rather than at the middle item.

    >>> in_halves(sum, [1, 2, 3, 4]), in_halves(sum, [1, 2, 3, 4], sizes=[1, 1, 1, 3])
    ((3, 7), (6, 4))
    """
    half = len(items) // 2 if sizes is None else halfway(sizes)
    first, second = items[:half], items[half:]
    # a daemonic process (a worker of a multiprocessing pool) may not have children
    if not (worth_it and sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1
            and not multiprocessing.current_process().daemon):
        return work(first), work(second)
    context = multiprocessing.get_context("fork")
    try:
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_send_result, args=(work, second, send), daemon=True)
        process.start()
    except OSError:  # no process to be had (limits, a sandbox): both halves here
        return work(first), work(second)
    send.close()
    try:
        here = work(first)
        try:
            done, there = receive.recv()
        except EOFError:  # the process died without a word
            done, there = False, None
        return here, there if done else work(second)
    finally:
        receive.close()
        process.join(timeout=1.0)
        if process.is_alive():  # interrupted here: the other half is not wanted any more
            process.terminate()
            process.join()


def halfway(sizes: Iterable[float]) -> int:
    """Where to cut items of these ``sizes`` so that the two parts cost alike: the number of
    items in the first part.

    >>> halfway([1, 1, 1, 3]), halfway([5, 1]), halfway([])
    (3, 1, 0)
    """
    running = list(itertools.accumulate(sizes))
    return bisect.bisect_left(running, running[-1] / 2) + 1 if running else 0


def both(first: Callable[[], A], second: Callable[[], B], *, worth_it: bool = True) -> tuple[A, B]:
    """``first()`` here and ``second()`` in a forked process meanwhile, as ``in_halves`` runs
    halves: two independent pieces of work at once.

    >>> both(lambda: 1, lambda: 2)
    (1, 2)
    """
    here, there = in_halves(_call_each, (first, second), worth_it=worth_it)
    return here[0], there[0]


def _call_each(calls: Sequence[Callable[[], R]]) -> list[R]:
    return [call() for call in calls]


def _send_result(work: Callable[[S], R], part: S, send) -> None:
    try:
        result = (True, work(part))
    except BaseException:  # this half is done again in the parent, which reports any error
        result = (False, None)
    send.send(result)
    send.close()
