"""Every private ReportLab name briefpdf relies on, in one place.

ReportLab has no public API for marked content, deferred pages, deterministic IDs or the parts
of a table, list or contents that a tagger must reach, so the writer uses these. A ReportLab
release may drop or rename any of them; tests/test_rl_private.py checks each one exists and
names the one that does not. pyproject.toml pins the major versions this list was checked on.

Each entry: (owner, attribute, kind, used by). `owner` is a dotted path to a class or module;
`kind` is "class" (on the class or module itself), "instance" (set on each instance by its
constructor), or "read" (a name ReportLab's code looks up on an object briefpdf prepares).
"""

from __future__ import annotations

CANVAS = "reportlab.pdfgen.canvas.Canvas"
PDFDOC = "reportlab.pdfbase.pdfdoc.PDFDocument"
TABLE = "reportlab.platypus.tables.Table"
LIST = "reportlab.platypus.flowables.ListFlowable"
INDENTER = "reportlab.platypus.flowables.LIIndenter"

PRIVATE: tuple[tuple[str, str, str, str], ...] = (
    (CANVAS, "_code", "instance", "pdf/tags/canvas.py: the page's operators, wrapped in marked content"),
    (CANVAS, "_doc", "instance", "pdf/build.py, pdf/metadata.py: the document behind the canvas"),
    (CANVAS, "_pageNumber", "instance", "pdf/canvas.py, pdf/tags/canvas.py: the page being drawn"),
    (CANVAS, "_startPage", "class", "pdf/canvas.py, pdf/tags/canvas.py: a page held back, a new one begun"),
    (CANVAS, "_setAnnotations", "class", "pdf/tags/canvas.py: the page-end hook after setStream"),
    (CANVAS, "_addAnnotation", "class", "pdf/tags/text.py: links become Link elements"),
    (CANVAS, "_psCommandsBeforePage", "instance", "pdf/tags/canvas.py: rewriting the page stream"),
    (CANVAS, "_psCommandsAfterPage", "instance", "pdf/tags/canvas.py: rewriting the page stream"),
    (CANVAS, "_preamble", "instance", "pdf/tags/canvas.py: rewriting the page stream"),
    (PDFDOC, "_timeStamp", "instance", "pdf/build.py: the creation date is the briefing's date"),
    (PDFDOC, "_pdfVersion", "instance", "pdf/metadata.py: a tagged file is PDF 1.7"),
    ("reportlab.pdfbase.pdfdoc.PDFPage", "__NoDefault__", "class", "pdf/tags/canvas.py: /StructParents, /Tabs"),
    ("reportlab.pdfgen.textobject.PDFTextObject", "_code", "instance", "pdf/tags/text.py: link text inside BT/ET"),
    ("reportlab.platypus.paragraph", "_linkRecord", "read", "pdf/tags/text.py: where link text starts and ends"),
    ("reportlab.platypus.paragraph", "_uri_split_pairs", "class", "layout/breaking.py: where a long word may break"),
    ("reportlab.platypus.paragraph.Paragraph", "_splitLongWordCount", "read",
     "layout/typography.py: a word was cut, so a phrase held together lets go"),
    (TABLE, "_cellvalues", "instance", "pdf/tags/tables.py, groups.py: the cells to tag"),
    (TABLE, "_renderCB", "instance", "pdf/tags/tables.py, groups.py: the row and cell callback"),
    (LIST, "_bulletType", "instance", "pdf/tags/lists.py: list numbering"),
    (LIST, "_content", "instance", "pdf/tags/lists.py: the list items"),
    (INDENTER, "_flowable", "instance", "pdf/tags/lists.py: an item's body"),
    (INDENTER, "_bullet", "instance", "pdf/tags/lists.py: an item's label"),
    (INDENTER, "_leftIndent", "instance", "pdf/tags/lists.py: drawing an item"),
    (INDENTER, "_rightIndent", "instance", "pdf/tags/lists.py: drawing an item"),
    ("reportlab.platypus.flowables.KeepTogether", "_content", "instance", "pdf/tags/groups.py: kept-together runs"),
    ("reportlab.platypus.flowables.Flowable", "_hAlignAdjust", "class", "pdf/tags/figures.py: a figure's BBox"),
    ("reportlab.platypus.flowables", "_ContainerSpace", "class", "pdf/tags/__init__.py: kept-together runs"),
    ("reportlab.pdfbase.pdfmetrics", "_fonts", "class", "fontcache.py: a font registered before its face is parsed"),
    ("reportlab.pdfbase.ttfonts.TTFontParser", "_ttf_data", "read", "fontcache.py: the font file's bytes, hashed"),
    ("reportlab.pdfbase.ttfonts.TTFontFace", "fontFile", "read", "fontcache.py: the name of a subset's program stream"),
    ("reportlab.pdfbase.pdfdoc.PDFStream", "format", "class", "pdf/pdfa.py: an end of line before endstream"),
    ("reportlab.pdfbase.pdfdoc.PDFCatalog", "__NoDefault__", "class", "pdf/pdfa.py: /OutputIntents in the catalog"),
    ("reportlab.pdfbase.pdfdoc.PDFInfo", "_dateFormatter", "class", "pdf/metadata.py: the Info dictionary's dates"),
    ("reportlab.pdfbase.ttfonts", "SUBSETN", "class", "pdf/fonts.py: the subset tag of an embedded font"),
    ("reportlab.pdfbase.ttfonts.TTFont", "state", "read", "pdf/fonts.py: the subsets a document uses"),
    ("reportlab.pdfgen.textobject.PDFTextObject", "_canvas", "instance", "pdf/tags/text.py: underlines as artifacts"),
    ("reportlab.platypus.paragraph", "_do_line", "class", "pdf/tags/text.py: the underline drawer it wraps"),
)
