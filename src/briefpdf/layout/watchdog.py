"""A document template that gives up on a layout loop, or a layout past its budget, instead of
hanging or eating the machine's memory.

ReportLab lays out until the story is placed. A story that cannot settle -- a 20,000-character
title set in 36 pt type two inches wide, split and re-measured page after page -- took minutes
and gigabytes before it failed. Each document gets a budget of time, pages and memory growth,
checked between flowables; the first one spent ends the layout with a message.
"""

from __future__ import annotations

import os
import time

from reportlab.platypus import BaseDocTemplate
from reportlab.platypus.doctemplate import LayoutError

STUCK_ROUNDS = 3000  # placement rounds on one page before layout gives up (a page needs tens)
DEADLINE = 60.0  # seconds of layout per document, every pass of a contents build together
MAX_PAGES = 2000  # a thousand payers in narrow margins make 800
MAX_GROWTH = 1 << 30  # bytes the process may grow by while laying out one document
MEMORY_EVERY = 64  # placement rounds between two looks at the process's memory


class OverBudget(Exception):
    """The layout was stopped: it took too long, made too many pages or grew too large (the
    engine reports it against the source)."""

    hint = ("something in the source cannot be laid out with this style in reasonable time: a very long "
            "title, heading or table cell in large type, or margins too narrow; try the default style to see which")


class WatchedDocTemplate(BaseDocTemplate):
    """A watchdog over ReportLab's placement loop: thousands of rounds on one page is a loop
    (it happens with some keep-together chains), not a long page; end in LayoutError, which
    is reported as a problem, instead of hanging. The same watch keeps the budget."""

    def beforeDocument(self):
        self._progress = (None, 0)  # (page, rounds on it), afresh for each pass of a multi-pass build

    def handle_flowable(self, flowables):
        page, rounds = self._progress
        rounds = rounds + 1 if page == self.page else 0
        if rounds > STUCK_ROUNDS:
            raise LayoutError(f"no progress after {STUCK_ROUNDS} placement rounds on page {self.page}")
        self._progress = (self.page, rounds)
        self._keep_budget()
        super().handle_flowable(flowables)

    def _keep_budget(self) -> None:
        budget = self.__dict__.get("_budget")
        if budget is None:  # the first flowable of the first pass: the budget covers every pass
            budget = self._budget = [time.monotonic() + DEADLINE, _resident(), 0]
        deadline, start_memory, calls = budget
        budget[2] = calls + 1
        if time.monotonic() > deadline:
            raise OverBudget(f"the layout was stopped after {DEADLINE:g} s, at page {self.page}")
        if self.page > MAX_PAGES:
            raise OverBudget(f"the layout was stopped at page {self.page}: a briefing has at most {MAX_PAGES:,} pages")
        if calls % MEMORY_EVERY == 0 and start_memory is not None:
            now = _resident()
            if now is not None and now - start_memory > MAX_GROWTH:
                raise OverBudget(f"the layout was stopped at page {self.page}: it needed more than "
                                 f"{MAX_GROWTH / 2**30:g} GB of memory")


def _resident() -> int | None:
    """The process's resident memory in bytes (Linux), or None where it cannot be read cheaply."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None
