"""What changed between two versions of a briefing, in the words a reader uses.

"Aetna coverage: Not covered → Covered with criteria", "Medicare benchmark: $541.32 USD →
$556.10 USD (+2.7%)", "Modifier XS added", "Section “Coding tips” added". Pure: two Briefings
in, lines out; every word comes from present (the labels of the newer version's language), so
`briefpdf diff` on the terminal and the What changed box on page 1 say the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional

from . import present
from .present import Labels

if TYPE_CHECKING:
    from .model import Benchmark, Briefing, Payer

# prose parts a reader sees: (key of the heading in labels.headings, how to read it off a briefing)
_PROSE = (("summary", lambda b: (b.summary.heading, b.summary.paragraphs)),
          ("billing_overview", lambda b: (b.billing_overview.heading, (b.billing_overview.description,
                                                                      b.billing_overview.service_type,
                                                                      b.billing_overview.sites_of_service))),
          ("clinical_context", lambda b: (b.clinical_context.heading, b.clinical_context)),
          ("notes", lambda b: ("Notes", b.notes)))


@dataclass(frozen=True)
class Comparison:
    """What the What changed box shows for a previous version: since when, and the lines."""

    since: str
    lines: tuple[str, ...]


def comparison(old: "Briefing", new: "Briefing") -> Comparison:
    labels = present.labels_of(new)
    words = labels.changes
    date = present.date_text(old.document.date)
    since = (words["since"].format(version=old.document.version, date=date) if old.document.version
             else words["since_undated"].format(date=date))
    return Comparison(since, tuple(compare(old, new)))


def compare(old: "Briefing", new: "Briefing") -> list[str]:
    """Every change a reader would notice, document facts first, then in page order."""
    labels = present.labels_of(new)
    return [*_document(old, new, labels), *_prose(old, new, labels), *_modifiers(old, new, labels),
            *_rules(old, new, labels), *_payers(old, new, labels), *_named(old, new, labels)]


def _changed(what: str, old: Optional[str], new: Optional[str], labels: Labels) -> Iterator[str]:
    if old != new:
        shown = [labels.not_provided if v is None else v for v in (old, new)]
        yield labels.changes["changed"].format(what=what, old=shown[0], new=shown[1])


def _document(old: "Briefing", new: "Briefing", labels: Labels) -> Iterator[str]:
    w, a, b = labels.changes, old.document, new.document
    yield from _changed(w["code"], old.label, new.label, labels)
    yield from _changed(w["version"], a.version, b.version, labels)
    yield from _changed(w["title"], a.title, b.title, labels)
    yield from _changed(w["status"], labels.values[a.status], labels.values[b.status], labels)


def _prose(old: "Briefing", new: "Briefing", labels: Labels) -> Iterator[str]:
    for key, read in _PROSE:
        (_, before), (heading, after) = read(old), read(new)
        if before != after:
            title = present.section_heading(heading, key, labels) if key in labels.headings else heading
            yield labels.changes["revised"].format(what=title)
    if old.disclaimer != new.disclaimer:
        yield labels.changes["revised"].format(what=labels.changes["disclaimer"])


def _rows(what: Callable[[object], str], before: Iterable, after: Iterable, labels: Labels,
          key: Callable[[object], object]) -> Iterator[str]:
    """Rows matched by `key`: added, removed, or revised (any field differs)."""
    w = labels.changes
    a, b = {key(r): r for r in before}, {key(r): r for r in after}
    for k, row in b.items():
        if k not in a:
            yield w["added"].format(what=what(row))
        elif a[k] != row:
            yield w["revised"].format(what=what(row))
    for k, row in a.items():
        if k not in b:
            yield w["removed"].format(what=what(row))


def _modifiers(old: "Briefing", new: "Briefing", labels: Labels) -> Iterator[str]:
    yield from _rows(lambda m: labels.changes["modifier"].format(modifier=m.modifier), old.coding.modifiers,
                     new.coding.modifiers, labels, key=lambda m: m.modifier)
    if old.coding.notes != new.coding.notes:
        yield labels.changes["revised"].format(what=present.section_heading(new.coding.heading, "coding", labels))


def _rules(old: "Briefing", new: "Briefing", labels: Labels) -> Iterator[str]:
    """A coding-rule part given or dropped is a section added or removed; PTP edits and related
    codes are named row by row; any other part that differs is revised."""
    w = labels.changes
    for part in present.RULE_PARTS:
        a = getattr(old.coding.rules, part) if old.coding.rules else None
        b = getattr(new.coding.rules, part) if new.coding.rules else None
        section = w["section"].format(title=labels.headings[part])
        if a is None and b is not None:
            yield w["added"].format(what=section)
        elif a is not None and b is None:
            yield w["removed"].format(what=section)
        elif a != b and part == "ptp_edits":
            yield from _rows(lambda e: w["ptp_edit"].format(column_1=e.column_1, column_2=e.column_2), a, b,
                             labels, key=lambda e: (e.column_1, e.column_2))
        elif a != b and part == "related_codes":
            yield from _rows(lambda r: w["related_code"].format(code=r.code), a, b, labels,
                             key=lambda r: (r.code, r.code_system))
        elif a != b:
            yield w["revised"].format(what=section)


def _payers(old: "Briefing", new: "Briefing", labels: Labels) -> Iterator[str]:
    w = labels.changes
    before = {(p.name.casefold(), p.line_of_business): p for p in old.payers}
    for p in new.payers:
        was = before.pop((p.name.casefold(), p.line_of_business), None)
        if was is None:
            yield w["added"].format(what=w["payer"].format(name=p.name))
        else:
            yield from _payer(was, p, labels)
    for p in before.values():
        yield w["removed"].format(what=w["payer"].format(name=p.name))


def _payer(a: "Payer", b: "Payer", labels: Labels) -> Iterator[str]:
    w = labels.changes

    def what(name: str) -> str:
        return w["payer_field"].format(payer=b.name, field=w[name])

    for name in ("coverage", "prior_authorization"):
        yield from _changed(what(name), present.value_word(getattr(a, name), labels),
                            present.value_word(getattr(b, name), labels), labels)
    yield from _changed(what("line_of_business"), present.enum_word("line_of_business", a.line_of_business, labels),
                        present.enum_word("line_of_business", b.line_of_business, labels), labels)
    if a.policy != b.policy:
        if a.policy is None or b.policy is None or a.policy.name != b.policy.name:
            yield from _changed(what("policy"), a.policy and a.policy.name, b.policy and b.policy.name, labels)
        else:
            yield w["revised"].format(what=what("policy"))
    if a.benchmark != b.benchmark:
        yield benchmark_line(what("benchmark"), a.benchmark, b.benchmark, labels)
    for name in ("criteria", "notes", "prior_authorization_by"):
        yield from _text(what(name), getattr(a, name), getattr(b, name), labels)


def _text(what: str, a, b, labels: Labels) -> Iterator[str]:
    """A text given, dropped or rewritten: added, removed or revised (the words are on the page)."""
    w = labels.changes
    if a != b:
        yield w["added" if a is None else "removed" if b is None else "revised"].format(what=what)


def benchmark_line(what: str, a: Optional["Benchmark"], b: Optional["Benchmark"], labels: Labels) -> str:
    """'Medicare benchmark: $541.32 USD → $556.10 USD (+2.7%)'; the whole figure when its kind changed."""
    w = labels.changes
    comparable = a is not None and b is not None and (a.basis, a.currency, a.setting) == (b.basis, b.currency,
                                                                                          b.setting)
    if comparable and a.amount != b.amount:
        line = w["changed"].format(what=what, old=present.money(a, labels), new=present.money(b, labels))
        if a.amount:
            change = (b.amount - a.amount) / a.amount * 100
            line += w["percent"].format(sign="+" if change > 0 else "\u2212",
                                        percent=present.number(abs(change), 1, labels))
        return line
    shown = [labels.not_provided if x is None else present.benchmark_text(x, labels) for x in (a, b)]
    return w["changed"].format(what=what, old=shown[0], new=shown[1])


def _named(old: "Briefing", new: "Briefing", labels: Labels) -> Iterator[str]:
    """Extra sections by title, and the briefing's references by title."""
    w = labels.changes
    yield from _rows(lambda s: w["section"].format(title=s.title), old.sections, new.sections, labels,
                     key=lambda s: s.title)
    yield from _rows(lambda r: w["source"].format(title=r.title), old.references, new.references, labels,
                     key=lambda r: r.title)
