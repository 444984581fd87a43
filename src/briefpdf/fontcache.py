"""TrueType faces parsed only when a document uses them, and their embedded subsets made once.

A family registers four faces, but a briefing usually draws with three or four of its eight;
parsing a face costs about a millisecond and a half, so a face is read when something first
asks for its metrics. Every PDF embeds a subset of each face it uses, and ReportLab builds the
subset's font program and compresses it anew for every document, though across a batch the
glyph sets repeat: the program and its compressed bytes are kept per face and glyph set, in
memory and in a cache folder on disk, so even a fresh process (a single `briefpdf render`)
finds them made. The bytes are exactly those ReportLab would make, so the PDF is unchanged.

The disk cache lives in `$BRIEFPDF_CACHE_DIR`, else `$XDG_CACHE_HOME/briefpdf`, else
`~/.cache/briefpdf`; `BRIEFPDF_CACHE_DIR=` (empty) turns it off. An entry is named by a hash of
the font file's bytes, the glyph set and the ReportLab and zlib versions, and is checked
(length and zlib's checksum) when read: a stale, truncated or foreign file is never used.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import struct
import zlib
from fnmatch import fnmatch
from functools import cached_property
from pathlib import Path
from weakref import WeakKeyDictionary

from reportlab import Version as RL_VERSION
from reportlab import rl_config
from reportlab.lib.rl_accel import instanceStringWidthTTF
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFontFace

from .pdf.fonts import TaggedSubsetFont
from .problems import BriefError, Problem

_HEADER = struct.Struct(">4sI16s")  # magic, length of the font program, a digest of its name and program
_MAGIC = b"bpf2"
_FONTS_BY_FILE: dict[str, "LazyTTFont"] = {}  # one font object per file, as ReportLab keeps one per face
KEPT = 16  # glyph sets a face keeps in memory (a batch of one kind of document uses a handful)
ON_DISK = 512  # entries the disk cache keeps; past that, the least recently written half goes


def cache_dir() -> Path | None:
    """The disk cache's folder, or None when it is turned off."""
    env = os.environ.get("BRIEFPDF_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "briefpdf"


class _Deflated:
    """A stream 'filter' named FlateDecode that hands back bytes compressed earlier: the same
    bytes ReportLab's own filter (zlib.compress at its default level) makes from the content."""

    pdfname = "FlateDecode"

    def __init__(self, data: bytes):
        self.data = data

    def encode(self, content) -> bytes:
        return self.data


class SubsetFace(TTFontFace):
    """A TrueType face that remembers the font programs of the subsets it has embedded."""

    def __init__(self, filename: str):
        super().__init__(filename)
        self._programs: dict[tuple, bytes] = {}  # glyph set -> font program
        self._deflated: dict[tuple, bytes] = {}  # glyph set -> its compressed bytes

    @cached_property
    def _digest(self) -> bytes:
        return hashlib.sha256(self._ttf_data).digest()

    def makeSubset(self, subset) -> bytes:  # noqa: N802 (ReportLab's name)
        key = tuple(subset)
        program = self._programs.pop(key, None)
        if program is None:
            program = self._from_disk(key)
            if program is None:
                program = super().makeSubset(subset)
                self._deflated[key] = zlib.compress(program)
                self._to_disk(key, program)
        self._programs[key] = program  # most recently used last
        for old in list(self._programs)[:-KEPT]:
            del self._programs[old]
            self._deflated.pop(old, None)
        return program

    def addSubsetObjects(self, doc, fontname, subset):  # noqa: N802
        ref = super().addSubsetObjects(doc, fontname, subset)
        if doc.compression:  # ReportLab compresses the program when it writes it: hand it the bytes made before
            stream = doc.idToObject.get(f"fontFile:{self.filename}({fontname})")
            deflated = self._deflated.get(tuple(subset))
            if stream is not None and deflated is not None:
                stream.filters = [_Deflated(deflated)]
        return ref

    # ---------------------------------------------------------------- on disk
    def _entry(self, key: tuple) -> Path | None:
        folder = cache_dir()
        if folder is None:
            return None
        h = hashlib.sha256(self._digest)
        h.update(f"\0{RL_VERSION}\0{zlib.ZLIB_RUNTIME_VERSION}\0{key!r}".encode())
        return folder / "subsets" / f"{h.hexdigest()}.z"

    def _from_disk(self, key: tuple) -> bytes | None:
        path = self._entry(key)
        if path is None:
            return None
        try:
            data = path.read_bytes()
            magic, size, digest = _HEADER.unpack_from(data)
            deflated = data[_HEADER.size:]
            program = zlib.decompress(deflated)
        except (OSError, struct.error, zlib.error):
            return None
        if magic != _MAGIC or len(program) != size or digest != _check(path, program):
            return None  # damaged, or another entry's bytes under this name
        self._deflated[key] = deflated
        return program

    def _to_disk(self, key: tuple, program: bytes) -> None:
        """Best effort: a cache that cannot be written only costs the next process the subsetting."""
        path = self._entry(key)
        if path is None:
            return
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(_HEADER.pack(_MAGIC, len(program), _check(path, program)) + self._deflated[key])
            os.replace(tmp, path)  # readers see the whole entry or none
            _prune(path.parent)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()


def _check(path: Path, program: bytes) -> bytes:
    return hashlib.sha256(path.name.encode() + b"\0" + program).digest()[:16]


def _prune(folder: Path) -> None:
    """Keep the disk cache small: past ON_DISK entries, remove the older half."""
    entries = [e for e in os.scandir(folder) if e.name.endswith(".z")]
    if len(entries) <= ON_DISK:
        return
    entries.sort(key=lambda e: e.stat().st_mtime_ns)
    for e in entries[: len(entries) // 2]:
        with contextlib.suppress(OSError):
            os.unlink(e.path)


class LazyTTFont(TaggedSubsetFont):
    """ReportLab's TTFont (with briefpdf's subset tags), its face parsed the first time it is asked for."""

    def __init__(self, name: str, filename: str, family: str | None = None):
        # what TTFont.__init__ sets, except `face`: tests/test_fontcache.py compares the two
        self.fontName = name
        self._filename = filename
        self._family = family or name
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)

    @cached_property
    def face(self) -> SubsetFace:
        try:
            return SubsetFace(self._filename)
        except Exception as exc:  # TTFError and the struct/IO errors of a damaged file
            raise BriefError([Problem("<style>", 1, 1, f"font family '{self._family}' cannot be embedded: "
                                                       f"{Path(self._filename).name}: {exc}")]) from None

    def stringWidth(self, text, size, encoding="utf8"):  # noqa: N802 (ReportLab's name)
        self.face  # noqa: B018 -- parsed here, in Python: through the C accelerator a damaged file's error would be lost
        return instanceStringWidthTTF(self, text, size, encoding)

    def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 (ReportLab's name)
        """ReportLab's answer, without its per-character loop when every character of `text`
        already has its code in the document's first subset (nearly every string after the
        first few): one translate. Anything else, ReportLab's own loop, then its codes are learnt."""
        state = self.state.get(doc)
        known = getattr(state, "_briefpdf_codes", None)
        if known is not None and isinstance(text, str) and known[1].issuperset(text):
            return [(0, text.translate(known[0]).encode("latin-1"))] if text else []
        result = super().splitString(text, doc, encoding)
        if isinstance(text, str):
            state = self.state[doc]
            if known is None:
                known = state._briefpdf_codes = ({}, set())
            assigned = state.assignments
            for ch in set(text):
                n = assigned.get(32 if ch == "\xa0" else ord(ch))  # ReportLab sets a no-break space as a space
                if n is not None and n < 256:
                    known[0][ord(ch)] = chr(n)
                    known[1].add(ch)
        return result


def register(name: str, path: Path, family: str | None = None) -> None:
    """Register `path` as font `name` without parsing it, as pdfmetrics.registerFont would
    (a second name for a file already registered shares its font object and subsets)."""
    key = str(path)
    font = _FONTS_BY_FILE.get(key)
    if font is None:
        font = _FONTS_BY_FILE[key] = LazyTTFont(name, key, family)
    pdfmetrics._fonts.setdefault(name, font)
    pdfmetrics.registerFontFamily(name)
