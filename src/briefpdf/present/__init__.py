"""The words on the page: a Briefing and a label set -> labels, money, dates, counts, note numbers.

Pure (no ReportLab, no files), so layout only places these words, and the benchmark's Typst and
HTML documents (or any later output) print the same ones. Every fixed word lives in one `Labels`
table (labels.py English, spanish.py Spanish; languages.py picks one); the functions are split by concern: text.py (numbers, money, benchmark and
chart words, title block, running lines), gaps.py (what the page expects and what is missing),
notes.py (source numbering).

Functions that build a line mixing fixed words with user text take `esc` (how the caller makes
user text safe: paragraph markup, Typst, HTML) and `missing` (how the caller shows "Not provided",
e.g. in italics); both default to plain text.
"""

from __future__ import annotations

from .gaps import (
    BENCHMARK_COLUMNS,
    PAYER_FIELDS,
    RULE_PARTS,
    Gap,
    availability,
    benchmark_columns,
    gap_text,
    missing_text,
    needs_criteria,
    needs_granted_by,
    policies,
    shows_do_not_use,
    shows_line_of_business,
    shows_policy,
)
from .labels import ENGLISH, Labels
from .languages import TABLES, has_labels, labels_for, labels_of
from .notes import Note, SourceNotes, citation, note_text, number_sources
from .spanish import SPANISH
from .text import (
    SEP,
    SYMBOLS,
    bar_detail,
    bar_value,
    benchmark_kind,
    benchmark_text,
    chart_alt,
    chart_kind_title,
    chart_title,
    chart_unit,
    contents_entry,
    date_text,
    document_subject,
    document_title,
    enum_word,
    eyebrow_text,
    footer_text,
    glance_facts,
    header_text,
    illustrative_mark,
    left_out_text,
    logo_alt,
    money,
    money_parts,
    number,
    packet_count,
    packet_footer_text,
    packet_subject,
    page_text,
    quantity,
    section_heading,
    title_facts,
    value_word,
    watermark_word,
)

__all__ = [
    "BENCHMARK_COLUMNS", "ENGLISH", "PAYER_FIELDS", "RULE_PARTS", "SEP", "SYMBOLS", "TABLES", "Gap", "Labels",
    "Note", "SourceNotes", "availability", "bar_detail", "benchmark_columns", "benchmark_kind", "benchmark_text",
    "bar_value", "chart_alt", "chart_kind_title", "chart_title", "chart_unit", "citation", "contents_entry",
    "date_text", "document_subject", "has_labels", "SPANISH",
    "document_title", "enum_word", "eyebrow_text", "footer_text", "gap_text", "glance_facts", "header_text",
    "illustrative_mark", "labels_for", "labels_of", "left_out_text", "logo_alt", "missing_text", "money", "money_parts",
    "needs_criteria", "needs_granted_by", "note_text", "number", "number_sources", "packet_count",
    "packet_footer_text", "packet_subject", "page_text", "policies", "quantity", "section_heading",
    "shows_do_not_use", "shows_line_of_business", "shows_policy", "title_facts", "value_word", "watermark_word",
]
