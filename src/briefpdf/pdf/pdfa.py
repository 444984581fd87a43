"""PDF/A-2 (ISO 19005-2), level A, on top of the tagged PDF/UA-1 file: what archiving adds.

Most of PDF/A the writer already does (every font embedded with a ToUnicode map, no
encryption, no JavaScript, no LZW, no external content, tagged structure, XMP metadata that
matches the information dictionary: pdf/metadata.py). This module adds the rest:

- an sRGB output intent (6.2.3), so the device RGB and grey of the page and the transparency
  of a watermark have a defined meaning; the ICC profile is made by Little CMS through Pillow
  (a ReportLab dependency), not a file copied by hand;
- pdfaid:part 2 and pdfaid:conformance A in the XMP packet (6.6.4), read by metadata.py;
- an end-of-line marker before every `endstream` (6.1.7.1), which ReportLab leaves out.

Level A (not only U): every structure type is a standard one and the tree follows the rules
PDF/UA-1 checks, which are stricter than 6.7's.
"""

from __future__ import annotations

import struct
from functools import lru_cache

from reportlab.pdfbase.pdfdoc import PDFArray, PDFCatalog, PDFDictionary, PDFName, PDFStream, PDFString

PART, CONFORMANCE = "2", "A"
SRGB = "sRGB IEC61966-2.1"
# Little CMS stamps the profile with the time it was made; a fixed stamp keeps the bytes
# reproducible (ICC.1 header, bytes 24-35: year, month, day, hours, minutes, seconds)
PROFILE_DATE = struct.pack(">6H", 2024, 1, 1, 0, 0, 0)


@lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    """An sRGB display profile (class 'mntr', colour space 'RGB '), made once per process."""
    from PIL import ImageCms

    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = PROFILE_DATE
    data[84:100] = bytes(16)  # no profile ID (optional; it would have to be recomputed)
    return bytes(data)


def install(canvas) -> None:
    """Make the canvas's document PDF/A-2: output intent, identification, stream end-of-lines."""
    doc = canvas._doc
    doc.pdfa = (PART, CONFORMANCE)  # read by metadata._xmp and by the stream writer below
    profile = PDFStream(PDFDictionary({"N": 3}), content=srgb_profile())
    intent = PDFDictionary({
        "Type": PDFName("OutputIntent"), "S": PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": PDFString(SRGB), "Info": PDFString(SRGB),
        "RegistryName": PDFString("http://www.color.org"), "DestOutputProfile": doc.Reference(profile),
    })
    cat = doc.Catalog
    cat.OutputIntents = PDFArray([intent])
    cat.__NoDefault__ = list(PDFCatalog.__NoDefault__) + ["OutputIntents"]


_stream_format = PDFStream.format


def _format_with_eol(self, document):
    """PDFStream.format, with the end-of-line marker PDF/A wants before `endstream` (outside
    /Length, as ISO 32000-1 7.3.8.1 describes it) in a PDF/A document."""
    out = _stream_format(self, document)
    if getattr(document, "pdfa", None) and not out.endswith(b"\nendstream\n"):
        out = out[: -len(b"endstream\n")] + b"\nendstream\n"
    return out


PDFStream.format = _format_with_eol
