"""Page furniture: the running header, the footer with "Page N of M", the watermark.

Drawn once the page count is known: the writer's canvas calls `decorate(canvas, page, total)`
for each finished page, which names the parts of the page's furniture, each with what draws
it (`Furniture`: kind and drawer). The canvas draws each part in a graphics state of its own
and marks it as that kind of furniture (an artifact) for the tagger -- so nothing here knows
about tagging.
"""

from __future__ import annotations

from functools import partial
from typing import Callable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate

from .. import present
from ..model import Briefing
from ..semantics import Furniture
from .fit import draw_text, fit_text
from .typography import Theme


def decorator(theme: Theme, briefing: Briefing, doc: BaseDocTemplate) -> Callable:
    """The callable that names a finished page's furniture: footer, header (from page 2), watermark."""
    sizes = theme.style.sizes
    body_font, bold_font = theme.body_family.regular, theme.body_family.bold
    width, height = doc.pagesize
    left, right = doc.leftMargin, width - doc.rightMargin
    labels = present.labels_of(briefing)
    footer_left = present.footer_text(briefing, labels)
    header = fit_text(present.header_text(briefing, labels), body_font, sizes.small, right - left, theme.fallback)
    watermark = present.watermark_word(briefing, labels)
    _, header_y = band_baselines(doc, sizes.small)

    def decorate(canv: Canvas, page: int, total: int, show_header: bool | None = None) -> list[Furniture]:
        label = present.page_text(page, total, labels)
        parts = [Furniture("footer", partial(draw_footer, canv, theme, doc, footer_left, label))]
        if page > 1 if show_header is None else show_header:
            parts.append(Furniture("header", partial(_header, canv, theme, body_font, sizes.small, left, right,
                                                     header_y, header)))
        if watermark:
            parts.append(Furniture("watermark", partial(_watermark, canv, theme, bold_font, watermark, width, height)))
        return parts

    return decorate


def _header(canv: Canvas, theme: Theme, font: str, size: float, left: float, right: float, y: float,
            text: str) -> None:
    draw_text(canv, left, y, text, font, size, theme.fallback)
    canv.line(left, y - 4, right, y - 4)


def _watermark(canv: Canvas, theme: Theme, font: str, word: str, width: float, height: float) -> None:
    canv.setFont(font, 72 if len(word) < 8 else 60)
    canv.setFillColor(theme.color("accent"), alpha=0.10)
    canv.translate(width / 2, height / 2)
    canv.rotate(45)
    canv.drawCentredString(0, -24, word)


def draw_footer(canv: Canvas, theme: Theme, doc: BaseDocTemplate, text: str, label: str) -> None:
    """A rule, `text` on the left (shortened to fit) and `label` ("Page N of M") on the right."""
    small = theme.style.sizes.small
    body_font, bold_font = theme.body_family.regular, theme.body_family.bold
    left, right = doc.leftMargin, doc.pagesize[0] - doc.rightMargin
    footer_y, _ = band_baselines(doc, small)
    canv.setStrokeColor(theme.color("rule"))
    canv.setLineWidth(0.5)
    canv.line(left, footer_y + small + 4, right, footer_y + small + 4)
    canv.setFillColor(theme.color("muted"))
    room = right - left - canv.stringWidth(label, bold_font, small) - small
    draw_text(canv, left, footer_y, fit_text(text, body_font, small, room, theme.fallback), body_font, small,
              theme.fallback)
    canv.setFont(bold_font, small)
    canv.drawRightString(right, footer_y, label)


def band_baselines(doc: BaseDocTemplate, small: float) -> tuple[float, float]:
    """Baselines of the running footer and header, centred in their margins.

    Style validation keeps each margin at least two lines of small text tall, so the footer's
    rule and the header's rule never reach the body frame.
    """
    footer_y = max(4.0, (doc.bottomMargin - small - 4) / 2)
    header_y = doc.pagesize[1] - max(4.0 + small, (doc.topMargin + small) / 2)
    return footer_y, header_y
