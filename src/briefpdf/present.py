"""The words on the page: a Briefing and a label set -> labels, money, dates, counts, note numbers.

Pure (no ReportLab, no files), so layout only places these words, and the benchmark's Typst and
HTML documents (or any later output) print the same ones. Every fixed word lives in one `Labels`
table; adding a language is adding one table to TABLES.

Functions that build a line mixing fixed words with user text take `esc` (how the caller makes
user text safe: paragraph markup, Typst, HTML) and `missing` (how the caller shows "Not provided",
e.g. in italics); both default to plain text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Callable, Mapping, Optional

if TYPE_CHECKING:
    from .model import Benchmark, Briefing, SourceRef

Escape = Callable[[str], str]
SEP = " · "  # between the parts of a running line (eyebrow, header, footer)
SYMBOLS = MappingProxyType({"USD": "$", "EUR": "€", "GBP": "£"})


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Labels:
    """Every fixed word of a briefing in one language. `{name}` marks a value filled in."""

    language: str
    values: Mapping[str, str]  # enum values of the source (coverage, basis, setting, status ...)
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
    accessed: str
    page: str
    contents_entry: str  # one entry of the contents as a link says it
    version: str
    subject: str
    scope_not_provided: str
    watermarks: Mapping[str, str]
    packet_eyebrow: str
    packet_subject: str
    packet_list: str
    packet_headers: tuple[str, str, str, str]

    def plural(self, noun: str, n: int) -> str:
        one, many = self.nouns[noun]
        return one if n == 1 else many

    def counted(self, k: int, n: int, noun: str) -> str:
        """'1 of 6 payers': the noun agrees with the total."""
        return self.count.format(k=k, n=n, noun=self.plural(noun, n))


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
    }),
    nouns=MappingProxyType({"payer": ("payer", "payers"), "modifier": ("modifier", "modifiers"),
                                   "briefing": ("briefing", "briefings")}),
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
        "packet": "Briefings in this packet",
    }),
    percent="{amount}% of Medicare", money="{symbol}{amount} {currency}",
    effective=" (effective {date})", policy_effective="Effective {date}", benchmark="Benchmark",
    left_out="Not in the chart (different currency or basis; see table): {names}.",
    chart_title="Reimbursement benchmark by payer ({unit})",
    chart_alt="Bar chart of reimbursement benchmarks{continued}: {items}.", continued=" (continued)",
    note="[{number}] {payer}: {title}", accessed="Accessed {date}",
    page="Page {page} of {total}", contents_entry="{title}, page {page}", version="v{version}",
    subject="{label} briefing, {scope}", scope_not_provided="scope not provided",
    watermarks=MappingProxyType({"draft": "DRAFT", "sample": "SAMPLE DATA"}),
    packet_eyebrow="MEETING PACKET", packet_subject="Meeting packet: {labels}", packet_list="Briefings in this packet",
    packet_headers=("Code", "Title", "Date", "Status"),
)

SPANISH = Labels(
    language="es",
    values=MappingProxyType({
        "covered": "Cubierto", "covered_with_criteria": "Cubierto con criterios", "not_covered": "No cubierto",
        "varies": "Varía según el plan", "required": "Requerida", "not_required": "No requerida",
        "fee_schedule": "baremo de tarifas", "per_plan": "según el plan", "percent_of_medicare": "% de Medicare",
        "case_rate": "tarifa por caso", "median_allowed": "mediana autorizada", "list_price": "precio de lista",
        "facility": "en centro", "non_facility": "fuera de centro", "hospital_outpatient": "ambulatorio hospitalario",
        "freestanding": "centro independiente", "all": "todos los entornos",
        "draft": "Borrador", "final": "Definitiva", "sample": "Datos de muestra",
    }),
    not_provided="No disponible",
    nothing_missing="Nada: constan todos los campos",
    thousands=".", decimal=",", date="day month year",
    months=("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"),
    headings=MappingProxyType({
        "summary": "Resumen y panorama general", "billing_overview": "Panorama del código de facturación",
        "clinical_and_coding": "Especificaciones clínicas y de codificación", "clinical_context": "Contexto clínico",
        "workflow": "Flujo de trabajo clínico", "setting": "Entorno habitual",
        "scenarios": "Escenarios clínicos frecuentes", "coding": "Especificaciones de codificación",
        "payers": "Cobertura y reembolso por pagador", "benchmarks": "Referencias de reembolso",
        "payer_notes": "Notas sobre los pagadores", "notes": "Notas", "sources": "Fuentes",
        "disclaimer": "Aviso legal", "contents": "Índice", "at_a_glance": "De un vistazo",
    }),
    facts=MappingProxyType({
        "scope": "Ámbito", "date": "Fecha", "version": "Versión", "status": "Estado", "audience": "Destinatarios",
        "author": "Autoría", "organization": "Organización", "service_type": "Tipo de servicio",
        "sites_of_service": "Lugares de atención", "payers": "Pagadores incluidos", "missing": "Datos no disponibles",
        "code": "Código", "descriptor": "Descripción oficial", "site_of_service": "Lugar de atención habitual",
    }),
    gaps=MappingProxyType({
        "scope": "Ámbito", "version": "Versión", "audience": "Destinatarios", "author": "Autoría",
        "organization": "Organización", "service_type": "Tipo de servicio", "sites_of_service": "Lugares de atención",
        "workflow": "Flujo de trabajo clínico", "setting": "Entorno habitual",
        "scenarios": "Escenarios clínicos frecuentes", "modifier_guidance": "Cuándo usar cada modificador",
        "payers": "Pagadores", "coverage": "Política de cobertura", "prior_authorization": "Autorización previa",
        "policy": "Referencia de la política médica", "benchmark": "Referencia de reembolso",
    }),
    nouns=MappingProxyType({"payer": ("pagador", "pagadores"), "modifier": ("modificador", "modificadores"),
                            "briefing": ("informe", "informes")}),
    gap="{label}: {missing}", gap_for="{label}: {missing} en {detail}", count="{k} de {n} {noun}",
    no_benchmark="ninguno de los {n} pagadores; no se muestra el gráfico",
    eyebrow="Informe del código {system}",
    logo="Logotipo de {organization}", logo_unnamed="Logotipo de la entidad editora",
    modifier_headers=("Modificador", "Descripción", "Cuándo usarlo"),
    coverage_headers=("Pagador", "Cobertura", "Autorización previa", "Política médica", "Referencia"),
    benchmark_headers=("Pagador", "Importe", "Base", "Entorno", "Vigencia"),
    summaries=MappingProxyType({
        "at_a_glance": "De un vistazo", "key_facts": "Datos clave de {label}", "modifiers": "Modificadores de {label}",
        "coverage": "Cobertura por pagador", "benchmarks": "Referencias de reembolso",
        "packet": "Informes de este dosier",
    }),
    percent="{amount} % de Medicare", money="{amount} {symbol} {currency}",
    effective=" (vigente desde el {date})", policy_effective="Vigente desde el {date}", benchmark="Referencia",
    left_out="Fuera del gráfico (otra moneda u otra base; véase la tabla): {names}.",
    chart_title="Referencia de reembolso por pagador ({unit})",
    chart_alt="Gráfico de barras de las referencias de reembolso{continued}: {items}.", continued=" (continuación)",
    note="[{number}] {payer}: {title}", accessed="Consultado el {date}",
    page="Página {page} de {total}", contents_entry="{title}, página {page}", version="v{version}",
    subject="Informe sobre {label}, {scope}", scope_not_provided="ámbito no indicado",
    watermarks=MappingProxyType({"draft": "BORRADOR", "sample": "DATOS DE MUESTRA"}),
    packet_eyebrow="DOSIER DE REUNIÓN", packet_subject="Dosier de reunión: {labels}",
    packet_list="Informes de este dosier", packet_headers=("Código", "Título", "Fecha", "Estado"),
)

TABLES: Mapping[str, Labels] = MappingProxyType({"en": ENGLISH, "es": SPANISH})


def labels_for(language: str) -> Labels:
    """The label set for a BCP 47 tag ('en-US' -> English); a language without a table gets English
    (see has_labels: the render warns)."""
    return TABLES.get(_primary(language), ENGLISH)


def has_labels(language: str) -> bool:
    """Whether the fixed words exist in this language; if not, they are printed in English."""
    return _primary(language) in TABLES


def _primary(language: str) -> str:
    return language.split("-")[0].lower()


def labels_of(b: "Briefing") -> Labels:
    return labels_for(b.document.language)


# ------------------------------------------------------------------------------ numbers, money, dates
def number(value: float, places: int, labels: Labels) -> str:
    """Grouped thousands and fixed decimals, with the language's marks."""
    text = f"{value:,.{places}f}"
    if (labels.thousands, labels.decimal) != (",", "."):
        text = text.translate(str.maketrans({",": labels.thousands, ".": labels.decimal}))
    return text


