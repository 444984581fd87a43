"""Issue #16: accessibility that holds in a real client.

Read back as a client reads them: pypdf walks the structure tree and decodes the text of every
marked-content sequence (tests/pdfcheck.py); poppler's pdftotext reads the page with the
artifacts taken out; qpdf checks the file. Three renders: a single briefing, a `toc: true`
render, and a packet.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pdfcheck import Elem, Report, check
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream

import briefpdf
from briefpdf import bundle
from conftest import FIXTURES, SOURCES, tool

SAMPLE = FIXTURES / "sample_full.yaml"
IMRT = SOURCES / "77301.yaml"
CODING = FIXTURES / "coding_full.yaml"  # coding rules tables, references cited as [^id]
TEXT_SHOWING = {b"Tj", b"TJ", b"'", b'"'}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("a11y")
    style = folder / "toc.yaml"
    style.write_text("extends: default\noptions:\n  toc: true\n", encoding="utf-8")
    out = {name: folder / f"{name}.pdf" for name in ("single", "toc", "packet", "coding")}
    briefpdf.render(IMRT, out["single"])
    briefpdf.render(SAMPLE, out["toc"], style=str(style))
    bundle.bundle([IMRT, SAMPLE], out["packet"])
    briefpdf.render(CODING, out["coding"])
    return out


@pytest.fixture(scope="module")
def reports(pdfs) -> dict[str, Report]:
    return {name: check(pdf) for name, pdf in pdfs.items()}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def without_artifacts(pdf: Path, folder: Path) -> Path:
    """A copy whose artifacts draw no text: what is left on the page is what must be tagged."""
    writer = PdfWriter(clone_from=str(pdf))
    for page in writer.pages:
        cs = ContentStream(page.get_contents(), writer)
        kept, inside = [], []
        for operands, op in cs.operations:
            if op in (b"BMC", b"BDC"):
                inside.append(str(operands[0]) == "/Artifact")
            elif op == b"EMC":
                inside.pop()
            elif op in TEXT_SHOWING and any(inside):
                continue
            kept.append((operands, op))
        cs.operations = kept
        page.replace_contents(cs)
    out = folder / f"{pdf.stem}-no-artifacts.pdf"
    writer.write(str(out))
    return out


def content_order_text(pdf: Path) -> str:
    return subprocess.run([tool("pdftotext"), "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def entries(report: Report, toc: Elem, depth: int = 0):
    """(depth, TOCI) for every entry of a contents, nested ones after their parent."""
    for item in toc.kids:
        assert item.role == "TOCI"
        yield depth, item
        for sub in item.kids[1:]:
            assert sub.role == "TOC"
            yield from entries(report, sub, depth + 1)


# ------------------------------------------------------------------------------ reading order
@pytest.mark.parametrize("name", ["single", "toc", "packet", "coding"])
def test_the_tree_reads_the_page_text_minus_artifacts(pdfs, reports, name, tmp_path):
    """Every character on the page is in the tree once, in order; nothing else is (pypdf vs poppler)."""
    report = reports[name]
    assert report.problems == [], "\n".join(report.problems[:20])
    page_text = content_order_text(without_artifacts(pdfs[name], tmp_path))
    assert squash(report.text()) == squash(page_text)
    assert squash(report.artifact_text)  # furniture exists, and is not in the tree


@pytest.mark.parametrize("name", ["toc", "packet"])
def test_a_contents_entry_is_one_link_reading_title_then_page(reports, name):
    report = reports[name]
    (toc,) = report.find("TOC")[:1]
    listed = list(entries(report, toc))
    assert len(listed) >= 2
    for _, item in listed:
        reference = item.kids[0]
        assert reference.role == "Reference" and [k.role for k in reference.kids] == ["Link"]
        link = reference.kids[0]
        text = report.text(link).strip()
        assert re.match(r"^\w", text) and not re.search(r"\.\s*\.", text), text  # title first, no leaders
        title, page = text.rsplit("\n", 1) if "\n" in text else (text, "")
        assert page.isdigit(), text
        words = f"{' '.join(title.split())}, page {page}"
        assert str(link.obj["/Alt"]) == words
        assert len(link.objrs) == 2 and {str(a["/Contents"]) for a in link.objrs} == {words}
        assert len({repr(a["/Dest"]) for a in link.objrs}) == 1  # title and number lead to one place
        assert title.strip() != "Contents"  # the contents does not list itself


def test_the_contents_nests_by_heading_level(reports):
    report = reports["toc"]
    listed = list(entries(report, report.find("TOC")[0]))
    depth = {squash(report.text(i.kids[0]))[:-1]: d for d, i in listed}  # title without its page number
    assert depth["AtaGlance"] == depth["Summary&Overview"] == depth["Clinical&CodingSpecifications"]
    assert depth["ClinicalContext"] == depth["Clinical&CodingSpecifications"] + 1
    assert depth["Clinicalworkflow"] == depth["ClinicalContext"] + 1
    assert "Contents" not in depth


@pytest.mark.parametrize("name", ["toc", "packet", "coding"])  # (77301 alone has no links)
def test_no_empty_link_and_every_link_description_is_words(reports, name):
    report = reports[name]
    links = report.find("Link")
    assert links
    for link in links:
        assert report.text(link).strip() and link.objrs, "a Link element owns text and its annotation"
    for link in links:
        for annot in link.objrs:
            words = str(annot["/Contents"])
            assert re.search(r"[A-Za-z]{2}", words) and not re.fullmatch(r"(Link to )?#?h\d+|Link", words), words
            assert int(annot["/F"]) & 4 and not int(annot["/F"]) & (1 | 2 | 32)  # printed, never hidden


def test_note_references_lead_to_their_notes(pdfs, reports):
    """A citation "[2]" is a Link whose annotation goes to the page of note [2] and says what it cites."""
    report = reports["coding"]
    reader = PdfReader(str(pdfs["coding"]))
    pages = {p.indirect_reference.idnum: n for n, p in enumerate(reader.pages, 1)}
    notes = {}
    for note in report.find("Note"):
        m = re.match(r"\[(\d+)\]", report.text(note).strip())
        if m:
            notes[m.group(1)] = (note.mcids[0][0], " ".join(report.text(note).split()))
    cites = [link for link in report.find("Link") if re.fullmatch(r"\[\d+\]", report.text(link).strip())]
    assert len(notes) >= 3 and len(cites) >= 3
    for link in cites:
        number = report.text(link).strip()[1:-1]
        (annot,) = link.objrs
        page, text = notes[number]
        assert pages[annot["/Dest"][0].idnum] == page
        words = str(annot["/Contents"])
        assert words.startswith(f"[{number}] ") and text.startswith(words)  # the note's own first words


# ------------------------------------------------------------------------------ fonts
def selected_fonts(reader: PdfReader):
    """(page, resource name, font dictionary) for every font a content stream selects with Tf."""
    for pno, page in enumerate(reader.pages, 1):
        fonts = page["/Resources"].get_object().get("/Font", {})
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"Tf":
                yield pno, str(operands[0]), fonts[operands[0]].get_object()


def embedded(font) -> bool:
    descriptor = font.get("/FontDescriptor")
    if font.get("/Subtype") == "/Type0":
        descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor is not None else {}
    return any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.mark.parametrize("name", ["single", "toc", "packet", "coding"])
def test_every_font_selected_is_embedded(pdfs, name):
    reader = PdfReader(str(pdfs[name]))
    selected = list(selected_fonts(reader))
    assert selected
    for pno, res, font in selected:
        assert embedded(font), f"page {pno}: {res} ({font.get('/BaseFont')}) is selected but not embedded"
    for page in reader.pages:  # and no font sits in the resources unembedded, used or not
        for res, font in page["/Resources"].get_object().get("/Font", {}).items():
            assert embedded(font.get_object()), (res, font.get_object().get("/BaseFont"))


# ------------------------------------------------------------------------------ tables
@pytest.mark.parametrize("name", ["single", "toc", "packet", "coding"])
def test_every_table_has_a_body_and_its_column_headers_a_head(reports, name):
    tables = reports[name].find("Table")
    assert len(tables) >= 3  # the sample: At a Glance, modifiers, coverage (each fact set once)
    for table in tables:
        parts = {k.role: k for k in table.kids}
        assert "TBody" in parts and all(tr.role == "TR" for tr in parts["TBody"].kids)
        head = parts.get("THead")
        body_rows = parts["TBody"].kids
        if head is not None:
            assert [c.role for tr in head.kids for c in tr.kids] == ["TH"] * len(head.kids[0].kids)
            assert all(str(c.obj["/A"]["/Scope"]) == "/Column" for c in head.kids[0].kids)
        else:  # no column headers: a table of facts, whose first cells head their rows
            assert all(tr.kids[0].role == "TH" and str(tr.kids[0].obj["/A"]["/Scope"]) == "/Row" for tr in body_rows)
    assert any("THead" in {k.role for k in t.kids} for t in tables)


def test_a_cell_with_a_row_and_a_column_header_names_both(reports):
    """The packet's list of briefings: the code heads its row, so each cell has two headers."""
    report = reports["packet"]
    table = next(t for t in report.find("Table") if "/Summary" in t.obj["/A"]
                 and str(t.obj["/A"]["/Summary"]) == "Briefings in this packet")
    head, body = table.kids
    column_ids = [str(th.obj["/ID"]) for th in head.kids[0].kids]
    assert len(set(column_ids)) == 4
    for tr in body.kids:
        row_header, *cells = tr.kids
        assert row_header.role == "TH" and str(row_header.obj["/A"]["/Scope"]) == "/Row"
        for i, td in enumerate(cells, start=1):
            assert td.role == "TD"
            assert [str(x) for x in td.obj["/A"]["/Headers"]] == [column_ids[i], str(row_header.obj["/ID"])]
    ids = report.root.obj["/IDTree"].get_object()["/Names"][::2]
    assert {str(i) for i in ids} >= set(column_ids)  # every ID is in the document's ID tree


