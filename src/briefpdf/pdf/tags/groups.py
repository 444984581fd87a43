"""Groupings: a packet's Part per briefing, the table of contents (TOC > TOCI), kept-together runs.

A Part is "sticky": its zero-size start marker (layout/packet.py PartStart, role Part) makes
every following top-level element a kid of a new Part, until the next marker.
"""

from __future__ import annotations

from types import MethodType

from reportlab.platypus.paragraph import Paragraph

from ...semantics import declare, of
from .hooks import Info, install


def prepare_part(f) -> None:
    d = f.__dict__
    d["drawOn"] = MethodType(_part_drawOn, f)


def _part_drawOn(self, canv, x, y, _sW=0):
    if hasattr(canv, "_tagpage"):
        canv.tag_section("Part")
    return type(self).drawOn(self, canv, x, y, _sW)


def prepare_group(f, prepare) -> None:
    """KeepTogether and friends add no structure: their content is tagged on its own."""
    prepare(getattr(f, "_content", ()))


# the table of contents draws through an inner Table it rebuilds on every wrap (and that
# Platypus splits without the TOC knowing): each new inner table gets the TOC's element key
def prepare_toc(toc, prepare) -> None:
    info = Info("TOC")
    d = toc.__dict__
    d["_tagtoc"] = (info, prepare)
    d["wrap"] = MethodType(_toc_wrap, toc)


def _toc_wrap(self, availWidth, availHeight):
    size = type(self).wrap(self, availWidth, availHeight)
    info, prepare = self.__dict__["_tagtoc"]
    table = self._table
    install(table, info)
    table._renderCB = _TocRows()
    table.__dict__["_tagprep"] = True
    for row in table._cellvalues:
        for cell in row:
            for v in cell if isinstance(cell, (list, tuple)) else [cell]:
                if isinstance(v, Paragraph) and of(v) is None:
                    declare(v, role="Reference")  # an entry: its text and page number, linked
                prepare([v])
    return size


class _TocRows:
    """renderCB: each row is a TOCI; backgrounds and lines are artifacts."""

    def __call__(self, T, ev, *a):
        c = T.canv
        if not hasattr(c, "_tagpage"):
            return
        if ev in ("startTable", "startLines"):
            c.tag_artifact()
        elif ev == "startRow":
            c.tag_begin("TOCI")
        elif ev in ("endBG", "endRow", "endLines"):
            c.tag_end()
