"""The words that coding rules, payer details, benchmarks, references and extra sections put on
the page, and the honest count of what they leave out. Pure: no ReportLab.

One rule decides what a missing value shows: a part that is *expected* and absent says "Not
provided" and is counted at a glance. Coding rules are expected, and each of their parts; a column that only some rows fill (line of business, "do not use when", geography ...) is
expected once any row fills it; criteria are expected for "covered with criteria". Remarks
(`note`) are commentary, never expected; a PTP edit without an end date is in effect.
"""

from __future__ import annotations

WORDS = {
    # coding rules: all of them, then the headings of the parts, in page order
    "rules": "Coding rules", "rules_missing": "Coding rules (edits, limits, documentation, related codes)",
    "ptp_edits": "Procedure-to-procedure (PTP) edits",
    "units_limits": "Medically unlikely edits (units per day)",
    "frequency_limits": "Frequency limits",
    "places_of_service": "Place of service",
    "revenue_codes": "Revenue codes",
    "documentation": "Documentation requirements",
    "tips": "Coding tips",
    "denial_reasons": "Common denial reasons",
    "related_codes": "Related codes",
    "history": "Code history",
    # table headers and cell words
    "column_1": "Column 1", "column_2": "Column 2", "modifier_indicator": "Modifier indicator",
    "effective": "Effective", "deleted": "Deleted", "note": "Note", "code": "Code", "units": "Units per day",
    "applied": "Applied", "claim_type": "Claims", "limit": "Limit", "applies_to": "Applied by",
    "name": "Name", "description": "Description", "system": "Code set", "relation": "Relation",
    "date": "Date", "change": "Change", "in_effect": "In effect", "none": "None",
    "documentation_lead": "The record must show:",
    "do_not_use_when": "Do Not Use When",
    # payers
    "line_of_business": "Line of business", "criteria": "Coverage criteria", "granted_by": "Granted by",
    "policy_number": "Number", "issued_by": "Issued by", "policy_link": "Link", "payer_notes": "Notes",
    "criteria_and_notes": "Coverage criteria and notes",
    # benchmarks
    "geography": "Geography", "period": "Period", "setting": "setting",
    "benchmark_groups": "Bars are grouped by basis and setting: compare bars within a group only.", "illustrative_mark": "\u2020",
    "illustrative_legend": "\u2020 Illustrative: an estimate or example, not a published or contracted figure.",
    # sources
    "sources": "Sources", "accessed": "Accessed",
    # at a glance
    "gap_rules_part": "{part}", "gap_do_not_use": "Modifier guidance (do not use when)",
    "gap_policy_link": "Medical policy link", "gap_policy_date": "Medical policy effective date",
    "gap_policy_number": "Medical policy number", "gap_policy_issuer": "Medical policy issuer",
    "gap_accessed": "Source accessed date", "gap_criteria": "Coverage criteria",
    "gap_granted_by": "Prior authorization granted by", "gap_geography": "Benchmark geography",
    "gap_period": "Benchmark period",
}

MODIFIER_INDICATOR = {
    "0": "0 \u00b7 Never together: no modifier bypasses the edit",
    "1": "1 \u00b7 Modifier allowed when the record supports a distinct service",
    "9": "9 \u00b7 Edit does not apply",
}
LINE_OF_BUSINESS = {
    "commercial": "Commercial", "medicare_advantage": "Medicare Advantage", "original_medicare": "Original Medicare",
    "medicaid_managed_care": "Medicaid managed care", "medicaid": "Medicaid", "marketplace": "Marketplace",
    "other": "Other",
}
RELATION = {
    "bundled": "Bundled: included, not billed separately", "companion": "Companion: billed with this code",
    "alternative": "Alternative: billed instead", "add_on": "Add-on code",
    "replaces": "Replaces this code", "replaced_by": "Replaced by this code",
}
PER = {"day": "per day", "week": "per week", "month": "per month", "year": "per year",
       "course_of_treatment": "per course of treatment", "episode": "per episode", "lifetime": "per lifetime"}
CLAIM_TYPE = {"practitioner": "Practitioner", "outpatient_hospital": "Outpatient hospital",
              "dme_supplier": "DME supplier"}
MUE_APPLIED = {"claim_line": "Per claim line", "day_policy": "Per day (policy)",
               "day_clinical": "Per day (clinical)"}
RULE_PARTS = ("ptp_edits", "units_limits", "frequency_limits", "places_of_service", "revenue_codes",
              "documentation", "tips", "denial_reasons", "related_codes", "history")
PA_NEEDS_GRANTOR = ("required", "varies")


