"""Keeping things together across a page break, without keep-with-next chains.

A heading is never the last thing on a page, and a list never leaves one item alone: `LeadIn(head,
body)` keeps `head` (a heading, a list's first item) with the first lines of `body` -- the part of
`body` its own split rules put on this page (two lines of a paragraph, a table's first row, a list's
first item). Like ReportLab's KeepTogether it asks for more room than any page, so the frame always
asks it to split and it decides there; unlike a chain of keepWithNext flowables it never hands the
same decision back to the frame on the same page, so it cannot loop (see watchdog.py).
"""

from __future__ import annotations

from reportlab.platypus.doctemplate import ActionFlowable, FrameBreak
from reportlab.platypus.flowables import Flowable, KeepTogether, ListFlowable, _ContainerSpace

from ..semantics import Semantics, of

FULL_ENOUGH = 0.6  # a page left by a block that moves whole is at least this full, else the block splits
STARTS_A_PAGE = "starts_a_page"  # set on the rest of a block whose first part filled this page
SLACK = 0.5  # points kept in hand when deciding that parts fit, so the frame agrees with the decision

# ReportLab names this module reads that ReportLab does not document (tests check they still exist)
PRIVATE = (
    ("reportlab.platypus.frames.Frame", "_atTop", "instance", "layout/keep.py: is the frame still empty"),
    ("reportlab.platypus.frames.Frame", "_y", "instance", "layout/keep.py: how full the page is"),
    ("reportlab.platypus.frames.Frame", "_y2", "instance", "layout/keep.py: how full the page is"),
    ("reportlab.platypus.frames.Frame", "_height", "instance", "layout/keep.py: how full the page is"),
    ("reportlab.platypus.flowables", "_ContainerSpace", "class", "layout/keep.py: LeadIn's spacing"),
    ("reportlab.platypus.flowables.LIIndenter", "_bullet", "instance", "layout/keep.py: where a list item starts"),
)


def fill(flowable: Flowable) -> float:
    """How full the page is where `flowable` is being placed (0 = empty, 1 = full); 1 when unknown.

    The frame sets itself on a flowable it asks to split (`_frame`); a flowable measured inside
    another one has no frame, and then nothing is decided on the page's fullness.
    """
    frame = getattr(flowable, "_frame", None)
    if frame is None or not getattr(frame, "_height", 0):
        return 1.0
    return (frame._y2 - frame._y) / frame._height


def at_top(flowable: Flowable) -> bool:
    frame = getattr(flowable, "_frame", None)
    return frame is not None and bool(getattr(frame, "_atTop", False))


def stack_height(flowables: list[Flowable], canv, width: float) -> float:
    """The height `flowables` take one under another, spaces between them merged as a frame does."""
    total, after = 0.0, None
    for f in flowables:
        h = height(f, canv, width)
        if after is not None:
            total += max(after, f.getSpaceBefore())
        total += h
        after = f.getSpaceAfter()
    return total


def gap(before: Flowable, after: Flowable) -> float:
    return max(before.getSpaceAfter(), after.getSpaceBefore())


def lead(f: Flowable, canv, width: float, room: float) -> tuple[list, list] | None:
    """The part of `f` that starts on this page when `room` points are left: (parts that fit, the
    rest), by f's own split rules; None when not even its first lines fit."""
    if room <= 0:
        return None
    if isinstance(f, LeadIn):
        return f.first(canv, width, room)
    if isinstance(f, KeepTogether):
        return ([f], []) if stack_height(f._content, canv, width) <= room else None
    _, h = f.wrapOn(canv, width, room)
    if h <= room:
        return [f], []
    parts = f.splitOn(canv, width, room)
    if not parts or parts[0] is f or isinstance(parts[0], ActionFlowable) or hasattr(parts[0], "frameAction"):
        return None
    if len(parts) == 2 and not isinstance(parts[0], (Keep, KeepTogether)):
        # a paragraph or table: the first part fills the room and the rest follows, never re-split here
        # (a table's rest would repeat its header on the same page); a two-item list: its first item
        first = ([parts[0]], []) if height(parts[0], canv, width) <= room else lead(parts[0], canv, width, room)
        # the rest starts the next page: the frame must not split it again into what is left here
        # (a table's rest would set its header again under its own first part); tables honour it
        parts[1].__dict__[STARTS_A_PAGE] = True
        return None if first is None else (first[0], first[1] + [parts[1]])
    fit, rest = take(list(parts), canv, width, room)  # a list splits into all its items
    return (fit, rest) if fit else None


def placeable(parts: list, owner: Flowable, canv, width: float, height: float) -> list:
    """`parts` (what `owner` split into) made so the first one fits `height`: the frame places a
    split's first part without asking it to split again. [] when it cannot be done here."""
    frame = getattr(owner, "_frame", None)
    while parts:
        f = parts[0]
        if isinstance(f, ActionFlowable) or hasattr(f, "frameAction"):
            return parts
        if not isinstance(f, (Keep, KeepTogether)) and f.wrapOn(canv, width, height)[1] <= height:
            return parts
        f._frame = frame  # the page's fullness and whether it is empty decide how a LeadIn splits
        try:
            sub = f.splitOn(canv, width, height)
        finally:
            f.__dict__.pop("_frame", None)
        if not sub or sub[0] is f:
            return []
        parts = list(sub) + list(parts[1:])
    return parts


