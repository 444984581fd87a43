"""Issue #16: every fixed word comes from the label set of the source's language.

A Spanish source is read back with pdftotext (no English fixed label on any page, the Spanish
ones present, numbers and dates written the Spanish way) and with pypdf (the words a screen
reader gets: link descriptions, the chart's alternative text). A packet mixing languages gives
each Part its /Lang. A language without a label set falls back to English with a warning.
"""

from __future__ import annotations

import dataclasses
import re
import string
from pathlib import Path

import pytest
from pdfcheck import check
from pypdf import PdfReader

import briefpdf
from briefpdf import bundle, present
from briefpdf.present import ENGLISH, SPANISH, Labels
from conftest import FIXTURES, SOURCES, normalise, pdftotext, run_cli

SPANISH_SOURCE = FIXTURES / "sample_es.yaml"
IMRT = SOURCES / "77301.yaml"
# the same in both languages (placeholders only, or words Spanish shares)
SAME = {"gap", "note", "version", "language", "date"}
SHARED = {"Medicare Advantage", "Medicaid"}  # names, not words


def words(value) -> list[str]:
    """Every literal text of a label value (placeholders taken out), for strings, tuples and maps."""
    if isinstance(value, str):
        return [part for part in re.split(r"\{[a-z_]+\}", value)]
    if isinstance(value, tuple):
        return [w for v in value for w in words(v)]
    if hasattr(value, "values"):
        return [w for v in value.values() for w in words(v)]
    return []


def english_fixed_words() -> set[str]:
    """The English labels' words worth looking for: with letters, and not Spanish as well."""
    spanish = {w.strip().lower() for f in dataclasses.fields(Labels) for w in words(getattr(SPANISH, f.name))}
    found = set()
    for f in dataclasses.fields(Labels):
        for w in words(getattr(ENGLISH, f.name)):
            w = w.strip(" .:;,()[]%")
            if len(re.sub(r"[^A-Za-z]", "", w)) >= 4 and w.lower() not in spanish:
                found.add(w)
    return found


