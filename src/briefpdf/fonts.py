"""Font families from PyPI font packages (fontpkg-*), registered with ReportLab once.

A family is named by its package slug ("atkinson-hyperlegible" -> `fontpkg_atkinson_hyperlegible`).
The package module is imported directly and its metadata.json read, which costs a fraction of
the registry scan that `fontpkg.family()` does on every process start.
"""

from __future__ import annotations

import importlib
import json
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
