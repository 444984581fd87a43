"""The rules about what a briefing says: placeholders, status, dates, duplicates, links.

Each function is one rule (registered in lint/__init__.py) and yields Findings; none reads a file.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from .. import present
from ..source import strings
from .base import Context, Finding, clip, dotted, host, months_between

if TYPE_CHECKING:
    from ..model import Briefing

PLACEHOLDER = re.compile(r"\bTODO\b")
SKELETON_MODIFIER = "XX"  # the pattern-valid modifier `briefpdf new` writes
BARE_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
LINK = re.compile(r"\[([^\[\]\n]+)\]\(((?:https?://|mailto:)[^\s()<>\"]+)\)")  # markup.py's link syntax
# characters of a URL one line of a table column holds (Letter, 9.5 pt table text; A4 is a little
# wider): a URL has no spaces to break at, so a longer label is cut mid-word on the page
COLUMN_CHARS = {"policy": 22, "cell": 30}


# ----------------------------------------------------------------------------- the content rules
def placeholders(ctx: Context) -> Iterator[Finding]:
    """Text and values `briefpdf new` writes for the author to replace."""
    for path, text in strings(ctx.doc.data):
        if PLACEHOLDER.search(text):
            yield Finding(path, f"'{dotted(path)}' still holds a placeholder: {clip(text)!r}",
                          "write the text; where a field is optional and unknown, set it to null")
    for i, m in enumerate(ctx.b.coding.modifiers):
        if m.modifier == SKELETON_MODIFIER:
            yield Finding(("coding", "modifiers", i, "modifier"),
                          f"modifier '{SKELETON_MODIFIER}' is the placeholder from `briefpdf new`",
                          "write the modifier (e.g. 26, TC, XS), or remove the row")


def final_with_gaps(ctx: Context) -> Iterator[Finding]:
    """`status: final` while half or more of the payer fields say Not provided."""
    b = ctx.b
    if b.document.status != "final" or not b.payers:
        return
    missing = sum(g.count or 0 for g in present.availability(b) if g.field in present.PAYER_FIELDS)
    total = len(present.PAYER_FIELDS) * len(b.payers)
    if missing * 2 >= total:
        yield Finding(("document", "status"),
                      f"status is final, but {missing} of {total} payer fields are Not provided",
                      "set status: draft until the payers' coverage, prior authorization, policy and "
                      "benchmark are filled in (draft puts a DRAFT watermark on every page)")


def _sources(b: "Briefing") -> Iterator[tuple[tuple, object]]:
    for i, ref in enumerate(b.references):
        yield ("references", i), ref
    for i, payer in enumerate(b.payers):
        for j, src in enumerate(payer.sources):
            yield ("payers", i, "sources", j), src


def stale_sources(ctx: Context) -> Iterator[Finding]:
    limit = ctx.config.stale_months
    for path, src in _sources(ctx.b):
        if src.accessed and src.accessed <= ctx.date and months_between(src.accessed, ctx.date) > limit:
            yield Finding(path + ("accessed",),
                          f"source '{clip(src.title)}' was read on {src.accessed}, "
                          f"{months_between(src.accessed, ctx.date)} months before the briefing's date {ctx.date}",
                          f"read it again and update 'accessed' (the limit is {limit} months: "
                          f"stale-after-months in the configuration)")


def accessed_after_date(ctx: Context) -> Iterator[Finding]:
    for path, src in _sources(ctx.b):
        if src.accessed and src.accessed > ctx.date:
            yield Finding(path + ("accessed",),
                          f"source '{clip(src.title)}' was read on {src.accessed}, after the briefing's date {ctx.date}",
                          "a briefing cannot cite what was read after it was written: check both dates")


def policy_after_date(ctx: Context) -> Iterator[Finding]:
    for i, payer in enumerate(ctx.b.payers):
        pol = payer.policy
        if pol and pol.effective_date and pol.effective_date > ctx.date:
            yield Finding(("payers", i, "policy", "effective_date"),
                          f"{payer.name}'s policy takes effect on {pol.effective_date}, after the briefing's date "
                          f"{ctx.date}", "a reader takes it as the policy in force: say in the notes what "
                                         "applies until then, or check the date")


def history_after_date(ctx: Context) -> Iterator[Finding]:
    rules = ctx.b.coding.rules
    for k, change in enumerate((rules.history or []) if rules else []):
        if change.date > ctx.date:
            yield Finding(("coding", "rules", "history", k, "date"),
                          f"code history entry '{clip(change.change)}' is dated {change.date}, after the "
                          f"briefing's date {ctx.date}", "a change still to come reads as done: check the date")


def _name_key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def similar_payers(ctx: Context) -> Iterator[Finding]:
    """Two payers whose names differ only in spaces, case or punctuation (the same name twice is an error)."""
    seen: dict[tuple, tuple[int, str]] = {}
    for i, payer in enumerate(ctx.b.payers):
        key = (_name_key(payer.name), payer.line_of_business)
        if key in seen and seen[key][1].casefold() != payer.name.casefold():
            first = seen[key][1]
            yield Finding(("payers", i, "name"), f"payers '{first}' and '{payer.name}' look like the same payer",
                          f"merge them, or name them so a reader can tell them apart (first: payers[{seen[key][0]}])")
        seen.setdefault(key, (i, payer.name))


def duplicate_modifiers(ctx: Context) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for i, m in enumerate(ctx.b.coding.modifiers):
        if m.modifier in seen and m.modifier != SKELETON_MODIFIER:
            yield Finding(("coding", "modifiers", i, "modifier"), f"modifier '{m.modifier}' is listed twice",
                          f"merge the rows (first: coding.modifiers[{seen[m.modifier]}])")
        seen.setdefault(m.modifier, i)


def own_code(ctx: Context) -> Iterator[Finding]:
    """A related code that is the briefing's own code, or a PTP edit that pairs a code with itself."""
    rules, code = ctx.b.coding.rules, ctx.b.document.code
    if rules is None:
        return
    for k, rc in enumerate(rules.related_codes or []):
        if rc.code == code and rc.code_system == ctx.b.document.code_system:
            yield Finding(("coding", "rules", "related_codes", k, "code"),
                          f"related code {rc.code} is this briefing's own code", "name the code it relates to")
    for k, edit in enumerate(rules.ptp_edits or []):
        if edit.column_1 == edit.column_2:
            yield Finding(("coding", "rules", "ptp_edits", k, "column_2"),
                          f"PTP edit pairs {edit.column_1} with itself",
                          "a PTP edit pairs two codes; units of one code are a medically unlikely edit")


