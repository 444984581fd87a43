"""Run the layout through the document template and return the PDF's bytes.

Bytes are deterministic: ReportLab's invariant mode fixes IDs, and the creation date is the
briefing's own date, so the same source and style always give the same file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from typing import Callable

from reportlab import rl_config
from reportlab.lib.utils import TimeStamp
from reportlab.platypus.doctemplate import LayoutError

from ..layout import build_story
from ..layout.pages import BriefingCanvas, BriefingDoc, decorator
from ..layout.typography import Theme
from ..model import Briefing
from ..problems import BriefError, Problem
from . import tags


@dataclass
class Built:
    data: bytes
    pages: int


def _timestamp(d: dt.date) -> TimeStamp:
    ts = TimeStamp(invariant=True)
    ts.YMDhms = (d.year, d.month, d.day, 0, 0, 0)
    return ts


def build_pdf(b: Briefing, theme: Theme, *, tagged: bool = True, source: str = "<briefing>") -> Built:
    buf = io.BytesIO()
    doc = BriefingDoc(buf, theme, b)
    story = build_story(b, theme, doc.width)
    return build_document(doc, story, decorator(theme, b, doc), b.document.date,
                          multi=theme.style.options.toc, tagged=tagged, source=source)


def build_document(doc: BriefingDoc, story: list, decorate: Callable, date: dt.date, *, multi: bool,
                   tagged: bool = True, source: str = "<briefing>") -> Built:
    """Lay out a story on `doc` (whose target is a BytesIO) with the deferred-page canvas.

    The one place canvases are made, for a single briefing and for a packet of several;
    `multi` runs the extra passes a table of contents needs. Output is a tagged PDF (pdf/tags);
    `tagged=False` exists only to measure what tagging costs, not as a user option.
    """
    stamp = _timestamp(date)
    canvas_class = tags.tagged_canvas(BriefingCanvas) if tagged else BriefingCanvas
    if tagged:
        tags.prepare_document(doc, story)

    def canvasmaker(*args, **kwargs):
        canv = canvas_class(*args, **kwargs)
        canv.decorate = decorate
        canv._doc._timeStamp = stamp
        # ReportLab seeds the file ID with SOURCE_DATE_EPOCH or a fixed time; seed it with the
        # briefing's date so the bytes depend on the source alone
        canv._doc.signature = hashlib.md5(f"briefpdf {date.isoformat()}".encode(), usedforsecurity=False)
        return canv

    saved_a85 = rl_config.useA85
    rl_config.useA85 = 0  # binary streams: ASCII85 over zlib only makes them 25% longer, and slower
    try:
        if multi:
            doc.multiBuild(story, canvasmaker=canvasmaker)
        else:
            doc.build(story, canvasmaker=canvasmaker)
    except LayoutError:
        # ReportLab's own message is a dump of object reprs; say what a user can act on
        raise BriefError([Problem(source, 1, 1, f"the layout could not place the content on page {doc.page}",
                                  "the style's type sizes are too large for its page and margins "
                                  "(something that must stay together is taller than a page)")]) from None
    finally:
        rl_config.useA85 = saved_a85
    return Built(doc.filename.getvalue(), doc.page)
