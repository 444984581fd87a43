"""What a render reports back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .problems import Problem


@dataclass(frozen=True)
class Rendered:
    path: Path
    pages: int
    size: int
    warnings: tuple[Problem, ...] = ()  # what a reader may be misled by; the PDF is written all the same
