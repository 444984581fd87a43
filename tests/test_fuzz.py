"""Fuzzing: whatever the YAML, briefpdf renders it or says what is wrong; never a traceback or half a file.

Mutations of sources/77301.yaml (deleted, retyped, duplicated and garbled nodes, odd Unicode)
and YAML generated from scratch run in-process through `briefpdf.cli.main` (fast); a smaller
sample runs through a real subprocess. Derandomized, so CI sees the same cases every run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefpdf.cli import main
from conftest import SOURCES, run_cli

BASE_TEXT = (SOURCES / "77301.yaml").read_text(encoding="utf-8")
BASE = yaml.safe_load(BASE_TEXT)
MESSAGE = re.compile(r"^[^\n]+:\d+:\d+: (?:error|warning\[BP\d{3}\]): \S[^\n]*$")
WARNING = re.compile(r"^[^\n]+:\d+:\d+: warning\[BP\d{3}\]: \S[^\n]*$")
COUNTS = re.compile(r"^\d+ errors?, \d+ warnings?( \(--strict: warnings fail\))?$")
COMMON = dict(deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.function_scoped_fixture])

ODD = st.sampled_from(["\u200b", "\u202e", "\u0301", "\ufeff", "\u00a0", "\u2028", "e\u0301", "\U0001F600",
                       "中文", "\u0000", "\x85", "\ud7ff", "ﬁ", "\u00ad", "<", "&", "*", "**", "[", "](", "\t",
                       "\\", '"', "'", "#", ": ", "- ", "&a", "*a", "!!", "%", "@", "`", "|", ">", "\r", "\n"])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**20), st.floats(allow_nan=True),
                    st.text(max_size=40), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
                    st.sampled_from(["", " ", "null", "~", "77301", "0075T", "2026-02-30", "https://x.org",
                                     "javascript:x", "covered", "USD", "fee_schedule", "26", "TC", "W" * 300]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                      max_leaves=12)


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, path + (i,))


def _get(node, path):
    for p in path:
        node = node[p]
    return node


def _copy(node):
    if isinstance(node, dict):
        return {k: _copy(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_copy(v) for v in node]
    return node


def _full():
    """77301 with every payer field filled in, so mutations reach the tables and the chart."""
    data = _copy(BASE)
    for i, payer in enumerate(data["payers"]):
        payer.update({
            "coverage": ["covered", "covered_with_criteria", "not_covered", "varies"][i % 4],
            "prior_authorization": ["required", "not_required", "varies"][i % 3],
            "policy": {"name": f"Policy {i} on **IMRT** & <IGRT>", "url": f"https://example.org/p/{i}?a=1&b=2",
                       "effective_date": dt.date(2026, 1, 1 + i)},
            "benchmark": {"amount": [412.5, 0, 1e11, 0.01, 87.5][i], "currency": "USD",
                          "basis": ["fee_schedule", "per_plan", "case_rate", "median_allowed", "list_price"][i],
                          "setting": "non_facility"},
            "notes": "See [the policy](https://example.org) *carefully*.",
            "sources": [{"title": f"Source {i}", "url": "https://example.org/s", "accessed": dt.date(2026, 11, 1),
                         "supports": ["coverage", "benchmark"]}],
        })
    data["notes"] = ["A note with **bold**."]
    data["coding"]["notes"] = ["Coding note."]
    return data


FULL = _full()
PATHS = [p for p in _paths(FULL) if p]
FIELD_VALUES = st.sampled_from(["covered", "varies", "required", "percent_of_medicare", "facility", "all", "EUR",
                                0, 0.001, 99.999, 1e11, 10**12, -1, "2026-01-01", [], {}, [None], "x" * 119,
                                " ".join(["word"] * 2000), "a\nb\n\nc", "**" * 50, "[x](https://e.org)" * 30])


@st.composite
def mutated_data(draw):
    """The 77301 data with a few nodes deleted, retyped, duplicated or given odd Unicode."""
    data = _copy(draw(st.sampled_from([BASE, FULL])))
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent, key = _get(data, path[:-1]), path[-1]
        action = draw(st.sampled_from(["delete", "retype", "duplicate", "unicode", "swap"]))
        if action == "delete":
            del parent[key]
        elif action == "retype":
            parent[key] = draw(st.one_of(VALUES, FIELD_VALUES))
        elif action == "duplicate":
            value = _copy(parent[key])
            if isinstance(parent, list):
                parent.insert(key, value)
            else:
                parent[str(key) + draw(st.sampled_from(["", "s", "_", "x"]))] = value
        elif action == "unicode":
            value = parent[key]
            odd = draw(ODD)
            if isinstance(value, str):
                at = draw(st.integers(0, len(value)))
                parent[key] = value[:at] + odd + value[at:]
            else:
                parent[key] = odd
        else:  # a value from elsewhere in the tree
            donor = draw(st.sampled_from(PATHS))
            parent[key] = _copy(_get(FULL, donor))
        if not data:
            break
    return data


@st.composite
def garbled_text(draw):
    """77301.yaml with lines deleted, duplicated (duplicate keys), or characters inserted."""
    lines = BASE_TEXT.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "indent", "truncate"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(ODD) + lines[i][at:]
        elif action == "indent":
            lines[i] = draw(st.sampled_from([" ", "  ", "\t", ""])) + lines[i].lstrip(" ")
        else:
            lines = lines[: i + 1]
            lines[-1] = lines[-1][: draw(st.integers(0, len(lines[-1])))]
        if not lines:
            break
    return "".join(lines)


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)


SCRATCH = st.one_of(
    VALUES.map(_dump),
    st.dictionaries(st.sampled_from(list(BASE) + ["document", "payers", "x"]), VALUES, max_size=6).map(_dump),
    st.text(max_size=200),
)


def check_run(tmp: Path, text: str, previous: bytes) -> int:
    """Render `text`; it renders, or fails with positioned messages and the old PDF intact."""
    src = tmp / "case.yaml"
    src.write_bytes(text.encode("utf-8", "surrogatepass"))
    out = tmp / "out" / "case.pdf"
    out.write_bytes(previous)
    err, std = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(std):
        rc = main(["render", str(src), "-o", str(out), "-q"])  # any exception fails the test with its traceback
    stderr = err.getvalue()
    assert "Traceback" not in stderr
    assert [p.name for p in out.parent.iterdir()] == ["case.pdf"], "a temporary or partial file was left"
    if rc == 0:
        data = out.read_bytes()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        said = [line for line in stderr.splitlines() if not line.startswith("  hint: ") and not COUNTS.match(line)]
        assert all(WARNING.match(line) for line in said), stderr  # a render that succeeds may only warn
    else:
        assert rc == 1, (rc, stderr)
        assert out.read_bytes() == previous
        messages = [line for line in stderr.splitlines()
                    if not line.startswith(("  hint: ", "... and ")) and not COUNTS.match(line)]
        assert messages, "failed without saying why"
        for line in messages:
            assert MESSAGE.match(line), line
            assert line.startswith(str(src) + ":"), line
    return rc


PREVIOUS = b"%PDF-1.4\n% a previous render\n%%EOF\n"


def campaign(tmp_path_factory, strategy, examples: int) -> dict:
    """Run `examples` cases of `strategy` through check_run; how many ran and how many rendered.

    Each test guards its own guard (enough cases ran, not all rejected early), so it means the
    same alone, in any order, or in parallel with the others.
    """
    tmp = tmp_path_factory.mktemp("fuzz")
    (tmp / "out").mkdir()
    stats = {"runs": 0, "rendered": 0}

    @settings(max_examples=examples, **COMMON)
    @given(strategy)
    def run(text):
        rc = check_run(tmp, text, PREVIOUS)
        stats["runs"] += 1
        stats["rendered"] += rc == 0

    run()
    return stats


def test_mutated_data(tmp_path_factory):
    stats = campaign(tmp_path_factory, mutated_data().map(_dump), 300)
    assert stats["runs"] >= 270
    assert stats["rendered"] >= 30, stats  # the mutations reach the layout, not only the validator


def test_garbled_text(tmp_path_factory):
    stats = campaign(tmp_path_factory, garbled_text(), 200)
    assert stats["runs"] >= 180
    assert stats["rendered"] >= 20, stats


def test_yaml_from_scratch(tmp_path_factory):
    stats = campaign(tmp_path_factory, SCRATCH, 150)
    assert stats["runs"] >= 135, stats  # almost never a valid briefing: it tests the reader and the messages


def test_mutations_through_a_real_process(tmp_path):
    """A few cases end to end as a user runs them: exit code and stderr of the real command."""
    cases = [
        BASE_TEXT.replace("  code_system: CPT\n", "  code_system: CPT\n  code_system: HCPCS\n"),
        BASE_TEXT.replace("  modifiers:", "  modifiers: !!python/object/apply:os.getcwd []\n  x:"),
        BASE_TEXT.replace("      - Head and neck malignancies", "      - <img src=\"/etc/passwd\"/> & *x"),
        BASE_TEXT[: len(BASE_TEXT) // 2],
        "\ufeff" + BASE_TEXT.replace("Aetna", "Aet\u202ena \U0001F600"),
    ]
    previous = PREVIOUS
    for i, text in enumerate(cases):
        src = tmp_path / f"c{i}.yaml"
        src.write_text(text, encoding="utf-8")
        out = tmp_path / f"out{i}" / "c.pdf"
        out.parent.mkdir()
        out.write_bytes(previous)
        result = run_cli("render", src, "-o", out)
        assert "Traceback" not in result.stderr
        assert [p.name for p in out.parent.iterdir()] == ["c.pdf"]
        if result.returncode == 0:
            assert out.read_bytes().startswith(b"%PDF-") and out.read_bytes() != previous
        else:
            assert result.returncode == 1
            assert out.read_bytes() == previous
            assert MESSAGE.match(result.stderr.splitlines()[0]), result.stderr
