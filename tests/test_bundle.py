"""The meeting packet: one document with a cover, contents, each briefing, continuous pages.

Three short briefings: the cover and the contents share the packet's first page."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from test_cli_workflow import variant

from conftest import FIXTURES, SOURCES, cli, normalise, page_texts, pdfinfo


@pytest.fixture(scope="module")
def packet(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bundle")
    sources = [SOURCES / "77301.yaml", variant(tmp, "77302", "Second briefing in the packet"),
               variant(tmp, "77303", "Third briefing in the packet")]
    singles = []
    for s in sources:
        out = tmp / f"single-{s.stem}.pdf"
        assert cli("render", s, "-o", out).returncode == 0
        singles.append(len(page_texts(out)))
    pdf = tmp / "packet.pdf"
    result = cli("bundle", *sources, "-o", pdf, "--title", "Payer meeting, December", "--date", "2026-12-01")
    assert result.returncode == 0, result.stderr
    titles = ["CPT 77301: Intensity Modulated Radiotherapy (IMRT) Delivery",
              "CPT 77302: Second briefing in the packet", "CPT 77303: Third briefing in the packet"]
    return pdf, singles, titles, result.stdout


def test_page_count_is_the_briefings_plus_one_for_cover_and_contents(packet):
    pdf, singles, _, stdout = packet
    count = int(re.search(r"Pages:\s+(\d+)", pdfinfo(pdf)).group(1))
    assert count == sum(singles) + 1
    assert f"3 briefings, {count} pages" in stdout


def test_cover_lists_the_briefings_and_the_date(packet):
    pdf, _, titles, _ = packet
    cover = normalise(page_texts(pdf)[0])
    assert "Payer meeting, December" in cover and "2026-12-01" in cover
    for t in titles:
        assert t.split(": ", 1)[1] in cover


def test_contents_gives_each_briefing_its_page(packet):
    pdf, singles, titles, _ = packet
    pages = page_texts(pdf)
    cover = normalise(pages[0])
    assert "Contents" in cover
    contents = cover[cover.index("Contents"):]
    first = 2
    for title, n in zip(titles, singles, strict=True):
        listed = re.search(re.escape(title) + r"[ .]*?(\d+)", contents)
        assert listed and int(listed.group(1)) == first, (title, contents)
        assert title in normalise(pages[first - 1])  # the briefing really starts there
        first += n


def test_page_numbers_run_on_across_the_packet(packet):
    pdf, _, _, _ = packet
    pages = page_texts(pdf)
    for n, text in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in text


def test_running_header_names_the_briefing_of_the_page(packet):
    pdf, singles, _, _ = packet
    pages = page_texts(pdf)
    header = "CPT 77302 · IMRT Delivery"  # its code and short title
    start = 1 + singles[0]  # index of the second briefing's first page
    assert pages[start + 1].strip().splitlines()[0] == header  # its second page carries its header, first
    # its first page none: not above its own title block, nor anywhere (its footer starts the same way)
    assert header not in [line.strip() for line in pages[start].splitlines()]
    assert normalise(pages[start]).startswith("CPT CODE BRIEFING · NATIONAL CPT 77302: Second briefing")


def test_outline_nests_each_briefing(packet):
    pdf, singles, titles, _ = packet
    reader = PdfReader(pdf)
    outline = reader.outline
    top = [item for item in outline if not isinstance(item, list)]
    assert [t.title for t in top] == ["Payer meeting, December", "Contents", *titles]
    first = 2
    for title, n in zip(titles, singles, strict=True):
        at = next(i for i, item in enumerate(outline) if not isinstance(item, list) and item.title == title)
        assert reader.get_destination_page_number(outline[at]) + 1 == first
        children = outline[at + 1]
        assert isinstance(children, list) and "Summary & Overview" in [c.title for c in children if not isinstance(c, list)]
        pages = {reader.get_destination_page_number(c) + 1 for c in children if not isinstance(c, list)}
        assert pages <= set(range(first, first + n)) and max(pages) > first
        first += n


def test_a_broken_source_stops_the_packet_and_says_where(tmp_path):
    out = tmp_path / "packet.pdf"
    result = cli("bundle", SOURCES / "77301.yaml", FIXTURES / "workflow" / "broken.yaml", "-o", out)
    assert result.returncode == 1
    assert "broken.yaml:9:3: error: unknown key 'scoep'" in result.stderr
    assert not out.exists()


def test_a_packet_named_like_one_of_its_sources_is_refused(tmp_path):
    copy = tmp_path / "copy.yaml"
    copy.write_bytes((SOURCES / "77301.yaml").read_bytes())
    before = copy.read_bytes()
    for sources in ([copy], [SOURCES / "77301.yaml", copy]):
        result = cli("bundle", *sources, "-o", copy)
        assert result.returncode == 1
        assert f"{copy}:1:1: error: output would overwrite the source file" in result.stderr
        assert "hint: name a .pdf file with -o" in result.stderr
        assert copy.read_bytes() == before


def test_a_layout_failure_names_the_briefing_that_failed(tmp_path, monkeypatch):
    """The layout error is about one briefing's story, not the packet file the user never wrote."""
    from reportlab.platypus import Flowable

    import briefpdf.layout
    from briefpdf import BriefError
    from briefpdf.bundle import bundle

    class TooTall(Flowable):
        def wrap(self, availWidth, availHeight):
            return availWidth, 5000

        def draw(self):
            pass

    real = briefpdf.layout.build_story

    def story(b, theme, width, *args, **kw):
        return real(b, theme, width, *args, **kw) + ([TooTall()] if b.document.title == "Second briefing" else [])

    monkeypatch.setattr(briefpdf.layout, "build_story", story)
    second = variant(tmp_path, "77302", "Second briefing")
    out = tmp_path / "packet.pdf"
    with pytest.raises(BriefError) as err:
        bundle([SOURCES / "77301.yaml", second, variant(tmp_path, "77303", "Third briefing")], out)
    [problem] = err.value.problems
    assert problem.file == str(second) and (problem.line, problem.column) == (1, 1)
    assert "the layout could not place the content" in problem.message and str(out) in problem.message
    assert not out.exists()
