"""`briefpdf preview`: one PNG per page beside the PDF, drawn by PDFium (pypdfium2).

PDFium is the rasteriser in Chrome, so the PNG shows what readers will see. It is an optional
extra (`pip install 'briefpdf[preview]'`), imported only here.
"""

from __future__ import annotations

import io
import re
from pathlib import Path


class MissingRasteriser(RuntimeError):
    pass


def preview(pdf: Path, *, dpi: int = 110) -> list[Path]:
    """Write PDF_STEM-1.png, -2.png ... next to the PDF; remove stale ones from a longer version."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise MissingRasteriser("preview needs pypdfium2: pip install 'briefpdf[preview]'") from None
    from .atomic import write_atomic
    from .problems import BriefError, Problem

    pdf = Path(pdf)
    try:
        document = pdfium.PdfDocument(str(pdf))
    except (OSError, pdfium.PdfiumError) as exc:
        raise BriefError([Problem(str(pdf), 1, 1, f"cannot read PDF: {exc}")]) from None
    written = []
    try:
        for index in range(len(document)):
            page = document[index]
            image = page.render(scale=dpi / 72).to_pil()
            target = pdf.with_name(f"{pdf.stem}-{index + 1}.png")
            buf = io.BytesIO()
            image.save(buf, format="PNG", optimize=True, dpi=(dpi, dpi))
            write_atomic(target, buf.getvalue())
            written.append(target)
            page.close()
    finally:
        document.close()
    stale = re.compile(re.escape(pdf.stem) + r"-(\d+)\.png")
    for old in pdf.parent.glob(f"{pdf.stem}-*.png"):
        m = stale.fullmatch(old.name)
        if m and int(m.group(1)) > len(written):
            old.unlink(missing_ok=True)
    return written
