"""Briefing + Style -> story: the order of the sections, nothing else."""

from __future__ import annotations

from reportlab.platypus import Flowable

from .. import present
from ..model import Briefing
from . import sections
from .payers import payers, source_notes
from .typography import Theme, speaking


def build_story(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    with speaking(present.labels_of(b)):
        return _story(b, theme, width)


def _story(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    notes = present.number_sources(b)
    story: list[Flowable] = []
    story += sections.title_block(b, theme, width)
    story += sections.at_a_glance(b, theme, width)
    if theme.style.options.toc:
        story += sections.contents(theme, present.labels_of(b))
    story += sections.summary(b, theme, width)
    story += sections.billing_overview(b, theme, width)
    story += sections.clinical_and_coding(b, theme, width)
    story += payers(b, theme, width, notes)
    story += sections.notes(b, theme, width)
    story += source_notes(b, theme, notes)
    story += sections.disclaimer(b, theme, width)
    return story
