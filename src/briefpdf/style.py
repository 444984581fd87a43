"""styles/*.yaml -> a typed Style. A style may `extends:` another and override only what differs.

Lookup order for `--style NAME`: the project's `styles/NAME.yaml` (current folder), then the
styles shipped inside the package. `--style path/to/file.yaml` names a file.

Loading is cached per process on what a style depends on (the text of its file and of every
file it extends, where they are, the logo's size and time), never on the name: a style
edited between two renders in one process is read again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Optional

from .problems import BriefError, Problem, did_you_mean
from .schema import spec, validate
from .source import Document, parse, read_text
from .stylecheck import contrast_problems, font_problems, geometry_problems, logo_problem

PACKAGE_STYLES = Path(__file__).resolve().parent / "styles"
LENGTH = r"\d+(\.\d+)?\s*(pt|in|mm|cm)?"
LENGTH_HINT = "a length is a number with pt, in, mm or cm, e.g. 0.9in or 22mm"
COLOR = r"#[0-9a-fA-F]{6}"
COLOR_HINT = "a colour is # and six hex digits, e.g. #1d4f7c"
FAMILY = r"[a-z0-9]+(-[a-z0-9]+)*"  # a fontpkg package's name, never a path or a dotted module
FAMILY_HINT = "a font family is its fontpkg name in lower case, e.g. atkinson-hyperlegible or ibm-plex-mono"
_UNITS = {"pt": 1.0, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54, None: 1.0}


@dataclass
class Page:
    """Paper and margins."""

    size: Literal["letter", "a4", "legal"] = spec("Paper size.")
    margin_top: str = spec("Top margin, e.g. 0.9in or 22mm.", pattern=LENGTH, pattern_hint=LENGTH_HINT)
    margin_bottom: str = spec("Bottom margin.", pattern=LENGTH, pattern_hint=LENGTH_HINT)
    margin_left: str = spec("Left margin.", pattern=LENGTH, pattern_hint=LENGTH_HINT)
    margin_right: str = spec("Right margin.", pattern=LENGTH, pattern_hint=LENGTH_HINT)


@dataclass
class Fonts:
    """Font families, by their fontpkg name (pip install fontpkg-NAME)."""

    body: str = spec("Family for body text.", example="atkinson-hyperlegible", pattern=FAMILY, pattern_hint=FAMILY_HINT)
    heading: str = spec("Family for headings.", pattern=FAMILY, pattern_hint=FAMILY_HINT)
    mono: str = spec("Family for codes and modifiers; also the fallback for characters the body font lacks.",
                     pattern=FAMILY, pattern_hint=FAMILY_HINT)
    figures: str = spec("Family for money: tabular lining figures with a plain zero, so amounts line up "
                        "and read as amounts.", default="lato", pattern=FAMILY, pattern_hint=FAMILY_HINT)


@dataclass
class Sizes:
    """Type sizes and leading in points."""

    title: float = spec("Document title.", minimum=6)
    h2: float = spec("Section heading.", minimum=6)
    h3: float = spec("Subsection heading.", minimum=6)
    body: float = spec("Body text.", minimum=6)
    leading: float = spec("Body line spacing.", minimum=6)
    table: float = spec("Table text.", minimum=6)
    small: float = spec("Running header, footer and disclaimer (8 pt or more).", minimum=8)


@dataclass
class Colors:
    """Colours as #rrggbb."""

    accent: str = spec("Headings, the code label and rules.", pattern=COLOR, pattern_hint=COLOR_HINT)
    text: str = spec("Body text.", pattern=COLOR, pattern_hint=COLOR_HINT)
    muted: str = spec("Secondary text (footer, captions); keep it dark enough to read.", pattern=COLOR,
                      pattern_hint=COLOR_HINT)
    rule: str = spec("Thin rules and table lines.", pattern=COLOR, pattern_hint=COLOR_HINT)
    table_header: str = spec("Table header background.", pattern=COLOR, pattern_hint=COLOR_HINT)
    zebra: str = spec("Alternate table row background.", pattern=COLOR, pattern_hint=COLOR_HINT)
    panel: str = spec("Background of the at-a-glance panel.", pattern=COLOR, pattern_hint=COLOR_HINT)
    chart: list[str] = spec("Bar colours of the reimbursement chart.", pattern=COLOR,
                       pattern_hint=COLOR_HINT, min_items=1)


