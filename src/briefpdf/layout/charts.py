"""The reimbursement chart: horizontal vector bars, each labelled with its amount, basis and setting.

Vector (ReportLab graphics) so its text stays extractable and sharp in print; it carries
alternative text, and every number in it also appears in the benchmark table.
"""

from __future__ import annotations

from collections import Counter

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from ..model import LABELS, Briefing
from .typography import Theme


def _key(bm) -> tuple:
    return (bm.basis == "percent_of_medicare", bm.currency)


MAX_BARS = 16  # bars per figure: a long payer list continues in a second figure, never off the page
BAR_H, GAP_H, TOP_PAD, BOTTOM_PAD = 16, 9, 20, 6


def benchmark_charts(b: Briefing, theme: Theme, width: float):
    """(figures, names left out). Bars share one unit (the commonest currency, or % of Medicare)
    and one scale across all figures, so bars in a continuation compare with the first."""
    given = [p for p in b.payers if p.benchmark]
    unit = Counter(_key(p.benchmark) for p in given).most_common(1)[0][0]
    shown = [p for p in given if _key(p.benchmark) == unit]
    left_out = [p.name for p in given if _key(p.benchmark) != unit]
    percent, currency = unit
    unit_text = "% of Medicare" if percent else currency
    size = theme.style.sizes.table
    labels = [_value_label(p.benchmark, percent) for p in shown]
    body = theme.body_family.regular
    label_w = min(150.0, width * 0.28)
    value_w = min(width * 0.45, max(stringWidth(t, body, size) for t in labels) + 8)
    plot_w = max(40.0, width - label_w - value_w)
    peak = max(p.benchmark.amount for p in shown) or 1.0
    figures = []
    for start in range(0, len(shown), MAX_BARS):
        chunk = list(zip(shown[start:start + MAX_BARS], labels[start:start + MAX_BARS], strict=True))
        title = f"Reimbursement benchmark by payer ({unit_text})" + (" (continued)" if start else "")
        d = _drawing(theme, chunk, title, width, label_w, plot_w, peak, start)
        alt = ("Bar chart of reimbursement benchmarks" + (" (continued)" if start else "") + ": " + "; ".join(
            f"{p.name} {p.benchmark.amount:,.2f} {unit_text}" for p, _ in chunk) + ".")
        figures.append(Figure(d, alt))
    return figures, left_out


def _value_label(bm, percent: bool) -> str:
    amount = f"{bm.amount:,.1f}%" if percent else f"{bm.amount:,.2f} {bm.currency}"
    detail = ", ".join(x for x in (None if percent else LABELS[bm.basis],
                                   LABELS[bm.setting] if bm.setting else None) if x)
    return amount + (f" ({detail})" if detail else "")


def _drawing(theme: Theme, chunk, title, width, label_w, plot_w, peak, offset) -> Drawing:
    body, bold = theme.body_family.regular, theme.body_family.bold
    size = theme.style.sizes.table
    height = TOP_PAD + BOTTOM_PAD + len(chunk) * (BAR_H + GAP_H)
    d = Drawing(width, height, initialFontName=body, initialFontSize=size)  # no default Helvetica
    top = height - TOP_PAD
    text = theme.color("text")
    d.add(String(0, height - 12, title, fontName=bold, fontSize=size, fillColor=text))
    palette = theme.chart_colors
    for i, (p, label) in enumerate(chunk):
        y = top - (i + 1) * (BAR_H + GAP_H) + GAP_H
        baseline = y + BAR_H / 2 - size / 3
        d.add(String(0, baseline, _clip(p.name, 28), fontName=body, fontSize=size, fillColor=text))
        length = plot_w * (p.benchmark.amount / peak)
        d.add(Rect(label_w, y, max(length, 0.5), BAR_H, fillColor=palette[(offset + i) % len(palette)],
                   strokeColor=None))
        d.add(String(label_w + length + 5, baseline, label, fontName=body, fontSize=size, fillColor=text))
    d.add(Line(label_w, BOTTOM_PAD - 2, label_w, top + 2, strokeColor=theme.color("rule"), strokeWidth=0.8))
    return d


class Figure(Flowable):
    """A drawing placed as one figure, carrying its alternative text for tagging."""

    role = "Figure"

    def __init__(self, drawing: Drawing, alt: str):
        super().__init__()
        self.drawing = drawing
        self.alt = alt
        self.width, self.height = drawing.width, drawing.height

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        self.drawing.drawOn(self.canv, 0, 0)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
