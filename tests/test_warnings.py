"""Issue #14: warnings catch a briefing that validates and still misleads; --strict fails on them.

Driven through the command line as a user drives it; PDFs read back with pdftotext. Warnings are
terminal output only: no test here finds one in a PDF.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefpdf.lint import RULES
from conftest import FIXTURES, SOURCES, pdfinfo, pdftotext, run_cli

CODES = FIXTURES / "codes" / "fictional.csv"
SAMPLE = SOURCES / "77301.yaml"


def warning_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if re.search(r": warning\[BP\d{3}\]: ", line)]


def ids(stderr: str) -> list[str]:
    return [re.search(r"warning\[(BP\d{3})\]", line).group(1) for line in warning_lines(stderr)]


def line_of(path: Path, needle: str) -> tuple[int, int]:
    """(line, column) of the first `needle` in the file, as an editor counts them."""
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i, line.index(needle) + 1
    raise AssertionError(needle)


def no_warning_words(pdf: Path) -> None:
    text = pdftotext(pdf)
    for word in ("warning", "BP1", "BP2", "hint:", "placeholder", "payer fields are Not provided"):
        assert word not in text, word


@pytest.fixture
def skeleton(tmp_path) -> Path:
    result = run_cli("new", "77301", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "sources" / "77301.yaml"


def test_the_untouched_skeleton_warns_and_fails_under_strict(skeleton, tmp_path):
    validated = run_cli("validate", skeleton, cwd=tmp_path)
    assert validated.returncode == 0, validated.stderr
    assert set(ids(validated.stderr)) == {"BP101"} and len(ids(validated.stderr)) >= 5
    line, col = line_of(skeleton, '"TODO: the code\'s short descriptor"')
    assert f"sources/77301.yaml:{line}:{col}: warning[BP101]: 'document.title' still holds a placeholder" \
        in validated.stderr
    xx_line, xx_col = line_of(skeleton, "modifier: XX")
    assert f":{xx_line}:{xx_col + len('modifier: ')}: warning[BP101]: modifier 'XX' is the placeholder" \
        in validated.stderr
    assert "sources/77301.yaml: ok (" in validated.stdout
    assert re.search(r"^1 source checked: 0 errors, \d+ warnings$", validated.stdout, re.M)
    strict = run_cli("validate", skeleton, "--strict", cwd=tmp_path)
    assert strict.returncode == 1 and warning_lines(strict.stderr) == warning_lines(validated.stderr)
    assert "ok" not in strict.stdout
    rendered = run_cli("render", skeleton, cwd=tmp_path)  # warnings never stop a render
    assert rendered.returncode == 0, rendered.stderr
    assert warning_lines(rendered.stderr) == warning_lines(validated.stderr)
    assert re.search(r"^0 errors, \d+ warnings$", rendered.stderr, re.M)
    no_warning_words(tmp_path / "out" / "77301.pdf")
    refused = run_cli("render", skeleton, "-o", tmp_path / "strict.pdf", "--strict", cwd=tmp_path)
    assert refused.returncode == 1 and not (tmp_path / "strict.pdf").exists()
    assert "(--strict: warnings fail)" in refused.stderr


def test_the_shipped_sample_warns_about_its_status_and_still_renders(tmp_path):
    line, col = line_of(SAMPLE, "final")
    validated = run_cli("validate", SAMPLE)
    assert validated.returncode == 0
    assert warning_lines(validated.stderr) == [
        f"{SAMPLE}:{line}:{col}: warning[BP102]: status is final, but 20 of 20 payer fields are Not provided"]
    assert "  hint: set status: draft" in validated.stderr
    out = tmp_path / "77301.pdf"
    rendered = run_cli("render", SAMPLE, "-o", out)
    assert rendered.returncode == 0 and out.stat().st_size > 10_000
    assert rendered.stdout.startswith(f"{out} (") and ids(rendered.stderr) == ["BP102"]
    no_warning_words(out)
    quiet = run_cli("render", SAMPLE, "-o", out, "-q")  # -q prints errors only
    assert quiet.returncode == 0 and quiet.stdout == quiet.stderr == ""


def test_a_batch_prints_each_sources_warnings_and_counts_them(tmp_path):
    folder = tmp_path / "sources"
    folder.mkdir()
    for code in ("77301", "77302"):
        (folder / f"{code}.yaml").write_text(SAMPLE.read_text(encoding="utf-8").replace('"77301"', f'"{code}"', 1),
                                             encoding="utf-8")
    first = run_cli("render", folder, "--out-dir", tmp_path / "out", "-j", "1")
    assert first.returncode == 0, first.stderr
    assert ids(first.stderr) == ["BP102", "BP102"] and "0 errors, 2 warnings" in first.stderr
    again = run_cli("render", folder, "--out-dir", tmp_path / "out", "-j", "1")  # up to date: still warned
    assert "up to date 2" in again.stderr and ids(again.stderr) == ["BP102", "BP102"]
    strict = run_cli("render", folder, "--out-dir", tmp_path / "out", "--strict")
    assert strict.returncode == 1 and "failed 2" in strict.stderr


def test_list_warnings_names_every_rule():
    result = run_cli("validate", "--list-warnings")
    assert result.returncode == 0
    for rule in RULES.values():
        assert re.search(rf"^{rule.id}\s+{re.escape(rule.name)}\s+{'on' if rule.default else 'off'}\s", result.stdout,
                         re.M), rule.id
    assert run_cli("validate").returncode == 2  # no sources and no --list-warnings
    readme = (SOURCES.parent / "README.md").read_text(encoding="utf-8")
    for rule in RULES.values():  # the README's table says the same
        assert f"| {rule.id} | {rule.name} | {'on' if rule.default else 'off'} |" in readme, rule.id


# ----------------------------------------------------------------------------- code sets

def test_a_code_the_code_set_terminated_is_a_warning_at_the_code(tmp_path):
    line, col = line_of(SAMPLE, '"77301"')
    result = run_cli("validate", SAMPLE, "--codes", CODES)
    assert result.returncode == 0
    assert (f"{SAMPLE}:{line}:{col}: warning[BP202]: this briefing's code 77301 was terminated on 2025-12-31, "
            f"before the briefing's date 2026-11-28 ({CODES}:2)") in result.stderr


def test_a_title_unlike_the_official_descriptor_prints_it_in_the_terminal_only(tmp_path):
    codes = tmp_path / "codes.csv"
    codes.write_text("code,descriptor,effective_date,termination_date\n"
                     "77301,Fictional row about ultrasound guidance for needle placement,2000-01-01,\n",
                     encoding="utf-8")
    line, col = line_of(SAMPLE, "title: Intensity")
    result = run_cli("render", SAMPLE, "-o", tmp_path / "x.pdf", "--codes", codes)
    assert result.returncode == 0
    assert f"{SAMPLE}:{line}:{col + len('title: ')}: warning[BP204]: the title 'Intensity Modulated" in result.stderr
    assert f"official descriptor ({codes}:2): Fictional row about ultrasound guidance" in result.stderr
    assert "ultrasound" not in pdftotext(tmp_path / "x.pdf")


def test_related_and_ptp_codes_are_checked_the_same_way(tmp_path):
    src = FIXTURES / "coding_full.yaml"  # 77385, with PTP edits naming 77014, 77387 and 77401
    result = run_cli("validate", src, "--codes", CODES)
    assert result.returncode == 0
    lines = warning_lines(result.stderr)
    unknown = {re.search(r"code (\w+) is not in the code set", line).group(1) for line in lines if "BP201" in line}
    assert unknown == {"77387", "77401", "77386", "77418"}  # in the briefing, not in the fictional set
    assert not any("G6015" in line for line in lines)  # a CPT-only set says nothing about HCPCS codes
    ptp = line_of(src, 'column_2: "77387"')
    assert any(f":{ptp[0]}:{ptp[1] + len('column_2: ')}: warning[BP201]" in line for line in lines)


def test_a_code_set_file_with_its_own_column_names_is_mapped_in_the_configuration(tmp_path):
    (tmp_path / "codes").mkdir()
    (tmp_path / "codes" / "hcpcs.csv").write_text(
        "HCPC,LONG DESCRIPTION,ADD DT,TERM DT\n"
        "G6015,Fictional row: modulated treatment delivery per session,20150101,20251231\n", encoding="utf-8")
    (tmp_path / "briefpdf.toml").write_text(
        '[[codes]]\npath = "codes/hcpcs.csv"\n'
        'columns = {code = "HCPC", descriptor = "LONG DESCRIPTION", effective-date = "ADD DT", '
        'termination-date = "TERM DT"}\n', encoding="utf-8")
    src = tmp_path / "G6015.yaml"
    src.write_text(SAMPLE.read_text(encoding="utf-8").replace('code: "77301"', "code: G6015").replace(
        "code_system: CPT", "code_system: HCPCS"), encoding="utf-8")
    result = run_cli("validate", src, cwd=tmp_path)
    assert "warning[BP202]: this briefing's code G6015 was terminated on 2025-12-31" in result.stderr
    (tmp_path / "briefpdf.toml").write_text('codes = [{path = "codes/hcpcs.csv"}]\n', encoding="utf-8")
    broken = run_cli("validate", src, cwd=tmp_path)
    assert broken.returncode == 1
    assert f"{tmp_path / 'codes' / 'hcpcs.csv'}:1:1: error: the code-set file has no column 'code'" in broken.stderr


# ----------------------------------------------------------------------------- configuration

def test_configuration_silences_a_warning_and_sets_the_defaults(tmp_path):
    (tmp_path / "briefpdf.toml").write_text('style = "a4"\nout-dir = "pdfs"\nignore = ["BP102"]\n', encoding="utf-8")
    src = tmp_path / "sources" / "77301.yaml"
    src.parent.mkdir()
    src.write_bytes(SAMPLE.read_bytes())
    result = run_cli("render", src, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert warning_lines(result.stderr) == []
    pdf = tmp_path / "pdfs" / "77301.pdf"
    assert "(A4)" in pdfinfo(pdf)  # the configuration's style
    letter = run_cli("render", src, "--style", "default", "--out-dir", tmp_path / "cli", cwd=tmp_path)
    assert letter.returncode == 0 and "(letter)" in pdfinfo(tmp_path / "cli" / "77301.pdf")  # options win


def test_pyproject_tool_table_is_read_and_unknown_keys_are_positioned_errors(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.briefpdf]\nignore = ["BP102"]\n'
                                             'stale-months = 6\n', encoding="utf-8")
    src = tmp_path / "77301.yaml"
    src.write_bytes(SAMPLE.read_bytes())
    result = run_cli("validate", src, cwd=tmp_path)
    assert result.returncode == 1
    assert (f"{tmp_path / 'pyproject.toml'}:6:1: error: unknown key 'stale-months' in the briefpdf configuration"
            in result.stderr)
    assert "did you mean 'stale-after-months'?" in result.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.briefpdf]\nignore = ["BP102", "BP999"]\n', encoding="utf-8")
    unknown = run_cli("validate", src, cwd=tmp_path)
    assert f"{tmp_path / 'pyproject.toml'}:2:1: error: 'ignore' names an unknown warning 'BP999'" in unknown.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.briefpdf]\nignore = ["BP102"]\n', encoding="utf-8")
    ok = run_cli("validate", src, cwd=tmp_path)
    assert ok.returncode == 0 and warning_lines(ok.stderr) == []
    (tmp_path / "pyproject.toml").write_text('[tool.briefpdf]\nignore = ["BP102"\n', encoding="utf-8")
    bad = run_cli("validate", src, cwd=tmp_path)
    assert bad.returncode == 1 and re.search(r"pyproject\.toml:\d+:\d+: error: not valid TOML", bad.stderr)


def test_the_staleness_limit_is_configurable(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8").replace("status: final", "status: draft").replace(
        "\ndisclaimer:", "\nreferences:\n  - {title: A fictional manual, accessed: 2026-03-01}\n\ndisclaimer:")
    src = tmp_path / "77301.yaml"
    src.write_text(text, encoding="utf-8")
    assert ids(run_cli("validate", src, cwd=tmp_path).stderr) == []  # eight months old: fine
    (tmp_path / "briefpdf.toml").write_text("stale-after-months = 6\n", encoding="utf-8")
    result = run_cli("validate", src, cwd=tmp_path)
    line, col = line_of(src, "2026-03-01")
    assert f"{src}:{line}:{col}: warning[BP103]: source 'A fictional manual' was read on 2026-03-01, 8 months " \
           "before the briefing's date 2026-11-28" in result.stderr
