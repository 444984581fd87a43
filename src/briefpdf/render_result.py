"""What a render reports back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Rendered:
    path: Path
    pages: int
    size: int
