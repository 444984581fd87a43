"""Sources for the whole briefing: one numbering with the payers' sources, and `[^id]` citations.

`prepare` numbers every source and resolves the citations in prose into linked superscript
numbers; `sources` lists them at the end, each note the target of the links that cite it.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from .. import markup
from ..citations import anchor, number_sources, resolve
from ..model import Briefing
from ..present_content import WORDS
from .blocks import section
from .payers import SourceNotes
from .typography import Para, Theme


def prepare(b: Briefing) -> tuple[Briefing, SourceNotes]:
    """(the briefing with its citations resolved, the numbered notes)."""
    n = number_sources(b)
    return resolve(b, n.ids), SourceNotes(entries=n.entries, refs=n.refs)


def sources(b: Briefing, theme: Theme, notes: SourceNotes) -> list[Flowable]:
    """Every source once, numbered: the briefing's references, then each payer's sources."""
    if not notes.entries:
        return []
    items = []
    for number, payer, src in notes.entries:
        text = f'<a name="{anchor(b, number)}"/>[{number}] ' + (f"{theme.text(payer)}: " if payer else "")
        text += theme.text(src.title)
        if src.url:
            text += ". " + markup.link(src.url, None, theme.hex("accent"))
        if src.accessed:
            text += f". {WORDS['accessed']} {src.accessed.isoformat()}"
        else:
            text += f". {WORDS['accessed']}: {theme.not_provided()}"
        p = Para(text + ".", theme.styles["small"])
        p.role = "Note"
        items.append(p)
    return section(theme, WORDS["sources"], "h2", items)
