"""The chart and the packet's front pages, read back: like-for-like charts with every name in full,
and a cover and contents worth their page.

The chart is checked in process (the strings and shapes of its drawing); the packet end to end,
with poppler reading the pages as a reader turns them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_typography import SOURCE

from briefpdf.style import load as load_style
from conftest import FIXTURES, SOURCES, normalise, pdftotext, run_cli


# ------------------------------------------------------------------------------ the chart
@pytest.fixture(scope="module")
def briefing(tmp_path_factory):
    from briefpdf import load

    base = (SOURCES / "77301.yaml").read_text(encoding="utf-8")
    src = tmp_path_factory.mktemp("chart") / "long.yaml"
    src.write_text(SOURCE + base[base.index("\ndisclaimer:"):], encoding="utf-8")
    return load(src)


def drawn(figure) -> tuple[list[str], list]:
    """The strings a chart figure draws, and its shapes, walking its groups."""
    from reportlab.graphics.shapes import Group, String

    strings, shapes, todo = [], [], list(figure.drawing.contents)
    while todo:
        node = todo.pop(0)
        if isinstance(node, Group):
            todo[:0] = node.contents
        elif isinstance(node, String):
            strings.append(node.text)
        else:
            shapes.append(node)
    return strings, shapes


@pytest.mark.parametrize("style", ["default", "a4", "grayscale"])
def test_a_chart_compares_like_with_like_and_names_every_payer_in_full(briefing, style):
    from briefpdf.layout.charts import benchmark_charts
    from briefpdf.layout.typography import Theme

    theme = Theme(load_style(style))
    figures, left_out, grouped = benchmark_charts(briefing, theme, theme.style.frame()[0])
    assert len(figures) == 1 and not grouped
    strings, _ = drawn(figures[0])
    text = " ".join(strings)
    assert "…" not in text
    assert strings[0] == "Reimbursement benchmark by payer (USD, fee schedule, non-facility)"
    for name in ("Medicare (Original Medicare)", "Anthem Blue Cross and Blue Shield", "Medicare (physician fee schedule)"):
        assert name in text or name in " ".join(s for s in strings if s and s[0] != "$"), name
    assert [s for s in strings if s.startswith("$")] == ["$1,655.00", "$1,980.25", "$1,700.00"]
    # the only per-plan figure and the only percentage have nothing to compare with
    assert left_out == ["UnitedHealthcare Community Plan of California", "Aetna"]


def test_a_long_name_wraps_beside_its_bar_or_goes_above_it_whole(briefing):
    import dataclasses

    from briefpdf.layout.charts import benchmark_charts
    from briefpdf.layout.typography import Theme

    theme = Theme(load_style("default"))
    long_name = "Blue Cross and Blue Shield of the Greater Metropolitan Area Federal Employee Program"
    payers = [dataclasses.replace(p, name=long_name) if p.name.startswith("Anthem") else p for p in briefing.payers]
    (figure,), _, _ = benchmark_charts(dataclasses.replace(briefing, payers=payers), theme, 300)
    strings, _ = drawn(figure)
    assert long_name in " ".join(strings) and "…" not in " ".join(strings)
    assert all(len(s) < len(long_name) for s in strings[1:])  # wrapped, not one long line


def test_no_chart_for_a_single_figure_of_its_kind(briefing):
    import dataclasses

    from briefpdf.layout.charts import benchmark_charts
    from briefpdf.layout.typography import Theme

    one = dataclasses.replace(briefing, payers=briefing.payers[:1] + briefing.payers[3:])
    figures, left_out, _ = benchmark_charts(one, Theme(load_style("default")), 400)
    assert figures == [] and left_out == []  # (the table shows every figure; nothing to explain)


def test_an_illustrative_figure_is_hatched_as_well_as_marked_and_groups_are_named(briefing):
    import dataclasses

    from reportlab.graphics.shapes import Path

    from briefpdf.layout.charts import benchmark_charts
    from briefpdf.layout.typography import Theme

    # a second per-plan figure: two kinds to compare, each in a group named in words
    payers = [dataclasses.replace(p, benchmark=dataclasses.replace(p.benchmark, basis="per_plan", setting="freestanding"))
              if p.name == "Medicare (physician fee schedule)" else p for p in briefing.payers]
    theme = Theme(load_style("grayscale"))
    (figure,), left_out, grouped = benchmark_charts(dataclasses.replace(briefing, payers=payers), theme, 400)
    strings, shapes = drawn(figure)
    assert grouped and {"Fee schedule, non-facility", "Per plan, freestanding"} <= set(strings)
    assert "†" in strings and left_out == ["Aetna"]
    hatching = [s for s in shapes if isinstance(s, Path)]
    assert len(hatching) == 1 and len(hatching[0].points) > 40  # the illustrative bar: a pattern, not a colour
    fills = [s.fillColor for s in shapes if getattr(s, "fillColor", None) is not None]
    assert fills and all(c.red == c.green == c.blue for c in fills)  # the grayscale style: grey bars


@pytest.mark.parametrize("style", ["default", "a4"])
def test_a_chart_shares_its_page_with_the_table_of_its_figures(tmp_path, style):
    """Wherever the page ends, the chart never ends it without its table (the fixture's chart fell at
    an A4 page's foot, its table on the next page)."""
    out = tmp_path / "coding.pdf"
    assert run_cli("render", FIXTURES / "coding_full.yaml", "-o", out, "--style", style).returncode == 0
    pages = [normalise(p) for p in pdftotext(out).split("\f")]
    [chart] = [i for i, p in enumerate(pages) if "Reimbursement benchmark by payer (USD" in p]
    assert "Amount (USD)" in pages[chart]


# ------------------------------------------------------------------------------ the packet's front pages
def bundle(tmp_path: Path, *sources: Path, style: str = "default") -> list[str]:
    out = tmp_path / "packet.pdf"
    result = run_cli("bundle", *sources, "-o", out, "--title", "Payer meeting, December", "--date", "2026-12-01",
                     "--style", style)
    assert result.returncode == 0, result.stderr
    return pdftotext(out, "-layout").split("\f")[:-1]


def cover_rows(page: str) -> list[tuple[str, str, str, int, int]]:
    """(code, title, status, first page, last page) per row of the cover's list."""
    rows = re.findall(r"^\s*(CPT \d{5})\s+(.+?)\s{2,}(Final|Draft|Sample data)\s+(\d+)(?:–(\d+))?\s*$", page, re.M)
    return [(code, title, status, int(a), int(b or a)) for code, title, status, a, b in rows]


def check_pages(pages: list[str], rows, titles: list[str]) -> None:
    """Each row's pages are where its briefing really is: it starts there, the next one after."""
    assert [r[1] for r in rows] == titles
    starts = [i + 1 for i, page in enumerate(pages) if page.lstrip().startswith("CPT CODE BRIEFING")]
    assert [r[3] for r in rows] == starts
    for (_, title, _, first, last), nxt in zip(rows, [*rows[1:], None], strict=True):
        assert title in normalise(pages[first - 1])
        assert last == (nxt[3] - 1 if nxt else len(pages))


def test_a_short_packet_has_its_cover_and_contents_on_one_page(tmp_path):
    pages = bundle(tmp_path, SOURCES / "77301.yaml", FIXTURES / "coding_full.yaml")
    cover = pages[0]
    assert "Payer meeting, December" in cover and "Briefings in this packet" in cover and "Contents" in cover
    rows = cover_rows(cover)
    assert [(code, status) for code, _, status, _, _ in rows] == [("CPT 77301", "Final"), ("CPT 77385", "Final")]
    check_pages(pages, rows, ["Intensity Modulated Radiotherapy (IMRT) Delivery",
                              "Intensity Modulated Radiation Treatment Delivery, Simple"])
    assert rows[0][3] == 2  # the first briefing opens page 2
    assert "National · 2026-11-28 · v1.0" in normalise(cover)  # scope, date and version under each title


@pytest.mark.parametrize("style", ["default", "a4"])
def test_a_long_packet_gives_its_contents_a_full_page_with_leaders_on_every_entry(tmp_path, style):
    pages = bundle(tmp_path, SOURCES / "77301.yaml", FIXTURES / "coding_full.yaml", FIXTURES / "sample_full.yaml",
                   style=style)
    rows = cover_rows(pages[0])
    check_pages(pages, rows, ["Intensity Modulated Radiotherapy (IMRT) Delivery",
                              "Intensity Modulated Radiation Treatment Delivery, Simple",
                              "Intensity Modulated Radiotherapy (IMRT) Delivery"])
    assert rows[2][2] == "Sample data"
    # the contents shares the cover's page when it fits there whole (A4's taller page), else opens page 2
    at = 0 if re.search(r"^Contents$", pages[0], re.M) else 1
    assert rows[0][3] == at + 2
    lines = pages[at].splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "Contents")
    entries = [line.strip() for line in lines[start + 1:] if line.strip() and f"Page {at + 1} of" not in line
               and "Payer meeting, December" not in line]
    assert len(entries) >= 20  # each briefing and its sections: a page worth turning to
    for entry in entries:
        assert re.fullmatch(r"\S.*?\S\s*(?:\.\s*){3,}\d+", entry), entry  # title, leader dots, page
    assert any(re.fullmatch(r"Payer Coverage & Reimbursement\s*(?:\.\s*){3,}\d+", e) for e in entries)
