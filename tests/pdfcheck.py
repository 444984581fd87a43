"""An independent reader for tagged PDFs, built on pypdf (nothing here shares code with pdf/tags).

check(path) walks every page's content stream and the structure tree and returns a Report:
problems (empty when the file is sound) plus what a test wants to assert on (roles, headings
in reading order, tables, figures). It checks: MarkInfo/Lang/DisplayDocTitle/StructTreeRoot/
XMP (dc:title, pdfuaid:part 1); every page /Tabs /S and /StructParents; every text-showing,
path or image operator inside an /Artifact or an MCID-carrying sequence; no nested MCIDs, no
sequence straddling BT/ET or unbalanced with q/Q; each MCID referenced by exactly one element
and by ParentTree[page][mcid]; no orphans either way; /P back-pointers; structure order equals
content order; link annotations -> /StructParent -> the element holding their OBJR; Figure
/Alt and /BBox; TH /Scope; tables as (Caption) THead TBody with TH-only header rows and no
column-header row in the body (a repeated header must be an Artifact); /Headers resolve.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, IndirectObject, NameObject

PAINT = {b"Tj", b"TJ", b"'", b'"', b"re", b"m", b"l", b"c", b"v", b"y", b"h", b"f", b"F", b"f*", b"S", b"s",
         b"B", b"B*", b"b", b"b*", b"sh", b"Do", b"BI", b"INLINE IMAGE"}
NS = {"dc": "http://purl.org/dc/elements/1.1/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "pdfuaid": "http://www.aiim.org/pdfua/ns/id/"}


@dataclass
class Elem:
    role: str
    obj: DictionaryObject
    kids: list = field(default_factory=list)  # Elem
    mcids: list = field(default_factory=list)  # (page, mcid)
    text: str = ""  # the text of its own marked content, in order (not its kids')
    seq: list = field(default_factory=list)  # Elem | (page, mcid) in /K order
    objrs: list = field(default_factory=list)  # annotation dictionaries it owns


@dataclass
class Report:
    problems: list = field(default_factory=list)
    roles: Counter = field(default_factory=Counter)
    root: Elem | None = None
    pages: int = 0
    mcids: int = 0
    artifacts: int = 0
    links: int = 0
    mc_text: dict = field(default_factory=dict)  # (page, mcid) -> text drawn in it
    artifact_text: str = ""
    artifact_kinds: dict = field(default_factory=dict)  # "Pagination/Footer", "Layout"... -> text drawn in it
    painted_in: Counter = field(default_factory=Counter)  # (tag of the marked content, operator) -> count

    def fail(self, msg: str) -> None:
        self.problems.append(msg)

    def walk(self, elem: Elem | None = None):
        elem = elem or self.root
        yield elem
        for k in elem.kids:
            yield from self.walk(k)

    def find(self, role: str) -> list[Elem]:
        return [e for e in self.walk() if e.role == role]

    def text(self, elem: Elem | None = None) -> str:
        """The element's text with its kids', in structure order (what a screen reader reads)."""
        elem = elem or self.root
        return "".join(self.text(k) if isinstance(k, Elem) else self.mc_text.get(k, "") for k in elem.seq)


def _ident(x):
    return ("ref", x.idnum) if isinstance(x, IndirectObject) else ("id", id(x))


def _num_tree(node, out: dict) -> dict:
    node = node.get_object()
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums), 2):
            out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        _num_tree(kid, out)
    return out


def _scan(rep: Report, reader: PdfReader, page, pno: int) -> list:
    """Content-stream order of (mcid, tag) on one page."""
    mcids, stack, in_bt, qd = [], [], False, 0
    contents = page.get_contents()
    if contents is None:
        return mcids
    props_res = (page.get("/Resources") or {}).get("/Properties")
    for operands, op in ContentStream(contents, reader).operations:
        if op in (b"BMC", b"BDC"):
            tag = str(operands[0])
            mcid = None
            if op == b"BDC":
                props = operands[1]
                if isinstance(props, NameObject):
                    props = props_res.get_object()[props].get_object()
                if "/MCID" in props:
                    mcid = int(props["/MCID"])
            if mcid is not None:
                if any(e[1] is not None for e in stack):
                    rep.fail(f"page {pno}: MCID {mcid} nested inside another MCID")
                mcids.append((mcid, tag))
            if tag == "/Artifact":
                rep.artifacts += 1
            stack.append((tag, mcid, in_bt, qd))
        elif op == b"EMC":
            if not stack:
                rep.fail(f"page {pno}: EMC without BMC/BDC")
                continue
            tag, mcid, bt, q0 = stack.pop()
            if bt != in_bt:
                rep.fail(f"page {pno}: marked content {tag} straddles BT/ET")
            if q0 != qd:
                rep.fail(f"page {pno}: marked content {tag} not q/Q balanced ({qd - q0:+d})")
        elif op == b"q":
            qd += 1
        elif op == b"Q":
            qd -= 1
            if stack and qd < stack[-1][3]:
                rep.fail(f"page {pno}: Q inside {stack[-1][0]} restores a q from outside it")
        elif op == b"BT":
            in_bt = True
        elif op == b"ET":
            in_bt = False
        elif op in PAINT:
            if not any(t == "/Artifact" or m is not None for t, m, _, _ in stack):
                rep.fail(f"page {pno}: {op.decode()!r} outside tagged or artifact content")
    if qd:
        rep.fail(f"page {pno}: q/Q unbalanced in the page ({qd:+d})")
    if stack:
        rep.fail(f"page {pno}: {len(stack)} unclosed marked-content sequences")
    return mcids


def _to_unicode(font) -> dict:
    """code -> text from a font's ToUnicode CMap (bfchar and bfrange); {} without one."""
    out: dict = {}
    cmap = font.get("/ToUnicode")
    if cmap is None:
        return out
    data = cmap.get_object().get_data().decode("latin-1")
    hexes = lambda h: bytes.fromhex(h).decode("utf-16-be")  # noqa: E731
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(code, 16)] = hexes(uni)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(uni, 16)
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(start + i)
    return out


