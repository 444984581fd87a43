"""The JSON Schema editors use: committed, current, and strict enough to flag mistakes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from briefpdf.schema import spec
from conftest import FIXTURES, SOURCES, cli, run_cli

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
    assert cli("new", "77301", cwd=tmp_path).returncode == 0
    assert [e.message for e in validator.iter_errors(load(tmp_path / "sources" / "77301.yaml"))] == []


# ----------------------------------------------------------------------------- one description, same rules

def scope(value):
    """The 77301 source with document.scope set to `value`."""
    data = load(SOURCES / "77301.yaml")
    data["document"]["scope"] = value
    return data


def validator_problems(data) -> list[str]:
    """What `briefpdf validate` says about `data` (as YAML 1.2 reads it: dates are text)."""
    from briefpdf.model import Briefing
    from briefpdf.schema import validate
    from briefpdf.source import Document

    return [p.message for p in validate(Briefing, Document("probe.yaml", data))[1]]


@pytest.mark.parametrize("value, message", [
    ("Nat\x07ional", "contains the control character U+0007"),
    ("a\u2028b", "contains the control character U+2028"),
    ("x" * 121, "has a word of 121 characters"),
    ("https://example.org/" + "a" * 1981, "has a word of 2,001 characters"),
    ("word " * 4000 + "x", "is 20,001 characters; the limit is 20,000"),
    (" \t ", "is empty"),
])
def test_json_schema_rejects_what_the_validator_rejects(validator, value, message):
    data = scope(value)
    assert any(message in m for m in validator_problems(data)), validator_problems(data)
    assert not validator.is_valid(data)


@pytest.mark.parametrize("value", [
    "x" * 120,
    "https://example.org/" + "a" * 1980,  # a link may be long: 2,000 characters
    "See [the policy](https://example.org/" + "a" * 3000 + ") here",  # a link's target is not printed
    "Regional\u00a0and national",
])
def test_json_schema_accepts_what_the_validator_accepts(validator, value):
    data = scope(value)
    assert validator_problems(data) == []
    assert validator.is_valid(data)


def test_number_and_link_limits_are_in_the_schema(validator):
    data = load(SOURCES / "77301.yaml")
    data["payers"][0]["benchmark"] = {"amount": 2e12, "basis": "per_plan", "currency": "USD"}
    assert "'payers[0].benchmark.amount' is implausibly large (2e+12)" in validator_problems(data)
    assert not validator.is_valid(data)
    data["payers"][0]["benchmark"]["amount"] = 1e12
    assert validator_problems(data) == [] and validator.is_valid(data)
    data["payers"][0]["policy"] = {"name": "P", "url": "https://example.org/\x01"}
    assert not validator.is_valid(data) and validator_problems(data)


@dataclass
class Probe:
    """One field of each kind of text rule."""

    text: str = spec("Text.")
    link: Optional[str] = spec("A link.", default=None, pattern=r"(https?://|mailto:)[^\s<>]+")
    items: list[str] = spec("Paragraphs.", default=[])


SAFE = ["a", "Z", "9", " ", "\t", "\n", "\u00a0", "\u3000", "\ufeff", "]", "(", ")", "[l]", "](https://e.org/p)",
        "](mailto:a@b.c)", "https://", "mailto:", "é", "“", "a" * 50, "b" * 119, "c" * 121, "u" * 1000]
CONTROL = ["\x1c", "\x85", "\x07", "\u2028", "\x00", "\x7f"]
TEXTS = st.lists(st.sampled_from(SAFE * 4 + CONTROL), max_size=12).map("".join)


def link(value: str) -> str:
    """A link field's value. Not ending in a line break: Python's `$` matches before a final one and
    ECMA-262's (the one editors run) does not, so there the test's jsonschema would differ from editors."""
    return "https://e.org/" + (value[:-1] if value.endswith("\n") else value)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(field=st.sampled_from(["text", "link", "items"]), value=TEXTS)
def test_validator_and_json_schema_agree_on_text(field, value):
    """The JSON Schema and the validator are both read from one description: they accept the same text."""
    from briefpdf.jsonschema import json_schema
    from briefpdf.schema import describe, validate
    from briefpdf.source import Document

    probe = jsonschema.Draft202012Validator(json_schema(describe(Probe), title="probe", schema_id="probe"))
    data = {"text": "x", field: {"link": link(value), "items": [value]}.get(field, value)}
    problems = validate(Probe, Document("probe.yaml", data))[1]
    assert (problems == []) == probe.is_valid(data), ([p.message for p in problems],
                                                     [e.message[:80] for e in probe.iter_errors(data)])


@dataclass
class Shapes:
    """One field of each shape the content model reads: prose, a choice of digits, a flag."""

    note: Optional[str] = spec("A note.", default=None, block=True)
    paragraphs: list[str] = spec("Paragraphs.", default=[], block=True)
    body: list[str] = spec("At least one paragraph.", default=["x"], min_items=1, block=True)
    indicator: Optional[str] = spec("0, 1 or 9.", default=None, enum=("0", "1", "9"))
    flag: bool = spec("A flag.", default=False)


@pytest.mark.parametrize("field, value, valid", [
    ("note", "One paragraph.\n\n- a list item\n- another", True),
    ("note", ["First paragraph.", "Second."], True),  # a list of texts, joined as paragraphs
    ("note", [1, 2], True), ("note", 12, True),  # numbers are read as text
    ("note", [], False),  # a text field written as a list needs at least one text
    ("note", ["ok", " "], False), ("note", [["nested"]], False), ("note", {"a": "b"}, False), ("note", True, False),
    ("paragraphs", "One text is a list of one.", True), ("paragraphs", [], True), ("paragraphs", 5, True),
    ("paragraphs", {"a": "b"}, False), ("paragraphs", False, False), ("paragraphs", ["x\x07"], False),
    ("body", [], False), ("body", "One.", True),
    ("indicator", 1, True), ("indicator", "1", True), ("indicator", 9, True), ("indicator", 1.0, True),
    ("indicator", 2, False), ("indicator", "2", False), ("indicator", 1.5, False), ("indicator", True, False),
    ("flag", True, True), ("flag", "true", False), ("flag", 1, False), ("flag", None, False),
])
def test_validator_and_json_schema_agree_on_shapes(field, value, valid):
    """Prose in either shape, a choice of digits written bare, a flag: one description, one answer."""
    from briefpdf.jsonschema import json_schema
    from briefpdf.schema import describe, validate
    from briefpdf.source import Document

    probe = jsonschema.Draft202012Validator(json_schema(describe(Shapes), title="probe", schema_id="probe"))
    data = {field: value}
    problems = [p.message for p in validate(Shapes, Document("probe.yaml", data))[1]]
    assert (problems == []) is valid, problems
    assert probe.is_valid(data) is valid, [e.message[:80] for e in probe.iter_errors(data)]


def test_prose_is_read_into_the_fields_shape():
    from briefpdf.schema import validate
    from briefpdf.source import Document

    data = {"note": ["First.", "- a\n- b"], "paragraphs": "Only one.", "indicator": 1}
    shapes, problems = validate(Shapes, Document("probe.yaml", data))
    assert problems == []
    assert shapes == Shapes(note="First.\n\n- a\n- b", paragraphs=["Only one."], indicator="1")
