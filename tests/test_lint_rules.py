"""Each warning rule on a small variant of a clean briefing, in process (milliseconds each)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

import briefpdf
from briefpdf.lint import RULES
from conftest import FIXTURES

OLD = FIXTURES / "versions" / "77301-v1.0.yaml"
BASE = yaml.safe_load(OLD.read_text(encoding="utf-8"))
LONG_URL = "https://www.example.org/policies/radiation-oncology/intensity-modulated/rt-0042.html"


def write(folder: Path, data: dict, name: str = "77301.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def warned(folder: Path, change, **kw) -> list[briefpdf.Problem]:
    data = copy.deepcopy(BASE)
    change(data)
    return briefpdf.check(write(folder, data), **kw)


def test_the_clean_fixture_has_no_warnings(tmp_path):
    assert briefpdf.check(OLD) == []


def _history(d):
    d["coding"]["rules"] = {"history": [{"date": "2027-01-01", "change": "Deleted"}]}


def _related_self(d):
    d["coding"]["rules"] = {"related_codes": [{"code": "77301", "code_system": "CPT", "relation": "companion"}],
                            "ptp_edits": [{"column_1": "77301", "column_2": "77301", "modifier_indicator": "0"}]}


CASES = {
    "BP103": lambda d: d.update(references=[{"title": "Old manual", "accessed": "2025-01-10"}]),
    "BP104": lambda d: d.update(references=[{"title": "Future manual", "accessed": "2026-07-01"}]),
    "BP105": lambda d: d["payers"][0].update(policy={"name": "New policy", "effective_date": "2026-09-01"}),
    "BP106": _history,
    "BP107": lambda d: d["payers"].append({"name": "MEDI-CARE"}),
    "BP108": lambda d: d["coding"]["modifiers"].append({"modifier": "TC", "description": "Again"}),
    "BP109": _related_self,
    "BP110": lambda d: d["payers"][0].update(policy={"name": LONG_URL, "url": LONG_URL}),
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_rule_catches_its_case(tmp_path, rule):
    found = warned(tmp_path, CASES[rule])
    assert {w.code for w in found} == {rule}, [w.format() for w in found]
    assert all(w.severity == "warning" and w.line > 1 and w.file.endswith("77301.yaml") for w in found)
    assert RULES[rule].default


def test_a_link_labelled_with_a_long_address_in_a_table_cell(tmp_path):
    found = warned(tmp_path, lambda d: d["payers"][0].update(criteria=f"See [{LONG_URL}]({LONG_URL})."))
    assert [w.code for w in found] == ["BP110"] and "[example.org](" in found[0].hint
    short = warned(tmp_path, lambda d: d["payers"][0].update(criteria=f"See [the policy]({LONG_URL})."))
    assert short == []


def test_a_rule_off_by_default_is_switched_on_in_the_configuration(tmp_path):
    assert not RULES["BP111"].default
    assert warned(tmp_path, lambda d: None) == []  # the payers give coverage and benchmarks, no sources
    (tmp_path / "briefpdf.toml").write_text('enable = ["BP111"]\nignore = ["BP102"]\n', encoding="utf-8")
    found = warned(tmp_path, lambda d: None)
    assert [w.code for w in found] == ["BP111", "BP111"]
    assert found[0].message == "Aetna gives coverage, policy and benchmark without a source"


def test_exact_duplicate_payers_stay_an_error(tmp_path):
    with pytest.raises(briefpdf.BriefError) as err:
        warned(tmp_path, lambda d: d["payers"].append({"name": "aetna"}))
    assert [p.severity for p in err.value.problems] == ["error"] and "listed twice" in err.value.problems[0].message


def test_previous_version_rules(tmp_path):
    other = copy.deepcopy(BASE)
    other["document"]["code"] = "77300"
    write(tmp_path, other, "other.yaml")
    assert [w.code for w in warned(tmp_path, lambda d: d.update(previous="other.yaml"))] == ["BP301"]
    newer = copy.deepcopy(BASE)
    newer["document"]["date"] = "2027-01-01"
    write(tmp_path, newer, "newer.yaml")
    assert [w.code for w in warned(tmp_path, lambda d: d.update(previous="newer.yaml"))] == ["BP302"]
    write(tmp_path, BASE, "old.yaml")
    same = warned(tmp_path, lambda d: d["payers"][0].update(coverage="covered"), previous=tmp_path / "old.yaml")
    assert [w.code for w in same] == ["BP303"] and "still 1.0" in same[0].message
    with pytest.raises(briefpdf.BriefError) as err:
        warned(tmp_path, lambda d: d.update(previous="missing.yaml"))
    problem = err.value.problems[0]
    assert problem.message.startswith("previous version 'missing.yaml':") and problem.line > 1


def test_the_library_returns_warnings_and_strict_raises(tmp_path):
    src = write(tmp_path, {**copy.deepcopy(BASE), "references": [{"title": "Old", "accessed": "2020-01-01"}]})
    result = briefpdf.render(src, tmp_path / "x.pdf")
    assert [w.code for w in result.warnings] == ["BP103"] and result.pages >= 1
    with pytest.raises(briefpdf.BriefError) as err:
        briefpdf.render(src, tmp_path / "y.pdf", strict=True)
    assert [p.code for p in err.value.problems] == ["BP103"] and not (tmp_path / "y.pdf").exists()


def test_batch_outcomes_carry_warnings_rendered_or_up_to_date(tmp_path):
    from briefpdf.batch import RENDERED, UP_TO_DATE, render_many

    src = write(tmp_path, {**copy.deepcopy(BASE), "references": [{"title": "Old", "accessed": "2020-01-01"}]})
    first = render_many([src], tmp_path / "out", jobs=1)
    again = render_many([src], tmp_path / "out", jobs=1)
    assert [(o.status, [w.code for w in o.warnings]) for o in first.outcomes + again.outcomes] == [
        (RENDERED, ["BP103"]), (UP_TO_DATE, ["BP103"])]
