"""Faces are parsed only when a document uses them, and embedded subsets are made once (in
memory and on disk): the PDF must be byte for byte what it is without any cache, and a damaged
cache entry must never reach a PDF."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import SOURCES, run_cli, tool

SOURCE = SOURCES / "77301.yaml"


def embedded_fonts(pdf: Path) -> set[str]:
    """Base names (without the subset prefix) of the fonts pdffonts lists as embedded subsets."""
    lines = subprocess.run([tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout
    names = set()
    for line in lines.splitlines()[2:]:
        cols = line.split()
        assert cols[-5:-2] == ["yes", "yes", "yes"], line  # embedded, subset, with a ToUnicode map
        names.add(cols[0].split("+", 1)[1])
    return names


def render_with_cache(tmp_path: Path, name: str, cache: str) -> bytes:
    out = tmp_path / f"{name}.pdf"
    res = run_cli("render", SOURCE, "-o", out, "-q", env={"BRIEFPDF_CACHE_DIR": cache})
    assert res.returncode == 0, res.stderr
    return out.read_bytes()


def test_cached_subsets_give_the_same_bytes_as_no_cache(tmp_path):
    cache = tmp_path / "cache"
    plain = render_with_cache(tmp_path, "plain", "")
    assert not cache.exists()
    first = render_with_cache(tmp_path, "first", str(cache))  # fills the cache
    entries = sorted((cache / "subsets").glob("*.z"))
    assert len(entries) == len(embedded_fonts(tmp_path / "plain.pdf"))
    second = render_with_cache(tmp_path, "second", str(cache))  # a fresh process reads it
    assert first == plain and second == plain


def test_a_damaged_cache_entry_is_never_used(tmp_path):
    cache = tmp_path / "cache"
    plain = render_with_cache(tmp_path, "plain", "")
    render_with_cache(tmp_path, "fill", str(cache))
    entries = sorted((cache / "subsets").glob("*.z"))
    entries[0].write_bytes(entries[0].read_bytes()[:-40])  # truncated
    entries[1].write_bytes(entries[3].read_bytes())  # another entry's bytes under this name
    entries[2].write_bytes(b"")
    assert render_with_cache(tmp_path, "again", str(cache)) == plain
    assert render_with_cache(tmp_path, "repaired", str(cache)) == plain


def test_only_the_faces_a_document_draws_with_are_parsed(tmp_path):
    out = tmp_path / "x.pdf"
    code = f"""
import json
from pathlib import Path
from reportlab.pdfbase import pdfmetrics
from briefpdf import render
render(Path({str(SOURCE)!r}), Path({str(out)!r}))
print(json.dumps([f.face.name.decode() for f in pdfmetrics._fonts.values() if "face" in vars(f)]))
"""
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"BRIEFPDF_CACHE_DIR": "", "PATH": ""})
    parsed = set(json.loads(res.stdout.strip().splitlines()[-1]))
    assert parsed == embedded_fonts(out)
    assert len(parsed) < 8  # three families of four faces are registered (body, mono, figures)


def test_the_figures_face_is_parsed_only_for_a_document_with_money(tmp_path):
    """The figures family (Lato, for amounts) is registered like the others, through the same lazy
    cache: a briefing without an amount never parses it, one with amounts parses the face it sets."""
    code = """
import json, sys
from pathlib import Path
from reportlab.pdfbase import pdfmetrics
from briefpdf import render
render(Path(sys.argv[1]), Path(sys.argv[2]))
print(json.dumps(sorted(n for n, f in pdfmetrics._fonts.items() if n.startswith("lato-") and "face" in vars(f))))
"""
    found = {}
    for name, src in (("plain", SOURCE), ("money", SOURCES.parent / "tests" / "fixtures" / "coding_full.yaml")):
        out = tmp_path / f"{name}.pdf"
        res = subprocess.run([sys.executable, "-c", code, str(src), str(out)], capture_output=True, text=True,
                             check=True, env={"BRIEFPDF_CACHE_DIR": "", "PATH": ""})
        found[name] = json.loads(res.stdout.strip().splitlines()[-1])
        assert {n.split("-", 1)[0] for n in embedded_fonts(out) if n.lower().startswith("lato")} == \
            ({"Lato"} if found[name] else set())
    assert found["plain"] == [] and found["money"] == ["lato-regular"]


def test_the_lazy_font_sets_what_reportlab_s_font_sets():
    """LazyTTFont copies TTFont's constructor minus the parse: a ReportLab release that sets
    something more in TTFont.__init__ must be noticed here, not in a broken PDF."""
    from reportlab.pdfbase.ttfonts import TTFont

    from briefpdf.fontcache import LazyTTFont
    from briefpdf.fonts import face_files

    path = str(face_files("atkinson-hyperlegible")[0])
    theirs, ours = vars(TTFont("t-a", path)), vars(LazyTTFont("t-a", path))
    assert set(theirs) - {"face"} == set(ours) - {"_filename", "_family"}
    for name in ("fontName", "_asciiReadable", "_shapable"):
        assert theirs[name] == ours[name]


def test_split_string_gives_reportlab_s_answer_for_every_string():
    """The shortcut for strings whose codes are known must answer what ReportLab's own loop
    answers, call for call, as new characters arrive and fill the first subset and beyond."""
    import random

    from reportlab.pdfbase.pdfdoc import PDFDocument
    from reportlab.pdfbase.ttfonts import TTFont

    from briefpdf.fontcache import LazyTTFont
    from briefpdf.fonts import face_files

    path = str(face_files("atkinson-hyperlegible")[0])
    theirs, ours = TTFont("t-split-a", path), LazyTTFont("t-split-b", path)
    covered = sorted(ours.face.charToGlyph)
    rng = random.Random(17)
    alphabet = [chr(c) for c in covered if c < 0x250] + ["\xa0", " ", "\u4e00"]  # a no-break space, a missing glyph
    doc_a, doc_b = PDFDocument(), PDFDocument()
    for i in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12 if i < 2000 else 3)))
        assert ours.splitString(text, doc_b) == theirs.splitString(text, doc_a), repr(text)
    assert len(theirs.state[doc_a].subsets) > 1  # the strings went past the first subset


def test_a_damaged_face_is_a_problem_when_first_used(tmp_path):
    """Registering no longer reads the file, so a file that looks like TrueType but is damaged is
    said (as an error naming the family and file, not a traceback) when a document first uses it."""
    import pytest

    from briefpdf.fontcache import LazyTTFont
    from briefpdf.problems import BriefError

    damaged = tmp_path / "Damaged-Regular.ttf"
    damaged.write_bytes(b"\x00\x01\x00\x00" + b"\x00\x09" + b"\xff" * 200)
    font = LazyTTFont("t-damaged", str(damaged), "damaged-family")
    with pytest.raises(BriefError) as err:
        font.stringWidth("x", 10)
    assert "font family 'damaged-family' cannot be embedded: Damaged-Regular.ttf" in err.value.problems[0].message
