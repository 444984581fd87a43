"""The skeleton `briefpdf new` writes names every field of every record, with every allowed value.

In-process (milliseconds): the template is generated from the model, the commented examples
are uncommented the way a user would, and the result is walked alongside the model's records.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing

import pytest
import yaml

from briefpdf import model
from briefpdf.load import load_with_positions
from briefpdf.new import template

FILL_IN = "# To fill it in, replace the next line with:"


@pytest.fixture(scope="module")
def skeleton() -> str:
    return template("77385", title="Radiation treatment delivery", system="CPT", today=dt.date(2026, 11, 29),
                    schema_ref="../schema/briefing.schema.json")


def uncomment(text: str) -> str:
    """Each commented example replaces the `name: null` / `name: []` line after it."""
    lines, out, i = text.splitlines(), [], 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == FILL_IN:
            pad = line[:len(line) - len(line.lstrip())]
            prefix = pad + "#   "
            i += 1
            while lines[i].startswith(prefix):
                out.append(pad + lines[i][len(prefix):])
                i += 1
            assert re.fullmatch(r"\s*\w+: (null|\[\])", lines[i]), lines[i]  # the line the example replaces
        else:
            out.append(line)
        i += 1
    return "\n".join(out) + "\n"


def _optional_inner(tp):
    """T for Optional[T], else None."""
    args = typing.get_args(tp)
    if type(None) in args and len(args) == 2:
        return next(a for a in args if a is not type(None))
    return None


def _records(tp):
    """The record type a field holds (directly, optionally or as a list), else None."""
    tp = _optional_inner(tp) or tp
    if typing.get_origin(tp) is list:
        tp = typing.get_args(tp)[0]
    return tp if dataclasses.is_dataclass(tp) else None


def walk(cls, data, path: str, seen: set) -> None:
    """Every field of `cls` is a key of `data`, and every record below it is written out too."""
    seen.add(cls)
    hints = typing.get_type_hints(cls)
    assert set(data) == set(hints), (path, set(hints) ^ set(data))
    for name, tp in hints.items():
        record, value = _records(tp), data[name]
        if record is None:
            continue
        items = value if isinstance(value, list) else [value]
        assert items and all(isinstance(v, dict) for v in items), f"{path}.{name} is not written out: {value!r}"
        for item in items:
            walk(record, item, f"{path}.{name}", seen)


def every_record(cls, found: set) -> set:
    if cls not in found:
        found.add(cls)
        for tp in typing.get_type_hints(cls).values():
            if (record := _records(tp)) is not None:
                every_record(record, found)
    return found


def test_every_field_of_every_record_is_named(skeleton):
    data = yaml.safe_load(uncomment(skeleton))
    seen: set = set()
    walk(model.Briefing, data, "", seen)
    assert seen == every_record(model.Briefing, set())
    assert {model.CodingRules, model.PtpEdit, model.Policy, model.Benchmark, model.SourceRef} <= seen


def test_every_allowed_value_is_listed_in_a_comment(skeleton):
    comments = " ".join(line.split("#")[-1] for line in skeleton.splitlines() if "#" in line)
    comments = " ".join(comments.split())  # wrapped lines joined
    for cls in every_record(model.Briefing, set()):
        for f in dataclasses.fields(cls):
            tp = _optional_inner(typing.get_type_hints(cls)[f.name]) or typing.get_type_hints(cls)[f.name]
            if typing.get_origin(tp) is list:
                tp = typing.get_args(tp)[0]
            values = typing.get_args(tp) if typing.get_origin(tp) is typing.Literal else f.metadata.get("enum")
            if values:
                assert f"One of: {', '.join(values)}." in comments or \
                    f"Each one of: {', '.join(values)}." in comments, (cls.__name__, f.name)


def test_the_skeleton_as_written_validates(skeleton, tmp_path):
    path = tmp_path / "77385.yaml"
    path.write_text(skeleton, encoding="utf-8")
    _, briefing = load_with_positions(path)
    assert briefing.coding.rules is None and briefing.payers == []  # the examples stay comments
