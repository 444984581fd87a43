"""What every rule shares: the Context it reads, the Finding it yields, the Rule record, helpers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, NamedTuple, Optional

from ..config import NONE, Config

if TYPE_CHECKING:
    from ..codeset import CodeSet
    from ..model import Briefing
    from ..source import Document


class Finding(NamedTuple):
    """What a rule reports: where (a path into the source), what, and what to do about it."""

    path: tuple
    message: str
    hint: Optional[str] = None


@dataclass(frozen=True)
class Context:
    """What the rules read: the briefing, its positions, the settings, and what checks.py loaded
    (the code sets, the previous version and the file it came from)."""

    b: "Briefing"
    doc: "Document"
    config: Config = NONE
    codes: Optional["CodeSet"] = None
    previous: Optional["Briefing"] = None
    previous_path: Optional[tuple] = None  # ("previous",) when the source names it; None: the command line

    @property
    def date(self) -> dt.date:
        return self.b.document.date


@dataclass(frozen=True)
class Rule:
    """One warning: its stable id, a short name, the check, whether it is on by default, and what
    it catches (the line `--list-warnings` prints)."""

    id: str
    name: str
    check: Callable[[Context], Iterable[Finding]]
    default: bool
    summary: str


def dotted(path: tuple) -> str:
    """('payers', 0, 'name') -> 'payers[0].name'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}" if out else str(part)
    return out


def clip(text: str, n: int = 50) -> str:
    """A text on one line, cut to `n` characters: what a message quotes."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


def host(url: str) -> str:
    """'https://www.aetna.com/cpb/x.html' -> 'aetna.com': the words a link label can start from."""
    m = re.match(r"(?:https?://|mailto:)?(?:www\.)?([^/\s?#]+)", url, re.I)
    return m.group(1) if m else url


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from `earlier` to `later` (2025-11-28 to 2026-11-28 is 12)."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)
