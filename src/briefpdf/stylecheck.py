"""A style's values checked against each other and the world, after the schema has read them:
font families that exist, margins that leave room, a logo that decodes, colours that can be read.

Each check runs on whatever parts of the style were readable (a part the schema refused is None
and already reported), so one run reports every problem of a style, never a crash on the parts
that failed.
"""

from __future__ import annotations

from .contrast import BODY_TEXT, GRAPHICS, WHITE, gray, ratio
from .problems import Problem
from .source import Document

MAX_SIZE = 36  # points; larger type left ReportLab's layout looping or failing
# (foreground, background or None for the paper, least ratio, what the foreground draws there)
PAIRS = (
    ("text", None, BODY_TEXT, "body text"),
    ("text", "table_header", BODY_TEXT, "table header text"),
    ("text", "zebra", BODY_TEXT, "text in striped table rows"),
    ("text", "panel", BODY_TEXT, "text in the at-a-glance panel"),
    ("muted", None, BODY_TEXT, "the footer and captions"),
    ("accent", None, BODY_TEXT, "links, the eyebrow line and headings"),
    ("accent", "zebra", BODY_TEXT, "links in striped table rows"),
    ("accent", "panel", BODY_TEXT, "the at-a-glance panel's heading"),
)


def font_problems(style, doc: Document) -> list[Problem]:
    """Each family the style names must be installed and usable (checked only where it was read)."""
    from .fonts import family_problem

    if style.fonts is None:
        return []
    out = []
    for role in ("body", "heading", "mono", "figures"):
        slug = getattr(style.fonts, role)
        if not isinstance(slug, str):  # refused by the schema, already reported
            continue
        line, col = doc.where(("fonts", role))
        p = family_problem(slug, doc.file_of(("fonts", role)), line, col)
        if p:
            out.append(p)
    return out


def geometry_problems(style, doc: Document) -> list[Problem]:
    """Margins and sizes that would leave no room to lay out a page, which ReportLab reports as a crash."""
    parts = (style.page, style.sizes)
    if any(part is None or None in vars(part).values() for part in parts):  # refused, already reported
        return []
    out = []
    text_w, text_h = style.frame()
    if text_w < 144:
        out.append(doc.problem(("page", "margin_left"), f"the left and right margins leave {max(text_w, 0) / 72:.2f}in "
                               "for text; at least 2in is needed", "make the margins smaller"))
    if text_h < 216:
        out.append(doc.problem(("page", "margin_top"), f"the top and bottom margins leave {max(text_h, 0) / 72:.2f}in "
                               "for text; at least 3in is needed", "make the margins smaller"))
    band = 2 * style.sizes.small + 12  # the running header or footer: a line of small text, a rule, air
    for edge in ("top", "bottom"):
        margin = style.length(getattr(style.page, f"margin_{edge}"))
        if margin < band:
            out.append(doc.problem(("page", f"margin_{edge}"), f"the {edge} margin ({margin / 72:.2f}in) is too small "
                                   f"for the running {'header' if edge == 'top' else 'footer'} at {style.sizes.small:g}pt",
                                   f"make it at least {band / 72:.2f}in, or make sizes.small smaller"))
    for name in ("title", "h2", "h3", "body", "leading", "table", "small"):
        value = getattr(style.sizes, name)
        if value > MAX_SIZE:
            out.append(doc.problem(("sizes", name), f"'sizes.{name}' is {value:g}pt; the largest allowed is {MAX_SIZE}pt"))
    return out


def contrast_problems(style, doc: Document) -> list[Problem]:
    """Text colours against what they are drawn on, as printed (in grey with options.grayscale):
    WCAG's 4.5:1 for text (a briefing has no text large enough for 3:1 that is not also drawn
    small somewhere: the accent colours headings and links alike), 3:1 for the chart's bars.
    The colour of thin rules is not checked: rules decorate, zebra stripes and cells carry the rows.
    """
    colors = style.colors
    if colors is None:
        return []
    greys = bool(style.options is not None and style.options.grayscale)

    def drawn(value):
        return gray(value) if greys and value else value

    as_grey = " (as grey: options.grayscale is on)" if greys else ""
    out, reported = [], set()
    for fg, bg, least, what in PAIRS:
        fore, back = drawn(getattr(colors, fg)), drawn(getattr(colors, bg)) if bg else WHITE
        if fore is None or back is None:
            continue
        found = ratio(fore, back)
        blame = ("colors", bg) if bg and ratio(fore, WHITE) >= least else ("colors", fg)
        if found >= least or blame in reported:  # one message per colour to change
            continue
        reported.add(blame)
        on = f"'colors.{bg}' {getattr(colors, bg)}" if bg else "the white page"
        out.append(doc.problem(blame, f"'colors.{fg}' {getattr(colors, fg)} on {on} has a contrast of {found:.2f}:1"
                                      f"{as_grey}; {what} needs at least {least:g}:1 (WCAG)",
                               f"make 'colors.{fg}' darker" + (f" or 'colors.{bg}' lighter" if bg else "")))
    for i, bar in enumerate(colors.chart or []):
        if bar is not None and ratio(drawn(bar), WHITE) < GRAPHICS:
            out.append(doc.problem(("colors", "chart", i),
                                   f"chart colour {bar} on the white page has a contrast of "
                                   f"{ratio(drawn(bar), WHITE):.2f}:1{as_grey}; a bar needs at least {GRAPHICS:g}:1 (WCAG)",
                                   "use a darker colour for the bar"))
    return out


def logo_problem(style, doc: Document) -> Problem | None:
    """The checked logo (its absolute path replaces the style's value), or the Problem with it."""
    from .images import resolve_logo

    if style.options is None or not isinstance(style.options.logo, str):
        return None
    path = ("options", "logo")
    line, col = doc.where(path)
    found = resolve_logo(style.options.logo, doc.file_of(path), line, col)
    if isinstance(found, Problem):
        return found
    style.options.logo = str(found)
    return None
