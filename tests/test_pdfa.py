"""PDF/A-2 (ISO 19005-2), level A, checked rule by rule against the files.

No veraPDF here: each test below reads one requirement of ISO 19005-2 (numbered as veraPDF's
PDF/A-2 rules are) back from the bytes with pypdf, qpdf or plain parsing, for four renders: a
single briefing, a `toc: true` render with a logo (an image with transparency), a packet, and
a draft (a transparent watermark). README "What was verified and how" lists them.
"""

from __future__ import annotations

import re
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    ContentStream,
    DictionaryObject,
    IndirectObject,
    TextStringObject,
)

import briefpdf
from briefpdf import bundle
from conftest import FIXTURES, SOURCES, tool

SAMPLE = FIXTURES / "sample_full.yaml"
IMRT = SOURCES / "77301.yaml"
NAMES = ["single", "toc-logo", "packet", "draft"]
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
# ISO 32000-1 Annex A: every content stream operator
OPERATORS = set(b"""b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID j J K k
l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y ' \"""".split())
# ISO 32000-1, 14.8.4: the standard structure types
STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private H H1 H2 H3 H4 H5 H6
P L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP
Warichu WT WP Figure Formula Form""".split())


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdfa")
    logo = folder / "logo.png"
    image = Image.new("RGBA", (240, 80), (29, 79, 124, 255))
    image.putpixel((0, 0), (0, 0, 0, 0))  # some transparency: the image gets a soft mask
    image.save(logo)
    style = folder / "toc-logo.yaml"
    style.write_text("extends: default\noptions:\n  toc: true\n  logo: logo.png\n", encoding="utf-8")
    draft = folder / "draft.yaml"
    draft.write_text(IMRT.read_text(encoding="utf-8").replace("status: final", "status: draft"), encoding="utf-8")
    out = {name: folder / f"{name}.pdf" for name in NAMES}
    briefpdf.render(IMRT, out["single"])
    briefpdf.render(SAMPLE, out["toc-logo"], style=str(style))
    bundle.bundle([IMRT, SAMPLE], out["packet"])
    briefpdf.render(draft, out["draft"])
    return out


@pytest.fixture(scope="module")
def readers(pdfs) -> dict[str, PdfReader]:
    return {name: PdfReader(str(pdf)) for name, pdf in pdfs.items()}


def objects(reader: PdfReader):
    """Every indirect object of the file."""
    for gen, nums in reader.xref.items():
        for num in nums:
            yield reader.get_object(IndirectObject(num, gen, reader))


def walk(obj, seen=None):
    """Every dictionary reachable from obj (streams included), each once."""
    seen = set() if seen is None else seen
    stack = [obj]
    while stack:
        o = stack.pop()
        if isinstance(o, IndirectObject):
            if (o.idnum, o.generation) in seen:
                continue
            seen.add((o.idnum, o.generation))
            o = o.get_object()
        if isinstance(o, DictionaryObject):
            yield o
            stack += [v for k, v in o.items() if k not in ("/P", "/Parent")]
        elif isinstance(o, ArrayObject):
            stack += list(o)


def content_streams(reader: PdfReader):
    for pno, page in enumerate(reader.pages, 1):
        yield pno, page, ContentStream(page.get_contents(), reader).operations


def xmp(reader: PdfReader) -> ET.Element:
    return ET.fromstring(reader.trailer["/Root"]["/Metadata"].get_object().get_data())


# ------------------------------------------------------------------------------ 6.1 file structure
@pytest.mark.parametrize("name", NAMES)
def test_6_1_2_header_and_6_1_3_trailer(pdfs, readers, name):
    data = pdfs[name].read_bytes()
    assert re.match(rb"%PDF-1\.7\r?\n%[\x80-\xff]{4}", data)
    assert data.endswith(b"%%EOF\n") and data.count(b"%%EOF") == 1  # nothing after the end marker
    trailer = readers[name].trailer
    ids = trailer["/ID"]
    assert len(ids) == 2 and all(len(raw(i)) == 16 for i in ids) and "/Encrypt" not in trailer
    assert re.search(rb"\nxref\n0 \d+\n0000000000 65535 f\s?\n", data)  # 6.1.4: xref keyword spacing
    check = subprocess.run([tool("qpdf"), "--check", str(pdfs[name])], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr  # offsets, lengths, syntax


def raw_objects(data: bytes):
    """(object body without its stream data, stream data or None) for every `N 0 obj ... endobj`."""
    for m in re.finditer(rb"\n(\d+) 0 obj\n(.*?)endobj(?=\n)", data, re.S):
        body = m.group(2)
        head = re.match(rb"(.*?>>)\s*stream(\r\n|\n)", body, re.S)
        if head is None:
            yield body, None
            continue
        yield head.group(1), (body, head.end())


@pytest.mark.parametrize("name", NAMES)
def test_6_1_7_streams_have_exact_lengths_eols_and_allowed_filters(pdfs, name):
    data = pdfs[name].read_bytes()
    streams = [(head, stream) for head, stream in raw_objects(data) if stream is not None]
    assert len(streams) >= 5 and data.count(b"endstream") == len(streams)
    for head, (body, start) in streams:
        length = int(re.search(rb"/Length (\d+)", head).group(1))
        assert body[start + length:] in (b"\nendstream\n", b"\r\nendstream\n"), head[:80]  # EOL, then endstream
        assert not re.search(rb"/(F|FFilter|FDecodeParms)[\s/<\[]", head)
        assert not re.search(rb"/(LZWDecode|Crypt)\b", head)


def raw(x) -> bytes:
    return x.original_bytes if hasattr(x, "original_bytes") else bytes(x)


@pytest.mark.parametrize("name", NAMES)
def test_6_1_13_implementation_limits(pdfs, readers, name):
    heads = b"\n".join(head for head, _ in raw_objects(pdfs[name].read_bytes()))
    names = re.findall(rb"/[^\s/<>\[\]()]+", heads)
    assert names and all(len(n) - 1 <= 127 for n in names)
    for pno, _, ops in content_streams(readers[name]):
        depth = deepest = 0
        for operands, op in ops:
            depth += {b"q": 1, b"Q": -1}.get(op, 0)
            deepest = max(deepest, depth)
            for x in operands:
                if isinstance(x, (TextStringObject, ByteStringObject)):
                    assert len(raw(x)) <= 32767
                if isinstance(x, int):
                    assert -2**31 <= x <= 2**31 - 1
        assert deepest <= 28, f"page {pno}: q nested {deepest} deep"
    assert len(list(objects(readers[name]))) < 8388607


# ------------------------------------------------------------------------------ 6.2 graphics
def icc_header(profile: bytes) -> tuple[str, str, float]:
    major, minor = profile[8], profile[9] >> 4
    return profile[12:16].decode(), profile[16:20].decode(), major + minor / 10


@pytest.mark.parametrize("name", NAMES)
def test_6_2_3_an_srgb_output_intent(readers, name):
    intents = readers[name].trailer["/Root"]["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFA1" and "sRGB" in str(intent["/OutputConditionIdentifier"])
    stream = intent["/DestOutputProfile"].get_object()
    profile = stream.get_data()
    assert int(stream["/N"]) == 3 and len(profile) == struct.unpack(">I", profile[:4])[0]
    device_class, space, version = icc_header(profile)
    assert (device_class, space) == ("mntr", "RGB ") and 2 <= version < 5.0
    assert profile[36:40] == b"acsp"  # the ICC file signature
    assert "/DestOutputProfileRef" not in intent


@pytest.mark.parametrize("name", NAMES)
def test_6_2_2_operators_and_6_2_4_3_no_cmyk_without_a_cmyk_intent(pdfs, readers, name):
    for pno, _, ops in content_streams(readers[name]):
        used = {op for _, op in ops}
        assert used <= OPERATORS, f"page {pno}: {used - OPERATORS}"
        assert not used & {b"k", b"K", b"ri", b"i"}  # DeviceCMYK; no rendering intent or flatness set
    assert b"/DeviceCMYK" not in pdfs[name].read_bytes()


@pytest.mark.parametrize("name", NAMES)
def test_6_2_5_graphics_states_6_2_8_images_6_2_10_transparency(readers, name):
    reader = readers[name]
    states = images = 0
    for d in walk(reader.trailer["/Root"]):
        if d.get("/Type") == "/ExtGState" or ({"/ca", "/CA"} & set(d) and "/Subtype" not in d):
            states += 1
            assert not {"/TR", "/HTP", "/HTO", "/HT"} & set(d) and d.get("/TR2", "/Default") == "/Default"
            assert d.get("/BM", "/Normal") in ("/Normal", "/Compatible") and d.get("/SMask", "/None") == "/None"
            assert all(0 <= float(d.get(k, 1)) <= 1 for k in ("/ca", "/CA"))
            assert d.get("/RI", "/RelativeColorimetric") in ("/RelativeColorimetric", "/AbsoluteColorimetric",
                                                               "/Perceptual", "/Saturation")
        if d.get("/Subtype") == "/Image":
            images += 1
            assert not {"/Alternates", "/OPI"} & set(d) and not bool(d.get("/Interpolate", False))
            assert d.get("/ColorSpace") != "/DeviceCMYK" and int(d.get("/BitsPerComponent", 8)) <= 16
        if d.get("/Subtype") in ("/PS",) or "/PS" in d or d.get("/Subtype2") == "/PS":
            pytest.fail("a PostScript XObject")
    if name == "draft":
        assert states  # the watermark is drawn with transparency, which the output intent makes defined
    if name == "toc-logo":
        assert images >= 2  # the logo and its soft mask


# ------------------------------------------------------------------------------ 6.2.11 fonts
def cmap_glyphs(font_program: bytes) -> dict[int, int]:
    """code -> glyph index from a TrueType font's single cmap subtable (format 0 or 6)."""
    tables = {}
    for i in range(struct.unpack(">H", font_program[4:6])[0]):
        tag, _, offset, length = struct.unpack(">4sIII", font_program[12 + 16 * i:28 + 16 * i])
        tables[tag] = font_program[offset:offset + length]
    cmap = tables[b"cmap"]
    count = struct.unpack(">H", cmap[2:4])[0]
    assert count == 1, "6.2.11.6: a symbolic TrueType font's cmap has exactly one subtable"
    sub = cmap[struct.unpack(">I", cmap[8:12])[0]:]
    fmt = struct.unpack(">H", sub[:2])[0]
    if fmt == 0:
        return dict(enumerate(sub[6:262]))
    assert fmt == 6, fmt
    first, n = struct.unpack(">HH", sub[6:10])
    return {first + i: struct.unpack(">H", sub[10 + 2 * i:12 + 2 * i])[0] for i in range(n)}


