"""The everyday workflow, driven as a user drives it: batch render, validate, new, watch, preview."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, SOURCES, cli, page_texts, pdftotext, run_cli

BROKEN = FIXTURES / "workflow" / "broken.yaml"
ROOT = SOURCES.parent


def variant(folder: Path, code: str, title: str) -> Path:
    """A copy of the 77301 source under another code and title."""
    text = (SOURCES / "77301.yaml").read_text(encoding="utf-8")
    text = text.replace('code: "77301"', f'code: "{code}"', 1)
    text = text.replace("title: Intensity Modulated Radiotherapy (IMRT) Delivery", f"title: {title}", 1)
    path = folder / f"{code}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_lines(stderr: str) -> list[str]:
    """The errors and their hints (not the warnings' hints)."""
    out, keep = [], False
    for line in stderr.splitlines():
        if not line.startswith("  hint: "):
            keep = ": error: " in line
        if keep:
            out.append(line)
    return out


@pytest.fixture
def folder(tmp_path) -> Path:
    src = tmp_path / "sources"
    src.mkdir()
    for code, title in (("77301", "First briefing"), ("77302", "Second briefing"), ("77303", "Third briefing")):
        variant(src, code, title)
    return src


def test_batch_renders_the_rest_when_one_source_is_broken(folder, tmp_path):
    (folder / "broken.yaml").write_bytes(BROKEN.read_bytes())
    out = tmp_path / "out"
    result = run_cli("render", folder, "--out-dir", out, "-j", "2")
    assert result.returncode == 1
    for code, title in (("77301", "First briefing"), ("77302", "Second briefing"), ("77303", "Third briefing")):
        assert title in pdftotext(out / f"{code}.pdf")
    assert not (out / "broken.pdf").exists()
    assert "rendered 3" in result.stderr and "failed 1" in result.stderr
    assert f"{folder / 'broken.yaml'}:9:3: error: unknown key 'scoep' in document" in result.stderr
    assert "did you mean 'scope'?" in result.stderr


def test_validate_gives_the_same_messages_as_render(tmp_path):
    validated = cli("validate", BROKEN)
    rendered = cli("render", BROKEN, "-o", tmp_path / "x.pdf")
    assert validated.returncode == rendered.returncode == 1
    assert error_lines(validated.stderr) == error_lines(rendered.stderr)
    assert len(error_lines(validated.stderr)) == 3  # two errors, one hint
    batch = cli("render", BROKEN, SOURCES / "77301.yaml", "--out-dir", tmp_path / "b", "-j", "1")
    assert batch.returncode == 1
    assert error_lines(validated.stderr) == error_lines(batch.stderr)
    good = cli("validate", SOURCES / "77301.yaml", "--style", "grayscale")
    assert good.returncode == 0, good.stderr


def test_validate_and_render_keep_heavy_imports_off_their_path(tmp_path):
    code = ("import sys; from briefpdf.cli import main; rc = main(sys.argv[1:]); "
            "print(rc, *(m in sys.modules for m in ('reportlab', 'tqdm', 'watchfiles', 'pypdfium2')))")

    def run(*args):
        return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True,
                              text=True, timeout=120).stdout.splitlines()[-1].split()

    assert run("validate", SOURCES / "77301.yaml") == ["0", "False", "False", "False", "False"]
    # --style lays out a sample briefing with the style (and checks the fonts): ReportLab, nothing more
    assert run("validate", SOURCES / "77301.yaml", "--style", "default") == ["0", "True", "False", "False", "False"]
    # a single render loads ReportLab, and nothing the batch, watch or preview commands need
    assert run("render", SOURCES / "77301.yaml", "-o", tmp_path / "x.pdf") == ["0", "True", "False", "False", "False"]


