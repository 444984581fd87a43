"""`briefpdf bundle`: several briefings -> one meeting packet, built as ONE ReportLab document.

Not a concatenation of PDFs: the packet is laid out in one pass with one canvas, so page
numbers, bookmarks, the contents and (later) the structure tree span the whole packet, with
each briefing a Part of it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .checks import DEFAULT, Checks
from .problems import BriefError, Problem


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
    warnings: tuple[Problem, ...] = ()  # every briefing's, in packet order


def bundle(sources: list[Path], output: Path, *, title: str = "Meeting packet", date: dt.date | None = None,
           style: str = "default", checks: Checks = DEFAULT) -> Packet:
    """Load every source (all problems reported at once), lay out the packet, write it atomically.

    A briefing that names its previous version (`previous:`) gets its What changed box in its part."""
    from . import engine
    from .atomic import refuse_overwriting, write_atomic
    from .checks import run as run_checks
    from .load import load_with_positions
    from .pipeline import check_glyphs
    from .style import load as load_style

    if not sources:
        raise BriefError([])
    refuse_overwriting(output, sources)
    loaded = load_style(style)
    briefings, problems, warnings, changes = [], [], [], []
    for source in sources:
        try:
            doc, briefing = load_with_positions(source)
            checked = run_checks(source, doc, briefing, checks)
            warnings += checked.warnings
            check_glyphs(doc, loaded)
            briefings.append(briefing)
            changes.append(checked.comparison(briefing))
        except BriefError as err:
            problems += err.problems
    if checks.strict:
        problems += warnings
    if problems:
        raise BriefError(problems)
    date = date or max(b.document.date for b in briefings)
    try:
        built = engine.build_packet(briefings, loaded, title=title, date=date, source=str(output), changes=changes)
    except engine.PacketLayoutError as err:
        raise _name_the_briefing(err, err.part, sources, output) from None
    write_atomic(output, built.data)
    firsts = [*built.first_pages, built.pages + 1]
    parts = [PacketPart(s, f"{b.label}: {b.document.title}", firsts[i], firsts[i + 1] - firsts[i])
             for i, (s, b) in enumerate(zip(sources, briefings, strict=True))]
    return Packet(output, built.pages, len(built.data), parts, tuple(warnings))


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
