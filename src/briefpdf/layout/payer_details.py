"""What a payer row says beyond its status: line of business, who grants prior authorisation,
the policy's number, issuer, date and link, and the criteria and notes as prose.

The coverage table calls the cell builders; `criteria_and_notes` is its own table after it.
Which parts are expected (and so say "Not provided" when absent) is decided in present.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from .. import markup, present
from ..model import Briefing, Payer
from ..present import Labels
from . import prose
from .blocks import gap, section
from .tables import data_table
from .typography import Theme


def _line(theme: Theme, label: str, value: str | None) -> str:
    return f"<br/>{theme.text(label)}: " + (theme.not_provided() if value is None else theme.text(value))


def payer_cell(b: Briefing, theme: Theme, payer: Payer, mark: str = "") -> str:
    """The payer's name (bold) and, once any payer gives one, its line of business."""
    text = f"<b>{theme.text(payer.name)}</b>{mark}"
    if present.shows_line_of_business(b):
        labels = present.labels_of(b)
        lob = present.enum_word("line_of_business", payer.line_of_business, labels)
        text += f"<br/>{theme.text(lob)}" if lob else _line(theme, labels.details["line_of_business"], None)
    return text


def prior_auth_cell(b: Briefing, theme: Theme, payer: Payer) -> str | None:
    """The prior-authorisation status and, where it is needed, who grants it."""
    labels = present.labels_of(b)
    word = present.value_word(payer.prior_authorization, labels)
    if word is None:
        return None
    text = theme.text(word)
    if present.needs_granted_by(b, payer):
        text += _line(theme, labels.details["granted_by"], payer.prior_authorization_by)
    return text


def policy_cell(b: Briefing, theme: Theme, payer: Payer) -> str | None:
    """Name (a link when there is one), number, issuer, effective date and link; None without a policy."""
    pol = payer.policy
    if pol is None:
        return None
    labels = present.labels_of(b)
    text = markup.link(pol.url, pol.name, theme.hex("accent")) if pol.url else theme.text(pol.name)
    for name, label in (("number", "policy_number"), ("issuer", "issued_by")):
        if present.shows_policy(b, name):
            text += _line(theme, labels.details[label], getattr(pol, name))
    effective = present.date_text(pol.effective_date, labels) if pol.effective_date else None
    text += _line(theme, labels.details["effective"], effective)
    if not pol.url:
        text += _line(theme, labels.details["policy_link"], None)
    return text


def criteria_and_notes(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    """One row per payer with criteria (or criteria expected of it) or notes; lists stay lists."""
    shown = [p for p in b.payers if present.needs_criteria(p) or p.notes is not None]
    if not shown:
        return []
    labels = present.labels_of(b)
    with_criteria = any(present.needs_criteria(p) for p in shown)
    with_notes = any(p.notes is not None for p in shown)
    header = _header(labels, with_criteria, with_notes)
    rows = []
    for p in shown:
        row = [f"<b>{theme.text(p.name)}</b>"]
        if with_criteria:
            row.append(prose.cell(theme, p.criteria) if present.needs_criteria(p) else "")
        if with_notes:
            row.append(prose.cell(theme, p.notes) if p.notes is not None else "")
        rows.append(row)
    first = min(130.0, width * 0.24)
    widths = [first] + [(width - first) / (len(header) - 1)] * (len(header) - 1)
    table = data_table(theme, header, rows, widths, summary=labels.summaries["criteria_and_notes"], header_cols=1)
    return section(theme, labels.headings["criteria_and_notes"], "h3", [table, gap(6)])


def _header(labels: Labels, with_criteria: bool, with_notes: bool) -> list[str]:
    c = labels.columns
    return [c["payer"]] + ([c["criteria"]] if with_criteria else []) + ([c["notes"]] if with_notes else [])
