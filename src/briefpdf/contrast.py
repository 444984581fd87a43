"""Colour arithmetic a style is checked with and drawn with: WCAG contrast, and the greys of the
grayscale option. Pure (no ReportLab), so `validate --style` and the layout agree on a colour.
"""

from __future__ import annotations

WHITE = "#ffffff"  # the paper
BODY_TEXT = 4.5  # WCAG 2 1.4.3: normal text (a briefing's text is 8-12 pt; links and captions too)
GRAPHICS = 3.0  # WCAG 2 1.4.11: graphical objects that carry meaning (the chart's bars)


def _channels(hex_color: str) -> tuple[int, int, int]:
    return int(hex_color[1:3], 16), int(hex_color[3:5], 16), int(hex_color[5:7], 16)


def gray(hex_color: str) -> str:
    """The same lightness in grey (Rec. 709 luma), for the grayscale style."""
    r, g, b = _channels(hex_color)
    y = round(0.2126 * r + 0.7152 * g + 0.0722 * b)
    return f"#{y:02x}{y:02x}{y:02x}"


def luminance(hex_color: str) -> float:
    """WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white)."""

    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = _channels(hex_color)
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 (none) to 21 (black on white)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
