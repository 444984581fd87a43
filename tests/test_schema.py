"""The JSON Schema editors use: committed, current, and strict enough to flag mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import FIXTURES, SOURCES, run_cli

COMMITTED = SOURCES.parent / "schema" / "briefing.schema.json"


class Yaml12Loader(yaml.SafeLoader):
    """Dates stay text, as YAML 1.2 (and so the yaml-language-server in editors) reads them."""


Yaml12Loader.yaml_implicit_resolvers = {
    key: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_committed_schema_is_what_the_model_produces():
    result = run_cli("schema")
    assert result.returncode == 0
    assert result.stdout == COMMITTED.read_text(encoding="utf-8"), "run: briefpdf schema -o schema/briefing.schema.json"


def test_every_source_points_editors_at_the_schema():
    for source in [*SOURCES.glob("*.yaml"), FIXTURES / "workflow" / "broken.yaml"]:
        first = source.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), source
        assert (source.parent / first.split("=", 1)[1]).resolve() == COMMITTED.resolve(), source


def test_sources_are_valid(validator):
    for source in SOURCES.glob("*.yaml"):
        assert [e.message for e in validator.iter_errors(load(source))] == [], source


def test_mistakes_are_rejected(validator):
    errors = [e.message for e in validator.iter_errors(load(FIXTURES / "workflow" / "broken.yaml"))]
    assert any("'scoep' was unexpected" in m for m in errors)
    assert any("'finished'" in m for m in errors)
    good = load(SOURCES / "77301.yaml")
    for mutate in (lambda d: d["document"].pop("title"), lambda d: d["payers"][0].update(coverage="maybe"),
                   lambda d: d["document"].update(date="28/11/2026"), lambda d: d.update(summary={"paragraphs": []}),
                   lambda d: d["coding"]["modifiers"][0].update(modifier="twenty-six")):
        data = load(SOURCES / "77301.yaml")
        mutate(data)
        assert not validator.is_valid(data)
    assert validator.is_valid(good)


def test_a_new_source_is_valid(validator, tmp_path):
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "briefing.schema.json").write_text(COMMITTED.read_text(encoding="utf-8"))
    assert run_cli("new", "77301", cwd=tmp_path).returncode == 0
    assert [e.message for e in validator.iter_errors(load(tmp_path / "sources" / "77301.yaml"))] == []
