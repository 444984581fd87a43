"""Briefing + Style -> story: the order of the sections, nothing else."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..model import Briefing
from . import sections
from .payers import SourceNotes, payers, source_notes
from .typography import Theme


def build_story(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    notes = SourceNotes.collect(b)
    story: list[Flowable] = []
    story += sections.title_block(b, theme, width)
    story += sections.at_a_glance(b, theme, width)
    if theme.style.options.toc:
        story += sections.contents(theme)
    story += sections.summary(b, theme, width)
    story += sections.billing_overview(b, theme, width)
    story += sections.clinical_and_coding(b, theme, width)
    story += payers(b, theme, width, notes)
    story += sections.notes(b, theme, width)
    story += source_notes(theme, notes)
    story += sections.disclaimer(b, theme, width)
    return story
