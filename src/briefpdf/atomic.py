"""Every file briefpdf writes (PDFs, PNG previews, the schema, new sources, the batch cache)
reaches its path whole or not at all.

The bytes go to a temporary file in the target's folder (same file system, so the final
rename is atomic), are flushed to disk, then renamed over the target. On any failure,
Ctrl-C included, the temporary file is removed and the previous file is untouched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .problems import BriefError, Problem


def _fail(path: Path, message: str, hint: str | None) -> BriefError:
    return BriefError([Problem(str(path), 1, 1, message, hint)])


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _folder_hint(path: Path, option: str) -> str:
    """The hint for a target that is a folder: a PDF asks for a .pdf name, anything else for a file."""
    if path.suffix.lower() == ".pdf":
        return f"name a .pdf file with {option}"
    return "name a file, not a folder"


def _prepare_folder(path: Path, option: str) -> Path:
    folder = path.parent
    hint = f"choose another folder with {option}, or check its permissions"
    if path.is_dir():
        raise _fail(path, "output is a folder, not a file", _folder_hint(path, option))
    for part in [folder, *folder.parents]:  # a file where a folder should be
        if part.exists() and not part.is_dir():
            raise _fail(path, f"cannot create folder '{folder}': '{part}' is a file", hint)
        if part.is_dir():
            break
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _fail(path, f"cannot create folder '{folder}': {_reason(exc)}", hint) from None
    return folder


def write_atomic(path: Path, data: bytes, *, replace: bool = True, option: str = "-o") -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a mix.

    `replace=False` never overwrites: an existing `path` raises FileExistsError (the caller
    words that), checked at the moment the file appears, not before. `option` is the
    command-line option that names the target, for the hints of the BriefErrors raised.
    """
    path = Path(path)
    folder = _prepare_folder(path, option)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise _fail(path, f"cannot write in folder '{folder}': {_reason(exc)}",
                    f"choose another folder with {option}, or check its permissions") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        if replace:
            os.replace(tmp, path)
        else:
            _create(tmp, path)
    except BaseException as exc:  # Ctrl-C and disk-full alike: no partial file, old file intact
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError) and not isinstance(exc, FileExistsError):
            raise _fail(path, f"cannot write output: {_reason(exc)}",
                        f"free some disk space or choose another folder with {option}") from None
        raise
    _sync_folder(folder)


def _create(tmp: str, path: Path) -> None:
    """Claim the name (O_EXCL fails if it exists), then move the finished file onto the claim."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
    try:
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(path)  # only our empty claim: the name did not exist a moment ago
        except OSError:
            pass
        raise


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system lets a folder be opened, so best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def refuse_overwriting(output: Path, sources: list[Path]) -> None:
    """A typo in -o (the output named like a source) must not destroy that source."""
    target = Path(output).resolve()
    for source in sources:
        if Path(source).resolve() == target:
            which = f" {source}" if len(sources) > 1 else ""
            raise BriefError([Problem(str(output), 1, 1, f"output would overwrite the source file{which}",
                                      "name a .pdf file with -o")])
