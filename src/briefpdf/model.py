"""The briefing as typed records. `None` always means "not provided" and is shown as such.

Knows nothing of ReportLab or of files: `load()` in the package turns a Document from
`source` into a `Briefing` via `schema.validate`, and cross-field rules live in `check()`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, Optional

from .problems import Problem
from .schema import spec
from .source import Document

CURRENCIES = (
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "JPY", "CNY", "INR", "MXN", "BRL", "SEK",
    "NOK", "DKK", "PLN", "CZK", "HUF", "ZAR", "SGD", "HKD", "KRW", "ILS", "AED", "SAR", "TRY",
    "PHP", "THB", "MYR", "IDR", "CLP", "COP", "ARS", "PEN", "EGP", "NGN", "KES", "PKR", "BDT",
    "VND", "TWD", "RON", "BGN", "ISK", "QAR", "KWD", "BHD", "OMR", "JOD", "MAD",
)
URL = r"(https?://|mailto:)[^\s<>\"]+"
URL_HINT = "links must start with https://, http:// or mailto:"

Coverage = Literal["covered", "covered_with_criteria", "not_covered", "varies"]
PriorAuth = Literal["required", "not_required", "varies"]
Basis = Literal["fee_schedule", "per_plan", "percent_of_medicare", "case_rate", "median_allowed", "list_price"]
Setting = Literal["facility", "non_facility", "hospital_outpatient", "freestanding", "all"]


def __getattr__(name: str):
    """LABELS and NOT_PROVIDED moved to `present` (the words on the page); the old names still
    resolve for modules not yet switched. Imported lazily: presentation comes after the model."""
    if name in ("LABELS", "NOT_PROVIDED"):
        from .present import ENGLISH

        return dict(ENGLISH.values) if name == "LABELS" else ENGLISH.not_provided
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class Meta:
    """Who the briefing is for, what it covers and when it was written."""

    code: str = spec("The billing code.", example="77301", pattern=r"[0-9A-Z]{4,5}",
                     pattern_hint="a CPT code is five characters, e.g. 77301 or 0075T; HCPCS e.g. G6015")
    code_system: Literal["CPT", "HCPCS"] = spec("The code set the code belongs to.")
    title: str = spec("The code's short descriptor, used as the document title.")
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

    paragraphs: list[str] = spec("Paragraphs of the summary.", min_items=1)
    heading: str = spec("Section heading.", default="Summary & Overview")


@dataclass
class BillingOverview:
    """Billing Code Overview: what the code describes and where it is billed."""

    description: list[str] = spec("Paragraphs describing the code.", min_items=1)
    service_type: Optional[str] = spec("The kind of service.", default=None)
    sites_of_service: Optional[str] = spec("Typical sites of service.", default=None)
    heading: str = spec("Section heading.", default="Billing Code Overview")


@dataclass
class Workflow:
    """The clinical workflow: a sentence that introduces it and its steps in order."""

    steps: list[str] = spec("The steps, in order.", min_items=1)
    summary: Optional[str] = spec("A sentence that introduces the steps.", default=None)


@dataclass
class Scenarios:
    """Common clinical scenarios for the code."""

    items: list[str] = spec("The scenarios.", min_items=1)
    summary: Optional[str] = spec("A sentence that introduces the scenarios.", default=None)


@dataclass
class ClinicalContext:
    """Clinical Context: a vignette, the workflow and the common scenarios."""

    vignette: list[str] = spec("Paragraphs of the clinical vignette.", min_items=1)
    workflow: Optional[Workflow] = spec("The clinical workflow.", default=None)
    setting: Optional[str] = spec("Where the service is typically delivered.", default=None)
    scenarios: Optional[Scenarios] = spec("Common clinical scenarios.", default=None)
    heading: str = spec("Subsection heading.", default="Clinical Context")


@dataclass
class Modifier:
    """One row of the modifier table."""

    modifier: str = spec("The modifier, e.g. 26 or TC.", pattern=r"[0-9A-Z]{2}",
                         pattern_hint="a modifier is two letters or digits, e.g. 26, TC, 59")
    description: str = spec("What the modifier means.")
    when_to_use: Optional[str] = spec("When to append it.", default=None)


@dataclass
class Coding:
    """Coding Specifications: the modifier table and notes on coding."""

    modifiers: list[Modifier] = spec("The modifier table.", min_items=1)
    notes: list[str] = spec("Paragraphs on coding considerations.", default=[])
    heading: str = spec("Subsection heading.", default="Coding Specifications")


@dataclass
class Policy:
    """A payer's medical policy."""

    name: str = spec("The policy's name.")
    url: Optional[str] = spec("Link to the policy.", default=None, pattern=URL, pattern_hint=URL_HINT)
    effective_date: Optional[dt.date] = spec("Date the policy took effect.", default=None)


