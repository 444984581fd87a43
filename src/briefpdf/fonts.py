"""Font families from PyPI font packages (fontpkg-*), registered with ReportLab once.

A family is named by its package slug ("atkinson-hyperlegible" -> `fontpkg_atkinson_hyperlegible`).
The package module is imported directly and its metadata.json read, which costs a fraction of
the registry scan that `fontpkg.family()` does on every process start.
"""

from __future__ import annotations

import importlib
import json
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .problems import BriefError, Problem

FACES = (("regular", 400, "normal"), ("bold", 700, "normal"), ("italic", 400, "italic"), ("bold_italic", 700, "italic"))


@dataclass(frozen=True)
class Family:
    """A registered family: the ReportLab font names of its four faces, and its coverage."""

    slug: str
    regular: str
    bold: str
    italic: str
    bold_italic: str
    files: tuple

    def covers(self, ch: str) -> bool:
        return ord(ch) in _charmap(self.regular)

    @property
    def faces(self) -> tuple[str, str, str, str]:
        return (self.regular, self.bold, self.italic, self.bold_italic)


def has_glyph(font_name: str, ch: str) -> bool:
    return ord(ch) in _charmap(font_name)


def package_dir(slug: str) -> Path | None:
    try:
        module = importlib.import_module("fontpkg_" + slug.replace("-", "_"))
    except ImportError:
        return None
    return Path(module.__file__).resolve().parent


@lru_cache(maxsize=None)
def face_files(slug: str) -> tuple[Path, ...]:
    """The four face files of a family; read once per process (style checks, fingerprints and
    registration all ask, and each ask re-read metadata.json)."""
    root = package_dir(slug)
    if root is None:
        raise LookupError(f"font family '{slug}' is not installed (pip install fontpkg-{slug})")
    try:
        meta = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
        static = [f for f in meta["files"] if not f.get("variable")]
        if not static:
            raise LookupError(f"font family '{slug}' ships only variable fonts, which cannot be embedded per weight")
        out = []
        for _, weight, style in FACES:
            candidates = [f for f in static if f["style"] == style] or [f for f in static if f["style"] == "normal"]
            best = min(candidates, key=lambda f: abs(int(f["weight"]) - weight))
            out.append(root / best["path"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:  # a package not laid out as fontpkg's
        raise LookupError(f"font family '{slug}' is installed but its package cannot be read "
                          f"({type(exc).__name__}: {exc}); reinstall fontpkg-{slug}") from None
    for path in out:
        problem = _not_embeddable(path)
        if problem:
            raise LookupError(f"font family '{slug}': {path.name} {problem}")
    return tuple(out)


def _not_embeddable(path: Path) -> str | None:
    """Why ReportLab could not embed the file, from its first bytes (TrueType outlines only), or None."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc}); reinstall the package"
    if head == b"OTTO":
        return "has PostScript (CFF) outlines, which cannot be embedded; choose a TrueType family"
    if head not in (b"\x00\x01\x00\x00", b"true"):
        return "is not a TrueType font file"
    return None


@lru_cache(maxsize=None)
def register(slug: str) -> Family:
    """Register the family's four faces with ReportLab (once per process) and return it; a face
    is parsed only when a document first uses it (fontcache)."""
    from reportlab.lib.fonts import addMapping

    from . import fontcache

    files = face_files(slug)
    names = []
    for (face, _, _), path in zip(FACES, files, strict=True):
        name = f"{slug}-{face}"
        fontcache.register(name, path, family=slug)  # a damaged file is said when a document first uses it
        names.append(name)
    for (_, weight, style), name in zip(FACES, names, strict=True):
        addMapping(names[0], int(weight >= 700), int(style == "italic"), name)
    return Family(slug, *names, files=files)


@lru_cache(maxsize=None)
def _charmap(font_name: str) -> dict:
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.getFont(font_name).face.charToGlyph


def family_problem(slug: str, file: str, line: int, column: int) -> Problem | None:
    """A Problem if the family cannot be used, for style validation."""
    try:
        face_files(slug)
    except LookupError as exc:
        return Problem(file, line, column, str(exc))
    return None


def require(slug: str) -> Family:
    try:
        return register(slug)
    except LookupError as exc:
        raise BriefError([Problem("<style>", 1, 1, str(exc))]) from None


# ------------------------------------------------------------------------------ metrics: one face beside another
@dataclass(frozen=True)
class Metrics:
    """Heights of a face in em, read from its glyph outlines: what setting one face beside
    another needs (a figure font's digits at the body's digit height, a fallback glyph at the
    body's x-height, an arrow on the body's axis)."""

    x_height: float
    cap_height: float
    digit_height: float
    axis: float  # the height an operator or arrow is centred on (the middle of "+")
    operator_height: float  # the ink height of "+"


@lru_cache(maxsize=None)
def glyph_box(font_name: str, ch: str) -> tuple[float, float, float, float] | None:
    """The ink box (x0, y0, x1, y1) of a character in em, from the glyph table; None if the
    face has no outline for it."""
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(font_name).face
    gid = face.charToGlyph.get(ord(ch))
    if gid is None or gid + 1 >= len(face.glyphPos):
        return None
    start, end = face.glyphPos[gid], face.glyphPos[gid + 1]
    if end - start < 10:
        return None  # an empty glyph (a space)
    x0, y0, x1, y1 = struct.unpack(">4h", _glyf(font_name)[start + 2:start + 10])
    em = face.unitsPerEm
    return x0 / em, y0 / em, x1 / em, y1 / em


@lru_cache(maxsize=None)
def _glyf(font_name: str) -> bytes:
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.getFont(font_name).face.get_table("glyf")


@lru_cache(maxsize=None)
def metrics(font_name: str) -> Metrics:
    def top(ch: str, default: float) -> float:
        box = glyph_box(font_name, ch)
        return box[3] if box else default

    x = top("x", 0.5)
    plus = glyph_box(font_name, "+")
    return Metrics(x_height=x, cap_height=top("H", 0.7), digit_height=top("0", 0.7),
                   axis=(plus[1] + plus[3]) / 2 if plus else x / 2,
                   operator_height=plus[3] - plus[1] if plus else x)


FLOATING = 0.12  # em above the baseline: an ink box starting higher floats (arrows, operators)


@lru_cache(maxsize=4096)
def fit(guest: str, base: str, text: str, figures: bool) -> tuple[float, float]:
    """(scale, rise in em of the base size) that set `text` in the guest face beside the base face.

    Figures match the base's digit height. A fallback run matches the base's x-height on the
    same baseline; a run whose glyphs all float between the baseline and the cap height (an
    arrow, an operator; not a prime, which hangs from the top) is as tall as the base's "+"
    and centred on the base's axis instead, where the base's own operators sit.
    """
    g, b = metrics(guest), metrics(base)
    if figures:
        return b.digit_height / g.digit_height, 0.0
    scale = b.x_height / g.x_height
    boxes = [glyph_box(guest, ch) for ch in text if not ch.isspace()]
    if boxes and all(box and box[1] > FLOATING and box[3] < g.cap_height * 0.9 for box in boxes):
        low, high = min(box[1] for box in boxes), max(box[3] for box in boxes)
        scale = b.operator_height / (high - low)  # as tall as the base's own "+"
        return scale, b.axis - (low + high) / 2 * scale
    return scale, 0.0
