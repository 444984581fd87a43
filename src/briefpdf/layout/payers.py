"""Payer Coverage & Reimbursement: the coverage matrix, the benchmark chart and the source notes.

The words (labels, amounts, note numbers, "Not provided" lines) come from `present`; this module
places them in tables and paragraphs.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from .. import markup, present
from ..model import Briefing, Payer
from ..present import Labels, SourceNotes
from .blocks import bullets, gap, section
from .charts import benchmark_charts
from .tables import data_table
from .typography import Para, Theme

FIELDS = present.PAYER_FIELDS


def mark(notes: SourceNotes, payer_index: int, target: str | None) -> str:
    """The superscript citation of a cell: '[1,3]' raised, or nothing."""
    cited = present.citation(notes.cites(payer_index, target))
    return f"<super>{cited}</super>" if cited else ""


def _cell(theme: Theme, value: str | None, mark: str = "") -> str:
    return (theme.not_provided() if value is None else value) + mark


def _policy(theme: Theme, payer: Payer, labels: Labels) -> str | None:
    pol = payer.policy
    if pol is None:
        return None
    name = theme.text(pol.name)
    if pol.url:
        name = markup.link(pol.url, pol.name, theme.hex("accent"))
    if pol.effective_date:
        name += "<br/>" + labels.policy_effective.format(date=present.date_text(pol.effective_date, labels))
    return name


def coverage_matrix(b: Briefing, theme: Theme, width: float, notes: SourceNotes) -> Flowable:
    labels = present.labels_of(b)
    rows = []
    for i, p in enumerate(b.payers):
        rows.append([
            f"<b>{theme.text(p.name)}</b>" + mark(notes, i, None),
            _cell(theme, present.value_word(p.coverage, labels), mark(notes, i, "coverage")),
            _cell(theme, present.value_word(p.prior_authorization, labels), mark(notes, i, "prior_authorization")),
            _cell(theme, _policy(theme, p, labels), mark(notes, i, "policy")),
            _cell(theme, theme.text(present.benchmark_text(p.benchmark, labels)) if p.benchmark else None,
                  mark(notes, i, "benchmark")),
        ])
    widths = [0.19, 0.17, 0.15, 0.26, 0.23]
    return data_table(theme, list(labels.coverage_headers), rows, [w * width for w in widths],
                      summary=labels.summaries["coverage"])


def payers(b: Briefing, theme: Theme, width: float, notes: SourceNotes) -> list[Flowable]:
    labels = present.labels_of(b)
    h = labels.headings
    if not b.payers:
        return section(theme, h["payers"], "h2", [_missing_line(theme, labels, labels.gaps["payers"])])
    body: list[Flowable] = [
        coverage_matrix(b, theme, width, notes), gap(8),
    ]
    body += section(theme, h["benchmarks"], "h3", benchmarks(b, theme, width))
    remarks = [(p.name, p.notes) for p in b.payers if p.notes]
    if remarks:
        items = [f"**{name}:** {text}" for name, text in remarks]
        body += section(theme, h["payer_notes"], "h3", [bullets(theme, items)])
    return section(theme, h["payers"], "h2", body)


def benchmarks(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    labels = present.labels_of(b)
    given = [p for p in b.payers if p.benchmark]
    missing = [p.name for p in b.payers if not p.benchmark]
    out: list[Flowable] = []
    if not given:
        out.append(_missing_line(theme, labels, labels.gaps["benchmark"], labels.no_benchmark.format(n=len(b.payers))))
        return out
    figures, left_out = benchmark_charts(b, theme, width)
    out += figures
    rows = [[theme.text(p.name), present.money(p.benchmark, labels), theme.text(labels.values[p.benchmark.basis]),
             _cell(theme, present.value_word(p.benchmark.setting, labels)),
             _cell(theme, present.date_text(p.benchmark.effective_date, labels) if p.benchmark.effective_date else None)]
            for p in given]
    out.append(data_table(theme, list(labels.benchmark_headers), rows,
                          [width * w for w in (0.26, 0.24, 0.18, 0.16, 0.16)], right_cols=(1,),
                          summary=labels.summaries["benchmarks"]))
    if left_out:
        out.append(theme.para(present.left_out_text(left_out, labels), "caption"))
    if missing:
        out.append(_missing_line(theme, labels, labels.benchmark, ", ".join(missing), "caption"))
    return out


def _missing_line(theme: Theme, labels: Labels, label: str, detail: str | None = None,
                  style: str = "body") -> Flowable:
    """'Label: Not provided' (for names), with "Not provided" in its usual, scannable form."""
    text = present.missing_text(label, labels, detail, missing=theme.not_provided(), esc=theme.text) + "."
    p = Para(text, theme.styles[style])
    p.role = "P"
    return p


def source_notes(b: Briefing, theme: Theme, notes: SourceNotes) -> list[Flowable]:
    if not notes.entries:
        return []
    labels = present.labels_of(b)
    accent = theme.hex("accent")
    items = []
    for note in notes.entries:
        text = present.note_text(note, labels, esc=theme.text, link=lambda url: markup.link(url, None, accent))
        p = Para(text, theme.styles["small"])
        p.role = "Note"
        items.append(p)
    return section(theme, labels.headings["sources"], "h2", items)
