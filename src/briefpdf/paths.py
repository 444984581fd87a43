"""Command-line PATH arguments (files, folders, globs) -> the source files they name, where
an output goes, and reading a named file without ever blocking on a FIFO.

Only `os.path` tests are used on what the user typed: they answer False for a name too long
or with a NUL, where `Path.is_dir()` raises.
"""

from __future__ import annotations

import glob
import os
import stat
from pathlib import Path

from .problems import BriefError, Problem

SUFFIXES = (".yaml", ".yml")


def expand(args: list[str]) -> list[Path]:
    """Files as given, folders as their *.yaml files (sorted), globs expanded; no duplicates.

    A *.yaml entry that is not a regular file (a FIFO, a socket, a dangling link) is kept,
    so that reading it reports it with the others; reading never opens it. Folders named
    *.yaml inside a folder are skipped: they are not sources.
    """
    out: dict[Path, None] = {}
    problems = []
    for arg in args:
        path = Path(arg)
        if os.path.isdir(arg):
            found = sorted(p for p in _entries(path) if p.suffix in SUFFIXES and not os.path.isdir(p))
            if not found:
                problems.append(Problem(arg, 1, 1, "folder holds no .yaml sources"))
            out.update(dict.fromkeys(found))
        elif is_pattern(arg):
            found = sorted(Path(p) for p in glob.glob(arg, recursive=True)
                           if Path(p).suffix in SUFFIXES and not os.path.isdir(p))
            if not found:
                problems.append(Problem(arg, 1, 1, "pattern matches no .yaml sources"))
            out.update(dict.fromkeys(found))
        else:
            out[path] = None  # missing files are reported by the reader, with the others
    if problems:
        raise BriefError(problems)
    return list(out)


def _entries(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError as exc:
        raise BriefError([Problem(str(folder), 1, 1, f"cannot list folder: {exc.strerror or exc}")]) from None


def is_pattern(arg: str) -> bool:
    return any(ch in arg for ch in "*?[") and not os.path.lexists(arg)


def names_one_file(args: list[str]) -> bool:
    """True when the arguments are a single file name (not a folder or pattern): a plain render."""
    return len(args) == 1 and not os.path.isdir(args[0]) and not is_pattern(args[0])


def default_output(source: str | Path, out_dir: str | Path = "out") -> Path:
    """Where a source's PDF goes unless -o says otherwise: OUT_DIR/NAME.pdf."""
    return Path(out_dir) / (Path(source).stem + ".pdf")


def names_folder(output: str) -> bool:
    """True when -o names a folder to write into, like `cp`: an existing folder, or a name
    ending in a slash (the folder is then created)."""
    return output.endswith(("/", os.sep)) or os.path.isdir(output)


def output_for(output: str | None, source: str | Path, out_dir: str | Path = "out") -> Path:
    """The output of one source: -o as given, FOLDER/NAME.pdf when -o names a folder, else
    OUT_DIR/NAME.pdf."""
    if output is None:
        return default_output(source, out_dir)
    return default_output(source, output) if names_folder(output) else Path(output)


def read_regular(path: Path, limit: int = 64 << 20) -> bytes | None:
    """The bytes of a regular file of at most `limit` bytes, else None. A FIFO or a device is
    never opened for reading (a FIFO named *.yaml would block the batch forever); the file
    is opened non-blocking and checked again after opening, in case it was swapped."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError):
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        data = fh.read(limit + 1)
    return data if len(data) <= limit else None
