"""Many sources at once: which need rendering, a pool of workers, progress and a summary.

A render is skipped when its output still carries the same inputs: a small cache file in the
output folder records, per output, a hash of the source bytes, the style files (with the
styles they extend), the font files and the briefpdf version. `force` renders everything.

Workers are processes reused across documents (sources are sent in chunks), so the
per-process style and font cache in `pipeline` is paid once per worker; `jobs=1` renders in
this process. The progress bar (tqdm) is imported only when a batch runs on a terminal.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import closing
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import __version__
from .paths import default_output
from .problems import BriefError, Problem
from .report import plural

CACHE_NAME = ".briefpdf-cache.json"
RENDERED, UP_TO_DATE, FAILED = "rendered", "up to date", "failed"


@dataclass
class Outcome:
    """What happened to one source."""

    source: Path
    output: Path
    status: str
    pages: int = 0
    size: int = 0
    problems: list[Problem] = field(default_factory=list)
    key: str = ""


@dataclass
class BatchResult:
    outcomes: list[Outcome]
    seconds: float

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == FAILED]


# ----------------------------------------------------------------------------- what is up to date

@lru_cache(maxsize=8)
def style_fingerprint(style: str) -> str:
    """Hash of the style file, the styles it extends and the font files it names (no ReportLab)."""
    from .fonts import _face_files
    from .style import _chain, load, resolve

    h = hashlib.sha256(f"briefpdf {__version__}\0".encode())
    for doc in _chain(resolve(style), seen=()):
        h.update(Path(doc.file).read_bytes())
    loaded = load(style)
    for slug in dict.fromkeys((loaded.fonts.body, loaded.fonts.heading, loaded.fonts.mono)):
        for path in _face_files(slug):
            h.update(path.read_bytes())
    return h.hexdigest()


def source_key(source: Path, style_fp: str) -> str:
    try:
        data = source.read_bytes()
    except OSError:
        return ""  # unreadable: never up to date; the render reports why
    return hashlib.sha256(style_fp.encode() + b"\0" + data).hexdigest()


class Cache:
    """out/.briefpdf-cache.json: output name -> key, size and pages of the last good render."""

    def __init__(self, out_dir: Path):
        self.path = out_dir / CACHE_NAME
        try:
            self.entries: dict = json.loads(self.path.read_text(encoding="utf-8")).get("entries", {})
        except (OSError, ValueError, AttributeError):
            self.entries = {}

    def fresh(self, output: Path, key: str) -> dict | None:
        entry = self.entries.get(str(output))
        if not key or not entry or entry.get("key") != key:
            return None
        try:
            return entry if output.stat().st_size == entry.get("size") else None
        except OSError:
            return None

    def record(self, o: Outcome) -> None:
        if o.status == RENDERED and o.key:
            self.entries[str(o.output)] = {"key": o.key, "size": o.size, "pages": o.pages, "source": str(o.source)}
        elif o.status == FAILED:
            self.entries.pop(str(o.output), None)

    def save(self) -> None:
        from .pdf.save import write_atomic

        data = json.dumps({"version": 1, "entries": dict(sorted(self.entries.items()))}, indent=1)
        try:
            write_atomic(self.path, data.encode())
        except BriefError:
            pass  # a cache that cannot be written only costs a re-render next time


# ----------------------------------------------------------------------------- rendering

def _render_one(source: Path, output: Path, style: str, key: str) -> Outcome:
    from .pipeline import render_file
    from .report import internal_error

    try:
        r = render_file(source, output, style)
    except BriefError as err:
        return Outcome(source, output, FAILED, problems=err.problems)
    except Exception as exc:  # a bug must not take the other documents down with it
        return Outcome(source, output, FAILED, problems=internal_error(source, exc).problems)
    return Outcome(source, output, RENDERED, r.pages, r.size, key=key)


def _render_chunk(jobs: list[tuple[Path, Path, str]], style: str) -> list[Outcome]:
    return [_render_one(s, o, style, k) for s, o, k in jobs]


def _warm(style: str) -> None:
    """Worker start: load ReportLab, the fonts and the style once, before the first document."""
    try:
        from .engine import warm
        from .style import load

        warm(load(style))  # builds fonts and paragraph styles
    except Exception:
        pass  # the first document reports the problem with its own name


@dataclass
class Plan:
    """What a batch will do: outcomes known without rendering (up to date, clashing outputs)
    and the (source, output, key) jobs left to render; `order` is the sources' given order."""

    done: list[Outcome]
    todo: list[tuple[Path, Path, str]]
    order: dict[Path, int]


