"""The reimbursement chart: horizontal vector bars comparing like-for-like figures.

Only figures of the same unit, basis and setting are comparable, so a chart shows only groups
of two or more such figures (a figure alone in its kind stays in the table, and a caption says
it is not charted); several groups each get a labelled band. Every payer name is shown in
full: wrapped onto two lines beside its bar, or set above the bar when longer. Amounts are in
the figures face. The meaning never rests on colour: groups are named in words, and a figure
marked illustrative has a hatched bar as well as its mark. Vector (ReportLab graphics) so its
text stays extractable and sharp in print; it carries alternative text, and every number in
it also appears in the benchmark table.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Group, Line, Path, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .. import fonts, present
from ..model import Benchmark, Briefing, Payer
from ..semantics import Semantics, declare
from .fit import runs, text_width
from .typography import Theme

BAR_LINES = 2  # lines a payer name may take beside its bar; a longer name is set above it
BOTTOM_PAD = 6
MIN_PLOT = 40.0  # the narrowest the bars' own column may get
LABEL_SHARE = 0.34  # of the width, at most, for the names beside the bars
HATCH = 4.0  # spacing of the hatching on an illustrative bar
MARK_GAP = 0.15  # em between an amount and its illustrative mark
SPACE_AFTER = 8.0  # between a chart and what follows it (its table)


def _unit(bm: Benchmark) -> tuple:
    return (bm.basis == "percent_of_medicare", bm.currency)


def _kind(bm: Benchmark) -> tuple:
    return (_unit(bm), bm.basis, bm.setting)


@dataclass
class Row:
    """One band of the chart: a group's name, or a bar with its payer's name in lines."""

    height: float
    group: int
    text: list[str]  # the group name, or the payer name's lines
    payer: Payer | None = None
    above: bool = False  # the name is set above the bar rather than beside it
    value: tuple[str, str] = ("", "")


def comparable(payers: list[Payer]) -> tuple[list[list[Payer]], list[str]]:
    """(groups to chart, names left out). A group is the figures of one unit, basis and setting,
    in source order; only groups of two or more are charted, and only those of the unit most of
    them share (bars of one chart share one axis)."""
    given = [p for p in payers if p.benchmark]
    kinds: dict[tuple, list[Payer]] = {}
    for p in given:
        kinds.setdefault(_kind(p.benchmark), []).append(p)
    charted = [ps for ps in kinds.values() if len(ps) >= 2]
    if charted:
        unit = Counter(_unit(p.benchmark) for ps in charted for p in ps).most_common(1)[0][0]
        charted = [ps for ps in charted if _unit(ps[0].benchmark) == unit]
    shown = {id(p) for ps in charted for p in ps}
    return charted, ([p.name for p in given if id(p) not in shown] if charted else [])


def benchmark_charts(b: Briefing, theme: Theme, width: float) -> tuple[list["Figure"], list[str], bool]:
    """(figures, names left out, whether grouped). Bars share one scale across all figures, so
    bars in a continuation compare with the first; each figure fits the text area's height."""
    labels = present.labels_of(b)
    groups, left_out = comparable(b.payers)
    if not groups:
        return [], [], False
    grouped = len(groups) > 1
    percent, currency = _unit(groups[0][0].benchmark)
    unit_text = present.chart_unit(percent, currency, labels)
    kind = None if grouped else present.benchmark_kind(groups[0][0].benchmark, labels)
    g = _Geometry(theme, width, [p for ps in groups for p in ps], percent, labels)
    rows = []
    for k, ps in enumerate(groups):
        if grouped:
            name = present.benchmark_kind(ps[0].benchmark, labels)
            rows.append(Row(g.group_h, k, g.split(name, width, bold=True)))
        rows += [g.bar_row(p, k, labels) for p in ps]
    peak = max(p.benchmark.amount for ps in groups for p in ps) or 1.0
    figures = []
    for n, chunk in enumerate(_chunks(rows, theme.style.frame()[1] * 0.9 - g.top_pad - BOTTOM_PAD)):
        title = present.chart_kind_title(unit_text, kind, bool(n), labels)
        bars = [r.payer for r in chunk if r.payer is not None]
        alt = present.chart_alt([(p.name, p.benchmark.amount) for p in bars], unit_text, bool(n), labels,
                                [present.bar_detail(p.benchmark, True, labels) for p in bars])
        figures.append(Figure(_drawing(theme, g, chunk, title, peak), alt))
    return figures, left_out, grouped


