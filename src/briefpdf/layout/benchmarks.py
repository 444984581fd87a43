"""Reimbursement benchmarks: a chart that groups figures by kind, the table, and their legends.

Figures of a different basis or setting are not comparable: the chart sets each kind in its
own labelled group (its own colour too, though the words carry the meaning), and says so
under the chart. One figure can be marked illustrative: a dagger beside it in the chart, the
table and the coverage table, and one legend line explaining the mark.
"""

from __future__ import annotations

from collections import Counter

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from ..model import LABELS, NOT_PROVIDED, Benchmark, Briefing
from ..present_content import WORDS, benchmark_columns
from .charts import BOTTOM_PAD, MAX_BARS, MIN_PLOT, Figure, _key, _rows
from .pages import fit_text
from .tables import data_table
from .typography import Para, Theme

_EXTRA_WIDTH = {"geography": 0.13, "period": 0.12}


def mark(bm: Benchmark | None) -> str:
    """The illustrative mark for a figure that carries it (plain text: safe as markup too)."""
    return f" {WORDS['illustrative_mark']}" if bm is not None and bm.illustrative else ""


def _kind(bm: Benchmark) -> tuple:
    return (bm.basis, bm.setting)


def _kind_label(bm: Benchmark) -> str:
    basis = "" if bm.basis == "percent_of_medicare" else LABELS[bm.basis]
    setting = LABELS[bm.setting] if bm.setting else f"{WORDS['setting']}: {NOT_PROVIDED}"
    text = ", ".join(x for x in (basis, setting) if x)
    return text[:1].upper() + text[1:]


