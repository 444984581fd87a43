"""Every mistake an analyst can make ends in FILE:LINE:COLUMN: error: ..., exit 1, no traceback.

Fixtures are sources/77301.yaml with one edit; line and column are computed from where the
edit lands, never typed in by hand.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SOURCES, cli, run_cli

BASE = (SOURCES / "77301.yaml").read_text(encoding="utf-8")


def edit(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def where(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the `occurrence`th `needle` in `text`."""
    at = -1
    for _ in range(occurrence):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def fails(tmp_path: Path, content: str | bytes, *args: str, name: str = "bad.yaml") -> tuple[Path, str]:
    """Validate `content` saved as `name`; it must fail as a user would want. Returns (path, stderr)."""
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    result = cli("validate", path, *args)
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout == ""
    return path, result.stderr


def first(stderr: str) -> str:
    return stderr.splitlines()[0]


# ----------------------------------------------------------------------------- reading the file

def test_missing_file_suggests_the_close_name(tmp_path):
    (tmp_path / "77301.yaml").write_text(BASE, encoding="utf-8")
    result = cli("validate", tmp_path / "77031.yaml")
    assert result.returncode == 1
    assert result.stderr == (f"{tmp_path}/77031.yaml:1:1: error: no such file\n"
                             f"  hint: did you mean '{tmp_path}/77301.yaml'?\n")


