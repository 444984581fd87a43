"""Shortening a line of text to a width: the running header and footer (never a chart label, which wraps)."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """Shorten text with an ellipsis so a running line never runs past the margin.

    Binary search on the cut point: a few measurements whatever the length of the title.
    """
    if stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)  # text[:lo] + "…" fits; text[:hi] + "…" does not (or hi is the whole)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if stringWidth(text[:mid] + "…", font, size) <= width:
            lo = mid
        else:
            hi = mid
    return text[:lo].rstrip() + "…"
