"""How a flowable opens its element while it draws: a tagging subclass swapped in per instance.

`install(f, info)` gives the instance a subclass of its own class (one per class, cached)
whose drawOn opens the element and whose split passes the same Info to the parts, so a
paragraph or table broken across pages continues one structure element. Swapping the class,
rather than binding methods into the instance, keeps the flowables free of reference cycles:
the garbage collector would otherwise pay for every flowable of every render.
"""

from __future__ import annotations

from typing import Callable


class Info:
    """What a flowable becomes: role, alt text, attributes (or a callable computing them at draw)."""

    __slots__ = ("role", "alt", "key", "attrs", "ident", "links", "anchors")

    def __init__(self, role: str, alt: str | None = None, attrs: dict | Callable | None = None,
                 ident: str | None = None, links: dict | None = None, anchors: dict | None = None):
        self.role, self.alt, self.attrs, self.ident = role, alt, attrs, ident
        self.links = links  # {link target: its text}: the words of the links inside
        self.anchors = anchors  # {destination name: what the text there says}: the words of links to it
        self.key = object()  # shared by split parts


_CLASSES: dict = {}


def swap_class(f, make: Callable[[type], type]) -> None:
    """Give f the tagging subclass `make` builds for its class (object.__setattr__: indenters
    forward attribute writes to the flowable they wrap)."""
    cls = type(f)
    if getattr(cls, "_tagging", False):
        return
    sub = _CLASSES.get((cls, make))
    if sub is None:
        sub = _CLASSES[(cls, make)] = make(cls)
    object.__setattr__(f, "__class__", sub)


def install(f, info: Info) -> None:
    d = f.__dict__
    d["_tag"], d["_tagprep"] = info, True
    swap_class(f, _block_class)


def _block_class(cls: type) -> type:
    base_draw, base_split = cls.drawOn, cls.split

    def drawOn(self, canv, x, y, _sW=0, **kw):
        info = self.__dict__.get("_tag")
        if info is None or not hasattr(canv, "_tagpage"):  # an untagged canvas
            return base_draw(self, canv, x, y, _sW, **kw)
        if info.role == "Artifact":
            canv.tag_artifact("/Type /Layout")  # a rule, the contents' dots: layout
        else:
            attrs = info.attrs(self, canv, x, y, _sW) if callable(info.attrs) else info.attrs
            elem = canv.tag_begin(info.role, key=info.key, alt=info.alt, attrs=attrs, ident=info.ident)
            if info.links and elem is not None and not isinstance(elem, bool):
                elem.links = info.links
            if info.anchors:
                canv.tag_anchors(info.anchors)
        try:
            return base_draw(self, canv, x, y, _sW, **kw)
        finally:
            canv.tag_end()

    def split(self, aW, aH):
        parts = base_split(self, aW, aH)
        info = self.__dict__.get("_tag")
        if info is not None:
            for p in parts:  # e.g. Paragraph.split makes new Paragraphs: the same element continues
                if p is not self and "_tag" not in p.__dict__:
                    install(p, info)
        return parts

    return type(cls.__name__, (cls,), {"drawOn": drawOn, "split": split, "_tagging": True,
                                       "__module__": cls.__module__, "__qualname__": cls.__qualname__})
