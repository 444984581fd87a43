"""Paragraph markup parsed once per (text, style), as ReportLab's parser would parse it.

A briefing sets the same few marked-up strings again and again ("Not provided" in italics is
twenty of a document's thirty-odd parses), and a batch sets them again in every document;
ReportLab's parser is an HTML parser written in Python. Each paragraph gets its own shallow
copies of the fragments, so nothing one paragraph does to its fragments (line breaking marks
them) reaches another, exactly as if each had been parsed anew.
"""

from __future__ import annotations

from reportlab.platypus.paragraph import textTransformFrags
from reportlab.platypus.paraparser import ParaParser

KEPT = 512  # parsed strings a style keeps; past that the memo starts again (memory stays flat)
_SLOT = "_briefpdf_parsed"  # kept on the style itself: the memo lives and dies with it


def parse(text: str, style, cleaner, case_sensitive: int):
    """(cleaned text, style, fragments, bullet fragments) as Paragraph._setup makes them, or
    None when the parser fails (the caller lets ReportLab raise its own error)."""
    memo = style.__dict__.get(_SLOT)
    if memo is None:
        memo = style.__dict__[_SLOT] = {}
    key = (text, case_sensitive)
    hit = memo.get(key)
    if hit is None:
        cleaned = cleaner(text)
        parser = ParaParser()
        parser.caseSensitive = case_sensitive
        parsed_style, frags, bullet = parser.parse(cleaned, style)
        if frags is None:
            return None
        textTransformFrags(frags, parsed_style)
        if len(memo) >= KEPT:
            memo.clear()
        hit = memo[key] = (cleaned, parsed_style, frags, bullet)
    cleaned, parsed_style, frags, bullet = hit
    return cleaned, parsed_style, [f.clone() for f in frags], bullet and [f.clone() for f in bullet]
