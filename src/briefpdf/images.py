"""Images a style refers to (a logo): found only where the style lives, and checked before use.

A style is a file someone may hand you. Its `logo:` must not become a way to read any file on
the machine into a PDF, so the path is resolved (symlinks included) and must stay inside the
style's own folder or the briefpdf package; the file must really be a PNG or JPEG (by its
first bytes, not its name), small enough to embed, and decode completely (Pillow, which
ReportLab itself reads images with) within a pixel limit: a few hundred kilobytes of PNG can
unpack to gigabytes, and a file that only starts like an image would crash the render.
"""

from __future__ import annotations

import stat
from pathlib import Path

from .problems import Problem

MAX_IMAGE_BYTES = 2_000_000
MAX_SIDE = 4000  # pixels on a side (16 megapixels at most): a logo prints a few centimetres wide
PACKAGE_DIR = Path(__file__).resolve().parent
_MAGIC = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


def image_kind(head: bytes) -> str | None:
    """'PNG' or 'JPEG' from a file's first bytes, else None."""
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            return kind
    return None


def resolve_logo(value: str, style_file: str | Path, line: int = 1, column: int = 1) -> Path | Problem:
    """The checked, absolute path of the logo `value` names in `style_file`, or a Problem there.

    `value` is relative to the style file's folder (an absolute path is accepted only if it
    points inside that folder or the package).
    """
    style_file = Path(style_file)
    folder = style_file.resolve().parent

    def problem(message: str, hint: str | None = None) -> Problem:
        return Problem(str(style_file), line, column, message, hint)

    if not value or not value.strip():
        return problem("'options.logo' is empty", "name a PNG or JPEG file in the style's folder, e.g. logo.png")
    if "\x00" in value:
        return problem("'options.logo' is not a file name")
    raw = Path(value)
    try:
        target = (raw if raw.is_absolute() else folder / raw).resolve()
    except (OSError, RuntimeError):  # symlink loops
        return problem(f"logo '{value}' cannot be resolved")
    if not (_inside(target, folder) or _inside(target, PACKAGE_DIR)):
        return problem(f"logo '{value}' is outside the style's folder",
                       f"copy the image into {folder} and name it relative to the style, e.g. logo: logo.png")
    try:
        st = target.stat()
    except FileNotFoundError:
        return problem(f"logo '{value}' does not exist", f"looked for {target}")
    except OSError as exc:
        return problem(f"cannot read logo '{value}': {exc.strerror or exc}")
    if not stat.S_ISREG(st.st_mode):
        return problem(f"logo '{value}' is not a regular file")
    if st.st_size > MAX_IMAGE_BYTES:
        return problem(f"logo '{value}' is {st.st_size:,} bytes; the limit is {MAX_IMAGE_BYTES:,}",
                       "export it smaller; a logo prints at a few centimetres")
    try:
        with open(target, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        return problem(f"cannot read logo '{value}': {exc.strerror or exc}")
    kind = image_kind(head)
    if kind is None:
        return problem(f"logo '{value}' is not a PNG or JPEG image", "save the logo as .png or .jpg")
    why = decode_problem(target, kind)
    if why:
        return problem(f"logo '{value}' {why}", "export the logo again as a PNG or JPEG of at most "
                                                 f"{MAX_SIDE:,} pixels on a side")
    return target


def decode_problem(path: Path, kind: str) -> str | None:
    """Why the image cannot be drawn (it does not decode, or is too large), or None.

    The size comes from the header before any pixel is unpacked, so a decompression bomb is
    refused without paying for it; then every pixel is decoded, which is what finds a
    truncated or corrupt file.
    """
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # DecompressionBombWarning: the limit below is stricter
            with Image.open(path, formats=[kind]) as img:
                width, height = img.size
                if width < 1 or height < 1:
                    return "has no pixels"
                if width > MAX_SIDE or height > MAX_SIDE:
                    return f"is {width:,} x {height:,} pixels; the limit is {MAX_SIDE:,} on a side"
                img.load()
    except Image.DecompressionBombError:
        return f"is larger than {MAX_SIDE:,} x {MAX_SIDE:,} pixels"
    except Image.UnidentifiedImageError:
        return f"starts like a {kind} image but is not one Pillow can read (damaged or incomplete)"
    except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError... for a damaged file
        return f"cannot be decoded as {kind} ({_reason(exc)})"
    return None


def _reason(exc: Exception) -> str:
    text = str(exc).split(" <")[0].strip()  # Pillow's messages can end in an object's repr
    return text or type(exc).__name__


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False
