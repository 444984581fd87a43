"""The briefing as typed records. `None` always means "not provided" and is shown as such.

Knows nothing of ReportLab or of files: `load()` in the package turns a Document from
`source` into a `Briefing` via `schema.validate`, and cross-field rules live in `check()`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, Optional

from .amounts import amount_problem
from .citations import citation_problems
from .placement import BUILT_IN, placement_problems
from .problems import Problem
from .schema import spec
from .source import Document

CURRENCIES = (
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "JPY", "CNY", "INR", "MXN", "BRL", "SEK",
    "NOK", "DKK", "PLN", "CZK", "HUF", "ZAR", "SGD", "HKD", "KRW", "ILS", "AED", "SAR", "TRY",
    "PHP", "THB", "MYR", "IDR", "CLP", "COP", "ARS", "PEN", "EGP", "NGN", "KES", "PKR", "BDT",
    "VND", "TWD", "RON", "BGN", "ISK", "QAR", "KWD", "BHD", "OMR", "JOD", "MAD",
)
MAX_TITLE = 400  # characters: a title set in the largest type is a line or two, not a page
URL = r"(https?://|mailto:)[^\s<>\"]+"
URL_HINT = "links must start with https://, http:// or mailto:"

Coverage = Literal["covered", "covered_with_criteria", "not_covered", "varies"]
PriorAuth = Literal["required", "not_required", "varies"]
Basis = Literal["fee_schedule", "per_plan", "percent_of_medicare", "case_rate", "median_allowed", "list_price"]
Setting = Literal["facility", "non_facility", "hospital_outpatient", "freestanding", "all"]
LineOfBusiness = Literal["commercial", "medicare_advantage", "original_medicare", "medicaid_managed_care",
                         "medicaid", "marketplace", "other"]
Relation = Literal["bundled", "companion", "alternative", "add_on", "replaces", "replaced_by"]
Per = Literal["day", "week", "month", "year", "course_of_treatment", "episode", "lifetime"]
ClaimType = Literal["practitioner", "outpatient_hospital", "dme_supplier"]
MueApplied = Literal["claim_line", "day_policy", "day_clinical"]
CODE = r"[0-9A-Z]{5}"
CODE_HINT = "a CPT or HCPCS code is five upper-case letters or digits, e.g. 77301, 0075T, G6015"
ID = r"[A-Za-z][A-Za-z0-9_.-]{0,63}"
ID_HINT = "an id is a letter, then letters, digits, '_', '.' or '-', e.g. cms-ncci"


@dataclass
class Meta:
    """Who the briefing is for, what it covers and when it was written."""

    code: str = spec("The billing code.", example="77301", pattern=r"[0-9A-Z]{4,5}",
                     pattern_hint="a CPT code is five characters, e.g. 77301 or 0075T; HCPCS e.g. G6015")
    code_system: Literal["CPT", "HCPCS"] = spec("The code set the code belongs to.")
    title: str = spec("The code's short descriptor, used as the document title.", max_length=MAX_TITLE)
    date: dt.date = spec("Date of this version, YYYY-MM-DD.", example="2026-11-28")
    status: Literal["draft", "final", "sample"] = spec(
        "draft and sample briefings carry a watermark on every page.", default="final")
    short_title: Optional[str] = spec("A shorter title for the running header and footer.", default=None)
    scope: Optional[str] = spec("Geographic or market scope, e.g. National.", default=None)
    audience: Optional[list[str]] = spec("Who the briefing is written for.", default=None)
    version: Optional[str] = spec("Version label, e.g. 1.0.", default=None)
    author: Optional[str] = spec("Person or team responsible.", default=None)
    organization: Optional[str] = spec("Publishing organisation.", default=None)
    language: str = spec("Language of the text as a BCP 47 tag.", default="en-US",
                         pattern=r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*", pattern_hint="e.g. en-US")
    keywords: list[str] = spec("Words for the PDF's keyword metadata.", default=[])


@dataclass
class Summary:
    """Summary & Overview: the few paragraphs a reader sees first."""

    paragraphs: list[str] = spec("Paragraphs of the summary.", min_items=1, block=True)
    heading: str = spec("Section heading.", default="Summary & Overview")


@dataclass
class BillingOverview:
    """Billing Code Overview: what the code describes and where it is billed."""

    description: list[str] = spec("Paragraphs describing the code.", min_items=1, block=True)
    service_type: Optional[str] = spec("The kind of service.", default=None)
    sites_of_service: Optional[str] = spec("Typical sites of service.", default=None)
    heading: str = spec("Section heading.", default="Billing Code Overview")


@dataclass
class Workflow:
    """The clinical workflow: a sentence that introduces it and its steps in order."""

    steps: list[str] = spec("The steps, in order.", min_items=1)
    summary: Optional[str] = spec("A sentence that introduces the steps.", default=None, block=True)


@dataclass
class Scenarios:
    """Common clinical scenarios for the code."""

    items: list[str] = spec("The scenarios.", min_items=1)
    summary: Optional[str] = spec("A sentence that introduces the scenarios.", default=None, block=True)


@dataclass
class ClinicalContext:
    """Clinical Context: a vignette, the workflow and the common scenarios."""

    vignette: list[str] = spec("Paragraphs of the clinical vignette.", min_items=1, block=True)
    workflow: Optional[Workflow] = spec("The clinical workflow.", default=None)
    setting: Optional[str] = spec("Where the service is typically delivered.", default=None, block=True)
    scenarios: Optional[Scenarios] = spec("Common clinical scenarios.", default=None)
    heading: str = spec("Subsection heading.", default="Clinical Context")


@dataclass
class Modifier:
    """One row of the modifier table."""

    modifier: str = spec("The modifier, e.g. 26 or TC.", pattern=r"[0-9A-Z]{2}",
                         pattern_hint="a modifier is two characters, upper-case letters or digits, e.g. 26, TC, "
                                      "XS; one modifier per row (59/XS is two rows)")
    description: str = spec("What the modifier means.")
    when_to_use: Optional[str] = spec("When to append it.", default=None, block=True)
    do_not_use_when: Optional[str] = spec(
        "When not to append it (shown as its own column once any modifier has one).", default=None, block=True)


@dataclass
class Coding:
    """Coding Specifications: the modifier table and notes on coding."""

    modifiers: list[Modifier] = spec("The modifier table.", min_items=1)
    notes: list[str] = spec("Paragraphs on coding considerations.", default=[], block=True)
    rules: Optional[CodingRules] = spec(
        "Edits, limits, place of service, documentation, tips, related codes and code history; each part "
        "left null says Not provided.", default=None)
    heading: str = spec("Subsection heading.", default="Coding Specifications")


@dataclass
class Policy:
    """A payer's medical policy."""

    name: str = spec("The policy's name.")
    url: Optional[str] = spec("Link to the policy.", default=None, pattern=URL, pattern_hint=URL_HINT)
    effective_date: Optional[dt.date] = spec("Date the policy took effect.", default=None)
    number: Optional[str] = spec("The policy's number, e.g. L12345 or CPB 0123.", default=None)
    issuer: Optional[str] = spec(
        "Who issues or administers the policy, e.g. a Medicare contractor or a benefit manager.", default=None)


