"""Reading a tagged PDF for the layout checker: its structure tree (pypdf) and where each element's
marked content sits on the page (PDFium, via pypdfium2). Nothing here shares code with briefpdf.

`read(pdf, frame)` gives a Doc: the element tree, each element's text runs (page, baseline, box,
font size, weight), its graphics, the leaf text blocks and the units a reader meets in order.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

INLINE = frozenset({"Link", "Span", "Quote", "Code", "Annot", "BibEntry"})
HEADINGS = frozenset({"H1", "H2", "H3", "H4", "H5", "H6"})
UNITS = frozenset({"Table", "Figure", "TOC"})  # looked at whole, not descended into


@dataclass
class Run:
    """One text object: where it sits, its text and font."""

    page: int
    y: float  # baseline
    bottom: float
    top: float
    x: float
    size: float
    text: str
    bold: bool


@dataclass
class Line:
    page: int
    y: float
    bottom: float
    top: float
    runs: list = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(r.text for r in sorted(self.runs, key=lambda r: r.x)).strip()


@dataclass(eq=False)
class Node:
    """A structure element: its role, kids, own marked content and (for a Link) its URI."""

    role: str
    parent: "Node | None" = None
    kids: list = field(default_factory=list)
    mcids: list = field(default_factory=list)  # (page, mcid)
    uri: str | None = None
    own: list = field(default_factory=list)  # text of its own marked content
    runs: list = field(default_factory=list)  # own text and that of inline kids
    marks: list = field(default_factory=list)  # (page, bottom, top) of own graphics
    index: int = 0  # reading order

    def walk(self):
        yield self
        for k in self.kids:
            yield from k.walk()

    def all_runs(self) -> list:
        return [r for n in self.walk() for r in n.runs]

    def pages(self) -> set:
        return {r.page for r in self.all_runs()} | {m[0] for n in self.walk() for m in n.marks}

    def text(self) -> str:
        return " ".join(line.text for line in lines(self.all_runs()))


@dataclass
class Doc:
    root: Node
    pages: int
    frame: tuple  # (bottom, top) of the text area, in points from the page's foot
    blocks: list  # leaf text blocks in reading order
    units: list  # what a reader meets in order: headings, blocks, tables, figures
    page_runs: dict  # page -> runs of tagged text
    page_marks: dict  # page -> (bottom, top) of tagged graphics


def lines(runs: list) -> list[Line]:
    """Runs grouped into lines: a baseline within 0.6 of the type size (a superscript) joins a line."""
    out: list[Line] = []
    for r in sorted(runs, key=lambda r: (r.page, -r.y, r.x)):
        last = out[-1] if out else None
        if last and last.page == r.page and abs(last.y - r.y) < 0.6 * max(r.size, max(x.size for x in last.runs)):
            last.runs.append(r)
            last.bottom, last.top = min(last.bottom, r.bottom), max(last.top, r.top)
            if r.size > max(x.size for x in last.runs[:-1]):
                last.y = r.y
        else:
            out.append(Line(r.page, r.y, r.bottom, r.top, [r]))
    return out


def _tree(reader: PdfReader) -> tuple[Node, list[Node]]:
    root = reader.trailer["/Root"].get_object()
    sroot = root["/StructTreeRoot"].get_object()
    page_no = {p.indirect_reference.idnum: i + 1 for i, p in enumerate(reader.pages)}
    order: list[Node] = []

    def walk(obj: DictionaryObject, parent: Node | None) -> Node:
        node = Node(str(obj.get("/S", "/?"))[1:], parent, index=len(order))
        order.append(node)
        pg = obj.raw_get("/Pg") if "/Pg" in obj else None
        kids = obj.get("/K")
        kids = kids if isinstance(kids, ArrayObject) else ([] if kids is None else [kids])
        for k in kids:
            kobj = k.get_object()
            if isinstance(kobj, int):
                node.mcids.append((page_no[pg.idnum], int(kobj)))
            elif isinstance(kobj, DictionaryObject) and kobj.get("/Type") == "/MCR":
                node.mcids.append((page_no[kobj.raw_get("/Pg").idnum], int(kobj["/MCID"])))
            elif isinstance(kobj, DictionaryObject) and kobj.get("/Type") == "/OBJR":
                action = kobj["/Obj"].get_object().get("/A")
                if action is not None and "/URI" in action.get_object():
                    node.uri = str(action.get_object()["/URI"])
            elif isinstance(kobj, DictionaryObject):
                node.kids.append(walk(kobj, node))
        return node

    top = sroot["/K"]
    tops = top if isinstance(top, ArrayObject) else [top]
    doc = Node("StructTreeRoot")
    doc.kids = [walk(k.get_object(), doc) for k in tops]
    return doc, order


def _geometry(path) -> tuple[dict, dict, int]:
    """(page, mcid) -> runs and (page, mcid) -> graphics boxes, from PDFium."""
    runs, marks = defaultdict(list), defaultdict(list)
    pdf = pdfium.PdfDocument(path if isinstance(path, bytes) else str(path))
    try:
        for pno in range(len(pdf)):
            page = pdf[pno]
            tp = page.get_textpage()
            for obj in page.get_objects(textpage=tp):
                mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(obj.raw)
                if mcid < 0:
                    continue
                left, bottom, right, top = obj.get_bounds()
                key = (pno + 1, mcid)
                if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                    text = obj.extract().replace("\x02", "-")  # PDFium's mark for a hyphen ending a line
                    if not text.strip():
                        continue
                    m = obj.get_matrix()
                    size = obj.get_font_size() * abs(m.d or 1)
                    bold = "bold" in obj.get_font().get_base_name().lower()
                    runs[key].append(Run(pno + 1, m.f, bottom, top, left, size, text, bold))
                else:
                    marks[key].append((pno + 1, bottom, top))
        return runs, marks, len(pdf)
    finally:
        pdf.close()


def read(path, frame: tuple[float, float] | None = None) -> Doc:
    """The document's elements with their text lines and graphics, page by page."""
    root, order = _tree(PdfReader(io.BytesIO(path) if isinstance(path, bytes) else str(path)))
    runs, marks, pages = _geometry(path)
    page_runs, page_marks = defaultdict(list), defaultdict(list)
    for node in order:
        owner = node
        while owner.role in INLINE and owner.parent is not None and owner.parent.role != "StructTreeRoot":
            owner = owner.parent
        for key in node.mcids:
            node.own += runs.get(key, [])
            owner.runs += runs.get(key, [])
            node.marks += marks.get(key, [])
            page_runs[key[0]] += runs.get(key, [])
            page_marks[key[0]] += [(b, t) for _, b, t in marks.get(key, [])]
    if frame is None:
        tops = [r.top for rs in page_runs.values() for r in rs]
        bottoms = [r.bottom for rs in page_runs.values() for r in rs]
        frame = (min(bottoms, default=0), max(tops, default=1))
    blocks, units = [], []

    def visit(node: Node) -> None:
        if node.role in UNITS or node.role in HEADINGS:
            units.append(node)
            if node.role in HEADINGS:
                blocks.append(node)
            else:
                for n in node.walk():
                    if n.runs and n is not node and n.role != "Lbl":
                        blocks.append(n)
            return
        if node.role in INLINE or node.role == "Lbl":
            return
        if node.runs:
            blocks.append(node)
            units.append(node)
        for k in node.kids:
            visit(k)

    visit(root)
    return Doc(root, pages, frame, blocks, units, page_runs, page_marks)


