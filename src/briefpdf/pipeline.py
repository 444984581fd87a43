"""One render: style + source -> checked text -> the engine's bytes -> atomic file.

The engine (briefpdf.engine) keeps each style's fonts and paragraph styles per process, keyed
on the style's value, so a batch pays for them once and an edited style is never stale.
"""

from __future__ import annotations

from pathlib import Path

from . import engine
from .atomic import refuse_overwriting, write_atomic
from .checks import DEFAULT, Checks
from .checks import run as run_checks
from .load import load_with_positions
from .problems import BriefError, Problem
from .render_result import Rendered
from .source import Document
from .style import Style
from .style import load as load_style


def render_file(source: Path, output: Path, style: str = "default", checks: Checks = DEFAULT) -> Rendered:
    """Render `source` with the style named (or path) `style` to `output`, replaced atomically.

    Warnings do not stop it (they come back on the result) unless `checks.strict`; then, like
    errors, they fail the source and nothing is written.
    """
    refuse_overwriting(output, [source])
    loaded = load_style(style)
    doc, briefing = load_with_positions(source)
    checked = run_checks(source, doc, briefing, checks)
    try:
        check_glyphs(doc, loaded)
    except BriefError as err:
        raise BriefError(err.problems + list(checked.warnings)) from None
    checked.fail_if_strict(checks)
    built = engine.build(briefing, loaded, source=str(source), changes=checked.comparison(briefing))
    write_atomic(output, built.data)
    return Rendered(output, built.pages, len(built.data), checked.warnings)


def build_text(text: str, name: str, style: Style) -> engine.Built:
    """A source given as text (called `name` in problems) -> PDF bytes, reading and writing no
    file: what a cluster worker runs, since it may not see the client's files."""
    from .load import check_document
    from .source import parse

    doc = parse(text, name)
    briefing = check_document(doc)
    check_glyphs(doc, style)
    return engine.build(briefing, style, source=name)


def check_glyphs(doc: Document, style: Style) -> None:
    """Every character must be drawable by the body font or its fallback; never an empty box.

    The common case (every character covered) asks the fonts once per distinct character of
    the whole document; only a document with a missing glyph is walked again for positions.
    """
    distinct: set[str] = set()
    for _, text in _strings(doc.data, ()):
        distinct.update(text)
    if all(ch.isspace() or engine.covers(style, ch) for ch in distinct):
        return
    problems: list[Problem] = []
    for path, text in _strings(doc.data, ()):
        for ch in dict.fromkeys(text):
            if not ch.isspace() and not engine.covers(style, ch):
                line, col = doc.where(path)
                problems.append(Problem(doc.file, line, col,
                                        f"character {ch!r} (U+{ord(ch):04X}) is not in the fonts of this style",
                                        "replace it, or choose a style whose fonts include it"))
    if problems:
        raise BriefError(problems[:50])


def _strings(data, path):
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from _strings(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _strings(v, path + (i,))
