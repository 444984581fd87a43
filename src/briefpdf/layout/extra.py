"""Extra sections from the source, each placed after the section it names (see placement.py)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..model import Briefing
from ..placement import following
from . import prose
from .blocks import section
from .typography import Theme


def after(b: Briefing, theme: Theme, width: float, anchor: str) -> list[Flowable]:
    """The extra sections that follow `anchor`, as H2 sections like the built-in ones."""
    out: list[Flowable] = []
    for s in following(b, anchor):
        out += section(theme, s.title, "h2", prose.flow(theme, s.body))
    return out
