"""The reimbursement chart: horizontal vector bars, each labelled with its amount, basis and setting.

Vector (ReportLab graphics) so its text stays extractable and sharp in print; it carries
alternative text, and every number in it also appears in the benchmark table.
"""

from __future__ import annotations

from collections import Counter

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.platypus import Flowable

from ..model import LABELS, Briefing
from .typography import Theme


def _key(bm) -> tuple:
    return (bm.basis == "percent_of_medicare", bm.currency)


def benchmark_chart(b: Briefing, theme: Theme, width: float):
    """(Drawing or None, names left out). Bars share one unit: the commonest currency or % of Medicare."""
    given = [p for p in b.payers if p.benchmark]
    unit = Counter(_key(p.benchmark) for p in given).most_common(1)[0][0]
    shown = [p for p in given if _key(p.benchmark) == unit]
    left_out = [p.name for p in given if _key(p.benchmark) != unit]
    percent, currency = unit
    body, bold = theme.body_family.regular, theme.body_family.bold
    size = theme.style.sizes.table
    bar_h, gap_h = 16, 9
    label_w = min(150.0, width * 0.28)
    value_w = 190.0
    plot_w = max(60.0, width - label_w - value_w)
    top_pad, bottom_pad = 20, 6
    height = top_pad + bottom_pad + len(shown) * (bar_h + gap_h)
    d = Drawing(width, height)
    top = height - top_pad
    peak = max(p.benchmark.amount for p in shown) or 1.0
    unit_text = "% of Medicare" if percent else currency
    d.add(String(0, height - 12, f"Reimbursement benchmark by payer ({unit_text})", fontName=bold,
                 fontSize=size, fillColor=theme.color("text")))
    palette = theme.chart_colors
    for i, p in enumerate(shown):
        bm = p.benchmark
        y = top - (i + 1) * (bar_h + gap_h) + gap_h
        d.add(String(0, y + bar_h / 2 - size / 3, _clip(p.name, 28), fontName=body, fontSize=size,
                     fillColor=theme.color("text")))
        length = plot_w * (bm.amount / peak) if peak else 0
        d.add(Rect(label_w, y, max(length, 0.5), bar_h, fillColor=palette[i % len(palette)],
                   strokeColor=None))
        amount = f"{bm.amount:,.1f}%" if percent else f"{bm.amount:,.2f} {bm.currency}"
        detail = ", ".join(x for x in (None if percent else LABELS[bm.basis],
                                       LABELS[bm.setting] if bm.setting else None) if x)
        d.add(String(label_w + length + 5, y + bar_h / 2 - size / 3, amount + (f" ({detail})" if detail else ""),
                     fontName=body, fontSize=size, fillColor=theme.color("text")))
    d.add(Line(label_w, bottom_pad - 2, label_w, top + 2, strokeColor=theme.color("rule"), strokeWidth=0.8))
    alt = "Bar chart of reimbursement benchmarks: " + "; ".join(
        f"{p.name} {p.benchmark.amount:,.2f} {unit_text}" for p in shown) + "."
    return Figure(d, alt), left_out


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
