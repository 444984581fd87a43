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


MAX_TITLE = 200  # characters of a packet's title: a line or two on the cover


class TitleError(ValueError):
    """The --title cannot be printed (the command line is wrong: exit 2)."""


def bundle(sources: list[Path], output: Path, *, title: str = "Meeting packet", date: dt.date | None = None,
           style: str = "default", checks: Checks = DEFAULT) -> Packet:
    """Load every source (all problems reported at once), lay out the packet, write it atomically.

    A briefing that names its previous version (`previous:`) gets its What changed box in its part."""
    from . import engine
    from .atomic import refuse_overwriting, write_atomic
    from .pipeline import load_checked

    if not sources:
        raise BriefError([])
    refuse_overwriting(output, sources)
    docs, briefings, problems, warnings, changes = [], [], [], [], []
    loaded = None
    for source in sources:
        try:
            loaded, doc, briefing, checked = load_checked(source, style, checks)
        except BriefError as err:  # a style problem is reported once, not once per source
            problems += [p for p in err.problems if p not in problems]
            continue
        docs.append(doc)
        briefings.append(briefing)
        warnings += checked.warnings
        changes.append(checked.comparison(briefing))
    if checks.strict:
        problems += warnings
    if problems:
        raise BriefError(problems)
    check_title(title, loaded)
    date = date or max(b.document.date for b in briefings)
    try:
        built = engine.build_packet(briefings, loaded, title=title, date=date, source=str(output), changes=changes)
    except engine.FieldTooLarge as err:
        raise BriefError([docs[err.part].problem(err.path, err.message, err.hint)]) from None
    except engine.PacketLayoutError as err:
        raise _name_the_briefing(err, err.part, sources, output) from None
    write_atomic(output, built.data)
    firsts = [*built.first_pages, built.pages + 1]
    parts = [PacketPart(s, f"{b.label}: {b.document.title}", firsts[i], firsts[i + 1] - firsts[i])
             for i, (s, b) in enumerate(zip(sources, briefings, strict=True))]
    return Packet(output, built.pages, len(built.data), parts, tuple(warnings))


def check_title(title: str, style) -> None:
    """TitleError unless the title is a line or two of text the style's fonts can all draw (it is
    printed on the cover, in the contents and in the footer of the packet's own pages)."""
    from . import engine
    from .glyphs import describe, uncovered_runs

    if not title.strip():
        raise TitleError("--title is empty")
    if not title.isprintable():
        bad = next(ch for ch in title if not ch.isprintable())
        raise TitleError(f"--title contains the control character U+{ord(bad):04X}")
    if len(title) > MAX_TITLE:
        raise TitleError(f"--title is {len(title):,} characters; the limit is {MAX_TITLE}")
    runs = uncovered_runs(title, lambda ch: engine.covers(style, ch))
    if runs:
        raise TitleError("--title: " + "; ".join(describe(r, lambda ch: engine.covers(style, ch)) for r in runs))


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
