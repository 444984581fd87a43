"""The engine interface (briefpdf.engine): what pipeline, batch and bundle may call, read back with pypdf.

In-process: no command is started, so these run in milliseconds to a second.
"""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

import briefpdf
from briefpdf import engine
from briefpdf.load import load
from briefpdf.style import load as load_style
from conftest import FIXTURES, SOURCES

LETTER, A4 = (612, 792), (595, 842)
PACKAGE = Path(briefpdf.__file__).parent


def page_size(data: bytes) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


@pytest.fixture(scope="module")
def briefing():
    return load(SOURCES / "77301.yaml")


def test_build_gives_the_bytes_and_their_page_count(briefing):
    built = engine.build(briefing, load_style("default"))
    reader = PdfReader(io.BytesIO(built.data))
    assert built.pages == len(reader.pages) > 1
    assert reader.pages[0].extract_text().count("77301") >= 1
    assert engine.build(briefing, load_style("default")).data == built.data  # deterministic


def test_an_edited_style_file_gives_the_new_page_in_the_same_process(tmp_path):
    """The stale-cache bug: a Theme kept by style *name* rendered an edited style's old paper."""
    style = tmp_path / "house.yaml"
    out = tmp_path / "out.pdf"
    style.write_text("extends: default\n", encoding="utf-8")
    briefpdf.render(SOURCES / "77301.yaml", out, style=str(style))
    assert page_size(out.read_bytes()) == LETTER
    style.write_text("extends: a4\n", encoding="utf-8")
    briefpdf.render(SOURCES / "77301.yaml", out, style=str(style))
    assert page_size(out.read_bytes()) == A4


def test_the_theme_follows_the_style_value_not_the_object(briefing):
    """A Style changed in place after a build is a different style: never the cached page."""
    style = load_style("default")
    assert page_size(engine.build(briefing, style).data) == LETTER
    style.page.size = "a4"
    assert page_size(engine.build(briefing, style).data) == A4
    style.page.size = "letter"
    assert page_size(engine.build(briefing, style).data) == LETTER


def test_covers_asks_the_body_font_then_its_fallback():
    style = load_style("default")
    assert engine.covers(style, "é")  # body font
    assert engine.covers(style, "─")  # only the mono fallback has box drawing
    assert not engine.covers(style, "漢")
    assert not engine.covers(style, "\U0001F600")


def test_warm_then_build_is_the_same_file(briefing):
    style = load_style("grayscale")
    engine.warm(style)
    assert engine.build(briefing, style).data == engine.build(briefing, load_style("grayscale")).data


def test_packet_first_pages_are_where_each_briefing_begins():
    briefings = [load(SOURCES / "77301.yaml"), load(FIXTURES / "sample_full.yaml")]
    built = engine.build_packet(briefings, load_style("default"), title="Board packet",
                                date=briefings[0].document.date, source="packet.pdf")
    reader = PdfReader(io.BytesIO(built.data))
    assert built.pages == len(reader.pages)
    assert built.first_pages[0] == 2  # cover and contents (short enough to share a page), then the first briefing
    assert built.first_pages[0] < built.first_pages[1] <= built.pages
    for b, first in zip(briefings, built.first_pages, strict=True):
        text = " ".join(reader.pages[first - 1].extract_text().split())
        assert f"{b.label}:" in text
        before = " ".join(reader.pages[first - 2].extract_text().split())
        assert f"Page {first - 1} of {built.pages}" in before


def _imports(path: Path) -> list[str]:
    """Modules a file imports, as absolute names: 'briefpdf.layout.pages'; 'briefpdf' for a name
    taken from the package root (`from .. import load`), not for a submodule (`from .. import markup`)."""
    package = ".".join(("briefpdf", *path.relative_to(PACKAGE).parent.parts))
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            if node.module:
                found.append(f"{base}.{node.module}")
                continue
            folder = PACKAGE.joinpath(*base.split(".")[1:])
            for alias in node.names:
                is_module = (folder / f"{alias.name}.py").exists() or (folder / alias.name).is_dir()
                found.append(f"{base}.{alias.name}" if is_module else base)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names]
    return found


@pytest.mark.parametrize("folder", ["pdf", "layout", "present"])
def test_the_engine_stages_import_neither_the_package_root_nor_upstream(folder):
    """pdf/ never drives layout/; neither reaches for the package root (which only re-exports)."""
    bad = []
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        for name in _imports(path):
            if name == "briefpdf" or (folder == "pdf" and name.startswith("briefpdf.layout")):
                bad.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert bad == []


def test_layout_never_reaches_for_the_tagger():
    """Layout declares what a flowable is (briefpdf.semantics); it never probes or drives the tagging canvas."""
    words = ("begin_artifact", "end_artifact", "tag_begin", "tag_end", "tag_artifact", "_tagpage", "pdf.tags",
             "..pdf")
    bad = [f"{p.relative_to(PACKAGE)}: {w}" for p in sorted((PACKAGE / "layout").rglob("*.py"))
           for w in words if w in p.read_text(encoding="utf-8")]
    assert bad == []


def test_layout_declares_meaning_only_through_semantics():
    """No layout module sets a field of the contract as a loose attribute (`p.role = "P"`): the
    tagger reads only what semantics.declare() recorded, so a loose attribute would be lost."""
    import dataclasses

    from briefpdf.semantics import Semantics

    fields = {f.name for f in dataclasses.fields(Semantics)}
    bad = []
    for path in sorted((PACKAGE / "layout").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else \
                [node.target] if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else []
            bad += [f"{path.name}:{node.lineno} .{t.attr}" for t in targets
                    if isinstance(t, ast.Attribute) and t.attr in fields]
            if isinstance(node, ast.ClassDef):  # a class attribute `role = "Figure"` is loose too
                bad += [f"{path.name}:{st.lineno} {node.name}.{t.id}" for st in node.body if isinstance(st, ast.Assign)
                        for t in st.targets if isinstance(t, ast.Name) and t.id in fields]
    assert bad == []


def test_a_split_table_keeps_its_declared_shape_and_marks_the_later_parts_continued():
    """The layout-to-tagger contract for a table broken over pages (briefpdf.semantics)."""
    from briefpdf.layout.tables import data_table
    from briefpdf.layout.typography import Theme
    from briefpdf.semantics import Semantics, declare, of

    theme = Theme(load_style("default"))
    table = data_table(theme, ["Payer", "Amount"], [[f"Payer {i}", f"{i}.00"] for i in range(80)], [200, 100],
                       summary="Amounts by payer")
    table.wrap(300, 10_000)
    parts = table.split(300, 300)
    assert len(parts) >= 2
    shapes = [of(p) for p in parts]
    assert {(s.role, s.header_rows, s.summary) for s in shapes} == {("Table", 1, "Amounts by payer")}
    assert [s.continued for s in shapes] == [False] + [True] * (len(parts) - 1)
    again = parts[1].split(300, 100)
    assert len(again) >= 2 and all(of(p).continued for p in again)  # a continuation stays one

    class Marker:
        semantics = Semantics(role="Part")

    m = declare(Marker(), alt="start")
    assert of(m) == Semantics(role="Part", alt="start") and of(Marker()) == Semantics(role="Part")
