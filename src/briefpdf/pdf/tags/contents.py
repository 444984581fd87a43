"""The table of contents: TOC > TOCI > Reference > Link, nested by heading level.

A flowable declared `TOC` (layout/contents.py: the contents, or a part of it after a page
break) opens the TOC element -- every part the same one -- and draws its `_content`: entries
declared `TOCI` (their heading level in `outline_level`, their words in `alt`) and the leader
dots, declared decoration. An entry's title and page number are ONE Link element, which also
owns both link annotations; the Link's /Alt is the entry in words ("Summary, page 2").

Nesting: an entry one level deeper than the one before opens a TOC inside that entry's TOCI
(PDF 1.7, 14.8.4.3.2: a TOCI may hold a nested TOC). The open chain is kept on the TOC element,
so an entry on the next page nests under the same parent.
"""

from __future__ import annotations

from ...semantics import of
from .hooks import Info, swap_class


def prepare_toc(f, prepare) -> None:
    d = f.__dict__
    d["_tagtoc"], d["_tagprep"] = (Info("TOC"), prepare), True
    swap_class(f, _toc_class)


def prepare_entry(f) -> None:
    declared = of(f)
    d = f.__dict__
    d["_tagentry"], d["_tagprep"] = Info("TOCI", alt=declared.alt), True
    d["_taglevel"] = declared.outline_level or 0
    swap_class(f, _entry_class)


def _toc_class(cls: type) -> type:
    return type(cls.__name__, (cls,), {"drawOn": _toc_drawOn, "split": _toc_split, "_tagging": True})


def _toc_drawOn(self, canv, x, y, _sW=0):
    base = type(self).__mro__[1].drawOn
    tagged = self.__dict__.get("_tagtoc")
    if tagged is None or not hasattr(canv, "_tagpage"):
        return base(self, canv, x, y, _sW)
    info, prepare = tagged
    prepare(getattr(self, "_content", ()))  # the entries are made during layout, after the story was prepared
    canv.tag_begin("TOC", key=info.key)
    try:
        return base(self, canv, x, y, _sW)
    finally:
        canv.tag_end()


def _toc_split(self, aW, aH):
    parts = type(self).__mro__[1].split(self, aW, aH)
    tagged = self.__dict__.get("_tagtoc")
    for p in parts:
        if p is not self and tagged is not None and "_tagtoc" not in p.__dict__:
            p.__dict__["_tagtoc"], p.__dict__["_tagprep"] = tagged, True
            swap_class(p, _toc_class)
    return parts


def _entry_class(cls: type) -> type:
    return type(cls.__name__, (cls,), {"drawOn": _entry_drawOn, "_tagging": True})


def _entry_drawOn(self, canv, x, y, _sW=0):
    base = type(self).__mro__[1].drawOn
    info = self.__dict__.get("_tagentry")
    if info is None or not hasattr(canv, "_tagpage"):
        return base(self, canv, x, y, _sW)
    toc = canv.tag_current()
    chain = toc.__dict__.setdefault("nest", [])  # (level, key) of the entries this one may nest in
    level = self.__dict__["_taglevel"]
    while chain and chain[-1][0] >= level:
        chain.pop()
    for _, key in chain:
        canv.tag_begin("TOCI", key=key)
        canv.tag_begin("TOC", key=(key, "TOC"))
    canv.tag_begin("TOCI", key=info.key)
    canv.tag_begin("Reference")
    canv.tag_begin("Link", alt=info.alt)
    try:
        return base(self, canv, x, y, _sW)
    finally:
        for _ in range(3 + 2 * len(chain)):
            canv.tag_end()
        chain.append((level, info.key))
