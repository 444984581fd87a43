"""Coding rules as structure: the modifier table, PTP edits, units and frequency limits, place of
service and revenue codes, documentation, tips, denial reasons, related codes and code history.

Each part is its own table or list under an H4 in Coding Specifications; a part left null
says "Not provided", an empty list says "None". The words come from present.
"""

from __future__ import annotations

from typing import Callable, Optional

from reportlab.platypus import Flowable

from .. import present
from ..blocktext import Item, ListBlock
from ..model import Briefing, CodingRules
from ..present import Labels
from . import prose
from .blocks import missing_line, section
from .tables import BriefTable, data_table
from .typography import Theme


def modifier_table(b: Briefing, theme: Theme, width: float) -> BriefTable:
    """Modifier, description, when to use, and "do not use when" once any modifier has it."""
    labels = present.labels_of(b)
    mods = b.coding.modifiers
    header = list(labels.modifier_headers)
    rows = [[theme.text(m.modifier), theme.text(m.description), prose.cell(theme, m.when_to_use)] for m in mods]
    widths = [64, width * 0.27, width - 64 - width * 0.27]
    if present.shows_do_not_use(b):
        header.append(labels.columns["do_not_use_when"])
        for row, m in zip(rows, mods, strict=True):
            row.append(prose.cell(theme, m.do_not_use_when))
        rest = width - 56 - width * 0.22
        widths = [56, width * 0.22, rest / 2, rest / 2]
    return data_table(theme, header, rows, widths, summary=labels.summaries["modifiers"].format(label=b.label),
                      mono_cols=(0,), header_cols=1)


