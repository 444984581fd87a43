"""Groupings: a packet's Part per briefing, kept-together runs.

A Part is "sticky": its zero-size start marker (layout/packet.py PartStart, role Part) makes
every following top-level element a kid of a new Part, until the next marker.
"""

from __future__ import annotations

from types import MethodType

from ...semantics import of


def prepare_part(f) -> None:
    d = f.__dict__
    d["drawOn"] = MethodType(_part_drawOn, f)


def _part_drawOn(self, canv, x, y, _sW=0):
    if hasattr(canv, "_tagpage"):
        declared = of(self)
        canv.tag_section("Part", lang=declared.lang if declared else None)
    return type(self).drawOn(self, canv, x, y, _sW)


def prepare_group(f, prepare) -> None:
    """KeepTogether and friends add no structure: their content is tagged on its own."""
    prepare(getattr(f, "_content", ()))
