"""Style -> the paragraph styles, colours and text helpers every section shares.

Built once per (style, process) and reused across renders in a batch.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cached_property

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser

from .. import fonts, markup
from ..contrast import gray as _gray
from ..present import ENGLISH, Labels
from ..semantics import declare
from ..style import Style
from . import parsed
from .breaking import Breaking

# The label set of the briefing being laid out. A Theme is shared by every briefing of a style
# (and a packet may mix languages), so the words it adds itself ("Not provided") follow the
# briefing whose story is being built: layout.build_story sets it.
_SPEAKING: ContextVar[Labels] = ContextVar("briefpdf_labels", default=ENGLISH)


@contextmanager
def speaking(labels: Labels):
    """Lay out in `labels`' language for the duration of the block."""
    token = _SPEAKING.set(labels)
    try:
        yield labels
    finally:
        _SPEAKING.reset(token)


MEASURE = 90  # characters a line of running text, the upper end of comfortable reading
URI_WASTE = 0.3  # a long URL or hyphenated word breaks rather than leave more than this of a line empty
_SAMPLE = ("Intensity modulated radiotherapy delivery is billed with CPT code 77301, split into "
           "professional and technical components; payers differ in coverage and prior authorization.")


class Para(Paragraph):
    """A Paragraph that keeps what must stay together on one line, breaks long words only where
    they may break (layout/breaking.py), parses plain text without the markup parser, and
    remembers its line breaks.

    Most text in a briefing has no markup at all, yet ReportLab runs every paragraph through its
    HTML parser (a sixth of a render); plain text instead gets a copy of the fragment the parser
    makes for that style. And tables measure each cell, keep-together groups measure their
    content, and frames measure again before drawing: the same paragraph is broken into lines
    three or four times at one width. Line breaking depends only on the width, so the second
    answer is the first.
    """

    def __init__(self, text: str, style, **kw):
        fresh = not kw  # (the parts of a split paragraph come with their fragments)
        if fresh:
            text = markup.bind(text, _SPEAKING.get().not_provided)
            if "<" not in text and "&" not in text:
                kw["frags"] = [_plain_frag(style).clone(text=cleanBlockQuotedText(text))]
        super().__init__(text, style, **kw)
        if not fresh:
            return
        guests = style.__dict__.get("_briefpdf_guests")
        if guests and "<font" in text:
            _fit_guests(self.frags, style.fontName, guests)
        if markup.NBSP in text:
            self._bound = list(self.frags)  # (breaking lines replaces self.frags)

    def _setup(self, text, style, bulletText, frags, cleaner):
        if frags is None:  # marked-up text: parsed once per (text, style) (layout/parsed.py)
            hit = parsed.parse(text, style, cleaner, self.caseSensitive)
            if hit is not None:
                text, style, frags, bullet = hit
                bulletText = bullet or bulletText
        super()._setup(text, style, bulletText, frags, cleaner)

    def split(self, availWidth, availHeight):
        try:
            return super().split(availWidth, availHeight)
        except IndexError:
            # ReportLab cannot split a styled paragraph between two pieces of one long word
            # (two lines starting in the same fragment); keep it whole: the caller moves it on
            return []

    def breakLines(self, width):
        with Breaking(self.style.fontName, self.style.fontSize, width):
            lines = super().breakLines(width)
            bound = self.__dict__.pop("_bound", None)
            if bound and self.__dict__.get("_splitLongWordCount"):
                # a phrase held together is wider than the column: part it at its spaces rather
                # than inside a word ("Not provid|ed"), letting go one kind of tie at a time while
                # it is still too wide -- a label and its value; "Not provided"; a separator and
                # the word before it
                missing = _SPEAKING.get().not_provided.replace(" ", markup.NBSP)
                for keep in ((missing, True), ("", True), ("", False)):
                    self.frags = [_unbound(f, *keep) for f in bound]
                    lines = super().breakLines(width)
                    if not self.__dict__.get("_splitLongWordCount"):
                        break
        return lines

    def wrap(self, availWidth, availHeight):
        if self.__dict__.get("_wrapped_at") == availWidth and "blPara" in self.__dict__:
            return self.width, self.height  # (split() drops blPara when it gives up: then wrap anew)
        result = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return result