def to_unicode(font) -> dict[int, str]:
    data = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    pairs = [p for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S)
             for p in re.findall(r"<(\w+)>\s*<(\w+)>", block)]
    return {int(c, 16): bytes.fromhex(u).decode("utf-16-be") for c, u in pairs}


@pytest.mark.parametrize("name", NAMES)
def test_6_2_11_fonts_embedded_symbolic_unicode_and_no_notdef(readers, name):
    reader = readers[name]
    used: dict = {}
    for _, page, ops in content_streams(reader):
        fonts = page["/Resources"].get_object()["/Font"]
        font = None
        for operands, op in ops:
            if op == b"Tf":
                font = fonts[operands[0]].get_object()
            elif op in (b"Tj", b"'", b'"'):
                used.setdefault(id(font), (font, set()))[1].update(raw(operands[-1]))
            elif op == b"TJ":
                for x in operands[0]:
                    if not isinstance(x, (int, float)) and not hasattr(x, "as_numeric"):
                        used.setdefault(id(font), (font, set()))[1].update(raw(x))
    assert used
    for font, codes in used.values():
        name_ = str(font["/BaseFont"])
        assert font["/Subtype"] == "/TrueType" and re.fullmatch(r"/[A-Z]{6}\+\S+", name_)
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"6.2.11.4.1: {name_} not embedded"
        assert not {"/CharSet", "/CIDSet"} & set(descriptor)  # 6.2.11.4.2: nothing to contradict the subset
        assert int(descriptor["/Flags"]) & 4 and "/Encoding" not in font  # 6.2.11.6: symbolic, no Encoding
        unicode = to_unicode(font)
        glyphs = cmap_glyphs(descriptor["/FontFile2"].get_object().get_data())
        widths = font["/Widths"]
        assert len(widths) == int(font["/LastChar"]) - int(font["/FirstChar"]) + 1  # 6.2.11.2
        for code in codes:
            assert unicode.get(code) not in (None, "\x00", "\ufeff", "\ufffe"), f"6.2.11.7.2: {name_} code {code}"
            assert glyphs.get(code, 0) != 0, f"6.2.11.8: {name_} code {code} draws .notdef"


