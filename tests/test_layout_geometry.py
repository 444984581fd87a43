"""The layout's rules as box geometry, in this process and in milliseconds.

The story is built with `briefpdf.layout.build_story` and its flowables are measured with
ReportLab's own protocol (`wrap`, `split`, `drawOn`) or placed by a bare one-frame document,
the way WeasyPrint's tests check the position and size of boxes. The end-to-end tests read the
same rules back from PDFs; these say which box broke a rule, and run without writing a file.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import io

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, PageTemplate, Paragraph, Spacer, Table
from reportlab.platypus.doctemplate import ActionFlowable

import briefpdf
from briefpdf import style
from briefpdf.layout import build_story
from briefpdf.layout.keep import Keep, LeadIn
from briefpdf.layout.typography import MEASURE, Theme
from briefpdf.model import Benchmark, Modifier, Payer
from conftest import FIXTURES, SOURCES

HEADING_STYLES = ("h2", "h3", "h4")


@pytest.fixture(scope="module")
def theme() -> Theme:
    return Theme(style.load("default"))


@pytest.fixture(scope="module")
def imrt():
    return briefpdf.load(SOURCES / "77301.yaml")


@pytest.fixture(scope="module")
def sample():
    return briefpdf.load(FIXTURES / "sample_full.yaml")


def frame(theme: Theme) -> tuple[float, float]:
    return theme.style.frame()


def story_of(briefing, theme: Theme) -> list:
    """The story's boxes, one after another: what the pagination rules keep together (keep.py) is
    opened up, so each box can be measured on its own."""
    return flat(build_story(briefing, theme, frame(theme)[0]))


def flat(story: list) -> list:
    out = []
    for f in story:
        out += flat(f._content) if isinstance(f, Keep) else [f]
    return out


def keeps(story: list) -> list:
    """Every LeadIn of the story, outermost first."""
    out = []
    for f in story:
        if isinstance(f, LeadIn):
            out.append(f)
        if isinstance(f, Keep):
            out += keeps(f._content)
    return out


def with_modifiers(briefing, modifiers: list[Modifier]):
    return dataclasses.replace(briefing, coding=dataclasses.replace(briefing.coding, modifiers=modifiers))


def style_name(flowable) -> str:
    return getattr(getattr(flowable, "style", None), "name", "")


def text_of(flowable) -> str:
    """What a paragraph says (no-break spaces, which tie words for line breaking, read as spaces)."""
    return flowable.getPlainText().replace("\u00a0", " ") if isinstance(flowable, Paragraph) else ""


# ----------------------------------------------------------------------------- measuring tools

@dataclasses.dataclass
class Drawn:
    """A flowable drawn on a scratch canvas: its size and each paragraph it drew, in drawing order."""

    width: float
    height: float
    paragraphs: list  # (paragraph, x, y) relative to the flowable's bottom left corner

    @property
    def texts(self) -> list[str]:
        """What each paragraph drew, line by line (a part of a split paragraph keeps only its lines)."""
        return [" ".join(line_texts(p)) for p, _, _ in self.paragraphs]


@contextlib.contextmanager
def recording_paragraphs():
    seen: list = []
    real = Paragraph.drawOn

    def draw_on(self, canvas, x, y, _sW=0):
        seen.append((self, x, y))
        return real(self, canvas, x, y, _sW)

    Paragraph.drawOn = draw_on
    try:
        yield seen
    finally:
        Paragraph.drawOn = real


def draw(flowable, width: float, height: float) -> Drawn:
    canvas = Canvas(io.BytesIO())
    w, h = flowable.wrapOn(canvas, width, height)
    with recording_paragraphs() as seen:
        flowable.drawOn(canvas, 0, 0)
    return Drawn(w, h, seen)


def paginate(flowable, width: float, height: float) -> list:
    """The parts a frame of `height` would place, one per page: split until each part fits."""
    canvas = Canvas(io.BytesIO())
    parts, rest = [], flowable
    while rest.wrapOn(canvas, width, height)[1] > height:
        pieces = rest.split(width, height)
        assert len(pieces) == 2, f"{type(rest).__name__} is taller than a page and splits into {len(pieces)} parts"
        parts.append(pieces[0])
        rest = pieces[1]
    return parts + [rest]


def table_starting_with(story: list, first_cell: str, width: float, height: float) -> Table:
    for f in story:
        if isinstance(f, Table) and draw(f, width, height * 100).texts[:1] == [first_cell]:
            return f
    raise AssertionError(f"no table whose first cell is {first_cell!r}")


class _PageTwo(Exception):
    pass


class OneFrame(BaseDocTemplate):
    """A page that is the style's text area and nothing else; remembers what landed on page 1."""

    def __init__(self, width: float, height: float):
        super().__init__(io.BytesIO(), pagesize=(width, height), leftMargin=0, rightMargin=0, topMargin=0,
                         bottomMargin=0)
        self.addPageTemplates([PageTemplate("page", [Frame(0, 0, width, height, leftPadding=0, rightPadding=0,
                                                           topPadding=0, bottomPadding=0, id="body")])])
        self.page_one: list = []  # (flowable, y of its bottom)

    def afterFlowable(self, flowable):
        if self.frame is None or isinstance(flowable, ActionFlowable):
            return
        if self.page > 1:
            raise _PageTwo  # page 1 is decided: stop laying out
        self.page_one.append((flowable, self.frame._y))


