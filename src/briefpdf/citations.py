"""`[^id]` citations: checked against the ids of the sources, resolved into note numbers.

The numbering itself (references first, then each payer's sources) is present.number_sources.
Any prose field may cite a reference or a payer source by its id as `[^id]`;
an unknown id is a positioned problem. For layout the citations are resolved into a token
(control characters, which validated text can never contain) that markup.py sets as a linked
superscript number. Pure: no ReportLab, no model import (it walks the records it is given).
"""

from __future__ import annotations

import dataclasses
import re

from .problems import Problem, did_you_mean

CITE = re.compile(r"\[\^([^\[\]\s]*)\]")
TOKEN = re.compile("\x02([0-9]+)\x03([A-Za-z0-9_.-]+)\x02")  # resolved: number, link target


def anchor(b, number: int) -> str:
    """The link target of note `number`: named by the code, so briefings in one packet do not clash."""
    return f"note-{b.document.code}-{number}"


# ----------------------------------------------------------------------------- checking

def _texts(obj, path: tuple, prose: bool):
    """(path, text, is prose) for every text in a record tree."""
    if isinstance(obj, str):
        yield path, obj, prose
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _texts(item, path + (i,), prose)
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from _texts(getattr(obj, f.name), path + (f.name,), bool(f.metadata.get("block")))


def _at(doc, path: tuple, needle: str) -> tuple:
    """`path`, or the list item under it that holds `needle` (a prose field written as a list)."""
    node = doc.data
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return path
    if isinstance(node, list):
        for i, item in enumerate(node):
            if isinstance(item, str) and needle in item:
                return path + (i,)
    return path


def citation_problems(b, doc) -> list[Problem]:
    """Every `[^id]` names a known reference or source; ids are unique; citations sit in prose."""
    problems: list[Problem] = []
    known: dict[str, tuple] = {}
    owners = [(("references", i), r) for i, r in enumerate(b.references or []) if r is not None]
    owners += [(("payers", i, "sources", j), s) for i, p in enumerate(b.payers or []) if p is not None
               for j, s in enumerate(p.sources or []) if s is not None]
    for path, src in owners:
        if not src.id:
            continue
        if src.id in known:
            first = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in known[src.id]).lstrip(".")
            problems.append(doc.problem(path + ("id",), f"the id '{src.id}' is used twice",
                                        f"first used at {first}; ids must be unique across references and sources"))
        known.setdefault(src.id, path)
    for path, text, prose in _texts(b, (), False):
        for m in CITE.finditer(text):
            where = _at(doc, path, m.group())
            if not prose:
                problems.append(doc.problem(where, f"citation {m.group()} in a field that is not prose",
                                            "cite sources in prose fields (paragraphs, notes, criteria, "
                                            "section bodies); names and titles are shown as written"))
            elif m.group(1) not in known:
                problems.append(doc.problem(where, f"unknown citation {m.group()}", _hint(m.group(1), known)))
    return problems


def _hint(cited: str, known: dict) -> str:
    if not known:
        return f"add a reference with 'id: {cited or 'name'}' under references: (or an id on a payer's source)"
    close = did_you_mean(cited, known)
    listed = ", ".join(sorted(known))
    return f"{close} known ids: {listed}" if close else f"known ids: {listed}"


# ----------------------------------------------------------------------------- resolving

def resolve(b, ids: dict):
    """A copy of the briefing whose prose carries resolved citation tokens instead of `[^id]`."""
    def token(m: re.Match) -> str:
        number = ids.get(m.group(1))
        return m.group() if number is None else f"\x02{number}\x03{anchor(b, number)}\x02"

    def walk(obj, prose: bool):
        if isinstance(obj, str):
            return CITE.sub(token, obj) if prose and "[^" in obj else obj
        if isinstance(obj, list):
            return [walk(x, prose) for x in obj]
        if dataclasses.is_dataclass(obj):
            changes = {f.name: walk(getattr(obj, f.name), bool(f.metadata.get("block")))
                       for f in dataclasses.fields(obj)}
            return dataclasses.replace(obj, **changes)
        return obj

    return walk(b, False) if ids else b
