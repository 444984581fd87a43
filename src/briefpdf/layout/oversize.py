"""Source fields too large for any page of the style, found before the layout tries to place them.

A title is kept with the facts under it and set in the largest type; one longer than a page
cannot be placed, and ReportLab finds that out only after splitting and re-measuring it page
after page (minutes for a 20,000-character title in 36 pt type). Measured once here, it is an
error at the title instead.
"""

from __future__ import annotations

from typing import NamedTuple

from ..model import Briefing
from .sections import title_para
from .typography import Theme


class Oversize(NamedTuple):
    """A field of the source (its path) that no page can hold, and what to say about it."""

    path: tuple
    message: str
    hint: str


def oversize(b: Briefing, theme: Theme, width: float, height: float) -> Oversize | None:
    """The first field of `b` too large for a text area `width` x `height` points, or None."""
    title = title_para(b, theme)
    _, tall = title.wrap(width, height)
    if tall <= height:
        return None
    style = theme.styles["title"]
    return Oversize(("document", "title"),
                    f"the title takes {tall / style.leading:,.0f} lines at {style.fontSize:g}pt in a text area "
                    f"{width / 72:.2f}in wide; a page holds {height // style.leading:.0f}",
                    "shorten the title (short_title is what the running header shows), or choose a style with a "
                    "smaller sizes.title or narrower margins")
