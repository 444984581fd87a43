"""Hostile and careless command lines: a bad cache, odd output targets, long and undecodable
names, FIFOs, signals, folders that move under `watch`. Each ends in a positioned message or a
command-line error, with nothing lost and nothing left behind."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SOURCES, cli, pdftotext, run_cli

BASE = (SOURCES / "77301.yaml").read_text(encoding="utf-8")


def variant(folder: Path, code: str, title: str) -> Path:
    """A copy of the 77301 source under another file name and title."""
    path = folder / f"{code}.yaml"
    path.write_text(BASE.replace("title: Intensity Modulated Radiotherapy (IMRT) Delivery", f"title: {title}", 1),
                    encoding="utf-8")
    return path


def leftovers(folder: Path) -> list[str]:
    """Temporary files a write left behind (none may survive any failure or signal)."""
    return sorted(p.name for p in folder.rglob("*.part"))


# ----------------------------------------------------------------------------- the batch cache

@pytest.mark.parametrize("bad", [[], "text", {"entries": []}, {"entries": {"x": [1]}},
                                 {"version": 1, "entries": {"OUT/a.pdf": {"key": 5, "size": "big", "pages": None}}},
                                 {"entries": {"OUT/a.pdf": {"key": "k", "size": -1, "pages": 1}}}])
def test_a_cache_of_the_wrong_shape_is_ignored_and_rewritten(tmp_path, bad):
    src = tmp_path / "src"
    src.mkdir()
    variant(src, "a", "Cached title")
    out = tmp_path / "out"
    out.mkdir()
    cache = out / ".briefpdf-cache.json"
    cache.write_text(json.dumps(bad).replace("OUT", str(out)), encoding="utf-8")
    first = cli("render", src, "--out-dir", out, "-j", "1")
    assert first.returncode == 0 and "Traceback" not in first.stderr, first.stderr
    assert "rendered 1 · up to date 0" in first.stderr
    assert "Cached title" in pdftotext(out / "a.pdf")
    entries = json.loads(cache.read_text(encoding="utf-8"))["entries"]
    assert list(entries) == [str(out / "a.pdf")] and isinstance(entries[str(out / "a.pdf")]["key"], str)
    again = cli("render", src, "--out-dir", out, "-j", "1")
    assert "rendered 0 · up to date 1" in again.stderr, again.stderr


def test_a_cache_keeps_its_good_entries_and_drops_the_bad(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    variant(src, "a", "First")
    variant(src, "b", "Second")
    out = tmp_path / "out"
    assert cli("render", src, "--out-dir", out, "-j", "1").returncode == 0
    cache = out / ".briefpdf-cache.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["entries"][str(out / "b.pdf")] = ["garbage"]
    cache.write_text(json.dumps(data), encoding="utf-8")
    result = cli("render", src, "--out-dir", out, "-j", "1")
    assert result.returncode == 0 and "rendered 1 · up to date 1" in result.stderr, result.stderr
    after = json.loads(cache.read_text(encoding="utf-8"))["entries"]
    assert after[str(out / "a.pdf")] == data["entries"][str(out / "a.pdf")]  # kept: a.pdf was not rendered again
    assert isinstance(after[str(out / "b.pdf")], dict) and isinstance(after[str(out / "b.pdf")]["key"], str)


# ----------------------------------------------------------------------------- output targets

def test_a_name_of_250_bytes_is_written_and_one_over_the_limit_is_refused(tmp_path):
    fits = tmp_path / ("é" * 123 + ".pdf")  # 250 bytes in UTF-8: the temporary name must not be longer
    result = cli("render", SOURCES / "77301.yaml", "-o", fits)
    assert result.returncode == 0, result.stderr
    assert "Intensity Modulated Radiotherapy" in pdftotext(fits)
    too_long = tmp_path / ("x" * 252 + ".pdf")
    result = cli("render", SOURCES / "77301.yaml", "-o", too_long)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{too_long}:1:1: error: file name is 256 bytes; file systems allow at most 255")
    assert "hint: choose a shorter name with -o" in result.stderr
    folder = cli("bundle", SOURCES / "77301.yaml", "-o", tmp_path / ("d" * 300) / "p.pdf")
    assert folder.returncode == 1 and "is 300 bytes; file systems allow at most 255" in folder.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [fits.name]


def _render_with_umask(umask: int, out: Path) -> None:
    subprocess.run([sys.executable, "-m", "briefpdf", "render", str(SOURCES / "77301.yaml"), "-o", str(out)],
                   check=True, capture_output=True, umask=umask, timeout=120)


def test_a_new_file_follows_the_umask_and_a_replaced_one_keeps_its_mode(tmp_path):
    out = tmp_path / "77301.pdf"
    _render_with_umask(0o077, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    out.unlink()
    _render_with_umask(0o002, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o664
    out.chmod(0o600)
    before = out.stat().st_ino
    _render_with_umask(0o022, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.stat().st_ino != before  # replaced, mode kept
    assert "Intensity Modulated Radiotherapy" in pdftotext(out)


def test_a_source_a_fifo_or_a_device_is_never_an_output(tmp_path):
    other = tmp_path / "b.yaml"
    other.write_text(BASE, encoding="utf-8")
    for command in (["render", SOURCES / "77301.yaml"], ["bundle", SOURCES / "77301.yaml"]):
        for target in (other, tmp_path / "new.yml", tmp_path / "NEW.YAML"):
            result = run_cli(*command, "-o", target)
            assert result.returncode == 1, result.stderr
            assert result.stderr.startswith(f"{target}:1:1: error: output names a {target.suffix} file, where sources live")
    schema = run_cli("schema", "-o", other)
    assert schema.returncode == 1 and "hint: name a .json file with -o" in schema.stderr
    assert other.read_text(encoding="utf-8") == BASE
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    for target, kind in ((fifo, "a FIFO (named pipe)"), (Path(os.devnull), "a device")):
        for command in ("render", "bundle", "preview"):
            result = run_cli(command, SOURCES / "77301.yaml", "-o", target, timeout=60)
            assert result.returncode == 1, (command, result.stderr)
            assert f"{target}:1:1: error: output is {kind}, not a regular file" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode) and stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.yaml", "pipe.pdf"]


def test_an_empty_path_is_a_command_line_error(tmp_path):
    for args in (["render", SOURCES / "77301.yaml", "-o", ""], ["render", ""], ["validate", ""],
                 ["render", SOURCES / "77301.yaml", "--out-dir", ""], ["bundle", SOURCES / "77301.yaml", "-o", ""],
                 ["preview", ""], ["schema", "-o", ""], ["new", "77301", "--dir", ""]):
        result = cli(*args, cwd=tmp_path)
        assert result.returncode == 2, (args, result.stderr)
        assert "error: argument" in result.stderr and "expected a path, got an empty string" in result.stderr
        assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written to out/NAME.pdf or anywhere else


# ----------------------------------------------------------------------------- names on the terminal

def test_an_undecodable_name_prints_escaped_on_a_strict_terminal(tmp_path):
    name = os.fsdecode(b"bad\xff\x1b[31m\xc3\xa9")  # not UTF-8, an ANSI escape, then an accented letter
    (tmp_path / f"{name}.yaml").write_text(BASE, encoding="utf-8")
    strict = {"PYTHONIOENCODING": "ascii:strict"}
    shown = "bad\\udcff\\x1b[31m\\xe9"
    single = run_cli("render", f"{name}.yaml", cwd=tmp_path, env=strict)
    assert single.returncode == 0 and "Traceback" not in single.stderr, single.stderr
    assert single.stdout.startswith(f"out/{shown}.pdf (3 pages, ")
    assert "Intensity Modulated" in pdftotext(tmp_path / "out" / f"{name}.pdf")
    batch = run_cli("render", ".", "--out-dir", "o", "-j", "1", cwd=tmp_path, env=strict)
    assert batch.returncode == 0 and "Traceback" not in batch.stderr, batch.stderr
    assert batch.stdout == f"[1/1] o/{shown}.pdf (3 pages)\n"
    checked = run_cli("validate", f"{name}.yaml", cwd=tmp_path, env={"LC_ALL": "C", "LANG": "C"})
    assert checked.returncode == 0 and checked.stdout.startswith("bad\\udcff\\x1b[31m"), checked.stderr
    broken = tmp_path / f"{name}-2.yaml"
    broken.write_text(BASE.replace("status: final", "status: finished"), encoding="utf-8")
    failed = run_cli("render", broken.name, "-o", "x.pdf", cwd=tmp_path, env=strict)
    assert failed.returncode == 1 and failed.stderr.startswith(f"{shown}-2.yaml:"), failed.stderr
    assert "\x1b" not in single.stdout + batch.stdout + checked.stdout + failed.stderr


# ----------------------------------------------------------------------------- FIFOs in a batch

def test_a_fifo_in_a_batch_is_reported_and_never_opened(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    variant(src, "a", "Beside a pipe")
    os.mkfifo(src / "pipe.yaml")
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / ".briefpdf-cache.json")  # even the cache may be one
    for paths in ([src], [str(src / "*.yaml")], [src / "a.yaml", src / "pipe.yaml"]):
        for jobs in ("1", "2"):
            result = run_cli("render", *paths, "--out-dir", out, "-j", jobs, timeout=60)
            assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
            assert "rendered 1 · up to date 0 · failed 1" in result.stderr
            assert f"{src / 'pipe.yaml'}:1:1: error: is not a regular file" in result.stderr
    assert "Beside a pipe" in pdftotext(out / "a.pdf")
    checked = run_cli("validate", src, timeout=60)
    assert checked.returncode == 1 and f"{src / 'pipe.yaml'}:1:1: error: is not a regular file" in checked.stderr
    assert stat.S_ISFIFO((src / "pipe.yaml").stat().st_mode) and leftovers(tmp_path) == []


# ----------------------------------------------------------------------------- preview

def test_preview_resolution_is_bounded(tmp_path):
    pdf = tmp_path / "77301.pdf"
    assert cli("render", SOURCES / "77301.yaml", "-o", pdf).returncode == 0
    for dpi, why in (("20000", "must be 600 or less, got 20000"), ("19", "must be 20 or more, got 19"),
                     ("0", "must be 20 or more"), ("1e9", "expected a whole number")):
        result = cli("preview", pdf, "--dpi", dpi)
        assert result.returncode == 2 and f"argument --dpi: {why}" in result.stderr, result.stderr
    assert "20 to 600" in cli("preview", "--help").stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["77301.pdf"]


def test_preview_refuses_a_page_too_large_to_draw(tmp_path):
    """A PDF from elsewhere may have poster-sized pages: the pixel limit holds at any dpi."""
    from pypdf import PdfWriter

    poster = tmp_path / "poster.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=72 * 200, height=72 * 200)  # 200 inches square
    with open(poster, "wb") as fh:
        writer.write(fh)
    result = cli("preview", poster, "--dpi", "100")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{poster}:1:1: error: page 1 would be 20000 x 20000 pixels at 100 dpi; "
                                    "the limit is 80 million")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["poster.pdf"]
    assert cli("preview", poster, "--dpi", "20").returncode == 0  # 4000 x 4000 is fine
    assert sorted(p.name for p in tmp_path.iterdir()) == ["poster-1.png", "poster.pdf"]


# ----------------------------------------------------------------------------- watch

def test_watch_of_a_missing_folder_is_an_error(tmp_path):
    missing = tmp_path / "nowhere" / "x.yaml"
    result = run_cli("watch", missing, timeout=30)  # it used to wait forever
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{missing}:1:1: error: no such folder '{missing.parent}'")
    assert list(tmp_path.iterdir()) == []


def _wait_for_title(pdf: Path, title: str, timeout: float = 30.0) -> None:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if title in pdftotext(pdf):
                return
        except subprocess.CalledProcessError:
            pass  # mid-replace, or not there yet
        time.sleep(0.2)
    pytest.fail(f"{title!r} never appeared in {pdf}")


def test_watch_follows_a_folder_renamed_away_and_created_again(tmp_path):
    import time

    src = tmp_path / "src"
    src.mkdir()
    source = variant(src, "a", "First title")
    pdf = tmp_path / "w.pdf"
    proc = subprocess.Popen([sys.executable, "-m", "briefpdf", "watch", str(source), "-o", str(pdf)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_title(pdf, "First title")
        time.sleep(0.5)
        src.rename(tmp_path / "old")  # as `git checkout` or a sync tool may do
        time.sleep(1.0)
        src.mkdir()
        variant(src, "a", "Second title")
        _wait_for_title(pdf, "Second title")
        time.sleep(0.5)
        variant(src, "a", "Third title")  # the new folder is watched, not only looked at once
        _wait_for_title(pdf, "Third title")
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0 and "Traceback" not in err, err
    assert f"waiting for {src} to exist" in err
