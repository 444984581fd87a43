"""Every fixed word of a briefing: the `Labels` record, and the English table.

Adding a language is adding one table (spanish.py) to languages.TABLES; a word that is not here
is not on the page.
`{name}` in a word marks a value filled in by the functions of `present`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping


@dataclass(frozen=True)
class Labels:
    """Every fixed word of a briefing in one language."""

    language: str
    values: Mapping[str, str]  # enum values of the source (coverage, basis, setting, status ...)
    enums: Mapping[str, Mapping[str, str]]  # the coding rules' and payers' enums, by enum name
    not_provided: str
    nothing_missing: str
    thousands: str
    decimal: str
    date: str  # how a date is written: "iso" (2026-10-01) or "day month year" (1 oct 2026, with `months`)
    months: tuple[str, ...]  # the months' short names, January first
    headings: Mapping[str, str]  # fixed section headings, and the defaults of the ones a source may set
    facts: Mapping[str, str]  # labels of the title block, At a Glance and key facts
    gaps: Mapping[str, str]  # what the "Data not provided" panel names, by field
    nouns: Mapping[str, tuple[str, str]]  # (one, many)
    columns: Mapping[str, str]  # column headers of the coding-rule, criteria and benchmark tables
    details: Mapping[str, str]  # labels of the lines inside a cell ("Granted by: ...")
    gap: str
    gap_for: str
    count: str
    no_benchmark: str
    eyebrow: str
    logo: str
    logo_unnamed: str
    modifier_headers: tuple[str, str, str]
    coverage_headers: tuple[str, str, str, str, str]
    benchmark_headers: tuple[str, str, str, str, str]
    summaries: Mapping[str, str]  # table summaries and figure text for assistive technology
    percent: str
    money: str
    effective: str
    policy_effective: str
    benchmark: str
    left_out: str
    chart_title: str
    chart_alt: str
    continued: str
    note: str
    note_general: str  # a reference of the briefing as a whole: no payer
    accessed: str
    page: str
    contents_entry: str  # one entry of the contents as its link says it
    version: str
    subject: str
    scope_not_provided: str
    watermarks: Mapping[str, str]
    packet_eyebrow: str
    packet_subject: str
    packet_list: str
    packet_headers: tuple[str, str, str, str]
    none: str  # a coding-rule part given as an empty list
    in_effect: str  # a PTP edit without an end date
    documentation_lead: str
    benchmark_groups: str
    illustrative_mark: str
    illustrative_legend: str
    illustrative_alt: str
    # "What changed": the box on page 1 and `briefpdf diff`; a default, so a table without it still loads
    changes: Mapping[str, str] = field(default_factory=lambda: CHANGES)

    def plural(self, noun: str, n: int) -> str:
        one, many = self.nouns[noun]
        return one if n == 1 else many

    def counted(self, k: int, n: int, noun: str) -> str:
        """'1 of 6 payers': the noun agrees with the total."""
        return self.count.format(k=k, n=n, noun=self.plural(noun, n))


# the words of "What changed" (diff.py): `{what}` is a field or a named row, `{old}`/`{new}` its values
CHANGES: Mapping[str, str] = MappingProxyType({
    "heading": "What changed", "since": "Since version {version} of {date}", "since_undated": "Since {date}",
    "nothing": "Nothing a reader sees has changed.", "summary": "What changed: since the previous version, "
    "and as recorded", "when": "When", "what": "What changed",
    "changed": "{what}: {old} \u2192 {new}", "added": "{what} added", "removed": "{what} removed",
    "revised": "{what} revised", "percent": " ({sign}{percent}%)",
    "version": "Version", "title": "Title", "status": "Status", "code": "Code",
    "payer": "Payer {name}", "payer_field": "{payer} {field}", "modifier": "Modifier {modifier}",
    "section": "Section \u201c{title}\u201d", "source": "Source \u201c{title}\u201d",
    "ptp_edit": "PTP edit {column_1} + {column_2}", "related_code": "Related code {code}",
    "coverage": "coverage", "prior_authorization": "prior authorization", "policy": "medical policy",
    "benchmark": "benchmark", "line_of_business": "line of business", "criteria": "coverage criteria",
    "notes": "notes", "prior_authorization_by": "prior authorization granted by",
    "disclaimer": "Disclaimer",
})

# the parts of coding rules, in page order, with their headings (also what At a Glance names)
_RULE_PARTS = {
    "ptp_edits": "Procedure-to-procedure (PTP) edits", "units_limits": "Medically unlikely edits (units per day)",
    "frequency_limits": "Frequency limits", "places_of_service": "Place of service", "revenue_codes": "Revenue codes",
    "documentation": "Documentation requirements", "tips": "Coding tips", "denial_reasons": "Common denial reasons",
    "related_codes": "Related codes", "history": "Code history",
}

ENGLISH = Labels(
    language="en",
    values=MappingProxyType({
        "covered": "Covered", "covered_with_criteria": "Covered with criteria", "not_covered": "Not covered",
        "varies": "Varies by plan", "required": "Required", "not_required": "Not required",
        "fee_schedule": "fee schedule", "per_plan": "per plan", "percent_of_medicare": "% of Medicare",
        "case_rate": "case rate", "median_allowed": "median allowed", "list_price": "list price",
        "facility": "facility", "non_facility": "non-facility", "hospital_outpatient": "hospital outpatient",
        "freestanding": "freestanding", "all": "all settings",
        "draft": "Draft", "final": "Final", "sample": "Sample data",
    }),
    enums=MappingProxyType({
        "modifier_indicator": MappingProxyType({
            "0": "0 \u00b7 Never together: no modifier bypasses the edit",
            "1": "1 \u00b7 Modifier allowed when the record supports a distinct service",
            "9": "9 \u00b7 Edit does not apply"}),
        "line_of_business": MappingProxyType({
            "commercial": "Commercial", "medicare_advantage": "Medicare Advantage",
            "original_medicare": "Original Medicare", "medicaid_managed_care": "Medicaid managed care",
            "medicaid": "Medicaid", "marketplace": "Marketplace", "other": "Other"}),
        "relation": MappingProxyType({
            "bundled": "Bundled: included, not billed separately", "companion": "Companion: billed with this code",
            "alternative": "Alternative: billed instead", "add_on": "Add-on code",
            "replaces": "Replaces this code", "replaced_by": "Replaced by this code"}),
        "per": MappingProxyType({
            "day": "per day", "week": "per week", "month": "per month", "year": "per year",
            "course_of_treatment": "per course of treatment", "episode": "per episode", "lifetime": "per lifetime"}),
        "claim_type": MappingProxyType({
            "practitioner": "Practitioner", "outpatient_hospital": "Outpatient hospital",
            "dme_supplier": "DME supplier"}),
        "mue_applied": MappingProxyType({
            "claim_line": "Per claim line", "day_policy": "Per day (policy)", "day_clinical": "Per day (clinical)"}),
    }),
    not_provided="Not provided",
    nothing_missing="Nothing: every field is provided",
    thousands=",", decimal=".", date="iso",
    months=("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    headings=MappingProxyType({
        "summary": "Summary & Overview", "billing_overview": "Billing Code Overview",
        "clinical_and_coding": "Clinical & Coding Specifications", "clinical_context": "Clinical Context",
        "workflow": "Clinical workflow", "setting": "Typical setting", "scenarios": "Common clinical scenarios",
        "coding": "Coding Specifications", "payers": "Payer Coverage & Reimbursement",
        "benchmarks": "Reimbursement benchmarks", "payer_notes": "Payer notes", "notes": "Notes",
        "sources": "Sources", "disclaimer": "Disclaimer", "contents": "Contents", "at_a_glance": "At a Glance",
        "criteria_and_notes": "Coverage criteria and notes", **_RULE_PARTS,
    }),
    facts=MappingProxyType({
        "scope": "Scope", "date": "Date", "version": "Version", "status": "Status", "audience": "Audience",
        "author": "Author", "organization": "Organization", "service_type": "Service type",
        "sites_of_service": "Sites of service", "payers": "Payers in scope", "missing": "Data not provided",
        "code": "Code", "descriptor": "Descriptor", "site_of_service": "Typical site of service",
    }),
    gaps=MappingProxyType({
        "scope": "Scope", "version": "Version", "audience": "Audience", "author": "Author",
        "organization": "Organization", "service_type": "Service type", "sites_of_service": "Sites of service",
        "workflow": "Clinical workflow", "setting": "Typical setting", "scenarios": "Common clinical scenarios",
        "modifier_guidance": "Modifier guidance (when to use)", "payers": "Payers",
        "coverage": "Coverage policy", "prior_authorization": "Prior authorization",
        "policy": "Medical policy reference", "benchmark": "Reimbursement benchmark",
        "do_not_use_when": "Modifier guidance (do not use when)",
        "rules": "Coding rules", "rules_line": "Coding rules (edits, limits, documentation, related codes)",
        **_RULE_PARTS,
        "ptp_effective_date": "PTP edit effective date", "mue_applied": "MUE adjudication",
        "mue_claim_type": "MUE claim type", "mue_effective_date": "MUE effective date",
        "frequency_applies_to": "Frequency limit applied by", "related_description": "Related code description",
        "line_of_business": "Line of business", "criteria": "Coverage criteria",
        "prior_authorization_by": "Prior authorization granted by", "policy_url": "Medical policy link",
        "policy_effective_date": "Medical policy effective date", "policy_number": "Medical policy number",
        "policy_issuer": "Medical policy issuer", "benchmark_geography": "Benchmark geography",
        "benchmark_period": "Benchmark period", "accessed": "Source accessed date",
    }),
    nouns=MappingProxyType({"payer": ("payer", "payers"), "modifier": ("modifier", "modifiers"),
                            "briefing": ("briefing", "briefings"), "policy": ("policy", "policies"),
                            "benchmark": ("benchmark", "benchmarks"), "source": ("source", "sources"),
                            "edit": ("edit", "edits"), "limit": ("limit", "limits"), "code": ("code", "codes")}),
    columns=MappingProxyType({
        "column_1": "Column 1", "column_2": "Column 2", "modifier_indicator": "Modifier indicator",
        "effective": "Effective", "deleted": "Deleted", "note": "Note", "code": "Code", "units": "Units per day",
        "applied": "Applied", "claim_type": "Claims", "limit": "Limit", "applies_to": "Applied by",
        "name": "Name", "description": "Description", "system": "Code set", "relation": "Relation",
        "date": "Date", "change": "Change", "do_not_use_when": "Do Not Use When", "payer": "Payer",
        "criteria": "Coverage criteria", "notes": "Notes", "geography": "Geography", "period": "Period",
    }),
    details=MappingProxyType({
        "line_of_business": "Line of business", "granted_by": "Granted by", "policy_number": "Number",
        "issued_by": "Issued by", "effective": "Effective", "policy_link": "Link", "accessed": "Accessed",
        "setting": "setting",
    }),
    gap="{label}: {missing}", gap_for="{label}: {missing} for {detail}", count="{k} of {n} {noun}",
    no_benchmark="any of the {n} payers; no chart is shown",
    eyebrow="{system} code briefing",
    logo="{organization} logo", logo_unnamed="Publisher logo",
    modifier_headers=("Modifier", "Description", "When to Use"),
    coverage_headers=("Payer", "Coverage", "Prior authorization", "Medical policy", "Benchmark"),
    benchmark_headers=("Payer", "Amount", "Basis", "Setting", "Effective"),
    summaries=MappingProxyType({
        "at_a_glance": "At a glance", "key_facts": "Key facts for {label}", "modifiers": "Modifiers for {label}",
        "coverage": "Coverage by payer", "benchmarks": "Reimbursement benchmarks",
        "packet": "Briefings in this packet", "rules": "{part} for {label}",
        "criteria_and_notes": "Coverage criteria and notes",
    }),
    percent="{amount}% of Medicare", money="{symbol}{amount} {currency}",
    effective=" (effective {date})", policy_effective="Effective {date}", benchmark="Benchmark",
    left_out="Not in the chart, having no figure of the same kind to compare with (see the table): {names}.",
    chart_title="Reimbursement benchmark by payer ({unit})",
    chart_alt="Bar chart of reimbursement benchmarks{continued}: {items}.", continued=" (continued)",
    note="[{number}] {payer}: {title}", note_general="[{number}] {title}", accessed="Accessed {date}",
    page="Page {page} of {total}", contents_entry="{title}, page {page}", version="v{version}",
    subject="{label} briefing, {scope}", scope_not_provided="scope not provided",
    watermarks=MappingProxyType({"draft": "DRAFT", "sample": "SAMPLE DATA"}),
    packet_eyebrow="MEETING PACKET", packet_subject="Meeting packet: {labels}", packet_list="Briefings in this packet",
    packet_headers=("Code", "Briefing", "Status", "Pages"),
    none="None", in_effect="In effect", documentation_lead="The record must show:",
    benchmark_groups="Bars are grouped by basis and setting: compare bars within a group only.",
    illustrative_mark="\u2020",
    illustrative_legend="\u2020 Illustrative: an estimate or example, not a published or contracted figure.",
    illustrative_alt=" (illustrative)",
)
