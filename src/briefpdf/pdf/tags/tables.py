"""Tables: Table > (Caption) THead > TR > TH, TBody > TR > TH/TD; backgrounds and rules are artifacts.

pdf.js (Firefox) exposes a TH as a row header only inside TR inside TBody, so header rows go in
THead and every other row in TBody, each found again by key on later pages. Column headers are
TH /Scope /Column, the leading cells of a body row TH /Scope /Row. Where a data cell has both a
column and a row header, every TH gets an /ID and the TD lists its two in /Headers.

The Table element is opened by the drawOn wrapper, outside Flowable.drawOn's q/Q; inside,
Table.draw calls its renderCB around the backgrounds, each row, each cell and the lines.
The shape comes from the table's declared semantics (briefpdf.semantics): `header_rows` (TH,
Scope Column), `header_cols` (first cells TH, Scope Row), `summary`, and `continued` on the
parts after a page break --
where the repeated header row is pagination, an Artifact, not a second header. A row split
across pages continues its cells' paragraphs (same element, by key), so it stays one row.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFString
from reportlab.platypus import Flowable

from ...semantics import Semantics, of
from .canvas import LAYOUT
from .hooks import Info, install

REPEATED = "/Type /Pagination"  # a header row repeated on a later page

_UNDECLARED = Semantics()

_COL = {"O": PDFName("Table"), "Scope": PDFName("Column")}
_ROW = {"O": PDFName("Table"), "Scope": PDFName("Row")}


def _headers(ids: list[str]) -> dict:
    return {"O": PDFName("Table"), "Headers": PDFArray([PDFString(i) for i in ids])}


class TableTags:
    """A Table renderCB (chained to any existing one) that opens TR/TH/TD and artifacts."""

    def __init__(self, key, chained=None):
        self.key, self.chained = key, chained
        self.cont = self.hdr = self.repeated = False
        self.rows = self.cols = 0
        self.col_ids: dict[int, str] = {}  # column -> its header cell's ID (kept across pages)
        self.row_id: str | None = None

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
                cont = any(type(k) is not tuple and k.role != "Caption"
                           for k in getattr(c.tag_lookup(self.key), "kids", ()))
            self.cont = cont
            c.tag_artifact(LAYOUT)  # shadow, clip, cell backgrounds
        elif ev == "startRow":
            rr = T.repeatRows
            self.repeated = self.cont and (a[0] < rr if isinstance(rr, int) else a[0] in rr)
            self.hdr = a[0] < self.rows and not self.cont
            self.row_id = None
            if self.repeated:
                c.tag_artifact(REPEATED)  # the repeated header is pagination, not a second header row
            else:
                part = "THead" if self.hdr else "TBody"
                c.tag_begin(part, key=(self.key, part))
                c.tag_begin("TR")
        elif ev == "startCell":
            self._cell(c, a[1])
        elif ev == "startLines":
            c.tag_artifact(LAYOUT)  # grid, box and rules
        elif ev == "endRow":
            c.tag_end()
            if not self.repeated:
                c.tag_end()
        elif ev in ("endBG", "endCell", "endLines"):
            c.tag_end()

    def _cell(self, c, col: int) -> None:
        both = self.rows > 0 and self.cols > 0  # cells with two headers: name them
        if self.hdr:
            elem = c.tag_begin("TH", attrs=_COL, ident="th" if both else None)
            if both and not isinstance(elem, bool):
                self.col_ids[col] = elem.ident
        elif col < self.cols:
            elem = c.tag_begin("TH", attrs=_ROW, ident="th" if both else None)
            if both and col == self.cols - 1 and not isinstance(elem, bool):
                self.row_id = elem.ident
        else:
            ids = [i for i in (self.col_ids.get(col), self.row_id) if i] if both else []
            c.tag_begin("TD", attrs=_headers(ids) if ids else None)


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
