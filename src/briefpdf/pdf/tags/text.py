"""Headings, paragraphs, notes -- and links inside them (Link elements with an OBJR each).

A paragraph's role comes from the layout (the role it declares through briefpdf.semantics:
H1..H6, P, LBody, Note); without one, a style named Title/HeadingN gives the heading level and
anything else is a P.
"""

from __future__ import annotations

import re
import weakref
from functools import partial

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFString
from reportlab.pdfgen.textobject import PDFTextObject

from .canvas import LAYOUT, Mark, paints
from .hooks import Info, install
from .tree import StructElem

PRINT = 4  # annotation flag Print (PDF/A-2 6.3.2: set, and Hidden, Invisible, NoView clear)
_HEADINGS = dict([("Title", "H1")] + [("Heading%d" % i, "H%d" % i) for i in range(1, 7)])


def infer(paragraph) -> str:
    return _HEADINGS.get(getattr(paragraph.style, "name", ""), "P")


def prepare_text(f, role: str) -> None:
    # PDF/UA-1 7.9: a Note needs an ID unique in the document
    install(f, Info(role, ident="note" if role == "Note" else None, links=_link_texts(f), anchors=_anchors(f)))


def _anchors(paragraph) -> dict | None:
    """{anchor name: what the paragraph says first} for the link targets (<a name>) it holds: a
    note's "[1] Aetna: Policy bulletin", which describes a link to it better than "[1]"."""
    names = [cb.name for frag in _fragments(paragraph)
             if (cb := getattr(frag, "cbDefn", None)) is not None and getattr(cb, "kind", None) == "anchor"]
    if not names:
        return None
    first = re.split(r"\.\s", " ".join(paragraph.getPlainText().split()), maxsplit=1)[0]
    return dict.fromkeys(names, first[:160])


def _fragments(paragraph):
    """The paragraph's fragments. A paragraph measured before it is prepared (the layout measures the
    end of a story to balance its last page) holds them as words: [width, (fragment, text), ...]."""
    seen: set[int] = set()
    for frag in getattr(paragraph, "frags", None) or ():
        for f in (part[0] for part in frag[1:]) if isinstance(frag, list) else (frag,):
            if id(f) not in seen:  # a fragment of several words is in each of its words
                seen.add(id(f))
                yield f


def _link_texts(paragraph) -> dict | None:
    """{link target: the text it is set on}, read from the paragraph's fragments, for /Contents."""
    texts: dict = {}
    for frag in _fragments(paragraph):
        for _, target in getattr(frag, "link", None) or ():
            texts[target] = texts.get(target, "") + getattr(frag, "text", "")
    return texts or None


def link_words(elem, target) -> str:
    """A link's /Contents in words: the text it is set on, and where it leads when that is an address.

    (PDF/UA-1 7.18.5: a link annotation needs a description; an internal name such as a
    bookmark key is not one.)
    """
    raw, texts = str(target or ""), None
    node = elem
    while node is not None and texts is None:
        texts = getattr(node, "links", None)
        node = getattr(node, "parent", None)
    text = ""
    for key, value in (texts or {}).items():
        if key == raw or key.lstrip("#") == raw:
            text = " ".join(value.split())
            break
    if raw.startswith(("http://", "https://", "mailto:")):
        shown = raw.removeprefix("mailto:")
        return shown if not text or text in (raw, shown) else f"{text} ({shown})"
    return text or "Link"


class _DecoratedText(PDFTextObject):
    """A text object whose underlines and strike-throughs are drawn as layout artifacts.

    Paragraph.drawPara sets `tx._do_line` to the function drawing a line under (or through)
    a run of text; setting it here wraps that function, so the line is decoration, not a
    mark inside the paragraph's text.
    """

    @property
    def _do_line(self):
        return self.__dict__["_do_line_tagged"]

    @_do_line.setter
    def _do_line(self, draw):
        self.__dict__["_do_line_tagged"] = partial(_decoration, weakref.ref(self._canvas), draw)


def _decoration(canvref, draw, *args):
    canv = canvref()
    canv.tag_artifact(LAYOUT)
    try:
        return draw(*args)
    finally:
        canv.tag_end()


class _Described:
    """A link's words decided when the file is written: the text at its target (a note) if the
    document drew one, else what the link shows."""

    def __init__(self, anchors: dict, target: str, shown: str):
        self.anchors, self.target, self.shown = anchors, target, shown

    def __str__(self) -> str:
        return self.anchors.get(self.target) or self.shown


def _amend(annotation, **entries) -> None:
    """Set entries on a link annotation, whichever of ReportLab's two kinds it is."""
    entries = {k: v for k, v in entries.items() if v is not None}
    if isinstance(annotation, PDFDictionary):  # linkURL
        for k, v in entries.items():
            annotation[k] = PDFString(str(v)) if k == "Contents" else v
        return
    make = annotation.Dict  # pdfdoc.LinkAnnotation (linkRect/linkAbsolute) builds its dict at format time
    contents = entries.pop("Contents", None)

    def Dict():
        if contents is not None:
            annotation.Contents = str(contents)
        d = make()
        for k, v in entries.items():
            d[k] = v
        return d
    annotation.Dict = Dict