def date_text(d: dt.date, labels: Labels = ENGLISH) -> str:
    """A date as the language writes it, never ambiguous: ISO 8601 in English (2026-10-01), the
    day, the month's name and the year in Spanish (1 oct 2026) -- never 01/10 or 10/01."""
    if labels.date == "iso":
        return d.isoformat()
    return f"{d.day} {labels.months[d.month - 1]} {d.year}"


def money(bm: "Benchmark", labels: Labels) -> str:
    """The amount as shown: '$412.50 USD' ('412,50 $ USD' in Spanish), or '118.0% of Medicare'."""
    if bm.basis == "percent_of_medicare":
        return labels.percent.format(amount=number(bm.amount, 1, labels))
    symbol = SYMBOLS.get(bm.currency or "", "")
    text = labels.money.format(symbol=symbol, amount=number(bm.amount, 2, labels), currency=bm.currency)
    return " ".join(text.split())  # a currency without a symbol leaves no double space


def benchmark_text(bm: "Benchmark", labels: Labels) -> str:
    """Amount, basis, setting and effective date: the benchmark in one line of the matrix."""
    parts = [money(bm, labels)]
    if bm.basis != "percent_of_medicare":
        parts.append(labels.values[bm.basis])
    if bm.setting:
        parts.append(labels.values[bm.setting])
    text = ", ".join(parts)
    if bm.effective_date:
        text += labels.effective.format(date=date_text(bm.effective_date, labels))
    return text