def _texts(rep: Report, reader: PdfReader, page, pno: int) -> None:
    """Text drawn in each MCID of a page, decoded through the fonts' ToUnicode maps, and the
    text drawn as artifacts. A line break stands for each BT/ET and each new line inside."""
    contents = page.get_contents()
    if contents is None:
        return
    fonts = (page.get("/Resources") or {}).get("/Font") or {}
    maps: dict = {}
    stack: list = []
    current: dict = {}

    def emit(t: str) -> None:
        kind = next((m for tag, m in stack if tag == "/Artifact"), False)
        if kind is not False:
            rep.artifact_text += t
            rep.artifact_kinds[kind] = rep.artifact_kinds.get(kind, "") + t
            return
        mcid = next((m for _, m in reversed(stack) if m is not None), None)
        if mcid is not None:
            key = (pno, int(mcid))
            rep.mc_text[key] = rep.mc_text.get(key, "") + t

    def decode(raw) -> str:
        data = raw if isinstance(raw, bytes) else raw.original_bytes if hasattr(raw, "original_bytes") else bytes(raw)
        return "".join(current.get(b, chr(b)) for b in data)

    for operands, op in ContentStream(contents, reader).operations:
        if op in (b"BMC", b"BDC"):
            props = operands[1] if op == b"BDC" else None
            if isinstance(props, NameObject):
                props = page["/Resources"]["/Properties"][props].get_object()
            mcid = props.get("/MCID") if hasattr(props, "get") else None
            if str(operands[0]) == "/Artifact":  # its kind in place of an MCID
                mcid = "/".join(str(props.get(k, ""))[1:] for k in ("/Type", "/Subtype") if k in props) \
                    if hasattr(props, "get") else ""
                rep.artifact_kinds.setdefault(mcid, "")
            stack.append((str(operands[0]), mcid))
        elif op == b"EMC" and stack:
            stack.pop()
        elif op in PAINT and stack:
            rep.painted_in[(stack[-1][0], op.decode("latin-1"))] += 1
        if op == b"Tf":
            name = operands[0]
            if name not in maps:
                maps[name] = _to_unicode(fonts[name].get_object()) if name in fonts else {}
            current = maps[name]
        elif op in (b"Tj", b"'", b'"'):
            emit(("\n" if op != b"Tj" else "") + decode(operands[-1]))
        elif op == b"TJ":
            emit("".join(decode(x) if not isinstance(x, (int, float)) and not hasattr(x, "as_numeric") else
                         (" " if float(x) < -200 else "") for x in operands[0]))
        elif op in (b"ET", b"T*", b"Td", b"TD"):
            emit("\n")