def number(value: float) -> str:
    """A count as a reader writes it: 2, not 2.0."""
    return f"{value:g}" if value == int(value) else f"{value:,}"


# ----------------------------------------------------------------------------- what is expected

def used(values) -> bool:
    return any(v is not None for v in values)


def shows_do_not_use(b) -> bool:
    return used(m.do_not_use_when for m in b.coding.modifiers)


def shows_line_of_business(b) -> bool:
    return used(p.line_of_business for p in b.payers)


def shows_granted_by(b) -> bool:
    return used(p.prior_authorization_by for p in b.payers)


def needs_granted_by(b, payer) -> bool:
    return shows_granted_by(b) and payer.prior_authorization in PA_NEEDS_GRANTOR


def policies(b) -> list:
    return [p.policy for p in b.payers if p.policy is not None]


def shows_policy(b, name: str) -> bool:
    """Policy number and issuer are expected once any policy gives one (link and date always are)."""
    return name in ("url", "effective_date") or used(getattr(pol, name) for pol in policies(b))


def needs_criteria(payer) -> bool:
    return payer.criteria is not None or payer.coverage == "covered_with_criteria"


def benchmark_columns(b) -> list[str]:
    """The optional benchmark fields some benchmark gives: those become table columns."""
    given = [p.benchmark for p in b.payers if p.benchmark]
    return [name for name in ("geography", "period") if used(getattr(bm, name) for bm in given)]


# ----------------------------------------------------------------------------- at a glance

def gaps(b) -> list[tuple[str, int, int, str]]:
    """(label, missing, out of, noun) for each expected part that is absent; out of 0: a single part."""
    out: list[tuple[str, int, int, str]] = []

    def count(label: str, items: list, missing, noun: str) -> None:
        k = sum(1 for x in items if missing(x))
        if k:
            out.append((label, k, len(items), noun))

    mods = b.coding.modifiers
    if shows_do_not_use(b):
        count(WORDS["gap_do_not_use"], mods, lambda m: m.do_not_use_when is None, "modifier")
    out += _rule_gaps(b.coding.rules)
    payers = b.payers
    if shows_line_of_business(b):
        count(WORDS["line_of_business"], payers, lambda p: p.line_of_business is None, "payer")
    count(WORDS["gap_criteria"], [p for p in payers if needs_criteria(p)], lambda p: p.criteria is None, "payer")
    count(WORDS["gap_granted_by"], [p for p in payers if needs_granted_by(b, p)],
          lambda p: p.prior_authorization_by is None, "payer")
    for name, label in (("url", "gap_policy_link"), ("effective_date", "gap_policy_date"),
                        ("number", "gap_policy_number"), ("issuer", "gap_policy_issuer")):
        if shows_policy(b, name):
            count(WORDS[label], policies(b), lambda pol, n=name: getattr(pol, n) is None, "policy")
    given = [p.benchmark for p in payers if p.benchmark]
    for name in benchmark_columns(b):
        count(WORDS[f"gap_{name}"], given, lambda bm, n=name: getattr(bm, n) is None, "benchmark")
    sources = list(b.references) + [s for p in payers for s in p.sources]
    count(WORDS["gap_accessed"], sources, lambda s: s.accessed is None, "source")
    return out


def _rule_gaps(rules) -> list[tuple[str, int, int, str]]:
    if rules is None:
        return [(WORDS["rules"], 0, 0, "")]
    out = [(WORDS[part], 0, 0, "") for part in RULE_PARTS if getattr(rules, part) is None]
    cells = (("ptp_edits", "effective_date", "PTP edit effective date", "edit"),
             ("units_limits", "applied", "MUE adjudication", "limit"),
             ("units_limits", "claim_type", "MUE claim type", "limit"),
             ("units_limits", "effective_date", "MUE effective date", "limit"),
             ("frequency_limits", "applies_to", "Frequency limit applied by", "limit"),
             ("related_codes", "description", "Related code description", "code"))
    for part, name, label, noun in cells:
        rows = getattr(rules, part) or []
        k = sum(1 for r in rows if getattr(r, name) is None)
        if k:
            out.append((label, k, len(rows), noun))
    return out


def gap_lines(b, missing: str) -> list[str]:
    """The at-a-glance lines for `gaps`, in the panel's words ("Label: Not provided for 1 of 3 payers")."""
    lines = []
    for label, k, n, noun in gaps(b):
        lines.append(f"{label}: {missing}" + (f" for {k} of {n} {_plural(noun, n)}" if n else ""))
    return lines


def _plural(noun: str, n: int) -> str:
    if n == 1:
        return noun
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