def test_repeat_render_skips_unchanged_sources(folder, tmp_path):
    """In this process with one worker: what is up to date does not depend on how many render."""
    out = tmp_path / "out"
    first = cli("render", folder, "--out-dir", out, "-j", "1")
    assert first.returncode == 0, first.stderr
    assert "rendered 3 · up to date 0" in first.stderr
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
    time.sleep(0.05)
    edited = folder / "77302.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Second briefing", "Second, edited"), encoding="utf-8")
    second = cli("render", folder, "--out-dir", out, "-j", "1")
    assert second.returncode == 0, second.stderr
    assert "rendered 1 · up to date 2" in second.stderr
    assert f"up to date: {out / '77301.pdf'}" in second.stdout
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}["77301.pdf"] == stamps["77301.pdf"]
    assert "Second, edited" in pdftotext(out / "77302.pdf")
    (out / "77303.pdf").unlink()  # a missing output is never up to date
    assert "rendered 1 · up to date 2" in cli("render", folder, "--out-dir", out, "-j", "1").stderr
    other_style = cli("render", folder, "--out-dir", out, "--style", "grayscale", "-j", "1")
    assert "rendered 3 · up to date 0" in other_style.stderr
    forced = cli("render", folder, "--out-dir", out, "--style", "grayscale", "--force", "-j", "1")
    assert "rendered 3 · up to date 0" in forced.stderr
    quiet = cli("render", folder, "--out-dir", out, "--style", "grayscale", "-q", "-j", "1")
    assert quiet.returncode == 0 and quiet.stdout == quiet.stderr == ""


def test_render_takes_globs(folder, tmp_path):
    result = cli("render", str(folder / "7730[12].yaml"), "--out-dir", tmp_path / "g", "-j", "1")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "g").glob("*.pdf")) == ["77301.pdf", "77302.pdf"]
    none = cli("render", str(folder / "*.yml"))
    assert none.returncode == 1 and "pattern matches no .yaml sources" in none.stderr