def _catalog(rep: Report, reader: PdfReader, root) -> None:
    mi = root.get("/MarkInfo")
    if not (mi and bool(mi.get_object().get("/Marked"))):
        rep.fail("catalog: /MarkInfo /Marked true missing")
    if not str(root.get("/Lang", "")):
        rep.fail("catalog: /Lang missing")
    vp = root.get("/ViewerPreferences")
    if not (vp and bool(vp.get_object().get("/DisplayDocTitle"))):
        rep.fail("catalog: /ViewerPreferences /DisplayDocTitle true missing")
    try:
        x = ET.fromstring(root["/Metadata"].get_object().get_data())
        title = x.find(".//dc:title/rdf:Alt/rdf:li", NS)
        part = x.find(".//pdfuaid:part", NS)
        if title is None or not title.text:
            rep.fail("XMP: dc:title missing")
        elif title.text != str((reader.metadata or {}).get("/Title", "")):
            rep.fail("XMP: dc:title differs from Info /Title")
        if part is None or part.text != "1":
            rep.fail("XMP: pdfuaid:part 1 missing")
    except Exception as exc:  # noqa: BLE001 - any failure to read is the finding
        rep.fail(f"XMP metadata unreadable: {exc}")


def _table(rep: Report, table: Elem) -> None:
    """Caption first if any, then at most one THead (rows of TH) and one TBody; TD /Headers name
    TH /IDs of the same table."""
    roles = [k.role for k in table.kids]
    if roles != sorted(roles, key=["Caption", "THead", "TBody", "TFoot"].index) or len(set(roles)) != len(roles):
        rep.fail(f"Table: kids {roles}, expected (Caption) (THead) TBody")
        return
    ids = {str(c.obj["/ID"]) for part in table.kids for tr in part.kids for c in tr.kids
           if c.role == "TH" and "/ID" in c.obj}
    for part in table.kids:
        if part.role == "Caption":
            continue
        for tr in part.kids:
            if tr.role != "TR":
                rep.fail(f"Table: {part.role} holds {tr.role}, not TR")
                continue
            kinds = {c.role for c in tr.kids}
            if part.role == "THead" and kinds != {"TH"}:
                rep.fail("Table: a THead row with cells other than TH")
            if part.role == "TBody" and kinds == {"TH"} and len(tr.kids) > 1:
                rep.fail("Table: a row of column headers in TBody (a repeated header not marked Artifact)")
            for c in tr.kids:
                for ref in (c.obj.get("/A") or {}).get("/Headers", []):
                    if str(ref) not in ids:
                        rep.fail(f"Table: /Headers names {ref}, no TH of the table has that /ID")


