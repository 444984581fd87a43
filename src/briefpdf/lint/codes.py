"""The code-set rules: the briefing's code, its related codes and its PTP edit codes, checked
against the code-set files the organisation holds (see codeset.py). They run only when a code
set is given (`--codes` or `codes` in the configuration).

The official descriptor is printed in the hint, on the terminal; it never reaches the PDF.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ..codeset import overlap
from .base import Context, Finding, clip

if TYPE_CHECKING:
    from ..codeset import CodeSet, Entry

MIN_OVERLAP = 0.34  # below this share of shared words, a title and a descriptor describe different things


def _codes(ctx: Context) -> Iterator[tuple[tuple, str, str | None]]:
    """(path, code, the source's own words for it) for every CPT/HCPCS code the briefing names."""
    b = ctx.b
    yield ("document", "code"), b.document.code, b.document.title
    rules = b.coding.rules
    if rules is None:
        return
    for k, rc in enumerate(rules.related_codes or []):
        if rc.code_system in ("CPT", "HCPCS"):
            yield ("coding", "rules", "related_codes", k, "code"), rc.code, rc.description
    for k, edit in enumerate(rules.ptp_edits or []):
        yield ("coding", "rules", "ptp_edits", k, "column_1"), edit.column_1, None
        yield ("coding", "rules", "ptp_edits", k, "column_2"), edit.column_2, None


def _checked(ctx: Context) -> Iterator[tuple[tuple, str, str | None, "CodeSet"]]:
    codes = ctx.codes
    if codes is None:
        return
    seen = set()
    for path, code, words in _codes(ctx):
        if codes.knows(code) and (code, words) not in seen:
            seen.add((code, words))
            yield path, code, words, codes


def _what(path: tuple) -> str:
    return "this briefing's code" if path == ("document", "code") else "code"


def unknown_codes(ctx: Context) -> Iterator[Finding]:
    for path, code, _, codes in _checked(ctx):
        if code not in codes.entries:
            yield Finding(path, f"{_what(path)} {code} is not in the code set",
                          "check the code; or the code-set file is older than the code")


def terminated_codes(ctx: Context) -> Iterator[Finding]:
    for path, code, _, codes in _checked(ctx):
        live, rows = codes.current(code, ctx.date)
        ended = [e for e in rows if e.terminated and e.terminated < ctx.date]
        if rows and live is None and ended:
            last = max(ended, key=lambda e: e.terminated)
            yield Finding(path, f"{_what(path)} {code} was terminated on {last.terminated}, before the briefing's "
                                f"date {ctx.date} ({last.where})", "check the code and its replacement")


def future_codes(ctx: Context) -> Iterator[Finding]:
    for path, code, _, codes in _checked(ctx):
        live, rows = codes.current(code, ctx.date)
        later = [e for e in rows if e.effective and e.effective > ctx.date]
        if rows and live is None and later:
            first = min(later, key=lambda e: e.effective)
            yield Finding(path, f"{_what(path)} {code} takes effect on {first.effective}, after the briefing's "
                                f"date {ctx.date} ({first.where})", "say when it applies, or check the dates")


def descriptor_mismatch(ctx: Context) -> Iterator[Finding]:
    """A title (or a related code's description) that shares too few words with the official
    descriptor: the briefing may be about another code than the one it names."""
    for path, code, words, codes in _checked(ctx):
        if not words:
            continue
        entry = _descriptor_row(codes, code, ctx)
        if entry is not None and overlap(words, entry.descriptor) < MIN_OVERLAP:
            field = "title" if path == ("document", "code") else "description"
            shown = path[:-1] + (field,) if path != ("document", "code") else ("document", "title")
            yield Finding(shown, f"the {field} '{clip(words)}' shares few words with the official descriptor of "
                                 f"{code}", f"official descriptor ({entry.where}): {entry.descriptor}")


def _descriptor_row(codes: "CodeSet", code: str, ctx: Context) -> "Entry | None":
    live, rows = codes.current(code, ctx.date)
    entry = live or (rows[-1] if rows else None)
    return entry if entry is not None and entry.descriptor else None
