"""The reimbursement chart: horizontal vector bars, each labelled with its amount, basis and setting.

Vector (ReportLab graphics) so its text stays extractable and sharp in print; it carries
alternative text, and every number in it also appears in the benchmark table.
"""

from __future__ import annotations

from collections import Counter

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .. import present
from ..model import Briefing
from .fit import fit_text
from .typography import Theme


def _key(bm) -> tuple:
    return (bm.basis == "percent_of_medicare", bm.currency)


MAX_BARS = 16  # bars per figure at most: a long payer list continues in another figure
BOTTOM_PAD = 6


def _rows(size: float) -> tuple[float, float, float]:
    """Bar height, gap and title band for a type size: bars grow with the labels beside them."""
    return max(16.0, size * 1.6), max(9.0, size * 0.9), max(20.0, size * 2.1)
MIN_PLOT = 40.0  # the narrowest the bars' own column may get


def benchmark_charts(b: Briefing, theme: Theme, width: float):
    """(figures, names left out). Bars share one unit (the commonest currency, or % of Medicare)
    and one scale across all figures, so bars in a continuation compare with the first. Each
    figure fits the text area's height, and every label its column."""
    labels = present.labels_of(b)
    given = [p for p in b.payers if p.benchmark]
    unit = Counter(_key(p.benchmark) for p in given).most_common(1)[0][0]
    shown = [p for p in given if _key(p.benchmark) == unit]
    left_out = [p.name for p in given if _key(p.benchmark) != unit]
    percent, currency = unit
    unit_text = present.chart_unit(percent, currency, labels)
    size = theme.style.sizes.table
    body = theme.body_family.regular
    label_w = min(150.0, width * 0.28)
    values = [present.chart_value(p.benchmark, percent, labels) for p in shown]
    value_w = min(width - label_w - MIN_PLOT, max(stringWidth(t, body, size) for t in values) + 8)
    values = [fit_text(t, body, size, value_w - 6) for t in values]
    names = [fit_text(p.name, body, size, label_w - 6) for p in shown]
    plot_w = width - label_w - value_w
    peak = max(p.benchmark.amount for p in shown) or 1.0
    bar_h, gap_h, top_pad = _rows(size)
    room = theme.style.frame()[1] * 0.9 - top_pad - BOTTOM_PAD
    per_figure = max(1, min(MAX_BARS, int(room // (bar_h + gap_h))))
    figures = []
    for start in range(0, len(shown), per_figure):
        chunk = list(zip(shown[start:start + per_figure], names[start:start + per_figure],
                         values[start:start + per_figure], strict=True))
        title = present.chart_title(unit_text, bool(start), labels)
        d = _drawing(theme, chunk, fit_text(title, theme.body_family.bold, size, width), width, label_w, plot_w,
                     peak, start)
        alt = present.chart_alt([(p.name, p.benchmark.amount) for p, _, _ in chunk], unit_text, bool(start), labels)
        figures.append(Figure(d, alt))
    return figures, left_out


def _drawing(theme: Theme, chunk, title, width, label_w, plot_w, peak, offset) -> Drawing:
    body, bold = theme.body_family.regular, theme.body_family.bold
    size = theme.style.sizes.table
    bar_h, gap_h, top_pad = _rows(size)
    height = top_pad + BOTTOM_PAD + len(chunk) * (bar_h + gap_h)
    d = Drawing(width, height, initialFontName=body, initialFontSize=size)  # no default Helvetica
    top = height - top_pad
    text = theme.color("text")
    d.add(String(0, height - size * 1.25, title, fontName=bold, fontSize=size, fillColor=text))
    palette = theme.chart_colors
    for i, (p, name, label) in enumerate(chunk):
        y = top - (i + 1) * (bar_h + gap_h) + gap_h
        baseline = y + bar_h / 2 - size / 3
        d.add(String(0, baseline, name, fontName=body, fontSize=size, fillColor=text))
        length = plot_w * (p.benchmark.amount / peak)
        d.add(Rect(label_w, y, max(length, 0.5), bar_h, fillColor=palette[(offset + i) % len(palette)],
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
