"""The page template: paper, margins, the one body frame, document metadata, the outline.

Every heading that declares an outline level becomes a bookmark (and a contents entry when
the style asks for contents) as it is placed. Furniture (layout/furniture.py) is drawn later,
by the writer's canvas, once the page count is known.
"""

from __future__ import annotations

from reportlab.platypus import Frame, PageTemplate

from .. import present
from ..model import Briefing
from ..semantics import of
from .typography import Theme
from .watchdog import WatchedDocTemplate

SPARSE = 0.25  # a last page less than a quarter full is laid out again, tighter (kept if it saves the page)


class BriefingDoc(WatchedDocTemplate):
    """Letter/A4 pages with one frame; bookmarks every heading that carries an outline level."""

    def __init__(self, target, theme: Theme, briefing: Briefing, **kw):
        style = theme.style
        width, height = style.paper()
        self.theme = theme
        self.briefing = briefing
        meta = dict(
            title=present.document_title(briefing),
            author=briefing.document.author or briefing.document.organization or "",
            subject=present.document_subject(briefing, present.labels_of(briefing)),
            keywords=", ".join(briefing.document.keywords) or briefing.label,
            creator="briefpdf", producer="briefpdf", lang=briefing.document.language)
        meta.update(kw)  # a packet passes its own title, subject, keywords
        super().__init__(
            target, pagesize=(width, height),
            leftMargin=style.length(style.page.margin_left), rightMargin=style.length(style.page.margin_right),
            topMargin=style.length(style.page.margin_top), bottomMargin=style.length(style.page.margin_bottom),
            displayDocTitle=1, invariant=1, initialFontName=theme.body_family.regular, **meta)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._outline_keys = 0

    def beforeDocument(self):
        super().beforeDocument()
        self._outline_keys = 0  # each pass of a multi-pass build (contents) numbers keys alike
        self._outline_level = -1
        self.page_fill: dict[int, float] = {}

    def afterPage(self):
        """How full each page's text area ended up (0 empty, 1 full): the engine asks `sparse_end`."""
        frame = self.frame
        self.page_fill[self.page] = (frame._y2 - frame._y) / frame._height if frame._height else 1.0

    def sparse_end(self, last_page: int | None = None) -> bool:
        """Whether the page ending a briefing holds little (a disclaimer, a few lines): worth laying
        the briefing out again with tighter spacing (layout.build_story(compact=True))."""
        return self.page_fill.get(last_page or self.page, 1.0) < SPARSE and (last_page or self.page) > 1

    def afterFlowable(self, flowable):
        entry = self.bookmark(flowable)
        if entry and self.theme.style.options.toc and of(flowable).listed:
            self.notify("TOCEntry", (entry[0], entry[1], self.page, entry[2]))

    def bookmark(self, flowable):
        """Add an outline entry for a heading that carries an outline level; (level, title, key)."""
        sem = of(flowable)
        level = sem.outline_level if sem else None
        if level is None:
            return None
        # never jump more than one level deeper than the entry before (a heading split over a
        # page break, or a title that did not fit, must not leave the outline invalid)
        level = min(level, self._outline_level + 1)
        self._outline_level = level
        title = sem.outline_title or flowable.getPlainText()
        key = f"h{self._outline_keys}"
        self._outline_keys += 1
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=level, closed=False)
        return level, title, key
