"""Print-grade output: fonts, outline, metadata, links, contents, pagination, identical bytes, styles."""

from __future__ import annotations

import re
import subprocess

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, SOURCES, cli, normalise, page_texts, pdffonts, pdfinfo, pdftotext, run_cli, tool

SAMPLE = FIXTURES / "sample_full.yaml"
SEED_SOURCE = (SOURCES / "77301.yaml").read_text(encoding="utf-8")


def render(tmp_path, source_text: str, name="doc", *extra, expect=0):
    src = tmp_path / f"{name}.yaml"
    src.write_text(source_text, encoding="utf-8")
    out = tmp_path / f"{name}.pdf"
    result = cli("render", src, "-o", out, *extra)
    assert result.returncode == expect, result.stderr
    return out, result


# ----------------------------------------------------------------------------- fonts

def test_typographic_characters_render_as_text(sample_pdf):
    text = normalise(pdftotext(sample_pdf))
    assert "≥ 95% ± 2 °C, 10 µg × 3 — “quoted” ‘text’ • § 1." in text
    assert "5 < 6 & 7 > 3, <b>not bold</b>," in text  # markup in the source is printed, not obeyed


def test_all_fonts_embedded_including_fallback(tmp_path):
    out, _ = render(tmp_path, SEED_SOURCE.replace("while sparing adjacent healthy tissues.",
                                                  "while sparing adjacent healthy tissues. Checked ✓ → next."))
    fonts = pdffonts(out)
    assert all(f["emb"] == "yes" and f["sub"] == "yes" and f["uni"] == "yes" for f in fonts), fonts
    assert any(f["name"].endswith("IBMPlexMono-Regular") for f in fonts)  # fallback for ✓ and →
    assert "Checked ✓ → next." in normalise(pdftotext(out))


def test_character_no_font_has_is_an_error_with_its_place(tmp_path):
    source = SEED_SOURCE.replace("  scope: National", "  scope: National 漢")
    line = next(i for i, text_line in enumerate(source.splitlines(), 1) if "漢" in text_line)
    out, result = render(tmp_path, source, "han", expect=1)
    assert f"han.yaml:{line}:10: error: character '漢' (U+6F22) is not in the fonts of this style" in result.stderr
    assert not out.exists()


# ----------------------------------------------------------------------------- navigation, metadata

def outline_titles(pdf) -> list[tuple[int, str]]:
    out = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title))
    walk(PdfReader(pdf).outline, 0)
    return out


def test_outline_has_every_section_nested(rendered_77301):
    titles = outline_titles(rendered_77301)
    assert titles[0] == (0, "CPT 77301: Intensity Modulated Radiotherapy (IMRT) Delivery")
    flat = dict((t, d) for d, t in titles)
    for section in ["At a Glance", "Summary & Overview", "Billing Code Overview", "Clinical & Coding Specifications",
                    "Payer Coverage & Reimbursement", "Disclaimer"]:
        assert flat[section] == 1, section
    assert flat["Clinical Context"] == flat["Coding Specifications"] == 2
    assert flat["Clinical workflow"] == 3
    order = [t for _, t in titles]
    assert order.index("Clinical Context") < order.index("Coding Specifications") < order.index("Payer Coverage & Reimbursement")


def test_metadata_title_subject_keywords_lang_and_date(sample_pdf):
    reader = PdfReader(sample_pdf)
    meta = reader.metadata
    assert meta.title == "CPT 77301: Intensity Modulated Radiotherapy (IMRT) Delivery"
    assert meta.author == "Example Analytics Team"
    assert meta.subject == "CPT 77301 briefing, National"
    assert meta["/Keywords"] == "IMRT, sample"
    assert meta["/CreationDate"].startswith("D:20261001")  # the source's date, not the clock
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-US"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    info = pdfinfo(sample_pdf)
    assert re.search(r"Title:\s+CPT 77301: Intensity Modulated", info)


def test_links_are_clickable_and_only_safe_schemes(sample_pdf):
    uris = set()
    for page in PdfReader(sample_pdf).pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot["/Subtype"] == "/Link":
                uris.add(annot["/A"]["/URI"])
    assert {"https://www.ama-assn.org/", "mailto:coding@example.org", "https://www.example.org/policies/imrt-0123",
            "https://www.example.org/mpfs", "https://www.example.org/cigna"} <= uris
    assert all(u.startswith(("http://", "https://", "mailto:")) for u in uris)


