"""An up-to-date source's warnings, kept in the batch cache beside its render.

A batch reports the warnings of every source, the skipped ones too; finding them again means
reading, validating and linting each source, which made a repeat of an unchanged batch of 500
cost seconds. The warnings depend only on the source (and the previous version it names, both
in the render's cache key), the configuration that applies to it, the code-set files, the
options of the checks and briefpdf's version; they are kept with a key over all of those except
what the render's key already covers, and found again only when that key differs.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import BriefError, Problem
from .version import __version__

if TYPE_CHECKING:
    from .checks import Checks


def checks_key(source: Path, checks: "Checks", digest) -> str | None:
    """A hash of what a source's checks read besides the source; None when it cannot be made
    (a configuration or code-set file that cannot be read: the checks say why)."""
    from . import config as project

    try:
        settings = project.for_source(source)
        files = (tuple(project.CodeFile(Path(p)) for p in checks.codes) if checks.codes is not None
                 else settings.codes)
        h = hashlib.sha256(_bytes(f"briefpdf {__version__}\0{source}\0{checks!r}\0"))
        if settings.file is not None:
            h.update(_bytes(f"{settings.file}\0") + digest(Path(settings.file)))
        for f in files:
            h.update(_bytes(f"\0{f!r}\0") + digest(Path(f.path)))
    except (BriefError, OSError):
        return None
    return h.hexdigest()


def _bytes(text: str) -> bytes:
    """A path's text as the file system's bytes: a name that is not UTF-8 keeps its raw bytes."""
    return text.encode("utf-8", "surrogateescape")


def dump(warnings: tuple[Problem, ...]) -> list[list]:
    return [[w.file, w.line, w.column, w.message, w.hint, w.severity, w.code] for w in warnings]


def load(data: object) -> tuple[Problem, ...] | None:
    """The warnings kept in a cache entry, or None if they are not there in the shape dump wrote."""
    if not isinstance(data, list):
        return None
    out = []
    for row in data:
        if not (isinstance(row, list) and len(row) == 7 and isinstance(row[0], str) and isinstance(row[3], str)
                and all(type(v) is int for v in row[1:3]) and all(v is None or isinstance(v, str) for v in row[4:])):
            return None
        out.append(Problem(*row))
    return tuple(out)
