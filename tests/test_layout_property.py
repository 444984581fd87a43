"""No source that validates may fail in layout: long words, tall cells, many rows, long lists.

Every example goes through a real render, so the examples are few and hard rather than many
and easy: each text is built from a drawn length and seed (cheap to generate, so the time goes
to layout), two texts in three carry up to two of the longest words validation accepts, most
examples have a table cell taller than a page, words include markup and characters from the
fallback font, and the worst case (every limit at once) and the least valid source are fixed
examples that run every time.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import briefpdf
from briefpdf.model import MAX_TITLE
from briefpdf.schema import MAX_URL, MAX_WORD
from conftest import SOURCES, pdftotext

CHARS = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" + " .,;:-()/'\"!?%$#<>&*[]_"
         + "’“”—–≥≤±×°µ•§é")
# words with markup, entities and glyphs from the fallback font, beside random ones of 1..40 characters
MARKED = ("**bold**", "*italic*", "[a link](https://example.org/x)", "<b>", "&amp;", "≥95%", "“quoted”", "—", "§1",
          "10µg", "×3", "a", "of", "the", "IMRT", "co-ordinated", "x" * 40)
# the longest word validation accepts (schema.MAX_WORD), and URLs up to schema.MAX_URL
LONG_WORD = (st.integers(60, MAX_WORD).map(lambda n: ("abcdefghij0123456789" * 7)[:n])
             | st.integers(50, MAX_URL - 20).map(lambda n: "https://example.org/" + "a" * n))


def words(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        if rnd.random() < 0.3:
            out.append(rnd.choice(MARKED))
        else:
            size = min(40, 1 + int(rnd.expovariate(1 / 5)))  # mostly short, now and then 40 characters
            out.append("".join(rnd.choice(CHARS) for _ in range(size)).strip() or "x")
    return out


@st.composite
def text(draw, max_words=60, long=True):
    seed = draw(st.integers(0, 2**32 - 1))
    rnd = random.Random(seed)  # mostly a few words, one text in eight as long as allowed here
    n = rnd.randint(1, max_words) if rnd.random() < 0.125 else min(max_words, 1 + int(rnd.expovariate(1 / 6)))
    value = words(n, seed)
    for _ in range(draw(st.integers(0, 2)) if long else 0):  # up to two of the longest words allowed
        value.insert(draw(st.integers(0, len(value))), draw(LONG_WORD))
    return " ".join(value).strip() or "x"


@st.composite
def tall_text(draw):
    """Sometimes a cell far taller than a page."""
    if draw(st.integers(0, 9)) == 0:
        return " ".join(words(draw(st.integers(700, 1000)), draw(st.integers(0, 2**32 - 1))))
    return draw(text())


@st.composite
def payer(draw, i):
    p = {"name": f"Payer {i} " + draw(text(max_words=4, long=False))}
    if draw(st.booleans()):
        p["coverage"] = draw(st.sampled_from(["covered", "covered_with_criteria", "not_covered", "varies"]))
    if draw(st.booleans()):
        p["policy"] = {"name": draw(text(max_words=30)), "url": "https://example.org/" + "p" * draw(st.integers(1, 300))}
    if draw(st.booleans()):
        amount = round(draw(st.floats(0, 1e7, allow_nan=False)), 2)  # 1e-308 would print as $0.00: refused
        p["benchmark"] = {"amount": amount, "basis": "per_plan", "currency": "USD"}
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
        "document": {"code": "77301", "code_system": "CPT", "title": draw(text(max_words=30))[:MAX_TITLE].strip(),
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


def worst(n_mod: int, n_pay: int, seed: int) -> dict:
    """A fixed hard case: every text at its longest with the longest word, tall cells, many rows."""
    longest = "w" * MAX_WORD
    url = "https://example.org/" + "u" * (MAX_URL - 20)

    def para(n, i=0):  # the first text of each kind has the longest link too
        return " ".join(words(n // 2, seed + i) + [longest] + [url] * (i == 0) + words(n // 2, seed + i + 1))

    tall = " ".join(words(1000, seed))
    return {
        "document": {"code": "77301", "code_system": "CPT", "title": para(30)[:MAX_TITLE], "date": "2026-11-28",
                     "status": "draft", "scope": longest},
        "summary": {"paragraphs": [para(120, i) for i in range(4)]},
        "billing_overview": {"description": [para(60)], "service_type": tall, "sites_of_service": para(60)},
        "clinical_context": {"vignette": [para(120, i) for i in range(3)],
                             "workflow": {"steps": [para(30, i) for i in range(40)]},
                             "scenarios": {"items": [para(20, i) for i in range(20)]}},
        "coding": {"modifiers": [{"modifier": f"{i % 100:02d}", "description": para(20, i),
                                  "when_to_use": tall if i == 1 else para(60, i)} for i in range(n_mod)]},
        "payers": [{"name": f"Payer {i} {longest}", "coverage": "varies",
                    "policy": {"name": para(10, i), "url": url if i == 0 else "https://example.org/p"},
                    "benchmark": {"amount": 1e7 - i, "basis": "per_plan", "currency": "USD"},
                    "notes": para(10, i + 1), "sources": [{"title": para(4, i + 2), "url": "https://example.org/s"}]}
                   for i in range(n_pay)],
        "disclaimer": [para(60)],
    }


def tiny() -> dict:
    """The least a valid source holds."""
    return {"document": {"code": "77301", "code_system": "CPT", "title": "T", "date": "2026-11-28"},
            "summary": {"paragraphs": ["S"]}, "billing_overview": {"description": ["D"]},
            "clinical_context": {"vignette": ["V"]}, "coding": {"modifiers": [{"modifier": "26", "description": "M"}]},
            "disclaimer": ["X"]}


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(briefing())
@example(worst(n_mod=40, n_pay=45, seed=1))
@example(tiny())
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
    result = briefpdf.render(SOURCES / "77301.yaml", tmp_path / "big.pdf", style=str(style))
    assert result.pages > 20
    assert "Page 1 of" in pdftotext(result.path, "-l", "1")
