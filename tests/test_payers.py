"""Payer coverage matrix, benchmark chart, availability counts and source notes, read back."""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, SOURCES, cli, normalise, pdftotext

SAMPLE = FIXTURES / "sample_full.yaml"


@pytest.fixture(scope="module")
def final_pdf(tmp_path_factory):
    """The sample without its watermark, whose rotated letters would interleave with -layout rows."""
    folder = tmp_path_factory.mktemp("final")
    src = folder / "sample_final.yaml"
    src.write_text(SAMPLE.read_text(encoding="utf-8").replace("status: sample", "status: final"), encoding="utf-8")
    result = cli("render", src, "-o", folder / "final.pdf")
    assert result.returncode == 0, result.stderr
    return folder / "final.pdf"


def layout_lines(pdf) -> list[str]:
    return [" ".join(line.split()) for line in pdftotext(pdf, "-layout").splitlines()]


@pytest.mark.parametrize("row", [  # the benchmark is not repeated here: it is in the benchmark table
    r"Aetna Covered with Required Intensity-Modulated Radiation Therapy",
    r"Blue Cross Blue Covered Varies by plan Radiation Oncology Guidelines",
    r"Cigna Health\[3\] Not covered Not required Not provided",
    r"UnitedHealthcare Covered Not provided Not provided",
    r"Medicare Covered Not required Physician Fee Schedule",
    r"Regional Health Not provided Not provided Not provided",
])
def test_matrix_row_per_payer(final_pdf, row):
    assert any(re.fullmatch(row + ".*", line) for line in layout_lines(final_pdf)), row


def test_matrix_header_and_payer_with_nothing_provided(final_pdf):
    text = normalise(pdftotext(final_pdf, "-layout"))
    assert re.search(r"Payer Coverage Prior Medical policy authorization", text)
    assert "Plan With Every" in text and "Field Missing" in text


def test_chart_is_vector_text_comparing_like_with_like(sample_pdf):
    text = normalise(pdftotext(sample_pdf))
    # only the two fee-schedule, non-facility figures compare: the chart's title says which kind
    assert "Reimbursement benchmark by payer (USD, fee schedule, non-facility)" in text
    for label in ["UnitedHealthcare", "$455.25", "Medicare", "$365.80"]:
        assert label in text, label
    # a figure alone of its kind (basis, setting or unit) is not charted: said under the chart
    assert ("Not in the chart, having no figure of the same kind to compare with (see the table): "
            "Aetna, Blue Cross Blue Shield, Cigna Health.") in text
    assert "Benchmark: Not provided for Regional Health Plan With Every Field Missing." in text


def test_benchmark_numbers_are_also_in_the_table(final_pdf):
    lines = layout_lines(final_pdf)
    for row in [r"Aetna \$412\.50 USD\[2\] per plan non-facility 2026-01-01",  # cites the benchmark's source
                r"Cigna Health 120\.0% of Medicare % of Medicare Not provided Not provided",
                r"Medicare \$365\.80 USD\[4\] fee schedule non-facility 2026-01-01"]:
        assert any(re.fullmatch(row, line) for line in lines), row


def watermark_pages(pdf) -> list[bool]:
    """Per page: is the rotated watermark text there? (pypdf reads rotated text as a line of its own.)"""
    from pypdf import PdfReader

    return [any(line.strip() in ("SAMPLE DATA", "DRAFT") for line in page.extract_text().splitlines())
            for page in PdfReader(pdf).pages]


def test_sample_watermark_on_every_page(sample_pdf):
    marks = watermark_pages(sample_pdf)
    assert len(marks) >= 2 and all(marks)


def test_final_briefing_has_no_watermark(tmp_path):
    out = tmp_path / "final.pdf"
    assert cli("render", SOURCES / "77301.yaml", "-o", out).returncode == 0
    assert not any(watermark_pages(out))


def test_draft_watermark(tmp_path):
    src = tmp_path / "draft.yaml"
    src.write_text(SAMPLE.read_text(encoding="utf-8").replace("status: sample", "status: draft"), encoding="utf-8")
    out = tmp_path / "draft.pdf"
    assert cli("render", src, "-o", out).returncode == 0
    from pypdf import PdfReader

    assert all("DRAFT" in page.extract_text() for page in PdfReader(out).pages)


def test_availability_counts(sample_pdf, rendered_77301):
    text = normalise(pdftotext(sample_pdf))
    assert "Coverage policy: Not provided for 1 of 6 payers" in text
    assert "Prior authorization: Not provided for 2 of 6 payers" in text
    assert "Medical policy reference: Not provided for 3 of 6 payers" in text
    assert "Reimbursement benchmark: Not provided for 1 of 6 payers" in text
    seed = normalise(pdftotext(rendered_77301))
    for field in ["Coverage policy", "Prior authorization", "Medical policy reference", "Reimbursement benchmark"]:
        assert f"{field}: Not provided for 5 of 5 payers" in seed


def test_no_benchmark_at_all_gives_one_sentence(rendered_77301):
    text = normalise(pdftotext(rendered_77301))
    assert "Reimbursement benchmark: Not provided for any of the 5 payers; no chart is shown." in text


