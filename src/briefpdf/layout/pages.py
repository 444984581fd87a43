"""Page templates: the frame, the running header and footer with "Page N of M", the watermark.

Header and footer are drawn when the canvas is saved, once the page count is known (the
deferred-page canvas pattern), so one layout pass suffices. Headings become bookmarks as
they are placed.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from ..model import Briefing
from .typography import Theme

STUCK_ROUNDS = 3000  # placement rounds on one page before layout gives up (a page needs tens)


class BriefingCanvas(Canvas):
    """Defers each page until save() so the footer can say "Page N of M"."""

    decorate = None  # set per document: callable(canvas, page, total)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pending: list[dict] = []
        self.page_context = None  # set by a flowable while drawing (bundle); kept per page for decorate
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
                self.decorate(self, number, total)
            for key, kw in self._bookmarks.get(number, ()):
                Canvas.bookmarkPage(self, key, **kw)
            Canvas.showPage(self)
        Canvas.save(self)


class BriefingDoc(BaseDocTemplate):
    """Letter/A4 pages with one frame; bookmarks every heading that carries an outline level."""

    def __init__(self, target, theme: Theme, briefing: Briefing, **kw):
        style = theme.style
        width, height = style.paper()
        self.theme = theme
        self.briefing = briefing
        meta = dict(
            title=f"{briefing.label}: {briefing.document.title}", author=briefing.document.author or briefing.document.organization or "",
            subject=f"{briefing.label} briefing, {briefing.document.scope or 'scope not provided'}",
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
        self._outline_keys = 0  # each pass of a multi-pass build (contents) numbers keys alike
        self._outline_level = -1
        self._progress = (None, 0)

    def handle_flowable(self, flowables):
        """A watchdog over ReportLab's placement loop: thousands of rounds on one page is a loop
        (it happens with some keep-together chains), not a long page; end in LayoutError, which
        is reported as a problem, instead of hanging."""
        page, rounds = self._progress
        rounds = rounds + 1 if page == self.page else 0
        if rounds > STUCK_ROUNDS:
            raise LayoutError(f"no progress after {STUCK_ROUNDS} placement rounds on page {self.page}")
        self._progress = (self.page, rounds)
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable):
        entry = self.bookmark(flowable)
        if entry and self.theme.style.options.toc:
            self.notify("TOCEntry", (entry[0], entry[1], self.page, entry[2]))

    def bookmark(self, flowable):
        """Add an outline entry for a heading that carries an outline level; (level, title, key)."""
        level = getattr(flowable, "outline_level", None)
        if level is None:
            return None
        # never jump more than one level deeper than the entry before (a heading split over a
        # page break, or a title that did not fit, must not leave the outline invalid)
        level = min(level, self._outline_level + 1)
        self._outline_level = level
        title = getattr(flowable, "outline_title", None) or flowable.getPlainText()
        key = f"h{self._outline_keys}"
        self._outline_keys += 1
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=level, closed=False)
        return level, title, key


def decorator(theme: Theme, briefing: Briefing, doc: BriefingDoc):
    """The callable that draws header, footer and watermark on a finished page."""
    sizes = theme.style.sizes
    body_font, bold_font = theme.body_family.regular, theme.body_family.bold
    width, height = doc.pagesize
    left, right = doc.leftMargin, width - doc.rightMargin
    meta = briefing.document
    footer_left = f"{briefing.label} · {briefing.short_title} · {meta.date.isoformat()}"
    if meta.version:
        footer_left += f" · v{meta.version}"
    header = fit_text(f"{briefing.label} · {briefing.document.title}", body_font, sizes.small, right - left)
    watermark = {"draft": "DRAFT", "sample": "SAMPLE DATA"}.get(meta.status)
    _, header_y = band_baselines(doc, sizes.small)

    def decorate(canv: Canvas, page: int, total: int, show_header: bool | None = None):
        canv.saveState()
        artifact = getattr(canv, "begin_artifact", None)
        if artifact:
            artifact("Pagination")
        draw_footer(canv, theme, doc, footer_left, page, total)
        if page > 1 if show_header is None else show_header:
            canv.setFont(body_font, sizes.small)
            canv.drawString(left, header_y, header)
            canv.line(left, header_y - 4, right, header_y - 4)
        if watermark:
            canv.setFont(bold_font, 72 if len(watermark) < 8 else 60)
            canv.setFillColor(theme.color("accent"), alpha=0.10)
            canv.translate(width / 2, height / 2)
            canv.rotate(45)
            canv.drawCentredString(0, -24, watermark)
        if artifact:
            canv.end_artifact()
        canv.restoreState()

    return decorate


def draw_footer(canv: Canvas, theme: Theme, doc: BaseDocTemplate, text: str, page: int, total: int) -> None:
    """A rule, `text` on the left (shortened to fit) and "Page N of M" on the right."""
    small = theme.style.sizes.small
    body_font, bold_font = theme.body_family.regular, theme.body_family.bold
    left, right = doc.leftMargin, doc.pagesize[0] - doc.rightMargin
    footer_y, _ = band_baselines(doc, small)
    canv.setStrokeColor(theme.color("rule"))
    canv.setLineWidth(0.5)
    canv.line(left, footer_y + small + 4, right, footer_y + small + 4)
    canv.setFillColor(theme.color("muted"))
    label = f"Page {page} of {total}"
    room = right - left - canv.stringWidth(label, bold_font, small) - small
    canv.setFont(body_font, small)
    canv.drawString(left, footer_y, fit_text(text, body_font, small, room))
    canv.setFont(bold_font, small)
    canv.drawRightString(right, footer_y, label)


def band_baselines(doc: BaseDocTemplate, small: float) -> tuple[float, float]:
    """Baselines of the running footer and header, centred in their margins.

    Style validation keeps each margin at least two lines of small text tall, so the footer's
    rule and the header's rule never reach the body frame.
    """
    footer_y = max(4.0, (doc.bottomMargin - small - 4) / 2)
    header_y = doc.pagesize[1] - max(4.0 + small, (doc.topMargin + small) / 2)
    return footer_y, header_y


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """Shorten text with an ellipsis so a running line never runs past the margin.

    Binary search on the cut point: a few measurements whatever the length of the title.
    """
    if stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)  # text[:lo] + "…" fits; text[:hi] + "…" does not (or hi is the whole)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if stringWidth(text[:mid] + "…", font, size) <= width:
            lo = mid
        else:
            hi = mid
    return text[:lo].rstrip() + "…"
