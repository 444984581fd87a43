"""Tables that repeat their header row on every page and split a row taller than a page.

ReportLab raises LayoutError ("Flowable too large") for a row that cannot fit a frame; with
`splitInRow` the row is cut between lines of its cells instead, and each continuation
repeats the header. Cells are Paragraphs so long words wrap.
"""

from __future__ import annotations

from reportlab.platypus import Table, TableStyle

from ..semantics import Semantics, declare, of
from .typography import Para, Theme

PAD = 5


class BriefTable(Table):
    """A Table that declares its shape (header rows, header columns, summary), and keeps it when split.

    The parts after a page break are declared `continued`: their repeated header row is the
    same header again, not a second one.
    """

    semantics = Semantics(role="Table")

    def __init__(self, data, *, header_rows: int = 1, header_cols: int = 0, summary: str = "", **kw):
        super().__init__(data, **kw)
        declare(self, header_rows=header_rows, header_cols=header_cols, summary=summary)

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        shape = of(self)
        for i, part in enumerate(parts):
            if isinstance(part, Table) and not isinstance(part, BriefTable):
                part.__class__ = BriefTable
            declare(part, shape, continued=i > 0 or bool(shape.continued))
        return parts


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
                       header_cols=header_cols, style=grid_style(theme, len(body) + 1), hAlign="LEFT")
    return table


def definition_table(theme: Theme, pairs: list[tuple[str, str]], width: float, *, summary: str) -> BriefTable:
    """Two columns, label and value: the key facts of a code. Labels are row headers."""
    st = theme.styles
    label_w = min(150.0, width * 0.3)
    data = [[Para(theme.text(label), st["cell_head"]), Para(value, st["cell"])] for label, value in pairs]
    table = BriefTable(data, colWidths=[label_w, width - label_w], header_rows=0, header_cols=1,
                       splitInRow=1, summary=summary, hAlign="LEFT",
                       style=grid_style(theme, len(data), header_rows=0, zebra=False))
    table.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 1.0, theme.color("accent")),
                               ("BACKGROUND", (0, 0), (0, -1), theme.color("table_header"))]))
    return table