def _fit_guests(frags, base: str, guests: dict[str, bool]) -> None:
    """Size and raise each run set in a guest face to sit beside the paragraph's own face
    (fonts.fit). A run of the mono face that the body face could draw is a code, set in mono
    on purpose: it is left as it is."""
    if base in guests:
        return
    for f in frags:
        figures = guests.get(getattr(f, "fontName", None))
        text = getattr(f, "text", "")
        if figures is None or not text or (not figures and any(fonts.has_glyph(base, ch) for ch in text.strip())):
            continue
        scale, rise = fonts.fit(f.fontName, base, text, figures)
        f.rise = getattr(f, "rise", 0) + rise * f.fontSize
        f.fontSize *= scale


_TIED_SEPARATOR = re.compile(f"{markup.NBSP}+(?=[\u00b7\u2022\u2014\u2013-])|(?<=\u2022){markup.NBSP}+")


def _unbound(frag, missing: str = "", separators: bool = False):
    """The fragment with its no-break spaces turned back into spaces, except inside `missing` (the
    words for a missing value) and, with `separators`, those tying a separator to its word."""
    text = getattr(frag, "text", None)
    if not text or markup.NBSP not in text:
        return frag

    def loose(piece: str) -> str:
        if not separators:
            return piece.replace(markup.NBSP, " ")
        kept = _TIED_SEPARATOR.split(piece)
        ties = _TIED_SEPARATOR.findall(piece)
        return "".join(k.replace(markup.NBSP, " ") + (ties[i] if i < len(ties) else "") for i, k in enumerate(kept))

    pieces = text.split(missing) if missing else [text]
    return frag.clone(text=missing.join(loose(p) for p in pieces))


def _plain_frag(style: ParagraphStyle):
    """The fragment ReportLab's parser makes for unmarked text in `style` (parsed once per style)."""
    frag = style.__dict__.get("_briefpdf_plain_frag")
    if frag is None:
        _, frags, _ = ParaParser().parse("x", style)
        frag = frags[0]
        style._briefpdf_plain_frag = frag
    return frag