class _End(Flowable):
    """The story's end: stops the build before the scratch document is written (its links may
    point at notes that are not in it)."""

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        raise _PageTwo


def page_one(story: list, width: float, height: float) -> list:
    """(flowable, bottom y) of each box placed on the first page, in order."""
    doc = OneFrame(width, height)
    with contextlib.suppress(_PageTwo):
        doc.build([*story, _End()])
    return doc.page_one


def line_texts(p: Paragraph) -> list[str]:
    """The text of each line a wrapped paragraph broke into (plain lines hold words, marked-up ones fragments)."""
    return [" ".join(line[1]) if isinstance(line, tuple) else "".join(w.text for w in line.words)
            for line in p.blPara.lines]


def overflow(p: Paragraph) -> float:
    """How far the widest line of a wrapped paragraph reaches past its width (negative: room left)."""
    return max(-(line[0] if isinstance(line, tuple) else line.extraSpace) for line in p.blPara.lines)


# ----------------------------------------------------------------------------- running text

@pytest.mark.parametrize("style_name_", ["default", "a4"])
def test_running_text_is_at_most_90_characters_wide(imrt, style_name_):
    theme = Theme(style.load(style_name_))
    width, height = frame(theme)
    body = [f for f in story_of(imrt, theme) if style_name(f) == "body"]
    text = " ".join(text_of(p) for p in body)
    font, size = theme.body_family.regular, theme.style.sizes.body
    average = stringWidth(text, font, size) / len(text)  # of this very text, not of a sample
    full_lines = []
    for p in body:
        p.wrap(width, height)
        lines = line_texts(p)
        assert all(stringWidth(line, font, size) <= MEASURE * average * 1.01 for line in lines), lines
        full_lines += lines[:-1]  # the last line of a paragraph may be short
    assert len(full_lines) >= 20
    mean = sum(map(len, full_lines)) / len(full_lines)
    assert 65 <= mean <= MEASURE, mean  # a comfortable measure: neither a column nor the whole width


def test_tables_use_the_full_width_and_running_text_does_not(imrt, theme):
    width, height = frame(theme)
    story = story_of(imrt, theme)
    tables = [f for f in story if isinstance(f, Table)]
    assert len(tables) >= 3  # At a Glance, modifiers, coverage
    for t in tables:
        assert width - 2.5 <= draw(t, width, height * 10).width <= width
    body = next(f for f in story if style_name(f) == "body")
    assert body.style.rightIndent > width * 0.05  # running text stops short of the right margin


# ----------------------------------------------------------------------------- headings

def heading_windows(briefing, theme: Theme) -> dict[str, list]:
    """Each heading with what decides where it lands: the keep (keep.LeadIn) that holds it with the
    first lines of what it introduces, or, for a heading no keep holds, the heading alone."""
    story = build_story(briefing, theme, frame(theme)[0])
    out = {text_of(f): [f] for f in flat(story) if style_name(f) in HEADING_STYLES}
    for lead in reversed(keeps(story)):  # innermost first: a heading's own keep wins
        for f in lead.head:
            if style_name(f) in HEADING_STYLES and out.get(text_of(f)) == [f]:
                out[text_of(f)] = [lead]
    return out


