"""Small flowable builders that carry their meaning (heading level, list, decoration) for tagging."""

from __future__ import annotations

from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    ListItem,
    Spacer,
)

from .. import present
from ..present import Labels
from ..semantics import declare
from .keep import KeptList, lead_in
from .typography import Para, Theme

LEVELS = {"h1": 0, "h2": 1, "h3": 2, "h4": 3}


def heading(theme: Theme, text: str, level: str, *, outline: bool = True) -> Para:
    """A heading paragraph: role H1-H4, bookmarked. `section` keeps it with what follows (not
    keepWithNext, whose chains of headings could loop: see keep.py)."""
    p = Para(theme.text(text), theme.styles[level])
    p.keepWithNext = 0
    if outline:
        return declare(p, role=level.upper(), outline_level=LEVELS[level], outline_title=text)
    return declare(p, role=level.upper())


def section(theme: Theme, title: str, level: str, body: list[Flowable]) -> list[Flowable]:
    """A heading followed by its body; the heading never sits at a page foot without the first
    lines of its body (the first paragraph's two lines, a table's first row, a list's first item,
    or a nested section's heading and its first lines)."""
    return lead_in([heading(theme, title, level)], body)


def bullets(theme: Theme, items: list[str], *, numbered: bool = False) -> KeptList:
    """A list of user text items: role L with LI children (label + body); one item never alone."""
    style = theme.styles["list"]
    flow = KeptList(
        [ListItem(theme.para(item, "list", role="LBody"), value=i + 1 if numbered else None)
         for i, item in enumerate(items)],
        bulletType="1" if numbered else "bullet",
        start=1 if numbered else "•",
        bulletFontName=theme.body_family.bold if numbered else theme.body_family.regular,
        bulletFontSize=style.fontSize, bulletColor=theme.color("accent"),
        leftIndent=18, bulletDedent=14, spaceAfter=theme.style.spacing.paragraph,
        bulletFormat="%s." if numbered else None,
    )
    return declare(flow, role="L", numbered=numbered)


def missing_line(theme: Theme, labels: Labels, label: str, detail: str | None = None,
                 style: str = "body") -> Para:
    """'Label: Not provided.' (or '... for detail.'), with "Not provided" in its usual, scannable form."""
    text = present.missing_text(label, labels, detail, missing=theme.not_provided(), esc=theme.text) + "."
    return declare(Para(text, theme.styles[style]), role="P")


def rule(theme: Theme, *, thick: float = 0.6, space: float = 6, color: str = "rule") -> HRFlowable:
    hr = HRFlowable(width="100%", thickness=thick, color=theme.color(color), spaceBefore=space,
                    spaceAfter=space)
    return declare(hr, role="Artifact")


def gap(height: float) -> Spacer:
    return declare(Spacer(1, height), role="Artifact")


def keep(flowables: list[Flowable]) -> KeepTogether:
    return declare(KeepTogether(flowables), role="Group")
