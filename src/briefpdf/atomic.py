"""Every file briefpdf writes (PDFs, PNG previews, the schema, new sources, the batch cache)
reaches its path whole or not at all.

The bytes go to a temporary file in the target's folder (same file system, so the final
rename is atomic), are flushed to disk, then renamed over the target. On any failure,
Ctrl-C and SIGTERM included, the temporary file is removed and the previous file is
untouched. The temporary name is short (`.bp-XXXXXX.part`), so any name the file system
allows for the target can be written.

A target is a new path or a regular file: a folder, a FIFO or a device is refused, never
replaced by a regular file. A replaced file keeps its permission bits; a new one gets
0666 less the umask, as any other program's output would.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import stat
from pathlib import Path

from .problems import BriefError, Problem

NAME_MAX = 255  # bytes in one file name on every common file system
SOURCE_SUFFIXES = (".yaml", ".yml")
_LIVE: set[str] = set()  # temporary files this process has open and not yet renamed or removed
_HELD = (signal.SIGINT, signal.SIGTERM)


def _fail(path: Path, message: str, hint: str | None) -> BriefError:
    return BriefError([Problem(str(path), 1, 1, message, hint)])


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


@contextlib.contextmanager
def _signals_held():
    """Delay SIGINT/SIGTERM over a few system calls, so a temporary file is never created or
    renamed without the registry knowing (a signal then sees a consistent `_LIVE`)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def remove_temporaries() -> None:
    """Remove the temporary files this process is writing: called when a signal stops it
    where no exception can unwind (a batch worker), and as a last sweep by the CLI."""
    for tmp in list(_LIVE):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        _LIVE.discard(tmp)


def _folder_hint(path: Path, option: str) -> str:
    """The hint for a target that is a folder: a PDF asks for a .pdf name, anything else for a file."""
    if path.suffix.lower() == ".pdf":
        return f"name a .pdf file with {option}"
    return "name a file, not a folder"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _check_names(path: Path, option: str) -> None:
    """Every part of the path within NAME_MAX bytes: the system's own error ("File name too
    long") would otherwise surface from the first stat, far from the option that caused it."""
    for part in path.parts:
        size = len(os.fsencode(part))
        if size > NAME_MAX:
            which = "file name" if part == path.name else f"folder name '{part[:40]}...'"
            raise _fail(path, f"{which} is {size} bytes; file systems allow at most {NAME_MAX}",
                        f"choose a shorter name with {option}")


def _existing_mode(path: Path, option: str) -> int | None:
    """Permission bits of the regular file at `path`, None if there is none; else refuse."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):  # a new file (a file in the way is said by _prepare_folder)
        return None
    except OSError as exc:
        raise _fail(path, f"cannot write output: {_reason(exc)}", f"choose another name with {option}") from None
    if stat.S_ISDIR(st.st_mode):
        raise _fail(path, "output is a folder, not a file", _folder_hint(path, option))
    if not stat.S_ISREG(st.st_mode):
        raise _fail(path, f"output is {_kind(st.st_mode)}, not a regular file; it is left as it is",
                    f"name a new file or an existing regular file with {option}")
    return stat.S_IMODE(st.st_mode)


def _prepare_folder(path: Path, option: str) -> Path:
    folder = path.parent
    hint = f"choose another folder with {option}, or check its permissions"
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


def open_temporary(folder: Path) -> tuple[int, str]:
    """Create `.bp-XXXXXX.part` in `folder` (mode 0666 less the umask), registered in `_LIVE`."""
    for _ in range(100):
        tmp = os.path.join(folder, f".bp-{secrets.token_hex(3)}.part")
        with _signals_held():
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
            except FileExistsError:
                continue
            _LIVE.add(tmp)
        return fd, tmp
    raise FileExistsError(f"no free temporary name in {folder}")


def write_atomic(path: Path, data: bytes, *, replace: bool = True, option: str = "-o") -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a mix.

    `replace=False` never overwrites: an existing `path` raises FileExistsError (the caller
    words that), checked at the moment the file appears, not before. `option` is the
    command-line option that names the target, for the hints of the BriefErrors raised.
    """
    path = Path(path)
    _check_names(path, option)
    mode = _existing_mode(path, option)
    folder = _prepare_folder(path, option)
    try:
        fd, tmp = open_temporary(folder)
    except OSError as exc:
        raise _fail(path, f"cannot write in folder '{folder}': {_reason(exc)}",
                    f"choose another folder with {option}, or check its permissions") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if mode is not None and replace:
                os.fchmod(fh.fileno(), mode)  # the file it replaces was 0600: so is the new one
            os.fsync(fh.fileno())
        _move_into_place(tmp, path, replace)
    except BaseException as exc:  # Ctrl-C and disk-full alike: no partial file, old file intact
        with _signals_held():
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            _LIVE.discard(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, FileExistsError):
            raise _fail(path, f"cannot write output: {_reason(exc)}",
                        f"free some disk space or choose another folder with {option}") from None
        raise
    _sync_folder(folder)


def _move_into_place(tmp: str, path: Path, replace: bool) -> None:
    """Rename the finished file onto `path` (or onto a fresh O_EXCL claim of it, which fails
    if the name exists) with signals held, so the registry never names a file that is gone."""
    with _signals_held():
        if replace:
            os.replace(tmp, path)
        else:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            try:
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(path)  # only our empty claim: the name did not exist a moment ago
                raise
        _LIVE.discard(tmp)


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


def check_target(output: Path, *, option: str = "-o", wanted: str = ".pdf") -> None:
    """Refuse, before any work, an output that must not or cannot be written: a .yaml or .yml
    file (where sources live), a FIFO, a device, a name too long."""
    output = Path(output)
    _check_names(output, option)
    _existing_mode(output, option)
    if output.suffix.lower() in SOURCE_SUFFIXES:
        raise _fail(output, f"output names a {output.suffix} file, where sources live", f"name a {wanted} file with {option}")


def refuse_overwriting(output: Path, sources: list[Path]) -> None:
    """A typo in -o (the output named like a source, or any .yaml file) must not destroy a
    source; an output that can never be written is refused before any work is done."""
    target = Path(output).resolve()
    for source in sources:
        if Path(source).resolve() == target:
            which = f" {source}" if len(sources) > 1 else ""
            raise BriefError([Problem(str(output), 1, 1, f"output would overwrite the source file{which}",
                                      "name a .pdf file with -o")])
    check_target(output)
