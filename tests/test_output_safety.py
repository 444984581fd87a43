"""A PDF reaches its path whole or not at all: after any failure the previous file is untouched."""

from __future__ import annotations

import errno
import os
import subprocess

import pytest

from briefpdf.cli import main
from conftest import SOURCES, cli, tool

BASE = (SOURCES / "77301.yaml").read_text(encoding="utf-8")


@pytest.fixture()
def previous(tmp_path, rendered_77301):
    """A folder holding a good PDF from an earlier run; returns (path, its bytes)."""
    out = tmp_path / "out" / "77301.pdf"
    out.parent.mkdir()
    data = rendered_77301.read_bytes()
    out.write_bytes(data)
    return out, data


def assert_untouched(out, data):
    assert out.read_bytes() == data
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name], "a temporary or partial file was left"


def test_validation_failure_leaves_the_previous_pdf(tmp_path, previous):
    out, data = previous
    bad = tmp_path / "77301.yaml"
    bad.write_text(BASE.replace("  date: 2026-11-28", "  date: soon"), encoding="utf-8")
    result = cli("render", bad, "-o", out)
    assert result.returncode == 1 and "error: 'document.date' must be a date" in result.stderr
    assert_untouched(out, data)


def test_style_failure_leaves_the_previous_pdf(previous):
    out, data = previous
    result = cli("render", SOURCES / "77301.yaml", "-o", out, "--style", "nope")
    assert result.returncode == 1 and "unknown style 'nope'" in result.stderr
    assert_untouched(out, data)


def test_layout_failure_leaves_the_previous_pdf(previous, monkeypatch, capsys):
    out, data = previous
    from briefpdf import pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(pipeline.engine, "build", broken)
    with pytest.raises(RuntimeError):
        main(["render", str(SOURCES / "77301.yaml"), "-o", str(out)])
    assert_untouched(out, data)


class _HalfWriter:
    """A file that writes half of what it is given, then fails: a disk filling up, or Ctrl-C."""

    def __init__(self, fh, exc):
        self.fh, self.exc = fh, exc

    def write(self, data):
        self.fh.write(data[: len(data) // 2])
        self.fh.flush()
        raise self.exc

    def __getattr__(self, name):
        return getattr(self.fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()


def _inject(monkeypatch, exc, seen):
    real = os.fdopen

    def fdopen(fd, *args, **kwargs):
        fh = real(fd, *args, **kwargs)
        seen.append(os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else fh.name)
        return _HalfWriter(fh, exc)

    monkeypatch.setattr(os, "fdopen", fdopen)


def test_disk_full_in_the_middle_of_writing(previous, monkeypatch, capsys):
    out, data = previous
    seen = []
    _inject(monkeypatch, OSError(errno.ENOSPC, "No space left on device"), seen)
    assert main(["render", str(SOURCES / "77301.yaml"), "-o", str(out)]) == 1
    assert len(seen) == 1 and seen[0].endswith(".part")  # the failure really hit the half-written temp file
    assert capsys.readouterr().err == (f"{out}:1:1: error: cannot write output: No space left on device\n"
                                       "  hint: free some disk space or choose another folder with -o\n")
    assert_untouched(out, data)


def test_ctrl_c_in_the_middle_of_writing(previous, monkeypatch, capsys):
    out, data = previous
    seen = []
    _inject(monkeypatch, KeyboardInterrupt(), seen)
    assert main(["render", str(SOURCES / "77301.yaml"), "-o", str(out)]) == 130
    assert len(seen) == 1
    err = capsys.readouterr().err
    assert "interrupted" in err and "Traceback" not in err
    assert_untouched(out, data)


def test_failure_after_writing_before_rename(previous, monkeypatch, capsys):
    out, data = previous

    def no_rename(src, dst):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "replace", no_rename)
    assert main(["render", str(SOURCES / "77301.yaml"), "-o", str(out)]) == 1
    assert "cannot write output: Invalid cross-device link" in capsys.readouterr().err
    assert_untouched(out, data)


def test_success_replaces_the_file_whole(tmp_path, previous):
    out, data = previous
    out.write_bytes(b"%PDF-1.4 stale and truncated")
    result = cli("render", SOURCES / "77301.yaml", "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == data  # byte-identical to an earlier render of the same source
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]
    subprocess.run([tool("qpdf"), "--check", str(out)], check=True, capture_output=True)
    assert oct(out.stat().st_mode & 0o777) == "0o644"


def test_a_new_folder_is_created_for_the_output(tmp_path):
    out = tmp_path / "a" / "b" / "77301.pdf"
    result = cli("render", SOURCES / "77301.yaml", "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-") and out.read_bytes().rstrip().endswith(b"%%EOF")
    assert [p.name for p in out.parent.iterdir()] == ["77301.pdf"]