@dataclass
class Benchmark:
    """A reimbursement benchmark for the code."""

    amount: float = spec("The amount (a percentage when basis is percent_of_medicare).", minimum=0)
    basis: Basis = spec("What the amount is measured against.")
    currency: Optional[str] = spec("ISO 4217 code; required unless basis is percent_of_medicare.",
                                   default=None, enum=CURRENCIES)
    setting: Optional[Setting] = spec(
        "Site-of-service setting the amount applies to: facility / non_facility are the physician fee "
        "schedule's two rates; hospital_outpatient and freestanding name where the service is billed.",
        default=None)
    effective_date: Optional[dt.date] = spec("Date the amount applies from.", default=None)
    geography: Optional[str] = spec("Where the amount applies: National, or a locality or state.", default=None)
    period: Optional[str] = spec("The period the amount applies to, e.g. CY 2026.", default=None)
    illustrative: bool = spec("true marks this one figure as an estimate or illustration (a mark and a "
                              "legend line), whatever the document's status.", default=False)


@dataclass
class SourceRef:
    """A source that supports a payer's data, shown as a numbered note."""

    title: str = spec("Title of the source.")
    url: Optional[str] = spec("Link to the source.", default=None, pattern=URL, pattern_hint=URL_HINT)
    accessed: Optional[dt.date] = spec("Date the source was read.", default=None)
    supports: list[Literal["coverage", "prior_authorization", "policy", "benchmark"]] = spec(
        "Which of the payer's fields the source supports: its note number is printed beside those "
        "cells of the coverage table (default: beside the payer's name).", default=[])
    id: Optional[str] = spec("A name to cite the source by from any prose, as [^id].", default=None,
                             pattern=ID, pattern_hint=ID_HINT)


