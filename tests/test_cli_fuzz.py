"""Fuzzing the command line: whatever the arguments, briefpdf does the work, says what is wrong
with a positioned message (exit 1), or says how the command line is wrong (exit 2); never a
traceback, never a temporary file left behind.

Random argument lists (commands, options in any order, paths with odd characters, FIFOs,
folders, globs, numbers out of range, junk) run in-process through `briefpdf.cli.main`, in a
scratch folder. Derandomized, so CI sees the same cases every run. `watch` is left out: it
runs until stopped.
"""

from __future__ import annotations

import contextlib
import io
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefpdf.cli import main
from conftest import SOURCES

BASE = (SOURCES / "77301.yaml").read_text(encoding="utf-8")
POSITIONED = re.compile(r"^[^\n]+:\d+:\d+: error: \S", re.MULTILINE)
ODD_NAMES = ["77301.yaml", "missing.yaml", "dir", "dir/", "*.yaml", "d*/[a-z]*.yml", "pipe.yaml", "sp ace.yaml",
             "new\nline.yaml", "tab\t.yaml", "\x1b[31mred.yaml", "é文😀.yaml", "-", "--", ".", "..", "x" * 300 + ".yaml",
             "out", "a.pdf", "pipe.pdf", "77301.yml", "~/x.yaml", "bad\udcff.yaml", "./77301.yaml", "dir/../77301.yaml"]
NUMBERS = ["0", "1", "2", "-1", "99999", "1e3", "0x10", "2.5", "", "abc", "20", "30", "600", "601", "20000", "-0"]
STYLES = ["default", "a4", "grayscale", "nope", "", "77301.yaml", "dir", "pipe.yaml", "../x"]
OUTPUTS = ["x.pdf", "out/", "dir", "b.yaml", "pipe.pdf", "", "deep/er/x.pdf", "x" * 256 + ".pdf", "é 😀.pdf", "77301.yaml"]
OPTIONS = {
    "render": {"-o": OUTPUTS, "--out-dir": OUTPUTS, "-s": STYLES, "-j": NUMBERS, "-q": None, "--force": None},
    "validate": {"-s": STYLES, "-q": None},
    "bundle": {"-o": OUTPUTS, "--title": ["", "Packet", "é文😀", "x" * 500, "\x00"], "--date": ["2026-01-01", "2026-02-30",
               "soon", ""], "-s": STYLES, "-q": None},
    "preview": {"--dpi": ["20", "30", "0", "-5", "601", "20000", "1e3", "abc", ""], "-o": OUTPUTS, "-s": STYLES, "-q": None},
    "new": {"--title": ["", "T", "x" * 200, "é文😀"], "--system": ["CPT", "HCPCS", "ICD"], "--dir": ["drafts", "", "dir"]},
    "schema": {"-o": OUTPUTS},
}
POSITIONAL = {"render": (1, 3), "validate": (1, 3), "bundle": (1, 3), "preview": (1, 1), "new": (1, 1), "schema": (0, 0)}
CODES = ["77301", "0075T", "G6015", "7730", "", "../x", "é"]
STATS: dict[int, int] = {}
JUNK = st.sampled_from(["--help", "--version", "-x", "--nope", "-", "--", "-o", "--dpi", "-j", "=", "render"])


@st.composite
def command_lines(draw) -> list[str]:
    if draw(st.integers(0, 19)) == 19:  # now and then, anything at all
        return draw(st.lists(st.one_of(JUNK, st.sampled_from(ODD_NAMES + NUMBERS), st.text(max_size=8)), max_size=5))
    command = draw(st.sampled_from(sorted(OPTIONS)))
    low, high = POSITIONAL[command]
    pool = CODES if command == "new" else ODD_NAMES
    argv = [command, *draw(st.lists(st.sampled_from(pool), min_size=low, max_size=high))]
    for option in draw(st.lists(st.sampled_from(sorted(OPTIONS[command])), max_size=3, unique=True)):
        values = OPTIONS[command][option]
        argv += [option] if values is None else [option, draw(st.sampled_from(values))]
    if draw(st.integers(0, 9)) == 9:
        argv.insert(draw(st.integers(0, len(argv))), draw(JUNK))
    return argv


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A folder holding a good source, a FIFO named like one, and a folder of sources."""
    root = tmp_path_factory.mktemp("cli-fuzz")
    (root / "77301.yaml").write_text(BASE, encoding="utf-8")
    (root / "77301.yml").write_text(BASE.replace("status: final", "status: finished"), encoding="utf-8")
    (root / "dir").mkdir()
    (root / "dir" / "a.yml").write_text(BASE, encoding="utf-8")
    os.mkfifo(root / "pipe.yaml")
    os.mkfifo(root / "pipe.pdf")
    return root


def run(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: --help, --version and command-line errors
            code = exc.code if isinstance(exc.code, int) else 1
    return code, err.getvalue()


@settings(max_examples=50, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(argv=command_lines())
def test_any_command_line_ends_in_a_message_not_a_traceback(scratch, monkeypatch, argv):
    monkeypatch.chdir(scratch)
    (scratch / "77301.yaml").write_text(BASE, encoding="utf-8")  # whatever an earlier case did
    code, err = run(argv)
    STATS[code] = STATS.get(code, 0) + 1
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in err and "internal error" not in err, (argv, err)
    if code == 1:
        assert POSITIONED.search(err) or "error:" in err, (argv, err)
    if code == 2:
        assert "error:" in err, (argv, err)
    assert [p for p in scratch.rglob("*.part")] == [], argv
    assert (scratch / "pipe.yaml").is_fifo() and (scratch / "pipe.pdf").is_fifo(), argv
    assert (scratch / "77301.yaml").read_text(encoding="utf-8") == BASE, argv


def test_cli_fuzz_reached_the_commands():
    """Guards the guard: the cases are not all stopped by argparse; some do the work."""
    if not STATS:
        pytest.skip("run with the fuzz test above")
    assert STATS.get(0, 0) >= 5 and STATS.get(1, 0) >= 5 and STATS.get(2, 0) >= 2, STATS
