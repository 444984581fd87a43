"""Tagged PDF (PDF/UA-1 logical structure) for every briefpdf render.

The public hook-up is two calls, made by pdf/build.py:

    canvasmaker = tagged_canvas(BriefingCanvas)   # marked content, artifacts, structure tree
    prepare_document(doc, story)                  # give each flowable its element, by role

Semantics come from the record each flowable declares (briefpdf.semantics: role H1..H6, P,
LBody, Note, L, Table, Figure, Artifact, Group, TOC, Part; alt text; table shape...); a
flowable without a role falls back to inference from its type. Anything drawn outside a
tagged flowable (running header and footer, page numbers, watermark, rules, table
backgrounds) is an /Artifact; page furniture is marked so by the canvas's draw_furniture.

  canvas.py  marked content, MCIDs, artifacts, page end    tree.py     StructTreeRoot, ParentTree, IDTree
  hooks.py   per-instance drawOn/split wrappers           text.py     headings, paragraphs, notes, links
  lists.py   L > LI > Lbl + LBody                         tables.py   Table > TR > TH/TD
  figures.py Figure with Alt and BBox                     groups.py   Part, Group
  contents.py TOC > TOCI > Reference > Link, nested
"""

from __future__ import annotations

from functools import lru_cache
from types import MethodType

from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.flowables import HRFlowable, Image, ListFlowable, Preformatted, Spacer, _ContainerSpace
from reportlab.platypus.frames import Frame
from reportlab.platypus.paragraph import Paragraph
from reportlab.platypus.tables import Table

from ...semantics import of
from . import contents, figures, groups, lists, tables, text
from .canvas import MarkedContent
from .figures import MissingAlt
from .hooks import Info, install
from .text import LinkTagging

__all__ = ["MissingAlt", "TaggedCanvas", "prepare", "prepare_document", "tagged_canvas"]

# structure types a flowable may name as its role and that are tagged as one block of content
BLOCK_ROLES = frozenset({"H1", "H2", "H3", "H4", "H5", "H6", "P", "LBody", "Note", "Reference", "Caption",
                         "BlockQuote", "Code", "Div", "Quote", "Span", "Lbl"})


class TaggedCanvas(LinkTagging, MarkedContent, Canvas):
    """A plain tagged canvas (tests and one-off documents)."""


@lru_cache(maxsize=None)
def tagged_canvas(base: type) -> type:
    """`base` (a Canvas subclass, e.g. the deferred-page BriefingCanvas) with tagging mixed in."""
    if issubclass(base, MarkedContent):
        return base
    return type("Tagged" + base.__name__, (LinkTagging, MarkedContent, base), {})


def role_of(f) -> str | None:
    declared = of(f)
    role = declared.role if declared else None
    if role:
        return role
    if isinstance(f, Paragraph):  # includes XPreformatted
        return text.infer(f)
    if isinstance(f, (Drawing, Image)):
        return "Figure"
    if isinstance(f, (HRFlowable, Spacer)):
        return "Artifact"
    if isinstance(f, Preformatted):
        return "P"
    if isinstance(f, ListFlowable):
        return "L"
    if isinstance(f, Table):
        return "Table"
    if isinstance(f, _ContainerSpace):
        return "Group"
    return None  # draws inside whatever element is open (or as an artifact at page level)


def prepare(flowables) -> None:
    """Give every (nested) flowable its tagging hooks, by role. Idempotent."""
    for f in flowables:
        d = getattr(f, "__dict__", None)
        if d is None or d.get("_tagprep"):
            continue
        d["_tagprep"] = True
        role = role_of(f)
        if role is None:
            continue
        if role in BLOCK_ROLES:
            text.prepare_text(f, role)
        elif role == "L":
            lists.prepare_list(f, prepare)
        elif role == "Table":
            tables.prepare_table(f, prepare)
        elif role == "Figure":
            figures.prepare_figure(f)
        elif role == "Artifact":
            if not isinstance(f, Spacer):  # a spacer paints nothing: no wrapper, no cost
                install(f, Info("Artifact"))
        elif role == "Group":
            groups.prepare_group(f, prepare)
        elif role == "TOC":
            contents.prepare_toc(f, prepare)
        elif role == "TOCI":
            contents.prepare_entry(f)
        elif role == "Part":
            groups.prepare_part(f)
        else:
            raise ValueError(f"{f!r} has role {role!r}, which the tagger does not know")


def prepare_document(doc, story: list) -> None:
    """Prepare the story, and hook every frame so flowables made during layout (split parts,
    generated content) are prepared as they are placed."""
    prepare(story)
    for template in doc.pageTemplates:
        for frame in template.frames:
            frame.__dict__["add"] = MethodType(_frame_add, frame)


def _frame_add(self, flowable, canv, trySplit=0):
    prepare([flowable])
    return Frame.add(self, flowable, canv, trySplit)
