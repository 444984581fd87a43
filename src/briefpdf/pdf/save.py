"""Atomic replace: a PDF reaches its path whole or not at all.

The bytes go to a temporary file in the target's folder (same file system, so the final
rename is atomic), are flushed to disk, then renamed over the target. On any failure,
Ctrl-C included, the temporary file is removed and the previous PDF is untouched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..problems import BriefError, Problem


def write_atomic(path: Path, data: bytes) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise BriefError([Problem(str(path), 1, 1, f"cannot write output: {exc.strerror or exc}",
                                  "choose another folder with -o, or check its permissions")]) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise BriefError([Problem(str(path), 1, 1, f"cannot write output: {exc.strerror or exc}")]) from None
        raise