@dataclass
class Spacing:
    """Vertical rhythm in points."""

    paragraph: float = spec("Space after a paragraph.", minimum=0)
    section: float = spec("Space before a section heading.", minimum=0)


@dataclass
class Options:
    """Switches."""

    toc: bool = spec("Add a table of contents after the title block.", default=False)
    grayscale: bool = spec("Draw everything in greys (for black-and-white printers).", default=False)
    logo: Optional[str] = spec(
        "A PNG or JPEG logo for the title block, relative to the style file's folder (it may not leave "
        "that folder). After loading, the checked absolute path.", default=None, example="logo.png")


@dataclass
class Style:
    """How a briefing looks."""

    page: Page = spec("Paper and margins.")
    fonts: Fonts = spec("Font families.")
    sizes: Sizes = spec("Type sizes.")
    colors: Colors = spec("Colours.")
    spacing: Spacing = spec("Spacing.")
    options: Options = spec("Switches.", default=None)
    name: str = spec("The style's name, shown nowhere but in messages.", default="custom")
    extends: Optional[str] = spec("Name or path of a style this one builds on.", default=None)

    def paper(self) -> tuple[float, float]:
        """Width and height of the paper in points."""
        return PAPER[self.page.size]

    def frame(self) -> tuple[float, float]:
        """Width and height of the text area (paper less margins) in points."""
        width, height = self.paper()
        p = self.page
        return (width - self.length(p.margin_left) - self.length(p.margin_right),
                height - self.length(p.margin_top) - self.length(p.margin_bottom))

    def length(self, value: str) -> float:
        m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(pt|in|mm|cm)?", value.strip())
        return float(m.group(1)) * _UNITS[m.group(2)]


def available() -> list[str]:
    names = {p.stem for p in PACKAGE_STYLES.glob("*.yaml")}
    names |= {p.stem for p in Path("styles").glob("*.yaml")} if Path("styles").is_dir() else set()
    return sorted(names)


def resolve(name_or_path: str, relative_to: Path | None = None) -> Path:
    """The file a style name or path refers to, or a BriefError listing the styles there are."""
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml"):
        if relative_to is not None and not candidate.is_absolute():
            candidate = relative_to / candidate
        return candidate
    for folder in ([relative_to] if relative_to else []) + [Path("styles"), PACKAGE_STYLES]:
        path = folder / f"{name_or_path}.yaml"
        if path.is_file():
            return path
    names = available()
    close = did_you_mean(name_or_path, names)
    hint = (close + " " if close else "") + f"available styles: {', '.join(names)}"
    raise BriefError([Problem(name_or_path, 1, 1, f"unknown style '{name_or_path}'", hint)])


def load(name_or_path: str = "default") -> Style:
    """Read, merge (`extends`) and validate a style.

    While the style's files (and its logo) are unchanged, the same Style object is returned,
    so callers may cache what they build from it on the object; treat it as read-only.
    """
    docs = _chain(resolve(name_or_path), seen=())
    key = tuple((d.file, str(Path(d.file).resolve()), text) for d, text in docs)
    hit = _STYLES.get(key)
    if hit is not None and hit[0] == _logo_stamp(hit[1]):
        return hit[1]
    style = _build([d for d, _ in docs])
    _remember(_STYLES, key, (_logo_stamp(style), style))
    return style


def chain_files(name_or_path: str = "default") -> list[Path]:
    """The style's file and every file it `extends`, resolved, the farthest ancestor first:
    the files a render with this style reads (batch fingerprints them, watch watches them)."""
    return [Path(d.file).resolve() for d, _ in _chain(resolve(name_or_path), seen=())]


def where(name_or_path: str, *paths: tuple) -> Problem:
    """A place to report a problem of the whole style at: the first of `paths` (keys such as
    ("sizes",)) the style or one of its ancestors sets, in the nearest file that sets it."""
    docs = [d for d, _ in _chain(resolve(name_or_path), seen=())]
    for path in paths:
        for d in reversed(docs):
            if path in d.positions:
                return d.problem(path, "", at_key=True)
    return Problem(docs[-1].file, 1, 1, "")


