"""The functions of the public API that are more than a re-export (the package root re-exports
them). Each imports its stage when called, so `import briefpdf` loads neither PyYAML nor ReportLab.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .paths import default_output

if TYPE_CHECKING:
    from .render_result import Rendered
    from .style import Style


def load_style(name_or_path: str = "default") -> "Style":
    """Read a style by name (styles/NAME.yaml, then the packaged styles) or path."""
    from .style import load

    return load(name_or_path)


def render(source: str | Path, output: str | Path | None = None, style: str = "default") -> "Rendered":
    """Render one source to a PDF, written atomically; returns a `Rendered` (path, pages, size)."""
    from .pipeline import render_file

    return render_file(Path(source), Path(output) if output else default_output(source), style)
