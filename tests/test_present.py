"""The words on the page, straight from `present` (pure functions, milliseconds each).

The end-to-end tests read the same words back out of rendered PDFs; these pin the rules behind
them: money formatting, what counts as missing, which source gets which number, and that every
label set is complete.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import re
import string
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from briefpdf import model, present
from briefpdf.load import load
from briefpdf.model import Benchmark, Briefing
from briefpdf.present import ENGLISH, TABLES, Gap, labels_for

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "fixtures" / "sample_full.yaml"
SEED = ROOT / "sources" / "77301.yaml"


@pytest.fixture(scope="module")
def sample() -> Briefing:
    return load(SAMPLE)


@pytest.fixture(scope="module")
def seed() -> Briefing:
    return load(SEED)


def test_present_imports_no_reportlab():
    code = "import briefpdf.present, sys; assert 'reportlab' not in sys.modules, sorted(sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# ------------------------------------------------------------------------------ money
@pytest.mark.parametrize("amount, currency, basis, shown", [
    (412.5, "USD", "per_plan", "$412.50 USD"),
    (1234567.891, "EUR", "case_rate", "€1,234,567.89 EUR"),
    (0.125, "GBP", "list_price", "£0.13 GBP"),  # two places, decimal, half up (as a person rounds)
    (1000, "CAD", "fee_schedule", "1,000.00 CAD"),  # no symbol but $, € and £
    (999999999.5, "USD", "median_allowed", "$999,999,999.50 USD"),
    (118, None, "percent_of_medicare", "118.0% of Medicare"),
    (87.25, None, "percent_of_medicare", "87.3% of Medicare"),  # one place for a percentage
])
def test_money(amount, currency, basis, shown):
    assert present.money(Benchmark(amount=amount, basis=basis, currency=currency), ENGLISH) == shown


def test_benchmark_text_adds_basis_setting_and_date_but_no_basis_for_a_percentage():
    bm = Benchmark(amount=412.5, basis="per_plan", currency="USD", setting="non_facility",
                   effective_date=dt.date(2026, 1, 1))
    assert present.benchmark_text(bm, ENGLISH) == "$412.50 USD, per plan, non-facility (effective 2026-01-01)"
    pct = Benchmark(amount=120, basis="percent_of_medicare", setting="all")
    assert present.benchmark_text(pct, ENGLISH) == "120.0% of Medicare, all settings"
    assert present.bar_value(bm, False, ENGLISH) == ("$412.50", "")
    assert present.bar_value(pct, True, ENGLISH) == ("120.0%", "")
    assert present.money_parts(bm, ENGLISH) == ("$412", ".50", "USD", "")
    assert present.money_parts(pct, ENGLISH) == ("120", ".0%", "of Medicare", "")
    marked = Benchmark(amount=80, basis="fee_schedule", currency="EUR", illustrative=True)
    assert present.money_parts(marked, ENGLISH) == ("€80", ".00", "EUR", "†")


def test_a_language_changes_the_number_marks_not_the_rounding():
    german_marks = dataclasses.replace(ENGLISH, thousands=".", decimal=",")
    bm = Benchmark(amount=1234.5, basis="fee_schedule", currency="EUR")
    assert present.money(bm, german_marks) == "€1.234,50 EUR"
    assert present.number(0.125, 2, german_marks) == "0,13"


def test_chart_words():
    assert present.chart_title("USD", False, ENGLISH) == "Reimbursement benchmark by payer (USD)"
    assert present.chart_title("% of Medicare", True, ENGLISH).endswith("(% of Medicare) (continued)")
    alt = present.chart_alt([("Aetna", 412.5), ("Medicare", 365.8)], "USD", False, ENGLISH)
    assert alt == "Bar chart of reimbursement benchmarks: Aetna 412.50 USD; Medicare 365.80 USD."


# ------------------------------------------------------------------------------ what is missing
def test_availability_of_the_full_sample(sample):
    assert present.availability(sample) == [
        Gap("modifier_guidance", 1, 3, "modifier"), Gap("coverage", 1, 6, "payer"),
        Gap("prior_authorization", 2, 6, "payer"), Gap("policy", 3, 6, "payer"), Gap("benchmark", 1, 6, "payer"),
        # what the coding-rule and payer-detail parts leave out: no rules at all, criteria for the payer
        # that covers with criteria, the link and date of a policy, the read date of a source
        Gap("rules"), Gap("criteria", 1, 1, "payer"), Gap("policy_url", 1, 3, "policy"),
        Gap("policy_effective_date", 1, 3, "policy"), Gap("accessed", 1, 4, "source"),
    ]
    lines = [present.gap_text(g, ENGLISH) for g in present.availability(sample)]
    assert lines[0] == "Modifier guidance (when to use): Not provided for 1 of 3 modifiers"
    assert lines[3] == "Medical policy reference: Not provided for 3 of 6 payers"
    assert lines[-3:] == ["Medical policy link: Not provided for 1 of 3 policies",
                          "Medical policy effective date: Not provided for 1 of 3 policies",
                          "Source accessed date: Not provided for 1 of 4 sources"]


def test_availability_of_the_seed(seed):
    lines = [present.gap_text(g, ENGLISH) for g in present.availability(seed)]
    assert lines == ["Author: Not provided", "Organization: Not provided",
                     "Coverage policy: Not provided for 5 of 5 payers",
                     "Prior authorization: Not provided for 5 of 5 payers",
                     "Medical policy reference: Not provided for 5 of 5 payers",
                     "Reimbursement benchmark: Not provided for 5 of 5 payers",
                     "Coding rules: Not provided"]


def test_availability_counts_nothing_for_a_complete_briefing_and_payers_once_when_none(seed):
    rules = model.CodingRules(**{part: [] for part in present.RULE_PARTS})
    full = dataclasses.replace(seed, document=dataclasses.replace(seed.document, author="A", organization="O"),
                               payers=[], coding=dataclasses.replace(seed.coding, rules=rules))
    assert present.availability(full) == [Gap("payers")]
    aetna = load(SAMPLE).payers[0]  # everything given but the criteria its coverage calls for
    assert present.availability(dataclasses.replace(full, payers=[aetna])) == [Gap("criteria", 1, 1, "payer")]
    aetna = dataclasses.replace(aetna, criteria="- documented plan")
    assert present.availability(dataclasses.replace(full, payers=[aetna])) == []


def test_missing_word_and_escaping_are_the_caller_s():
    gap = Gap("coverage", 1, 1, "payer")
    line = present.gap_text(gap, ENGLISH, missing="<i>Not provided</i>", esc=lambda s: s.upper())
    assert line == "COVERAGE POLICY: <i>Not provided</i> for 1 OF 1 PAYER"  # the noun agrees with the total


# ------------------------------------------------------------------------------ source notes
def test_sources_are_numbered_in_order_of_appearance(sample):
    notes = present.number_sources(sample)
    assert [(n.number, n.payer, n.source.title) for n in notes.entries] == [
        (1, "Aetna", "Aetna IMRT policy bulletin (fictional)"),
        (2, "Aetna", "Aetna fee schedule extract (fictional)"),
        (3, "Cigna Health", "Cigna coverage summary (fictional)"),
        (4, "Medicare", "Medicare Physician Fee Schedule (fictional extract)"),
    ]
    # a source cites the fields it supports; one that names none cites the payer itself
    assert dict(notes.refs) == {(0, "coverage"): (1,), (0, "policy"): (1,), (0, "benchmark"): (2,),
                                (2, None): (3,), (4, "benchmark"): (4,)}
    assert notes.cites(0, "prior_authorization") == ()
    assert present.citation(notes.cites(0, "coverage")) == "[1]"
    assert present.citation((1, 3)) == "[1,3]" and present.citation(()) == ""
    assert present.note_text(notes.entries[0], ENGLISH) == (
        "[1] Aetna: Aetna IMRT policy bulletin (fictional). https://www.example.org/policies/imrt-0123."
        " Accessed 2026-09-30.")
    assert present.note_text(notes.entries[1], ENGLISH).endswith("(fictional). Accessed 2026-09-30.")


def test_no_sources_no_notes(seed):
    assert present.number_sources(seed).entries == ()


# ------------------------------------------------------------------------------ running lines
def test_running_lines_and_watermark(sample, seed):
    assert present.footer_text(seed, ENGLISH) == "CPT 77301 · IMRT Delivery · 2026-11-28 · v1.0"
    assert present.header_text(seed, ENGLISH) == "CPT 77301 · IMRT Delivery"  # the short title
    untitled = dataclasses.replace(seed, document=dataclasses.replace(seed.document, short_title=None))
    assert present.header_text(untitled, ENGLISH) == "CPT 77301 · Intensity Modulated Radiotherapy (IMRT) Delivery"
    assert present.page_text(2, 9, ENGLISH) == "Page 2 of 9"
    assert present.watermark_word(seed, ENGLISH) is None
    assert present.watermark_word(sample, ENGLISH) == "SAMPLE DATA"
    draft = dataclasses.replace(seed, document=dataclasses.replace(seed.document, status="draft", scope=None,
                                                                   version=None))
    assert present.watermark_word(draft, ENGLISH) == "DRAFT"
    assert present.footer_text(draft, ENGLISH) == "CPT 77301 · IMRT Delivery · 2026-11-28"
    assert present.eyebrow_text(draft, ENGLISH) == "CPT CODE BRIEFING"
    assert present.document_subject(draft, ENGLISH) == "CPT 77301 briefing, scope not provided"
    assert present.packet_count(1, ENGLISH) == "1 briefing" and present.packet_count(3, ENGLISH) == "3 briefings"


def test_title_facts(seed):
    first, second = present.title_facts(seed, ENGLISH)
    assert first == [("Scope", "National"), ("Date", "2026-11-28"), ("Version", "1.0"), ("Status", "Final")]
    assert [k for k, _ in second] == ["Audience", "Author", "Organization"]
    assert second[1] == ("Author", None)


# ------------------------------------------------------------------------------ label sets
def _literal_values(tp) -> set[str]:
    inner = [a for a in typing.get_args(tp) if a is not type(None)]
    return set(typing.get_args(inner[0]) if inner and typing.get_origin(inner[0]) is typing.Literal
               else typing.get_args(tp))


def test_every_value_of_the_source_has_a_word():
    needed = set()
    for cls, name in [(model.Payer, "coverage"), (model.Payer, "prior_authorization"), (Benchmark, "basis"),
                      (Benchmark, "setting"), (model.Meta, "status")]:
        needed |= _literal_values(typing.get_type_hints(cls)[name])
    assert len(needed) == 20
    for table in TABLES.values():
        assert needed <= set(table.values), needed - set(table.values)


@pytest.mark.parametrize("enum, cls, name", [
    ("line_of_business", model.Payer, "line_of_business"), ("relation", model.RelatedCode, "relation"),
    ("per", model.FrequencyLimit, "per"), ("claim_type", model.UnitsLimit, "claim_type"),
    ("mue_applied", model.UnitsLimit, "applied")])
def test_every_value_of_the_coding_enums_has_a_word(enum, cls, name):
    needed = _literal_values(typing.get_type_hints(cls)[name])
    for table in TABLES.values():
        assert set(table.enums[enum]) == needed


def test_every_modifier_indicator_has_a_word():
    indicator = next(f for f in dataclasses.fields(model.PtpEdit) if f.name == "modifier_indicator")
    for table in TABLES.values():
        assert set(table.enums["modifier_indicator"]) == set(indicator.metadata["enum"])


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", sorted(TABLES))
def test_every_label_set_is_complete(language):
    """Each table has the same keys as English, the same {placeholders}, and no markup characters."""
    table = TABLES[language]
    for f in dataclasses.fields(table):
        mine, english = getattr(table, f.name), getattr(ENGLISH, f.name)
        if isinstance(english, typing.Mapping) and all(isinstance(v, typing.Mapping) for v in english.values()):
            assert set(mine) == set(english), f.name
            for k in english:  # a table of tables (the enums): the same keys, one level down
                assert set(mine[k]) == set(english[k]), (f.name, k)
            pairs = [(mine[k][v], english[k][v]) for k in english for v in english[k]]
        elif isinstance(english, typing.Mapping):
            assert set(mine) == set(english), f.name
            pairs = [(mine[k], english[k]) for k in english]
        elif isinstance(english, tuple):
            assert len(mine) == len(english), f.name
            pairs = list(zip(mine, english, strict=True))
        else:
            pairs = [(mine, english)]
        for ours, theirs in pairs:
            words = ours if isinstance(ours, tuple) else (ours,)
            for word in words:
                assert word.strip(), f.name
                assert not set("<>") & set(word), f.name
            if isinstance(ours, str):
                assert _placeholders(ours) == _placeholders(theirs), f.name


def test_labels_for_picks_the_table_by_primary_language():
    assert labels_for("en-US") is ENGLISH and labels_for("EN") is ENGLISH
    assert labels_for("xx-YY") is ENGLISH  # a language without a table is shown in English


def test_the_model_s_default_headings_are_the_english_table_s():
    for cls, key in [(model.Summary, "summary"), (model.BillingOverview, "billing_overview"),
                     (model.ClinicalContext, "clinical_context"), (model.Coding, "coding")]:
        default = next(f.default for f in dataclasses.fields(cls) if f.name == "heading")
        assert default == ENGLISH.headings[key]
        assert present.section_heading(default, key, ENGLISH) == default
    spanish = dataclasses.replace(ENGLISH, headings={**ENGLISH.headings, "summary": "Resumen"})
    assert present.section_heading("Summary & Overview", "summary", spanish) == "Resumen"
    assert present.section_heading("My own heading", "summary", spanish) == "My own heading"


LAYOUT = ROOT / "src" / "briefpdf" / "layout"
ROLES = {"P", "H1", "H2", "H3", "H4", "L", "LBody", "Note", "Figure", "Table", "Artifact", "Group", "TOC", "Part"}


@pytest.mark.parametrize("module", ["sections.py", "payers.py", "charts.py", "__init__.py", "blocks.py", "rules.py",
                                    "benchmarks.py", "payer_details.py", "references.py", "extra.py", "prose.py",
                                    "furniture.py", "packet.py"])
def test_layout_places_words_and_writes_none_of_them(module):
    """No string in these layout modules is a word of the English table (outside docstrings)."""
    words = set(ENGLISH.values.values()) | set(ENGLISH.headings.values()) | set(ENGLISH.facts.values())
    words |= set(ENGLISH.gaps.values()) | set(ENGLISH.summaries.values()) | {ENGLISH.not_provided, ENGLISH.benchmark}
    words |= set(ENGLISH.coverage_headers + ENGLISH.benchmark_headers + ENGLISH.modifier_headers)
    words |= set(ENGLISH.columns.values()) | {w for table in ENGLISH.enums.values() for w in table.values()}
    words |= {ENGLISH.none, ENGLISH.in_effect, ENGLISH.documentation_lead, ENGLISH.benchmark_groups,
              ENGLISH.illustrative_legend, ENGLISH.packet_eyebrow, ENGLISH.packet_list, *ENGLISH.watermarks.values()}
    words |= {w for w in ENGLISH.details.values() if w[:1].isupper()}  # 'setting' is also a style's word
    tree = ast.parse((LAYOUT / module).read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    literals = {node.value for node in ast.walk(tree)
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                and not re.fullmatch(r"[a-z0-9_]*", node.value)  # keys and style names, not words
                and node.value not in ROLES}  # structure types declared for the tagger ("Note")
    found = {w for w in words for lit in literals if w in lit}
    assert not found, found
