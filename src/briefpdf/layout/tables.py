"""Tables that repeat their header row on every page and split a row taller than a page.

ReportLab raises LayoutError ("Flowable too large") for a row that cannot fit a frame; with
`splitInRow` the row is cut between lines of its cells instead, and each continuation
repeats the header. Cells are Paragraphs so long words wrap; a cell split across pages keeps
two lines on each side (the cell styles forbid widows and orphans).

Pagination rules: a table of SMALL_TABLE body rows or fewer never splits (it moves whole, unless
it is taller than a page); a larger one splits between rows, or inside a row when moving that row
whole would leave the page less than keep.FULL_ENOUGH full.
"""

from __future__ import annotations

from reportlab.platypus import Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from ..semantics import Semantics, declare, of
from .keep import FULL_ENOUGH, STARTS_A_PAGE, at_top, fill
from .typography import Para, Theme

PAD = 5
SMALL_TABLE = 6  # body rows of a table that never splits


class BriefTable(Table):
    """A Table that declares its shape (header rows, header columns, summary), and keeps it when split.

    The parts after a page break are declared `continued`: their repeated header row is the
    same header again, not a second one.
    """

    semantics = Semantics(role="Table")

    def __init__(self, data, *, header_rows: int = 1, header_cols: int = 0, summary: str = "",
                 page_height: float | None = None, **kw):
        super().__init__(data, **kw)
        declare(self, header_rows=header_rows, header_cols=header_cols, summary=summary)
        self.page_height = page_height  # the text area's height: a small table taller than it splits

    def wrap(self, availWidth, availHeight):
        if any(isinstance(w, (int, float)) and w < 0 for w in self._argW):
            # a page too narrow for the table's columns: a layout failure like any other, not the
            # ValueError ReportLab raises when it meets the cell (the keeps measure tables early)
            raise LayoutError(f"a table column is {min(self._argW):.0f} pt wide")
        return super().wrap(availWidth, availHeight)

    def split(self, availWidth, availHeight):
        if self.__dict__.get(STARTS_A_PAGE) and not at_top(self):
            return []  # the rest of a table whose first part filled the page before: it starts this one
        shape = of(self)
        if not shape.continued and self._body_rows() <= SMALL_TABLE and self._fits_a_page(availWidth):
            return []  # a small table moves whole
        parts = self._split_rows(availWidth, availHeight)
        for i, part in enumerate(parts):
            if isinstance(part, Table) and not isinstance(part, BriefTable):
                part.__class__ = BriefTable
            declare(part, shape, continued=i > 0 or bool(shape.continued))
        return parts

    def _body_rows(self) -> int:
        header = of(self).header_rows
        return len(self._cellvalues) - (self.repeatRows if header is None else header)

    def _fits_a_page(self, width: float) -> bool:
        """Whole on one page (the frame's, or the page height it was made for); when neither is known,
        assume so: the table is asked again, with its frame, once it reaches one. Under a heading
        at the top of a page (keep.LeadIn), the page is what the heading leaves (`page_room`)."""
        frame = getattr(self, "_frame", None)
        height = self.__dict__.get("page_room")
        if height is None:
            height = frame._height if frame is not None else getattr(self, "page_height", None)
        return height is None or self.wrap(width, height)[1] <= height

    def _split_rows(self, width: float, height: float) -> list:
        """Between rows; inside the row that does not fit when moving it whole would leave this
        page less than FULL_ENOUGH full."""
        parts = Table.split(self, width, height)
        frame = getattr(self, "_frame", None)
        if len(parts) != 2 or frame is None:
            return parts
        used = parts[0].wrap(width, height)[1]
        if fill(self) + used / frame._height >= FULL_ENOUGH:
            return parts
        self.splitByRow = 0  # Table.split then tries inside the row first
        try:
            inside = Table.split(self, width, height)
        finally:
            self.splitByRow = 1
        for part in inside:
            part.splitByRow = 1
        return inside if len(inside) == 2 and inside[0].wrap(width, height)[1] > used else parts


def grid_style(theme: Theme, rows: int, header_rows: int = 1, zebra: bool = True) -> TableStyle:
    """Header tint, thin horizontal rules, zebra rows: readable, pen-friendly, no heavy grid."""
    cmds = [
        ("FONTNAME", (0, 0), (-1, -1), theme.body_family.regular),  # else Table sets Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD + 1),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, theme.color("rule")),
    ]
    if header_rows:
        cmds += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), theme.color("table_header")),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 1.0, theme.color("accent")),
            ("LINEABOVE", (0, 0), (-1, 0), 1.0, theme.color("accent")),
        ]
    if zebra and rows - header_rows > 2:
        cmds.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [None, theme.color("zebra")]))
    return TableStyle(cmds)


def data_table(theme: Theme, header: list[str], rows: list[list], widths: list[float], *,
               summary: str, right_cols: tuple[int, ...] = (), mono_cols: tuple[int, ...] = (),
               header_cols: int = 0) -> BriefTable:
    """A table with one header row; cells may be markup strings or ready flowables.

    `header_cols` leading columns name their row (a payer, a code): row headers for a screen
    reader, so each cell is read with both its column and its row.
    """
    st = theme.styles
    head = [Para(theme.text(h), st["cell_head_right"] if i in right_cols else st["cell_head"])
            for i, h in enumerate(header)]
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            if isinstance(cell, str):
                style = st["cell_mono"] if i in mono_cols else st["cell_right"] if i in right_cols else st["cell"]
                cell = Para(cell, style)
            cells.append(cell)
        body.append(cells)
    table = BriefTable([head] + body, colWidths=widths, repeatRows=1, splitInRow=1, summary=summary,
                       header_cols=header_cols, style=grid_style(theme, len(body) + 1), hAlign="LEFT",
                       page_height=theme.style.frame()[1])
    return table
