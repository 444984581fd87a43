"""Figures: the chart (and any image) with its alternative text and its bounding box."""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import PDFArray, PDFName

from ...semantics import of
from .hooks import Info, install


class MissingAlt(ValueError):
    pass


def prepare_figure(f) -> None:
    declared = of(f)
    alt = declared.alt if declared else None
    if not alt:
        raise MissingAlt(f"{f!r} is a Figure without alternative text: declare its alt, or role 'Artifact'")
    install(f, Info("Figure", alt=alt, attrs=_bbox))


def _bbox(f, canv, x, y, sW) -> dict:
    """/A << /O /Layout /BBox [...] >> in default user space, wherever the canvas is transformed."""
    x = f._hAlignAdjust(x, sW)
    if hasattr(f, "drawWidth"):
        w, h = f.drawWidth, f.drawHeight
    else:
        s = getattr(f, "renderScale", 1)
        w, h = f.width * s, f.height * s
    pts = [canv.absolutePosition(a, b) for a in (x, x + w) for b in (y, y + h)]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return {"O": PDFName("Layout"), "BBox": PDFArray([round(v, 2) for v in (min(xs), min(ys), max(xs), max(ys))])}
