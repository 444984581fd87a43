"""What the source leaves out: which parts the page expects, and the honest count of the gaps.

One rule decides what a missing value shows: a part that is *expected* and absent says "Not
provided" on the page and is counted at a glance. Coding rules are expected, and each of their
parts; a column that only some rows fill (line of business, "do not use when", geography ...)
is expected once any row fills it; criteria are expected for "covered with criteria". Remarks
(`note`) are commentary, never expected; a PTP edit without an end date is in effect.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from .labels import Labels

if TYPE_CHECKING:
    from ..model import Briefing, CodingRules, Payer, Policy

Escape = Callable[[str], str]

PAYER_FIELDS = ("coverage", "prior_authorization", "policy", "benchmark")
RULE_PARTS = ("ptp_edits", "units_limits", "frequency_limits", "places_of_service", "revenue_codes",
              "documentation", "tips", "denial_reasons", "related_codes", "history")
PA_NEEDS_GRANTOR = ("required", "varies")
BENCHMARK_COLUMNS = ("geography", "period")
# cells of coding-rule rows that the page expects: (part, field, gap key, noun)
RULE_CELLS = (("ptp_edits", "effective_date", "ptp_effective_date", "edit"),
              ("units_limits", "applied", "mue_applied", "limit"),
              ("units_limits", "claim_type", "mue_claim_type", "limit"),
              ("units_limits", "effective_date", "mue_effective_date", "limit"),
              ("frequency_limits", "applies_to", "frequency_applies_to", "limit"),
              ("related_codes", "description", "related_description", "code"))


def _same(text: str) -> str:
    return text


# ------------------------------------------------------------------------------ what is expected
def _used(values: Iterable) -> bool:
    return any(v is not None for v in values)


def shows_do_not_use(b: "Briefing") -> bool:
    """The modifier table has a "Do Not Use When" column once any modifier gives one."""
    return _used(m.do_not_use_when for m in b.coding.modifiers)


def shows_line_of_business(b: "Briefing") -> bool:
    return _used(p.line_of_business for p in b.payers)


def needs_granted_by(b: "Briefing", payer: "Payer") -> bool:
    """Who grants prior authorisation is expected where it is needed, once any payer says who."""
    return _used(p.prior_authorization_by for p in b.payers) and payer.prior_authorization in PA_NEEDS_GRANTOR


def policies(b: "Briefing") -> list["Policy"]:
    return [p.policy for p in b.payers if p.policy is not None]


def shows_policy(b: "Briefing", name: str) -> bool:
    """Policy number and issuer are expected once any policy gives one (link and date always are)."""
    return name in ("url", "effective_date") or _used(getattr(pol, name) for pol in policies(b))


def needs_criteria(payer: "Payer") -> bool:
    return payer.criteria is not None or payer.coverage == "covered_with_criteria"


def benchmark_columns(b: "Briefing") -> list[str]:
    """The optional benchmark fields some benchmark gives: those become table columns."""
    given = [p.benchmark for p in b.payers if p.benchmark]
    return [name for name in BENCHMARK_COLUMNS if _used(getattr(bm, name) for bm in given)]


# ------------------------------------------------------------------------------ the gaps
@dataclass(frozen=True)
class Gap:
    """One thing the source leaves out: a field, or a field missing for `count` of `total` items."""

    field: str
    count: Optional[int] = None
    total: Optional[int] = None
    noun: Optional[str] = None


def availability(b: "Briefing") -> list[Gap]:
    """Everything the source leaves out, counted, in the order the panel lists it."""
    meta, ov, cc = b.document, b.billing_overview, b.clinical_context
    single = [("scope", meta.scope), ("version", meta.version), ("audience", meta.audience),
              ("author", meta.author), ("organization", meta.organization), ("service_type", ov.service_type),
              ("sites_of_service", ov.sites_of_service), ("workflow", cc.workflow), ("setting", cc.setting),
              ("scenarios", cc.scenarios)]
    gaps = [Gap(name) for name, value in single if value is None]
    modifiers = b.coding.modifiers
    gaps += _counted("modifier_guidance", modifiers, lambda m: m.when_to_use is None, "modifier")
    n = len(b.payers)
    if not n:
        gaps.append(Gap("payers"))
    for name in PAYER_FIELDS:
        gaps += _counted(name, b.payers, lambda p, name=name: getattr(p, name) is None, "payer")
    return gaps + _content_gaps(b)


def _counted(key: str, items: list, missing: Callable, noun: str) -> list[Gap]:
    k = sum(1 for x in items if missing(x))
    return [Gap(key, k, len(items), noun)] if k else []


def _content_gaps(b: "Briefing") -> list[Gap]:
    """The gaps of the coding rules, the payers' details, benchmark columns and source dates."""
    gaps: list[Gap] = []
    if shows_do_not_use(b):
        gaps += _counted("do_not_use_when", b.coding.modifiers, lambda m: m.do_not_use_when is None, "modifier")
    gaps += _rule_gaps(b.coding.rules)
    payers = b.payers
    if shows_line_of_business(b):
        gaps += _counted("line_of_business", payers, lambda p: p.line_of_business is None, "payer")
    gaps += _counted("criteria", [p for p in payers if needs_criteria(p)], lambda p: p.criteria is None, "payer")
    gaps += _counted("prior_authorization_by", [p for p in payers if needs_granted_by(b, p)],
                     lambda p: p.prior_authorization_by is None, "payer")
    for name in ("url", "effective_date", "number", "issuer"):
        if shows_policy(b, name):
            gaps += _counted(f"policy_{name}", policies(b), lambda pol, n=name: getattr(pol, n) is None, "policy")
    given = [p.benchmark for p in payers if p.benchmark]
    for name in benchmark_columns(b):
        gaps += _counted(f"benchmark_{name}", given, lambda bm, n=name: getattr(bm, n) is None, "benchmark")
    sources = list(b.references) + [s for p in payers for s in p.sources]
    return gaps + _counted("accessed", sources, lambda s: s.accessed is None, "source")


def _rule_gaps(rules: Optional["CodingRules"]) -> list[Gap]:
    if rules is None:
        return [Gap("rules")]
    gaps = [Gap(part) for part in RULE_PARTS if getattr(rules, part) is None]
    for part, name, key, noun in RULE_CELLS:
        gaps += _counted(key, getattr(rules, part) or [], lambda row, n=name: getattr(row, n) is None, noun)
    return gaps


def gap_text(gap: Gap, labels: Labels, *, missing: Optional[str] = None, esc: Escape = _same) -> str:
    """'Coverage policy: Not provided for 1 of 6 payers'."""
    detail = None if gap.count is None else labels.counted(gap.count, gap.total or 0, gap.noun or "")
    return missing_text(labels.gaps[gap.field], labels, detail, missing=missing, esc=esc)


def missing_text(label: str, labels: Labels, detail: Optional[str] = None, *,
                 missing: Optional[str] = None, esc: Escape = _same) -> str:
    """'Label: Not provided', or '... for detail': the one wording of a gap, in the panel or in place."""
    shown = labels.not_provided if missing is None else missing
    if detail is None:
        return labels.gap.format(label=esc(label), missing=shown)
    return labels.gap_for.format(label=esc(label), missing=shown, detail=esc(detail))
