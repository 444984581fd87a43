"""What changed: the box on page 1, after At a Glance, that readers at a recurring meeting read first.

Two kinds of row, each a row header (when) and the change (what): the changes computed from the
previous version (diff.py), as one list under "Since version 1.0 of ...", then each change the
source records in `changes:`, under its date. Nothing at all when there is neither, so a briefing
without them is set exactly as before.
"""

from __future__ import annotations

from typing import Optional

from reportlab.platypus import Flowable, TableStyle

from .. import present
from ..blocktext import Item, ListBlock
from ..diff import Comparison
from ..model import Briefing
from . import prose
from .blocks import gap, section
from .tables import BriefTable
from .typography import Para, Theme

LABEL_WIDTH = 118  # as At a Glance: the two boxes line up


def what_changed(b: Briefing, theme: Theme, width: float, computed: Optional[Comparison]) -> list[Flowable]:
    """The heading and the boxed table of changes; [] when there is nothing to say."""
    recorded = [c for c in b.changes if c is not None]
    if computed is None and not recorded:
        return []
    st = theme.styles
    words = present.labels_of(b).changes
    rows: list[list] = []
    if computed is not None:
        what = (prose.block_list(theme, ListBlock(False, [Item(line) for line in computed.lines]), "cell",
                                 compact=True)
                if computed.lines else Para(theme.text(words["nothing"]), st["cell"]))
        rows.append([Para(theme.text(computed.since), st["cell_head"]), what])
    for change in recorded:
        cell = prose.cell(theme, change.text)
        rows.append([Para(theme.text(present.date_text(change.date)), st["cell_head"]),
                     Para(cell, st["cell"]) if isinstance(cell, str) else cell])
    table = BriefTable(rows, colWidths=[LABEL_WIDTH, width - LABEL_WIDTH - 2], header_rows=0, header_cols=1,
                       splitInRow=1, summary=words["summary"], hAlign="LEFT", page_height=theme.style.frame()[1])
    table.setStyle(_box(theme))
    return section(theme, words["heading"], "h2", [table, gap(4)])


def _box(theme: Theme) -> TableStyle:
    """At a Glance's panel: tinted, an accent frame and a thick accent rule on the left."""
    return TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), theme.body_family.regular),
        ("BACKGROUND", (0, 0), (-1, -1), theme.color("panel")),
        ("BOX", (0, 0), (-1, -1), 0.8, theme.color("accent")),
        ("LINEBEFORE", (0, 0), (0, -1), 3, theme.color("accent")),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, theme.color("rule")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ])
