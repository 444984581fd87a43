"""Pagination rules, checked by reading rendered PDFs back (tests/layoutcheck.py).

Negative controls first: for each defect kind, a story or source made to produce it, rendered with
the rule that prevents it switched off, must make the checker report that kind -- and with the rule
on, must not. Then the corpus (shipped sources, fixtures, the `new` skeleton, generated sources, in
every shipped style, with contents, and as packets) must show no pagination defect at all.
"""

from __future__ import annotations

import functools
import importlib
import io
from pathlib import Path

import layoutcheck
import layoutcorpus as corpus
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import KeepTogether, ListFlowable

from briefpdf.layout import blocks, ending, keep, sections, tables
from briefpdf.layout.furniture import decorator
from briefpdf.layout.pages import BriefingDoc
from briefpdf.layout.typography import Para, Theme
from briefpdf.load import load_with_positions
from briefpdf.pdf.build import build_document
from briefpdf.semantics import declare

SAMPLE = corpus.HERE / "fixtures" / "sample_full.yaml"


@pytest.fixture(scope="module")
def seed():
    return load_with_positions(corpus.ROOT / "sources" / "77301.yaml")[1]


def render_story(briefing, make, style: str = "default") -> tuple[bytes, tuple]:
    """A story of the layout's own builders, written as briefpdf writes a briefing (tagged)."""
    s = corpus.style(style)
    theme = Theme(s)
    doc = BriefingDoc(io.BytesIO(), theme, briefing)
    story = make(theme, doc.width, doc.height)
    data, _ = build_document(doc, story, decorator(theme, briefing, doc), briefing.document.date, multi=False)
    return data, corpus.frame(s)


def kinds(data: bytes, frame) -> set[str]:
    return {d.kind for d in layoutcheck.check(data, frame)}


def filler(theme: Theme, lines: int) -> Para:
    """A paragraph of exactly `lines` lines."""
    return declare(Para("<br/>".join(["Filler line."] * lines), theme.styles["body"]), role="P") if lines \
        else blocks.gap(0.1)


