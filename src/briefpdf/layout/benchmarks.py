"""Reimbursement benchmarks: the chart (charts.py), the table of every figure, and their legends.

Figures of a different basis or setting are grouped in the chart, and a caption says so. One
figure can be marked illustrative: a dagger beside it in the chart, the table and the coverage
table, and one legend line explaining the mark.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from .. import present
from ..model import Briefing, Payer
from ..semantics import declare
from .blocks import missing_line
from .charts import benchmark_charts
from .tables import data_table
from .typography import Para, Theme

_EXTRA_WIDTH = {"geography": 0.13, "period": 0.12}


def benchmarks(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    """The chart, the table of every figure, and the lines that say what is left out or marked."""
    labels = present.labels_of(b)
    given = [p for p in b.payers if p.benchmark]
    missing = [p.name for p in b.payers if not p.benchmark]
    if not given:
        return [missing_line(theme, labels, labels.gaps["benchmark"], labels.no_benchmark.format(n=len(b.payers)))]
    figures, left_out, grouped = benchmark_charts(b, theme, width)
    out: list[Flowable] = list(figures)
    if grouped:
        out.append(_caption(theme, theme.text(labels.benchmark_groups)))
    out.append(_table(b, theme, width, given))
    if left_out:
        out.append(_caption(theme, theme.text(present.left_out_text(left_out, labels))))
    if missing:
        out.append(missing_line(theme, labels, labels.benchmark, ", ".join(missing), "caption"))
    if any(p.benchmark.illustrative for p in given):
        out.append(_caption(theme, theme.text(labels.illustrative_legend)))
    return out


def _caption(theme: Theme, text: str) -> Para:
    return declare(Para(text, theme.styles["caption"]), role="P")


def _table(b: Briefing, theme: Theme, width: float, given: list[Payer]) -> Flowable:
    labels = present.labels_of(b)
    extra = present.benchmark_columns(b)
    payer, amount, basis, setting, effective = labels.benchmark_headers
    header = [payer, amount, basis, setting] + [labels.columns[c] for c in extra] + [effective]
    rows = []
    for p in given:
        bm = p.benchmark
        row = [theme.text(p.name), present.money(bm, labels) + present.illustrative_mark(bm, labels),
               theme.text(labels.values[bm.basis]), theme.value_or_missing(present.value_word(bm.setting, labels))]
        row += [theme.value_or_missing(getattr(bm, c)) for c in extra]
        row.append(present.date_text(bm.effective_date, labels) if bm.effective_date else theme.not_provided())
        rows.append(row)
    if extra:  # amount, basis, setting, the optional columns, effective; the payer gets the rest
        fixed = [0.17, 0.13, 0.15] + [_EXTRA_WIDTH[c] for c in extra] + [0.14]
        fractions = [1 - sum(fixed)] + fixed
    else:
        fractions = [0.26, 0.24, 0.18, 0.16, 0.16]
    return data_table(theme, header, rows, [width * f for f in fractions], right_cols=(1,),
                      summary=labels.summaries["benchmarks"], header_cols=1)