@dataclass
class Theme:
    """Everything layout needs from a Style, resolved to ReportLab objects."""

    style: Style

    def hex(self, name: str) -> str:
        value = getattr(self.style.colors, name)
        return _gray(value) if self.style.options.grayscale else value

    def color(self, name: str):
        return colors.HexColor(self.hex(name))

    @cached_property
    def chart_colors(self) -> list:
        grays = self.style.options.grayscale
        return [colors.HexColor(_gray(c) if grays else c) for c in self.style.colors.chart]

    @cached_property
    def body_family(self) -> fonts.Family:
        return fonts.require(self.style.fonts.body)

    @cached_property
    def heading_family(self) -> fonts.Family:
        return fonts.require(self.style.fonts.heading)

    @cached_property
    def mono_family(self) -> fonts.Family:
        return fonts.require(self.style.fonts.mono)

    def covered(self, ch: str) -> bool:
        """Can the style's own faces draw `ch`? Text may be set in the body or the heading family
        (a title, a heading), so only what both have stays in them; the rest goes to the fallback."""
        return self.body_family.covers(ch) and (self.heading_family is self.body_family
                                                or self.heading_family.covers(ch))

    def covered_anywhere(self, ch: str) -> bool:
        """Will `ch` print, in the style's faces or in the fallback (the mono family)?"""
        return self.covered(ch) or self.mono_family.covers(ch)

    @cached_property
    def figures_family(self) -> fonts.Family:
        return fonts.require(self.style.fonts.figures)

    @cached_property
    def fallback(self):
        return (self.covered, self.mono_family.regular, self.figures_family.regular)

    @cached_property
    def guests(self) -> dict[str, bool]:
        """Faces set inside another face's text, sized to sit beside it: font name -> whether
        it sets figures (else it is the fallback for characters the body font lacks)."""
        out = {name: False for name in self.mono_family.faces}
        out.update({name: True for name in self.figures_family.faces})
        return out

    @cached_property
    def fallback_bold(self):
        """The fallback for a line drawn in bold (chart titles and groups)."""
        return (self.covered, self.mono_family.bold)

    @cached_property
    def measure_indent(self) -> float:
        """Right indent that keeps running text near MEASURE characters a line; tables use the full width."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        st = self.style
        per_char = stringWidth(_SAMPLE, self.body_family.regular, st.sizes.body) / len(_SAMPLE)
        return max(0.0, st.frame()[0] - per_char * MEASURE)

    # ------------------------------------------------------------------ paragraph styles
    def _ps(self, name, **kw) -> ParagraphStyle:
        s = self.style.sizes
        base = dict(fontName=self.body_family.regular, fontSize=s.body, leading=s.leading,
                    textColor=self.color("text"), spaceAfter=self.style.spacing.paragraph,
                    allowWidows=0, allowOrphans=0, alignment=TA_LEFT, splitLongWords=1,
                    hyphenationLang="", embeddedHyphenation=2, uriWasteReduce=URI_WASTE)
        base.update(kw)
        ps = ParagraphStyle(name, **base)
        ps._briefpdf_guests = self.guests
        return ps

    @cached_property
    def styles(self) -> dict[str, ParagraphStyle]:
        s, sp = self.style.sizes, self.style.spacing
        h = self.heading_family
        accent = self.color("accent")
        small_lead = s.small * 1.3
        return {
            "eyebrow": self._ps("eyebrow", fontName=h.bold, fontSize=s.small, leading=small_lead,
                                textColor=accent, spaceAfter=4),
            "title": self._ps("title", fontName=h.bold, fontSize=s.title, leading=s.title * 1.2,
                              textColor=self.color("text"), spaceAfter=6, keepWithNext=1),
            "facts": self._ps("facts", fontSize=s.small + 1, leading=(s.small + 1) * 1.35,
                              textColor=self.color("muted"), spaceAfter=2),
            "h2": self._ps("h2", fontName=h.bold, fontSize=s.h2, leading=s.h2 * 1.25, textColor=accent,
                           spaceBefore=sp.section, spaceAfter=5, keepWithNext=1),
            "h3": self._ps("h3", fontName=h.bold, fontSize=s.h3, leading=s.h3 * 1.3,
                           textColor=self.color("text"), spaceBefore=sp.section * 0.6, spaceAfter=3,
                           keepWithNext=1),
            "h4": self._ps("h4", fontName=h.bold, fontSize=s.body, leading=s.leading,
                           textColor=self.color("text"), spaceBefore=4, spaceAfter=2, keepWithNext=1),
            "body": self._ps("body", rightIndent=self.measure_indent),
            "lead": self._ps("lead", spaceAfter=3, rightIndent=self.measure_indent),
            "list": self._ps("list", spaceAfter=1.5, rightIndent=self.measure_indent),
            "cell": self._ps("cell", fontSize=s.table, leading=s.table * 1.3, spaceAfter=0),
            "cell_right": self._ps("cell_right", fontSize=s.table, leading=s.table * 1.3, spaceAfter=0,
                                   alignment=TA_RIGHT),
            "cell_head": self._ps("cell_head", fontName=self.body_family.bold, fontSize=s.table,
                                  leading=s.table * 1.3, spaceAfter=0),
            "cell_head_right": self._ps("cell_head_right", fontName=self.body_family.bold, fontSize=s.table,
                                        leading=s.table * 1.3, spaceAfter=0, alignment=TA_RIGHT),
            "cell_mono": self._ps("cell_mono", fontName=self.mono_family.bold, fontSize=s.table,
                                  leading=s.table * 1.3, spaceAfter=0),
            "panel_head": self._ps("panel_head", fontName=h.bold, fontSize=s.body, leading=s.leading,
                                   textColor=accent, spaceAfter=3),
            "small": self._ps("small", fontSize=s.small, leading=small_lead, textColor=self.color("text"), rightIndent=self.measure_indent,
                              spaceAfter=3),
            "caption": self._ps("caption", fontSize=s.small, leading=small_lead,
                                textColor=self.color("muted"), spaceAfter=4),
            "toc1": self._ps("toc1", fontSize=s.body, leading=s.leading * 1.1, leftIndent=0),
            "toc2": self._ps("toc2", fontSize=s.body - 0.5, leading=s.leading, leftIndent=14),
        }

    # ------------------------------------------------------------------ text
    def text(self, value: str) -> str:
        """User text as safe paragraph markup (inline subset, font fallback)."""
        return markup.inline(value, self.fallback, self.hex("accent"))

    def para(self, value: str | None, style: str = "body", role: str = "P") -> Paragraph:
        """A paragraph of user text; None becomes an unmistakable "Not provided"."""
        text = self.not_provided() if value is None else self.text(value)
        return declare(Para(text, self.styles[style]), role=role)

    def not_provided(self) -> str:
        """"Not provided" in the briefing's language: always the same words, in italics."""
        return f'<i><font color="{self.hex("text")}">{_SPEAKING.get().not_provided}</font></i>'

    def value_or_missing(self, value: str | None) -> str:
        return self.not_provided() if value is None else self.text(value)