def benchmarks(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    """The chart, the table of every figure, and the lines that say what is left out or marked."""
    given = [p for p in b.payers if p.benchmark]
    missing = [p.name for p in b.payers if not p.benchmark]
    if not given:
        return [_caption(theme, f"Reimbursement benchmark: {theme.not_provided()} for any of the "
                                f"{len(b.payers)} payers; no chart is shown.", "body")]
    figures, left_out, grouped = charts(b, theme, width)
    out: list[Flowable] = list(figures)
    if grouped:
        out.append(_caption(theme, theme.text(WORDS["benchmark_groups"])))
    out.append(_table(b, theme, width, given))
    if left_out:
        out.append(_caption(theme, theme.text("Not in the chart (different currency or basis; see table): "
                                              + ", ".join(left_out) + ".")))
    if missing:
        out.append(_caption(theme, f"Benchmark: {theme.not_provided()} for {theme.text(', '.join(missing))}."))
    if any(p.benchmark.illustrative for p in given):
        out.append(_caption(theme, theme.text(WORDS["illustrative_legend"])))
    return out


def _caption(theme: Theme, text: str, style: str = "caption") -> Para:
    p = Para(text, theme.styles[style])
    p.role = "P"
    return p


def _table(b: Briefing, theme: Theme, width: float, given: list) -> Flowable:
    from .payers import money  # payers imports this module: its money() is there once both are loaded

    extra = benchmark_columns(b)
    header = ["Payer", "Amount", "Basis", "Setting"] + [WORDS[c] for c in extra] + ["Effective"]
    rows = []
    for p in given:
        bm = p.benchmark
        row = [theme.text(p.name), money(bm) + mark(bm), theme.text(LABELS[bm.basis]),
               theme.value_or_missing(LABELS[bm.setting] if bm.setting else None)]
        row += [theme.value_or_missing(getattr(bm, c)) for c in extra]
        row.append(bm.effective_date.isoformat() if bm.effective_date else theme.not_provided())
        rows.append(row)
    if extra:  # amount, basis, setting, the optional columns, effective; the payer gets the rest
        fixed = [0.17, 0.13, 0.15] + [_EXTRA_WIDTH[c] for c in extra] + [0.14]
        fractions = [1 - sum(fixed)] + fixed
    else:
        fractions = [0.26, 0.24, 0.18, 0.16, 0.16]
    return data_table(theme, header, rows, [width * f for f in fractions], right_cols=(1,),
                      summary="Reimbursement benchmarks")


def charts(b: Briefing, theme: Theme, width: float) -> tuple[list[Figure], list[str], bool]:
    """(figures, names left out, whether grouped). One unit (the commonest currency, or % of
    Medicare) and one scale across figures; within it, one labelled group per basis and setting."""
    given = [p for p in b.payers if p.benchmark]
    unit = Counter(_key(p.benchmark) for p in given).most_common(1)[0][0]
    shown = [p for p in given if _key(p.benchmark) == unit]
    left_out = [p.name for p in given if _key(p.benchmark) != unit]
    kinds = list(dict.fromkeys(_kind(p.benchmark) for p in shown))
    grouped = len(kinds) > 1
    shown.sort(key=lambda p: kinds.index(_kind(p.benchmark)))  # stable: source order within a group
    percent, currency = unit
    unit_text = "% of Medicare" if percent else currency
    size = theme.style.sizes.table
    body = theme.body_family.regular
    label_w = min(150.0, width * 0.28)
    labels = [_value_label(p.benchmark, percent) for p in shown]
    value_w = min(width - label_w - MIN_PLOT, max(stringWidth(t, body, size) for t in labels) + 8)
    rows = []  # ("group", label, kind index) or ("bar", payer, name, label, kind index)
    for p, label in zip(shown, labels, strict=True):
        k = kinds.index(_kind(p.benchmark))
        if grouped and (not rows or rows[-1][-1] != k):
            rows.append(("group", fit_text(_kind_label(p.benchmark), theme.body_family.bold, size, width), k))
        rows.append(("bar", p, fit_text(p.name, body, size, label_w - 6), fit_text(label, body, size, value_w - 6), k))
    peak = max(p.benchmark.amount for p in shown) or 1.0
    bar_h, gap_h, top_pad = _rows(size)
    room = theme.style.frame()[1] * 0.9 - top_pad - BOTTOM_PAD
    per_figure = max(2, min(MAX_BARS, int(room // (bar_h + gap_h))))
    figures = []
    for start in range(0, len(rows), per_figure):
        chunk = rows[start:start + per_figure]
        title = f"Reimbursement benchmark by payer ({unit_text})" + (" (continued)" if start else "")
        d = _drawing(theme, chunk, fit_text(title, theme.body_family.bold, size, width), width, label_w,
                     width - label_w - value_w, peak)
        bars = [r for r in chunk if r[0] == "bar"]
        alt = ("Bar chart of reimbursement benchmarks" + (" (continued)" if start else "") + ": " + "; ".join(
            f"{r[1].name} {r[1].benchmark.amount:,.2f} {unit_text}"
            + (f" ({_kind_label(r[1].benchmark).lower()})" if grouped else "")
            + (" (illustrative)" if r[1].benchmark.illustrative else "") for r in bars) + ".")
        figures.append(Figure(d, alt))
    return figures, left_out, grouped


def _value_label(bm: Benchmark, percent: bool) -> str:
    amount = f"{bm.amount:,.1f}%" if percent else f"{bm.amount:,.2f} {bm.currency}"
    detail = ", ".join(x for x in (None if percent else LABELS[bm.basis],
                                   LABELS[bm.setting] if bm.setting else None) if x)
    return amount + (f" ({detail})" if detail else "") + mark(bm)


def _drawing(theme: Theme, chunk: list, title: str, width: float, label_w: float, plot_w: float,
             peak: float) -> Drawing:
    body, bold = theme.body_family.regular, theme.body_family.bold
    size = theme.style.sizes.table
    bar_h, gap_h, top_pad = _rows(size)
    height = top_pad + BOTTOM_PAD + len(chunk) * (bar_h + gap_h)
    d = Drawing(width, height, initialFontName=body, initialFontSize=size)  # no default Helvetica
    top = height - top_pad
    text, muted = theme.color("text"), theme.color("muted")
    d.add(String(0, height - size * 1.25, title, fontName=bold, fontSize=size, fillColor=text))
    palette = theme.chart_colors
    for i, row in enumerate(chunk):
        y = top - (i + 1) * (bar_h + gap_h) + gap_h
        baseline = y + bar_h / 2 - size / 3
        if row[0] == "group":
            d.add(String(0, baseline, row[1], fontName=bold, fontSize=size, fillColor=muted))
            d.add(Line(0, y + 1, width, y + 1, strokeColor=theme.color("rule"), strokeWidth=0.5))
            continue
        _, p, name, label, k = row
        d.add(String(0, baseline, name, fontName=body, fontSize=size, fillColor=text))
        length = plot_w * (p.benchmark.amount / peak)
        d.add(Rect(label_w, y, max(length, 0.5), bar_h, fillColor=palette[k % len(palette)], strokeColor=None))
        d.add(String(label_w + length + 5, baseline, label, fontName=body, fontSize=size, fillColor=text))
    d.add(Line(label_w, BOTTOM_PAD - 2, label_w, top + 2, strokeColor=theme.color("rule"), strokeWidth=0.8))
    return d
