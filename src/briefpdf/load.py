"""Source file -> validated Briefing: source (YAML with positions), schema, then the model's rules.

The first stage every command shares; knows nothing of styles, fonts or ReportLab.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .problems import BriefError

if TYPE_CHECKING:
    from .source import Document


def load_with_positions(path: str | Path) -> tuple["Document", object]:
    """(Document with line:column positions, validated Briefing); BriefError lists every problem."""
    from .source import load_file

    doc = load_file(path)
    return doc, check_document(doc)


def check_document(doc: "Document"):
    """The validated Briefing of a parsed source, wherever its text came from (a file, or a
    cluster task that carries the text); BriefError lists every problem."""
    from .model import Briefing, check
    from .schema import validate

    briefing, problems = validate(Briefing, doc)
    if briefing is not None:
        problems = sorted(problems + check(briefing, doc), key=lambda p: (p.line, p.column))
    if problems:
        raise BriefError(problems)
    return briefing


def load(path: str | Path):
    """Read and validate a source file into a `Briefing`; raises BriefError listing every problem."""
    return load_with_positions(path)[1]
