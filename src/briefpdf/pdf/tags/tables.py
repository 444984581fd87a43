"""Tables: Table > TR > TH (Scope Column / Row) | TD; backgrounds and rules are artifacts.

The Table element is opened by the drawOn wrapper, outside Flowable.drawOn's q/Q; inside,
Table.draw calls its renderCB around the backgrounds, each row, each cell and the lines.
The shape comes from the table's declared semantics (briefpdf.semantics): `header_rows` (TH,
Scope Column), `header_cols` (first cells TH, Scope Row), `summary`, and `continued` on the
parts after a page break --
where the repeated header row is pagination, an Artifact, not a second header. A row split
across pages continues its cells' paragraphs (same element, by key), so it stays one row.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import PDFName, PDFString
from reportlab.platypus import Flowable

from ...semantics import Semantics, of
from .hooks import Info, install

_UNDECLARED = Semantics()

_COL = {"O": PDFName("Table"), "Scope": PDFName("Column")}
_ROW = {"O": PDFName("Table"), "Scope": PDFName("Row")}


class TableTags:
    """A Table renderCB (chained to any existing one) that opens TR/TH/TD and artifacts."""

    def __init__(self, key, chained=None):
        self.key, self.chained = key, chained
        self.cont = self.hdr = False
        self.rows = self.cols = 0

    def __call__(self, T, ev, *a):
        if self.chained:
            self.chained(T, ev, *a)
        c = T.canv
        if not hasattr(c, "_tagpage"):
            return
        if ev == "startTable":
            rr = T.repeatRows
            shape = of(T) or _UNDECLARED
            self.rows = (rr if isinstance(rr, int) else len(rr)) if shape.header_rows is None else shape.header_rows
            self.cols = shape.header_cols
            cont = shape.continued
            if cont is None:  # a plain Table: rows tagged on an earlier page make this a continuation
                cont = any(type(k) is not tuple for k in getattr(c.tag_lookup(self.key), "kids", ()))
            self.cont = cont
            c.tag_artifact()  # shadow, clip, cell backgrounds
        elif ev == "startRow":
            rr = T.repeatRows
            repeated = self.cont and (a[0] < rr if isinstance(rr, int) else a[0] in rr)
            self.hdr = a[0] < self.rows and not self.cont
            if repeated:
                c.tag_artifact()  # the repeated header is pagination, not a second header row
            else:
                c.tag_begin("TR")
        elif ev == "startCell":
            if self.hdr:
                c.tag_begin("TH", attrs=_COL)
            elif a[1] < self.cols:
                c.tag_begin("TH", attrs=_ROW)
            else:
                c.tag_begin("TD")
        elif ev == "startLines":
            c.tag_artifact()  # grid, box and rules
        elif ev in ("endBG", "endCell", "endRow", "endLines"):
            c.tag_end()


def prepare_table(t, prepare) -> None:
    summary = (of(t) or _UNDECLARED).summary
    attrs = {"O": PDFName("Table"), "Summary": PDFString(summary)} if summary else None
    info = Info("Table", attrs=attrs)
    install(t, info)
    t._renderCB = TableTags(info.key, t._renderCB)
    for row in t._cellvalues:
        for v in row:
            if isinstance(v, (list, tuple)):
                prepare(v)
            elif isinstance(v, Flowable):
                prepare([v])
