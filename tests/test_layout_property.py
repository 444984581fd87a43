"""No source that validates may fail in layout: long words, tall cells, many rows, long lists."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import briefpdf
from briefpdf.schema import MAX_URL, MAX_WORD
from conftest import pdftotext

ALPHABET = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
                           + list(" .,;:-()/'\"!?%$#<>&*[]_") + list("’“”—–≥≤±×°µ•§é"))
WORD = st.text(ALPHABET, min_size=1, max_size=40)
# the longest word validation accepts (schema.MAX_WORD), and URLs up to schema.MAX_URL
LONG_WORD = (st.text(st.sampled_from(list("abcdefghijklmnopqrstuvwxyz0123456789")), min_size=60, max_size=MAX_WORD)
             | st.integers(50, MAX_URL - 30).map(lambda n: "https://example.org/" + "a" * n))


@st.composite
def text(draw, max_words=60, long=True):
    words = draw(st.lists(WORD, min_size=1, max_size=max_words))
    if long and draw(st.booleans()):
        words.insert(draw(st.integers(0, len(words))), draw(LONG_WORD))
    value = " ".join(words).strip()
    return value or "x"


@st.composite
def tall_text(draw):
    """Sometimes a cell far taller than a page."""
    if draw(st.integers(0, 9)) == 0:
        return " ".join(draw(st.lists(WORD, min_size=700, max_size=1000)))
    return draw(text())


@st.composite
def payer(draw, i):
    p = {"name": f"Payer {i} " + draw(text(max_words=4, long=False))}
    if draw(st.booleans()):
        p["coverage"] = draw(st.sampled_from(["covered", "covered_with_criteria", "not_covered", "varies"]))
    if draw(st.booleans()):
        p["policy"] = {"name": draw(text(max_words=30)), "url": "https://example.org/" + "p" * draw(st.integers(1, 300))}
    if draw(st.booleans()):
        p["benchmark"] = {"amount": draw(st.floats(0, 1e7, allow_nan=False)), "basis": "per_plan", "currency": "USD"}
    if draw(st.booleans()):
        p["notes"] = draw(text())
    if draw(st.booleans()):
        p["sources"] = [{"title": draw(text(max_words=10)), "url": "https://example.org/s"}]
    return p


@st.composite
def briefing(draw):
    n_mod = draw(st.integers(1, 40))
    n_pay = draw(st.integers(0, 12) | st.integers(0, 12) | st.integers(0, 12) | st.integers(30, 45))  # now and then more payers than one chart holds
    return {
        "document": {"code": "77301", "code_system": "CPT", "title": draw(text(max_words=30)),
                     "date": "2026-11-28", "status": draw(st.sampled_from(["draft", "final", "sample"])),
                     "scope": draw(st.none() | text(max_words=5))},
        "summary": {"paragraphs": draw(st.lists(text(max_words=120), min_size=1, max_size=4))},
        "billing_overview": {"description": [draw(text())], "service_type": draw(st.none() | tall_text()),
                             "sites_of_service": draw(st.none() | text())},
        "clinical_context": {
            "vignette": draw(st.lists(text(max_words=120), min_size=1, max_size=3)),
            "workflow": {"steps": draw(st.lists(text(max_words=30), min_size=1, max_size=40))},
            "scenarios": {"items": draw(st.lists(text(max_words=20), min_size=1, max_size=20))},
        },
        "coding": {"modifiers": [{"modifier": f"{i % 100:02d}", "description": draw(text(max_words=20)),
                                  "when_to_use": draw(st.none() | tall_text())} for i in range(n_mod)]},
        "payers": [draw(payer(i)) for i in range(n_pay)],
        "disclaimer": [draw(text())],
    }


@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(briefing())
def test_every_valid_source_renders(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("prop")
    src = folder / "gen.yaml"
    src.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    briefpdf.load(src)  # the generator only makes valid sources
    result = briefpdf.render(src, folder / "gen.pdf")
    assert result.pages >= 1
    first = pdftotext(result.path, "-l", "1")
    assert f"Page 1 of {result.pages}" in first


SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample_full.yaml"


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(size=st.floats(6, 36), leading_extra=st.floats(0, 6), margin=st.floats(0.3, 2.2), narrow=st.booleans(),
       tall=st.floats(0.5, 3.9))
def test_any_valid_style_renders(tmp_path_factory, size, leading_extra, margin, narrow, tall):
    """Large type in narrow margins once sent ReportLab's keep-with-next handling into an endless loop,
    and a short text area once left the chart taller than a page."""
    folder = tmp_path_factory.mktemp("style")
    style = folder / "s.yaml"
    side = f"{2.2 if narrow else margin:.2f}in"
    style.write_text(
        "extends: default\n"
        f"sizes: {{body: {size:.1f}, leading: {min(36, size + leading_extra):.1f}, title: {size:.1f}, "
        f"h2: {size:.1f}, h3: {size:.1f}, table: {size:.1f}, small: {min(max(8, size), 20):.1f}}}\n"
        f"page: {{margin_left: {side}, margin_right: {side}, margin_top: {tall:.2f}in, margin_bottom: {tall:.2f}in}}\n",
        encoding="utf-8")
    try:
        briefpdf.load_style(str(style))
    except briefpdf.BriefError:
        return  # refused with a positioned message: tested in test_errors
    try:
        result = briefpdf.render(SAMPLE, folder / "s.pdf", style=str(style))
    except briefpdf.BriefError as err:
        # up to 20 pt (large print) every style that validates must render; beyond, a page may be
        # too small for what must stay together, and that must be a positioned message, not a crash
        assert size > 20 and "the layout could not place the content" in str(err), str(err)
        return
    assert result.pages >= 1


def test_large_type_in_narrow_margins_renders(tmp_path):
    style = tmp_path / "big.yaml"
    style.write_text("extends: default\nsizes: {body: 30, leading: 32, title: 30, h2: 30, h3: 30, table: 30, small: 12}\n"
                     "page: {margin_left: 2.2in, margin_right: 2.2in}\n", encoding="utf-8")
    result = briefpdf.render(Path(__file__).resolve().parents[1] / "sources" / "77301.yaml", tmp_path / "big.pdf",
                             style=str(style))
    assert result.pages > 20
    assert "Page 1 of" in pdftotext(result.path, "-l", "1")
