"""Run a laid-out story through its document template onto the writer's canvas: the PDF's bytes.

Bytes are deterministic: ReportLab's invariant mode fixes IDs, and the creation date is the
briefing's own date, so the same source and style always give the same file. What the story
and the template are is the caller's business (briefpdf.engine); nothing here knows layout.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from reportlab import rl_config
from reportlab.lib.utils import TimeStamp
from reportlab.platypus import BaseDocTemplate
from reportlab.platypus.doctemplate import LayoutError

from ..problems import BriefError, Problem
from . import pdfa as archival
from . import tags
from .canvas import BriefingCanvas, Decorate


def _timestamp(d: dt.date) -> TimeStamp:
    ts = TimeStamp(invariant=True)
    ts.YMDhms = (d.year, d.month, d.day, 0, 0, 0)
    return ts


def build_document(doc: BaseDocTemplate, story: list, decorate: Decorate, date: dt.date, *, multi: bool,
                   tagged: bool = True, pdfa: bool = True, source: str = "<briefing>") -> tuple[bytes, int]:
    """Lay out a story on `doc` (whose target is a BytesIO) with the deferred-page canvas: (bytes, pages).

    The one place canvases are made, for a single briefing and for a packet of several;
    `decorate(canvas, page, total)` draws each finished page's furniture; `multi` runs the
    extra passes a table of contents needs. Output is a tagged PDF (pdf/tags) and PDF/A-2
    (pdf/pdfa.py); `tagged=False` and `pdfa=False` exist only to measure what each costs, not
    as user options.
    """
    stamp = _timestamp(date)
    canvas_class = tags.tagged_canvas(BriefingCanvas) if tagged else BriefingCanvas
    if tagged:
        tags.prepare_document(doc, story)

    def canvasmaker(*args, **kwargs):
        canv = canvas_class(*args, **kwargs)
        canv.decorate = decorate
        canv._doc._timeStamp = stamp
        if pdfa:
            archival.install(canv)
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
    return doc.filename.getvalue(), doc.page
