"""Lists: L > LI > (Lbl, LBody).

A ListFlowable draws through LIIndenters, which are split across pages and may even reach
the frame as top-level story items, so L, LI and LBody are found again by key on every page.
A new bullet starts a new LI; an item paragraph with role LBody is the LBody itself.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import PDFName
from reportlab.platypus.flowables import LIIndenter

from ...semantics import of
from .hooks import swap_class

_NUMBERING = {"1": "Decimal", "a": "LowerAlpha", "A": "UpperAlpha", "i": "LowerRoman", "I": "UpperRoman",
              "bullet": "Disc"}


def prepare_list(lst, prepare) -> None:
    declared = of(lst)
    numbered = declared.numbered if declared else None
    numbering = ("Decimal" if numbered else "Disc") if numbered is not None else \
        _NUMBERING.get(str(lst._bulletType), "None")
    attrs = {"O": PDFName("List"), "ListNumbering": PDFName(numbering)}
    lkey, ikey = object(), None
    for c in lst._content:
        if isinstance(c, LIIndenter):
            if c.__dict__.get("_bullet") is not None or ikey is None:
                ikey = object()
            _install(c, (lkey, attrs, ikey))
            prepare([c._flowable])
        else:
            prepare([c])


def _install(li, info) -> None:  # LIIndenter.__setattr__ forwards to the wrapped flowable: use __dict__
    d = li.__dict__
    d["_tagli"], d["_tagprep"] = info, True
    swap_class(li, _item_class)


def _item_class(cls: type) -> type:
    return type(cls.__name__, (cls,), {"drawOn": _drawOn, "split": _split, "_tagging": True})


def _drawOn(self, canv, x, y, _sW=0):  # mirrors LIIndenter.drawOn
    if not hasattr(canv, "_tagpage") or "_tagli" not in self.__dict__:
        return LIIndenter.drawOn(self, canv, x, y, _sW)
    lkey, attrs, ikey = self.__dict__["_tagli"]
    canv.tag_begin("L", key=lkey, attrs=attrs)
    canv.tag_begin("LI", key=ikey)
    if self._bullet:
        canv.tag_begin("Lbl")
        self._bullet.drawOn(self, canv, x, y, 0)
        canv.tag_end()
    inner = self._flowable
    info = inner.__dict__.get("_tag")
    own = info is not None and info.role == "LBody"
    if not own:
        canv.tag_begin("LBody", key=(ikey, "LBody"))
    inner.drawOn(canv, x + self._leftIndent, y, max(0, _sW - self._leftIndent - self._rightIndent))
    if not own:
        canv.tag_end()
    canv.tag_end()
    canv.tag_end()


def _split(self, aW, aH):
    parts = LIIndenter.split(self, aW, aH)
    for p in parts:
        _install(p, self.__dict__["_tagli"])
    return parts
