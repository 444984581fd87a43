"""The table of contents: one entry per listed heading -- its title, leader dots, its page number.

ReportLab's TableOfContents draws the dots and the number before the title (a screen reader
hears "dot dot dot 1" first), as text, from a callback inside the title's paragraph, and selects
a font of its own on the way. This one is made of small flowables that say what they are
(briefpdf.semantics): the contents is a TOC, each entry a TOCI whose title and page number are
one link to the heading, and the leader dots a decoration. Entries nest by heading level.

Filled in by a multi-pass build: the document notifies `TOCEntry` (level, plain title, page,
bookmark key) for every listed heading; each pass shows the entries of the pass before.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import IndexingFlowable

from .. import present
from ..semantics import Semantics, declare
from .typography import Para, Theme

INDENT = 14.0  # per level of nesting
DOTS = ". "


class Leaders(Flowable):
    """The dots between an entry's title and its page number: decoration, never read aloud."""

    semantics = Semantics(role="Artifact")

    def __init__(self, font: str, size: float, color, width: float):
        super().__init__()
        self.font, self.size, self.color = font, size, color
        self.width, self.height = width, size
        # dots spread to fill the width exactly: no gap wider than a space on either side, so
        # text extraction reads title, dots and number as one line
        n = max(0, int((width + stringWidth(" ", font, size)) // stringWidth(DOTS, font, size)))
        self.text = (DOTS * n).rstrip()
        extra = width - stringWidth(self.text, font, size)
        self.spacing = extra / (len(self.text) - 1) if len(self.text) > 1 else 0.0

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        if self.text:
            self.canv.setFont(self.font, self.size)
            self.canv.setFillColor(self.color)
            self.canv.drawString(0, 0, self.text, charSpace=self.spacing)


class Entry(Flowable):
    """One heading in the contents: its title and page number, both linked to the heading.

    Declared a TOCI at its heading's level; `alt` is what the entry says as one link
    ("Summary, page 2"), also the links' /Contents. `leaders` is drawn beside it by the part
    that holds it, as its own (decorative) flowable.
    """

    def __init__(self, theme: Theme, style: ParagraphStyle, level: int, title: str, page: int, key: str | None,
                 words: str, number_w: float):
        super().__init__()
        self.theme, self.style, self.level, self.key = theme, style, level, key
        self.page_text = str(page)
        self.number_w = number_w
        self.title = Para(theme.text(title), style)
        self.words = words
        self.leaders: Leaders | None = None
        declare(self, role="TOCI", outline_level=level, alt=words)

    def wrap(self, availWidth, availHeight):
        st = self.style
        indent = INDENT * self.level
        space = stringWidth(" ", st.fontName, st.fontSize)
        _, h = self.title.wrap(availWidth - indent - self.number_w - 6 * space, availHeight)
        widths = self.title.getActualLineWidths0() or [0.0]
        # baselines: the first line's sits one font size below the top; the number and the dots
        # go on the last line's
        self.baseline = h - st.fontSize - (len(widths) - 1) * st.leading
        self.dots_from = indent + widths[-1] + space
        dots_to = availWidth - stringWidth(self.page_text, st.fontName, st.fontSize) - space
        self.leaders = Leaders(st.fontName, st.fontSize, st.textColor, max(0.0, dots_to - self.dots_from))
        self.title_w = max(widths)
        self.width, self.height = availWidth, h
        return self.width, self.height

    def draw(self):
        canv, st = self.canv, self.style
        indent = INDENT * self.level
        self.title.drawOn(canv, indent, 0)
        canv.setFont(st.fontName, st.fontSize)
        canv.setFillColor(st.textColor)
        canv.drawRightString(self.width, self.baseline, self.page_text)
        if self.key:
            words = self.words
            number_x = self.width - stringWidth(self.page_text, st.fontName, st.fontSize)
            low, high = self.baseline - st.fontSize * 0.25, self.baseline + st.fontSize
            canv.linkRect(words, self.key, (indent, 0, indent + self.title_w, self.height), relative=1, thickness=0)
            canv.linkRect(words, self.key, (number_x, low, self.width, high), relative=1, thickness=0)


class ContentsPart(Flowable):
    """Some of the entries, drawn top to bottom; a page break splits the contents into parts."""

    semantics = Semantics(role="TOC")

    def __init__(self, entries: list[Entry]):
        super().__init__()
        self.entries = entries
        self._content = [x for e in entries for x in (e, e.leaders)]  # what the tagger prepares

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = sum(e.wrap(availWidth, availHeight)[1] for e in self.entries)
        self._content = [x for e in self.entries for x in (e, e.leaders)]
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        used, fit = 0.0, 0
        for e in self.entries:
            if used + e.height > availHeight:
                break
            used += e.height
            fit += 1
        if fit == 0 or fit == len(self.entries):
            return [] if fit == 0 else [self]
        return [ContentsPart(self.entries[:fit]), ContentsPart(self.entries[fit:])]

    def draw(self):
        y = self.height
        for e in self.entries:
            y -= e.height
            e.drawOn(self.canv, 0, y)
            e.leaders.drawOn(self.canv, e.dots_from, y + e.baseline)


class Contents(IndexingFlowable, ContentsPart):
    """The whole contents: collects the entries a build notifies and lays out the last pass's."""

    def __init__(self, theme: Theme, labels: present.Labels, levels: int):
        ContentsPart.__init__(self, [])
        self.theme, self.labels, self.levels = theme, labels, levels
        st = theme.styles
        self.level_styles = [ParagraphStyle(f"contents{i}", parent=st["toc1" if i == 0 else "toc2"], leftIndent=0,
                                            firstLineIndent=0, spaceBefore=0, spaceAfter=0) for i in range(levels)]
        self._pending: list[tuple] = []
        self._shown: list[tuple] = []
        self._built_for = None

    # -- the indexing protocol of a multi-pass build
    def isIndexing(self):
        return 1

    def isSatisfied(self):
        return self._pending == self._shown

    def beforeBuild(self):
        self._shown, self._pending = self._pending, []

    def afterBuild(self):
        pass

    def notify(self, kind, stuff):
        if kind == "TOCEntry":
            level, title, page, key = stuff
            if level < self.levels:
                self._pending.append((level, title, page, key))

    def wrap(self, availWidth, availHeight):
        if self._built_for != self._shown:
            self.entries = self._entries(self._shown)
            self._built_for = list(self._shown)
        return ContentsPart.wrap(self, availWidth, availHeight)

    def _entries(self, shown: list[tuple]) -> list[Entry]:
        if not shown:
            return []
        st = self.level_styles[0]
        number_w = max(stringWidth(str(page), st.fontName, st.fontSize) for _, _, page, _ in shown)
        return [Entry(self.theme, self.level_styles[level], level, title, page, key,
                      present.contents_entry(title, page, self.labels), number_w)
                for level, title, page, key in shown]
