"""A meeting packet: cover, contents with page numbers, then each briefing's own story.

One document, one canvas: each briefing's pages keep their own running header, footer and
watermark (the briefing's decorator), page numbers run on across the packet, and every
briefing's bookmarks nest under its title. A zero-size `PartStart` flowable opens each
briefing: it tells the canvas which briefing the page belongs to (`page_context`) and gives
a tagger the place where a Part begins.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Callable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak

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


class PacketDoc(BriefingDoc):
    """The packet's document: packet metadata; only briefing titles go to the contents."""

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

    def beforeDocument(self):
        """Each layout pass starts afresh, so the contents sees the same entries and settles."""
        super().beforeDocument()
        self.part = None

    def afterFlowable(self, flowable):
        if isinstance(flowable, PartStart):
            self.part = flowable.index
            self.first_pages[flowable.index] = self.page
        entry = self.bookmark(flowable)
        if entry and entry[0] == 0 and self.part is not None:
            level, title, key = entry
            self.notify("TOCEntry", (0, title, self.page, key))


def packet_story(doc: PacketDoc, stories: list[list[Flowable]]) -> list[Flowable]:
    """Cover, contents, then each briefing on a fresh page."""
    theme, width = doc.theme, doc.width
    with speaking(doc.labels):
        story = cover(theme, doc.briefings, doc.packet_title, doc.packet_date, width, doc.labels)
        story += [PageBreak(), *contents(theme, doc.labels)]
    for i, (b, part) in enumerate(zip(doc.briefings, stories, strict=True)):
        story += [PageBreak(), PartStart(i, b), *part]
    return story


def cover(theme: Theme, briefings: list[Briefing], title: str, date: dt.date, width: float,
          labels: present.Labels = present.ENGLISH) -> list[Flowable]:
    st = theme.styles
    eyebrow = declare(Para(theme.text(labels.packet_eyebrow), st["eyebrow"]), role="P")
    head = declare(Para(theme.text(title), st["title"]), role="H1", outline_level=0, outline_title=title)
    facts = declare(Para(f"<b>{theme.text(labels.facts['date'])}:</b> {present.date_text(date, labels)} "
                         f"&nbsp;·&nbsp; {present.packet_count(len(briefings), labels)}", st["facts"]), role="P")
    rows = [[theme.text(b.label), theme.text(b.document.title), present.date_text(b.document.date, labels),
             theme.text(labels.values[b.document.status])] for b in briefings]
    code_w, date_w, status_w = 92, 70, 72
    table = data_table(theme, list(labels.packet_headers), rows,
                       [code_w, width - code_w - date_w - status_w, date_w, status_w],
                       summary=labels.summaries["packet"], mono_cols=(0,), header_cols=1)
    return [eyebrow, head, facts, rule(theme, thick=1.4, space=8, color="accent"),
            heading(theme, labels.packet_list, "h2", outline=False), table, gap(6)]


def contents(theme: Theme, labels: present.Labels = present.ENGLISH) -> list[Flowable]:
    """The packet's contents: the briefings only, as a top-level bookmark beside them."""
    h, toc = toc_block(theme, levels=1, labels=labels)
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
