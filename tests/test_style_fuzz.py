"""Fuzzing styles: whatever a style file says -- odd fonts, colours, sizes, margins, logos, keys --
`validate --style` and a render either succeed or say where the style is wrong; never a
traceback. A style `validate --style` accepts renders the sample.

Styles are the default style with a few keys set to random values (and some written from
scratch), run in-process through `briefpdf.cli.main`. Derandomized, so CI sees the same cases
every run.
"""

from __future__ import annotations

import contextlib
import io
import re
import struct
import zlib
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefpdf.cli import main
from conftest import SOURCES

DEFAULT = yaml.safe_load((SOURCES.parent / "src" / "briefpdf" / "styles" / "default.yaml").read_text(encoding="utf-8"))
MESSAGE = re.compile(r"^[^\n]+:\d+:\d+: (error|warning\[BP\d+\]): \S[^\n]*$")
COMMON = dict(deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.function_scoped_fixture])
STATS = {"runs": 0, "valid": 0}

FAMILIES = st.sampled_from(["atkinson-hyperlegible", "ibm-plex-mono", "", " ", "nope", "Atkinson Hyperlegible",
                            "../etc", "fontpkg_x.os", "a.b", "x" * 300, "é"])
COLOURS = st.one_of(st.from_regex(r"#[0-9a-fA-F]{6}", fullmatch=True),
                    st.sampled_from(["#ffffff", "#000000", "#fff", "red", "", "#gggggg", "1d4f7c", "#1d4f7c "]))
LENGTHS = st.sampled_from(["0.9in", "0", "0in", "-1in", "10cm", "3.3in", "20mm", "1e3pt", "abc", "1 in", "0.01mm",
                           "72", "4in", "3.25in", " 1in", "1in\n"])
SIZES = st.one_of(st.floats(-10, 60, allow_nan=False), st.sampled_from([0, 6, 8, 36, 37, 1e9, "12", "big", None]))
LOGOS = st.sampled_from(["good.png", "truncated.png", "bomb.png", "missing.png", "../outside.png", "/etc/passwd",
                         "", "dir", "notes.txt", "good.png/x", "\x00"])
ANY = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**9), st.floats(allow_nan=True),
                             st.text(max_size=20)),
                   lambda inner: st.one_of(st.lists(inner, max_size=3),
                                           st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                   max_leaves=6)
KEYS = {  # (path, values) a mutation picks from
    ("fonts", "body"): FAMILIES, ("fonts", "heading"): FAMILIES, ("fonts", "mono"): FAMILIES,
    ("colors", "text"): COLOURS, ("colors", "muted"): COLOURS, ("colors", "accent"): COLOURS,
    ("colors", "panel"): COLOURS, ("colors", "zebra"): COLOURS, ("colors", "table_header"): COLOURS,
    ("colors", "chart"): st.lists(COLOURS, max_size=3),
    ("page", "margin_left"): LENGTHS, ("page", "margin_top"): LENGTHS, ("page", "margin_bottom"): LENGTHS,
    ("page", "size"): st.sampled_from(["letter", "a4", "legal", "A4", "tabloid", ""]),
    ("sizes", "title"): SIZES, ("sizes", "body"): SIZES, ("sizes", "small"): SIZES, ("sizes", "table"): SIZES,
    ("sizes", "leading"): SIZES,
    ("options", "logo"): LOGOS, ("options", "toc"): st.sampled_from([True, False, "yes", 1, None]),
    ("options", "grayscale"): st.booleans(),
    ("spacing", "section"): SIZES,
    ("extends",): st.sampled_from(["default", "a4", "nope", "s.yaml", "other.yaml", ""]),
    ("fonts",): ANY, ("colors",): ANY, ("sizes",): ANY, ("page",): ANY, ("x",): ANY,
}


def _png(width: int, height: int, rows: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def _folder(tmp: Path) -> Path:
    (tmp / "good.png").write_bytes(_png(60, 20, (b"\x00" + b"\x40" * 60) * 20))
    (tmp / "truncated.png").write_bytes(_png(60, 20, (b"\x00" + b"\x40" * 60) * 20)[:45])
    (tmp / "bomb.png").write_bytes(_png(5000, 5000, bytes(5001 * 5000)))
    (tmp / "notes.txt").write_text("not an image", encoding="utf-8")
    (tmp / "dir").mkdir()
    (tmp / "other.yaml").write_text("extends: s.yaml\n", encoding="utf-8")
    (tmp / "out").mkdir()
    return tmp


@st.composite
def styles(draw) -> str:
    """The default style with one to four keys set to random values, or keys from scratch."""
    data = draw(st.sampled_from([{"extends": "default"}, yaml.safe_load(yaml.safe_dump(DEFAULT))]))
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(list(KEYS)))
        node = data
        for key in path[:-1]:
            if not isinstance(node.get(key), dict):
                node[key] = {}
            node = node[key]
        node[path[-1]] = draw(KEYS[path])
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _run(*args: str) -> tuple[int, str]:
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = main(list(args))  # any exception fails the test with its traceback
    return code, err.getvalue()


def _positioned(code: int, stderr: str) -> None:
    assert "Traceback" not in stderr
    assert code in (0, 1), (code, stderr)
    messages = [ln for ln in stderr.splitlines() if not ln.startswith(("  hint: ", "... and "))
                and not re.match(r"\d+ (error|warning)s?\b", ln)]  # the counts line
    if code == 1:
        assert messages, "failed without saying why"
    assert all(MESSAGE.match(ln) for ln in messages), stderr


def test_styles_validate_and_render_or_say_where_they_are_wrong(tmp_path):
    folder = _folder(tmp_path)
    style, out = folder / "s.yaml", folder / "out" / "77301.pdf"

    @settings(max_examples=60, **COMMON)
    @given(styles())
    def run(text):
        style.write_text(text, encoding="utf-8")
        out.unlink(missing_ok=True)
        validated, said = _run("validate", str(SOURCES / "77301.yaml"), "--style", str(style), "-q")
        _positioned(validated, said)
        rendered, told = _run("render", str(SOURCES / "77301.yaml"), "--style", str(style), "-o", str(out), "-q")
        _positioned(rendered, told)
        STATS["runs"] += 1
        if validated == 0:  # a style validate accepts lays out the sample
            STATS["valid"] += 1
            assert rendered == 0, (text, told)
            assert out.read_bytes().startswith(b"%PDF-")
        else:
            assert not out.exists()
        assert sorted(p.name for p in (folder / "out").iterdir()) == (["77301.pdf"] if rendered == 0 else [])

    run()
    assert STATS["runs"] >= 60 and STATS["valid"] >= 10, STATS  # the mutations reach the layout, not only the schema