def value_word(value: Optional[str], labels: Labels) -> Optional[str]:
    """The word for an enum value of the source (None stays None: not provided)."""
    return labels.values[value] if value else None


# ------------------------------------------------------------------------------ chart words
def chart_unit(percent: bool, currency: Optional[str], labels: Labels) -> str:
    return labels.values["percent_of_medicare"] if percent else str(currency)


def chart_title(unit: str, continued: bool, labels: Labels) -> str:
    return labels.chart_title.format(unit=unit) + (labels.continued if continued else "")


def chart_alt(bars: list[tuple[str, float]], unit: str, continued: bool, labels: Labels) -> str:
    """Alternative text naming every bar: (payer name, amount) pairs."""
    items = "; ".join(f"{name} {number(amount, 2, labels)} {unit}" for name, amount in bars)
    return labels.chart_alt.format(continued=labels.continued if continued else "", items=items)


def chart_value(bm: "Benchmark", percent: bool, labels: Labels) -> str:
    """The label beside a bar: amount, then basis and setting in brackets."""
    amount = f"{number(bm.amount, 1, labels)}%" if percent else f"{number(bm.amount, 2, labels)} {bm.currency}"
    detail = ", ".join(x for x in (None if percent else labels.values[bm.basis],
                                   value_word(bm.setting, labels)) if x)
    return amount + (f" ({detail})" if detail else "")


def left_out_text(names: list[str], labels: Labels) -> str:
    return labels.left_out.format(names=", ".join(names))


# ------------------------------------------------------------------------------ what is missing
@dataclass(frozen=True)
class Gap:
    """One thing the source leaves out: a field, or a field missing for `count` of `total` items."""

    field: str
    count: Optional[int] = None
    total: Optional[int] = None
    noun: Optional[str] = None


PAYER_FIELDS = ("coverage", "prior_authorization", "policy", "benchmark")


def availability(b: "Briefing") -> list[Gap]:
    """Everything the source leaves out, counted, in the order the panel lists it."""
    meta, ov, cc = b.document, b.billing_overview, b.clinical_context
    single = [("scope", meta.scope), ("version", meta.version), ("audience", meta.audience),
              ("author", meta.author), ("organization", meta.organization), ("service_type", ov.service_type),
              ("sites_of_service", ov.sites_of_service), ("workflow", cc.workflow), ("setting", cc.setting),
              ("scenarios", cc.scenarios)]
    gaps = [Gap(name) for name, value in single if value is None]
    modifiers = b.coding.modifiers
    guidance = sum(1 for m in modifiers if m.when_to_use is None)
    if guidance:
        gaps.append(Gap("modifier_guidance", guidance, len(modifiers), "modifier"))
    n = len(b.payers)
    if not n:
        gaps.append(Gap("payers"))
    for name in PAYER_FIELDS:
        count = sum(1 for p in b.payers if getattr(p, name) is None)
        if count:
            gaps.append(Gap(name, count, n, "payer"))
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


# ------------------------------------------------------------------------------ source notes
@dataclass(frozen=True)
class Note:
    """One numbered source: its number, the payer it belongs to, the source itself."""

    number: int
    payer: str
    source: "SourceRef"


@dataclass(frozen=True)
class SourceNotes:
    """Every payer source numbered once, in order of appearance; which cells cite which numbers."""

    entries: tuple[Note, ...] = ()
    refs: Mapping[tuple[int, Optional[str]], tuple[int, ...]] = field(default_factory=dict)

    def cites(self, payer_index: int, target: Optional[str]) -> tuple[int, ...]:
        """Numbers cited by payer `payer_index`'s cell `target` (None: the payer's name)."""
        return self.refs.get((payer_index, target), ())


