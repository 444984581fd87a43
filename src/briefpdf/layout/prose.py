"""Prose fields -> flowables: paragraphs and (nested) lists from blocktext, tagged like every list.

A text that is one plain paragraph is set exactly as before (one paragraph), so sources
without lists render as they always did. A list is role L; each item is one LI with its
label and one LBody, which holds the item's paragraph and any list nested under it.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, ListFlowable, ListItem

from .. import blocktext
from ..blocktext import ListBlock
from ..semantics import declare
from .keep import CellList, KeptList
from .typography import Theme

BULLETS = ("\u2022", "\u2013")  # bullet, then en dash one level down


def flow(theme: Theme, value: str | list[str] | None, style: str = "body") -> list[Flowable]:
    """The flowables of a prose field; None is the usual "Not provided" paragraph."""
    if value is None:
        return [theme.para(None, style)]
    out: list[Flowable] = []
    for text in blocktext.paragraphs(value):
        out += _blocks(theme, text, style, "list")
    return out


def cell(theme: Theme, value: str | list[str] | None, style: str = "cell"):
    """A table cell's content: markup for one plain paragraph (as before), else flowables."""
    if value is None:
        return theme.not_provided()
    texts = blocktext.paragraphs(value)
    if len(texts) == 1 and blocktext.is_plain(texts[0]):
        return theme.text(texts[0])
    out: list[Flowable] = []
    for text in texts:
        out += _blocks(theme, text, style, style, compact=True)
    return out


def _blocks(theme: Theme, text: str, style: str, item_style: str, compact: bool = False) -> list[Flowable]:
    if blocktext.is_plain(text):
        return [theme.para(text, style)]
    return [theme.para(b.text, style) if isinstance(b, blocktext.Paragraph)
            else block_list(theme, b, item_style, compact=compact) for b in blocktext.parse(text)]


def block_list(theme: Theme, lst: ListBlock, item_style: str = "list", *, depth: int = 0,
               compact: bool = False) -> ListFlowable:
    """One list of the tree: the look of layout/blocks.bullets, nested lists one step in."""
    items = []
    for k, item in enumerate(lst.items):
        nested = [block_list(theme, child, item_style, depth=depth + 1, compact=compact) for child in item.children]
        # an item with a nested list: its paragraph is a P inside the LBody that also holds the list
        body = theme.para(item.text, item_style, role="P" if nested else "LBody")
        items.append(ListItem([body, *nested] if nested else body,
                              value=lst.start + k if lst.numbered else None))
    size = theme.styles[item_style].fontSize
    kind = CellList if compact and not depth else ListFlowable if depth else KeptList  # a nested list splits
    # with the item that holds it
    flow = kind(
        items,
        bulletType="1" if lst.numbered else "bullet",
        start=lst.start if lst.numbered else BULLETS[depth % 2],
        bulletFontName=theme.body_family.bold if lst.numbered else theme.body_family.regular,
        bulletFontSize=size, bulletColor=theme.color("accent"),
        leftIndent=12 if compact else 18, bulletDedent=10 if compact else 14,
        spaceAfter=0 if depth or compact else theme.style.spacing.paragraph,
        bulletFormat="%s." if lst.numbered else None,
    )
    return declare(flow, role="L", numbered=lst.numbered)