# ------------------------------------------------------------------------------ 6.3 annotations, 6.5 actions
@pytest.mark.parametrize("name", NAMES)
def test_6_3_annotations_and_6_5_actions(pdfs, readers, name):
    reader = readers[name]
    root = reader.trailer["/Root"]
    for page in reader.pages:
        assert "/AA" not in page
        for a in page.get("/Annots", []):
            a = a.get_object()
            assert a["/Subtype"] == "/Link"  # 6.3.1: a permitted type (Link needs no appearance, 6.3.3)
            flags = int(a["/F"])
            assert flags & 4 and not flags & (1 | 2 | 32 | 256)  # 6.3.2: Print; not Invisible, Hidden, NoView, ToggleNoView
            action = a.get("/A")
            assert action is None or action.get_object()["/S"] in ("/URI", "/GoTo")
            assert "/AA" not in a
    assert not {"/AA", "/OpenAction", "/AcroForm", "/Requirements", "/Names"} & set(root)  # 6.5.2, 6.4, 6.11
    heads = b"\n".join(head for head, _ in raw_objects(pdfs[name].read_bytes()))
    actions = set(re.findall(rb"(?<!/Tabs)\s/S\s*/(\w+)", heads)) - {s.encode() for s in STANDARD}  # (and elements)
    assert actions <= {b"URI", b"GoTo", b"GTS_PDFA1"}, actions  # 6.5.1: no Launch, JavaScript, Sound, Movie ...
    for forbidden in (b"/JavaScript", b"/JS", b"/EmbeddedFile", b"/AlternatePresentations", b"/PresSteps",
                      b"/Encrypt", b"/GoToR"):  # 6.5, 6.8, 6.10
        assert not re.search(re.escape(forbidden) + rb"[\s/<>\[\]()]", heads), forbidden