def test_optional_table_of_contents(tmp_path):
    style = tmp_path / "withtoc.yaml"
    style.write_text("extends: default\noptions:\n  toc: true\n", encoding="utf-8")
    out, _ = render(tmp_path, SAMPLE.read_text(encoding="utf-8"), "toc", "--style", str(style))
    pages = page_texts(out)
    first = normalise(pages[0] + pages[1])
    assert "Contents" in first
    # every listed section's page number is the page the heading is really on
    for title in ["Billing Code Overview", "Payer Coverage & Reimbursement", "Disclaimer"]:
        m = re.search(re.escape(title) + r"[ .]*?(\d+)\b", first)
        assert m, title
        page = int(m.group(1))
        assert title in normalise(pages[page - 1]), (title, page)


# ----------------------------------------------------------------------------- pagination

def test_long_table_repeats_its_header_on_every_page(tmp_path):
    rows = "".join(f'    - {{modifier: "{i:02d}", description: Modifier number {i}, when_to_use: "{"Long guidance text. " * 12}"}}\n'
                   for i in range(10, 70))
    source = re.sub(r"  modifiers:\n(    .*\n|      .*\n)+", "  modifiers:\n" + rows, SEED_SOURCE)
    out, _ = render(tmp_path, source, "long")
    pages = page_texts(out)
    with_rows = [p for p in pages if re.search(r"Modifier number \d+", p)]
    assert len(with_rows) >= 3
    for page in with_rows:
        assert re.search(r"Modifier\s+Description\s+When to Use", page), page[:300]


def test_cell_taller_than_a_page_splits_instead_of_failing(tmp_path):
    words = " ".join(f"w{i}" for i in range(2500))
    source = SEED_SOURCE.replace("description: Professional component", f"description: Start {words} End")
    out, _ = render(tmp_path, source, "tall")
    text = normalise(pdftotext(out))
    assert "Start w0 w1" in text and "w2499 End" in text
    assert int(re.search(r"Pages:\s+(\d+)", pdfinfo(out)).group(1)) >= 4


