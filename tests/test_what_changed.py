"""Issue #14: what changed since the previous version, computed, on page 1 and on the terminal.

Read back with pdftotext, poppler's structure dump and pypdf (tests/pdfcheck.py).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pdfcheck import check

from conftest import FIXTURES, normalise, page_texts, pdftotext, run_cli, tool

OLD = FIXTURES / "versions" / "77301-v1.0.yaml"
NEW = FIXTURES / "versions" / "77301-v1.1.yaml"  # names OLD with `previous:`
EXPECTED = ["Version: 1.0 \u2192 1.1", "Modifier XS added",
            "Aetna coverage: Not covered \u2192 Covered with criteria", "Aetna coverage criteria added",
            "Medicare benchmark: $541.32 USD \u2192 $556.10 USD (+2.7%)", "Section \u201cCoding tips\u201d added"]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def new_without_previous(tmp_path) -> Path:
    """The newer version as a source that does not name its previous version."""
    text = NEW.read_text(encoding="utf-8").replace("previous: 77301-v1.0.yaml\n", "")
    path = tmp_path / "77301.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_render_with_previous_shows_what_changed_on_page_one_and_diff_prints_the_same(new_without_previous, tmp_path):
    out = tmp_path / "new.pdf"
    result = run_cli("render", new_without_previous, "--previous", OLD, "-o", out)
    assert result.returncode == 0, result.stderr
    first = page_texts(out)[0]
    assert "What changed" in first and "Since version 1.0 of" in first and "2026-06-01" in first
    for line in EXPECTED:
        assert squash(line) in squash(first), line
    assert "Aetna" in first and "541.32" in first and "556.10" in first
    assert "Aetna published its new radiation therapy policy" in normalise(first)  # recorded in the source
    assert first.index("At a Glance") < first.index("What changed") < first.index("Summary & Overview")

    diff = run_cli("diff", OLD, new_without_previous)
    assert diff.returncode == 0, diff.stderr
    printed = [line[4:] for line in diff.stdout.splitlines() if line.startswith("  - ")]
    assert printed == EXPECTED
    assert diff.stdout.splitlines()[0].startswith("What changed, CPT 77301: Since version 1.0 of 2026-06-01")
    assert "  2026-11-20: Aetna published its new radiation therapy policy" in diff.stdout


def test_the_box_is_tagged_as_a_section_with_a_table(tmp_path):
    out = tmp_path / "new.pdf"
    assert run_cli("render", NEW, "-o", out).returncode == 0  # `previous:` in the source, relative to it
    report = check(out)
    assert report.problems == [], report.problems[:10]
    struct = subprocess.run([tool("pdfinfo"), "-struct-text", str(out)], capture_output=True, text=True,
                            check=True).stdout
    heads = re.findall(r"H(\d) \(block\)\n\s+\"([^\"]*)\"", struct)
    titles = [(level, squash(t)) for level, t in heads]
    at = titles.index(("2", "AtaGlance"))
    assert titles[at + 1] == ("2", "Whatchanged")
    box = struct[struct.index('"What changed"'):struct.index('"Summary & Overview"')]
    assert re.search(r"Table \(block\):\s+/Summary \(What changed: since the previous version, and as recorded\)\s+"
                     r"TBody\s+TR\s+TH:\s+/Scope /Row\s+P \(block\)\s+\"Since version 1.0 of\s*2026-06-01\"\s+TD\s+L \(block\)",
                     box), box[:600]
    items = re.findall(r"LBody \(block\)\s+\"([^\"]+)\"", box)
    assert items == EXPECTED
    assert re.search(r"TR\s+TH:\s+/Scope /Row\s+P \(block\)\s+\"2026-11-20\"\s+TD", box)


def test_a_render_without_a_previous_version_or_changes_has_no_box(tmp_path):
    out = tmp_path / "old.pdf"
    assert run_cli("render", OLD, "-o", out).returncode == 0
    assert "What changed" not in pdftotext(out)


def test_changes_recorded_in_the_source_alone(tmp_path):
    text = NEW.read_text(encoding="utf-8").replace("previous: 77301-v1.0.yaml\n", "")
    src = tmp_path / "77301.yaml"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "x.pdf"
    assert run_cli("render", src, "-o", out).returncode == 0
    first = normalise(page_texts(out)[0])
    assert "What changed" in first and "2026-11-20" in first
    assert first.index("What changed") < first.index("Aetna published its new radiation therapy policy")
    assert "Since version" not in first


def test_a_packet_puts_each_briefings_box_in_its_part(tmp_path):
    out = tmp_path / "packet.pdf"
    result = run_cli("bundle", OLD, NEW, "-o", out)
    assert result.returncode == 0, result.stderr
    pages = page_texts(out)
    assert "Contents" in pages[0]  # the front page's contents names the box's section; the box is after it
    with_box = [i for i, text in enumerate(pages) if i and "What changed" in text]
    assert len(with_box) == 1
    first_of_new = next(i for i, text in enumerate(pages) if "Version: 1.1" in text)
    assert with_box == [first_of_new] and "$541.32 USD" in pages[first_of_new]


def test_a_previous_version_that_is_missing_or_broken_is_an_error_with_a_place(tmp_path):
    text = NEW.read_text(encoding="utf-8").replace("previous: 77301-v1.0.yaml", "previous: gone.yaml")
    src = tmp_path / "77301.yaml"
    src.write_text(text, encoding="utf-8")
    line = text.splitlines().index("previous: gone.yaml") + 1
    result = run_cli("render", src, "-o", tmp_path / "x.pdf")
    assert result.returncode == 1 and not (tmp_path / "x.pdf").exists()
    assert f"{src}:{line}:11: error: previous version 'gone.yaml': {tmp_path / 'gone.yaml'} is not a file" \
        in result.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text(OLD.read_text(encoding="utf-8").replace("coverage: not_covered", "coverage: maybe"),
                      encoding="utf-8")
    diff = run_cli("diff", broken, NEW)
    assert diff.returncode == 1 and f"{broken}:" in diff.stderr and "'payers[0].coverage'" in diff.stderr
    many = run_cli("render", OLD, NEW, "--previous", OLD, "--out-dir", tmp_path / "b")
    assert many.returncode == 2 and "--previous takes one source" in many.stderr


def test_a_batch_renders_again_when_the_previous_version_changes(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "sources").mkdir()
    old = tmp_path / "old" / "77301.yaml"
    old.write_bytes(OLD.read_bytes())
    new = tmp_path / "sources" / "77301.yaml"
    new.write_text(NEW.read_text(encoding="utf-8").replace("previous: 77301-v1.0.yaml", "previous: ../old/77301.yaml"),
                   encoding="utf-8")
    out = tmp_path / "out"
    assert "rendered 1" in run_cli("render", tmp_path / "sources", "--out-dir", out).stderr
    assert "up to date 1" in run_cli("render", tmp_path / "sources", "--out-dir", out).stderr
    old.write_text(OLD.read_text(encoding="utf-8").replace("541.32", "550.00"), encoding="utf-8")
    again = run_cli("render", tmp_path / "sources", "--out-dir", out)
    assert "rendered 1 · up to date 0" in again.stderr
    assert "$550.00 USD" in page_texts(out / "77301.pdf")[0]
