"""Document-level entries a tagged PDF needs: MarkInfo, StructTreeRoot, XMP metadata, Lang.

XMP carries dc:title and pdfuaid:part (PDF/UA-1 identification); DisplayDocTitle makes
viewers show the title rather than the file name.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import XMP, PDFDictionary, PDFString

from ..markup import escape as xml_escape


def _xmp(doc) -> bytes:
    title = xml_escape(str(getattr(doc.info, "title", "") or ""))
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
            '<dc:format>application/pdf</dc:format>\n'
            '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title>\n'
            '<pdfuaid:part>1</pdfuaid:part>\n'
            '</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end="w"?>' % title
            ).encode("utf-8")  # bytes: pdfdoc would push a str through its own encoding


def install_catalog(canvas, struct_tree_root) -> None:
    """MarkInfo, StructTreeRoot, XMP (dc:title, pdfuaid:part), Lang, DisplayDocTitle; PDF 1.7."""
    doc = canvas._doc
    doc._pdfVersion = max(doc._pdfVersion, (1, 7))
    cat = doc.Catalog
    cat.StructTreeRoot = struct_tree_root
    cat.MarkInfo = PDFDictionary({"Marked": "true"})
    cat.Metadata = XMP(creator=_xmp)
    if not getattr(cat, "Lang", None):
        cat.Lang = PDFString("en-US")
    canvas.setViewerPreference("DisplayDocTitle", "true")