def bands(pdf):
    """Words of each page with their boxes, from pdftotext -bbox."""
    html = subprocess.run([tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.findall(r"<page width=\"([\d.]+)\" height=\"([\d.]+)\">(.*?)</page>", html, re.S):
        width, height, body = float(page[0]), float(page[1]), page[2]
        words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', body)]
        pages.append((width, height, words))
    return pages


@pytest.mark.parametrize("name", ["77301", "sample"])
def test_header_and_footer_never_touch_body_text(tmp_path, name, rendered_77301, sample_pdf):
    pdf = rendered_77301 if name == "77301" else sample_pdf
    margin_top, margin_bottom = 0.9 * 72, 0.85 * 72  # the default style's margins
    pages = bands(pdf)
    for number, (_, height, words) in enumerate(pages, start=1):
        body = [w for w in words if w[4] not in ("SAMPLE", "DATA")]
        top = [w for w in body if w[1] < margin_top]
        bottom = [w for w in body if w[3] > height - margin_bottom]
        middle = [w for w in body if w not in top and w not in bottom]
        assert all(w[1] >= margin_top - 0.5 and w[3] <= height - margin_bottom + 0.5 for w in middle)
        footer = " ".join(w[4] for w in bottom)
        assert footer.startswith("CPT 77301 ·") and footer.endswith(f"Page {number} of {len(pages)}"), footer
        if number > 1:
            assert " ".join(w[4] for w in top) == "CPT 77301 · IMRT Delivery"  # code and short title
            assert max(w[3] for w in top) < margin_top - 10  # clear space between header and body
        else:
            assert not top


HEADINGS = ["At a Glance", "Summary & Overview", "Billing Code Overview", "Clinical & Coding Specifications",
            "Clinical Context", "Clinical workflow", "Typical setting", "Common clinical scenarios",
            "Coding Specifications", "Payer Coverage & Reimbursement", "Reimbursement benchmarks", "Disclaimer"]


@pytest.mark.parametrize("extra_lines", range(0, 48, 3))
def test_no_heading_sits_alone_at_a_page_foot(tmp_path, extra_lines):
    """Push the content down line by line; whatever page a heading lands on, text follows it there."""
    filler = " ".join(["Filler text that moves every later heading further down the page."] * extra_lines)
    source = SEED_SOURCE.replace("modality in contemporary oncologic care.", "modality in contemporary oncologic care. " + filler)
    out, _ = render(tmp_path, source, f"push{extra_lines}")
    for page in page_texts(out):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not line.startswith(("CPT 77301 ·", "Page "))]
        assert body and body[-1] not in HEADINGS, body[-3:]


# ----------------------------------------------------------------------------- identical bytes

def test_same_source_same_style_same_bytes(tmp_path, sample_pdf):
    """In another process, with another clock and time zone: the same bytes (the clock is never read)."""
    b = tmp_path / "b.pdf"
    assert run_cli("render", SAMPLE, "-o", b, env={"SOURCE_DATE_EPOCH": "1700000000", "TZ": "Asia/Tokyo"}).returncode == 0
    assert sample_pdf.read_bytes() == b.read_bytes()


# ----------------------------------------------------------------------------- styles

def test_a4_style_changes_the_paper(tmp_path):
    out, _ = render(tmp_path, SEED_SOURCE, "a4", "--style", "a4")
    assert re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", pdfinfo(out))
    letter = pdfinfo(render(tmp_path, SEED_SOURCE, "letter")[0])
    assert re.search(r"Page size:\s+612 x 792 pts \(letter\)", letter)


def test_grayscale_style_has_no_colour(tmp_path):
    from pypdfium2 import PdfDocument

    out, _ = render(tmp_path, SAMPLE.read_text(encoding="utf-8"), "gray", "--style", "grayscale")
    doc = PdfDocument(str(out))
    for page in doc:
        image = page.render(scale=0.6).to_pil().convert("RGB")
        worst = max(max(r, g, b) - min(r, g, b) for r, g, b in image.get_flattened_data())
        assert worst <= 3, worst  # anti-aliasing aside, every pixel is grey
    colour, _ = render(tmp_path, SAMPLE.read_text(encoding="utf-8"), "colour")
    image = PdfDocument(str(colour))[0].render(scale=0.6).to_pil().convert("RGB")
    assert max(max(r, g, b) - min(r, g, b) for r, g, b in image.get_flattened_data()) > 40  # the default has an accent


def test_style_with_unknown_key_points_at_it(tmp_path):
    style = tmp_path / "bad.yaml"
    style.write_text("extends: default\nsizes:\n  body: 10\n  bodyy: 11\n", encoding="utf-8")
    _, result = render(tmp_path, SEED_SOURCE, "x", "--style", str(style), expect=1)
    assert "bad.yaml:4:3: error: unknown key 'bodyy' in sizes" in result.stderr
    assert "did you mean 'body'?" in result.stderr


def test_style_with_bad_value_points_at_it(tmp_path):
    style = tmp_path / "bad.yaml"
    style.write_text("extends: default\ncolors:\n  accent: blue\n", encoding="utf-8")
    _, result = render(tmp_path, SEED_SOURCE, "x", "--style", str(style), expect=1)
    assert "bad.yaml:3:11: error: 'colors.accent' has an invalid value 'blue'" in result.stderr


def test_style_logo_is_placed_as_a_figure(tmp_path):
    from PIL import Image

    folder = tmp_path / "house"
    folder.mkdir()
    Image.new("RGB", (240, 80), (29, 79, 124)).save(folder / "logo.png")
    (folder / "house.yaml").write_text("extends: default\noptions:\n  logo: logo.png\n", encoding="utf-8")
    out, _ = render(tmp_path, SAMPLE.read_text(encoding="utf-8"), "logo", "--style", str(folder / "house.yaml"))
    listing = subprocess.run([tool("pdfimages"), "-list", str(out)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:]]
    assert len(rows) == 1 and rows[0][0] == "1" and rows[0][3:5] == ["240", "80"], listing  # page 1, full size
    tree = pdfinfo(out, "-struct-text")
    assert "Figure" in tree
    from pypdf import PdfReader

    alts = []

    def walk(node):
        node = node.get_object()
        if node.get("/S") == "/Figure":
            alts.append(str(node.get("/Alt")))
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and "/S" in kid:
                walk(kid)
    walk(PdfReader(out).trailer["/Root"]["/StructTreeRoot"])
    assert "Example Health Research logo" in alts


def test_margin_too_small_for_the_running_footer_is_refused(tmp_path):
    style = tmp_path / "tight.yaml"
    style.write_text("extends: default\npage:\n  margin_bottom: 0.3in\n", encoding="utf-8")
    _, result = render(tmp_path, SEED_SOURCE, "x", "--style", str(style), expect=1)
    assert "tight.yaml:3:18: error: the bottom margin (0.30in) is too small for the running footer at 8.5pt" in result.stderr
    assert "make it at least 0.40in" in result.stderr
