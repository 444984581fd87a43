"""Warnings: a briefing that validates and still misleads.

Each rule has a stable id (like ruff's rule codes), a short name and a line saying what it
catches, in the RULES table below; `briefpdf validate --list-warnings` prints it. A rule is one
small function that reads the checked Briefing (and the positioned Document, to point at the
line) and yields Findings; `lint` turns them into Problems of severity "warning". Pure: the
configuration, code sets and a previous version are read by checks.py and handed in.

Ids: BP1xx what the briefing says, BP2xx its codes against a code set, BP3xx its previous version.
"""

from __future__ import annotations

from typing import Optional

from ..config import NONE, Config
from ..problems import WARNING, Problem
from . import codes, content, versions
from .base import Context, Finding, Rule

RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("BP101", "placeholder", content.placeholders, True,
         "text or a value left from the `briefpdf new` skeleton (TODO, modifier XX)"),
    Rule("BP102", "final-with-gaps", content.final_with_gaps, True,
         "status: final while half or more of the payer fields are Not provided"),
    Rule("BP103", "stale-source", content.stale_sources, True,
         "a source read more than stale-after-months (default 12) before the briefing's date"),
    Rule("BP104", "read-after-date", content.accessed_after_date, True, "a source read after the briefing's date"),
    Rule("BP105", "policy-after-date", content.policy_after_date, True,
         "a payer policy that takes effect after the briefing's date"),
    Rule("BP106", "history-after-date", content.history_after_date, True,
         "a code-history entry dated after the briefing's date"),
    Rule("BP107", "similar-payers", content.similar_payers, True,
         "two payer names that differ only in spaces, case or punctuation"),
    Rule("BP108", "duplicate-modifier", content.duplicate_modifiers, True, "the same modifier in two rows"),
    Rule("BP109", "own-code", content.own_code, True,
         "a related code that is the briefing's own code, or a PTP edit pairing a code with itself"),
    Rule("BP110", "url-label", content.url_labels, True,
         "a link label that is a bare URL too long for its table column"),
    Rule("BP111", "unsourced-payer", content.unsourced_payers, False,
         "a payer with coverage, a policy or a benchmark but no source"),
    Rule("BP112", "unknown-language", content.unknown_language, True,
         "a document language without a label set (its fixed words print in English)"),
    Rule("BP201", "unknown-code", codes.unknown_codes, True,
         "a code (the briefing's, a related or a PTP edit code) not in the code set"),
    Rule("BP202", "terminated-code", codes.terminated_codes, True,
         "a code the code set terminated before the briefing's date"),
    Rule("BP203", "future-code", codes.future_codes, True,
         "a code the code set says takes effect after the briefing's date"),
    Rule("BP204", "descriptor-mismatch", codes.descriptor_mismatch, True,
         "a title or related-code description that shares few words with the official descriptor"),
    Rule("BP301", "previous-other-code", versions.other_code, True, "the previous version is about another code"),
    Rule("BP302", "previous-not-older", versions.not_newer, True, "the previous version is dated after this one"),
    Rule("BP303", "same-version", versions.same_version, True,
         "the content changed since the previous version but the version label did not"),
)}

__all__ = ["RULES", "Context", "Finding", "Rule", "active", "lint", "table"]


def active(config: Config = NONE) -> list[Rule]:
    """The rules that run: on by default or switched on (`enable`), and not ignored."""
    return [r for r in RULES.values() if (r.default or r.id in config.enable) and r.id not in config.ignore]


def lint(ctx: Context, rules: Optional[list[Rule]] = None) -> list[Problem]:
    """Every finding of the active rules as a positioned warning, in source order."""
    out = []
    for rule in rules if rules is not None else active(ctx.config):
        for f in rule.check(ctx):
            line, col = ctx.doc.where(f.path)
            out.append(Problem(ctx.doc.file_of(f.path), line, col, f.message, f.hint, WARNING, rule.id))
    return sorted(out, key=lambda p: (p.line, p.column, p.code or ""))


def table() -> list[str]:
    """The lines `validate --list-warnings` prints: id, name, on or off, what it catches."""
    return [f"{r.id}  {r.name:<20} {'on ' if r.default else 'off'}  {r.summary}" for r in RULES.values()]
