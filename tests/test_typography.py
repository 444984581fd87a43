"""Typography read back from the PDF: where lines break, how money and fallback glyphs are set.

A briefing written to provoke every rule -- long policy URLs in prose, in table cells and in the
sources; "Not provided" and "Label: value" pairs in narrow cells; separators and dashes between
words -- is rendered in every shipped style, and its lines are read back with poppler
(`pdftotext -bbox-layout`: blocks, lines, words as a reader sees them).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from briefpdf.layout.breaking import url_breaks
from briefpdf.markup import NBSP, bind
from briefpdf.style import load as load_style
from conftest import SOURCES, normalise, pdftotext, run_cli

URL_BREAKS = "/.-_?&=#"
UHC = ("https://www.uhcprovider.com/content/dam/provider/docs/public/policies/comm-medical-drug/"
       "radiation-therapy-procedures-requiring-precertification_pub09-30.pdf")
ANTHEM = "https://www.anthem.com/dam/medpolicies/abc/active/guidelines/gl_pw_d085189.html"
NCCI = ("https://www.cms.gov/medicare/coding-billing/national-correct-coding-initiative-ncci-edits/"
        "medicare-ncci-policy-manual")
LCD = "https://www.cms.gov/medicare-coverage-database/view/lcd.aspx?lcdid=36711&ver=12"
URLS = (UHC, ANTHEM, NCCI, LCD)

SOURCE = f"""
document:
  code: "77301"
  code_system: CPT
  title: Intensity Modulated Radiotherapy Plan, Including Dose-Volume Histograms
  short_title: IMRT Planning
  scope: National
  audience: [Health plan analysts, Revenue cycle leaders, Radiation oncology clinicians, Coders]
  date: 2026-12-01
  version: "1.0"
  status: draft
summary:
  paragraphs:
    - "Policies are published at {UHC} and at {ANTHEM} for review — see the NCCI manual at {NCCI} before billing."
    - "The mapping 77385 → 77386 changed; prices of $655.00 and $1,020.50 per plan."
billing_overview:
  description: Planning of IMRT - the plan is reviewed • then approved.
  service_type: Radiation therapy planning
  sites_of_service: Hospital outpatient departments
clinical_context:
  vignette: A patient.
  workflow:
    steps: [Simulation, Planning, Delivery]
  setting: Outpatient.
  scenarios:
    items: [Prostate, Breast]
coding:
  modifiers:
    - modifier: "26"
      description: Professional component
      when_to_use: Physician work only.
payers:
  - name: Medicare (Original Medicare)
    line_of_business: original_medicare
    coverage: covered
    prior_authorization: not_required
    policy:
      name: Local coverage determination for IMRT, at {LCD}
      url: {LCD}
    benchmark: {{amount: 1655.00, currency: USD, basis: fee_schedule, setting: non_facility, geography: National}}
  - name: Anthem Blue Cross and Blue Shield
    line_of_business: commercial
    coverage: covered_with_criteria
    prior_authorization: required
    prior_authorization_by: Carelon Medical Benefits Management
    benchmark: {{amount: 1980.25, currency: USD, basis: fee_schedule, setting: non_facility, illustrative: true}}
    sources:
      - {{title: Anthem radiation oncology guideline, url: "{ANTHEM}", accessed: 2026-11-15}}
  - name: Medicare (physician fee schedule)
    coverage: covered
    prior_authorization: varies
    benchmark: {{amount: 1700.00, currency: USD, basis: fee_schedule, setting: non_facility}}
  - name: UnitedHealthcare Community Plan of California
    coverage: varies
    prior_authorization: required
    benchmark: {{amount: 2100, currency: USD, basis: per_plan, setting: freestanding}}
    sources:
      - {{title: UHC radiation therapy procedures requiring precertification, url: "{UHC}", accessed: 2026-11-15}}
  - name: Aetna
    coverage: covered
    prior_authorization: required
    benchmark: {{amount: 118.5, basis: percent_of_medicare, setting: non_facility}}
notes: |
  See {UHC} for the policy.
