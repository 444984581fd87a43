"""The warnings stage: after a source loads, read what its checks need and run them.

Reads the project configuration (config.py), the code-set files (codeset.py) and a previous
version of the source (named with `--previous` or `previous:` in the source), then hands them to
the pure rules in lint/. Render, validate and bundle all pass through here, so they warn alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from . import config as project
from .problems import BriefError, Problem

if TYPE_CHECKING:
    from .diff import Comparison
    from .model import Briefing
    from .source import Document


@dataclass(frozen=True)
class Checks:
    """What the command line (or a library caller) asks of the checks, over the configuration."""

    codes: Optional[tuple[str, ...]] = None  # code-set files: replace the configuration's when given
    strict: bool = False  # a warning fails the source as an error does
    previous: Optional[str] = None  # the previous version, over `previous:` in the source


DEFAULT = Checks()


@dataclass(frozen=True)
class Checked:
    """The warnings of one source, and its previous version when one is named."""

    warnings: tuple[Problem, ...]
    previous: Optional["Briefing"] = None

    def comparison(self, briefing: "Briefing") -> Optional["Comparison"]:
        """What changed since the previous version (None without one): the What changed box."""
        if self.previous is None:
            return None
        from .diff import comparison

        return comparison(self.previous, briefing)

    def fail_if_strict(self, checks: Checks) -> None:
        if checks.strict and self.warnings:
            raise BriefError(list(self.warnings))


def run(source: str | Path, doc: "Document", briefing: "Briefing", checks: Checks = DEFAULT,
        settings: project.Config | None = None) -> Checked:
    """Every active rule on a loaded source. BriefError for an input the checks cannot read (the
    configuration, a code-set file, a previous version that is missing or invalid)."""
    from .codeset import load_all
    from .lint import Context, lint

    settings = settings if settings is not None else project.for_source(source)
    files = (tuple(project.CodeFile(Path(p)) for p in checks.codes) if checks.codes is not None
             else settings.codes)
    codes = load_all(files) if files else None
    previous, where = _previous(Path(source), doc, briefing, checks.previous)
    ctx = Context(briefing, doc, settings, codes, previous, where)
    return Checked(tuple(lint(ctx)), previous)


def check_file(source: str | Path, checks: Checks = DEFAULT) -> tuple["Document", "Briefing", Checked]:
    """Load a source and run its checks: what `validate` does. BriefError lists the errors."""
    from .load import load_with_positions

    doc, briefing = load_with_positions(source)
    return doc, briefing, run(source, doc, briefing, checks)


_PREVIOUS_KEY = re.compile(rb"""^previous:[ \t]*(["']?)([^"'\r\n#]+?)\1[ \t]*(?:#.*)?$""", re.M)


def previous_bytes(source: Path, data: bytes) -> bytes:
    """The bytes of the previous version a source's text names (b"" if none): part of a batch's
    cache key, so an edited previous version renders the box again. A scan of the text, not a
    parse: the render reads it properly."""
    m = _PREVIOUS_KEY.search(data) if b"previous:" in data else None
    if m is None:
        return b""
    try:
        return b"\0previous\0" + (source.parent / m.group(2).decode("utf-8", "replace")).read_bytes()
    except OSError:
        return b"\0previous missing\0"


def _previous(source: Path, doc: "Document", b: "Briefing",
              given: Optional[str]) -> tuple[Optional["Briefing"], Optional[tuple]]:
    """(the previous version, the path of the key that names it: None when the command line does)."""
    from .load import load_with_positions

    if given is not None:
        path, named, where = Path(given), None, None
    elif b.previous:
        path, named, where = source.parent / b.previous, b.previous, ("previous",)
    else:
        return None, None
    if path.resolve() == source.resolve():
        raise BriefError([_not_found(doc, given, named, "names this source itself", "name the older version's file")])
    if not path.is_file():
        raise BriefError([_not_found(doc, given, named, f"{path} is not a file",
                                     "give the path of the previous version's source"
                                     + (", relative to this source" if named else ""))])
    return load_with_positions(path)[1], where


def _not_found(doc: "Document", given: Optional[str], named: Optional[str], what: str, hint: str) -> Problem:
    if named is not None:
        return doc.problem(("previous",), f"previous version '{named}': {what}", hint)
    return Problem(str(given), 1, 1, f"--previous: {what}", hint)