@dataclass
class Payer:
    """One payer's coverage and reimbursement; every field but the name may be absent."""

    name: str = spec("The payer's name.")
    coverage: Optional[Coverage] = spec("Coverage status.", default=None)
    prior_authorization: Optional[PriorAuth] = spec("Whether prior authorisation is required.", default=None)
    policy: Optional[Policy] = spec("The medical policy.", default=None)
    benchmark: Optional[Benchmark] = spec("The reimbursement benchmark.", default=None)
    notes: Optional[str] = spec("Anything else a reader should know.", default=None, block=True)
    sources: list[SourceRef] = spec("Sources for this payer's data.", default=[])
    line_of_business: Optional[LineOfBusiness] = spec(
        "The plan type (shown once any payer has one).", default=None)
    criteria: Optional[str] = spec("The coverage criteria, as text or a list.", default=None, block=True)
    prior_authorization_by: Optional[str] = spec(
        "Who grants prior authorisation, e.g. the plan or a benefit manager.", default=None)


@dataclass
class Briefing:
    """A briefing on one billing code."""

    document: Meta = spec("Title block and metadata.")
    summary: Summary = spec("Summary & Overview.")
    billing_overview: BillingOverview = spec("Billing Code Overview.")
    clinical_context: ClinicalContext = spec("Clinical Context.")
    coding: Coding = spec("Coding Specifications.")
    disclaimer: list[str] = spec("Paragraphs of the disclaimer.", min_items=1, block=True)
    payers: list[Payer] = spec("Payers in scope, one entry each.", default=[])
    notes: list[str] = spec("Further notes, shown before the disclaimer.", default=[], block=True)
    references: list[Reference] = spec(
        "Sources for the briefing as a whole, numbered before the payers' sources.", default=[])
    sections: list[ExtraSection] = spec("Sections of your own, each placed after a section you name.",
                                        default=[])
    changes: list[Change] = spec("What changed in this version, as you record it: the What changed box on "
                                 "page 1 lists it after the changes computed from the previous version.", default=[])
    previous: Optional[str] = spec("The previous version's source file, relative to this one: what changed since "
                                   "it is computed and shown on page 1.", default=None)

    @property
    def short_title(self) -> str:
        return self.document.short_title or self.document.title

    @property
    def label(self) -> str:
        return f"{self.document.code_system} {self.document.code}"


# ----------------------------------------------------------------------------- coding rules, references, sections

