"""Hostile and careless inputs -- styles, logos, numbers as written, characters the fonts lack,
links, dates, colours -- each end in FILE:LINE:COLUMN: error: (or a command-line error), with
no traceback; what renders is read back from the PDF."""

from __future__ import annotations

import contextlib
import io
import os
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from conftest import SOURCES

BASE = (SOURCES / "77301.yaml").read_text(encoding="utf-8")
MESSAGE = re.compile(r"^(?P<file>[^\n]+):(?P<line>\d+):(?P<col>\d+): error: (?P<message>\S[^\n]*)$")


def cli(*args, cwd=None) -> subprocess.CompletedProcess:
    """`briefpdf ARGS` in this process (the parser, messages and exit codes of the real command)."""
    from briefpdf.cli import main

    argv = [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(["briefpdf", *argv], code, out.getvalue(), err.getvalue())


def edit(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def where(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of `needle` in `text`."""
    at = text.index(needle)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def errors(result: subprocess.CompletedProcess) -> list[re.Match]:
    """The error lines of a failed run, each positioned; no traceback anywhere."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = [ln for ln in result.stderr.splitlines() if not ln.startswith(("  hint: ", "... and "))]
    matches = [MESSAGE.match(ln) for ln in lines]
    assert lines and all(matches), result.stderr
    return matches


def at(match: re.Match) -> tuple[str, int, int]:
    return match["file"], int(match["line"]), int(match["col"])


def style_file(folder: Path, body: str, name: str = "s.yaml") -> Path:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def source_file(folder: Path, text: str = BASE, name: str = "77301.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- a style's fonts

@pytest.mark.parametrize("fonts", ['  body: ""', "  body: ' '", "  body: null", "  body: [a, b]",
                                   "  body: ../../etc", "  body: fontpkg_x.os", "  bodyy: x"])
@pytest.mark.parametrize("command", ["validate", "render"])
def test_any_mistake_in_a_font_family_is_positioned(tmp_path, fonts, command):
    style = style_file(tmp_path, f"extends: default\nfonts:\n{fonts}\n")
    result = cli(command, SOURCES / "77301.yaml", "--style", style, "-o" if command == "render" else "-q",
                 *([tmp_path / "o.pdf"] if command == "render" else []))
    assert result.returncode == 1
    (first, *_) = errors(result)
    assert at(first) == (str(style), 3, 3 if fonts.startswith("  bodyy") else 9), result.stderr
    assert not (tmp_path / "o.pdf").exists()


@pytest.mark.parametrize("fonts", ['""', "null", "[a]", "7"])
def test_fonts_that_is_not_a_mapping_is_positioned(tmp_path, fonts):
    style = style_file(tmp_path, f"extends: default\nfonts: {fonts}\n")
    result = cli("validate", SOURCES / "77301.yaml", "--style", style)
    assert result.returncode == 1
    assert [at(m) for m in errors(result)] == [(str(style), 2, 8)]


def test_a_style_without_extends_reports_every_missing_part_at_once(tmp_path):
    style = style_file(tmp_path, "name: bare\nfonts:\n  body: nope\npage:\n  size: letter\n")
    result = cli("validate", SOURCES / "77301.yaml", "--style", style)
    messages = [m["message"] for m in errors(result)]
    for needed in ("'sizes'", "'colors'", "'spacing'", "'heading' in fonts", "'margin_top' in page",
                   "font family 'nope' is not installed"):
        assert any(needed in m for m in messages), (needed, messages)


# ----------------------------------------------------------------------------- logos

def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width: int, height: int, rows: bytes | None = None) -> bytes:
    """A grey PNG written by hand (no imaging library in the test's own path)."""
    if rows is None:
        rows = (b"\x00" + b"\x80" * width) * height
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + _chunk(b"IDAT", zlib.compress(rows, 9)) + _chunk(b"IEND", b""))


def bomb() -> bytes:
    """13000 x 13000 grey pixels (169 MB unpacked) in a file of about 170 KB."""
    return png(13000, 13000, bytes(13001 * 13000))


LOGOS = {  # how to make the file, and what the message says
    "truncated": (lambda: png(40, 20)[:45], "cannot be decoded"),
    "corrupt": (lambda: png(40, 20)[:8] + b"\x00" * 200, "not one Pillow can read"),
    "zero width": (lambda: png(0, 20, b""), "not one Pillow can read"),
    "bad pixel data": (lambda: png(40, 20, b"\x07" * 30), "cannot be decoded"),
    "not really a jpeg": (lambda: b"\xff\xd8\xff" + b"garbage" * 30, "not one Pillow can read"),
    "decompression bomb": (bomb, "13,000 x 13,000 pixels"),
}


@pytest.mark.parametrize("case", list(LOGOS))
def test_a_logo_that_does_not_decode_is_refused_at_style_load(tmp_path, case):
    make, said = LOGOS[case]
    (tmp_path / "logo.png").write_bytes(make())
    style = style_file(tmp_path, "extends: default\noptions:\n  logo: logo.png\n")
    for command in (["validate", SOURCES / "77301.yaml"], ["render", SOURCES / "77301.yaml", "-o", tmp_path / "o.pdf"],
                    ["bundle", SOURCES / "77301.yaml", "-o", tmp_path / "p.pdf"]):
        result = cli(*command, "--style", style)
        assert result.returncode == 1, (command, result.stdout)
        (first,) = errors(result)
        assert at(first) == (str(style), 3, 9)
        assert said in first["message"], first["message"]
    assert not list(tmp_path.glob("*.pdf"))


def test_a_bomb_is_refused_before_its_pixels_are_unpacked(tmp_path):
    """A fresh process refusing the bomb never holds its 169 MB of pixels."""
    (tmp_path / "logo.png").write_bytes(bomb())
    style = style_file(tmp_path, "extends: default\noptions:\n  logo: logo.png\n")
    script = ("import resource, sys\nfrom briefpdf.cli import main\ncode = main(sys.argv[1:])\n"
              "print(code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", script, "validate", SOURCES / "77301.yaml", "--style", style],
                          capture_output=True, text=True, timeout=60)
    code, peak_kb = map(int, done.stdout.splitlines()[-1].split())
    assert code == 1 and "13,000 x 13,000 pixels" in done.stderr
    assert peak_kb < 120_000, peak_kb


def test_a_good_logo_still_renders(tmp_path):
    (tmp_path / "logo.png").write_bytes(png(120, 40))
    style = style_file(tmp_path, "extends: default\noptions:\n  logo: logo.png\n")
    result = cli("render", SOURCES / "77301.yaml", "--style", style, "-o", tmp_path / "o.pdf")
    assert result.returncode == 0, result.stderr
    from pypdf import PdfReader

    images = PdfReader(tmp_path / "o.pdf").pages[0].images
    assert [(i.image.width, i.image.height) for i in images] == [(120, 40)]


# ----------------------------------------------------------------------------- colour contrast

@pytest.mark.parametrize("colors, key, said", [
    ("  text: '#ffffff'", "text", "'colors.text' #ffffff on the white page has a contrast of 1.00:1"),
    ("  muted: '#bbbbbb'", "muted", "the footer and captions needs at least 4.5:1"),
    ("  accent: '#f0a000'", "accent", "links, the eyebrow line and headings"),
    ("  table_header: '#303030'", "table_header", "on 'colors.table_header' #303030"),
    ("  panel: '#1a1a1a'", "panel", "on 'colors.panel' #1a1a1a"),
    ("  chart: ['#1d4f7c', '#eeeeee']", "chart", "chart colour #eeeeee on the white page"),
])
@pytest.mark.parametrize("command", ["validate", "render"])
def test_colours_too_faint_to_read_are_refused(tmp_path, colors, key, said, command):
    body = f"extends: default\ncolors:\n{colors}\n"
    style = style_file(tmp_path, body)
    args = ["-o", tmp_path / "o.pdf"] if command == "render" else []
    result = cli(command, SOURCES / "77301.yaml", "--style", style, *args)
    assert result.returncode == 1
    (first,) = errors(result)
    line, col = where(body, f"  {key}:")
    assert at(first)[:2] == (str(style), line), result.stderr
    assert said in first["message"]
    assert not (tmp_path / "o.pdf").exists()


def test_contrast_is_checked_in_grey_when_the_style_prints_grey(tmp_path):
    style = style_file(tmp_path, "extends: grayscale\ncolors:\n  muted: '#909090'\n")
    result = cli("validate", SOURCES / "77301.yaml", "--style", style)
    (first,) = errors(result)
    assert "(as grey: options.grayscale is on)" in first["message"]


@pytest.mark.parametrize("name", ["default", "a4", "grayscale"])
def test_the_shipped_styles_pass_the_contrast_check(name):
    assert cli("validate", SOURCES / "77301.yaml", "--style", name, "-q").returncode == 0