@dataclass
class Benchmark:
    """A reimbursement benchmark for the code."""

    amount: float = spec("The amount (a percentage when basis is percent_of_medicare).", minimum=0)
    basis: Basis = spec("What the amount is measured against.")
    currency: Optional[str] = spec("ISO 4217 code; required unless basis is percent_of_medicare.",
                                   default=None, enum=CURRENCIES)
    setting: Optional[Setting] = spec("Site-of-service setting the amount applies to.", default=None)
    effective_date: Optional[dt.date] = spec("Date the amount applies from.", default=None)


@dataclass
class SourceRef:
    """A source that supports a payer's data, shown as a numbered note."""

    title: str = spec("Title of the source.")
    url: Optional[str] = spec("Link to the source.", default=None, pattern=URL, pattern_hint=URL_HINT)
    accessed: Optional[dt.date] = spec("Date the source was read.", default=None)
    supports: list[Literal["coverage", "prior_authorization", "policy", "benchmark"]] = spec(
        "Which of the payer's fields the source supports (default: the payer as a whole).", default=[])


@dataclass
class Payer:
    """One payer's coverage and reimbursement; every field but the name may be absent."""

    name: str = spec("The payer's name.")
    coverage: Optional[Coverage] = spec("Coverage status.", default=None)
    prior_authorization: Optional[PriorAuth] = spec("Whether prior authorisation is required.", default=None)
    policy: Optional[Policy] = spec("The medical policy.", default=None)
    benchmark: Optional[Benchmark] = spec("The reimbursement benchmark.", default=None)
    notes: Optional[str] = spec("Anything else a reader should know.", default=None)
    sources: list[SourceRef] = spec("Sources for this payer's data.", default=[])


@dataclass
class Briefing:
    """A briefing on one billing code."""

    document: Meta = spec("Title block and metadata.")
    summary: Summary = spec("Summary & Overview.")
    billing_overview: BillingOverview = spec("Billing Code Overview.")
    clinical_context: ClinicalContext = spec("Clinical Context.")
    coding: Coding = spec("Coding Specifications.")
    disclaimer: list[str] = spec("Paragraphs of the disclaimer.", min_items=1)
    payers: list[Payer] = spec("Payers in scope, one entry each.", default=[])
    notes: list[str] = spec("Further notes, shown before the disclaimer.", default=[])

    @property
    def short_title(self) -> str:
        return self.document.short_title or self.document.title

    @property
    def label(self) -> str:
        return f"{self.document.code_system} {self.document.code}"


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
    return problems


def _code_problems(code: str, system: str, doc: Document) -> list[Problem]:
    if system == "CPT" and not (code.isdigit() and len(code) == 5
                                or len(code) == 5 and code[:4].isdigit() and code[4] in "FTU"):
        return [doc.problem(("document", "code"), f"'{code}' is not a CPT code",
                            "CPT codes are five digits (77301) or four digits and F, T or U (0075T)")]
    if system == "HCPCS" and not (len(code) == 5 and code[0].isalpha() and code[1:].isdigit()):
        return [doc.problem(("document", "code"), f"'{code}' is not a HCPCS Level II code",
                            "HCPCS Level II codes are a letter and four digits, e.g. G6015")]
    return []