@dataclass
class PtpEdit:
    """An NCCI procedure-to-procedure edit: column 2 is not paid separately with column 1."""

    column_1: str = spec("The column 1 code (the one that is paid).", pattern=CODE, pattern_hint=CODE_HINT)
    column_2: str = spec("The column 2 code (not separately payable with column 1).", pattern=CODE,
                         pattern_hint=CODE_HINT)
    modifier_indicator: str = spec(
        "0: never billed together; 1: a modifier is allowed when the record supports a distinct service; "
        "9: the edit no longer applies.", enum=("0", "1", "9"), example="1")
    effective_date: Optional[dt.date] = spec("Date the edit took effect.", default=None)
    end_date: Optional[dt.date] = spec("Date the edit was deleted; null = still in effect.", default=None)
    note: Optional[str] = spec("A remark on the edit.", default=None, block=True)


@dataclass
class UnitsLimit:
    """A medically unlikely edit (MUE): the most units of a code per day."""

    code: str = spec("The code the limit applies to.", pattern=CODE, pattern_hint=CODE_HINT)
    units: float = spec("The most units per day.", minimum=0)
    applied: Optional[MueApplied] = spec(
        "How it is applied: claim_line (per line), day_policy (per day, by policy), day_clinical "
        "(per day, on clinical grounds).", default=None)
    claim_type: Optional[ClaimType] = spec("The claims the limit is published for.", default=None)
    effective_date: Optional[dt.date] = spec("Date the limit took effect.", default=None)
    note: Optional[str] = spec("A remark on the limit.", default=None, block=True)


@dataclass
class FrequencyLimit:
    """How often a code may be billed, e.g. once per course of treatment."""

    code: str = spec("The code the limit applies to.", pattern=CODE, pattern_hint=CODE_HINT)
    times: float = spec("How many times.", minimum=0)
    per: Per = spec("The span the count is per.")
    applies_to: Optional[str] = spec("Who applies the limit: a payer, a program, or All payers.", default=None)
    note: Optional[str] = spec("A remark on the limit.", default=None, block=True)


@dataclass
class RelatedCode:
    """A code a coder must know beside this one, and how it relates."""

    code: str = spec("The related code.", pattern=r"[0-9A-Z][0-9A-Z.]{2,7}",
                     pattern_hint="a code of three to eight upper-case letters, digits or dots")
    code_system: Literal["CPT", "HCPCS", "ICD-10-CM", "ICD-10-PCS"] = spec("The code set it belongs to.")
    relation: Relation = spec(
        "What the related code is to this one: bundled (included, not billed separately), companion "
        "(billed with it), alternative (billed instead), add_on, replaces (it replaced this code), "
        "replaced_by (this code replaced it).")
    description: Optional[str] = spec("The related code's short label, in your own words.", default=None)
    note: Optional[str] = spec("Why it matters.", default=None, block=True)


@dataclass
class CodeChange:
    """One entry of the code's history."""

    date: dt.date = spec("When the change took effect.")
    change: str = spec("What changed: added, revised (what), deleted, replaced by ...")


@dataclass
class PlaceOfService:
    """A place-of-service code the service is billed with."""

    code: str = spec("The two-digit place-of-service code.", pattern=r"[0-9]{2}", example="22",
                     pattern_hint="a place-of-service code is two digits, e.g. 11 or 22")
    name: str = spec("Its name, e.g. On campus-outpatient hospital.")
    note: Optional[str] = spec("A remark.", default=None, block=True)


@dataclass
class RevenueCode:
    """A revenue code a hospital claim carries the service under."""

    code: str = spec("The four-digit revenue code.", pattern=r"[0-9]{4}", example="0333",
                     pattern_hint="a revenue code is four digits, e.g. 0333")
    description: str = spec("What the revenue code covers.")
    note: Optional[str] = spec("A remark.", default=None, block=True)


