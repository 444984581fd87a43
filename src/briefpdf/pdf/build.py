"""Run the layout through the document template and return the PDF's bytes.

Bytes are deterministic: ReportLab's invariant mode fixes IDs, and the creation date is the
briefing's own date, so the same source and style always give the same file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.utils import TimeStamp

from ..layout import build_story
from ..layout.pages import BriefingCanvas, BriefingDoc, decorator
from ..layout.typography import Theme
from ..model import Briefing


@dataclass
class Built:
    data: bytes
    pages: int


def _timestamp(b: Briefing) -> TimeStamp:
    ts = TimeStamp(invariant=True)
    d = b.document.date
    ts.YMDhms = (d.year, d.month, d.day, 0, 0, 0)
    return ts


def build_pdf(b: Briefing, theme: Theme) -> Built:
    buf = io.BytesIO()
    doc = BriefingDoc(buf, theme, b)
    decorate = decorator(theme, b, doc)
    stamp = _timestamp(b)

    def canvasmaker(*args, **kwargs):
        canv = BriefingCanvas(*args, **kwargs)
        canv.decorate = decorate
        canv._doc._timeStamp = stamp
        return canv

    story = build_story(b, theme, doc.width)
    if theme.style.options.toc:
        doc.multiBuild(story, canvasmaker=canvasmaker)
    else:
        doc.build(story, canvasmaker=canvasmaker)
    return Built(buf.getvalue(), doc.page)
