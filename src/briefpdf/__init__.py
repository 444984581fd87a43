"""briefpdf: a structured briefing about a billing code -> a printable, tagged PDF.

    from briefpdf import load, render
    briefing = load("sources/77301.yaml")          # typed record, or BriefError with positions
    result = render("sources/77301.yaml", "out/77301.pdf", style="default")
    print(result.path, result.pages)
    for w in result.warnings:                       # valid, but may mislead: Problems with a rule id
        print(w.format())

Importing this package is cheap: ReportLab loads only when something is rendered. This module
only re-exports; nothing inside the package imports it.
"""

from .api import check, load_style, render
from .load import load, load_with_positions
from .paths import default_output
from .problems import BriefError, Problem
from .render_result import Rendered
from .version import __version__

__all__ = ["load", "load_with_positions", "default_output", "render", "load_style", "BriefError", "Problem",
           "Rendered", "check", "__version__"]
