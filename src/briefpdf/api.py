"""The functions of the public API that are more than a re-export (the package root re-exports
them). Each imports its stage when called, so `import briefpdf` loads neither PyYAML nor ReportLab.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .paths import default_output

if TYPE_CHECKING:
    from .problems import Problem
    from .render_result import Rendered
    from .style import Style


def load_style(name_or_path: str = "default") -> "Style":
    """Read a style by name (styles/NAME.yaml, then the packaged styles) or path."""
    from .style import load

    return load(name_or_path)


def render(source: str | Path, output: str | Path | None = None, style: str = "default", *,
           previous: str | Path | None = None, codes: Sequence[str | Path] | None = None,
           strict: bool = False) -> "Rendered":
    """Render one source to a PDF, written atomically; returns a `Rendered` (path, pages, size,
    warnings). `previous`: an older version, for the What changed box; `codes`: code-set files
    (default: the project configuration's); `strict`: a warning raises BriefError like an error."""
    from .pipeline import render_file

    return render_file(Path(source), Path(output) if output else default_output(source), style,
                       _checks(previous, codes, strict))


def check(source: str | Path, *, previous: str | Path | None = None,
          codes: Sequence[str | Path] | None = None) -> list["Problem"]:
    """The warnings of one source, as `briefpdf validate` finds them; BriefError lists its errors."""
    from .checks import check_file

    return list(check_file(source, _checks(previous, codes, False))[2].warnings)


def _checks(previous, codes, strict: bool):
    from .checks import Checks

    return Checks(codes=None if codes is None else tuple(str(c) for c in codes), strict=strict,
                  previous=None if previous is None else str(previous))