def _chunks(rows: list[Row], room: float) -> list[list[Row]]:
    """Rows in runs that each fit `room`; a group's name never ends a run."""
    out, run, used = [], [], 0.0
    for row in rows:
        if run and used + row.height > room:
            carry = [run.pop()] if run[-1].payer is None else []
            out.append(run)
            run, used = carry, sum(r.height for r in carry)
        run.append(row)
        used += row.height
    return out + [run] if run else out


class _Geometry:
    """Sizes shared by every figure of one chart: type, bar and row heights, the three columns."""

    def __init__(self, theme: Theme, width: float, payers: list[Payer], percent: bool, labels) -> None:
        self.size = size = theme.style.sizes.table
        self.body, self.bold = theme.body_family.regular, theme.body_family.bold
        self.fallback, self.fallback_bold = theme.fallback, theme.fallback_bold
        self.figures = theme.figures_family.regular
        self.figure_size = size * fonts.fit(self.figures, self.body, "0", True)[0]
        self.line_h = size * 1.2
        self.bar_h, self.gap_h, self.top_pad = max(14.0, size * 1.5), max(8.0, size * 0.9), max(20.0, size * 2.1)
        self.group_h = self.line_h + self.gap_h
        self.width = width
        natural = max(text_width(p.name, self.body, size, self.fallback) for p in payers) + 8
        self.label_w = min(width * LABEL_SHARE, natural)
        values = [present.bar_value(p.benchmark, percent, labels) for p in payers]
        self.value_w = max(self.value_width(v) for v in values) + 8
        self.plot_w = max(MIN_PLOT, width - self.label_w - self.value_w)
        self.percent = percent

    def split(self, text: str, width: float, bold: bool = False) -> list[str]:
        """`text` in lines at most `width` wide, broken at spaces (a word wider than that breaks inside)."""
        font, fallback = (self.bold, self.fallback_bold) if bold else (self.body, self.fallback)
        return wrap_words(text, lambda t: text_width(t, font, self.size, fallback), width)

    def value_width(self, value: tuple[str, str]) -> float:
        amount, mark = value
        return stringWidth(amount, self.figures, self.figure_size) + (
            stringWidth(mark, self.body, self.size) + self.size * MARK_GAP if mark else 0.0)

    def bar_row(self, p: Payer, group: int, labels) -> Row:
        lines = self.split(p.name, self.label_w - 6)
        value = present.bar_value(p.benchmark, self.percent, labels)
        if len(lines) <= BAR_LINES:
            return Row(max(self.bar_h, len(lines) * self.line_h) + self.gap_h, group, lines, p, False, value)
        lines = self.split(p.name, self.width)
        return Row(len(lines) * self.line_h + self.bar_h + self.gap_h, group, lines, p, True, value)


def _drawing(theme: Theme, g: _Geometry, rows: list[Row], title: str, peak: float) -> Drawing:
    height = g.top_pad + BOTTOM_PAD + sum(r.height for r in rows)
    d = Drawing(g.width, height, initialFontName=g.body, initialFontSize=g.size)  # no default Helvetica
    text, muted = theme.color("text"), theme.color("muted")
    _strings(d, 0, height - g.size * 1.25, title, g.bold, g.size, text, g.fallback_bold)
    palette = theme.chart_colors
    top = height - g.top_pad
    for row in rows:
        y = top - row.height + g.gap_h  # the bottom of the band's content
        if row.payer is None:
            _strings(d, 0, y + g.line_h * 0.3, row.text[0], g.bold, g.size, muted, g.fallback_bold)
            d.add(Line(0, y - 2, g.width, y - 2, strokeColor=theme.color("rule"), strokeWidth=0.5))
        else:
            d.add(_bar(theme, g, row, y, palette[row.group % len(palette)], peak))
        top -= row.height
    d.add(Line(g.label_w, BOTTOM_PAD - 2, g.label_w, height - g.top_pad + 2, strokeColor=theme.color("rule"),
               strokeWidth=0.8))
    return d


