"""`briefpdf bundle`: several briefings -> one meeting packet, built as ONE ReportLab document.

Not a concatenation of PDFs: the packet is laid out in one pass with one canvas, so page
numbers, bookmarks, the contents and (later) the structure tree span the whole packet, with
each briefing a Part of it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from .problems import BriefError


@dataclass(frozen=True)
class PacketPart:
    source: Path
    title: str
    first_page: int
    pages: int


@dataclass(frozen=True)
class Packet:
    path: Path
    pages: int
    size: int
    parts: list[PacketPart]


def bundle(sources: list[Path], output: Path, *, title: str = "Meeting packet", date: dt.date | None = None,
           style: str = "default") -> Packet:
    """Load every source (all problems reported at once), lay out the packet, write it atomically."""
    from .layout import build_story
    from .layout.packet import PacketDoc, packet_decorator, packet_story
    from .layout.typography import Theme
    from .load import load_with_positions
    from .pdf.build import build_document
    from .pdf.save import refuse_overwriting, write_atomic
    from .pipeline import check_glyphs
    from .style import load as load_style

    if not sources:
        raise BriefError([])
    refuse_overwriting(output, sources)
    loaded = load_style(style)
    # the packet has one contents page of its own; a per-briefing contents would list the whole packet
    theme = Theme(dataclasses.replace(loaded, options=dataclasses.replace(loaded.options, toc=False)))
    briefings, problems = [], []
    for source in sources:
        try:
            doc, briefing = load_with_positions(source)
            check_glyphs(doc, theme)
            briefings.append(briefing)
        except BriefError as err:
            problems += err.problems
    if problems:
        raise BriefError(problems)
    date = date or max(b.document.date for b in briefings)
    doc = PacketDoc(io.BytesIO(), theme, briefings, title, date)
    stories = [build_story(b, theme, doc.width) for b in briefings]
    try:
        built = build_document(doc, packet_story(doc, stories), packet_decorator(theme, doc), date, multi=True,
                               source=str(output))
    except BriefError as err:
        raise _name_the_briefing(err, doc.part, sources, output) from None
    write_atomic(output, built.data)
    firsts = [doc.first_pages[i] for i in range(len(briefings))] + [built.pages + 1]
    parts = [PacketPart(s, f"{b.label}: {b.document.title}", firsts[i], firsts[i + 1] - firsts[i])
             for i, (s, b) in enumerate(zip(sources, briefings, strict=True))]
    return Packet(output, built.pages, len(built.data), parts)


def _name_the_briefing(err: BriefError, part: int | None, sources: list[Path], output: Path) -> BriefError:
    """A layout failure is reported against the packet; say which briefing was being laid out.

    `part` is the index of the last briefing whose start the layout passed (None: the cover
    or contents). The layout has no line of its own to blame, so the position stays 1:1.
    """
    if part is None:
        return err
    source = str(sources[part])
    return BriefError([dataclasses.replace(p, file=source, message=f"{p.message}, in packet {output}")
                       if p.file == str(output) else p for p in err.problems])
