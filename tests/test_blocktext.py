"""Block text, the pure parser: paragraphs, bulleted and numbered lists, one level of nesting and more."""

from __future__ import annotations

from briefpdf.blocktext import Item, ListBlock, Paragraph, is_plain, paragraphs, parse


def test_one_line_is_one_plain_paragraph():
    assert is_plain("Delivery of IMRT, billed once per session.")
    assert parse("Delivery of IMRT.") == [Paragraph("Delivery of IMRT.")]


def test_blank_line_separates_paragraphs_and_a_single_break_is_a_soft_wrap():
    assert parse("First line\ncontinues here.\n\nSecond paragraph.") == [
        Paragraph("First line continues here."), Paragraph("Second paragraph.")]


def test_dash_and_star_lines_are_a_bulleted_list_after_a_lead_line():
    blocks = parse("Check these:\n- plan on file\n* units within the MUE")
    assert blocks == [Paragraph("Check these:"),
                      ListBlock(False, [Item("plan on file"), Item("units within the MUE")])]


def test_numbered_list_starts_at_its_first_number():
    (lst,) = parse("3. third\n4. fourth")
    assert lst.numbered and lst.start == 3 and [i.text for i in lst.items] == ["third", "fourth"]


def test_indented_items_nest_under_the_item_above():
    (lst,) = parse("1. split\n2. edits:\n   - 77385 with 77014\n   - 77385 with 77387\n3. units")
    assert [i.text for i in lst.items] == ["split", "edits:", "units"]
    (nested,) = lst.items[1].children
    assert not nested.numbered and [i.text for i in nested.items] == ["77385 with 77014", "77385 with 77387"]


def test_two_levels_of_nesting():
    (lst,) = parse("- a\n  - b\n    - c\n- d")
    assert lst.items[0].children[0].items[0].children[0].items == [Item("c")]
    assert lst.items[1] == Item("d")


def test_continuation_line_joins_its_item_and_a_paragraph_after_a_blank_ends_the_list():
    blocks = parse("- a long item\n  that wraps\n- next\n\nAfter the list.")
    assert blocks == [ListBlock(False, [Item("a long item that wraps"), Item("next")]), Paragraph("After the list.")]


def test_a_change_of_marker_starts_a_new_list():
    blocks = parse("- bullet\n1. number")
    assert [type(b) for b in blocks] == [ListBlock, ListBlock]
    assert [b.numbered for b in blocks] == [False, True]


def test_inline_markup_is_left_for_markup_and_emphasis_is_not_a_bullet():
    assert parse("*Italic* start, **bold** and [^ncci].") == [Paragraph("*Italic* start, **bold** and [^ncci].")]
    assert parse("- **XS** only [with a link](https://example.org)")[0].items[0].text == \
        "**XS** only [with a link](https://example.org)"


def test_a_list_of_texts_stays_a_list_of_paragraphs():
    assert paragraphs(["one", "two"]) == ["one", "two"]
    assert paragraphs("one") == ["one"]
    assert paragraphs(None) == []
