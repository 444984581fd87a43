"""Issue #12: a source that uses every part of the format renders each part, read back as a reader
(pdftotext), a screen reader (the structure tree, via pdfinfo -struct-text and pypdf) and an
editor (the JSON Schema) would see it. Today's sources and fixtures still render.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import pytest
import yaml
from pdfcheck import check
from pypdf import PdfReader

import briefpdf
from briefpdf import present
from conftest import FIXTURES, SOURCES, cli, normalise, pdftotext, tool

FULL = FIXTURES / "coding_full.yaml"


@pytest.fixture(scope="module")
def full_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("full") / "coding_full.pdf"
    result = cli("render", FULL, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def text(full_pdf) -> str:
    return normalise(pdftotext(full_pdf))


@dataclass
class Node:
    """One element of `pdfinfo -struct-text`: its role, attributes, text and children."""

    role: str
    attrs: list = field(default_factory=list)
    text: str = ""
    kids: list = field(default_factory=list)

    def walk(self):
        yield self
        for k in self.kids:
            yield from k.walk()

    def all_text(self) -> str:
        return self.text + "".join(k.all_text() for k in self.kids)


def struct_tree(pdf: Path) -> Node:
    """The structure tree as poppler prints it (two spaces of indent per level)."""
    out = subprocess.run([tool("pdfinfo"), "-struct-text", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    root, stack = Node("Root"), []
    for line in out.splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        body = line.strip()
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parent = stack[-1][1] if stack else root
        if body.startswith('"'):
            parent.text += body.strip('"')
        elif body.startswith("/"):
            parent.attrs.append(body)
        elif body and not body.startswith("Object "):
            node = Node(body.split()[0].rstrip(":"))
            parent.kids.append(node)
            stack.append((depth, node))
    return root


# ----------------------------------------------------------------------------- each part shows

@pytest.mark.parametrize("shown", [
    # coding rules, each its own table or list, in page order
    "Procedure-to-procedure (PTP) edits Column 1 Column 2 Modifier indicator Effective Deleted Note",
    "77385 77014 1 · Modifier allowed when the record supports a distinct service 2026-01-01 In effect",
    "77385 77387 0 · Never together: no modifier bypasses the edit Not provided In effect",
    "77385 77401 9 · Edit does not apply 2015-01-01 2025-12-31",
    "Medically unlikely edits (units per day)", "2 Per day (policy) Practitioner 2026-01-01",
    "Frequency limits Code Limit Applied by 77385 1 per day Example Health Plan",
    "Place of service Code Name", "22 On campus-outpatient hospital 11 Office", "Freestanding centres bill here.",
    "Revenue codes Code Description 0333 Radiation therapy",
    "Documentation requirements The record must show: • The signed treatment plan with its approval date",
    "Coding tips • Report one unit per session. • Check the modifier indicator before appending XS.",
    "Common denial reasons • Sessions billed without a plan on file",
    "77386 CPT Alternative: billed instead IMRT delivery, complex",
    "G6015 HCPCS Companion: billed with this code", "77418 CPT Replaced by this code Not provided",
    "Code history Date Change 2015-01-01 Added, replacing 77418 for simple plans.",
    # modifiers: "do not use when" is its own column
    "Modifier Description When to Use Do Not Use When", "The hospital bills the global service.",
    # payers: line of business, who grants prior authorization, policy number, issuer, date and link
    "Commercial", "Granted by: Example Benefit Manager", "Number: RT-0042", "Issued by: Example Benefit Manager",
    "Effective: 2026-02-01", "Number: Not provided", "Link: Not provided", "Line of business: Not provided",
    "Coverage criteria and notes Payer Coverage criteria Notes Example Health Plan Covered when both apply:",
    # benchmarks: geography, period, a figure marked illustrative and the legend that says why
    "Amount (USD) Basis Setting Geography Period Effective", "Locality 99", "CY 2026", "$380.50 †",
    "† Illustrative: an estimate or example, not a published or contracted figure.",
    "Not in the chart, having no figure of the same kind to compare with (see the table): Example Health Plan.",
    # one numbering for the briefing's references and the payers' sources
    "Sources [1] NCCI policy manual, chapter on radiation oncology (fictional extract). "
    "https://www.example.org/ncci. Accessed 2026-11-01.",
    "[2] Example guide to benefit managers (fictional). Accessed: Not provided.",
    "[3] Example Health Plan: Example Health Plan radiation therapy policy (fictional).",
    "[4] Example Medicaid Plan: Example Medicaid fee schedule (fictional). Accessed: Not provided.",
])
def test_each_part_shows(text, shown):
    assert shown in text


def test_block_text_lists_read_as_lists(text):
    assert ("Before a claim is released, check three things: 1. the technical and professional split is right "
            "for the setting; 2. the PTP edits below are respected, in particular: – 77385 with 77014") in text
    assert "All figures are fictional.[1] 1. Re-check the edits every quarter. 2. Re-check the payers" in text
    # a list given for a text field, and a text given for a list field: both accepted
    assert "Questions for the payer meeting Does the benefit manager accept XS? Is the CY 2026 rate final?" in text


def test_citations_are_numbered_like_the_sources(text):
    assert "billed once per treatment session.[1]" in text
    assert "Payers differ mostly in prior authorization.[2]" in text
    assert "moved prior authorization to its benefit manager.[3]" in text


def test_extra_sections_sit_where_after_puts_them(text):
    order = ["Summary & Overview", "What changed since version 1.0", "Questions for the payer meeting",
             "Billing Code Overview", "Notes All figures", "Contacts Coding team", "Sources [1]", "Disclaimer"]
    at = [text.find(h) for h in order]
    assert -1 not in at and at == sorted(at), dict(zip(order, at, strict=True))


def test_at_a_glance_counts_what_the_page_leaves_out(text):
    glance = text[text.index("At a Glance"):text.index("Summary & Overview")]
    for line in ["Modifier guidance (do not use when): Not provided for 1 of 3 modifiers",
                 "PTP edit effective date: Not provided for 1 of 3 edits",
                 "Line of business: Not provided for 1 of 3 payers",
                 "Prior authorization granted by: Not provided for 1 of 2 payers",
                 "Medical policy link: Not provided for 1 of 2 policies",
                 "Medical policy effective date: Not provided for 1 of 2 policies",
                 "Benchmark geography: Not provided for 1 of 3 benchmarks",
                 "Source accessed date: Not provided for 2 of 4 sources"]:
        assert line in glance, line
    # every "Not provided" on the page is one the panel counts: none in the panel itself is uncounted
    assert "Coding rules: Not provided" not in glance


def test_a_source_without_the_new_parts_says_only_that_its_coding_rules_are_not_provided(rendered_77301):
    text = normalise(pdftotext(rendered_77301))
    glance = text[text.index("At a Glance"):text.index("Summary & Overview")]
    assert "Coding rules: Not provided" in glance
    assert "Coding rules (edits, limits, documentation, related codes): Not provided." in text
    for unused in ("Line of business", "Do Not Use When", "Geography", "Coverage criteria", "Granted by"):
        assert unused not in text  # a column no payer or modifier uses is not added as a wall of gaps


# ----------------------------------------------------------------------------- structure for a screen reader

def test_structure_is_sound(full_pdf):
    report = check(full_pdf)
    assert report.problems == [], "\n".join(report.problems[:20])
    for lst in report.find("L"):
        for li in lst.kids:
            assert li.role == "LI" and [k.role for k in li.kids] == ["Lbl", "LBody"]


def test_a_block_text_list_is_L_with_LI_and_a_nested_list_inside_its_item(full_pdf):
    tree = struct_tree(full_pdf)
    lists = [n for n in tree.walk() if n.role == "L" and "check three things" not in n.all_text()
             and "the units do not exceed the MUE." in n.all_text()]
    assert lists, "the summary's numbered list is not an L"
    (numbered,) = [n for n in lists if "/ListNumbering /Decimal" in n.attrs]
    assert [k.role for k in numbered.kids] == ["LI", "LI", "LI"]
    assert [k.all_text() for k in numbered.kids[0].kids] == ["1.", "the technical and professional split is right "
                                                                   "for the setting;"]
    body = numbered.kids[1].kids[1]
    assert body.role == "LBody" and [k.role for k in body.kids] == ["P", "L"]
    assert [li.kids[1].all_text() for li in body.kids[1].kids] == ["77385 with 77014 (image guidance) in a facility",
                                                                   "77385 with 77387 on the same day"]


def test_ptp_edits_are_a_table_with_header_cells(full_pdf):
    tree = struct_tree(full_pdf)
    (table,) = [n for n in tree.walk() if n.role == "Table" and "/Summary (Procedure-to-procedure (PTP) edits for "
                "CPT 77385)" in n.attrs]
    head, body = table.kids
    assert (head.role, body.role) == ("THead", "TBody")
    (header,), rows = head.kids, body.kids
    assert [c.role for c in header.kids] == ["TH"] * 6
    assert [c.all_text() for c in header.kids] == ["Column 1", "Column 2", "Modifier indicator", "Effective",
                                                   "Deleted", "Note"]
    assert len(rows) == 3 and all({c.role for c in r.kids} == {"TD"} for r in rows)
    assert rows[2].kids[2].all_text() == "9 · Edit does not apply"


def test_extra_sections_are_headings_in_the_outline(full_pdf):
    tree = struct_tree(full_pdf)
    h2 = [n.all_text() for n in tree.walk() if n.role == "H2"]
    assert h2.index("What changed since version 1.0") == h2.index("Summary & Overview") + 1
    outline = [o.title for o in PdfReader(str(full_pdf)).outline if not isinstance(o, list)]
    outline += [o.title for group in PdfReader(str(full_pdf)).outline if isinstance(group, list) for o in group
                if not isinstance(o, list)]
    assert {"What changed since version 1.0", "Questions for the payer meeting", "Contacts"} <= set(outline)


def test_a_citation_links_to_its_note(full_pdf):
    reader = PdfReader(str(full_pdf))
    sources_page = next(i for i, p in enumerate(reader.pages) if "Sources" in p.extract_text()
                        and "[1] NCCI policy manual" in p.extract_text())
    first = reader.pages[0]
    dests = [a.get_object()["/Dest"] for a in first.get("/Annots", []) if "/Dest" in a.get_object()]
    assert dests, "no internal link on page 1"
    assert all(d[0].idnum == reader.pages[sources_page].indirect_reference.idnum for d in dests)


# ----------------------------------------------------------------------------- editors and old sources

def test_the_json_schema_accepts_the_full_fixture():
    from test_schema import load  # YAML 1.2 reading, as editors do

    schema = json.loads((SOURCES.parent / "schema" / "briefing.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(load(FULL))] == []
    after = schema["$defs"]["ExtraSection"]["properties"]["after"]["description"]
    assert all(name in after for name in ("summary", "clinical_and_coding", "payers", "sources"))


OLD = sorted([*SOURCES.glob("*.yaml"), *FIXTURES.glob("*.yaml")])


@pytest.mark.parametrize("source", [p for p in OLD if p != FULL], ids=lambda p: p.name)
def test_todays_sources_and_fixtures_still_render(source, tmp_path):
    out = tmp_path / "out.pdf"
    briefpdf.render(source, out)
    document = yaml.safe_load(source.read_text(encoding="utf-8"))["document"]
    disclaimer = present.labels_for(document.get("language", "en-US")).headings["disclaimer"]
    text = normalise(pdftotext(out))
    assert f"CPT {document['code']}" in text and disclaimer in text
    assert not re.search(r"\[\^|\x02|\x03", text)  # no unresolved citation or token leaks
