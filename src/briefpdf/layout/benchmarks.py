"""Reimbursement benchmarks: the chart (charts.py), the table of every figure, and their legends.

Figures of a different basis or setting are grouped in the chart, and a caption says so. One
figure can be marked illustrative: a dagger beside it in the chart and the table, and one legend
line explaining the mark. The benchmark table is the one place a figure is set in full: the
coverage table does not repeat it.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from .. import present
from ..model import Briefing, Payer
from ..semantics import declare
from .blocks import missing_line
from .charts import benchmark_charts
from .figures import amount_column
from .keep import lead_in
from .tables import data_table
from .typography import Para, Theme

_EXTRA_WIDTH = {"geography": 0.14, "period": 0.14}  # room for "Not provided" on one line


def benchmarks(b: Briefing, theme: Theme, width: float, marks: list[str] | None = None) -> list[Flowable]:
    """The chart, the table of every figure, and the lines that say what is left out or marked.
    `marks[i]` is payer i's citation of the sources that support its benchmark ('[2]', or "")."""
    labels = present.labels_of(b)
    given = [p for p in b.payers if p.benchmark]
    missing = [p.name for p in b.payers if not p.benchmark]
    if not given:
        return [missing_line(theme, labels, labels.gaps["benchmark"], labels.no_benchmark.format(n=len(b.payers)))]
    figures, left_out, grouped = benchmark_charts(b, theme, width)
    chart: list[Flowable] = list(figures)
    if grouped:
        chart.append(_caption(theme, theme.text(labels.benchmark_groups)))
    marks = marks or [""] * len(b.payers)
    table = _table(b, theme, width, [(p, marks[i]) for i, p in enumerate(b.payers) if p.benchmark])
    # the chart's last figure (and its caption) never ends a page without the table that sets its figures
    held = 2 if grouped else 1 if chart else 0
    out: list[Flowable] = chart[:-held] + lead_in(chart[-held:], [table]) if held else [table]
    if left_out:
        out.append(_caption(theme, theme.text(present.left_out_text(left_out, labels))))
    if missing:
        out.append(missing_line(theme, labels, labels.benchmark, ", ".join(missing), "caption"))
    if any(p.benchmark.illustrative for p in given):
        out.append(_caption(theme, theme.text(labels.illustrative_legend)))
    return out


def _caption(theme: Theme, text: str) -> Para:
    return declare(Para(text, theme.styles["caption"]), role="P")


def _table(b: Briefing, theme: Theme, width: float, given: list[tuple[Payer, str]]) -> Flowable:
    labels = present.labels_of(b)
    extra = present.benchmark_columns(b)
    payer, amount, basis, setting, effective = labels.benchmark_headers
    amount, cells = amount_column(theme, amount, [present.money_parts(p.benchmark, labels) for p, _ in given],
                                  cites=[cited for _, cited in given])
    header = [payer, amount, basis, setting] + [labels.columns[c] for c in extra] + [effective]
    rows = []
    for (p, _), cell in zip(given, cells, strict=True):
        bm = p.benchmark
        row = [theme.text(p.name), cell,
               theme.text(labels.values[bm.basis]), theme.value_or_missing(present.value_word(bm.setting, labels))]
        row += [theme.value_or_missing(getattr(bm, c)) for c in extra]
        row.append(present.date_text(bm.effective_date, labels) if bm.effective_date else theme.not_provided())
        rows.append(row)
    if extra:  # amount, basis, setting, the optional columns, effective; the payer gets the rest
        fixed = [0.14, 0.12, 0.14] + [_EXTRA_WIDTH[c] for c in extra] + [0.14]
        fractions = [1 - sum(fixed)] + fixed
    else:
        fractions = [0.26, 0.24, 0.18, 0.16, 0.16]
    return data_table(theme, header, rows, [width * f for f in fractions], right_cols=(1,),
                      summary=labels.summaries["benchmarks"], header_cols=1)