def coding_rules(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    """Every part of `coding.rules`, in a fixed order; one "Not provided" line without any."""
    labels = present.labels_of(b)
    rules = b.coding.rules
    if rules is None:
        return [missing_line(theme, labels, labels.gaps["rules_line"])]
    out: list[Flowable] = []
    for part in present.RULE_PARTS:
        value = getattr(rules, part)
        if value is None:
            body = [theme.para(None)]
        elif not value:
            body = [theme.para(labels.none)]
        else:
            body = _BUILDERS[part](b, rules, theme, width, labels)
        out += section(theme, labels.headings[part], "h4", body)
    return out


def _table(theme: Theme, b: Briefing, part: str, header: list[str], rows: list[list], fixed: list[float],
           width: float, notes: list, mono: tuple[int, ...] = (0,), right: tuple[int, ...] = ()) -> list[Flowable]:
    """A rules table: `fixed` widths (0 = share of what is left), plus a Note column if any row has one."""
    labels = present.labels_of(b)
    if any(n is not None for n in notes):
        header = header + [labels.columns["note"]]
        rows = [row + [prose.cell(theme, n) if n is not None else ""] for row, n in zip(rows, notes, strict=True)]
        fixed = fixed + [0]
    free = [i for i, w in enumerate(fixed) if not w]
    share = (width - sum(fixed)) / max(1, len(free))
    widths = [w or share for w in fixed]
    summary = labels.summaries["rules"].format(part=labels.headings[part], label=b.label)
    return [data_table(theme, header, rows, widths, summary=summary, mono_cols=mono, right_cols=right)]


def _date(theme: Theme, labels: Labels, value, missing: Optional[str] = None) -> str:
    if value is not None:
        return present.date_text(value, labels)
    return theme.text(missing) if missing else theme.not_provided()


def _word(theme: Theme, labels: Labels, enum: str, value: Optional[str]) -> str:
    return theme.value_or_missing(present.enum_word(enum, value, labels))


def _columns(labels: Labels, *keys: str) -> list[str]:
    return [labels.columns[k] for k in keys]


def _ptp(b: Briefing, rules: CodingRules, theme: Theme, width: float, labels: Labels) -> list[Flowable]:
    edits = rules.ptp_edits
    rows = [[theme.text(e.column_1), theme.text(e.column_2), _word(theme, labels, "modifier_indicator",
                                                                   e.modifier_indicator),
             _date(theme, labels, e.effective_date), _date(theme, labels, e.end_date, labels.in_effect)] for e in edits]
    header = _columns(labels, "column_1", "column_2", "modifier_indicator", "effective", "deleted")
    return _table(theme, b, "ptp_edits", header, rows, [56, 56, 0, 66, 66], width, [e.note for e in edits],
                  mono=(0, 1))


def _units(b: Briefing, rules: CodingRules, theme: Theme, width: float, labels: Labels) -> list[Flowable]:
    limits = rules.units_limits
    rows = [[theme.text(u.code), present.quantity(u.units, labels), _word(theme, labels, "mue_applied", u.applied),
             _word(theme, labels, "claim_type", u.claim_type), _date(theme, labels, u.effective_date)] for u in limits]
    header = _columns(labels, "code", "units", "applied", "claim_type", "effective")
    return _table(theme, b, "units_limits", header, rows, [56, 74, 0, 0, 66], width, [u.note for u in limits],
                  right=(1,))


def _frequency(b: Briefing, rules: CodingRules, theme: Theme, width: float, labels: Labels) -> list[Flowable]:
    limits = rules.frequency_limits
    per = labels.enums["per"]
    rows = [[theme.text(f.code), theme.text(f"{present.quantity(f.times, labels)} {per[f.per]}"),
             theme.value_or_missing(f.applies_to)] for f in limits]
    header = _columns(labels, "code", "limit", "applies_to")
    return _table(theme, b, "frequency_limits", header, rows, [56, 0, 0], width, [f.note for f in limits])


def _places(b: Briefing, rules: CodingRules, theme: Theme, width: float, labels: Labels) -> list[Flowable]:
    places = rules.places_of_service
    rows = [[theme.text(p.code), theme.text(p.name)] for p in places]
    return _table(theme, b, "places_of_service", _columns(labels, "code", "name"), rows, [56, 0], width,
                  [p.note for p in places])


def _revenue(b: Briefing, rules: CodingRules, theme: Theme, width: float, labels: Labels) -> list[Flowable]:
    codes = rules.revenue_codes
    rows = [[theme.text(r.code), theme.text(r.description)] for r in codes]
    return _table(theme, b, "revenue_codes", _columns(labels, "code", "description"), rows, [56, 0], width,
                  [r.note for r in codes])


def _related(b: Briefing, rules: CodingRules, theme: Theme, width: float, labels: Labels) -> list[Flowable]:
    codes = rules.related_codes
    rows = [[theme.text(c.code), theme.text(c.code_system), _word(theme, labels, "relation", c.relation),
             theme.value_or_missing(c.description)] for c in codes]
    header = _columns(labels, "code", "system", "relation", "description")
    return _table(theme, b, "related_codes", header, rows, [62, 70, 0, 0], width, [c.note for c in codes])


def _history(b: Briefing, rules: CodingRules, theme: Theme, width: float, labels: Labels) -> list[Flowable]:
    rows = [[present.date_text(h.date, labels), theme.text(h.change)] for h in rules.history]
    return _table(theme, b, "history", _columns(labels, "date", "change"), rows, [72, 0], width,
                  [None] * len(rows), mono=())


def _items(part: str, lead: bool = False) -> Callable:
    def build(b: Briefing, rules: CodingRules, theme: Theme, width: float, labels: Labels) -> list[Flowable]:
        items = ListBlock(False, [Item(text) for text in getattr(rules, part)])
        return ([theme.para(labels.documentation_lead, "lead")] if lead else []) + [prose.block_list(theme, items)]
    return build


_BUILDERS: dict[str, Callable] = {
    "ptp_edits": _ptp, "units_limits": _units, "frequency_limits": _frequency, "places_of_service": _places,
    "revenue_codes": _revenue, "documentation": _items("documentation", lead=True),
    "tips": _items("tips"), "denial_reasons": _items("denial_reasons"), "related_codes": _related,
    "history": _history,
}
