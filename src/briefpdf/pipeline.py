"""One render: style + source -> checked text -> the engine's bytes -> atomic file.

The engine (briefpdf.engine) keeps each style's fonts and paragraph styles per process, keyed
on the style's value, so a batch pays for them once and an edited style is never stale.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import engine
from .atomic import refuse_overwriting, write_atomic
from .checks import DEFAULT, Checked, Checks
from .checks import run as run_checks
from .problems import BriefError, Problem
from .render_result import Rendered
from .source import Document
from .style import Style
from .style import load as load_style

if TYPE_CHECKING:
    from .diff import Comparison


def render_file(source: Path, output: Path, style: str = "default", checks: Checks = DEFAULT) -> Rendered:
    """Render `source` with the style named (or path) `style` to `output`, replaced atomically.

    Warnings do not stop it (they come back on the result) unless `checks.strict`; then, like
    errors, they fail the source and nothing is written.
    """
    refuse_overwriting(output, [source])
    loaded, doc, briefing, checked = load_checked(source, style, checks)
    checked.fail_if_strict(checks)
    built = build_checked(doc, briefing, loaded, str(source), checked.comparison(briefing))
    write_atomic(output, built.data)
    return Rendered(output, built.pages, len(built.data), checked.warnings)


def load_checked(source: Path, style: str | None, checks: Checks = DEFAULT) -> tuple[Style, Document, object, Checked]:
    """The style, the source, the source's characters against the style's fonts and the
    warnings, checked together: one BriefError with every problem (the style's first, then the
    source's in file order, then its warnings), never the first stage's alone. Without a style
    (None), neither the style nor the characters are checked."""
    from .load import check_document
    from .source import load_file

    problems: list[Problem] = []
    loaded = doc = briefing = checked = None
    if style is not None:
        try:
            loaded = load_style(style)
        except BriefError as err:
            problems += err.problems
    found: list[Problem] = []
    try:
        doc = load_file(source)
        briefing = check_document(doc)
    except BriefError as err:
        found += err.problems
    if doc is not None and loaded is not None:
        found += glyph_problems(doc, loaded)
    if briefing is not None:
        try:
            checked = run_checks(source, doc, briefing, checks)
        except BriefError as err:  # a configuration, code set or previous version it cannot read
            found += err.problems
    problems += sorted(found, key=lambda p: (p.line, p.column))
    if problems:
        raise BriefError(problems + (list(checked.warnings) if checked else []))
    return loaded, doc, briefing, checked


def check_source(source: Path, style: Style | None) -> tuple[Document, object]:
    """(Document, Briefing) of a source file; with a style, its characters are checked against
    the style's fonts too. BriefError lists every problem, in the order of the file."""
    from .source import load_file

    doc = load_file(source)
    return doc, check_parsed(doc, style)


def check_parsed(doc: Document, style: Style | None):
    """The Briefing of a parsed source, checked against the schema, the model's rules and (with a
    style) the style's fonts, every problem at once."""
    from .load import check_document

    problems: list[Problem] = []
    briefing = None
    try:
        briefing = check_document(doc)
    except BriefError as err:
        problems += err.problems
    if style is not None:
        problems += glyph_problems(doc, style)
    if problems:
        raise BriefError(sorted(problems, key=lambda p: (p.line, p.column)))
    return briefing


def build_checked(doc: Document, briefing, style: Style, name: str,
                  changes: "Comparison | None" = None) -> engine.Built:
    """The engine's bytes for a checked source; a field too large to lay out is reported where it is."""
    try:
        return engine.build(briefing, style, source=name, changes=changes)
    except engine.FieldTooLarge as err:
        raise BriefError([doc.problem(err.path, err.message, err.hint)]) from None


def build_text(text: str, name: str, style: Style, changes: "Comparison | None" = None) -> engine.Built:
    """A source given as text (called `name` in problems) -> PDF bytes, reading and writing no
    file: what a cluster worker runs, since it may not see the client's files (so what changed
    since a previous version comes already found, as `changes`)."""
    from .source import parse

    doc = parse(text, name)
    return build_checked(doc, check_parsed(doc, style), style, name, changes)


PROBE = Path(__file__).resolve().parent / "probe.yaml"  # a fictional briefing with every part of the format


def probe_style(name_or_path: str) -> list[Problem]:
    """Lay out the built-in sample briefing with the style: a style that validates yet can lay
    out no real briefing (type too large for its margins) is an error at its sizes, not at the
    first source rendered with it. The style must load (BriefError otherwise)."""
    import dataclasses

    from .style import where

    style = load_style(name_or_path)
    doc, briefing = check_source(PROBE, None)
    try:
        build_checked(doc, briefing, style, str(PROBE))
    except BriefError as err:
        at = where(name_or_path, ("sizes",), ("page",))
        return [dataclasses.replace(at, message=f"this style cannot lay out a sample briefing: {p.message}",
                                    hint="make the type sizes smaller or the margins narrower (the sample is an "
                                         "ordinary briefing with every part of the format)")
                for p in err.problems[:1]]
    return []


def glyph_problems(doc: Document, style: Style) -> list[Problem]:
    """Every run of text no font of the style can draw (it would print as empty boxes)."""
    from .glyphs import glyph_problems as find

    return find(doc, lambda ch: engine.covers(style, ch))