# ------------------------------------------------------------------------------ 6.6 metadata
@pytest.mark.parametrize("name", NAMES)
def test_6_6_2_1_metadata_stream(readers, name):
    stream = readers[name].trailer["/Root"]["/Metadata"].get_object()
    assert stream["/Type"] == "/Metadata" and stream["/Subtype"] == "/XML" and "/Filter" not in stream
    packet = stream.get_data()
    head = re.match(rb'<\?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"\?>', packet)
    assert head and b"bytes=" not in packet[:200] and b"encoding=" not in packet[:200]
    assert packet.rstrip().endswith(b'<?xpacket end="w"?>')


PREDEFINED = {"http://purl.org/dc/elements/1.1/", "http://ns.adobe.com/xap/1.0/", "http://ns.adobe.com/pdf/1.3/",
              "http://www.aiim.org/pdfa/ns/id/"}
EXTENSION = {"http://www.aiim.org/pdfa/ns/extension/", "http://www.aiim.org/pdfa/ns/schema#",
             "http://www.aiim.org/pdfa/ns/property#"}


@pytest.mark.parametrize("name", NAMES)
def test_6_6_2_3_every_property_is_predefined_or_described(readers, name):
    root = xmp(readers[name])
    described = {}
    for schema in root.iter("{http://www.aiim.org/pdfa/ns/extension/}schemas"):
        for li in schema.iter(f"{RDF}li"):
            uri = li.find("{http://www.aiim.org/pdfa/ns/schema#}namespaceURI")
            if uri is not None:
                props = {p.text for p in li.iter("{http://www.aiim.org/pdfa/ns/property#}name")}
                types = {p.text for p in li.iter("{http://www.aiim.org/pdfa/ns/property#}valueType")}
                assert types <= {"Integer", "Text"}
                described[uri.text] = props
    assert described == {"http://www.aiim.org/pdfua/ns/id/": {"part"}}
    for desc in root.iter(f"{RDF}Description"):
        for prop in desc:
            ns, local = prop.tag[1:].split("}")
            assert ns in PREDEFINED or ns in EXTENSION or local in described.get(ns, ()), prop.tag


