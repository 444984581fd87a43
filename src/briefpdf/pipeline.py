"""One render: style + source -> checked text -> the engine's bytes -> atomic file.

The engine (briefpdf.engine) keeps each style's fonts and paragraph styles per process, keyed
on the style's value, so a batch pays for them once and an edited style is never stale.
"""

from __future__ import annotations

from pathlib import Path

from . import engine
from .atomic import refuse_overwriting, write_atomic
from .problems import BriefError, Problem
from .render_result import Rendered
from .source import Document
from .style import Style
from .style import load as load_style


def render_file(source: Path, output: Path, style: str = "default") -> Rendered:
    """Render `source` with the style named (or path) `style` to `output`, replaced atomically."""
    refuse_overwriting(output, [source])
    loaded, doc, briefing = load_checked(source, style)
    built = build_checked(doc, briefing, loaded, str(source))
    write_atomic(output, built.data)
    return Rendered(output, built.pages, len(built.data))


def load_checked(source: Path, style: str) -> tuple[Style, Document, object]:
    """The style, the source and the source's characters against the style's fonts, checked
    together: one BriefError with every problem of the three (the style's first), never the
    first stage's alone."""
    problems: list[Problem] = []
    loaded = None
    try:
        loaded = load_style(style)
    except BriefError as err:
        problems += err.problems
    try:
        doc, briefing = check_source(source, loaded)
    except BriefError as err:
        problems += err.problems
    if problems:
        raise BriefError(problems)
    return loaded, doc, briefing


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


def build_checked(doc: Document, briefing, style: Style, name: str) -> engine.Built:
    """The engine's bytes for a checked source; a field too large to lay out is reported where it is."""
    try:
        return engine.build(briefing, style, source=name)
    except engine.FieldTooLarge as err:
        raise BriefError([doc.problem(err.path, err.message, err.hint)]) from None


def build_text(text: str, name: str, style: Style) -> engine.Built:
    """A source given as text (called `name` in problems) -> PDF bytes, reading and writing no
    file: what a cluster worker runs, since it may not see the client's files."""
    from .source import parse

    doc = parse(text, name)
    return build_checked(doc, check_parsed(doc, style), style, name)


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