def check(path) -> Report:
    rep = Report()
    reader = PdfReader(str(path))
    root = reader.trailer["/Root"].get_object()
    _catalog(rep, reader, root)
    sroot_ref = root.get("/StructTreeRoot")
    if sroot_ref is None or "/ParentTree" not in sroot_ref.get_object():
        rep.fail("catalog: /StructTreeRoot with /ParentTree missing")
        return rep
    sroot = sroot_ref.get_object()
    ptree = _num_tree(sroot["/ParentTree"], {})
    if ptree and max(ptree) >= int(sroot.get("/ParentTreeNextKey", 0)):
        rep.fail("ParentTreeNextKey is not above every ParentTree key")

    page_index, content = {}, {}  # page idnum -> number; (page, mcid) -> (stream position, tag)
    rep.pages = len(reader.pages)
    for pno, page in enumerate(reader.pages, 1):
        page_index[page.indirect_reference.idnum] = pno
        if page.get("/Tabs") != "/S":
            rep.fail(f"page {pno}: /Tabs /S missing")
        if "/StructParents" not in page:
            rep.fail(f"page {pno}: /StructParents missing")
        _texts(rep, reader, page, pno)
        for pos, (m, tag) in enumerate(_scan(rep, reader, page, pno)):
            if (pno, m) in content:
                rep.fail(f"page {pno}: MCID {m} used twice in the content")
            content[(pno, m)] = (pos, tag)
        arr = ptree.get(int(page.get("/StructParents", -1)))
        arr = arr.get_object() if arr is not None else None
        on_page = sorted(m for (p, m) in content if p == pno)
        if not isinstance(arr, ArrayObject):
            rep.fail(f"page {pno}: ParentTree has no array for the page")
        elif on_page != list(range(len(arr))):
            rep.fail(f"page {pno}: content MCIDs {on_page[:5]}... vs ParentTree array of {len(arr)}")
    rep.mcids = len(content)

    tree_refs, order, annots_in_tree = {}, [], {}

    def walk(ref, parent_ref, depth) -> Elem:
        obj = ref.get_object()
        role = str(obj.get("/S", "?"))[1:]
        elem = Elem(role, obj)
        rep.roles[role] += 1
        if depth > 100:
            rep.fail("structure tree too deep or cyclic")
            return elem
        if parent_ref is not None and _ident(obj.raw_get("/P") if "/P" in obj else None) != _ident(parent_ref):
            rep.fail(f"{role}: /P does not point to its parent")
        if role == "Figure":
            if not str(obj.get("/Alt", "")).strip():
                rep.fail("Figure without /Alt")
            if "/BBox" not in (obj.get("/A") or {}):
                rep.fail("Figure without /A /BBox")
        if role == "TH" and (obj.get("/A") or {}).get("/Scope") is None:
            rep.fail("TH without /Scope")
        pg = obj.raw_get("/Pg") if "/Pg" in obj else None
        kids = obj.get("/K")
        kids = kids if isinstance(kids, ArrayObject) else ([] if kids is None else [kids])
        for k in kids:
            kobj = k.get_object()
            if isinstance(kobj, int):
                r = (page_index.get(pg.idnum) if pg is not None else None, int(kobj))
            elif isinstance(kobj, DictionaryObject) and kobj.get("/Type") == "/MCR":
                r = (page_index.get(kobj.raw_get("/Pg").idnum), int(kobj["/MCID"]))
            elif isinstance(kobj, DictionaryObject) and kobj.get("/Type") == "/OBJR":
                annots_in_tree[kobj.raw_get("/Obj").idnum] = ref
                elem.objrs.append(kobj["/Obj"].get_object())
                continue
            else:
                elem.kids.append(walk(k, ref, depth + 1))
                elem.seq.append(elem.kids[-1])
                continue
            elem.mcids.append(r)
            elem.seq.append(r)
            if r in tree_refs:
                rep.fail("page %s MCID %d referenced by two structure elements" % r)
            tree_refs[r] = ref
            if r not in content:
                rep.fail("%s references page %s MCID %d that is not in the content (orphan)" % ((role,) + r))
                continue
            order.append((r[0], content[r][0]))
            arr = ptree.get(int(reader.pages[r[0] - 1]["/StructParents"]))
            arr = arr.get_object() if arr is not None else []
            if r[1] >= len(arr) or _ident(arr[r[1]]) != _ident(ref):
                rep.fail("ParentTree[page %d][%d] does not point to the %s that owns it" % (r + (role,)))
        return elem

    top = sroot["/K"]
    tops = top if isinstance(top, ArrayObject) else [top]
    rep.root = Elem("StructTreeRoot", sroot, kids=[walk(k, sroot_ref, 0) for k in tops])
    rep.root.seq = list(rep.root.kids)
    for elem in rep.walk():
        elem.text = "".join(rep.mc_text.get(k, "") for k in elem.seq if not isinstance(k, Elem))
    for r in content:
        if r not in tree_refs:
            rep.fail("page %d MCID %d (%s) not reachable from the structure tree" % (r + (content[r][1],)))
    if order != sorted(order):
        bad = next(i for i in range(1, len(order)) if order[i] < order[i - 1])
        rep.fail(f"structure order != content order near {order[bad - 1:bad + 1]}")

    for pno, page in enumerate(reader.pages, 1):
        for a_ref in (page["/Annots"] if "/Annots" in page else []):
            a = a_ref.get_object()
            rep.links += a.get("/Subtype") == "/Link"
            if "/StructParent" not in a:
                rep.fail(f"page {pno}: annotation without /StructParent")
                continue
            owner = ptree.get(int(a["/StructParent"]))
            held = annots_in_tree.get(a_ref.idnum)
            if owner is None or held is None or _ident(owner) != _ident(held):
                rep.fail(f"page {pno}: annotation /StructParent does not lead to the element holding its OBJR")
            if a.get("/Subtype") == "/Link" and not str(a.get("/Contents", "")):
                rep.fail(f"page {pno}: link annotation without /Contents")

    for table in rep.find("Table"):
        _table(rep, table)
    return rep
