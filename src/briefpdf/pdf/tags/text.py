"""Headings, paragraphs, notes -- and links inside them (Link elements with an OBJR each).

A paragraph's role comes from the layout (the role it declares through briefpdf.semantics:
H1..H6, P, LBody, Note); without one, a style named Title/HeadingN gives the heading level and
anything else is a P.
"""

from __future__ import annotations

import weakref
from functools import partial

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFString

from .canvas import CONTENT, Mark
from .hooks import Info, install
from .tree import StructElem

_HEADINGS = dict([("Title", "H1")] + [("Heading%d" % i, "H%d" % i) for i in range(1, 7)])


def infer(paragraph) -> str:
    return _HEADINGS.get(getattr(paragraph.style, "name", ""), "P")


def prepare_text(f, role: str) -> None:
    # PDF/UA-1 7.9: a Note needs an ID unique in the document
    install(f, Info(role, ident="note" if role == "Note" else None))


class LinkTagging:
    """Canvas mixin: link annotations get /StructParent and an OBJR in a Link element; the link
    text inside a paragraph becomes that Link's marked content."""

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
            return  # an annotation in artifact context stays untagged
        elem = None
        for i, (raw, _el) in enumerate(tp.pending):  # the Link opened by the paragraph text
            if target is None or raw == target or raw.endswith(str(target)):
                elem = tp.pending.pop(i)[1]
                break
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
        desc = "Link to %s" % target if target else "Link"
        if isinstance(annotation, PDFDictionary):  # linkURL
            annotation["StructParent"] = key
            if "Contents" not in annotation:
                annotation["Contents"] = PDFString(desc)
        else:  # pdfdoc.LinkAnnotation (linkRect/linkAbsolute) builds its dict at format time
            annotation.Contents = annotation.Contents or desc
            make = annotation.Dict

            def Dict():
                d = make()
                d["StructParent"] = key
                return d
            annotation.Dict = Dict

    # paragraph._putFragLine calls tx._linkRecord(link, 'start'|'end') around link text
    def beginText(self, x=0, y=0, direction=None):
        tx = super().beginText(x, y, direction)
        tx._linkRecord = partial(self._link_record, weakref.ref(tx))  # no tx <-> callback cycle
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
            if any(CONTENT.search(s) for s in out[cur[1]:]):
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
