"""Numbers, money, dates, benchmark and chart words, the title block and the running lines."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import TYPE_CHECKING, Optional, Sequence

from ..amounts import rounded
from .labels import ENGLISH, Labels

if TYPE_CHECKING:
    from ..model import Benchmark, Briefing

SEP = " · "  # between the parts of a running line (eyebrow, header, footer)
SYMBOLS = MappingProxyType({"USD": "$", "EUR": "€", "GBP": "£"})


# ------------------------------------------------------------------------------ numbers, money, dates
def number(value: float, places: int, labels: Labels) -> str:
    """Grouped thousands and fixed decimals (decimal, rounded half-up), with the language's marks."""
    text = f"{rounded(value, places):,.{places}f}"
    if (labels.thousands, labels.decimal) != (",", "."):
        text = text.translate(str.maketrans({",": labels.thousands, ".": labels.decimal}))
    return text


def quantity(value: float, labels: Labels) -> str:
    """A count as a reader writes it: 2, not 2.0; 1.5 with the language's decimal mark."""
    if value == int(value):
        return str(int(value))
    text = f"{value:,}"
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


def money_parts(bm: "Benchmark", labels: Labels) -> tuple[str, str, str, str]:
    """The amount as shown, in four parts for a column aligned on the decimal mark: what goes
    before the mark ('$1,655'), the mark and what follows in figures ('.00', '.5%'), the words
    after ('USD', 'of Medicare') and the illustrative mark ('' or '†')."""
    mark = illustrative_mark(bm, labels).strip()
    if bm.basis == "percent_of_medicare":
        head, _, frac = number(bm.amount, 1, labels).partition(labels.decimal)
        words = labels.percent.format(amount="\0").split("\0", 1)[1]  # '% of Medicare'
        pct, rest = (words[:1], words[1:].strip()) if words.startswith("%") else ("", words.strip())
        return head, labels.decimal + frac + pct, rest, mark
    symbol = SYMBOLS.get(bm.currency or "", "")
    head, _, frac = number(bm.amount, 2, labels).partition(labels.decimal)
    before, after = labels.money.format(symbol=symbol, amount="\0", currency=bm.currency).split("\0", 1)
    return before + head, labels.decimal + frac, after.strip(), mark


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


def enum_word(enum: str, value: Optional[str], labels: Labels) -> Optional[str]:
    """The word for a value of one of the coding-rule or payer enums (None stays None)."""
    return None if value is None else labels.enums[enum][value]


def illustrative_mark(bm: Optional["Benchmark"], labels: Labels) -> str:
    """' †' after a figure marked illustrative, else ''. Plain text: safe as markup too."""
    return f" {labels.illustrative_mark}" if bm is not None and bm.illustrative else ""


def benchmark_kind(bm: "Benchmark", labels: Labels) -> str:
    """'Per plan, non-facility': what a figure measures, the key of its group in the chart."""
    basis = "" if bm.basis == "percent_of_medicare" else labels.values[bm.basis]
    setting = labels.values[bm.setting] if bm.setting else labels.gap.format(
        label=labels.details["setting"], missing=labels.not_provided)
    text = ", ".join(x for x in (basis, setting) if x)
    return text[:1].upper() + text[1:]


# ------------------------------------------------------------------------------ chart words
def chart_unit(percent: bool, currency: Optional[str], labels: Labels) -> str:
    return labels.values["percent_of_medicare"] if percent else str(currency)


def chart_title(unit: str, continued: bool, labels: Labels) -> str:
    return labels.chart_title.format(unit=unit) + (labels.continued if continued else "")


def chart_alt(bars: Sequence[tuple[str, float]], unit: str, continued: bool, labels: Labels,
              details: Sequence[str] = ()) -> str:
    """Alternative text naming every bar: (payer name, amount) pairs, each followed by its detail."""
    extra = list(details) or [""] * len(bars)
    items = "; ".join(f"{name} {number(amount, 2, labels)} {unit}{more}"
                      for (name, amount), more in zip(bars, extra, strict=True))
    return labels.chart_alt.format(continued=labels.continued if continued else "", items=items)


def bar_detail(bm: "Benchmark", grouped: bool, labels: Labels) -> str:
    """What the alternative text adds after a bar: its kind when the chart is grouped, the mark."""
    kind = f" ({benchmark_kind(bm, labels).lower()})" if grouped else ""
    return kind + (labels.illustrative_alt if bm.illustrative else "")


def bar_value(bm: "Benchmark", percent: bool, labels: Labels) -> tuple[str, str]:
    """The label beside a bar, in two parts: the amount in figures ('$1,655.00', '118.5%') and
    the illustrative mark, if any. The unit is in the chart's title, the kind in its group."""
    head, frac, _, mark = money_parts(bm, labels)
    if percent:
        frac = frac if frac.endswith("%") else frac + "%"
    return head + frac, mark


def chart_kind_title(unit: str, kind: Optional[str], continued: bool, labels: Labels) -> str:
    """The chart's title; a chart of one kind of figure says which ('USD, fee schedule, non-facility')."""
    return chart_title(f"{unit}, {kind[:1].lower()}{kind[1:]}" if kind else unit, continued, labels)


def left_out_text(names: list[str], labels: Labels) -> str:
    return labels.left_out.format(names=", ".join(names))


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
    """The running header from page two: code and short title (the full title heads page one)."""
    return f"{b.label}{SEP}{b.short_title}"


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