def test_new_writes_a_source_that_validates_and_renders(tmp_path):
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "briefing.schema.json").write_text((ROOT / "schema" / "briefing.schema.json").read_text())
    result = cli("new", "0075T", "--title", "Transcatheter placement of stents", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "sources" / "0075T.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/briefing.schema.json"
    for section in ("document:", "summary:", "billing_overview:", "clinical_context:", "coding:", "payers:",
                    "notes:", "disclaimer:"):
        assert re.search(rf"^{section}", text, re.M), section
    assert "author: null" in text and "null = Not provided" in text
    assert cli("validate", path, cwd=tmp_path).returncode == 0
    rendered = cli("render", path, cwd=tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    pdf_text = pdftotext(tmp_path / "out" / "0075T.pdf")
    assert "CPT 0075T: Transcatheter placement of stents" in pdf_text and "Not provided" in pdf_text
    again = cli("new", "0075T", cwd=tmp_path)
    assert again.returncode == 1 and "already exists" in again.stderr
    assert path.read_text(encoding="utf-8") == text
    assert cli("new", "7X", cwd=tmp_path).returncode == 2
    hcpcs = cli("new", "G6015", cwd=tmp_path)  # no schema above the folder? it is there: reused
    assert hcpcs.returncode == 0 and "code_system: HCPCS" in (tmp_path / "sources" / "G6015.yaml").read_text()


def test_help_has_examples_and_version():
    for command in ("render", "validate", "new", "schema", "watch", "bundle", "preview"):
        result = cli(command, "--help")
        assert result.returncode == 0 and "examples:" in result.stdout, command
    version = run_cli("--version")
    assert re.fullmatch(r"briefpdf \d+\.\d+\.\d+\n", version.stdout)
    assert run_cli("render").returncode == 2  # the entry point exits with main's code


def test_watch_rerenders_on_edit_and_keeps_the_last_good_pdf(tmp_path):
    source = variant(tmp_path, "77301", "Watched title")
    pdf = tmp_path / "w.pdf"
    proc = subprocess.Popen([sys.executable, "-m", "briefpdf", "watch", str(source), "-o", str(pdf)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        wait_for(lambda: pdf.exists() and "Watched title" in pdftotext(pdf))
        time.sleep(0.5)  # let the watcher start before the edit
        source.write_text(source.read_text(encoding="utf-8").replace("Watched title", "Edited title"), encoding="utf-8")
        wait_for(lambda: "Edited title" in pdftotext(pdf))
        good = pdf.read_bytes()
        source.write_text(source.read_text(encoding="utf-8").replace("status: final", "status: finished"),
                          encoding="utf-8")
        time.sleep(2.5)
        assert pdf.read_bytes() == good
        assert proc.poll() is None  # an error does not end the watch
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "must be one of: draft, final, sample; found 'finished'" in err
    assert "keeps the last good version" in err


def wait_for(condition, timeout: float = 45.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except subprocess.CalledProcessError:
            pass  # PDF mid-replace
        time.sleep(0.2)
    pytest.fail("condition not met in time")


def test_preview_writes_one_png_per_page(tmp_path):
    from PIL import Image

    pdf = tmp_path / "77301.pdf"
    result = cli("preview", SOURCES / "77301.yaml", "-o", pdf, "--dpi", "40")
    assert result.returncode == 0, result.stderr
    pages = len(page_texts(pdf))
    pngs = sorted(tmp_path.glob("77301-*.png"))
    assert [p.name for p in pngs] == [f"77301-{n}.png" for n in range(1, pages + 1)]
    assert result.stdout.split() == [str(p) for p in pngs]
    with Image.open(pngs[0]) as image:
        assert image.size == (round(8.5 * 40), 11 * 40)  # US Letter at 40 dpi
        assert image.convert("L").getextrema()[0] < 100  # something dark was drawn
    stale = tmp_path / f"77301-{pages + 1}.png"  # a preview of a longer version of this PDF
    pngs[0].rename(stale)
    theirs = [tmp_path / f"77301-{pages + 2}.png", tmp_path / f"77301-{pages + 3}.png"]
    theirs[0].write_bytes(b"old")  # files preview never made stay, whatever they hold
    Image.new("RGB", (4, 4)).save(theirs[1])
    assert cli("preview", pdf, "--dpi", "30").returncode == 0
    assert not stale.exists() and all(p.exists() for p in theirs)
    assert sorted(tmp_path.glob("77301-*.png")) == pngs + theirs


def test_preview_says_how_to_install_the_rasteriser(tmp_path):
    code = ("import sys; sys.modules['pypdfium2'] = None; from briefpdf.cli import main; "
            "sys.exit(main(['preview', sys.argv[1]]))")
    pdf = tmp_path / "x.pdf"
    assert cli("render", SOURCES / "77301.yaml", "-o", pdf).returncode == 0
    result = subprocess.run([sys.executable, "-c", code, str(pdf)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "pip install 'briefpdf[preview]'" in result.stderr


def test_jobs_zero_means_all_cores(folder, tmp_path):
    assert "0 means all cores" in cli("render", "--help").stdout
    result = run_cli("render", folder, "--out-dir", tmp_path / "out", "-j", "0")
    assert result.returncode == 0, result.stderr
    assert "rendered 3" in result.stderr
    assert cli("render", folder, "-j", "-1").returncode == 2


def test_new_writes_the_schema_beside_the_target_project_after_its_check(tmp_path):
    long_title = "x" * 400  # one word over the limit: the template fails its own check
    failed = cli("new", "77301", "--dir", "proj/sources", "--title", long_title, cwd=tmp_path)
    assert failed.returncode == 2 and "the limit is 120" in failed.stderr
    assert list(tmp_path.iterdir()) == []  # neither a source nor a schema left behind
    result = cli("new", "77301", "--dir", "proj/sources", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    schema = tmp_path / "proj" / "schema" / "briefing.schema.json"
    assert schema.is_file() and not (tmp_path / "schema").exists()
    assert f"wrote {Path('proj/schema/briefing.schema.json')}" in result.stdout
    source = tmp_path / "proj" / "sources" / "77301.yaml"
    ref = source.read_text(encoding="utf-8").splitlines()[0].split("$schema=")[1]
    assert (source.parent / ref).resolve() == schema.resolve()
    again = cli("new", "G6015", "--dir", "proj/sources", cwd=tmp_path)  # found above: reused, not rewritten
    assert again.returncode == 0 and "schema" not in again.stdout.splitlines()[1]


def test_new_says_what_shape_a_code_has(tmp_path):
    for code in ("7730", "G601", "77301X"):
        result = cli("new", code, cwd=tmp_path)
        assert result.returncode == 2
        assert f"'{code}' is not a billing code" in result.stderr
        assert "five digits (77301)" in result.stderr and "0075T" in result.stderr
        assert "a letter and four digits (G6015)" in result.stderr
        assert "HCPCS Level II code\n" not in result.stderr
    assert list(tmp_path.iterdir()) == []
    wrong = cli("new", "77301", "--system", "HCPCS", cwd=tmp_path)
    assert wrong.returncode == 2 and "'77301' is not a HCPCS Level II code: a letter and four digits" in wrong.stderr


def test_a_folder_as_output_means_into_it(tmp_path):
    """Like cp: `-o DIR` (an existing folder, or a name ending in a slash) writes DIR/NAME."""
    schema = cli("schema", "-o", tmp_path)
    assert schema.returncode == 0, schema.stderr
    assert schema.stdout == f"{tmp_path / 'briefing.schema.json'}\n"
    assert '"$schema"' in (tmp_path / "briefing.schema.json").read_text(encoding="utf-8")
    folder_pdf = tmp_path / "named.pdf"
    folder_pdf.mkdir()
    render = cli("render", SOURCES / "77301.yaml", "-o", folder_pdf)
    assert render.returncode == 0 and "Intensity Modulated" in pdftotext(folder_pdf / "77301.pdf")
    fresh = f"{tmp_path / 'fresh'}/"
    bundle = cli("bundle", SOURCES / "77301.yaml", "-o", fresh)
    assert bundle.returncode == 0, bundle.stderr
    assert "Meeting packet" in pdftotext(tmp_path / "fresh" / "packet.pdf")
    many = cli("render", SOURCES / "77301.yaml", SOURCES / "77301.yaml", "-o", f"{tmp_path / 'many'}/", "-j", "1")
    assert many.returncode == 0 and (tmp_path / "many" / "77301.pdf").is_file(), many.stderr
    assert not (tmp_path / "fresh").is_file() and sorted(p.name for p in tmp_path.iterdir()) == [
        "briefing.schema.json", "fresh", "many", "named.pdf"]


def test_watch_reports_an_internal_error_and_goes_on(tmp_path, monkeypatch, capsys):
    from briefpdf import pipeline
    from briefpdf.watch import render_once

    def broken(*args, **kwargs):
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(pipeline, "render_file", broken)
    source = SOURCES / "77301.yaml"
    assert render_once(source, tmp_path / "w.pdf", "default") is False
    err = capsys.readouterr().err
    assert f"{source}:1:1: error: internal error: RuntimeError: layout exploded" in err
    assert "keeps the last good version" in err


def test_batch_and_watch_report_without_the_command_line_module(tmp_path):
    """Reporting lives in briefpdf.report: the stages the CLI drives never import the CLI."""
    code = ("import sys; from pathlib import Path; from briefpdf.watch import render_once; "
            "from briefpdf.report import run_batch; src, pdf, out = map(Path, sys.argv[1:]); "
            "render_once(src, pdf, 'default'); "
            "run_batch([src], out_dir=out, style='default', jobs=1, quiet=False, force=False); "
            "print('briefpdf.cli' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code, str(BROKEN), str(tmp_path / "w.pdf"), str(tmp_path)],
                            capture_output=True, text=True, timeout=120, env=dict(os.environ, NO_COLOR="1"))
    assert result.stdout.split()[-1] == "False", result.stderr
    assert f"{BROKEN}:9:3: error: unknown key 'scoep' in document" in result.stderr
    assert "\033[" not in result.stderr
