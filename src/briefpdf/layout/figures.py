"""Amounts in a table column, aligned on the decimal mark, in tabular lining figures.

A right-aligned column lines amounts up only when every cell ends alike; "$380.50 USD †" beside
"$420.00 USD" does not, nor "118.5% of Medicare". Each `Amount` draws what comes before the
mark right-aligned to one x shared by its column, and the mark, the decimals, any words and the
illustrative mark from there. Words every amount shares (the currency) go once into the
column's header instead: "Amount (USD)". Figures are set in the style's figures face
(tabular, a plain zero), sized to the body face's digit height (fonts.fit). When the words do
not fit beside the widest amount, they go on a second line, right-aligned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .. import fonts
from .typography import Theme

CITE = 0.7  # a citation's size, of the cell text's


@dataclass
class Column:
    """What the amounts of one column share: their faces, and the widths they align on."""

    figures: str
    words: str
    size: float  # the body size of the cell text
    figure_size: float
    leading: float
    color: object
    cells: list["Amount"] = field(default_factory=list)

    def widths(self) -> tuple[float, float, float]:
        """(widest head, widest mark and decimals, widest words with their space)."""
        return (max(c.head_w for c in self.cells), max(c.frac_w for c in self.cells),
                max(c.words_w for c in self.cells))


class Amount(Flowable):
    """One amount of a column: head | .decimals words, the mark at the column's decimal x."""

    def __init__(self, column: Column, head: str, frac: str, words: str, cite: str = ""):
        super().__init__()
        self.column, self.head, self.frac, self.words, self.cite = column, head, frac, words, cite
        c = column
        self.head_w = stringWidth(head, c.figures, c.figure_size)
        self.frac_w = stringWidth(frac, c.figures, c.figure_size)
        self.cite_w = stringWidth(cite, c.words, c.size * CITE) if cite else 0.0
        self.words_w = (stringWidth(" " + words, c.words, c.size) if words else 0.0) + self.cite_w
        column.cells.append(self)

    def wrap(self, availWidth, availHeight):
        head_w, frac_w, words_w = self.column.widths()
        self.two_lines = head_w + frac_w + words_w > availWidth and bool(self.words)
        tail = frac_w if self.two_lines else frac_w + words_w
        self.mark_x = max(head_w, availWidth - tail)
        self.width = availWidth
        self.height = self.column.leading * (2 if self.two_lines else 1)
        return self.width, self.height

    def draw(self):
        c, canv = self.column, self.canv
        baseline = self.height - c.size  # where a Paragraph of the same style sets its first line
        canv.setFillColor(c.color)
        canv.setFont(c.figures, c.figure_size)
        canv.drawRightString(self.mark_x, baseline, self.head)
        canv.drawString(self.mark_x, baseline, self.frac)
        end = self.mark_x + self.frac_w
        if self.words:
            canv.setFont(c.words, c.size)
            if self.two_lines:
                baseline -= c.leading
                canv.drawRightString(self.width - self.cite_w, baseline, self.words)
                end = self.width - self.cite_w
            else:
                canv.drawString(end, baseline, " " + self.words)
                end += stringWidth(" " + self.words, c.words, c.size)
        if self.cite:  # the sources that support the amount, raised like a note number
            canv.setFont(c.words, c.size * CITE)
            canv.drawString(end, baseline + c.size * 0.35, self.cite)


def amount_column(theme: Theme, header: str, parts: list[tuple[str, str, str, str]],
                  style: str = "cell", cites: list[str] | None = None) -> tuple[str, list[Amount]]:
    """(the column's header, one aligned cell per (head, mark and decimals, words, illustrative
    mark) of present.money_parts). Words all the amounts share go into the header; `cites[i]`
    is the citation ('[2]') of the sources behind amount i, set after it."""
    ps: ParagraphStyle = theme.styles[style]
    figures = theme.figures_family.regular
    scale, _ = fonts.fit(figures, ps.fontName, "0", True)
    column = Column(figures, ps.fontName, ps.fontSize, ps.fontSize * scale, ps.leading, ps.textColor)
    shared = {words for _, _, words, _ in parts}
    common = shared.pop() if len(shared) == 1 else ""
    cites = cites or [""] * len(parts)
    cells = [Amount(column, head, frac, " ".join(x for x in ("" if common else words, mark) if x), cite)
             for (head, frac, words, mark), cite in zip(parts, cites, strict=True)]
    return (f"{header} ({common})" if common else header), cells