def url_labels(ctx: Context) -> Iterator[Finding]:
    """A link whose label is a long bare URL, in a table column too narrow to hold it on a line."""
    for i, payer in enumerate(ctx.b.payers):
        pol = payer.policy
        if pol and pol.url and BARE_URL.fullmatch(pol.name) and len(pol.name) > COLUMN_CHARS["policy"]:
            yield Finding(("payers", i, "policy", "name"),
                          f"policy name is a {len(pol.name)}-character address, longer than the policy column "
                          f"holds on a line", f"name the policy, e.g. '{payer.name} policy ({host(pol.url)})'; "
                                              "the address stays the link")
    for path, text in strings(ctx.doc.data):
        if not _in_table(path):
            continue
        for m in LINK.finditer(text):
            label = m.group(1)
            if BARE_URL.fullmatch(label) and len(label) > COLUMN_CHARS["cell"]:
                yield Finding(path, f"a link in '{dotted(path)}' shows a {len(label)}-character address as its "
                                    "label, longer than a table column holds on a line",
                              f"write [{host(m.group(2))}]({clip(m.group(2), 40)}) or a few words instead")


def _in_table(path: tuple) -> bool:
    """Fields set in table cells: the modifier and coding-rule rows, and the payers' details."""
    return path[:2] in (("coding", "modifiers"), ("coding", "rules")) or path[:1] == ("payers",)


def unsourced_payers(ctx: Context) -> Iterator[Finding]:
    for i, payer in enumerate(ctx.b.payers):
        given = [f for f in ("coverage", "policy", "benchmark") if getattr(payer, f) is not None]
        if given and not payer.sources:
            listed = given[0] if len(given) == 1 else f"{', '.join(given[:-1])} and {given[-1]}"
            yield Finding(("payers", i, "name"), f"{payer.name} gives {listed} without a source",
                          "add sources: with the title and accessed date of what the figures come from")


def unknown_language(ctx: Context) -> Iterator[Finding]:
    """A language without a label set: its fixed words (headings, table headers) print in English."""
    from .. import present

    tag = ctx.b.document.language
    if not present.has_labels(tag):
        yield Finding(("document", "language"), f"no labels for language '{tag}': headings, table headers and "
                      "other fixed words are printed in English",
                      f"languages with labels: {', '.join(sorted(present.TABLES))}")
