"""Every private ReportLab name briefpdf relies on still exists in the installed ReportLab.

When a ReportLab release drops or renames one, this names it (and what in briefpdf needs it)
instead of leaving an AttributeError deep in a render, or a silently untagged PDF.
"""

from __future__ import annotations

import importlib
import inspect
import io
import re
from pathlib import Path

import pytest
import reportlab

import briefpdf
from briefpdf.pdf.rl_private import PRIVATE


def resolve(dotted: str):
    """A module, or a class inside one, by its dotted path."""
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for name in parts[i:]:
            obj = getattr(obj, name)
        return obj
    raise ImportError(dotted)


def sample(owner: str):
    """A small instance of `owner`, to see what its constructor sets."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import KeepTogether, ListFlowable, Paragraph, Table
    from reportlab.platypus.flowables import LIIndenter
    from reportlab.platypus.tableofcontents import TableOfContents

    body = Paragraph("x", getSampleStyleSheet()["Normal"])
    canvas = Canvas(io.BytesIO())
    return {
        "reportlab.pdfgen.canvas.Canvas": lambda: canvas,
        "reportlab.pdfbase.pdfdoc.PDFDocument": lambda: canvas._doc,
        "reportlab.pdfgen.textobject.PDFTextObject": canvas.beginText,
        "reportlab.platypus.tables.Table": lambda: Table([["a", "b"]]),
        "reportlab.platypus.flowables.ListFlowable": lambda: ListFlowable([body]),
        "reportlab.platypus.flowables.LIIndenter": lambda: LIIndenter(body, bullet=None),
        "reportlab.platypus.tableofcontents.TableOfContents": TableOfContents,
        "reportlab.platypus.flowables.KeepTogether": lambda: KeepTogether([body]),
    }[owner]()


@pytest.mark.parametrize("owner, name, kind, used_by", PRIVATE, ids=[f"{o.rsplit('.', 1)[-1]}.{n}" for o, n, _, _ in PRIVATE])
def test_private_reportlab_name_exists(owner, name, kind, used_by):
    where = f"ReportLab {reportlab.Version} has no {owner}.{name} (briefpdf uses it in {used_by})"
    if kind == "class":
        assert hasattr(resolve(owner), name), where
    elif kind == "instance":
        # the list indenter forwards missing attributes to what it wraps: look in its own __dict__
        obj = sample(owner)
        assert name in vars(obj) or hasattr(type(obj), name), where
    else:
        assert kind == "read", f"unknown kind {kind!r} for {owner}.{name}"
        assert re.search(rf"\b{re.escape(name)}\b", inspect.getsource(resolve(owner))), where


def test_every_listed_name_is_still_used():
    """The list stays honest: a name briefpdf no longer uses is taken off it."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in Path(briefpdf.__file__).parent.rglob("*.py")
                       if p.name != "rl_private.py")
    unused = [f"{owner}.{name}" for owner, name, _, _ in PRIVATE if not re.search(rf"\b{re.escape(name)}\b", source)]
    assert unused == []