class LinkTagging:
    """Canvas mixin: link annotations get /StructParent and an OBJR in a Link element; the link
    text inside a paragraph becomes that Link's marked content."""

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self._taganchors: dict[str, str] = {}  # named destination -> what the text there says

    def linkURL(self, url, *a, **kw):
        self._tagtarget = url
        return super().linkURL(url, *a, **kw)

    def linkRect(self, contents, destinationname, *a, **kw):
        self._tagtarget = destinationname
        return super().linkRect(contents, destinationname, *a, **kw)

    def linkAbsolute(self, contents, destinationname, *a, **kw):
        self._tagtarget = destinationname
        return super().linkAbsolute(contents, destinationname, *a, **kw)

    def _addAnnotation(self, annotation, name=None, addtopage=1):
        super()._addAnnotation(annotation, name, addtopage)
        target, self._tagtarget = self._tagtarget, None
        tp = self._tagpage
        if not addtopage or not tp.stack or tp.stack[-1].kind != "E":
            _amend(annotation, F=PRINT)  # an annotation in artifact context stays untagged
            return
        elem = None
        for i, (raw, _el) in enumerate(tp.pending):  # the Link opened by the paragraph text
            if target is None or raw == target or raw.endswith(str(target)):
                elem = tp.pending.pop(i)[1]
                break
        if elem is None and tp.stack[-1].elem.role == "Link":  # drawn inside a Link element (a contents entry)
            elem = tp.stack[-1].elem
        if elem is None:  # e.g. a Table cell HREF, a custom flowable calling linkURL
            top = tp.stack[-1]
            self._close(top)
            elem = StructElem("Link", top.elem)
            top.elem.kids.append(elem)
            elem.attached = True
            top.idx = len(self._code)
        key = self._tagroot.key()
        self._tagroot.parent_tree[key] = elem
        elem.kids.append(("objr", tp.no, annotation))
        given = annotation.dict.get("Contents") if isinstance(annotation, PDFDictionary) else annotation.Contents
        words = None if given else link_words(elem, target)
        if words is not None and not re.search(r"[^\W\d_]{2}", words) and ":" not in str(target):
            words = _Described(self._taganchors, str(target), words)  # "[1]": say what it leads to, once drawn
        _amend(annotation, F=PRINT, StructParent=key, Contents=words)

    def tag_anchors(self, anchors: dict) -> None:
        """Record what the text at each named destination says (see text._anchors)."""
        self._taganchors.update(anchors)

    # paragraph._putFragLine calls tx._linkRecord(link, 'start'|'end') around link text
    def beginText(self, x=0, y=0, direction=None):
        tx = super().beginText(x, y, direction)
        tx._linkRecord = partial(self._link_record, weakref.ref(tx))  # no tx <-> callback cycle
        if type(tx) is PDFTextObject:
            tx.__class__ = _DecoratedText
        return tx

    def _link_record(self, txref, link, what):
        tx = txref()
        st = self._tagpage.stack
        if not st or st[-1].kind != "E":
            return
        tx._tagmarks = True
        if what == "end":
            tx._code.append(Mark("text"))
            return
        links = tx.__dict__.setdefault("_taglinks", {})
        el = links.get(link)
        if el is None:
            el = links[link] = StructElem("Link", st[-1].elem)
        self._tagpage.pending.append((link[1] if isinstance(link, tuple) else str(link), el))
        tx._code.insert(len(tx._code) - 1, Mark("link", el))  # 'start' arrives after the text op

    def drawText(self, tx):
        st = self._tagpage.stack
        if getattr(tx, "_tagmarks", False) and st and st[-1].kind == "E":
            top = st[-1]
            self._close(top)  # a sequence must not straddle BT/ET: re-open inside the text object
            tx._code = self._split_text(tx._code, top.elem)
            super().drawText(tx)
            top.idx = len(self._code)
        else:
            super().drawText(tx)

    def _split_text(self, code, P):
        """BT a <link> b ET -> BT /P<<MCID>>BDC a EMC /Link<<MCID>>BDC .. EMC /P<<MCID>>BDC b EMC ET."""
        out, cur = [code[0]], [P, 1]

        def close():
            if any(paints(s) for s in out[cur[1]:]):
                out.insert(cur[1], self._new_bdc(cur[0]))
                out.append("EMC")

        for s in code[1:]:
            if type(s) is Mark:
                close()
                el = s.elem if s.kind == "link" else P
                if not el.attached:
                    P.kids.append(el)
                    el.attached = True
                cur[:] = [el, len(out)]
            else:
                out.append(s)
        close()
        return out
