"""A meeting packet: a cover listing the briefings, the contents, then each briefing's own story.

One document, one canvas: each briefing's pages keep their own running header, footer and
watermark (the briefing's decorator), page numbers run on across the packet, and every
briefing's bookmarks nest under its title. A zero-size `PartStart` flowable opens each
briefing: it tells the canvas which briefing the page belongs to (`page_context`) and gives
a tagger the place where a Part begins.

The cover lists each briefing with its code, title, scope, date, version, status and pages; the
contents lists each briefing and its sections, with their pages. Both are on the cover's page
when they fit, else the contents opens the next page. Page numbers on the cover come from the
pass before (`PacketPages`), as the contents' do.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Callable

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, PageBreak
from reportlab.platypus.doctemplate import IndexingFlowable

from .. import present
from ..model import Briefing
from ..semantics import Furniture, Semantics, declare
from .blocks import gap, heading, rule
from .furniture import decorator, draw_footer
from .pages import BriefingDoc
from .sections import toc_block
from .tables import data_table
from .typography import Para, Theme, speaking


class PartStart(Flowable):
    """Marks where briefing `index` begins; draws nothing."""

    semantics = Semantics(role="Part")

    def __init__(self, index: int, briefing: Briefing):
        super().__init__()
        self.index = index
        self.briefing = briefing
        self.width = self.height = 0
        declare(self, role="Part", lang=briefing.document.language)  # each part says its language

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        self.canv.page_context = (self.index, self.canv.getPageNumber())


class PacketPages(IndexingFlowable):
    """Where each briefing begins and how many pages the packet has, as the pass before found them.

    Zero size, first in the story: the document tells it each briefing's first page and each
    page it ends, and the build runs another pass until they stop changing."""

    def __init__(self):
        super().__init__()
        self.width = self.height = 0
        self._seen: dict = {}
        self._last: dict = {}

    def notify(self, kind, stuff):
        if kind == "PacketPage":
            key, page = stuff
            self._seen[key] = page

    def beforeBuild(self):
        self._last, self._seen = self._seen, {}

    def isSatisfied(self):
        return self._seen == self._last

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        pass

    def pages(self, index: int) -> str:
        """'3–5': the pages of briefing `index` (empty before the first pass has counted them)."""
        first = self._last.get(("first", index))
        following = self._last.get(("first", index + 1), (self._last.get("total") or 0) + 1)
        if first is None or following is None:
            return ""
        return str(first) if following - 1 <= first else f"{first}\u2013{following - 1}"


class PacketDoc(BriefingDoc):
    """The packet's document: packet metadata; the contents lists briefing titles and sections."""

    def __init__(self, target, theme: Theme, briefings: list[Briefing], title: str, date: dt.date):
        # the packet speaks its first briefing's language (the catalog's /Lang); each Part its own
        self.labels = present.labels_of(briefings[0])
        super().__init__(target, theme, briefings[0], title=title,
                         subject=present.packet_subject(briefings, self.labels),
                         keywords=", ".join(b.label for b in briefings), author=briefings[0].document.organization or "")
        self.briefings = briefings
        self.packet_title = title
        self.packet_date = date
        self.part = None
        self.first_pages: dict[int, int] = {}
        self.ledger = PacketPages()

    def beforeDocument(self):
        """Each layout pass starts afresh, so the contents sees the same entries and settles."""
        super().beforeDocument()
        self.part = None

    def afterFlowable(self, flowable):
        if isinstance(flowable, PartStart):
            self.part = flowable.index
            self.first_pages[flowable.index] = self.page
            self.notify("PacketPage", (("first", flowable.index), self.page))
        entry = self.bookmark(flowable)
        if entry and entry[0] <= CONTENTS_LEVEL and self.part is not None:
            level, title, key = entry
            self.notify("TOCEntry", (level, title, self.page, key))

    def afterPage(self):
        super().afterPage()
        self.notify("PacketPage", ("total", self.page))


CONTENTS_LEVEL = 1  # the contents lists each briefing (0) and its sections (1)


def packet_story(doc: PacketDoc, stories: list[list[Flowable]]) -> list[Flowable]:
    """Cover, contents (on the cover's page when it fits), then each briefing on a fresh page."""
    theme, width = doc.theme, doc.width
    with speaking(doc.labels):
        story = [doc.ledger, *cover(theme, doc.briefings, doc.packet_title, doc.packet_date, width, doc.ledger,
                                    doc.labels)]
        listing = contents(theme, doc.labels)
    story += [FitOrBreak(listing), *listing]
    for i, (b, part) in enumerate(zip(doc.briefings, stories, strict=True)):
        story += [PageBreak(), PartStart(i, b), *part]
    return story