def _bar(theme: Theme, g: _Geometry, row: Row, y: float, color, peak: float) -> Group:
    """A bar, its payer's name (beside it, centred on it, or above it) and its amount."""
    out = Group()
    text = theme.color("text")
    bar_mid = y + g.bar_h / 2
    if row.above:
        first = y + g.bar_h + (len(row.text) - 1) * g.line_h + g.size * 0.35
    else:
        first = bar_mid + (len(row.text) - 1) * g.line_h / 2 - g.size / 3
    for i, line in enumerate(row.text):
        _strings(out, 0, first - i * g.line_h, line, g.body, g.size, text, g.fallback)
    length = max(g.plot_w * (row.payer.benchmark.amount / peak), 0.5)
    out.add(Rect(g.label_w, y, length, g.bar_h, fillColor=color, strokeColor=None))
    if row.payer.benchmark.illustrative:
        out.add(Rect(g.label_w, y, length, g.bar_h, fillColor=None, strokeColor=color, strokeWidth=0.8))
        lines = Path(strokeColor=theme.color("panel"), strokeWidth=1.4, fillColor=None)  # one shape: one draw
        for x0, y0, x1, y1 in hatch(g.label_w, y, length, g.bar_h):
            lines.moveTo(x0, y0)
            lines.lineTo(x1, y1)
        out.add(lines)
    amount, mark = row.value
    x, baseline = g.label_w + length + 5, bar_mid - g.size / 3
    out.add(String(x, baseline, amount, fontName=g.figures, fontSize=g.figure_size, fillColor=text))
    if mark:
        x += stringWidth(amount, g.figures, g.figure_size) + g.size * MARK_GAP
        _strings(out, x, baseline, mark, g.body, g.size, text, g.fallback)
    return out


def _strings(d, x: float, y: float, text: str, font: str, size: float, color, fallback) -> None:
    """One String per run of text in one font: characters the font lacks are set in the fallback."""
    for piece, f in runs(text, font, fallback):
        d.add(String(x, y, piece, fontName=f, fontSize=size, fillColor=color))
        x += stringWidth(piece, f, size)


def wrap_words(text: str, measure, width: float) -> list[str]:
    """Greedy line breaking at spaces; a word wider than `width` alone is cut between characters."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if measure(trial) <= width or not line and measure(word) <= width:
            line = trial
            continue
        if line:
            lines.append(line)
        while measure(word) > width and len(word) > 1:
            cut = max(1, max(i for i in range(1, len(word) + 1) if measure(word[:i]) <= width or i == 1))
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    return lines + [line] if line else lines or [""]


def hatch(x: float, y: float, w: float, h: float, step: float = HATCH) -> list[tuple[float, float, float, float]]:
    """Rising diagonal segments clipped to the rectangle (x, y, w, h), `step` apart."""
    out = []
    c = -h + step / 2
    while c < w:  # the points (x + c + t, y + t), t from 0 to h, inside the rectangle
        t0, t1 = max(0.0, -c), min(h, w - c)
        if t1 > t0:
            out.append((x + c + t0, y + t0, x + c + t1, y + t1))
        c += step
    return out


class Figure(Flowable):
    """A drawing placed as one figure, carrying its alternative text for tagging."""

    semantics = Semantics(role="Figure")

    def __init__(self, drawing: Drawing, alt: str):
        super().__init__()
        self.drawing = drawing
        declare(self, alt=alt)
        self.width, self.height = drawing.width, drawing.height
        self.spaceAfter = SPACE_AFTER

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        self.drawing.drawOn(self.canv, 0, 0)
