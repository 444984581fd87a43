"""The logical structure written into the PDF: StructElem, ParentTree, IDTree (catalog and XMP: pdf/metadata.py).

Elements are written by hand as bytes (not via PDFDictionary): on a table-heavy briefing the
generic dictionary writer costs more than all the marked-content bookkeeping together.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFObject, PDFObjectReference, PDFString


def page_ref(n: int, doc) -> bytes:
    """Canvas page n is the pdfdoc object "Page<n>" (pages are added in order, even deferred)."""
    return PDFObjectReference("Page%d" % n).format(doc)


def ref(obj, doc) -> bytes:
    return doc.Reference(obj).format(doc)


class StructElem(PDFObject):
    """One structure element; kids are StructElem | ('mc', page, mcid) | ('objr', page, annot)."""

    __RefOnly__ = 1  # always an indirect object

    def __init__(self, role: str, parent, alt: str | None = None, attrs: dict | None = None, ident: str | None = None):
        self.role, self.parent, self.alt, self.attrs, self.ident = role, parent, alt, attrs, ident
        self.kids: list = []
        self.attached = False
        self.lang: str | None = None  # /Lang, where it differs from the document's or marks a Part
        self._live = None

    def live(self) -> bool:
        """Empty elements (e.g. a row whose cells continued an earlier page's cells) are not written."""
        if self._live is None:
            self._live = any(type(k) is not StructElem or k.live() for k in self.kids)
        return self._live

    def format(self, doc):
        K, pg = [], None
        for k in self.kids:
            if type(k) is StructElem:
                if k.live():
                    K.append(ref(k, doc))
            elif k[0] == "mc":
                pg = k[1] if pg is None else pg
                K.append(b"%d" % k[2] if k[1] == pg else
                         b"<</Type/MCR/Pg %s/MCID %d>>" % (page_ref(k[1], doc), k[2]))
            else:
                K.append(b"<</Type/OBJR/Pg %s/Obj %s>>" % (page_ref(k[1], doc), ref(k[2], doc)))
        out = [b"<</Type/StructElem/S", PDFName(self.role).encode("ascii"), b"/P ",
               ref(self.parent, doc), b"/K[", b" ".join(K), b"]"]
        if pg is not None:
            out += [b"/Pg ", page_ref(pg, doc)]
        if self.ident is not None:
            out += [b"/ID ", PDFString(self.ident).format(doc)]
        if self.alt is not None:
            out += [b"/Alt ", PDFString(self.alt).format(doc)]
        if self.lang:
            out += [b"/Lang ", PDFString(self.lang).format(doc)]
        if self.attrs:
            out += [b"/A ", PDFDictionary(self.attrs).format(doc)]
        out.append(b">>")
        return b"".join(out)


class _NumberTree(PDFObject):
    __RefOnly__ = 1

    def __init__(self, entries: dict):
        self.entries = entries

    def format(self, doc):
        nums = []
        for k in sorted(self.entries):
            v = self.entries[k]
            v = b"[" + b" ".join(ref(e, doc) for e in v) + b"]" if isinstance(v, list) else ref(v, doc)
            nums.append(b"%d %s" % (k, v))
        return b"<</Nums[" + b"\n".join(nums) + b"]>>"


class _NameTree(PDFObject):
    __RefOnly__ = 1

    def __init__(self, entries: dict):
        self.entries = entries

    def format(self, doc):
        names = [PDFString(k).format(doc) + b" " + ref(self.entries[k], doc) for k in sorted(self.entries)]
        return b"<</Names[" + b"\n".join(names) + b"]>>"


class StructTreeRoot(PDFObject):
    __RefOnly__ = 1

    def __init__(self):
        self.doc_elem = StructElem("Document", self)
        self.parent_tree: dict = {}  # StructParents key -> [elem by MCID] (a page) | elem (an annotation)
        self.ids: dict = {}  # element identifier -> elem (Note elements must have one, PDF/UA-1 7.9)
        self.next_key = 0

    def key(self) -> int:
        self.next_key += 1
        return self.next_key - 1

    def new_id(self, prefix: str, elem: StructElem) -> str:
        ident = "%s-%04d" % (prefix, len(self.ids) + 1)
        self.ids[ident] = elem
        return ident

    def format(self, doc):
        live = {k: e for k, e in self.ids.items() if e.live()}  # (a cell continued on the next page is not written)
        ids = b"/IDTree %s" % ref(_NameTree(live), doc) if live else b""
        return b"<</Type/StructTreeRoot/K[%s]/ParentTree %s/ParentTreeNextKey %d%s>>" % (
            ref(self.doc_elem, doc), ref(_NumberTree(self.parent_tree), doc), self.next_key, ids)