def number_sources(b: "Briefing") -> SourceNotes:
    entries: list[Note] = []
    refs: dict[tuple[int, Optional[str]], tuple[int, ...]] = {}
    for i, payer in enumerate(b.payers):
        for src in payer.sources:
            entries.append(Note(len(entries) + 1, payer.name, src))
            for target in (src.supports or [None]):
                refs[(i, target)] = refs.get((i, target), ()) + (len(entries),)
    return SourceNotes(tuple(entries), MappingProxyType(refs))


def citation(numbers: tuple[int, ...]) -> str:
    """'[1,3]' for the cited numbers, '' for none."""
    return "[" + ",".join(str(n) for n in numbers) + "]" if numbers else ""


def note_text(note: Note, labels: Labels, *, esc: Escape = _same, link: Escape = _same) -> str:
    """'[1] Aetna: Policy bulletin. https://... Accessed 2026-09-30.' (`link` shows the URL)."""
    src = note.source
    parts = [labels.note.format(number=note.number, payer=esc(note.payer), title=esc(src.title))]
    if src.url:
        parts.append(link(src.url))
    if src.accessed:
        parts.append(labels.accessed.format(date=date_text(src.accessed, labels)))
    return ". ".join(parts) + "."


# ------------------------------------------------------------------------------ title block, panels
def document_title(b: "Briefing") -> str:
    return f"{b.label}: {b.document.title}"


def section_heading(given: str, key: str, labels: Labels) -> str:
    """A heading the source may set: left at its (English) default, it follows the document's language."""
    return labels.headings[key] if given == ENGLISH.headings[key] else given


def eyebrow_text(b: "Briefing", labels: Labels) -> str:
    m = b.document
    return SEP.join(x for x in (labels.eyebrow.format(system=m.code_system), m.scope) if x).upper()


def title_facts(b: "Briefing", labels: Labels) -> list[list[tuple[str, Optional[str]]]]:
    """The two lines of facts under the title, as (label, value or None) pairs."""
    m, f = b.document, labels.facts
    audience = ", ".join(m.audience) if m.audience else None
    return [
        [(f["scope"], m.scope), (f["date"], date_text(m.date, labels)), (f["version"], m.version),
         (f["status"], labels.values[m.status])],
        [(f["audience"], audience), (f["author"], m.author), (f["organization"], m.organization)],
    ]


def glance_facts(b: "Briefing", labels: Labels) -> list[tuple[str, Optional[str]]]:
    """The At a Glance rows before "Data not provided": (label, value or None)."""
    ov, f = b.billing_overview, labels.facts
    payers = ", ".join(p.name for p in b.payers) if b.payers else None
    return [(f["service_type"], ov.service_type), (f["sites_of_service"], ov.sites_of_service),
            (f["payers"], payers)]


def logo_alt(b: "Briefing", labels: Labels) -> str:
    org = b.document.organization
    return labels.logo.format(organization=org) if org else labels.logo_unnamed


# ------------------------------------------------------------------------------ running lines, metadata
def header_text(b: "Briefing", labels: Labels) -> str:
    return f"{b.label}{SEP}{b.document.title}"


def footer_text(b: "Briefing", labels: Labels) -> str:
    """The footer's left part: code, short title, date and version."""
    m = b.document
    parts = [b.label, b.short_title, date_text(m.date, labels)]
    if m.version:
        parts.append(labels.version.format(version=m.version))
    return SEP.join(parts)


def page_text(page: int, total: int, labels: Labels) -> str:
    return labels.page.format(page=page, total=total)


def contents_entry(title: str, page: int, labels: Labels) -> str:
    """'Summary, page 2': an entry of the contents in words, as its link is read aloud."""
    return labels.contents_entry.format(title=title, page=page)


def watermark_word(b: "Briefing", labels: Labels) -> Optional[str]:
    """The word across every page of a draft or sample briefing; None for a final one."""
    return labels.watermarks.get(b.document.status)


def document_subject(b: "Briefing", labels: Labels) -> str:
    return labels.subject.format(label=b.label, scope=b.document.scope or labels.scope_not_provided)


def packet_footer_text(title: str, date: dt.date, labels: Labels = ENGLISH) -> str:
    return f"{title}{SEP}{date_text(date, labels)}"


def packet_subject(briefings: list["Briefing"], labels: Labels) -> str:
    return labels.packet_subject.format(labels=", ".join(b.label for b in briefings))


def packet_count(n: int, labels: Labels) -> str:
    """'3 briefings'."""
    return f"{n} {labels.plural('briefing', n)}"
