"""Command-line PATH arguments (files, folders, globs) -> the source files they name."""

from __future__ import annotations

import glob
from pathlib import Path

from .problems import BriefError, Problem

SUFFIXES = (".yaml", ".yml")


def expand(args: list[str]) -> list[Path]:
    """Files as given, folders as their *.yaml files (sorted), globs expanded; no duplicates."""
    out: dict[Path, None] = {}
    problems = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and p.is_file())
            if not found:
                problems.append(Problem(arg, 1, 1, "folder holds no .yaml sources"))
            out.update(dict.fromkeys(found))
        elif is_pattern(arg):
            found = sorted(Path(p) for p in glob.glob(arg, recursive=True) if Path(p).suffix in SUFFIXES)
            if not found:
                problems.append(Problem(arg, 1, 1, "pattern matches no .yaml sources"))
            out.update(dict.fromkeys(found))
        else:
            out[path] = None  # missing files are reported by the reader, with the others
    if problems:
        raise BriefError(problems)
    return list(out)


def is_pattern(arg: str) -> bool:
    return any(ch in arg for ch in "*?[") and not Path(arg).exists()


def names_one_file(args: list[str]) -> bool:
    """True when the arguments are a single file name (not a folder or pattern): a plain render."""
    return len(args) == 1 and not Path(args[0]).is_dir() and not is_pattern(args[0])


def default_output(source: str | Path, out_dir: str | Path = "out") -> Path:
    """Where a source's PDF goes unless -o says otherwise: OUT_DIR/NAME.pdf."""
    return Path(out_dir) / (Path(source).stem + ".pdf")