class Keep(_ContainerSpace, Flowable):
    """Flowables (`_content`) placed by rules of its own: like ReportLab's KeepTogether it asks for
    more room than any page, so the frame always asks it to split, and it decides there. Declared a
    Group: its parts are tagged on their own, as the parts of a KeepTogether are."""

    semantics = Semantics(role="Group")

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return availWidth, 0xFFFFFF

    def drawOn(self, canv, x, y, _sW=0):  # pragma: no cover - wrap makes the frame split it first
        raise RuntimeError(f"{type(self).__name__} is split by the frame, never drawn whole")


class LeadIn(Keep):
    """`head` kept with the first lines of `body`; `head` itself never splits unless `head_splits`
    and the page would otherwise be left less than FULL_ENOUGH full (a list item may; a heading never).
    """

    def __init__(self, head: list[Flowable], body: Flowable, *, head_splits: bool = False):
        super().__init__()
        self.head, self.body, self.head_splits = list(head), body, head_splits
        self._content = [*self.head, body]

    def first(self, canv, width: float, room: float) -> tuple[list, list] | None:
        """(the head and the body's first part, the rest of the body) when they fit in `room`."""
        head_h = stack_height(self.head, canv, width)
        if not self.head:
            return lead(self.body, canv, width, room)
        body_room = room - head_h - gap(self.head[-1], self.body) - SLACK
        if at_top(self):
            # no page gives the body more room than this: a block that moves whole when it fits a
            # page (a small table) splits here under its head rather than leave the head alone
            self.body.__dict__["page_room"] = body_room
        try:
            part = lead(self.body, canv, width, body_room)
        finally:
            self.body.__dict__.pop("page_room", None)
        if part is None:
            return None
        return self.head + part[0], part[1]

    def split(self, availWidth, availHeight):
        canv = self.canv
        found = self.first(canv, availWidth, availHeight)
        if found is not None:
            return found[0] + found[1]
        if at_top(self):  # no page holds them together: each part splits by its own rules
            return placeable(list(self._content), self, canv, availWidth, availHeight)
        if self.head_splits and fill(self) < FULL_ENOUGH and stack_height(self.head, canv, availWidth) > availHeight:
            # the head is long: split it rather than leave the page this empty
            return placeable(list(self._content), self, canv, availWidth, availHeight)
        return [FrameBreak(), self]


def lead_in(head: list[Flowable], rest: list[Flowable], **kw) -> list[Flowable]:
    """`head` kept with the first block of `rest` (decorations before it join the head)."""
    i = 0
    while i < len(rest) and (of(rest[i]) is not None and of(rest[i]).role == "Artifact"):
        i += 1
    if i == len(rest):
        return [*head, *rest]
    return [LeadIn([*head, *rest[:i]], rest[i], **kw), *rest[i + 1:]]


class KeptList(ListFlowable):
    """A list that never leaves one item alone on either side of a page break: its first item goes
    with the start of the second, its second-last with the start of the last (three items: all
    three together, up to the last item's first lines). Only for a list in running text: a list
    nested in an item or set in a table cell is split by its container."""

    def split(self, availWidth, availHeight):
        content = super().split(availWidth, availHeight)
        items = _items(content)
        if len(items) < 3:
            return content
        *middle, before_last, last = items[1:]
        if not middle:  # three items
            out = [LeadIn(items[0], LeadIn(before_last, last[0], head_splits=True), head_splits=True), *last[1:]]
        else:
            second = middle[0]
            out = [LeadIn(items[0], second[0], head_splits=True), *second[1:]]
            for item in middle[1:]:
                out += item
            out += [LeadIn(before_last, last[0], head_splits=True), *last[1:]]
        return placeable(out, self, self.canv, availWidth, availHeight)


def _items(content: list[Flowable]) -> list[list[Flowable]]:
    """The list's flowables grouped by item: an indenter with a bullet (or number) starts one."""
    items: list[list[Flowable]] = []
    for f in content:
        if not items or f.__dict__.get("_bullet") is not None:
            items.append([])
        items[-1].append(f)
    return items


class CellList(ListFlowable):
    """A list in a table cell: when its row is split across pages it keeps at least two items on each
    side (three items or more), or moves whole to the row's next part."""

    def _findSplit(self, canv, availWidth, availHeight, mergeSpace=1, obj=None, content=None, paraFix=True):
        w, h, before, after = super()._findSplit(canv, availWidth, availHeight, mergeSpace, obj, content, paraFix)
        if not before or not after or len(_items(list(before) + list(after))) < 3:
            return w, h, before, after
        whole = after[0].__dict__.get("_bullet") is not None  # the break falls between two items
        if whole and len(_items(list(after))) == 1:  # the last item alone: take one more with it
            last = _items(list(before))[-1]
            before, after = list(before)[:-len(last)], last + list(after)
        starts = _items(list(before))
        if whole and len(starts) < 2:
            return w, h, [], []  # the first item alone: the list goes whole to the row's next part
        return w, h, before, after


def height(f: Flowable, canv, width: float) -> float:
    """A flowable's height; a keep (which asks for more than a page) by what it holds."""
    if isinstance(f, (Keep, KeepTogether)):
        return stack_height(f._content, canv, width)
    return f.wrapOn(canv, width, 0xFFFFFF)[1]


def take(content: list[Flowable], canv, width: float, room: float) -> tuple[list, list]:
    """(what of `content` goes in `room`, by each flowable's own split rules; the rest)."""
    fit: list[Flowable] = []
    used, prev = 0.0, None
    for i, f in enumerate(content):
        space = gap(prev, f) if prev is not None else 0.0
        h = height(f, canv, width)
        if used + space + h <= room:
            fit.append(f)
            used, prev = used + space + h, f
            continue
        part = lead(f, canv, width, room - used - space - SLACK)
        if part is None:
            return fit, list(content[i:])
        return fit + part[0], part[1] + list(content[i + 1:])
    return fit, []
