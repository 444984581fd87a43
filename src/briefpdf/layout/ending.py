"""The end of a briefing: its last page never holds just the disclaimer or a few lines.

Two means, both modest. `tail` keeps the closing part of the story in a `Tail`, which sends more
to the last page when only a little would spill onto it (never leaving the page before less than
keep.FULL_ENOUGH full). And when the last page still holds little, the engine lays the briefing
out once more with `compact=True` (layout.build_story): `tighten` halves the space above headings
and the disclaimer is set at `smallest`, the design guide's 8 pt, to bring it back a page.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.doctemplate import FrameBreak
from reportlab.platypus.flowables import Flowable

from ..semantics import of
from .keep import FULL_ENOUGH, Keep, LeadIn, at_top, fill, height, lead, placeable, stack_height, take

MOVED_FULL = 0.4  # a page left by a block that cannot split, moved to keep the last page company

TIGHTER = 0.5  # the space above a heading in a compact layout, as a share of the style's
SMALLEST = 8.0  # points: the smallest type the design guide allows


def tighten(story: list[Flowable]) -> None:
    """Halve the space above every heading of `story` (section spacing), in place."""
    for f in story:
        if isinstance(f, LeadIn):
            tighten(f._content)
        sem = of(f)
        if sem is not None and sem.role in ("H2", "H3", "H4") and hasattr(f, "style"):
            f.spaceBefore = f.style.spaceBefore * TIGHTER


def smallest(theme, name: str) -> str:
    """The name of `name`'s paragraph style at the smallest size the design guide allows (made once
    per theme, beside the theme's own styles)."""
    key = f"{name}@{SMALLEST:g}"
    if key not in theme.styles:
        base = theme.styles[name]
        size = min(SMALLEST, base.fontSize)
        theme.styles[key] = ParagraphStyle(key, parent=base, fontSize=size, leading=base.leading * size / base.fontSize)
    return key


class Tail(Keep):
    """The end of a briefing, kept so its last page is never a few lines: when only a little would
    spill onto the last page, more goes with it -- at least `least` points, which is more than the
    last section (the disclaimer) alone -- as long as the page before stays FULL_ENOUGH full.
    """

    def __init__(self, content: list[Flowable], least: float, enough: float):
        super().__init__()
        self._content, self.least, self.enough = list(content), least, enough

    def split(self, availWidth, availHeight):
        canv = self.canv
        total = stack_height(self._content, canv, availWidth)
        if total <= availHeight:
            return placeable(list(self._content), self, canv, availWidth, availHeight)
        fit, rest = self._page(canv, availWidth, availHeight, total)
        if not fit:
            if at_top(self):
                return placeable(list(self._content), self, canv, availWidth, availHeight)
            return [FrameBreak(), self]
        rest = [FrameBreak(), Tail(rest, self.least, self.enough)] if rest else []  # the rest starts the next page
        return placeable(fit + rest, self, canv, availWidth, availHeight)

    def _page(self, canv, width: float, room: float, total: float) -> tuple[list, list]:
        """What goes on this page: all that fits, unless that leaves the last page less than `least`.
        Then, in turn: less, splitting a block by its rules, while this page stays FULL_ENOUGH full;
        the first block alone, when more than the closing section follows it; or, when the first
        block cannot split (a small table, a figure), none of it, while the page stays MOVED_FULL full."""
        frame = getattr(self, "_frame", None)
        if frame is None or total - room >= self.least:
            return take(self._content, canv, width, room)
        full = fill(self)
        less = total - self.least
        if 0 < less < room and full + less / frame._height >= FULL_ENOUGH:
            fit, rest = take(self._content, canv, width, less)
            if fit:
                return fit, rest
        first = height(self._content[0], canv, width)
        if first < room and full + first / frame._height >= FULL_ENOUGH and total - first >= self.enough:
            return self._content[:1], self._content[1:]
        if full >= MOVED_FULL and total <= frame._height and lead(self._content[0], canv, width, first - 1) is None:
            return [], list(self._content)
        return take(self._content, canv, width, room)


def tail(story: list[Flowable], canv, width: float, last: int, leading: float) -> list[Flowable]:
    """`story` with its end in a Tail: the last `last` flowables (the closing section) and enough
    before them to give the last page some ten lines' height."""
    enough = stack_height(story[-last:], canv, width) + 2.5 * leading  # more than the closing section
    least = max(10 * leading, enough)
    start, held = len(story) - last, 0.0
    while start > 1 and held < 2 * least:
        start -= 1
        held += height(story[start], canv, width)
    return story[:start] + [Tail(story[start:], least, enough)]
