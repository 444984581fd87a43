"""`briefpdf watch`: render, then re-render on every save of a source or its style.

Errors are printed and the loop goes on; the last good PDF stays in place because a PDF is
only ever replaced whole (atomic.write_atomic). Folders are watched rather than files, so
editors that save by writing a new file and renaming it are seen too. watchfiles (Rust
`notify`) is imported only here.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .problems import BriefError, internal_error
from .report import plural


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
        print(f"[{time.strftime('%H:%M:%S')}] {r.path} ({plural(r.pages, 'page')}, "
              f"{(time.perf_counter() - started) * 1000:.0f} ms)", flush=True)
        return True
    print(f"[{time.strftime('%H:%M:%S')}] {source}: not rendered; {output} keeps the last good version",
          file=sys.stderr, flush=True)
    print_problems(problem)
    sys.stderr.flush()
    return False


def watch(outputs: dict[Path, Path], style: str, *, debounce_ms: int = 300) -> int:
    """Re-render each source -> output pair when it or the style changes; returns on Ctrl-C."""
    from watchfiles import watch as watch_paths

    sources = {s.resolve(): (s, o) for s, o in outputs.items()}
    for source, output in outputs.items():
        render_once(source, output, style)
    try:
        while True:
            styles = style_files(style)
            folders = sorted({p.parent for p in (*sources, *styles) if p.parent.is_dir()})
            print(f"watching {plural(len(sources), 'source')} and style '{style}' "
                  "(Ctrl-C to stop)", file=sys.stderr, flush=True)
            restart = False
            for changes in watch_paths(*folders, debounce=debounce_ms, recursive=False, raise_interrupt=False):
                changed = {Path(path).resolve() for _, path in changes}
                if changed & styles:  # the caches are keyed on the style's files: nothing to clear
                    for source, output in outputs.items():
                        render_once(source, output, style)
                    restart = style_files(style) != styles  # `extends` changed: watch other folders
                else:
                    for path in sorted(changed & set(sources)):
                        render_once(*sources[path], style)
                if restart:
                    break
            if not restart:
                return 0  # Ctrl-C: watchfiles stops quietly
    except KeyboardInterrupt:
        return 0
