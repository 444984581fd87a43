"""Document-level entries a tagged PDF needs: MarkInfo, StructTreeRoot, XMP metadata, Lang.

The XMP packet says what the document information dictionary says -- title, author, subject,
keywords, creator tool, producer, dates -- and identifies the file as PDF/UA-1 (pdfuaid) and,
when the writer makes it one, PDF/A-2 (pdfaid, pdf/pdfa.py). pdfuaid is not among the schemas
XMP 2005 predefines, so PDF/A (ISO 19005-2, 6.6.2.3) wants it described by an extension schema,
which is written too. DisplayDocTitle makes viewers show the title rather than the file name.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import XMP, PDFDate, PDFDictionary, PDFInfo, PDFString

from ..markup import escape

_NS = {
    "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/", "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}
_EXTENSION = """<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"""


class Info(PDFInfo):
    """The document information dictionary with only what it knows: no empty Author, no Trapped
    (which XMP would have to repeat), so it and the XMP packet say the same things."""

    def format(self, document):
        d = {k: PDFString(v) for k, v in self.fields().items()}
        d["CreationDate"] = d["ModDate"] = PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
        return PDFDictionary(d).format(document)

    def fields(self) -> dict[str, str]:
        values = {"Title": self.title, "Author": self.author, "Subject": self.subject, "Keywords": self.keywords,
                  "Creator": self.creator, "Producer": self.producer}
        return {k: str(v) for k, v in values.items() if v}


def xmp_date(ts) -> str:
    """The creation date as XMP writes it, equal to the Info dictionary's D:... string."""
    y, mo, d, h, mi, s = ts.YMDhms
    return "%04d-%02d-%02dT%02d:%02d:%02d%+03d:%02d" % (y, mo, d, h, mi, s, ts.dhh, ts.dmm)


def _xmp(doc) -> bytes:
    info = doc.info.fields() if isinstance(doc.info, Info) else {"Title": str(doc.info.title or "")}
    e = {k: escape(v) for k, v in info.items()}
    date = xmp_date(doc._timeStamp)
    lang = getattr(doc.Catalog, "Lang", None) or ""
    lang = str(getattr(lang, "s", lang))
    pdfa = getattr(doc, "pdfa", None)
    props = ["<dc:format>application/pdf</dc:format>",
             '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title>' % e.get("Title", "")]
    if "Author" in e:
        props.append("<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>" % e["Author"])
    if "Subject" in e:
        props.append('<dc:description><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:description>'
                     % e["Subject"])
    if lang:
        props.append("<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>" % escape(lang))
    if "Keywords" in e:
        props.append("<pdf:Keywords>%s</pdf:Keywords>" % e["Keywords"])
    if "Producer" in e:
        props.append("<pdf:Producer>%s</pdf:Producer>" % e["Producer"])
    if "Creator" in e:
        props.append("<xmp:CreatorTool>%s</xmp:CreatorTool>" % e["Creator"])
    props += ["<xmp:CreateDate>%s</xmp:CreateDate>" % date, "<xmp:ModifyDate>%s</xmp:ModifyDate>" % date,
              "<xmp:MetadataDate>%s</xmp:MetadataDate>" % date]
    if pdfa:
        props += ["<pdfaid:part>%s</pdfaid:part>" % pdfa[0], "<pdfaid:conformance>%s</pdfaid:conformance>" % pdfa[1]]
    props.append("<pdfuaid:part>1</pdfuaid:part>")
    ns = " ".join('xmlns:%s="%s"' % kv for kv in _NS.items())
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            '<rdf:Description rdf:about="" %s>\n%s\n</rdf:Description>\n%s'
            '</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end="w"?>' % (ns, "\n".join(props), _EXTENSION)
            ).encode("utf-8")  # bytes: pdfdoc would push a str through its own encoding


def install_catalog(canvas, struct_tree_root) -> None:
    """MarkInfo, StructTreeRoot, XMP (metadata, pdfuaid:part), Lang, DisplayDocTitle; PDF 1.7."""
    doc = canvas._doc
    doc._pdfVersion = max(doc._pdfVersion, (1, 7))
    if type(doc.info) is PDFInfo:
        doc.info.__class__ = Info
    cat = doc.Catalog
    cat.StructTreeRoot = struct_tree_root
    cat.MarkInfo = PDFDictionary({"Marked": "true"})
    cat.Metadata = XMP(creator=_xmp)
    if not getattr(cat, "Lang", None):
        cat.Lang = PDFString("en-US")
    canvas.setViewerPreference("DisplayDocTitle", "true")