def test_numbered_source_notes_referenced_from_cells(sample_pdf):
    text = normalise(pdftotext(sample_pdf))
    notes = text[text.rindex("Sources"):]
    assert "[1] Aetna: Aetna IMRT policy bulletin (fictional). https://www.example.org/policies/imrt-0123. Accessed 2026-09-30." in notes
    assert "[2] Aetna: Aetna fee schedule extract (fictional). Accessed 2026-09-30." in notes
    assert "[3] Cigna Health: Cigna coverage summary (fictional). https://www.example.org/cigna." in notes
    assert "[4] Medicare: Medicare Physician Fee Schedule (fictional extract)." in notes
    matrix = text[text.index("Payer Coverage & Reimbursement"):text.index("Reimbursement benchmarks")]
    assert "criteria[1]" in matrix.replace(" ", "")  # coverage cell cites note 1
    assert matrix.count("[") >= 3  # the benchmarks' sources are cited in the benchmark table


def _fail_with(tmp_path, old, new):
    text = SAMPLE.read_text(encoding="utf-8")
    assert old in text
    src = tmp_path / "bad.yaml"
    src.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = cli("render", src, "-o", tmp_path / "bad.pdf")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line = next(i for i, text_line in enumerate(src.read_text(encoding="utf-8").splitlines(), 1) if new in text_line)
    return result.stderr, line, src.read_text(encoding="utf-8").splitlines()[line - 1]


def test_unknown_currency_points_at_its_line(tmp_path):
    err, line, text = _fail_with(tmp_path, "currency: USD, basis: per_plan, setting: facility",
                                 "currency: USX, basis: per_plan, setting: facility")
    col = text.index("USX") + 1
    assert f"bad.yaml:{line}:{col}: error: 'payers[1].benchmark.currency' has an unknown value 'USX'" in err
    assert "did you mean 'USD'?" in err


def test_unknown_basis_points_at_its_line(tmp_path):
    err, line, text = _fail_with(tmp_path, "basis: fee_schedule, setting: non_facility}",
                                 "basis: fee schedule, setting: non_facility}")
    assert f"bad.yaml:{line}:{text.index('fee schedule') + 1}: error: 'payers[3].benchmark.basis' must be one of" in err
    assert "did you mean 'fee_schedule'?" in err


def test_bad_date_points_at_its_line(tmp_path):
    err, line, text = _fail_with(tmp_path, "effective_date: 2026-01-15", "effective_date: 2026-13-45")
    assert f"bad.yaml:{line}:{text.index('2026-13-45') + 1}: error: 'payers[0].policy.effective_date' must be a date" in err


def test_negative_amount_is_refused(tmp_path):
    err, line, text = _fail_with(tmp_path, "amount: 412.5,", "amount: -412.5,")
    assert f"bad.yaml:{line}:{text.index('-412.5') + 1}: error: 'payers[0].benchmark.amount' must be at least 0" in err


def test_availability_counts_every_missing_field_in_the_same_words(tmp_path):
    text = (SOURCES / "77301.yaml").read_text(encoding="utf-8")
    text = text.replace("  scope: National", "  scope: null").replace('  version: "1.0"', "  version: null")
    text = text.replace("  service_type: Radiation therapy — intensity modulated radiotherapy (IMRT) delivery",
                        "  service_type: null")
    text = re.sub(r"(- modifier: TC\n\s+description: Technical component\n\s+when_to_use:)(.|\n)*?(?=\n\n)",
                  r"\1 null", text)
    src = tmp_path / "sparse.yaml"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "sparse.pdf"
    result = cli("render", src, "-o", out)
    assert result.returncode == 0, result.stderr
    page1 = normalise(pdftotext(out, "-l", "1"))
    panel = page1[page1.index("Data not provided"):]
    for line in ["Scope: Not provided", "Version: Not provided", "Author: Not provided", "Organization: Not provided",
                 "Service type: Not provided", "Modifier guidance (when to use): Not provided for 1 of 2 modifiers",
                 "Coverage policy: Not provided for 5 of 5 payers"]:
        assert line in panel, line
    assert "CPT CODE BRIEFING" in page1 and "SCOPE NOT PROVIDED" not in page1
    # always "Not provided"; lower case only in the panel's label and the seed's own sentence about it
    rest = normalise(pdftotext(out)).replace("Data not provided", "").replace("information is not provided", "")
    assert "not provided" not in rest


def test_chart_labels_stay_inside_the_page_with_long_names_and_amounts(tmp_path):
    import subprocess

    from conftest import tool

    text = SAMPLE.read_text(encoding="utf-8").replace("status: sample", "status: final")
    text = text.replace("  - name: UnitedHealthcare\n", "  - name: UnitedHealthcare Community Plan of the Greater Metropolitan Area\n")
    text = text.replace("amount: 455.25, currency: USD", "amount: 999999999.5, currency: USD")
    src = tmp_path / "wide.yaml"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "wide.pdf"
    assert cli("render", src, "-o", out).returncode == 0
    html = subprocess.run([tool("pdftotext"), "-bbox", str(out), "-"], capture_output=True, text=True, check=True).stdout
    right_edge = 612 - 72  # the default style's right margin
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', html)
    assert words
    overflow = [(w, float(x1)) for x0, x1, w in words if float(x1) > right_edge + 0.5]
    assert not overflow, overflow
    flat = normalise(pdftotext(out))
    assert "$999,999,999.50" in flat and "…" not in flat  # the chart's label, whole
    assert "UnitedHealthcare Community Plan of the Greater Metropolitan Area" in flat  # whole in the table
