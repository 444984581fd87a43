"""Caches are keyed on what they depend on, never on a style's name: a style edited between two
renders in one process gives the new page, and a batch renders again instead of "up to date"."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from briefpdf import render
from briefpdf.batch import RENDERED, UP_TO_DATE, render_many
from conftest import SOURCES

SOURCE = SOURCES / "77301.yaml"
LETTER, A4 = (612, 792), (595, 842)


def page_size(pdf: Path) -> tuple[int, int]:
    box = PdfReader(pdf).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A project folder with its own styles/house.yaml, as the working folder."""
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "house.yaml").write_text("extends: default\nname: house\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_render_after_editing_the_style_gives_the_new_page_size(project):
    out = project / "out" / "77301.pdf"
    assert page_size(render(SOURCE, out, style="house").path) == LETTER
    (project / "styles" / "house.yaml").write_text("extends: a4\nname: house\n", encoding="utf-8")
    assert page_size(render(SOURCE, out, style="house").path) == A4


def test_render_after_editing_a_style_it_extends(project):
    (project / "styles" / "base.yaml").write_text("extends: default\nname: base\n", encoding="utf-8")
    (project / "styles" / "house.yaml").write_text("extends: base\nname: house\n", encoding="utf-8")
    out = project / "house.pdf"
    assert page_size(render(SOURCE, out, style="house").path) == LETTER
    (project / "styles" / "base.yaml").write_text("extends: default\nname: base\npage:\n  size: legal\n",
                                                  encoding="utf-8")
    assert page_size(render(SOURCE, out, style="house").path) == (612, 1008)


def test_batch_renders_again_after_the_style_is_edited(project):
    out = project / "out"
    first = render_many([SOURCE], out, "house", jobs=1)
    assert [o.status for o in first.outcomes] == [RENDERED]
    assert [o.status for o in render_many([SOURCE], out, "house", jobs=1).outcomes] == [UP_TO_DATE]
    (project / "styles" / "house.yaml").write_text("extends: a4\nname: house\n", encoding="utf-8")
    again = render_many([SOURCE], out, "house", jobs=1)
    assert [o.status for o in again.outcomes] == [RENDERED]
    assert page_size(out / "77301.pdf") == A4


def test_batch_renders_again_after_the_logo_is_replaced(project):
    logo = project / "styles" / "logo.png"
    Image.new("RGB", (240, 80), (29, 79, 124)).save(logo)
    (project / "styles" / "house.yaml").write_text("extends: default\nname: house\noptions:\n  logo: logo.png\n",
                                                   encoding="utf-8")
    out = project / "out"
    assert [o.status for o in render_many([SOURCE], out, "house", jobs=1).outcomes] == [RENDERED]
    assert [img.image.size for img in PdfReader(out / "77301.pdf").pages[0].images] == [(240, 80)]
    Image.new("RGB", (300, 60), (29, 79, 124)).save(logo)
    assert [o.status for o in render_many([SOURCE], out, "house", jobs=1).outcomes] == [RENDERED]
    assert [img.image.size for img in PdfReader(out / "77301.pdf").pages[0].images] == [(300, 60)]