SAMPLE_HEADINGS = ["At a Glance", "Summary & Overview", "Billing Code Overview", "Clinical & Coding Specifications",
                   "Clinical Context",
                   "Clinical workflow", "Typical setting", "Common clinical scenarios", "Coding Specifications",
                   "Payer Coverage & Reimbursement", "Reimbursement benchmarks", "Coverage criteria and notes",
                   "Notes", "Sources", "Disclaimer"]
# What only a source with every part of the content model has: coding rules, contacts, extra sections.
FULL_HEADINGS = ["What changed since version 1.0", "Questions for the payer meeting",
                 "Procedure-to-procedure (PTP) edits", "Medically unlikely edits (units per day)", "Frequency limits",
                 "Place of service", "Revenue codes", "Documentation requirements", "Coding tips",
                 "Common denial reasons", "Related codes", "Code history", "Contacts"]


@pytest.fixture(scope="module")
def full():
    return briefpdf.load(FIXTURES / "coding_full.yaml")


def test_the_heading_lists_are_the_fixtures_headings(sample, full, theme):
    """The parametrised lists below name every heading the two fixtures have, so none goes untested."""
    assert sorted(heading_windows(sample, theme)) == sorted(SAMPLE_HEADINGS)
    assert sorted(heading_windows(full, theme)) == sorted(SAMPLE_HEADINGS + FULL_HEADINGS)


@pytest.mark.parametrize("fixture, title", [("sample", t) for t in SAMPLE_HEADINGS] + [("full", t) for t in FULL_HEADINGS])
def test_a_heading_is_never_the_last_box_on_a_page(request, theme, fixture, title):
    """Wherever the space left on a page runs out, from 'the break moves it' to 'everything
    fits', the heading is followed on its page by what it introduces (or goes to the next)."""
    width, height = frame(theme)
    window = heading_windows(request.getfixturevalue(fixture), theme)[title]
    stranded = []
    for left in range(2, 120, 3):  # points left on the page before the heading
        placed = page_one([Spacer(1, height - left), *copy.deepcopy(window)], width, height)
        boxes = [f for f, _ in placed if not isinstance(f, (Spacer, CondPageBreak))]
        if boxes and text_of(boxes[-1]) == title:
            stranded.append(left)
    assert not stranded, f"{title!r} ends the page with {stranded} pt left"


def test_page_one_opens_with_the_title_block(imrt, theme):
    width, height = frame(theme)
    placed = page_one(story_of(imrt, theme), width, height)
    texts = [text_of(f) for f, _ in placed if text_of(f)]
    assert texts[0] == "CPT CODE BRIEFING · NATIONAL"
    assert texts[1].startswith("CPT 77301: Intensity Modulated Radiotherapy")
    assert texts.index("At a Glance") > 2  # after the title and its facts
    eyebrow_bottom = placed[0][1]
    assert height - 20 < eyebrow_bottom < height  # at the very top of the text area


# ----------------------------------------------------------------------------- tables

def test_table_header_repeats_on_every_page_after_a_split(imrt, theme):
    width, height = frame(theme)
    rows = [Modifier(f"{i:02d}", f"Modifier number {i}", "Long guidance text. " * 12) for i in range(10, 70)]
    table = table_starting_with(story_of(with_modifiers(imrt, rows), theme), "Modifier", width, height)
    parts = paginate(table, width, height)
    assert len(parts) >= 3
    seen = []
    for part in parts:
        drawn = draw(part, width, height)
        assert drawn.height <= height and drawn.width <= width
        assert drawn.texts[:3] == ["Modifier", "Description", "When to Use"]
        header_y = drawn.paragraphs[0][2]
        assert all(y <= header_y for _, _, y in drawn.paragraphs)  # the header is the top row
        seen += [t for t in drawn.texts if t.isdigit()]
    assert seen == [f"{i:02d}" for i in range(10, 70)]  # every row once, in order