def fill_lines(theme: Theme, height: float, leave: float) -> int:
    """Filler lines that leave about `leave` points at the foot of a page `height` tall."""
    return max(0, int((height - leave - theme.style.spacing.paragraph) // theme.style.sizes.leading))


def caught(briefing, kind: str, build, monkeypatch, switch_off, leaves) -> None:
    """Some page position in `leaves` (points left above the page foot) makes `build` show `kind`
    with the rule switched off; at that position the rule, switched on, prevents it."""
    for leave in leaves:
        def make(theme, width, height, leave=leave):
            return [filler(theme, fill_lines(theme, height, leave)), *build(theme, width)]

        with monkeypatch.context() as m:
            switch_off(m)
            off = kinds(*render_story(briefing, make))
        if kind in off:
            on = kinds(*render_story(briefing, make))
            assert kind not in on, f"{kind} with the rule on, {leave} pt from the foot: {on}"
            return
    pytest.fail(f"no position made {kind} with the rule off")


def paragraph(theme: Theme, lines: int, style: str = "body") -> Para:
    return theme.para(" ".join(["Words to wrap over several lines of running text."] * (lines * 2)), style)


# ------------------------------------------------------------------------------- negative controls
def test_control_list_with_one_item_alone(seed, monkeypatch):
    def build(theme, width):
        return [blocks.bullets(theme, [f"Item number {i}" for i in range(1, 7)])]

    caught(seed, "list_single_item", build, monkeypatch,
           lambda m: m.setattr(keep.KeptList, "split", ListFlowable.split), range(16, 40, 2))


def test_control_small_table_split(seed, monkeypatch):
    def build(theme, width):
        rows = [[f"Row {i}", "A cell", "Another cell"] for i in range(5)]
        return [tables.data_table(theme, ["One", "Two", "Three"], rows, [width / 3] * 3, summary="Five rows")]

    caught(seed, "small_table_split", build, monkeypatch, lambda m: m.setattr(tables, "SMALL_TABLE", 0),
           range(50, 120, 8))


def test_control_heading_stranded(seed, monkeypatch):
    def build(theme, width):
        return blocks.section(theme, "A heading", "h2", [paragraph(theme, 6)])

    caught(seed, "heading_stranded", build, monkeypatch,
           lambda m: m.setattr(blocks, "lead_in", lambda head, rest, **kw: [*head, *rest]), range(24, 60, 3))


def test_control_orphan_in_running_text(seed, monkeypatch):
    def build(theme, width):
        return [paragraph(theme, 8)]

    caught(seed, "widow_orphan", build, monkeypatch, widows_allowed, range(12, 30, 2))


def test_control_orphan_in_a_table_cell(seed, monkeypatch):
    def build(theme, width):
        tall = " ".join(["A long cell that wraps over many lines of the column."] * 6)
        rows = [["Payer A", tall]] + [[f"Payer {i}", "Short"] for i in range(6)]  # seven rows: it may split
        return [tables.data_table(theme, ["Payer", "Criteria"], rows, [width * 0.3, width * 0.7], summary="Rows")]

    caught(seed, "widow_orphan", build, monkeypatch, widows_allowed, range(30, 60, 2))


def widows_allowed(m) -> None:
    """Every paragraph style of the themes built from now on lets one line stand alone."""
    made = Theme.__dict__["styles"].func

    def styles(self):
        found = made(self)
        for s in found.values():
            s.allowWidows = s.allowOrphans = 1
        return found

    prop = functools.cached_property(styles)
    prop.__set_name__(Theme, "styles")
    m.setattr(Theme, "styles", prop)


def test_control_page_left_half_empty(seed, monkeypatch):
    """A heading and a long table moved whole (a keep-together) leave the page half empty."""
    def build(theme, width):
        rows = [[f"Row {i}", "A cell", "Another cell"] for i in range(24)]
        return blocks.section(theme, "A table", "h2", [
            tables.data_table(theme, ["One", "Two", "Three"], rows, [width / 3] * 3, summary="Many rows")])

    def off(m):
        m.setattr(blocks, "lead_in", lambda head, rest, **kw: [KeepTogether([*head, rest[0]]), *rest[1:]])

    caught(seed, "near_empty_page", build, monkeypatch, off, range(300, 420, 40))


def test_control_last_page_of_a_few_lines(seed, monkeypatch):
    """The closing section alone on the last page; layout.tail gives that page more."""
    def make_tail(on):
        def build(theme, width):
            closing = sections.disclaimer(seed, theme, width)
            story = [paragraph(theme, 6), paragraph(theme, 5), *closing]
            return ending.tail(story, None, width, len(closing), theme.style.sizes.leading) if on else story
        return build

    for leave in range(40, 140, 10):
        def make(theme, width, height, on=False, leave=leave):
            return [filler(theme, fill_lines(theme, height, leave + 200)), *make_tail(on)(theme, width)]
        if "near_empty_page" in kinds(*render_story(seed, make)):
            assert "near_empty_page" not in kinds(*render_story(seed, lambda t, w, h: make(t, w, h, on=True)))
            return
    pytest.fail("no position left the closing section alone on the last page")


def test_control_chart_label_cut(seed):
    def make(theme, width, height):
        d = Drawing(width, 40)
        d.add(String(0, 10, "Anthem Blue Cross and Blu…", fontName=theme.body_family.regular, fontSize=9))
        return [declare(d, role="Figure", alt="A chart")]

    assert "chart_label_cut" in kinds(*render_story(seed, make))


def test_control_repeated_facts(monkeypatch, tmp_path):
    """The key facts table and the coverage table's benchmark column, as they were: both repeats seen."""
    def old_overview(b, theme, width):
        facts = [("Service type", b.billing_overview.service_type), ("Site", b.billing_overview.sites_of_service)]
        data = [[Para(k, theme.styles["cell_head"]), Para(v, theme.styles["cell"])] for k, v in facts]
        table = tables.BriefTable(data, colWidths=[120, width - 120], header_rows=0, header_cols=1, summary="Key")
        return blocks.section(theme, "Billing Code Overview", "h2", [table])

    def old_matrix(b, theme, width, notes):
        rows = [[p.name, f"${p.benchmark.amount:,.2f}" if p.benchmark else "None"] for p in b.payers]
        return tables.data_table(theme, ["Payer", "Benchmark"], rows, [width / 2] * 2, summary="Coverage")

    s = corpus.style("default")
    with monkeypatch.context() as m:
        m.setattr(sections, "billing_overview", old_overview)
        m.setattr(importlib.import_module("briefpdf.layout.payers"), "coverage_matrix", old_matrix)
        found = [d for d in layoutcheck.check(corpus.render(SAMPLE, s), corpus.frame(s)) if d.kind == "repeated_fact"]
    assert len(found) == 2, found
    assert "repeated_fact" not in kinds(corpus.render(SAMPLE, s), corpus.frame(s))


def test_control_packet_front_of_a_few_lines(monkeypatch, tmp_path):
    """The packet's contents as it was -- the briefings only, always on a page of its own: a front
    page of three lines. With the rule on, a short contents shares the cover's page."""
    from reportlab.platypus import PageBreak

    from briefpdf.layout import packet

    s, two = corpus.style("default"), corpus.FIXED[:2]
    with monkeypatch.context() as m:
        m.setattr(packet, "FitOrBreak", lambda flowables: PageBreak())
        m.setattr(packet, "CONTENTS_LEVEL", 0)
        off = corpus.packet(two, tmp_path / "off.pdf", "default").read_bytes()
    assert "sparse_packet_front" in kinds(off, corpus.frame(s))
    on = corpus.packet(two, tmp_path / "on.pdf", "default").read_bytes()
    assert "sparse_packet_front" not in kinds(on, corpus.frame(s))


@pytest.mark.parametrize("kind, markup", [
    ("bad_line_start", "Scope: National<br/>· Status: Draft"),
    ("bad_line_start", "A note about the edit<br/>— and its end date"),
    ("not_provided_split", "Organization: Not<br/>provided"),
    ("label_split", "Scope: National <b>Status:</b><br/>Draft"),
    ("url_break", '<a href="https://www.example.org/content/policy">https://www.example.org/con<br/>tent/policy</a>'),
])
def test_control_line_breaks(seed, kind, markup):
    """Line defects, each forced with a line break where a reader would not want one."""
    def make(theme, width, height):
        return [declare(Para(markup, theme.styles["body"]), role="P")]

    assert kind in kinds(*render_story(seed, make))


# ------------------------------------------------------------------------------- the corpus
def defects(data: bytes, s) -> list[str]:
    """Every defect of every kind the checker knows."""
    return [str(d) for d in layoutcheck.check(data, corpus.frame(s))]


@pytest.fixture(scope="module")
def skeleton(tmp_path_factory) -> Path:
    return corpus.skeleton(tmp_path_factory.mktemp("skeleton"))


def test_the_corpus_covers_every_shipped_style_and_fixture():
    """The styles/ folder ships the package's own styles (the corpus renders those by name), and
    every fixture a briefing can be read from is in the corpus."""
    import briefpdf

    for path in sorted((corpus.ROOT / "styles").glob("*.yaml")):
        assert path.stem in corpus.STYLES and briefpdf.load_style(str(path)) == briefpdf.load_style(path.stem), path
    fixtures = {p for p in (corpus.HERE / "fixtures").rglob("*.yaml") if "workflow" not in p.parts}  # (broken on purpose)
    assert fixtures <= set(corpus.FIXED) and len(corpus.FIXED) >= 6


@pytest.mark.parametrize("style_name", corpus.STYLES)
def test_fixed_sources_have_no_defect(style_name, skeleton):
    s = corpus.style(style_name)
    found = {src.name: defects(corpus.render(src, s), s) for src in corpus.FIXED + [skeleton]}
    assert not any(found.values()), found


@settings(max_examples=16, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(data=corpus.briefing(), style_name=st.sampled_from(corpus.STYLES))
def test_generated_sources_have_no_defect(tmp_path_factory, data, style_name):
    src = corpus.write_source(tmp_path_factory.mktemp("gen"), "gen", data)
    s = corpus.style(style_name)
    assert defects(corpus.render(src, s), s) == []


@pytest.mark.parametrize("style_name", ["default", "a4", "grayscale"])
def test_packets_have_no_defect(style_name, tmp_path):
    """Every fixed source in one packet (a cover, a contents page of its own), and two (both on one page)."""
    for sources in (corpus.FIXED, corpus.FIXED[:2]):
        out = corpus.packet(sources, tmp_path / "packet.pdf", style_name)
        assert defects(out.read_bytes(), corpus.style(style_name)) == [], [src.name for src in sources]


def test_private_reportlab_names_the_layout_reads_exist():
    """layout/keep.py reads a few undocumented ReportLab names; a release that drops one is named here."""
    from reportlab.platypus.flowables import LIIndenter
    from reportlab.platypus.frames import Frame

    samples = {"reportlab.platypus.frames.Frame": Frame(0, 0, 100, 100),
               "reportlab.platypus.flowables.LIIndenter": LIIndenter(blocks.gap(1), bullet=None)}
    for owner, name, kind, used_by in keep.PRIVATE:
        if kind == "class":
            assert hasattr(importlib.import_module(owner), name), f"ReportLab has no {owner}.{name} ({used_by})"
        else:
            assert name in vars(samples[owner]), f"ReportLab has no {owner}.{name} ({used_by})"


UHC = ("https://www.uhcprovider.com/content/dam/provider/docs/public/policies/comm-medical-drug/"
       "radiation-therapy-procedures-requiring-precertification_pub09-30.pdf")


@pytest.mark.parametrize("kind, text", [
    ("bad_line_start", "Scope: National · Status: Draft · Audience: Coders — and reviewers"),
    ("not_provided_split", "Organization: {missing}"),
    ("label_split", "Scope: National and more words <b>Status:</b> Draft"),
    ("url_break", "See {url} for the policy."),
])
def test_control_line_rules_switched_off(seed, monkeypatch, kind, text):
    """The same text at many measures: with the line-breaking rules switched off (no binding, no
    splitter for URLs, so a long one is cut anywhere) some measure shows the defect; with them on, none does."""
    from briefpdf import markup
    from briefpdf.layout import breaking

    def make(theme, width, height):
        out = []
        for right in range(0, int(width) - 80, 7):  # a measure every 7 pt, down to 80 pt (a word of a
            # URL wider than the measure is cut anywhere, the last resort: "precertification_" is 75 pt)
            style = ParagraphStyle(f"m{right}", parent=theme.styles["body"], rightIndent=right)
            words = text.format(missing=theme.not_provided(), url=markup.link(UHC))
            out.append(declare(Para(words, style), role="P"))
        return out

    with monkeypatch.context() as m:
        m.setattr(markup, "bind", lambda text, missing=None: text)
        m.setattr(breaking._rl_paragraph, "_uri_split_pairs", lambda word: None)  # long words cut anywhere
        assert kind in kinds(*render_story(seed, make))
    assert kind not in kinds(*render_story(seed, make))



def test_the_readme_shows_every_page_of_the_sample_and_the_fixture():
    """The README's page images exist, one per page of each PDF (as `make picture` renders them)."""
    import re

    readme = (corpus.ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"docs/([\w-]+\.png)", readme)
    assert all((corpus.ROOT / "docs" / name).is_file() for name in shown), shown
    for stem, src in (("77301", corpus.ROOT / "sources" / "77301.yaml"),
                      ("coding_full", corpus.HERE / "fixtures" / "coding_full.yaml")):
        pages = engine_pages(src)
        assert [n for n in shown if n.startswith(f"{stem}-")] == [f"{stem}-{i}.png" for i in range(1, pages + 1)]


def engine_pages(src: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(corpus.render(src, corpus.style("default")))).pages)


TALL = Path(__file__).parent / "fixtures" / "layout" / "heading_over_tall_table.yaml"


@pytest.mark.parametrize("style_name", corpus.STYLES)
def test_a_heading_over_a_table_nearly_a_page_tall_keeps_its_first_rows(style_name, tmp_path):
    """The table splits under its heading (a page holds no more of it), and its rest starts the
    next page: the header row is set once a page, never again under the table's own first part."""
    s = corpus.style(style_name)
    pdf = tmp_path / "tall.pdf"
    pdf.write_bytes(corpus.render(TALL, s))
    assert not defects(pdf.read_bytes(), s)
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    here = max(i for i, text in enumerate(pages) if "Coverage criteria and notes" in text)  # (not the contents)
    body = pages[here].split("Coverage criteria and notes", 1)[1]
    assert "Aetna" in body  # the table's first row is on the heading's page
    assert body.count("Coverage criteria") == 1  # its header once, not again mid-page
