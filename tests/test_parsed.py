"""Marked-up paragraphs are parsed once per (text, style): each paragraph still gets fragments
of its own, a text parses to what ReportLab's parser makes, and the memo stays small."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from briefpdf.layout import parsed
from briefpdf.layout.typography import Para
from briefpdf.markup import bind

MARKED = '<i><font color="#333333">Not provided</font></i> and <b>bold</b> &amp; <a href="https://example.org">a link</a>'


def described(p: Paragraph) -> list[dict]:
    return [{k: v for k, v in vars(f).items() if not k.startswith("_")} for f in p.frags]


def test_a_memoised_parse_equals_reportlab_s_own():
    style = ParagraphStyle("t-memo-1")
    first, second = Para(MARKED, style), Para(MARKED, style)
    reference = Paragraph(bind(MARKED), ParagraphStyle("t-memo-1"))  # (Para ties "Not provided" first)
    assert described(first) == described(second) == described(reference)
    assert first.text == reference.text


def test_each_paragraph_gets_fragments_of_its_own():
    style = ParagraphStyle("t-memo-2")
    first, second = Para(MARKED, style), Para(MARKED, style)
    assert not {id(f) for f in first.frags} & {id(f) for f in second.frags}
    first.frags[0].text = "changed"
    assert Para(MARKED, style).frags[0].text == second.frags[0].text != "changed"


def test_another_style_parses_anew():
    small, large = ParagraphStyle("t-s", fontSize=8), ParagraphStyle("t-l", fontSize=14)
    assert {f.fontSize for f in Para(MARKED, small).frags} == {8}
    assert {f.fontSize for f in Para(MARKED, large).frags} == {14}


def test_the_memo_stays_small():
    style = ParagraphStyle("t-memo-3")
    for i in range(parsed.KEPT + 50):
        Para(f"<b>{i}</b>", style)
    assert len(vars(style)["_briefpdf_parsed"]) <= parsed.KEPT


def test_markup_reportlab_refuses_is_refused_the_same_way():
    style = ParagraphStyle("t-memo-4")
    with pytest.raises(ValueError, match="expected </b>"):
        Para("<b>x", style)
    with pytest.raises(ValueError, match="expected </b>"):
        Para("<b>x", style)  # a failure is not remembered as a success