"""


@pytest.fixture(scope="module", params=["default", "a4", "grayscale"])
def rendered(request, tmp_path_factory) -> tuple[Path, float]:
    """The PDF, and the right edge of its text in points."""
    folder = tmp_path_factory.mktemp(f"typography-{request.param}")
    base = (SOURCES / "77301.yaml").read_text(encoding="utf-8")
    src = folder / "long.yaml"
    src.write_text(SOURCE + base[base.index("\ndisclaimer:"):], encoding="utf-8")
    out = folder / "long.pdf"
    result = run_cli("render", src, "-o", out, "--style", request.param)
    assert result.returncode == 0, result.stderr
    style = load_style(request.param)
    return out, style.paper()[0] - style.length(style.page.margin_right)


def blocks(pdf: Path) -> list[list[str]]:
    """Each text block poppler finds (a paragraph, a table cell), as its lines of words."""
    return [[" ".join(w for w, _, _ in line) for line in block] for block in word_blocks(pdf)]


def word_blocks(pdf: Path) -> list[list[list[tuple[str, float, float]]]]:
    """Each text block as lines of (word, x0, x1)."""
    xml = pdftotext(pdf, "-bbox-layout")
    root = ET.fromstring(xml[xml.index("<doc>"):xml.index("</doc>") + 6])
    return [[[(w.text or "", float(w.get("xMin")), float(w.get("xMax"))) for w in line] for line in block.iter("line")]
            for block in root.iter("block")]


# ------------------------------------------------------------------------------ line breaking
def test_a_url_breaks_only_after_a_slash_dot_dash_underscore_or_query_mark(rendered):
    pdf, right = rendered
    words = [w for block in word_blocks(pdf) for line in block for w in line]
    assert [w for w, _, x1 in words if x1 > right + 0.5] == []  # and never runs past the margin
    text = "\n\n".join("\n".join(lines) for lines in blocks(pdf))  # (plain pdftotext drops a line-end "-")
    for url in URLS:
        pattern = "\n?".join(re.escape(ch) for ch in url)  # the URL, a line break allowed anywhere
        found = list(re.finditer(pattern, text))
        assert found, f"{url} is not in the text"
        for m in found:
            shown = m.group(0)
            for i in (i for i, ch in enumerate(shown) if ch == "\n"):
                assert shown[i - 1] in URL_BREAKS, f"{url} broken after {shown[max(0, i - 12):i]!r}"
        assert any("\n" in m.group(0) for m in found), f"{url} never breaks: the test proves nothing"


def test_not_provided_and_a_label_with_its_value_stay_on_one_line(rendered):
    """Apart, only where the column is narrower than the phrase (a narrow table column)."""
    for block in word_blocks(rendered[0]):
        width = max(line[-1][2] for line in block) - min(line[0][1] for line in block)
        for line, nxt in zip(block, block[1:], strict=False):
            if line[-1][0] == "Not" and nxt[0][0] == "provided":
                phrase = (line[-1][2] - line[-1][1]) + (nxt[0][2] - nxt[0][1]) + 2.0  # the words and a space
                assert phrase > width, f"'Not | provided' parted in a block {width:.0f} pt wide"
            text = " ".join(w for w, _, _ in line)
            assert not re.search(r"\b(Status|Author|Organization|Scope|Version|Date|Effective|Number):$", text), text


def test_no_line_starts_with_a_separator_dash_or_bullet(rendered):
    starts = [line for lines in blocks(rendered[0]) for line in lines[1:] if line[:1] in "·—–-•"]
    assert starts == []
    assert [line for lines in blocks(rendered[0]) for line in lines if line.endswith(" •")] == []
    text = normalise(pdftotext(rendered[0]))
    assert "review — see the NCCI" in text and "IMRT - the plan is reviewed • then approved" in text


# ------------------------------------------------------------------------------ the rules, in process
@pytest.mark.parametrize("markup, bound", [
    ("<b>Status:</b> Draft", f"<b>Status:</b>{NBSP}Draft"),
    ("Organization: Not provided", f"Organization:{NBSP}Not{NBSP}provided"),
    ("<br/>Granted by: Example Benefit Manager", f"<br/>Granted{NBSP}by:{NBSP}Example Benefit Manager"),
    ("Final &nbsp;·&nbsp; <b>Audience:</b> Coders", f"Final{NBSP}{NBSP}·&nbsp; <b>Audience:</b>{NBSP}Coders"),
    ("edits — see the table - and • more", f"edits{NBSP}— see the table{NBSP}- and{NBSP}•{NBSP}more"),
    ("Before a claim is released, check three things: the code", "Before a claim is released, check three things: the code"),
    ("2026-11-28, 3–5, non-facility", "2026-11-28, 3–5, non-facility"),
])
def test_bind_ties_a_label_to_its_value_and_a_separator_to_the_word_before(markup, bound):
    assert bind(markup) == bound


def test_url_break_points():
    url = "https://www.example.org/a_b/c-d.pdf?x=1&y=2.5#top"
    shown = [url[:i][-4:] + "|" + url[i:][:3] for i in url_breaks(url)]
    assert shown == ["www.|exa", "ple.|org", "org/|a_b", "g/a_|b/c", "a_b/|c-d", "b/c-|d.p", "c-d.|pdf", "pdf?|x=1",
                     "f?x=|1&y", "x=1&|y=2", "1&y=|2.5", "2.5#|top"]  # never in "https://", never in "2.5"


def test_a_paragraph_breaks_a_url_only_where_it_may_at_any_width():
    """Never past the column; inside a stretch between break points only when the stretch alone
    is wider than the column."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from briefpdf.layout.typography import Para, Theme
    from briefpdf.style import load

    theme = Theme(load("default"))
    style = theme.styles["cell"]
    stretches = re.findall(rf"[^{re.escape(URL_BREAKS)}]+[{re.escape(URL_BREAKS)}]*", UHC)
    longest = max(stringWidth(x, style.fontName, style.fontSize) for x in stretches)
    for width in range(40, 400, 9):
        para = Para(theme.text(f"The policy, published at {UHC}, applies."), style)
        para.wrap(width, 10_000)
        assert min(line[0] for line in para.blPara.lines) > -0.5, width  # (extra space: none is negative)
        joined = "\n".join(" ".join(line[1]) for line in para.blPara.lines)
        start, end = joined.index("https"), joined.index("https")
        while len(joined[start:end].replace("\n", "")) < len(UHC):
            end += 1
        shown = joined[start:end]
        assert shown.replace("\n", "") == UHC
        if width >= longest:
            breaks = [shown[:i][-12:] for i, ch in enumerate(shown) if ch == "\n"]
            assert all(b[-1] in URL_BREAKS for b in breaks), (width, breaks)


