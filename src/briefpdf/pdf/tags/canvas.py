"""Marked content on the canvas: MCIDs, artifacts, and the per-page bookkeeping.

Every drawing operation lands in `canvas._code`. An element opened with `tag_begin` records
where its content starts; when it closes (or a child opens) the operators since then are
wrapped in `/Role <</MCID n>> BDC ... EMC` -- but only if they paint something, so state-only
runs (q, cm, colours, fonts) stay unmarked. Anything painted with no element open is page
furniture and becomes an /Artifact at page end. Per-page state lives in `self._tagpage`,
replaced in `_startPage`, so a canvas that defers its pages (BriefingCanvas keeps a copy of
its __dict__ per page to draw "Page N of M" at save time) finishes each page correctly.
"""

from __future__ import annotations

from contextlib import contextmanager

from reportlab.pdfbase.pdfdoc import PDFName, PDFPage

from ..metadata import install_catalog
from .tree import StructElem, StructTreeRoot

# operators that put marks on the page: text showing, path construction/painting, shadings, images
# artifact properties by kind (ISO 32000-1, 14.8.2.2.2): furniture is pagination of a subtype; the
# rest of what a page draws around its content (rules, backgrounds, dots, underlines) is layout
PAGINATION = {kind: "/Type /Pagination /Subtype /" + kind.title() for kind in ("header", "footer", "watermark")}
LAYOUT = "/Type /Layout"
CAPTIONED = frozenset({"Table", "Figure", "L"})  # what a Caption element drawn just before belongs to
PAINTING = frozenset("Tj TJ ' \" re m l c v y h f f* F S s B B* b b* sh Do BI".split())
_SHORT = 48  # operator strings up to this length repeat (colours, widths, cm): their answer is kept
_painted: dict[str, bool] = {}


def paints(op: str) -> bool:
    """Does this piece of a content stream put marks on the page (one of its whitespace-separated
    tokens is a text-showing, path or painting operator)? One split, no regular expression; the
    short state-setting strings that make up most of a page are answered once."""
    if len(op) > _SHORT:
        return not PAINTING.isdisjoint(op.split())
    known = _painted.get(op)
    if known is None:
        if len(_painted) > 4096:
            _painted.clear()
        known = _painted[op] = not PAINTING.isdisjoint(op.split())
    return known


class Mark(str):
    """Empty-string placeholder left in canvas._code / a text object's _code until page end."""

    def __new__(cls, kind: str, elem=None):
        s = str.__new__(cls, "")
        s.kind, s.elem = kind, elem
        return s


class _Entry:
    """An open context on the page stack: E(lement), A(rtifact), S(uppressed, inside an artifact)."""

    __slots__ = ("kind", "elem", "idx", "atype")

    def __init__(self, kind: str, elem=None, atype: str | None = None):
        self.kind, self.elem, self.idx, self.atype = kind, elem, None, atype


class _PageTags:
    __slots__ = ("no", "mcids", "stack", "pending")

    def __init__(self, no: int):
        self.no, self.mcids, self.stack, self.pending = no, [], [], []


def scan(code: list, start: int) -> tuple[bool, bool]:
    """-> (paints anything, q/Q balanced without dipping below the start depth)."""
    painted, depth, ok = False, 0, True
    for j in range(start, len(code)):
        s = code[j]
        if s == "q":
            depth += 1
        elif s == "Q":
            depth -= 1
            ok = ok and depth >= 0
        elif not painted and paints(s):
            painted = True
    return painted, ok and depth == 0


