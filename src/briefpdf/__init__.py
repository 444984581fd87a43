"""briefpdf: a structured briefing about a billing code -> a printable, tagged PDF.

    from briefpdf import load, render
    briefing = load("sources/77301.yaml")          # typed record, or BriefError with positions
    result = render("sources/77301.yaml", "out/77301.pdf", style="default")
    print(result.path, result.pages)

Importing this package is cheap: ReportLab loads only when something is rendered.
"""

from __future__ import annotations

from pathlib import Path

from .problems import BriefError, Problem

__version__ = "0.1.0"
__all__ = ["load", "render", "load_style", "BriefError", "Problem", "Rendered", "__version__"]


def load(path: str | Path):
    """Read and validate a source file into a `Briefing`; raises BriefError listing every problem."""
    return load_with_positions(path)[1]


def load_with_positions(path: str | Path):
    """(Document with line:column positions, validated Briefing)."""
    from .model import Briefing, check
    from .schema import validate
    from .source import load_file

    doc = load_file(path)
    briefing, problems = validate(Briefing, doc)
    if briefing is not None:
        problems = sorted(problems + check(briefing, doc), key=lambda p: (p.line, p.column))
    if problems:
        raise BriefError(problems)
    return doc, briefing


def load_style(name_or_path: str = "default"):
    """Read a style by name (styles/NAME.yaml, then the packaged styles) or path."""
    from .style import load as _load

    return _load(name_or_path)


def default_output(source: str | Path, out_dir: str | Path = "out") -> Path:
    """Where a source's PDF goes unless -o says otherwise: OUT_DIR/NAME.pdf."""
    return Path(out_dir) / (Path(source).stem + ".pdf")


def render(source: str | Path, output: str | Path | None = None, style: str = "default"):
    """Render one source to a PDF, written atomically; returns a `Rendered` (path, pages, size)."""
    from .pipeline import render_file

    return render_file(Path(source), Path(output) if output else default_output(source), style)


from .render_result import Rendered  # noqa: E402  (tiny dataclass, no heavy imports)
