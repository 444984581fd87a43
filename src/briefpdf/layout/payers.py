"""Payer Coverage & Reimbursement: the coverage matrix, the benchmarks, criteria and notes.

The words (labels, amounts, note numbers, "Not provided" lines) come from `present`; this module
places them in tables and paragraphs. The cells beyond a payer's status are payer_details.py,
the chart and the benchmark table benchmarks.py.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from .. import present
from ..model import Briefing
from ..present import SourceNotes
from . import benchmarks, payer_details
from .blocks import gap, missing_line, section
from .tables import data_table
from .typography import Theme

FIELDS = present.PAYER_FIELDS


def mark(notes: SourceNotes, payer_index: int, target: str | None) -> str:
    """The superscript citation of a cell: '[1,3]' raised, or nothing."""
    cited = present.citation(notes.cites(payer_index, target))
    return f"<super>{cited}</super>" if cited else ""


def _cell(theme: Theme, value: str | None, mark: str = "") -> str:
    return (theme.not_provided() if value is None else value) + mark


def coverage_matrix(b: Briefing, theme: Theme, width: float, notes: SourceNotes) -> Flowable:
    """Payer, coverage, prior authorisation and policy. The benchmark is not repeated here: it is set
    once, in the benchmark table beside the chart, with its basis, setting, period and sources."""
    labels = present.labels_of(b)
    rows = []
    for i, p in enumerate(b.payers):
        rows.append([
            payer_details.payer_cell(b, theme, p, mark(notes, i, None)),
            _cell(theme, present.value_word(p.coverage, labels), mark(notes, i, "coverage")),
            _cell(theme, payer_details.prior_auth_cell(b, theme, p), mark(notes, i, "prior_authorization")),
            _cell(theme, payer_details.policy_cell(b, theme, p), mark(notes, i, "policy")),
        ])
    widths = [0.22, 0.2, 0.2, 0.38]
    return data_table(theme, list(labels.coverage_headers[:4]), rows, [w * width for w in widths],
                      summary=labels.summaries["coverage"], header_cols=1)  # the payer heads its row


def payers(b: Briefing, theme: Theme, width: float, notes: SourceNotes) -> list[Flowable]:
    labels = present.labels_of(b)
    h = labels.headings
    if not b.payers:
        return section(theme, h["payers"], "h2", [missing_line(theme, labels, labels.gaps["payers"])])
    body: list[Flowable] = [
        coverage_matrix(b, theme, width, notes), gap(8),
    ]
    marks = [present.citation(notes.cites(i, "benchmark")) for i in range(len(b.payers))]
    body += section(theme, h["benchmarks"], "h3", benchmarks.benchmarks(b, theme, width, marks))
    body += payer_details.criteria_and_notes(b, theme, width)
    return section(theme, h["payers"], "h2", body)
