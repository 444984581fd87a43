"""One render: source + style -> checked text -> story -> bytes -> atomic file.

Styles and their themes (fonts, paragraph styles) are cached per process, so a batch pays
for them once.
"""

from __future__ import annotations

from pathlib import Path

from .layout.typography import Theme
from .load import load_with_positions
from .pdf.build import Built, build_pdf
from .pdf.save import refuse_overwriting, write_atomic
from .problems import BriefError, Problem
from .render_result import Rendered
from .source import Document
from .style import load as load_style

_THEMES: dict[int, tuple[object, Theme]] = {}


def theme_for(style: str) -> Theme:
    """The style's Theme, built once per loaded Style: `style.load` returns the same object while
    the style's files are unchanged, so an edited style gets a new Theme (never keyed on a name)."""
    loaded = load_style(style)
    hit = _THEMES.get(id(loaded))
    if hit is None or hit[0] is not loaded:
        if len(_THEMES) >= 8:
            _THEMES.clear()
        hit = _THEMES[id(loaded)] = (loaded, Theme(loaded))
    return hit[1]


def render_file(source: Path, output: Path, style: str = "default") -> Rendered:
    refuse_overwriting(output, [source])
    theme = theme_for(style)
    doc, briefing = load_with_positions(source)
    check_glyphs(doc, theme)
    built = build_pdf(briefing, theme, source=str(source))
    write_atomic(output, built.data)
    return Rendered(output, built.pages, len(built.data))


def build_text(text: str, name: str, theme: Theme) -> Built:
    """A source given as text (called `name` in problems) -> PDF bytes, reading and writing no
    file: what a cluster worker runs, since it may not see the client's files."""
    from .load import check_document
    from .source import parse

    doc = parse(text, name)
    briefing = check_document(doc)
    check_glyphs(doc, theme)
    return build_pdf(briefing, theme, source=name)


def check_glyphs(doc: Document, theme: Theme) -> None:
    """Every character must be drawable by the body font or its fallback; never an empty box.

    The common case (every character covered) asks the fonts once per distinct character of
    the whole document; only a document with a missing glyph is walked again for positions.
    """
    distinct: set[str] = set()
    for _, text in _strings(doc.data, ()):
        distinct.update(text)
    if all(ch.isspace() or theme.covered_anywhere(ch) for ch in distinct):
        return
    problems: list[Problem] = []
    for path, text in _strings(doc.data, ()):
        for ch in dict.fromkeys(text):
            if not ch.isspace() and not theme.covered_anywhere(ch):
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

