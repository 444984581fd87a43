"""`briefpdf watch`: render, then re-render on every save of a source or its style.

Errors are printed and the loop goes on; the last good PDF stays in place because a PDF is
only ever replaced whole (atomic.write_atomic). Folders are watched rather than files, so
editors that save by writing a new file and renaming it are seen too; their parents are
watched as well, so a folder renamed away and created again is watched again. watchfiles (Rust
`notify`) is imported only here.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

from .problems import BriefError, Problem, internal_error
from .report import plural, shown


def style_files(style: str) -> set[Path]:
    """The style file and those it extends, or none if the style cannot be read right now."""
    from .style import chain_files

    try:
        return set(chain_files(style))
    except BriefError:
        return set()


def render_once(source: Path, output: Path, style: str) -> bool:
    """One render; a problem, or a bug in briefpdf, is printed and the watch goes on."""
    from .pipeline import render_file
    from .report import print_problems

    started = time.perf_counter()
    try:
        r = render_file(source, output, style)
    except BriefError as err:
        problem = err
    except Exception as exc:  # a bug must not end the watch; the next save tries again
        problem = internal_error(source, exc)
    else:
        print(f"[{time.strftime('%H:%M:%S')}] {shown(r.path)} ({plural(r.pages, 'page')}, "
              f"{(time.perf_counter() - started) * 1000:.0f} ms)", flush=True)
        if r.warnings:
            print_problems(BriefError(list(r.warnings)))
        return True
    print(f"[{time.strftime('%H:%M:%S')}] {shown(source)}: not rendered; {shown(output)} keeps the last good version",
          file=sys.stderr, flush=True)
    print_problems(problem)
    sys.stderr.flush()
    return False


def watch(outputs: dict[Path, Path], style: str, *, debounce_ms: int = 300) -> int:
    """Re-render each source -> output pair when it or the style changes; returns 0 on Ctrl-C
    or SIGTERM (the way a watch is stopped). A source whose folder does not exist is an error:
    there would be nothing to watch. A folder renamed away, deleted or replaced is noticed
    (its parent is watched too) and watched again, with its sources rendered, when it is back.
    """
    missing = [Problem(str(s), 1, 1, f"no such folder '{s.parent}'", "check the path: watch needs the folder to exist")
               for s in outputs if not os.path.isdir(s.parent)]
    if missing:
        raise BriefError(missing)
    sources = {s.resolve(): (s, o) for s, o in outputs.items()}
    for source, output in outputs.items():
        render_once(source, output, style)
    try:
        while True:
            moved = _watch_until_moved(sources, style, debounce_ms)
            for path, pair in sources.items():  # a folder came back (or was swapped): its files may be new
                if path.parent in moved and path.parent.is_dir():
                    render_once(*pair, style)
    except KeyboardInterrupt:
        return 0


def _watch_until_moved(sources: dict[Path, tuple[Path, Path]], style: str, debounce_ms: int) -> set[Path]:
    """Render on changes until a watched folder is renamed, deleted, replaced or created, or the
    style's `extends` chain changes; returns the folders that moved (empty: look again)."""
    from watchfiles import watch as watch_paths

    styles = style_files(style)
    folders = {p.parent for p in (*sources, *styles)}
    armed = {folder: _identity(folder) for folder in folders}
    gone = sorted(str(f) for f, ident in armed.items() if ident is None)
    print(f"watching {plural(len(sources), 'source')} and style '{style}' (Ctrl-C to stop)"
          + (f"; waiting for {', '.join(gone)} to exist" if gone else ""), file=sys.stderr, flush=True)
    targets = sorted({str(_nearest(f)) for f in folders} | {str(_nearest(f.parent)) for f in folders})
    try:
        for changes in watch_paths(*targets, debounce=debounce_ms, recursive=False, raise_interrupt=True):
            moved = {f for f, ident in armed.items() if _identity(f) != ident}
            if moved:
                return moved
            changed = {Path(path).resolve() for _, path in changes}
            if changed & styles:  # the caches are keyed on the style's files: nothing to clear
                for source, output in sources.values():
                    render_once(source, output, style)
                if style_files(style) != styles:
                    return set()  # `extends` changed: watch other folders
            else:
                for path in sorted(changed & set(sources)):
                    render_once(*sources[path], style)
    except FileNotFoundError:  # a folder vanished between looking and watching
        time.sleep(debounce_ms / 1000)
    return set()


def _identity(folder: Path) -> tuple[int, int] | None:
    """Which folder is at this path now (device, inode); None if none is."""
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISDIR(st.st_mode) else None


def _nearest(folder: Path) -> Path:
    """The folder itself, or its nearest ancestor that exists (where it would reappear)."""
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder
