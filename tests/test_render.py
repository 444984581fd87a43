"""The 77301 briefing end to end, read back as a reader would see it."""

from __future__ import annotations

import re
import subprocess

from conftest import SOURCES, cli, normalise, page_texts, pdffonts, pdfinfo, pdftotext, run_cli, tool


def seed_sentences(seed: str) -> list[str]:
    """Every sentence of the seed; table rows by cell, "Label: value" lines by value."""
    out = []
    for line in seed.splitlines():
        line = line.strip()
        if not line or set(line) <= set("|-"):
            continue
        if line.startswith("|") or line.count("|") >= 2:
            out += [c.strip() for c in line.strip("|").split("|") if c.strip()]
            continue
        label, sep, value = line.partition(": ")
        if sep and len(label.split()) <= 4 and not label.startswith("CPT"):
            out += [label, value]
            continue
        out += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", line) if s]
    return out


RELABELLED = {"Typical site of service": "Sites of service"}


def test_every_seed_sentence_is_on_the_page(rendered_77301, seed_text):
    text = normalise(pdftotext(rendered_77301))
    # each fact once: the site is At a Glance's, under its label there (no second key-facts table)
    sentences = [RELABELLED.get(s, s) for s in seed_sentences(seed_text)]
    assert len(sentences) > 25
    missing = [s for s in sentences if normalise(s) not in text]
    assert not missing, missing


def test_page_count_and_page_numbers(rendered_77301):
    pages = page_texts(rendered_77301)
    info = pdfinfo(rendered_77301)
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert count == len(pages) >= 2
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {count}" in page
        assert "CPT 77301" in page


def test_running_header_from_page_two(rendered_77301):
    """The header line at the top of every page but the first: code and the source's short_title."""
    pages = page_texts(rendered_77301)
    header = "CPT 77301 · IMRT Delivery"
    assert len(pages) >= 2
    assert all(p.strip().splitlines()[0] == header for p in pages[1:])  # the whole first line of every later page
    assert normalise(pages[0]).startswith("CPT CODE BRIEFING · NATIONAL CPT 77301: Intensity Modulated Radiotherapy")
    # page 1 has no header line anywhere, not only none at its top (its footer starts the same way)
    assert header not in [line.strip() for line in pages[0].splitlines()]


def test_sections_in_the_seed_order(rendered_77301):
    text = normalise(pdftotext(rendered_77301))
    headings = ["Summary & Overview", "Billing Code Overview", "Clinical & Coding Specifications",
                "Clinical Context", "Coding Specifications", "Payer Coverage & Reimbursement", "Disclaimer"]
    at = 0
    for h in headings:  # each heading appears after the one before it
        found = text.find(h, at)
        assert found >= 0, f"{h!r} missing or out of order"
        at = found + len(h)


def test_missing_data_says_not_provided(rendered_77301):
    text = normalise(pdftotext(rendered_77301, "-layout"))
    for payer in ["Aetna", "Blue Cross Blue Shield", "Cigna Health", "UnitedHealthcare", "Medicare"]:
        assert payer in text
    # 5 payers x 4 unknown fields in the matrix, plus author and organisation in the title block
    assert text.count("Not provided") >= 22


def test_modifier_table_has_26_and_tc(rendered_77301):
    text = normalise(pdftotext(rendered_77301, "-layout"))
    assert re.search(r"Modifier\s+Description\s+When to Use", text)
    assert re.search(r"\b26\s+Professional component", text)
    assert re.search(r"\bTC\s+Technical component", text)


def test_disclaimer_names_the_ama_and_is_not_advice(rendered_77301):
    text = normalise(pdftotext(rendered_77301))
    assert "CPT is a registered trademark of the American Medical Association" in text
    assert "not legal, medical, or coding advice" in text


def test_qpdf_check_passes(rendered_77301):
    result = subprocess.run([tool("qpdf"), "--check", str(rendered_77301)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_font_is_embedded_and_subset(rendered_77301):
    fonts = pdffonts(rendered_77301)
    assert fonts, "no fonts listed"
    assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts), fonts
    assert any("AtkinsonHyperlegible" in f["name"] for f in fonts)
    assert not any("Helvetica" in f["name"] for f in fonts)


def test_cli_prints_path_and_page_count(tmp_path):
    out = tmp_path / "x.pdf"
    result = run_cli("render", SOURCES / "77301.yaml", "-o", out, "--style", "default")
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout and re.search(r"\d+ pages?", result.stdout)
    assert out.read_bytes().startswith(b"%PDF-")


def test_default_output_goes_to_out_folder(tmp_path):
    src = tmp_path / "77301.yaml"
    src.write_text((SOURCES / "77301.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("render", "77301.yaml", cwd=tmp_path)  # no styles/ folder here: packaged default
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "77301.pdf").is_file()


def test_bad_source_exits_1_with_position(tmp_path):
    bad = tmp_path / "bad.yaml"
    text = (SOURCES / "77301.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("  scope: National", "  scope: National\n  scoep: oops")
                   .replace('  version: "1.0"', "  version: [1, 2]"), encoding="utf-8")
    result = cli("render", bad, "-o", tmp_path / "bad.pdf")
    assert result.returncode == 1
    lines = text.splitlines()
    scope_line = next(i for i, text_line in enumerate(lines, 1) if text_line.startswith("  scope:")) + 1
    assert f"bad.yaml:{scope_line}:3: error: unknown key 'scoep'" in result.stderr
    assert "did you mean 'scope'?" in result.stderr
    assert re.search(r"bad\.yaml:\d+:12: error: 'document\.version' must be text, found a list", result.stderr)
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "bad.pdf").exists()


def test_command_line_mistake_exits_2():
    result = cli("render")
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_project_styles_folder_takes_precedence(tmp_path):
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "default.yaml").write_text(
        "extends: a4\nname: house\n", encoding="utf-8")  # a project's own "default" on A4 paper
    src = tmp_path / "77301.yaml"
    src.write_text((SOURCES / "77301.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("render", "77301.yaml", cwd=tmp_path)  # a process: its style cache starts empty
    assert result.returncode == 0, result.stderr
    assert re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", pdfinfo(tmp_path / "out" / "77301.pdf"))
