"""`briefpdf preview`: one PNG per page beside the PDF, drawn by PDFium (pypdfium2).

PDFium is the rasteriser in Chrome, so the PNG shows what readers will see. It is an optional
extra (`pip install 'briefpdf[preview]'`), imported only here.

Each PNG says in a text chunk which PDF it previews, so that a shorter version of the PDF
removes only the stale previews briefpdf made, never a user's own `NAME-7.png`. A page may
have at most MAX_PIXELS pixels, whatever its size and the resolution asked for.
"""

from __future__ import annotations

import io
import os
import re
import stat
from pathlib import Path

DPI_RANGE = (20, 600)
MAX_PIXELS = 80_000_000  # a Tabloid page at 600 dpi; about 320 MB while it is drawn
MARK = "briefpdf preview"


class MissingRasteriser(RuntimeError):
    pass


def preview(pdf: Path, *, dpi: int = 110) -> list[Path]:
    """Write PDF_STEM-1.png, -2.png ... next to the PDF; remove stale ones it made for a longer version."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise MissingRasteriser("preview needs pypdfium2: pip install 'briefpdf[preview]'") from None
    pdf = Path(pdf)
    document = _open(pdfium, pdf)
    written = []
    try:
        sizes = [document.get_page_size(i) for i in range(len(document))]
        _check_pixels(pdf, sizes, dpi)
        for index in range(len(document)):
            written.append(_write_page(document, index, pdf, dpi))
    finally:
        document.close()
    _remove_stale(pdf, len(written))
    return written


def _fail(pdf: Path, message: str, hint: str | None = None):
    from .problems import BriefError, Problem

    return BriefError([Problem(str(pdf), 1, 1, message, hint)])


def _open(pdfium, pdf: Path):
    """The PDF, if it is a regular file PDFium can read (a FIFO would block its reader)."""
    try:
        st = os.stat(pdf)
    except OSError as exc:
        raise _fail(pdf, f"cannot read PDF: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise _fail(pdf, "is not a regular file", "name a PDF file")
    try:
        return pdfium.PdfDocument(str(pdf))
    except (OSError, pdfium.PdfiumError) as exc:
        raise _fail(pdf, f"cannot read PDF: {exc}") from None


def _check_pixels(pdf: Path, sizes: list[tuple[float, float]], dpi: int) -> None:
    for number, (width, height) in enumerate(sizes, 1):
        w, h = round(width * dpi / 72), round(height * dpi / 72)
        if w * h > MAX_PIXELS:
            raise _fail(pdf, f"page {number} would be {w} x {h} pixels at {dpi} dpi; the limit is "
                             f"{MAX_PIXELS // 1_000_000} million", "ask for a lower --dpi")


def _write_page(document, index: int, pdf: Path, dpi: int) -> Path:
    from PIL.PngImagePlugin import PngInfo

    from .atomic import write_atomic

    page = document[index]
    try:
        image = page.render(scale=dpi / 72).to_pil()
    finally:
        page.close()
    info = PngInfo()
    info.add_text("Software", MARK)
    info.add_text("Source", pdf.name)
    target = pdf.with_name(f"{pdf.stem}-{index + 1}.png")
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True, dpi=(dpi, dpi), pnginfo=info)
    write_atomic(target, buf.getvalue())
    return target


def _remove_stale(pdf: Path, pages: int) -> None:
    """Remove PDF_STEM-N.png with N over the page count, only where it is a preview of this PDF."""
    stale = re.compile(re.escape(pdf.stem) + r"-(\d+)\.png")
    for old in pdf.parent.glob(f"{glob_escape(pdf.stem)}-*.png"):
        m = stale.fullmatch(old.name)
        if m and int(m.group(1)) > pages and _made_for(old, pdf):
            old.unlink(missing_ok=True)


def glob_escape(text: str) -> str:
    """`text` matched literally by Path.glob (a PDF named `a[1].pdf` must not match `a1-2.png`)."""
    return re.sub(r"([*?[])", r"[\1]", text)


def _made_for(png: Path, pdf: Path) -> bool:
    """True if `png` is a regular PNG file whose text chunks say briefpdf previewed `pdf` in it."""
    from PIL import Image

    try:
        if not stat.S_ISREG(os.lstat(png).st_mode):
            return False
        with Image.open(png) as image:
            text = getattr(image, "text", {})
            return image.format == "PNG" and text.get("Software") == MARK and text.get("Source") == pdf.name
    except Exception:  # not an image, unreadable, truncated: not ours
        return False