@pytest.fixture(scope="module")
def spanish(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("es")
    style = folder / "toc.yaml"
    style.write_text("extends: default\noptions:\n  toc: true\n", encoding="utf-8")
    out = folder / "es.pdf"
    briefpdf.render(SPANISH_SOURCE, out, style=str(style))
    return out


def leaves(value, path: str):
    """(path, text) for every string of a label value, through tuples and (nested) maps."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, tuple):
        for i, v in enumerate(value):
            yield from leaves(v, f"{path}[{i}]")
    elif hasattr(value, "items"):
        for k, v in value.items():
            yield from leaves(v, f"{path}.{k}")


def test_the_spanish_label_set_is_complete():
    """Every English word has a Spanish one at the same place, with the same placeholders, and (but
    for a few that are the same in both) a different one."""
    fields = lambda s: {x[1] for x in string.Formatter().parse(s) if x[1]}  # noqa: E731
    for f in dataclasses.fields(Labels):
        en = dict(leaves(getattr(ENGLISH, f.name), f.name))
        es = dict(leaves(getattr(SPANISH, f.name), f.name))
        assert set(en) == set(es), f.name
        for where, a in en.items():
            b = es[where]
            assert b.strip() and fields(b) == fields(a), where
            if f.name not in SAME and re.search(r"[A-Za-z]{3}", re.sub(r"\{\w+\}", "", a)) and a not in SHARED:
                assert a != b, f"{where} is not translated: {a!r}"
    assert len(SPANISH.months) == 12 and present.labels_for("es-MX") is SPANISH


def test_a_spanish_source_shows_no_english_fixed_label(spanish):
    text = re.sub(r"https?://\S+", " ", normalise(pdftotext(spanish)))  # addresses are the source's, not labels
    english = english_fixed_words()
    assert {"Not provided", "At a Glance", "Contents", "Coverage", "Page"} <= english  # the search is real
    assert [w for w in english if re.search(r"(?<![A-Za-z])" + re.escape(w) + r"(?![A-Za-z])", text)] == []
    for spanish_label in ("De un vistazo", "Índice", "No disponible", "Datos no disponibles", "Página 1 de",
                          "Cobertura y reembolso por pagador", "Cuándo usarlo", "Aviso legal", "Fuentes",
                          "Cubierto con criterios", "Requerida", "Autorización previa", "Borrador"):
        assert spanish_label in text, spanish_label


def test_numbers_and_dates_are_written_the_spanish_way(spanish):
    text = normalise(pdftotext(spanish))
    assert "1.412,50 $ USD" in text and "120,0 % de Medicare" in text  # grouped thousands, decimal comma
    assert "Fecha: 1 oct 2026" in text and "Vigencia: 15 ene 2026" in text
    assert "2026-10-01" not in text


def test_what_a_screen_reader_hears_is_spanish_too(spanish):
    report = check(spanish)
    assert report.problems == []
    reader = PdfReader(str(spanish))
    assert reader.trailer["/Root"]["/Lang"] == "es-ES"
    alts = [str(link.obj["/Alt"]) for link in report.find("Link") if "/Alt" in link.obj]
    assert alts and all(re.search(r", página \d+$", a) for a in alts)
    (figure,) = report.find("Figure")
    assert str(figure.obj["/Alt"]).startswith("Gráfico de barras de las referencias de reembolso")
    assert "BORRADOR" in report.artifact_kinds["Pagination/Watermark"]
    summaries = [str(t.obj["/A"]["/Summary"]) for t in report.find("Table")]
    assert "De un vistazo" in summaries and "Cobertura por pagador" in summaries


def test_a_mixed_packet_gives_each_part_its_language(tmp_path):
    out = tmp_path / "mixed.pdf"
    packet = bundle.bundle([IMRT, SPANISH_SOURCE], out)
    assert [w.code for w in packet.warnings if w.code == "BP112"] == []  # both languages have labels
    report = check(out)
    assert report.problems == []
    parts = [k for k in report.root.kids[0].kids if k.role == "Part"]
    assert [str(p.obj["/Lang"]) for p in parts] == ["en-US", "es-ES"]
    assert PdfReader(str(out)).trailer["/Root"]["/Lang"] == "en-US"  # the packet speaks its first briefing's
    pages = pdftotext(out).split("\f")
    first_spanish = packet.parts[1].first_page
    assert "Summary & Overview" in report.text(parts[0]) and "De un vistazo" in report.text(parts[1])
    assert f"Página {first_spanish} de {packet.pages}" in pages[first_spanish - 1]
    assert f"Page {first_spanish - 1} of {packet.pages}" in pages[first_spanish - 2]


def test_an_unknown_language_falls_back_to_english_with_a_warning(tmp_path):
    source = tmp_path / "fr.yaml"
    source.write_text(SPANISH_SOURCE.read_text(encoding="utf-8").replace("language: es-ES", "language: fr-FR"),
                      encoding="utf-8")
    out = tmp_path / "fr.pdf"
    result = run_cli("render", source, "-o", out)
    assert result.returncode == 0, result.stderr
    line = next(i for i, t in enumerate(source.read_text(encoding="utf-8").splitlines(), 1) if "language:" in t)
    assert re.match(rf"{re.escape(str(source))}:{line}:\d+: warning\[BP112\]: no labels for language 'fr-FR'", result.stderr)
    text = normalise(pdftotext(out))
    assert "At a Glance" in text and "Not provided" in text and "De un vistazo" not in text
    rendered = briefpdf.render(source, tmp_path / "again.pdf")
    assert [w.severity for w in rendered.warnings] == ["warning"]
    assert [w for w in briefpdf.render(SPANISH_SOURCE, tmp_path / "es.pdf").warnings if w.code == "BP112"] == []