def plan(sources: Iterable[Path], out_dir: Path, style_fp: str, cache: Cache, *, force: bool = False) -> Plan:
    """Claim each source's output (two sources with one output: the second fails) and skip
    the ones whose cached inputs still match."""
    done: list[Outcome] = []
    todo: list[tuple[Path, Path, str]] = []
    claimed: dict[Path, Path] = {}
    for source in sources:
        output = default_output(source, out_dir)
        if output in claimed:
            done.append(Outcome(source, output, FAILED, problems=[Problem(
                str(source), 1, 1, f"output {output} is also the output of {claimed[output]}",
                "rename one of the sources, or render them separately with -o")]))
            continue
        claimed[output] = source
        key = source_key(source, style_fp)
        entry = None if force else cache.fresh(output, key)
        if entry:
            done.append(Outcome(source, output, UP_TO_DATE, entry.get("pages", 0), entry.get("size", 0), key=key))
        else:
            todo.append((source, output, key))
    return Plan(done, todo, {s: i for i, s in enumerate(claimed.values())})


def execute(todo: list[tuple[Path, Path, str]], style: str, jobs: int) -> Iterator[Outcome]:
    """Render the jobs, yielding each Outcome as it completes: in this process for one
    worker, else in a pool of processes fed chunks of jobs."""
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    if workers <= 1:
        for s, o, k in todo:
            yield _render_one(s, o, style, k)
        return
    chunk = max(1, min(8, math.ceil(len(todo) / (workers * 4))))
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm, initargs=(style,)) as pool:
        futures = [pool.submit(_render_chunk, todo[i:i + chunk], style) for i in range(0, len(todo), chunk)]
        try:
            for fut in as_completed(futures):
                yield from fut.result()
        except BaseException:  # Ctrl-C, or the caller stopped iterating: drop the queued chunks
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def render_many(sources: Iterable[Path], out_dir: Path = Path("out"), style: str = "default", *,
                jobs: int = 0, force: bool = False,
                on_outcome: Callable[[Outcome], None] | None = None,
                on_plan: Callable[[int], None] | None = None) -> BatchResult:
    """Render sources to out_dir/NAME.pdf, skipping those whose inputs have not changed.

    `jobs` 0 means all cores; 1 renders in this process. A failure is an Outcome with its
    problems, never an exception, so one bad source does not stop the others. A style that
    cannot be loaded at all raises BriefError before anything is rendered.
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    cache = Cache(out_dir)
    planned = plan(sources, out_dir, style_fingerprint(style), cache, force=force)
    note = on_outcome or (lambda o: None)
    outcomes: list[Outcome] = []
    for o in planned.done:
        outcomes.append(o)
        note(o)
    if on_plan:
        on_plan(len(planned.todo))
    try:
        with closing(execute(planned.todo, style, jobs)) as rendered:  # closing: the pool stops with us
            for outcome in rendered:
                outcomes.append(outcome)
                cache.record(outcome)
                note(outcome)
    finally:
        if planned.todo:
            cache.save()
    outcomes.sort(key=lambda o: planned.order.get(o.source, len(planned.order)))
    return BatchResult(outcomes, time.perf_counter() - started)


# ----------------------------------------------------------------------------- what the terminal shows

def run_batch(sources: list[Path], *, out_dir: Path, style: str, jobs: int, quiet: bool, force: bool) -> int:
    """The CLI's batch: progress (bar on a terminal, lines otherwise), summary, failures; exit code."""
    from .report import paint, print_problems

    bar = None
    plain = not quiet and not sys.stderr.isatty()
    state = {"done": 0, "total": len(sources)}

    def on_plan(n: int) -> None:
        nonlocal bar
        if not quiet and not plain and n > 1:
            from tqdm import tqdm

            bar = tqdm(total=n, unit="doc", file=sys.stderr, dynamic_ncols=True, leave=False,
                       desc="rendering", disable=None)

    def on_outcome(o: Outcome) -> None:
        state["done"] += 1
        if bar is not None and o.status != UP_TO_DATE:
            bar.update(1)
            bar.set_postfix_str(o.source.name, refresh=False)
        if plain:
            n = f"[{state['done']}/{state['total']}]"
            if o.status == RENDERED:
                print(f"{n} {o.output} ({plural(o.pages, 'page')})", flush=True)
            else:
                print(f"{n} {o.status}: {o.output if o.status == UP_TO_DATE else o.source}", flush=True)

    try:
        result = render_many(sources, out_dir, style, jobs=jobs, force=force, on_outcome=on_outcome, on_plan=on_plan)
    finally:
        if bar is not None:
            bar.close()
    failed = result.failed
    if not quiet:
        rendered = result.count(RENDERED)
        rate = f" ({rendered / result.seconds:.1f} docs/s)" if rendered and result.seconds > 0 else ""
        parts = [f"rendered {rendered}", f"up to date {result.count(UP_TO_DATE)}",
                 paint(f"failed {len(failed)}", "1;31") if failed else "failed 0"]
        print(" · ".join(parts) + f" in {result.seconds:.1f} s{rate}", file=sys.stderr)
    if failed:
        print(paint(f"{plural(len(failed), 'source')} failed:", "1"), file=sys.stderr)
        for o in failed:
            print_problems(BriefError(o.problems))
    return 1 if failed else 0
