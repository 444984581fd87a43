"""The reimbursement chart: horizontal vector bars, each labelled with its amount, basis and setting.

Vector (ReportLab graphics) so its text stays extractable and sharp in print; it carries
alternative text, and every number in it also appears in the benchmark table. Figures of a
different basis or setting are not comparable: each kind gets its own labelled group (and its
own colour, though the words carry the meaning).
"""

from __future__ import annotations

from collections import Counter

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .. import present
from ..model import Benchmark, Briefing
from ..semantics import Semantics, declare
from .fit import fit_text, runs, text_width
from .typography import Theme


def _key(bm: Benchmark) -> tuple:
    return (bm.basis == "percent_of_medicare", bm.currency)


def _kind(bm: Benchmark) -> tuple:
    return (bm.basis, bm.setting)


MAX_BARS = 16  # rows per figure at most: a long payer list continues in another figure
BOTTOM_PAD = 6
MIN_PLOT = 40.0  # the narrowest the bars' own column may get


def _rows(size: float) -> tuple[float, float, float]:
    """Bar height, gap and title band for a type size: bars grow with the labels beside them."""
    return max(16.0, size * 1.6), max(9.0, size * 0.9), max(20.0, size * 2.1)


def benchmark_charts(b: Briefing, theme: Theme, width: float) -> tuple[list["Figure"], list[str], bool]:
    """(figures, names left out, whether grouped). Bars share one unit (the commonest currency, or
    % of Medicare) and one scale across all figures, so bars in a continuation compare with the
    first; within it, one labelled group per basis and setting. Each figure fits the text area's
    height, and every label its column."""
    labels = present.labels_of(b)
    given = [p for p in b.payers if p.benchmark]
    unit = Counter(_key(p.benchmark) for p in given).most_common(1)[0][0]
    shown = [p for p in given if _key(p.benchmark) == unit]
    left_out = [p.name for p in given if _key(p.benchmark) != unit]
    kinds = list(dict.fromkeys(_kind(p.benchmark) for p in shown))
    grouped = len(kinds) > 1
    shown.sort(key=lambda p: kinds.index(_kind(p.benchmark)))  # stable: source order within a group
    percent, currency = unit
    unit_text = present.chart_unit(percent, currency, labels)
    size = theme.style.sizes.table
    body = theme.body_family.regular
    label_w = min(150.0, width * 0.28)
    values = [present.chart_value(p.benchmark, percent, labels) for p in shown]
    fb, fb_bold = theme.fallback, theme.fallback_bold
    value_w = min(width - label_w - MIN_PLOT, max(text_width(t, body, size, fb) for t in values) + 8)
    rows = []  # ("group", label, kind index) or ("bar", payer, name, value, kind index)
    for p, value in zip(shown, values, strict=True):
        k = kinds.index(_kind(p.benchmark))
        if grouped and (not rows or rows[-1][-1] != k):
            kind = present.benchmark_kind(p.benchmark, labels)
            rows.append(("group", fit_text(kind, theme.body_family.bold, size, width, fb_bold), k))
        rows.append(("bar", p, fit_text(p.name, body, size, label_w - 6, fb), fit_text(value, body, size, value_w - 6, fb),
                     k))
    peak = max(p.benchmark.amount for p in shown) or 1.0
    bar_h, gap_h, top_pad = _rows(size)
    room = theme.style.frame()[1] * 0.9 - top_pad - BOTTOM_PAD
    per_figure = max(2, min(MAX_BARS, int(room // (bar_h + gap_h))))
    figures = []
    for start in range(0, len(rows), per_figure):
        chunk = rows[start:start + per_figure]
        title = present.chart_title(unit_text, bool(start), labels)
        d = _drawing(theme, chunk, fit_text(title, theme.body_family.bold, size, width, fb_bold), width, label_w,
                     width - label_w - value_w, peak)
        bars = [r[1] for r in chunk if r[0] == "bar"]
        alt = present.chart_alt([(p.name, p.benchmark.amount) for p in bars], unit_text, bool(start), labels,
                                [present.bar_detail(p.benchmark, grouped, labels) for p in bars])
        figures.append(Figure(d, alt))
    return figures, left_out, grouped


def _drawing(theme: Theme, chunk: list, title: str, width: float, label_w: float, plot_w: float,
             peak: float) -> Drawing:
    body, bold = theme.body_family.regular, theme.body_family.bold
    size = theme.style.sizes.table
    bar_h, gap_h, top_pad = _rows(size)
    height = top_pad + BOTTOM_PAD + len(chunk) * (bar_h + gap_h)
    d = Drawing(width, height, initialFontName=body, initialFontSize=size)  # no default Helvetica
    top = height - top_pad
    text, muted = theme.color("text"), theme.color("muted")
    _strings(d, 0, height - size * 1.25, title, bold, size, text, theme.fallback_bold)
    palette = theme.chart_colors
    for i, row in enumerate(chunk):
        y = top - (i + 1) * (bar_h + gap_h) + gap_h
        baseline = y + bar_h / 2 - size / 3
        if row[0] == "group":
            _strings(d, 0, baseline, row[1], bold, size, muted, theme.fallback_bold)
            d.add(Line(0, y + 1, width, y + 1, strokeColor=theme.color("rule"), strokeWidth=0.5))
            continue
        _, p, name, label, k = row
        _strings(d, 0, baseline, name, body, size, text, theme.fallback)
        length = plot_w * (p.benchmark.amount / peak)
        d.add(Rect(label_w, y, max(length, 0.5), bar_h, fillColor=palette[k % len(palette)], strokeColor=None))
        _strings(d, label_w + length + 5, baseline, label, body, size, text, theme.fallback)
    d.add(Line(label_w, BOTTOM_PAD - 2, label_w, top + 2, strokeColor=theme.color("rule"), strokeWidth=0.8))
    return d


def _strings(d: Drawing, x: float, y: float, text: str, font: str, size: float, color, fallback) -> None:
    """One String per run of text in one font: characters the font lacks are set in the fallback."""
    for piece, f in runs(text, font, fallback):
        d.add(String(x, y, piece, fontName=f, fontSize=size, fillColor=color))
        x += stringWidth(piece, f, size)


class Figure(Flowable):
    """A drawing placed as one figure, carrying its alternative text for tagging."""

    semantics = Semantics(role="Figure")

    def __init__(self, drawing: Drawing, alt: str):
        super().__init__()
        self.drawing = drawing
        declare(self, alt=alt)
        self.width, self.height = drawing.width, drawing.height

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        self.drawing.drawOn(self.canv, 0, 0)