def test_a_caption_drawn_before_a_table_is_its_first_kid(tmp_path):
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from briefpdf.layout.tables import BriefTable
    from briefpdf.pdf import tags
    from briefpdf.semantics import declare

    style = getSampleStyleSheet()["Normal"]
    caption = declare(Paragraph("Table 1. Units per day", style), role="Caption")
    table = BriefTable([[Paragraph("Code", style), Paragraph("Units", style)],
                        [Paragraph("77301", style), Paragraph("1", style)]], header_cols=1)
    out = tmp_path / "caption.pdf"
    doc = SimpleDocTemplate(str(out), lang="en-US", title="Caption")
    story = [declare(Paragraph("Before", style), role="P"), caption, table]
    tags.prepare_document(doc, story)
    doc.build(story, canvasmaker=tags.TaggedCanvas)
    report = check(out)
    assert report.problems == [], report.problems
    (t,) = report.find("Table")
    assert [k.role for k in t.kids] == ["Caption", "THead", "TBody"]
    assert report.text(t.kids[0]).strip() == "Table 1. Units per day"
    assert [k.role for k in report.root.kids[0].kids] == ["P", "Table"]


# ------------------------------------------------------------------------------ artifacts, fonts' tags
@pytest.mark.parametrize("name", ["single", "toc", "packet"])
def test_every_artifact_is_typed_and_furniture_is_pagination_by_part(reports, name):
    kinds = reports[name].artifact_kinds
    assert set(kinds) <= {"Pagination/Header", "Pagination/Footer", "Pagination/Watermark", "Pagination", "Layout"}
    assert "Page 1 of" in kinds["Pagination/Footer"] and "Page" not in kinds.get("Pagination/Header", "")
    assert "Page" not in kinds["Layout"] and "CPT 77301 ·" in kinds["Pagination/Header"]
    if name != "single":  # the sample is marked sample data: its watermark is a part of its own
        assert "SAMPLE DATA" in kinds["Pagination/Watermark"] and "SAMPLE" not in kinds["Pagination/Footer"]
    if name == "toc":
        assert ". . ." in kinds["Layout"]  # the contents' leader dots


@pytest.mark.parametrize("name", ["toc", "packet"])
def test_link_underlines_and_rules_are_decoration_not_text(reports, name):
    """Inside headings, paragraphs, notes and links only text is painted: their lines are artifacts."""
    painted = reports[name].painted_in
    text_roles = {"/P", "/Link", "/Note", "/LBody", "/Lbl", "/H1", "/H2", "/H3", "/H4", "/Reference", "/Caption"}
    lines = {(tag, op) for (tag, op), n in painted.items() if tag in text_roles and op not in ("Tj", "TJ", "'", '"')}
    assert lines == set()
    assert painted[("/Artifact", "S")] > 0  # the underlines and rules are still drawn


@pytest.mark.parametrize("name", ["single", "packet"])
def test_each_font_subset_has_a_tag_of_its_own(pdfs, name):
    reader = PdfReader(str(pdfs[name]))
    names = {str(f.get_object()["/BaseFont"])[1:] for p in reader.pages
             for f in p["/Resources"].get_object().get("/Font", {}).values()}
    tags = [n.split("+")[0] for n in names]
    assert len(names) >= 3 and all(re.fullmatch(r"[A-Z]{6}", t) for t in tags)
    assert len(set(tags)) == len(tags) and "AAAAAA" not in tags