@pytest.mark.parametrize("name", NAMES)
def test_6_6_4_identification_and_the_xmp_says_what_the_info_says(readers, name):
    reader = readers[name]
    root = xmp(reader)
    text = {el.tag.split("}")[1]: (el.text or "").strip() for el in root.iter() if el.tag.split("}")[0][1:]
            in PREDEFINED | {"http://www.aiim.org/pdfua/ns/id/"}}
    assert root.find(".//{http://www.aiim.org/pdfa/ns/id/}part").text == "2"
    assert root.find(".//{http://www.aiim.org/pdfa/ns/id/}conformance").text == "A"
    assert root.find(".//{http://www.aiim.org/pdfua/ns/id/}part").text == "1"
    info = reader.metadata
    alt = lambda tag: root.find(f".//{{http://purl.org/dc/elements/1.1/}}{tag}/{RDF}Alt/{RDF}li").text  # noqa: E731
    assert alt("title") == info["/Title"] and alt("description") == info["/Subject"]
    creators = root.findall(f".//{{http://purl.org/dc/elements/1.1/}}creator/{RDF}Seq/{RDF}li")
    assert [c.text for c in creators] == ([info["/Author"]] if "/Author" in info else [])
    assert text.get("Keywords") == info["/Keywords"] and text["Producer"] == info["/Producer"]
    assert text["CreatorTool"] == info["/Creator"]
    y, mo, d, h, mi, s, tz = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-]\d\d'\d\d)'", info["/CreationDate"]).groups()
    assert text["CreateDate"] == text["ModifyDate"] == f"{y}-{mo}-{d}T{h}:{mi}:{s}{tz.replace(chr(39), ':')}"
    assert info["/ModDate"] == info["/CreationDate"]
    assert set(info) <= {"/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/Producer", "/CreationDate",
                         "/ModDate"}  # nothing the XMP packet does not also say


# ------------------------------------------------------------------------------ 6.7 logical structure (level A)
@pytest.mark.parametrize("name", NAMES)
def test_6_7_tagged_standard_types_and_languages(readers, name):
    root = readers[name].trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and not bool(root["/MarkInfo"].get("/Suspects", False))
    tree = root["/StructTreeRoot"].get_object()
    assert "/RoleMap" not in tree  # no custom types to map
    lang = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")
    assert lang.match(str(root["/Lang"]))
    kinds = set()
    for d in walk(tree["/K"]):
        if d.get("/Type") == "/StructElem" or ("/S" in d and "/P" in d):
            kinds.add(str(d["/S"])[1:])
            if "/Lang" in d:
                assert lang.match(str(d["/Lang"]))
    assert kinds and kinds <= STANDARD, kinds - STANDARD


def test_the_pdfa_parts_cost_little_and_can_be_left_out_for_measuring():
    """engine.build(pdfa=False) exists to measure the cost: without it there is no output intent
    and no pdfaid, and everything else is the same document."""
    from briefpdf import engine
    from briefpdf.load import load_with_positions
    from briefpdf.style import load as load_style

    _, b = load_with_positions(IMRT)
    style = load_style("default")
    with_a, without = engine.build(b, style), engine.build(b, style, pdfa=False)
    assert with_a.pages == without.pages
    assert b"/OutputIntents" in with_a.data and b"/OutputIntents" not in without.data
    assert b"pdfaid:part" in with_a.data and b"pdfaid:part" not in without.data