def test_directory_instead_of_a_file(tmp_path):
    from briefpdf import BriefError, load

    folder = tmp_path / "77301.yaml"
    folder.mkdir()
    with pytest.raises(BriefError) as err:
        load(folder)
    assert err.value.problems[0].format().startswith(f"{folder}:1:1: error: is a folder, not a YAML file")
    # on the command line a folder means "every source in it"; an empty one says so
    result = cli("render", tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{tmp_path}:1:1: error: ")
    assert "Traceback" not in result.stderr


def test_not_utf8_points_at_the_byte(tmp_path):
    raw = edit("  scope: National", "  scope: Nation\xe9").encode("utf-8").replace(b"Nation\xc3\xa9", b"Nation\xe9")
    line, col = where(BASE, "National")
    path, err = fails(tmp_path, raw)
    assert err == f"{path}:{line}:{col + 6}: error: not UTF-8 text (byte 0xe9)\n  hint: save the file as UTF-8\n"


def test_utf16_is_named(tmp_path):
    path, err = fails(tmp_path, BASE.encode("utf-16"))
    assert err == f"{path}:1:1: error: not UTF-8 text (byte 0xff)\n  hint: the file is UTF-16; save it as UTF-8\n"


@pytest.mark.parametrize("content", ["", "   \n\n", "\ufeff"])
def test_empty_file(tmp_path, content):
    path, err = fails(tmp_path, content)
    assert first(err) == f"{path}:1:1: error: file is empty"


def test_only_comments(tmp_path):
    path, err = fails(tmp_path, "# nothing yet\n---\n")
    assert first(err) == f"{path}:1:1: error: file holds no YAML document"


def test_file_over_the_size_limit(tmp_path):
    from briefpdf.source import MAX_BYTES

    big = BASE + "# " + "x" * MAX_BYTES + "\n"
    path, err = fails(tmp_path, big)
    assert first(err) == f"{path}:1:1: error: file is {len(big.encode()):,} bytes; the limit is {MAX_BYTES:,}"


def test_device_is_refused_without_reading_forever(tmp_path):
    start = time.monotonic()
    result = run_cli("validate", "/dev/zero", timeout=30)  # a process: a hang is a timeout, not a stuck suite
    assert result.returncode == 1
    assert result.stderr.startswith("/dev/zero:1:1: error: is not a regular file")
    assert time.monotonic() - start < 10


# ----------------------------------------------------------------------------- YAML itself

def test_yaml_syntax_error_has_the_parsers_line_and_column(tmp_path):
    import yaml

    text = edit("  audience:\n", "  audience: [Health plan analysts\n")
    path, err = fails(tmp_path, text)
    with pytest.raises(yaml.MarkedYAMLError) as oracle:  # PyYAML's pure-Python parser says where
        yaml.safe_load(text)
    mark = oracle.value.problem_mark
    start_line, start_col = where(text, "[Health plan")
    assert (start_line, start_col) == (oracle.value.context_mark.line + 1, oracle.value.context_mark.column + 1)
    assert err == (f"{path}:{mark.line + 1}:{mark.column + 1}: error: YAML syntax: did not find expected ',' or ']' "
                   f"(while parsing a flow sequence)\n"
                   f"  hint: that started at line {start_line}, column {start_col}\n")


def test_tab_indentation(tmp_path):
    text = edit("  scope: National", "\tscope: National")
    path, err = fails(tmp_path, text)
    line, col = where(text, "\tscope")
    assert err == (f"{path}:{line}:{col}: error: YAML syntax: found a tab character that violates indentation "
                   "(while scanning a plain scalar)\n  hint: indent with spaces, not tabs\n")


@pytest.mark.parametrize("top, kind", [("- a\n- b\n", "a list"), ("just words\n", "text ('just words')"),
                                       ("42\n", "a number (42)")])
def test_top_level_must_be_a_mapping(tmp_path, top, kind):
    path, err = fails(tmp_path, top)
    assert err == (f"{path}:1:1: error: expected a mapping of Briefing fields, found {kind}\n"
                   "  hint: write 'key: value' lines indented under this one\n")


def test_duplicate_key_reports_both_lines(tmp_path):
    text = edit("  scope: National\n", "  scope: National\n  scope: Regional\n")
    path, err = fails(tmp_path, text)
    l1, c1 = where(text, "scope: National")
    l2, c2 = where(text, "scope: Regional")
    assert err == (f"{path}:{l2}:{c2}: error: duplicate key 'scope' (also on line {l1})\n"
                   f"  hint: first given at line {l1}, column {c1}; keep one of them "
                   "(YAML would silently keep only the last)\n")


@pytest.mark.parametrize("tagged", [
    '!!python/object/apply:os.system ["touch PWNED"]',
    "!!python/name:os.system",
    '!!python/object/new:subprocess.Popen [["touch", "PWNED"]]',
    "!custom thing",
    "!!binary aGVsbG8=",
])
def test_python_and_custom_tags_are_refused_and_never_run(tmp_path, tagged):
    text = edit("  scope: National", f"  scope: {tagged}")
    path, err = fails(tmp_path, text)
    line, col = where(text, tagged)
    assert first(err) == f"{path}:{line}:{col}: error: YAML tag '{tagged.split()[0]}' is not allowed"
    assert "hint: write plain text, numbers, dates, lists and mappings only" in err
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


def test_alias_bomb_is_bounded_in_time_and_memory(tmp_path):
    lines = ['lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    prev = "a"
    for name in "bcdefghij":  # 9**10 strings if expanded
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = name
    bomb = "\n".join(lines) + "\n"
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb, encoding="utf-8")
    code = ("import resource, sys, time; from briefpdf.cli import main; t = time.monotonic(); rc = main(['validate', sys.argv[1]]); "
            "print(rc, time.monotonic() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    # a hard cap on memory: if the bomb expanded, the process would die instead of passing
    limit = 512 * 1024 * 1024

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                            timeout=20, preexec_fn=cap)
    rc, seconds, max_kb = result.stdout.split()
    assert rc == "1", result.stderr
    assert "error: too many YAML nodes after expanding aliases (limit 50,000)" in result.stderr
    line, col = map(int, re.match(re.escape(f"{path}:") + r"(\d+):(\d+): error: ", result.stderr).groups())
    assert 1 <= line <= len(lines) and 1 <= col <= len(lines[line - 1])  # a place in the file
    assert float(seconds) < 2.0
    assert int(max_kb) < 200_000  # kilobytes of peak resident memory


def test_recursive_alias(tmp_path):
    text = "document: &d\n  again: *d\n"
    path, err = fails(tmp_path, text)
    line, col = where(text, "&d")
    assert err == (f"{path}:{line}:{col}: error: YAML is nested more than 64 levels deep\n"
                   "  hint: an alias (*name) inside the block its anchor (&name) marks repeats forever\n")


def test_deep_nesting_is_a_message_not_a_crash(tmp_path):
    path, err = fails(tmp_path, "document: " + "[" * 5000 + "]" * 5000 + "\n")
    assert first(err).startswith(f"{path}:1:")
    assert "nest" in first(err)


def test_control_character_typed_into_the_file(tmp_path):
    text = edit("  scope: National", "  scope: Nat\x07ional")
    path, err = fails(tmp_path, text)
    line, col = where(text, "\x07")
    assert err == (f"{path}:{line}:{col}: error: control character U+0007 is not allowed\n"
                   "  hint: remove it; only tabs and line breaks are allowed in text\n")


def test_control_character_as_an_escape(tmp_path):
    text = edit("  scope: National", '  scope: "Nat\\x1bional"')
    path, err = fails(tmp_path, text)
    line, col = where(text, '"Nat')
    assert err == (f"{path}:{line}:{col}: error: 'document.scope' contains the control character U+001B\n"
                   "  hint: remove it; only tabs and line breaks are allowed in text\n")


# ----------------------------------------------------------------------------- the schema

def test_unknown_key_suggests_the_right_one_once(tmp_path):
    text = edit("  modifiers:\n", "  modifers:\n")
    path, err = fails(tmp_path, text)
    line, col = where(text, "modifers")
    assert err == f"{path}:{line}:{col}: error: unknown key 'modifers' in coding\n  hint: did you mean 'modifiers'?\n"


def test_unknown_key_without_a_close_match_lists_the_allowed_ones(tmp_path):
    text = edit("  scope: National\n", "  scope: National\n  colour: blue\n")
    path, err = fails(tmp_path, text)
    line, col = where(text, "colour")
    assert first(err) == f"{path}:{line}:{col}: error: unknown key 'colour' in document"
    assert "  hint: allowed keys: code, code_system, title, date, status" in err


def test_wrong_type(tmp_path):
    text = edit('  version: "1.0"', "  version: [1, 0]")
    path, err = fails(tmp_path, text)
    line, col = where(text, "[1, 0]")
    assert err == f"{path}:{line}:{col}: error: 'document.version' must be text, found a list\n"


def test_wrong_type_number_as_text(tmp_path):
    text = edit("  - name: Aetna\n    coverage: null\n    prior_authorization: null\n    policy: null\n    benchmark: null",
                "  - name: Aetna\n    benchmark: {amount: $412.50, currency: USD, basis: fee_schedule}")
    path, err = fails(tmp_path, text)
    line, col = where(text, "$412.50")
    assert err == (f"{path}:{line}:{col}: error: 'payers[0].benchmark.amount' must be a number, found text ('$412.50')\n"
                   "  hint: write digits only, e.g. 412.50 (no currency sign or thousands separator)\n")


def test_missing_required_field(tmp_path):
    text = edit("  title: Intensity Modulated Radiotherapy (IMRT) Delivery\n", "")
    path, err = fails(tmp_path, text)
    line, col = where(text, "code:")
    assert err == (f"{path}:{line}:{col}: error: missing required key 'title' in document\n"
                   "  hint: add 'title:' (The code's short descriptor, used as the document title)\n")


def test_malformed_code(tmp_path):
    text = edit('  code: "77301"', '  code: "773-01"')
    path, err = fails(tmp_path, text)
    line, col = where(text, '"773-01"')
    assert err == (f"{path}:{line}:{col}: error: 'document.code' has an invalid value '773-01'\n"
                   "  hint: a CPT code is five characters, e.g. 77301 or 0075T; HCPCS e.g. G6015\n")


def test_malformed_date(tmp_path):
    text = edit("  date: 2026-11-28", "  date: 2026-11-31")
    path, err = fails(tmp_path, text)
    line, col = where(text, "2026-11-31")
    assert err == (f"{path}:{line}:{col}: error: 'document.date' must be a date written YYYY-MM-DD, "
                   "found '2026-11-31'\n  hint: for example 2026-11-28\n")


def test_all_problems_at_once_in_file_order(tmp_path):
    text = edit("  date: 2026-11-28", "  date: 28/11/2026")
    text = edit("  status: final", "  status: finale", text)
    text = edit("    - modifier: TC", "    - modifier: TCC", text)
    path, err = fails(tmp_path, text)
    lines = [x for x in err.splitlines() if not x.startswith("  hint")]
    expected = [where(text, "28/11/2026"), where(text, "finale"), where(text, "TCC")]
    assert [x.split(": error")[0] for x in lines] == [f"{path}:{a}:{b}" for a, b in sorted(expected)]
    assert "did you mean 'final'?" in err


def test_many_problems_are_capped_with_a_count(tmp_path):
    text = BASE.replace("    coverage: null\n", "    coverage: maybe\n")
    text = text.replace("    policy: null\n", "    policy: 7\n")
    text = text.replace("    benchmark: null\n", "    benchmark: lots\n")
    text = text.replace("    prior_authorization: null\n", "    prior_authorization: sometimes\n")
    text = text.replace("    - modifier: TC", "    - modifier: tc")
    path, err = fails(tmp_path, text)
    errors = [x for x in err.splitlines() if ": error: " in x]
    assert len(errors) == 20 and all(x.startswith(f"{path}:") for x in errors)
    assert err.splitlines()[-1] == "... and 1 more problem"


def test_twenty_thousand_character_word(tmp_path):
    word = "W" * 20_000
    text = edit("  scope: National", f"  scope: {word}")
    path, err = fails(tmp_path, text)
    line, col = where(text, word)
    assert err == (f"{path}:{line}:{col}: error: 'document.scope' has a word of 20,000 characters "
                   f"('{'W' * 30}…'); the limit is 120\n"
                   "  hint: a word that long is usually a paste error; add spaces or shorten it\n")


def test_long_link_target_is_not_a_long_word(tmp_path):
    url = "https://example.org/" + "a" * 300
    text = edit("      - Head and neck malignancies", f"      - See [the policy]({url})")
    path = tmp_path / "ok.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli("validate", path)
    assert result.returncode == 0, result.stderr


# ----------------------------------------------------------------------------- styles

STYLE = """extends: default
name: mine
sizes:
  body: 11
"""


def test_unknown_style_lists_the_styles(tmp_path):
    result = cli("render", SOURCES / "77301.yaml", "-o", tmp_path / "x.pdf", "--style", "grayscal")
    assert result.returncode == 1
    assert result.stderr.startswith("grayscal:1:1: error: unknown style 'grayscal'\n"
                                    "  hint: did you mean 'grayscale'? available styles: a4, default, grayscale")
    assert not (tmp_path / "x.pdf").exists()


def test_style_file_problems_all_at_once_with_positions(tmp_path):
    text = STYLE + "colors:\n  accent: blue\nspacing:\n  paragrph: 4\n"
    style = tmp_path / "mine.yaml"
    style.write_text(text, encoding="utf-8")
    result = cli("validate", SOURCES / "77301.yaml", "--style", style)
    assert result.returncode == 1
    la, ca = where(text, "blue")
    lp, cp = where(text, "paragrph")
    assert result.stderr.startswith(
        f"{style}:{la}:{ca}: error: 'colors.accent' has an invalid value 'blue'\n"
        "  hint: a colour is # and six hex digits, e.g. #1d4f7c\n"
        f"{style}:{lp}:{cp}: error: unknown key 'paragrph' in spacing\n"
        "  hint: did you mean 'paragraph'?\n")


def test_style_problem_names_the_file_that_made_it(tmp_path):
    (tmp_path / "base.yaml").write_text("extends: default\nsizes:\n  body: tiny\n", encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text("extends: base.yaml\nname: child\n", encoding="utf-8")
    result = cli("validate", SOURCES / "77301.yaml", "--style", child)
    assert result.returncode == 1
    assert first(result.stderr) == (f"{tmp_path / 'base.yaml'}:3:9: error: 'sizes.body' must be a number, "
                                    "found text ('tiny')")


def test_style_extends_unknown_points_at_the_line(tmp_path):
    style = tmp_path / "s.yaml"
    style.write_text("name: s\nextends: defualt\n", encoding="utf-8")
    result = cli("validate", SOURCES / "77301.yaml", "--style", style)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{style}:2:10: error: unknown style 'defualt'\n  hint: did you mean 'default'?")


def test_style_extends_itself(tmp_path):
    style = tmp_path / "s.yaml"
    style.write_text("extends: s.yaml\n", encoding="utf-8")
    result = cli("validate", SOURCES / "77301.yaml", "--style", style)
    assert result.returncode == 1
    assert first(result.stderr) == f"{style}:1:10: error: style extends itself: 's.yaml' leads back to {style}"


def test_style_yaml_syntax_error(tmp_path):
    style = tmp_path / "s.yaml"
    style.write_text("extends: default\nsizes: {body: 11\n", encoding="utf-8")
    result = cli("validate", SOURCES / "77301.yaml", "--style", style)
    assert result.returncode == 1
    assert first(result.stderr).startswith(f"{style}:3:1: error: YAML syntax: ")


# ----------------------------------------------------------------------------- output

def test_output_folder_blocked_by_a_file(tmp_path):
    (tmp_path / "reports").write_text("not a folder", encoding="utf-8")
    out = tmp_path / "reports" / "77301.pdf"
    result = cli("render", SOURCES / "77301.yaml", "-o", out)
    assert result.returncode == 1
    assert result.stderr == (f"{out}:1:1: error: cannot create folder '{tmp_path / 'reports'}': "
                             f"'{tmp_path / 'reports'}' is a file\n"
                             "  hint: choose another folder with -o, or check its permissions\n")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere; the blocked-folder case above still runs")
def test_output_folder_without_write_permission(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    out = folder / "77301.pdf"
    try:
        result = cli("render", SOURCES / "77301.yaml", "-o", out)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{out}:1:1: error: cannot write in folder '{folder}': Permission denied")
    assert list(folder.iterdir()) == []


def test_unwritable_folder_in_process(tmp_path, monkeypatch, capsys):
    """The permission failure, whoever runs the tests (root ignores chmod)."""
    from briefpdf import atomic
    from briefpdf.cli import main

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic, "open_temporary", denied)
    out = tmp_path / "77301.pdf"
    assert main(["render", str(SOURCES / "77301.yaml"), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == (f"{out}:1:1: error: cannot write in folder '{tmp_path}': Permission denied\n"
                   "  hint: choose another folder with -o, or check its permissions\n")


def test_output_is_a_folder(tmp_path):
    """Like cp, a folder given to -o means "into it"; the writer itself never replaces a folder."""
    from briefpdf.atomic import write_atomic
    from briefpdf.problems import BriefError

    result = cli("render", SOURCES / "77301.yaml", "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{tmp_path / '77301.pdf'} (")
    assert (tmp_path / "77301.pdf").read_bytes().startswith(b"%PDF-")
    with pytest.raises(BriefError) as err:
        write_atomic(tmp_path, b"%PDF-")
    assert str(err.value).startswith(f"{tmp_path}:1:1: error: output is a folder, not a file")


def test_output_over_the_source_is_refused(tmp_path):
    src = tmp_path / "77301.yaml"
    src.write_text(BASE, encoding="utf-8")
    result = cli("render", src, "-o", src)
    assert result.returncode == 1
    assert first(result.stderr) == f"{src}:1:1: error: output would overwrite the source file"
    assert src.read_text(encoding="utf-8") == BASE


@pytest.mark.parametrize("body, message", [
    ("page:\n  margin_left: 5in\n  margin_right: 4in\n",
     "{style}:3:16: error: the left and right margins leave 0.00in for text; at least 2in is needed"),
    ("sizes:\n  body: 400\n", "{style}:3:9: error: 'sizes.body' is 400pt; the largest allowed is 36pt"),
])
def test_style_that_leaves_no_room_is_an_error_not_a_crash(tmp_path, body, message):
    style = tmp_path / "s.yaml"
    style.write_text("extends: default\n" + body, encoding="utf-8")
    out = tmp_path / "x.pdf"
    result = cli("render", SOURCES / "77301.yaml", "-o", out, "--style", style)
    assert result.returncode == 1
    assert first(result.stderr) == message.format(style=style)
    assert "Traceback" not in result.stderr and not out.exists()
