"""briefpdf: a structured briefing about a billing code -> a printable, tagged PDF.

    from briefpdf import load, render
    briefing = load("sources/77301.yaml")          # typed record, or BriefError with positions
    result = render("sources/77301.yaml", "out/77301.pdf", style="default")
    print(result.path, result.pages)

Importing this package is cheap: ReportLab loads only when something is rendered.
"""

from __future__ import annotations

from pathlib import Path

from .load import load, load_with_positions
from .paths import default_output
from .problems import BriefError, Problem
from .render_result import Rendered

__version__ = "0.1.0"
__all__ = ["load", "load_with_positions", "default_output", "render", "load_style", "BriefError", "Problem",
           "Rendered", "__version__"]


def load_style(name_or_path: str = "default"):
    """Read a style by name (styles/NAME.yaml, then the packaged styles) or path."""
    from .style import load as _load

    return _load(name_or_path)


def render(source: str | Path, output: str | Path | None = None, style: str = "default"):
    """Render one source to a PDF, written atomically; returns a `Rendered` (path, pages, size)."""
    from .pipeline import render_file

    return render_file(Path(source), Path(output) if output else default_output(source), style)