@dataclass
class CodingRules:
    """The rules coders check, each part shown as its own table or list. null = Not provided;
    an empty list [] says there are none."""

    ptp_edits: Optional[list[PtpEdit]] = spec("NCCI procedure-to-procedure edits.", default=None)
    units_limits: Optional[list[UnitsLimit]] = spec("Medically unlikely edits (units per day).", default=None)
    frequency_limits: Optional[list[FrequencyLimit]] = spec("Frequency limits.", default=None)
    places_of_service: Optional[list[PlaceOfService]] = spec("Place-of-service codes.", default=None)
    revenue_codes: Optional[list[RevenueCode]] = spec("Revenue codes, for hospital claims.", default=None)
    documentation: Optional[list[str]] = spec("What the record must show: a checklist.", default=None)
    tips: Optional[list[str]] = spec("Coding tips.", default=None)
    denial_reasons: Optional[list[str]] = spec("Common denial reasons.", default=None)
    related_codes: Optional[list[RelatedCode]] = spec("Related, bundled and replaced codes.", default=None)
    history: Optional[list[CodeChange]] = spec("The code's history, oldest first.", default=None)


@dataclass
class Reference:
    """A source for the briefing as a whole, numbered with the payers' sources."""

    title: str = spec("Title of the source.")
    id: Optional[str] = spec("A name to cite it by from any prose, as [^id].", default=None,
                             pattern=ID, pattern_hint=ID_HINT)
    url: Optional[str] = spec("Link to the source.", default=None, pattern=URL, pattern_hint=URL_HINT)
    accessed: Optional[dt.date] = spec("Date the source was read.", default=None)


@dataclass
class Change:
    """A change of this version, in the author's words."""

    date: dt.date = spec("When it changed.")
    text: str = spec("What changed, and why.", block=True)


@dataclass
class ExtraSection:
    """A section of your own, rendered like the built-in ones."""

    title: str = spec("The section's heading.")
    body: str = spec("The section's text: paragraphs and lists.", block=True)
    after: Optional[str] = spec(
        "The section it follows: one of " + ", ".join(BUILT_IN) + ", or the id of another of your "
        "sections (default: after notes).", default=None)
    id: Optional[str] = spec("A name other sections can follow, with after:.", default=None,
                             pattern=ID, pattern_hint=ID_HINT)


def check(b: Briefing, doc: Document) -> list[Problem]:
    """Rules that span fields, which a per-field schema cannot express.

    Runs on partly invalid records too (a failed field is None), so a wrong code is reported
    together with the other mistakes in the file, not after they are fixed.
    """
    problems = []
    payers = [p for p in (b.payers or []) if p is not None]
    for i, payer in enumerate(payers):
        bm = payer.benchmark
        if bm and bm.basis and bm.basis != "percent_of_medicare" and not bm.currency:
            problems.append(doc.problem(("payers", i, "benchmark"), f"benchmark for {payer.name} needs a currency",
                                        "add 'currency: USD' (an ISO 4217 code)"))
        wrong = amount_problem(bm.amount, bm.basis) if bm and bm.amount is not None else None
        if wrong:
            problems.append(doc.problem(("payers", i, "benchmark", "amount"), *wrong))
    seen: dict = {}
    for i, payer in enumerate(payers):
        if not payer.name:
            continue
        key = payer.name.casefold()
        if key in seen:
            problems.append(doc.problem(("payers", i, "name"), f"payer '{payer.name}' is listed twice",
                                        f"first listed as payers[{seen[key]}]"))
        seen.setdefault(key, i)
    meta = b.document
    if meta is not None and meta.code and meta.code_system:
        problems += _code_problems(meta.code, meta.code_system, doc)
    return problems + citation_problems(b, doc) + placement_problems(b, doc)


def _code_problems(code: str, system: str, doc: Document) -> list[Problem]:
    if system == "CPT" and not (code.isdigit() and len(code) == 5
                                or len(code) == 5 and code[:4].isdigit() and code[4] in "FTU"):
        return [doc.problem(("document", "code"), f"'{code}' is not a CPT code",
                            "CPT codes are five digits (77301) or four digits and F, T or U (0075T)")]
    if system == "HCPCS" and not (len(code) == 5 and code[0].isalpha() and code[1:].isdigit()):
        return [doc.problem(("document", "code"), f"'{code}' is not a HCPCS Level II code",
                            "HCPCS Level II codes are a letter and four digits, e.g. G6015")]
    return []
