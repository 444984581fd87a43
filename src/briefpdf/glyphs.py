"""Characters the style's fonts cannot draw: found before layout, reported once per run of text.

A character no font of the style has would print as an empty box (or nothing at all), so it
is an error at the field that holds it. Whatever the fonts cannot draw comes in runs -- a
Hebrew word, a line of CJK, an emoji sequence -- and a run is one message that quotes it and
names its characters, not one line per letter.
"""

from __future__ import annotations

import unicodedata
from typing import Callable

from .problems import Problem
from .source import Document, strings

MAX_NAMED = 6  # characters a message names before "and N more"
MAX_PROBLEMS = 50


def uncovered_runs(text: str, covers: Callable[[str], bool]) -> list[str]:
    """The runs of `text` the fonts cannot draw, each once, in order. A run goes on across
    spaces, punctuation and marks the fonts have, between two characters they do not."""
    out: list[str] = []
    start = end = None  # the current run is text[start:end]
    for i, ch in enumerate(text):
        if drawable(ch, covers):
            if start is not None and not _joins(ch):
                out.append(text[start:end])
                start = None
            continue
        if start is None:
            start = i
        end = i + 1
    if start is not None:
        out.append(text[start:end])
    return list(dict.fromkeys(out))


def drawable(ch: str, covers: Callable[[str], bool]) -> bool:
    """White space is never drawn; anything else needs a glyph."""
    return ch.isspace() or covers(ch)


def _joins(ch: str) -> bool:
    """A drawable character that continues a run rather than ending it: a space, punctuation, a mark."""
    return ch.isspace() or unicodedata.category(ch)[0] in "PZM"


def describe(run: str, covers: Callable[[str], bool]) -> str:
    """"'שלום' cannot be printed: the fonts of this style have no 'ש' (U+05E9), ..." """
    missing = [ch for ch in dict.fromkeys(run) if not drawable(ch, covers)]
    if len(run) == 1:
        return f"character {run!r} (U+{ord(run):04X}) is not in the fonts of this style"
    named = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in missing[:MAX_NAMED])
    more = f" and {len(missing) - MAX_NAMED} more" if len(missing) > MAX_NAMED else ""
    shown = run if len(run) <= 40 else run[:39] + "…"
    return f"{shown!r} cannot be printed: the fonts of this style have no {named}{more}"


HINT = "replace it, or choose a style whose fonts include it"


def glyph_problems(doc: Document, covers: Callable[[str], bool]) -> list[Problem]:
    """One Problem per run of undrawable text in every string of the source.

    The common case (every character drawable) asks the fonts once per distinct character of
    the whole document; only a document with a missing glyph is walked again for positions.
    """
    distinct: set[str] = set()
    for _, text in strings(doc.data):
        distinct.update(text)
    known = {ch: drawable(ch, covers) for ch in distinct}
    if all(known.values()):
        return []
    problems: list[Problem] = []
    for path, text in strings(doc.data):
        if all(known[ch] for ch in set(text)):
            continue
        for run in uncovered_runs(text, known.__getitem__):
            line, col = doc.where(path)
            problems.append(Problem(doc.file, line, col, describe(run, known.__getitem__), HINT))
    return problems[:MAX_PROBLEMS]
