"""The writer's canvas: each page is held back until save(), so furniture can say "Page N of M".

Deferring pages lets one layout pass suffice: when the canvas is saved the page count is known,
and each held page gets its furniture (running header, footer, watermark: whatever the layout's
`decorate` names) and its bookmarks before it is written. Each part of the furniture is drawn
through `draw_furniture`, which a tagged canvas marks as that kind of artifact (pagination
header, footer, watermark): the layout never knows.
"""

from __future__ import annotations

from typing import Callable, Iterable

from reportlab.pdfgen.canvas import Canvas

from ..semantics import Furniture

# names one finished page's furniture: decorate(canvas, page, total) -> its parts, each with its drawer
Decorate = Callable[[Canvas, int, int], Iterable[Furniture]]


class BriefingCanvas(Canvas):
    """Defers each page until save(); bookmarks are deferred with it."""

    decorate: Decorate | None = None  # set per document

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pending: list[dict] = []
        # set by a flowable while drawing (a packet's part start), kept per page for decorate
        self.page_context = None
        self._bookmarks: dict[int, list] = {}

    def bookmarkPage(self, key, **kw):
        """Deferred too: a bookmark names the page object, which exists only once save() emits it."""
        self._bookmarks.setdefault(self._pageNumber, []).append((key, kw))

    def showPage(self):
        self._pending.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pending)
        for number, state in enumerate(self._pending, start=1):
            self.__dict__.update(state)
            if self.decorate:
                for part in self.decorate(self, number, total):
                    self.draw_furniture(part)
            for key, kw in self._bookmarks.get(number, ()):
                Canvas.bookmarkPage(self, key, **kw)
            Canvas.showPage(self)
        Canvas.save(self)

    def draw_furniture(self, part: Furniture) -> None:
        """One part of the page furniture, in its own graphics state; the tagged canvas brackets it
        as an artifact of its kind."""
        self.saveState()
        try:
            part.draw()
        finally:
            self.restoreState()
