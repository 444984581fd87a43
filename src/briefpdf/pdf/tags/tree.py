"""The logical structure written into the PDF: StructElem, ParentTree, IDTree (catalog and XMP: pdf/metadata.py).

Elements are written by hand as bytes (not via PDFDictionary): on a table-heavy briefing the
generic dictionary writer costs more than all the marked-content bookkeeping together.
"""

from __future__ import annotations

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import (
    NoEncryption,
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFString,
)


def page_ref(n: int, doc) -> bytes:
    """Canvas page n is the pdfdoc object "Page<n>" (pages are added in order, even deferred)."""
    number = doc.idToObjectNumberAndVersion.get("Page%d" % n)
    if number is None:
        return PDFObjectReference("Page%d" % n).format(doc)  # (raises ReportLab's own error)
    return b"%d %d R" % number


def ref(obj, doc) -> bytes:
    """`N 0 R` for obj, registering it with the document first if it is new (in the order
    ReportLab would); an object already registered is looked up, not registered again."""
    name = getattr(obj, "__InternalName__", None)
    if name is None or name not in doc.idToObject:
        return doc.Reference(obj).format(doc)
    return b"%d %d R" % doc.idToObjectNumberAndVersion[name]


_ROLES: dict[str, bytes] = {}  # role -> b"/Role"
_MEMO: dict[tuple, bytes] = {}  # (what, value) -> its bytes, for values whose bytes depend on nothing else


def _role(role: str) -> bytes:
    out = _ROLES.get(role)
    if out is None:
        out = _ROLES[role] = PDFName(role).encode("ascii")
    return out


def _value_key(v):
    """A hashable stand-in for an attribute value that formats the same in every unencrypted
    document (names, numbers, strings, arrays of them), or None."""
    t = type(v)
    if t is str or t is int:
        return v
    if t is PDFString and type(v.s) is str:
        return ("S", v.s, getattr(v, "escape", 1), getattr(v, "enc", "auto"))
    if t is PDFArray:
        keys = tuple(_value_key(e) for e in v.sequence)
        return None if None in keys else ("A", v.multiline, keys)
    return None


def _memo(key: tuple, make) -> bytes:
    out = _MEMO.get(key)
    if out is None:
        if len(_MEMO) > 4096:
            _MEMO.clear()
        out = _MEMO[key] = make()
    return out


def _attrs(attrs: dict, doc) -> bytes:
    """The /A dictionary; one with the same names, numbers and strings is written once per process."""
    keys = tuple((k, _value_key(v)) for k, v in attrs.items())
    if not isinstance(doc.encrypt, NoEncryption) or any(v is None for _, v in keys):
        return PDFDictionary(attrs).format(doc)
    return _memo(("A", rl_config.pdfMultiLine, keys), lambda: PDFDictionary(attrs).format(doc))


def _string(text: str, doc) -> bytes:
    if not isinstance(doc.encrypt, NoEncryption):
        return PDFString(text).format(doc)
    return _memo(("S", text), lambda: PDFString(text).format(doc))


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
        out = [b"<</Type/StructElem/S", _role(self.role), b"/P ",
               ref(self.parent, doc), b"/K[", b" ".join(K), b"]"]
        if pg is not None:
            out += [b"/Pg ", page_ref(pg, doc)]
        if self.ident is not None:
            out += [b"/ID ", _string(self.ident, doc)]
        if self.alt is not None:
            out += [b"/Alt ", _string(self.alt, doc)]
        if self.lang:
            out += [b"/Lang ", _string(self.lang, doc)]
        if self.attrs:
            out += [b"/A ", _attrs(self.attrs, doc)]
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
