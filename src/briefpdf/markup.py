"""User text -> safe ReportLab paragraph markup.

ReportLab's Paragraph parses a mini-markup in which `<img src=...>` reads local files and
`<link>` makes links, so text from YAML is always escaped first. briefpdf then recognises a
small inline subset of its own and emits the markup for it:

    **bold**      *italic*      [label](https://example.org)   (http, https and mailto only)
    [^id]         a citation, resolved by citations.py into a linked superscript note number

Anything else, including unbalanced markers, stays literal text. Characters the body font
lacks are set in the fallback font, amounts of money in the figures font. `bind` then ties what
must not be parted by a line break.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .citations import TOKEN
from .links import to_uri

_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape(text: str) -> str:
    """&, < and > as entities (what xml.sax.saxutils.escape does, without its 17 ms of imports)."""
    return text.translate(_ENTITIES)

_LINK = re.compile(r"\[([^\[\]\n]+)\]\(((?:https?://|mailto:)[^\s()<>\"]+)\)")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\*\w])")
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _attr(url: str) -> str:
    """The link target as the PDF stores it (ASCII: IDNA host, percent-encoded rest), escaped."""
    return escape(to_uri(url)).replace('"', "&quot;")


@lru_cache(maxsize=4096)
def inline(text: str, fallback=None, link_color: str = "#1f4e79") -> str:
    """Escape `text` and turn the documented inline subset into paragraph markup.

    A pure function of its arguments, kept for the texts a batch sets again and again ("Not
    provided", payer names, labels): a twentieth of a warm render was spent here."""
    out, pos = [], 0
    for m in _LINK.finditer(text):
        out.append(_emphasis(text[pos:m.start()], fallback))
        out.append(f'<a href="{_attr(m.group(2))}" color="{link_color}"><u>{_emphasis(m.group(1), fallback)}</u></a>')
        pos = m.end()
    out.append(_emphasis(text[pos:], fallback))
    result = "".join(out)
    if "\x02" in text:
        result = TOKEN.sub(lambda m: f'<super><a href="#{m.group(2)}" color="{link_color}">[{m.group(1)}]</a></super>',
                           result)
    return result


def _emphasis(text: str, fallback) -> str:
    return _marked(text, _BOLD, "b", _italic, fallback)


def _italic(text: str, fallback) -> str:
    return _marked(text, _ITALIC, "i", plain, fallback)


def _marked(text: str, pattern: re.Pattern, tag: str, inner, fallback) -> str:
    """Text with each `pattern` match wrapped in <tag>; everything else goes to `inner`."""
    parts, pos = [], 0
    for m in pattern.finditer(text):
        parts.append(inner(text[pos:m.start()], fallback))
        parts.append(f"<{tag}>{inner(m.group(1), fallback)}</{tag}>")
        pos = m.end()
    parts.append(inner(text[pos:], fallback))
    return "".join(parts)


# an amount of money as written: $1,234.50 / €80 / 1,234.50 USD
MONEY = re.compile(r"(?<![\w.,])(?:[$€£]\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d{1,3}(?:,\d{3})*\.\d{2}(?= (?:USD|EUR|GBP)\b))"
                   r"(?![\d,]?\d)")


def plain(text: str, fallback=None) -> str:
    """Escape text for a Paragraph; no markup of any kind survives. With `fallback` -- (covered,
    fallback font) or (covered, fallback font, figures font) -- characters the body font lacks
    are set in the fallback font and amounts of money in the figures font."""
    if fallback is None:
        return escape(text)
    covered, font, *figures = fallback
    if figures and MONEY.search(text):
        parts, pos = [], 0
        for m in MONEY.finditer(text):
            parts.append(_fallback(text[pos:m.start()], covered, font))
            parts.append(f'<font face="{figures[0]}">{escape(m.group(0))}</font>')
            pos = m.end()
        parts.append(_fallback(text[pos:], covered, font))
        return "".join(parts)
    return _fallback(text, covered, font)


def _fallback(text: str, covered, font: str) -> str:
    if all(covered(ch) or ch.isspace() or ch in _TOKEN_MARKS for ch in set(text)):  # the common case: one check per distinct char
        return escape(text)
    out, run, run_fb = [], [], False
    for ch in text:
        fb = not covered(ch) and not ch.isspace() and ch not in _TOKEN_MARKS
        if fb != run_fb and run:
            out.append(_wrap("".join(run), run_fb, font))
            run = []
        run_fb = fb
        run.append(ch)
    if run:
        out.append(_wrap("".join(run), run_fb, font))
    return "".join(out)


_TOKEN_MARKS = "\x02\x03"  # a resolved citation's delimiters: never set in a fallback font


def _wrap(text: str, fb: bool, font: str) -> str:
    return f'<font face="{font}">{escape(text)}</font>' if fb else escape(text)


def link(url: str, label: str | None = None, color: str = "#1f4e79") -> str:
    """A clickable link for a URL from the source, or plain text if its scheme is not allowed."""
    shown = escape(label or url)
    if not url.startswith(SAFE_SCHEMES):
        return shown
    return f'<a href="{_attr(url)}" color="{color}"><u>{shown}</u></a>'


# ------------------------------------------------------------------------------ what a line break must not part
NBSP = "\u00a0"
_SPACE = r"(?:[ \t\n\u00a0]|&nbsp;)"
# a separator or dash set between spaces: it ends a line, never starts one
_SEPARATOR = re.compile(rf"{_SPACE}+(?=(?:[\u00b7\u2022\u2014\u2013-]|&middot;|&bull;|&mdash;|&ndash;){_SPACE})")
# a short label ("Status:", "Granted by:") at the start of a line, after a separator or in bold
_LABEL = re.compile(r"((?:^|<br/>|<b>|\u00b7 )(?:[^\s<>:]+ ){0,3}[^\s<>:]+:(?:</b>)?)[ \t\n]+")
_AFTER_BULLET = re.compile(rf"(?<=\u00a0)(\u2022|&bull;)({_SPACE}+)(?=\S)")
MISSING = "Not provided"  # the words for a missing value (a briefing in another language passes its own)


def _before_missing(missing: str) -> re.Pattern:
    return re.compile(r":[ \t\n]+(?=(?:<[^>]+>)*" + re.escape(missing) + ")")


def bind(markup: str, missing: str = MISSING) -> str:
    """Markup with no-break spaces where a break would mislead: inside "Not provided", between a
    label and its value, and before a separator or dash (which then ends a line, never starts
    one); a bullet between words is tied to both."""
    if ":" in markup:
        markup = _LABEL.sub(lambda m: m.group(1).replace(" ", NBSP) + NBSP, markup)
    if missing in markup:
        markup = _before_missing(missing).sub(":" + NBSP, markup).replace(missing, missing.replace(" ", NBSP))
    if any(c in markup for c in "\u00b7\u2022\u2014\u2013-&"):
        markup = _SEPARATOR.sub(lambda m: NBSP * _spaces(m.group(0)), markup)
    if "\u2022" in markup or "&bull;" in markup:  # a bullet between words neither starts nor ends a line
        markup = _AFTER_BULLET.sub(lambda m: m.group(1) + NBSP * _spaces(m.group(2)), markup)
    return markup


def _spaces(run: str) -> int:
    """How many spaces a run of whitespace and &nbsp; entities shows (at least one)."""
    return max(1, run.count("&nbsp;") + sum(1 for ch in run.replace("&nbsp;", "") if ch in " \u00a0"))