class MarkedContent:
    """Canvas mixin: the structure stack and marked-content writer (use before Canvas in the MRO)."""

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self._tagroot, self._tagkeys, self._tagtarget = StructTreeRoot(), {}, None
        self._tagsect = self._tagroot.doc_elem  # parent of top-level elements (a Part in a packet)
        self._tagpage = _PageTags(self._pageNumber)
        install_catalog(self, self._tagroot)

    def _startPage(self):
        super()._startPage()
        self._tagpage = _PageTags(self._pageNumber)

    # -- a sequence is written when it closes, and only if it painted something
    def _close(self, e: _Entry) -> None:
        i, e.idx = e.idx, None
        if i is None:
            return
        code = self._code
        paints, balanced = scan(code, i)
        if not paints:
            return
        elem = e.elem if e.kind == "E" else None
        if balanced:
            code.insert(i, self._new_bdc(elem, e.atype))
            code.append("EMC")
        else:  # a q/Q opened outside and closed inside (or vice versa): one sequence per run
            code[i:] = self._wrap_runs(code[i:], elem, e.atype)

    def _new_bdc(self, elem, atype: str | None = None) -> str:
        if elem is None:
            return "/Artifact <<%s>> BDC" % atype if atype else "/Artifact BMC"
        tp = self._tagpage
        tp.mcids.append(elem)
        elem.kids.append(("mc", tp.no, len(tp.mcids) - 1))
        return "/%s <</MCID %d>> BDC" % (elem.role, len(tp.mcids) - 1)

    def _wrap_runs(self, items: list, elem, atype: str | None = None) -> list:
        """Wrap each painting run between q/Q operators, so marked content stays q/Q-balanced."""
        out, run = [], []
        for s in items + ["q"]:
            if s == "q" or s == "Q":
                if any(paints(r) for r in run):
                    out.append(self._new_bdc(elem, atype))
                    out += run
                    out.append("EMC")
                else:
                    out += run
                out.append(s)
                run = []
            else:
                run.append(s)
        return out[:-1]

    def _push(self, kind: str, elem=None, atype: str | None = None) -> bool:
        st = self._tagpage.stack
        if st and st[-1].kind != "E":  # inside an artifact nothing is structure
            st.append(_Entry("S"))
            return False
        if st:
            self._close(st[-1])
        else:
            self._code.append(Mark("tag"))  # leaving the page-level (artifact) region
        e = _Entry(kind, elem, atype)
        e.idx = len(self._code)
        st.append(e)
        return True

    def tag_begin(self, role: str, key=None, alt: str | None = None, attrs: dict | None = None,
                  ident: str | None = None):
        """Open element `role` under the current one, or continue the element made for `key`."""
        st = self._tagpage.stack
        if st and st[-1].kind != "E":
            return self._push("E")
        elem = self._tagkeys.get(key) if key is not None else None
        if elem is None:
            parent = st[-1].elem if st else self._tagsect
            elem = StructElem(role, parent, alt, attrs)
            if ident:
                elem.ident = self._tagroot.new_id(ident, elem)
            if key is not None:
                self._tagkeys[key] = elem
            if st:
                self._close(st[-1])  # the parent's content so far precedes the new kid
            if role in CAPTIONED and parent.kids and getattr(parent.kids[-1], "role", None) == "Caption":
                caption = parent.kids.pop()  # a caption drawn just before a table or figure is its first kid
                caption.parent = elem
                elem.kids.append(caption)
            parent.kids.append(elem)
            elem.attached = True
        self._push("E", elem)
        return elem

    def tag_artifact(self, atype: str | None = None) -> None:
        self._push("A", atype=atype)

    def tag_end(self) -> None:
        st = self._tagpage.stack
        e = st.pop()
        if e.kind == "S":
            return
        self._close(e)
        if st:
            st[-1].idx = len(self._code)
        else:
            self._code.append(Mark("top"))

    def tag_current(self):
        """The element content is going to (None at page level or inside an artifact)."""
        st = self._tagpage.stack
        return st[-1].elem if st and st[-1].kind == "E" else None

    def tag_lookup(self, key):
        return self._tagkeys.get(key)

    def tag_section(self, role: str, lang: str | None = None) -> StructElem:
        """Start a grouping (a packet's Part, in language `lang`) that every following top-level
        element belongs to."""
        root = self._tagroot.doc_elem
        elem = StructElem(role, root)
        elem.lang = lang
        root.kids.append(elem)
        elem.attached = True
        self._tagsect = elem
        return elem

    def draw_furniture(self, part) -> None:
        """Page furniture is pagination: an artifact typed by its part (header, footer, watermark).

        The deferred-page canvas (pdf/canvas.py) draws each part of a page's furniture through
        this hook, so the layout that draws it never knows about tagging.
        """
        self.tag_artifact(PAGINATION[part.kind])
        try:
            super().draw_furniture(part)
        finally:
            self.tag_end()

    @contextmanager
    def tagged(self, role: str, **kw):
        self.tag_begin(role, **kw)
        try:
            yield
        finally:
            self.tag_end()

    # -- page end. Canvas.showPage calls _setAnnotations(page) right after page.setStream(), so
    #    this runs for deferred pages too (BriefingCanvas.save calls Canvas.showPage directly).
    def _setAnnotations(self, page):
        super()._setAnnotations(page)
        tp = self._tagpage
        if tp.stack:
            raise RuntimeError("unbalanced tag_begin/tag_end on page %d" % tp.no)
        if self._wrap_page_artifacts():
            page.setStream(self._psCommandsBeforePage + [self._preamble] + self._code + self._psCommandsAfterPage)
        key = self._tagroot.key()
        self._tagroot.parent_tree[key] = tp.mcids
        page.__NoDefault__ = PDFPage.__NoDefault__ + ["StructParents", "Tabs"]
        page.StructParents, page.Tabs = key, PDFName("S")

    def _wrap_page_artifacts(self) -> bool:
        code, out, seg, top = self._code, [], [], True
        for s in code:
            if type(s) is Mark:
                if top:
                    out += self._wrap_runs(seg, None, LAYOUT)
                    seg = []
                top = s.kind == "top"
            elif top:
                seg.append(s)
            else:
                out.append(s)
        out += self._wrap_runs(seg, None, LAYOUT)
        changed = out != code
        code[:] = out
        return changed
