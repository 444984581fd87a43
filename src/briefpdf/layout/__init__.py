"""Briefing + Style -> story: the order of the sections (built-in and extra), nothing else."""

from __future__ import annotations

from reportlab.platypus import Flowable

from .. import present
from ..diff import Comparison
from ..model import Briefing
from . import references, sections
from .changes import what_changed
from .ending import tail, tighten
from .extra import after
from .payers import payers
from .typography import Theme, speaking


def build_story(b: Briefing, theme: Theme, width: float, changes: Comparison | None = None, *,
                compact: bool = False) -> list[Flowable]:
    """The story; `compact` tightens the space above headings and sets the disclaimer at the design
    guide's smallest size, to bring a last page of a few lines back onto the page before."""
    with speaking(present.labels_of(b)):  # the words the theme adds itself follow the briefing
        return _story(b, theme, width, changes, compact)


def _story(b: Briefing, theme: Theme, width: float, changes: Comparison | None, compact: bool) -> list[Flowable]:
    b, notes = references.prepare(b)
    story: list[Flowable] = []
    story += sections.title_block(b, theme, width)
    story += sections.at_a_glance(b, theme, width)
    story += what_changed(b, theme, width, changes)
    if theme.style.options.toc:
        story += sections.contents(theme, present.labels_of(b))
    story += after(b, theme, width, "at_a_glance")
    story += sections.summary(b, theme, width)
    story += after(b, theme, width, "summary")
    story += sections.billing_overview(b, theme, width)
    story += after(b, theme, width, "billing_overview")
    story += sections.clinical_and_coding(b, theme, width)
    story += after(b, theme, width, "clinical_and_coding")
    story += payers(b, theme, width, notes)
    story += after(b, theme, width, "payers")
    story += sections.notes(b, theme, width)
    story += after(b, theme, width, "notes")
    story += references.sources(b, theme, notes)
    story += after(b, theme, width, "sources")
    closing = sections.disclaimer(b, theme, width, compact=compact)
    story += closing
    if compact:
        tighten(story)
    return tail(story, None, width, len(closing), theme.style.sizes.leading)
