"""A document template that gives up on a layout loop instead of hanging."""

from __future__ import annotations

from reportlab.platypus import BaseDocTemplate
from reportlab.platypus.doctemplate import LayoutError

STUCK_ROUNDS = 3000  # placement rounds on one page before layout gives up (a page needs tens)


class WatchedDocTemplate(BaseDocTemplate):
    """A watchdog over ReportLab's placement loop: thousands of rounds on one page is a loop
    (it happens with some keep-together chains), not a long page; end in LayoutError, which
    is reported as a problem, instead of hanging."""

    def beforeDocument(self):
        self._progress = (None, 0)  # (page, rounds on it), afresh for each pass of a multi-pass build

    def handle_flowable(self, flowables):
        page, rounds = self._progress
        rounds = rounds + 1 if page == self.page else 0
        if rounds > STUCK_ROUNDS:
            raise LayoutError(f"no progress after {STUCK_ROUNDS} placement rounds on page {self.page}")
        self._progress = (self.page, rounds)
        super().handle_flowable(flowables)