def _build(docs: list[Document]) -> Style:
    merged = Document(docs[-1].file, {})
    for d in docs:  # parent first, child last: the child's keys and positions win
        merged.data = _merge(merged.data, d.data)
        merged.positions.update(d.positions)
        merged.key_positions.update(d.key_positions)
        for path in d.positions:  # a key the child sets is written as the child wrote it, or not at all
            merged.written.pop(path, None)
        merged.written.update(d.written)
        merged.files.update({path: d.file for path in d.positions})  # problems name the file that set the key
    style, problems = validate(Style, merged)
    if style is None:  # not a mapping at all: nothing more to check
        raise BriefError(problems)
    problems += font_problems(style, merged)
    problems += geometry_problems(style, merged)
    problems += contrast_problems(style, merged)
    logo = logo_problem(style, merged)
    problems += [logo] if logo else []
    if problems:
        raise BriefError(sorted(problems, key=lambda p: (p.file, p.line, p.column)))
    if style.options is None:
        style.options = Options()
    return style


_CACHE_SIZE = 16
_DOCS: dict[tuple[str, str], Document] = {}  # (file as named, its text) -> parsed
_STYLES: dict[tuple, tuple[object, Style]] = {}  # the chain's (file, resolved path, text)s -> (logo stamp, Style)


def _remember(cache: dict, key, value) -> None:
    """Keep the newest entries; a process rarely sees more than a handful of styles."""
    cache[key] = value
    while len(cache) > _CACHE_SIZE:
        del cache[next(iter(cache))]


def _logo_stamp(style: Style):
    """The logo file's identity, size and time: a replaced or deleted logo loads the style again."""
    logo = style.options.logo
    if logo is None:
        return None
    try:
        st = Path(logo).stat()
    except OSError:
        return "missing"
    return (st.st_ino, st.st_size, st.st_mtime_ns)


PAPER = {"letter": (612.0, 792.0), "a4": (595.2755905511812, 841.8897637795277), "legal": (612.0, 1008.0)}


def _chain(path: Path, seen: tuple) -> list[tuple[Document, str]]:
    """(Document, text) of the style file and its ancestors, the farthest ancestor first."""
    if path.resolve() in seen:
        raise BriefError([Problem(str(path), 1, 1, "style extends itself (a loop of 'extends')")])
    doc, text = _document(path)
    if not isinstance(doc.data, dict):
        raise BriefError([doc.problem((), "a style must be a mapping of settings",
                                      "start from styles/default.yaml, or write 'extends: default' and the keys to change")])
    parent = doc.data.get("extends")
    if parent is None:
        return [(doc, text)]
    if not isinstance(parent, str):
        raise BriefError([doc.problem(("extends",), "'extends' must be a style name or path")])
    try:
        parent_path = resolve(parent, relative_to=path.parent)
    except BriefError as err:  # point at the 'extends:' line, not at a file called like the name
        raise BriefError([doc.problem(("extends",), p.message, p.hint) for p in err.problems]) from None
    if parent_path.resolve() in seen + (path.resolve(),):
        raise BriefError([doc.problem(("extends",), f"style extends itself: '{parent}' leads back to {path}",
                                      "remove the 'extends' line from one of them")])
    if not parent_path.exists():
        raise BriefError([doc.problem(("extends",), f"style '{parent}' does not exist", f"looked for {parent_path}")])
    return _chain(parent_path, seen + (path.resolve(),)) + [(doc, text)]


def _document(path: Path) -> tuple[Document, str]:
    """The parsed file and its text; parsed again only when the text changed (the read is cheap,
    the YAML parse is not). A Document from here is shared: never change it."""
    text = read_text(path)
    key = (str(path), text)
    doc = _DOCS.get(key)
    if doc is None:
        doc = parse(text, str(path))
        _remember(_DOCS, key, doc)
    return doc, text


def _merge(base, over):
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for key, value in over.items():
            out[key] = _merge(base.get(key), value) if key in base else value
        return out
    return over
