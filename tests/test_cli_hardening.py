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

from conftest import SOURCES, pdftotext, run_cli

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
    first = run_cli("render", src, "--out-dir", out, "-j", "1")
    assert first.returncode == 0 and "Traceback" not in first.stderr, first.stderr
    assert "rendered 1 · up to date 0" in first.stderr
    assert "Cached title" in pdftotext(out / "a.pdf")
    entries = json.loads(cache.read_text(encoding="utf-8"))["entries"]
    assert list(entries) == [str(out / "a.pdf")] and isinstance(entries[str(out / "a.pdf")]["key"], str)
    again = run_cli("render", src, "--out-dir", out, "-j", "1")
    assert "rendered 0 · up to date 1" in again.stderr, again.stderr


def test_a_cache_keeps_its_good_entries_and_drops_the_bad(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    variant(src, "a", "First")
    variant(src, "b", "Second")
    out = tmp_path / "out"
    assert run_cli("render", src, "--out-dir", out, "-j", "1").returncode == 0
    cache = out / ".briefpdf-cache.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["entries"][str(out / "b.pdf")] = ["garbage"]
    cache.write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("render", src, "--out-dir", out, "-j", "1")
    assert result.returncode == 0 and "rendered 1 · up to date 1" in result.stderr, result.stderr
    after = json.loads(cache.read_text(encoding="utf-8"))["entries"]
    assert after[str(out / "a.pdf")] == data["entries"][str(out / "a.pdf")]  # kept: a.pdf was not rendered again
    assert isinstance(after[str(out / "b.pdf")], dict) and isinstance(after[str(out / "b.pdf")]["key"], str)
