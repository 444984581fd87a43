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