class FitOrBreak(CondPageBreak):
    """A page break unless the flowables after it fit in what is left of the page."""

    def __init__(self, flowables: list[Flowable]):
        super().__init__(0)
        self.flowables = flowables
        declare(self, role="Artifact")

    def wrap(self, availWidth, availHeight):
        self.height = sum(f.wrapOn(self.canv, availWidth, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                          for f in self.flowables)
        return super().wrap(availWidth, availHeight)


class PageRange(Flowable):
    """A briefing's pages in the cover's list, drawn from the pass before (a table cell)."""

    def __init__(self, ledger: PacketPages, index: int, font: str, size: float, leading: float, color):
        super().__init__()
        self.ledger, self.index = ledger, index
        self.font, self.size, self.leading, self.color = font, size, leading, color

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, self.leading
        return self.width, self.height

    def draw(self):
        text = self.ledger.pages(self.index)
        if text:
            self.canv.setFont(self.font, self.size)
            self.canv.setFillColor(self.color)
            self.canv.drawRightString(self.width, self.height - self.size, text)


def cover(theme: Theme, briefings: list[Briefing], title: str, date: dt.date, width: float,
          ledger: PacketPages, labels: present.Labels = present.ENGLISH) -> list[Flowable]:
    """The packet's title and date, and the briefings it holds: code, title with scope, date and
    version, status, and pages."""
    st = theme.styles
    eyebrow = declare(Para(theme.text(labels.packet_eyebrow), st["eyebrow"]), role="P")
    head = declare(Para(theme.text(title), st["title"]), role="H1", outline_level=0, outline_title=title)
    facts = declare(Para(f"<b>{theme.text(labels.facts['date'])}:</b> {present.date_text(date, labels)} "
                         f"&nbsp;·&nbsp; {present.packet_count(len(briefings), labels)}", st["facts"]), role="P")
    cell = st["cell"]
    rows = [[theme.text(b.label), _briefing_cell(theme, b, labels), theme.text(labels.values[b.document.status]),
             PageRange(ledger, i, cell.fontName, cell.fontSize, cell.leading, cell.textColor)]
            for i, b in enumerate(briefings)]
    code_w = max(stringWidth(b.label, theme.mono_family.bold, cell.fontSize) for b in briefings) + 14
    status_w, pages_w = 72, 52
    table = data_table(theme, list(labels.packet_headers), rows,
                       [code_w, width - code_w - status_w - pages_w, status_w, pages_w],
                       summary=labels.summaries["packet"], mono_cols=(0,), right_cols=(3,), header_cols=1)
    return [eyebrow, head, facts, rule(theme, thick=1.4, space=8, color="accent"),
            heading(theme, labels.packet_list, "h2", outline=False), table, gap(10)]


def _briefing_cell(theme: Theme, b: Briefing, labels: present.Labels) -> str:
    """The briefing's title, and under it, small: scope, date and version (in the packet's words)."""
    m = b.document
    detail = [m.scope, present.date_text(m.date, labels), labels.version.format(version=m.version) if m.version else None]
    small = theme.style.sizes.small
    return (f"{theme.text(m.title)}<br/><font size=\"{small}\" color=\"{theme.hex('muted')}\">"
            f"{theme.text(present.SEP.join(x for x in detail if x))}</font>")


def contents(theme: Theme, labels: present.Labels = present.ENGLISH) -> list[Flowable]:
    """The packet's contents: each briefing and its sections, as a top-level bookmark beside them."""
    h, toc = toc_block(theme, levels=CONTENTS_LEVEL + 1, labels=labels)
    declare(h, outline_level=0)  # a top-level bookmark beside the briefings, not under the cover
    return [h, toc]


def packet_decorator(theme: Theme, doc: PacketDoc) -> Callable:
    """Briefing pages get their briefing's header and footer; cover and contents a packet footer."""
    parts = [decorator(theme, b, doc) for b in doc.briefings]
    footer_left = present.packet_footer_text(doc.packet_title, doc.packet_date, doc.labels)

    def decorate(canv: Canvas, page: int, total: int) -> list[Furniture]:
        ctx = canv.page_context
        if ctx is not None:
            index, first = ctx
            return parts[index](canv, page, total, show_header=page != first)
        label = present.page_text(page, total, doc.labels)
        return [Furniture("footer", partial(draw_footer, canv, theme, doc, footer_left, label))]

    return decorate
