"""Lines of text drawn straight on the canvas -- the running header and footer, the chart's words:
set in the style's font with the fallback font for characters it lacks (as paragraphs are),
measured that way, and (the running lines only; a chart label wraps) shortened to a width.
"""

from __future__ import annotations

from typing import Callable, Optional

from reportlab.pdfbase.pdfmetrics import stringWidth

# (does the primary font draw ch?, the font for what it cannot[, the figures font, unused here])
Fallback = tuple[Callable[[str], bool], str] | tuple[Callable[[str], bool], str, str]


def runs(text: str, font: str, fallback: Optional[Fallback] = None) -> list[tuple[str, str]]:
    """`text` cut into (piece, font) runs: the primary font wherever it has the glyph, else the
    fallback, so a name in Cyrillic or a ₹ prints instead of empty boxes. One run in the common case."""
    if fallback is None:
        return [(text, font)]
    covered, other = fallback[0], fallback[1]
    if all(ch.isspace() or covered(ch) for ch in set(text)):
        return [(text, font)]
    out: list[tuple[str, str]] = []
    for ch in text:
        use = font if ch.isspace() or covered(ch) else other
        if out and out[-1][1] == use:
            out[-1] = (out[-1][0] + ch, use)
        else:
            out.append((ch, use))
    return out


def text_width(text: str, font: str, size: float, fallback: Optional[Fallback] = None) -> float:
    return sum(stringWidth(piece, f, size) for piece, f in runs(text, font, fallback))


def fit_text(text: str, font: str, size: float, width: float, fallback: Optional[Fallback] = None) -> str:
    """Shorten text with an ellipsis so a running line never runs past the margin.

    Binary search on the cut point: a few measurements whatever the length of the title.
    """
    if text_width(text, font, size, fallback) <= width:
        return text
    lo, hi = 0, len(text)  # text[:lo] + "…" fits; text[:hi] + "…" does not (or hi is the whole)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if text_width(text[:mid] + "…", font, size, fallback) <= width:
            lo = mid
        else:
            hi = mid
    return text[:lo].rstrip() + "…"


def draw_text(canv, x: float, y: float, text: str, font: str, size: float,
              fallback: Optional[Fallback] = None) -> None:
    """Draw `text` from x with its baseline at y, run by run."""
    pieces = runs(text, font, fallback)
    if len(pieces) == 1:  # the common case draws exactly as a single drawString always did
        canv.setFont(font, size)
        canv.drawString(x, y, text)
        return
    for piece, f in pieces:
        canv.setFont(f, size)
        canv.drawString(x, y, piece)
        x += stringWidth(piece, f, size)
