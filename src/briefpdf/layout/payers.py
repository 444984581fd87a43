"""Payer Coverage & Reimbursement: the coverage matrix, the benchmark chart and the source notes."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from .. import markup
from ..model import LABELS, Benchmark, Briefing, Payer
from . import benchmarks as benchmark_parts
from . import payer_details
from .blocks import gap, section
from .charts import benchmark_charts
from .tables import data_table
from .typography import Para, Theme

FIELDS = ("coverage", "prior_authorization", "policy", "benchmark")


@dataclass
class SourceNotes:
    """Numbers every payer source once, in order of appearance, for the notes at the end."""

    entries: list = field(default_factory=list)  # (number, payer name, SourceRef)
    refs: dict = field(default_factory=dict)  # (payer index, field or None) -> [numbers]

    @classmethod
    def collect(cls, b: Briefing) -> "SourceNotes":
        notes = cls()
        for i, payer in enumerate(b.payers):
            for src in payer.sources:
                number = len(notes.entries) + 1
                notes.entries.append((number, payer.name, src))
                for target in (src.supports or [None]):
                    notes.refs.setdefault((i, target), []).append(number)
        return notes

    def mark(self, payer_index: int, target: str | None) -> str:
        numbers = self.refs.get((payer_index, target))
        if not numbers:
            return ""
        return "<super>[" + ",".join(str(n) for n in numbers) + "]</super>"


def money(bm: Benchmark) -> str:
    if bm.basis == "percent_of_medicare":
        return f"{bm.amount:,.1f}% of Medicare"
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(bm.currency or "", "")
    return f"{symbol}{bm.amount:,.2f} {bm.currency}"


def benchmark_text(bm: Benchmark) -> str:
    parts = [money(bm)]
    if bm.basis != "percent_of_medicare":
        parts.append(LABELS[bm.basis])
    if bm.setting:
        parts.append(LABELS[bm.setting])
    text = ", ".join(parts)
    if bm.effective_date:
        text += f" (effective {bm.effective_date.isoformat()})"
    return text


def _cell(theme: Theme, value: str | None, mark: str = "") -> str:
    return (theme.not_provided() if value is None else value) + mark


def _policy(theme: Theme, payer: Payer) -> str | None:
    pol = payer.policy
    if pol is None:
        return None
    name = theme.text(pol.name)
    if pol.url:
        name = markup.link(pol.url, pol.name, theme.hex("accent"))
    if pol.effective_date:
        name += f"<br/>Effective {pol.effective_date.isoformat()}"
    return name


def coverage_matrix(b: Briefing, theme: Theme, width: float, notes: SourceNotes) -> Flowable:
    rows = []
    for i, p in enumerate(b.payers):
        rows.append([
            payer_details.payer_cell(b, theme, p, notes.mark(i, None)),
            _cell(theme, LABELS[p.coverage] if p.coverage else None, notes.mark(i, "coverage")),
            _cell(theme, payer_details.prior_auth_cell(b, theme, p, LABELS.get(p.prior_authorization)),
                  notes.mark(i, "prior_authorization")),
            _cell(theme, payer_details.policy_cell(b, theme, p), notes.mark(i, "policy")),
            _cell(theme, theme.text(benchmark_text(p.benchmark)) + benchmark_parts.mark(p.benchmark)
                  if p.benchmark else None, notes.mark(i, "benchmark")),
        ])
    widths = [0.19, 0.17, 0.15, 0.26, 0.23]
    return data_table(theme, ["Payer", "Coverage", "Prior authorization", "Medical policy", "Benchmark"],
                      rows, [w * width for w in widths], summary="Coverage by payer")


def payers(b: Briefing, theme: Theme, width: float, notes: SourceNotes) -> list[Flowable]:
    if not b.payers:
        return section(theme, "Payer Coverage & Reimbursement", "h2",
                       [_missing_line(theme, "Payers")])
    body: list[Flowable] = [
        coverage_matrix(b, theme, width, notes), gap(8),
    ]
    body += section(theme, "Reimbursement benchmarks", "h3", benchmark_parts.benchmarks(b, theme, width))
    body += payer_details.criteria_and_notes(b, theme, width)
    return section(theme, "Payer Coverage & Reimbursement", "h2", body)


def benchmarks(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    given = [p for p in b.payers if p.benchmark]
    missing = [p.name for p in b.payers if not p.benchmark]
    out: list[Flowable] = []
    if not given:
        out.append(_missing_line(theme, "Reimbursement benchmark", f"any of the {len(b.payers)} payers; no chart is shown"))
        return out
    figures, left_out = benchmark_charts(b, theme, width)
    out += figures
    rows = [[theme.text(p.name), money(p.benchmark), theme.text(LABELS[p.benchmark.basis]),
             _cell(theme, LABELS[p.benchmark.setting] if p.benchmark.setting else None),
             _cell(theme, p.benchmark.effective_date.isoformat() if p.benchmark.effective_date else None)]
            for p in given]
    out.append(data_table(theme, ["Payer", "Amount", "Basis", "Setting", "Effective"], rows,
                          [width * w for w in (0.26, 0.24, 0.18, 0.16, 0.16)], right_cols=(1,),
                          summary="Reimbursement benchmarks"))
    if left_out:
        out.append(theme.para("Not in the chart (different currency or basis; see table): " + ", ".join(left_out) + ".",
                              "caption"))
    if missing:
        out.append(_missing_line(theme, "Benchmark", ", ".join(missing), "caption"))
    return out


def _missing_line(theme: Theme, label: str, names: str = "", style: str = "body") -> Flowable:
    """'Label: Not provided' (for names), with "Not provided" in its usual, scannable form."""
    text = f"{theme.text(label)}: {theme.not_provided()}" + (f" for {theme.text(names)}." if names else ".")
    p = Para(text, theme.styles[style])
    p.role = "P"
    return p


def source_notes(theme: Theme, notes: SourceNotes) -> list[Flowable]:
    if not notes.entries:
        return []
    items = []
    for number, payer, src in notes.entries:
        text = f"[{number}] {theme.text(payer)}: {theme.text(src.title)}"
        if src.url:
            text += ". " + markup.link(src.url, None, theme.hex("accent"))
        if src.accessed:
            text += f". Accessed {src.accessed.isoformat()}"
        p = Para(text + ".", theme.styles["small"])
        p.role = "Note"
        items.append(p)
    return section(theme, "Sources", "h2", items)