def test_a_cell_taller_than_a_page_splits_between_its_lines(imrt, theme):
    width, height = frame(theme)
    words = [f"w{i}" for i in range(2500)]
    rows = [Modifier("26", "Professional component", " ".join(words)), Modifier("TC", "Technical component", "After.")]
    table = table_starting_with(story_of(with_modifiers(imrt, rows), theme), "Modifier", width, height)
    parts = paginate(table, width, height)
    assert len(parts) >= 3
    drawn = [draw(part, width, height) for part in parts]
    assert all(d.height <= height for d in drawn)
    assert all(d.height >= height * 0.9 for d in drawn[:-1])  # a part fills its page before the next begins
    continued = [t for d in drawn for t in d.texts if t.startswith("w")]
    assert " ".join(continued).split() == words  # every word once, in order, across the pages
    assert drawn[-1].texts[-1] == "After."


def test_the_longest_words_break_inside_their_column(imrt, theme):
    width, height = frame(theme)
    word, link = "W" * 120, "https://example.org/" + "u" * 1980
    rows = [Modifier("26", f"Starts {word} ends", f"See {link} now")]
    table = table_starting_with(story_of(with_modifiers(imrt, rows), theme), "Modifier", width, height)
    parts = paginate(table, width, height)
    cells = [(p, x) for part in parts for p, x, _ in draw(part, width, height).paragraphs]
    assert any(word in p.getPlainText() for p, _ in cells) and any(link in p.getPlainText() for p, _ in cells)
    for p, x in cells:
        assert x + p.width <= width + 0.01, p.getPlainText()[:40]
        assert overflow(p) <= 0.01, p.getPlainText()[:40]  # no line wider than its cell


# ----------------------------------------------------------------------------- lists, figures, every box

def test_list_items_hang_at_one_indent_in_order(sample, theme):
    width, height = frame(theme)
    story = story_of(sample, theme)
    at = next(k for k, f in enumerate(story) if text_of(f) == "Clinical workflow")
    steps = draw(story[at + 1], width, height)
    assert steps.texts == ["Consultation", "Simulation", "Planning", "Delivery"]
    assert {round(x, 2) for _, x, _ in steps.paragraphs} == {18.0}  # the list's indent, past the numbers
    ys = [y for _, _, y in steps.paragraphs]
    assert ys == sorted(ys, reverse=True)


def many_payers(briefing, n: int = 45):
    payers = [Payer(f"Payer {i} with a long name", benchmark=Benchmark(100.0 + i * 7.5, "per_plan", "USD"))
              for i in range(n)]
    return dataclasses.replace(briefing, payers=payers)


def test_a_long_payer_list_continues_the_chart_in_figures_that_fit_a_page(sample, theme):
    width, height = frame(theme)
    story = story_of(many_payers(sample), theme)
    start = next(k for k, f in enumerate(story) if text_of(f) == "Reimbursement benchmarks")
    end = next(k for k, f in enumerate(story) if k > start and isinstance(f, Table))
    figures = [f for f in story[start + 1:end] if not isinstance(f, (Spacer, CondPageBreak))]
    assert len(figures) >= 2  # 45 bars do not fit one figure
    sizes = [f.wrapOn(Canvas(io.BytesIO()), width, height) for f in figures]
    assert all(w <= width and h <= height for w, h in sizes), sizes


@pytest.mark.parametrize("name", ["sample", "many payers", "tall cell"])
def test_every_box_fits_the_text_area_or_splits_into_parts_that_do(sample, theme, name):
    width, height = frame(theme)
    briefing = {"sample": sample, "many payers": many_payers(sample),
                "tall cell": with_modifiers(sample, [Modifier("26", "P", " ".join(["word"] * 3000))])}[name]
    for flowable in story_of(briefing, theme):
        if isinstance(flowable, (CondPageBreak, ActionFlowable)):
            continue  # instructions to the page, not boxes
        for part in paginate(flowable, width, height):
            w, h = part.wrapOn(Canvas(io.BytesIO()), width, height)
            assert w <= width + 0.01 and h <= height, (type(part).__name__, w, h)
