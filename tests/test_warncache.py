"""A repeated batch takes an up-to-date source's warnings from its cache, and only while what
the checks read is unchanged: a configuration edited since, or a damaged cache, gives the
warnings the checks give now, never stale ones."""

from __future__ import annotations

import json

import pytest

from briefpdf.batch import CACHE_NAME, UP_TO_DATE, render_many
from briefpdf.checks import Checks
from conftest import FIXTURES, SOURCES

WARNS = SOURCES / "77301.yaml"  # status final with no payer data: warning BP102
CLEAN = FIXTURES / "sample_full.yaml"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "sources").mkdir()
    for code in ("77301", "77302"):
        text = WARNS.read_text(encoding="utf-8").replace('"77301"', f'"{code}"', 1)
        (tmp_path / "sources" / f"{code}.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "sources" / "clean.yaml").write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(project, **kw):
    result = render_many(sorted((project / "sources").glob("*.yaml")), project / "out", jobs=1, **kw)
    return {o.source.name: (o.status, [w.code for w in o.warnings], o.warnings) for o in result.outcomes}


def test_an_unchanged_batch_reports_the_same_warnings_from_its_cache(project, monkeypatch):
    first = run(project)
    import briefpdf.checks

    def no_checking(*a, **kw):
        raise AssertionError("an unchanged source was checked again")

    monkeypatch.setattr(briefpdf.checks, "check_file", no_checking)
    again = run(project)
    assert {n: s for n, (s, _, _) in again.items()} == dict.fromkeys(first, UP_TO_DATE)
    assert {n: w for n, (_, _, w) in again.items()} == {n: w for n, (_, _, w) in first.items()}
    assert again["77301.yaml"][1] == ["BP102"]


def test_an_edited_configuration_is_checked_again(project):
    assert run(project)["77302.yaml"][1] == ["BP102"]
    (project / "briefpdf.toml").write_text('ignore = ["BP102"]\n', encoding="utf-8")
    again = run(project)
    assert again["77302.yaml"][0] == UP_TO_DATE and again["77302.yaml"][1] == []
    (project / "briefpdf.toml").write_text("ignore = []\n", encoding="utf-8")
    assert run(project)["77302.yaml"][1] == ["BP102"]


def test_other_options_of_the_checks_are_checked_again(project):
    run(project)
    strict = run(project, checks=Checks(strict=True))
    assert strict["77301.yaml"][0] == "failed" and strict["clean.yaml"][0] == UP_TO_DATE


def test_a_damaged_warnings_entry_is_never_believed(project):
    first = run(project)
    cache = project / "out" / CACHE_NAME
    data = json.loads(cache.read_text(encoding="utf-8"))
    for entry in data["entries"].values():
        entry["warnings"] = [["x", "one", 1, "not a warning", None, "warning", None]] if "77301" in entry["source"] \
            else "nonsense"
    cache.write_text(json.dumps(data), encoding="utf-8")
    again = run(project)
    assert {n: w for n, (_, _, w) in again.items()} == {n: w for n, (_, _, w) in first.items()}
