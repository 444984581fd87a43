"""Issue #12's mistakes end in a positioned error with a hint that names the rule: an unknown
citation, an unknown or looping `after:`, duplicate ids, a modifier in lower case. And the shapes
that used to be refused (a list for a payer's notes, a text for the top-level notes) are accepted.

Sources are tests/fixtures/coding_full.yaml with one edit; positions are computed from where the
edit lands, never typed in by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefpdf.load import load_with_positions
from briefpdf.problems import BriefError
from conftest import FIXTURES, SOURCES, cli

FULL = (FIXTURES / "coding_full.yaml").read_text(encoding="utf-8")


def edited(tmp_path: Path, old: str, new: str, base: str = FULL) -> tuple[Path, str]:
    assert base.count(old) == 1, f"{old!r} must occur exactly once"
    text = base.replace(old, new)
    path = tmp_path / "edited.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def where(text: str, needle: str) -> tuple[int, int]:
    at = text.index(needle)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def problems(path: Path) -> list:
    with pytest.raises(BriefError) as err:
        load_with_positions(path)
    return err.value.problems


def test_unknown_citation_points_at_its_paragraph_and_lists_the_ids(tmp_path):
    path, text = edited(tmp_path, "Payers differ mostly in prior authorization.[^benefit-guide]",
                        "Payers differ mostly in prior authorization.[^benefit-gide]")
    (p,) = problems(path)
    assert (p.line, p.column) == where(text, "|\n      Before a claim")  # the second paragraph of the list
    assert p.message == "unknown citation [^benefit-gide]"
    assert "did you mean 'benefit-guide'?" in p.hint and "known ids: benefit-guide, ehp-policy, ncci" in p.hint


def test_unknown_citation_is_reported_by_the_cli_with_its_place(tmp_path):
    path, text = edited(tmp_path, "All figures are fictional.[^ncci]", "All figures are fictional.[^nci-manual]")
    result = cli("validate", path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line, column = where(text, "|\n  All figures")
    assert result.stderr.startswith(f"{path}:{line}:{column}: error: unknown citation [^nci-manual]\n  hint: ")


def test_a_citation_without_any_reference_says_how_to_add_one(tmp_path):
    base = (SOURCES / "77301.yaml").read_text(encoding="utf-8")
    path, text = edited(tmp_path, "is a critical\n      modality in contemporary oncologic care.",
                        "is a critical\n      modality in contemporary oncologic care.[^astro]", base)
    (p,) = problems(path)
    assert p.message == "unknown citation [^astro]"
    assert p.hint == "add a reference with 'id: astro' under references: (or an id on a payer's source)"


def test_a_citation_in_a_name_is_refused(tmp_path):
    path, text = edited(tmp_path, "  - name: Example Medicaid Plan", "  - name: Example Medicaid Plan[^ncci]")
    (p,) = problems(path)
    assert (p.line, p.column) == where(text, "Example Medicaid Plan[^ncci]")
    assert p.message == "citation [^ncci] in a field that is not prose" and "prose fields" in p.hint


def test_unknown_after_points_at_it_and_lists_the_ids(tmp_path):
    path, text = edited(tmp_path, "    after: summary\n", "    after: sumary\n")
    (p,) = problems(path)
    assert (p.line, p.column) == where(text, "sumary")
    assert p.message == "unknown section 'sumary' in after:"
    assert p.hint.startswith("did you mean 'summary'? a section can follow: at_a_glance, summary, billing_overview, "
                             "clinical_and_coding, payers, notes, sources, what-changed")


def test_after_the_disclaimer_says_it_is_always_last(tmp_path):
    path, _ = edited(tmp_path, "    after: summary\n", "    after: disclaimer\n")
    (p,) = problems(path)
    assert p.hint.startswith("the title block comes first and the disclaimer last;")


def test_sections_that_follow_each_other_are_a_loop(tmp_path):
    path, text = edited(tmp_path, "    after: summary\n", "    after: questions\n")
    path, text = edited(tmp_path, "  - title: Questions for the payer meeting\n",
                        "  - title: Questions for the payer meeting\n    id: questions\n", text)
    found = problems(path)
    assert [p.message for p in found] == [
        "section 'What changed since version 1.0' follows 'questions', which follows it in turn",
        "section 'Questions for the payer meeting' follows 'what-changed', which follows it in turn"]
    assert (found[0].line, found[0].column) == where(text, "questions\n")


def test_duplicate_ids_name_the_first_use(tmp_path):
    path, text = edited(tmp_path, "      - {title: Example Medicaid fee schedule (fictional)}",
                        "      - {id: ncci, title: Example Medicaid fee schedule (fictional)}")
    (p,) = problems(path)
    assert (p.line, p.column) == where(text, "ncci, title: Example Medicaid")
    assert p.message == "the id 'ncci' is used twice" and p.hint.startswith("first used at references[0]")


def test_lower_case_modifier_hint_names_upper_case(tmp_path):
    path, text = edited(tmp_path, "    - modifier: XS\n", "    - modifier: xs\n")
    (p,) = problems(path)
    assert (p.line, p.column) == where(text, "xs\n")
    assert "upper-case" in p.hint and "59/XS is two rows" in p.hint


def test_unknown_modifier_indicator_lists_the_three(tmp_path):
    path, text = edited(tmp_path, "        modifier_indicator: 9\n", "        modifier_indicator: 2\n")
    (p,) = problems(path)
    assert (p.line, p.column) == where(text, "2\n        effective_date: 2015")
    assert "'2'" in p.message and "0, 1, 9" in p.hint


def test_prose_takes_a_list_or_a_text_wherever_it_is_prose(tmp_path):
    path, _ = edited(tmp_path, "    notes: Prior authorization requests go to the benefit manager.[^ehp-policy]",
                     "    notes:\n      - Requests go to the benefit manager.[^ehp-policy]\n      - Decisions take 5 days.")
    _, b = load_with_positions(path)
    assert b.payers[0].notes == "Requests go to the benefit manager.[^ehp-policy]\n\nDecisions take 5 days."
    assert isinstance(b.notes, list) and b.notes[0].startswith("All figures are fictional.")
    path, _ = edited(tmp_path, "    when_to_use: Physician work only, billed by the physician.",
                     "    when_to_use: []")
    (p,) = problems(path)
    assert p.message == "'coding.modifiers[0].when_to_use' needs at least 1 item(s)"