@pytest.mark.parametrize("style_name", ["body", "cell"])
def test_a_url_with_no_break_in_a_stretch_wider_than_a_line_never_runs_past_it(style_name):
    """A URL whose last stretch has no break point (a token, an identifier) is cut where it must be,
    line after line: the rest of a cut word is cut again, never left to run past the column."""
    from briefpdf.layout.typography import Para, Theme
    from briefpdf.style import load

    theme = Theme(load("default"))
    for tail in ("u" * 300, "A1b2C3" * 60):
        for width in (90, 180, 268, 468):
            para = Para(theme.text(f"See https://example.org/{tail} now"), theme.styles[style_name])
            para.wrap(width, 10_000)
            assert min(line[0] for line in para.blPara.lines) > -0.5, (width, tail[:6])
            assert "".join(" ".join(line[1]) for line in para.blPara.lines).count(tail[:6]) >= 1


# ------------------------------------------------------------------------------ figures and fallback glyphs
def chars(pdf: Path) -> list[dict]:
    """Every character drawn, with its font, size, origin and ink box (PDFium)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    out = []
    doc = pdfium.PdfDocument(str(pdf))
    for number in range(len(doc)):
        text = doc[number].get_textpage()
        for i in range(text.count_chars()):
            ch = text.get_text_range(i, 1)
            if not ch.strip():
                continue
            name = ctypes.create_string_buffer(128)
            raw.FPDFText_GetFontInfo(text, i, name, 128, None)
            x, y = ctypes.c_double(), ctypes.c_double()
            raw.FPDFText_GetCharOrigin(text, i, ctypes.byref(x), ctypes.byref(y))
            out.append({"ch": ch, "font": name.value.decode(), "size": raw.FPDFText_GetFontSize(text, i),
                        "x": x.value, "y": y.value, "box": text.get_charbox(i), "page": number + 1})
    return out


def runs(cs: list[dict], word: str) -> list[list[dict]]:
    """Each place `word` is drawn, as its characters."""
    text = "".join(c["ch"] for c in cs)
    return [cs[m.start():m.end()] for m in re.finditer(re.escape(word), text)]


def test_money_is_set_in_a_figures_face_at_the_body_digit_height(rendered):
    pdf = rendered[0]
    cs = chars(pdf)
    for amount in ("$655.00", "$1,020.50", "$1,655.00", "$1,980.25"):
        found = runs(cs, amount)
        assert found, amount
        for run in found:
            assert {c["font"] for c in run} == {"Lato-Regular"}, (amount, {c["font"] for c in run})
    # the figures' height matches the body's digits beside them (the codes stay in the body face)
    body_five = runs(cs, "77385")[0][-1]
    assert body_five["font"].startswith("AtkinsonHyperlegible")
    money_five = runs(cs, "$655.00")[0][3]
    body_h, money_h = (c["box"][3] - c["box"][1] for c in (body_five, money_five))
    assert abs(money_h - body_h) / body_h < 0.04, (money_h, body_h)


def test_amounts_in_a_column_align_on_the_decimal_mark(rendered):
    pdf = rendered[0]
    cs = chars(pdf)
    # each amount is in the coverage table, the chart and, last, the table of benchmarks
    column = [runs(cs, amount)[-1] for amount in ("$1,655.00", "$1,980.25", "$1,700.00", "$2,100.00")]
    marks = [next(c for c in run if c["ch"] == ".") for run in column]
    assert max(m["x"] for m in marks) - min(m["x"] for m in marks) < 0.05
    # tabular figures: each digit in the same place, whatever the digit
    for place in range(1, 6):
        xs = [run[-3 - place]["x"] for run in column]
        assert max(xs) - min(xs) < 0.05, place
    percent = runs(cs, "118.5%")
    assert percent and abs(next(c for c in percent[-1] if c["ch"] == ".")["x"] - marks[0]["x"]) < 0.05


def test_a_fallback_arrow_sits_on_the_body_axis_at_the_body_operator_size(rendered):
    cs = chars(rendered[0])
    arrow = next(c for c in cs if c["ch"] == "→")
    neighbour = next(c for c in cs if c["page"] == arrow["page"] and abs(c["y"] - arrow["y"]) < 3
                     and c["font"].startswith("AtkinsonHyperlegible") and c["ch"].isdigit())
    em = neighbour["size"]
    baseline = neighbour["y"]
    x0, y0, x1, y1 = arrow["box"]
    assert abs((y0 + y1) / 2 - baseline - 0.248 * em) < 0.04 * em  # centred where the body's "+" is
    assert abs((y1 - y0) - 0.496 * em) < 0.06 * em  # as tall as the body's "+"


def contours(font_name: str, ch: str) -> int:
    """Outlines in a glyph (numberOfContours, the glyph's first field in the font's glyf table)."""
    import struct

    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(font_name).face
    gid = face.charToGlyph[ord(ch)]
    return struct.unpack(">h", face.get_table("glyf")[face.glyphPos[gid]:face.glyphPos[gid] + 2])[0]


def test_the_figures_face_has_tabular_lining_digits_and_a_plain_zero():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from briefpdf import fonts

    style = load_style("default")
    body, figures = fonts.register(style.fonts.body).regular, fonts.register(style.fonts.figures).regular
    assert len({stringWidth(d, figures, 10) for d in "0123456789"}) == 1  # tabular
    assert len({stringWidth(d, body, 10) for d in "0123456789"}) > 1  # (the body's are not)
    assert contours(figures, "0") == contours(figures, "O") == 2  # a plain zero
    assert contours(body, "0") == 3  # (the body's zero is slashed)
    boxes = [fonts.glyph_box(figures, d) for d in "0123456789"]
    assert all(abs(b[1]) < 0.02 and abs(b[3] - boxes[0][3]) < 0.02 for b in boxes)  # lining: baseline to one height


def test_words_every_amount_shares_go_into_the_column_header():
    from briefpdf.layout.figures import amount_column
    from briefpdf.layout.typography import Theme

    theme = Theme(load_style("default"))
    header, cells = amount_column(theme, "Amount", [("$420", ".00", "USD", ""), ("$380", ".50", "USD", "†")])
    assert header == "Amount (USD)" and [c.words for c in cells] == ["", "†"]
    header, cells = amount_column(theme, "Amount", [("$420", ".00", "USD", ""), ("120", ".0%", "of Medicare", "")])
    assert header == "Amount" and [c.words for c in cells] == ["USD", "of Medicare"]
    for cell in cells:
        cell.wrap(60, 100)
    assert cells[0].mark_x == cells[1].mark_x  # one decimal x for the column
