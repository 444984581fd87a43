"""The benchmark's generators make valid input: variants load, and the Typst and HTML templates carry
the same content. No timing is asserted anywhere; the benchmark itself is `python bench/run.py`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from briefpdf import load

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import templates  # noqa: E402
import variants  # noqa: E402


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    base = variants.load_base(ROOT / "sources" / "77301.yaml")
    return variants.write_variants(base, tmp_path_factory.mktemp("variants"), 12)


def test_variants_are_valid_and_distinct(sources):
    briefings = [load(p) for p in sources]
    assert len({p.read_text(encoding="utf-8") for p in sources}) == len(sources)
    assert len({len(b.coding.modifiers) for b in briefings}) > 1  # table sizes vary
    assert len({len(b.payers) for b in briefings}) > 1  # payer counts vary
    assert all(1 <= len(b.coding.modifiers) <= 30 for b in briefings)


def test_seed_sized_variant_has_a_30_row_table(tmp_path):
    base = variants.load_base(ROOT / "sources" / "77301.yaml")
    path = tmp_path / "seed30.yaml"
    path.write_text(variants.dump(variants.seed_sized(base)), encoding="utf-8")
    b = load(path)
    assert len(b.coding.modifiers) == 30
    assert b.summary.paragraphs == load(ROOT / "sources" / "77301.yaml").summary.paragraphs


def test_templates_carry_the_content(sources):
    b = load(sources[3])
    typ, page = templates.to_typst(b), templates.to_html(b, css="")
    for text in (b.document.title, b.summary.paragraphs[0][:40], b.coding.modifiers[-1].description, "Disclaimer"):
        assert text in typ
        assert text.replace("&", "&amp;") in page
    assert page.count("<tr>") >= len(b.coding.modifiers) + len(b.payers)


def test_html_escapes_and_typst_quotes_user_text():
    assert templates._h("<b>&") == "&lt;b&gt;&amp;"
    assert templates._t('a "quoted" \\ path') == '"a \\"quoted\\" \\\\ path"'


def test_typst_source_compiles_when_typst_is_installed(sources):
    typst = pytest.importorskip("typst")
    pdf = typst.compile(templates.to_typst(load(sources[0])).encode(),
                        font_paths=[str(d) for d in templates.font_dirs()], ignore_system_fonts=True)
    assert pdf.startswith(b"%PDF")
