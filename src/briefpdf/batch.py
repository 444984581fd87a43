"""Many sources at once, as a library: plan (what is up to date), execute (render the rest on
an executor), results (one Outcome per source). Prints nothing; the terminal's progress bar,
summary and exit code are `report.run_batch`.

A render is skipped when its output still carries the same inputs: a small cache file in the
output folder records, per output, a hash of the source bytes, the style files (with the
styles they extend and the logo), the font files and the briefpdf version. `force` renders
everything.

Where the renders run is pluggable (`Executor`): in this process, a local pool of processes
(the default for more than one job), or anything that runs a picklable function on picklable
chunks, such as a cluster. Planning, progress callbacks, the cache and the results are the
same whichever executor runs the chunks.
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
import multiprocessing
import os
import time
from concurrent.futures import Executor as FuturesPool
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, NamedTuple, Protocol, Sequence

from .paths import default_output, read_regular

if TYPE_CHECKING:
    from .checks import Checks
from .problems import BriefError, Problem, internal_error
from .version import __version__

CACHE_NAME = ".briefpdf-cache.json"
RENDERED, UP_TO_DATE, FAILED = "rendered", "up to date", "failed"


class Job(NamedTuple):
    """One render to do: the source, its output, and the cache key its inputs had when planned."""

    source: Path
    output: Path
    key: str


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
    warnings: tuple[Problem, ...] = ()  # a rendered (or up-to-date) source's warnings


@dataclass
class BatchResult:
    """Every source's Outcome, in the order the sources were given, and the batch's wall time."""

    outcomes: list[Outcome]
    seconds: float

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == FAILED]


# ----------------------------------------------------------------------------- what is up to date

def style_fingerprint(style: str) -> str:
    """Hash of what a render reads besides the source: the style file and those it extends,
    its logo, its font files, and briefpdf's version (no ReportLab).

    Read from the files on every call, never remembered by the style's name, so a style
    edited since the last batch in this process is seen; only the font files' hashes are
    kept, keyed on their path, size and time.
    """
    from .fonts import face_files
    from .style import chain_files, load

    h = hashlib.sha256(f"briefpdf {__version__}\0".encode())
    for path in chain_files(style):
        h.update(_read(path))
    loaded = load(style)
    if loaded.options.logo is not None:
        h.update(b"\0logo\0" + _read(Path(loaded.options.logo)))
    for slug in dict.fromkeys((loaded.fonts.body, loaded.fonts.heading, loaded.fonts.mono,
                                   loaded.fonts.figures)):
        for path in face_files(slug):
            h.update(_digest(path))
    return h.hexdigest()


def _read(path: Path) -> bytes:
    data = read_regular(path)
    return b"\0unreadable\0" if data is None else data  # changed under us: the render reports why


_DIGESTS: dict[tuple, bytes] = {}


def _digest(path: Path) -> bytes:
    """sha256 of a large file that rarely changes (a font), read again when its size or time does."""
    st = path.stat()
    key = (str(path.resolve()), st.st_ino, st.st_size, st.st_mtime_ns)
    if key not in _DIGESTS:
        if len(_DIGESTS) >= 64:
            _DIGESTS.clear()
        _DIGESTS[key] = hashlib.sha256(path.read_bytes()).digest()
    return _DIGESTS[key]


def source_key(source: Path, style_fp: str) -> str:
    """The cache key of one source rendered with a style: its bytes (and its previous version's,
    which the What changed box reads) and the style's fingerprint."""
    from .checks import previous_bytes

    data = read_regular(source, limit=1 << 20)
    if data is None:
        return ""  # unreadable, too big or not a file: never up to date; the render reports why
    try:
        data += previous_bytes(source, data)
    except OSError:
        return ""
    return hashlib.sha256(style_fp.encode() + b"\0" + data).hexdigest()


class Cache:
    """out/.briefpdf-cache.json: output name -> key, size and pages of the last good render."""

    def __init__(self, out_dir: Path):
        self.path = out_dir / CACHE_NAME
        try:
            data = json.loads(read_regular(self.path) or b"{}")
        except (ValueError, RecursionError):
            data = {}
        self.entries: dict[str, dict] = _good_entries(data)
        # anything unreadable or of the wrong shape is dropped, and the file is written again whole
        self.repair = self.path.exists() and data != {"version": 1, "entries": self.entries}

    def fresh(self, output: Path, key: str) -> dict | None:
        entry = self.entries.get(str(output))
        if not key or not entry or entry.get("key") != key:
            return None
        try:
            return entry if output.stat().st_size == entry.get("size") else None
        except OSError:
            return None

    def record(self, o: Outcome, checks_key: str | None = None) -> None:
        """Keep a rendered source's entry; with `checks_key` (made before the render), its warnings too."""
        if o.status == RENDERED and o.key:
            self.entries[str(o.output)] = {"key": o.key, "size": o.size, "pages": o.pages, "source": str(o.source)}
            if checks_key is not None:
                from .warncache import dump

                self.entries[str(o.output)].update(checks=checks_key, warnings=dump(o.warnings))
        elif o.status == FAILED:
            self.entries.pop(str(o.output), None)

    def save(self) -> None:
        """Write the cache whole (atomically); a cache that cannot be written only costs a re-render."""
        from .atomic import write_atomic

        data = json.dumps({"version": 1, "entries": dict(sorted(self.entries.items()))}, indent=1)
        try:
            write_atomic(self.path, data.encode())
        except BriefError:
            pass
        else:
            self.repair = False


def _good_entries(data: object) -> dict[str, dict]:
    """The entries of a cache file that have the shape this version writes; others are dropped
    (an edited, truncated or foreign file must cost re-renders, never a crash)."""
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        return {}
    good = {}
    for name, entry in entries.items():
        if (isinstance(entry, dict) and isinstance(entry.get("key"), str)
                and all(type(entry.get(k)) is int and entry[k] >= 0 for k in ("size", "pages"))
                and isinstance(entry.get("source", ""), str)):
            good[name] = entry
    return good


@dataclass
class Plan:
    """What a batch will do: outcomes known without rendering (up to date, clashing outputs)
    and the jobs left to render; `order` is the sources' given order."""

    done: list[Outcome]
    todo: list[Job]
    order: dict[Path, int]


def plan(sources: Iterable[Path], out_dir: Path, style_fp: str, cache: Cache, *, force: bool = False) -> Plan:
    """Claim each source's output (two sources with one output: the second fails) and skip
    the ones whose cached inputs still match."""
    done: list[Outcome] = []
    todo: list[Job] = []
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
            todo.append(Job(source, output, key))
    return Plan(done, todo, {s: i for i, s in enumerate(claimed.values())})


# ----------------------------------------------------------------------------- the work a worker does

def render_one(job: Job, style: str, checks: "Checks | None" = None) -> Outcome:
    """Render one job; a problem or a bug is a FAILED Outcome, never an exception, so one bad
    source does not take the others down with it."""
    from .checks import DEFAULT
    from .pipeline import render_file

    try:
        r = render_file(job.source, job.output, style, checks or DEFAULT)
    except BriefError as err:
        return Outcome(job.source, job.output, FAILED, problems=err.problems)
    except Exception as exc:
        return Outcome(job.source, job.output, FAILED, problems=internal_error(job.source, exc).problems)
    return Outcome(job.source, job.output, RENDERED, r.pages, r.size, key=job.key, warnings=r.warnings)


def render_text(name: str, text: str, style: Any, changes: Any = None) -> tuple[bytes | None, int, list[Problem]]:
    """Render one source given as text into (PDF bytes, pages, []) or (None, 0, problems): a
    worker without the client's files (a cluster's) runs this, and the client writes the file.
    Like `render_one`, a problem or a bug is a value, never an exception. `changes` is the What
    changed box's content, found where the previous version is (the client)."""
    from .pipeline import build_text

    try:
        built = build_text(text, name, style, changes)
    except BriefError as err:
        return None, 0, err.problems
    except Exception as exc:
        return None, 0, internal_error(name, exc).problems
    return built.data, built.pages, []


def recheck(o: Outcome, checks: "Checks | None", cache: Cache | None = None) -> Outcome:
    """An up-to-date source's warnings: from the cache while what the checks read (configuration,
    code sets, options) is unchanged (warncache.py), else found again and kept."""
    if o.status != UP_TO_DATE:
        return o
    from . import warncache
    from .checks import DEFAULT, check_file

    checks = checks or DEFAULT
    entry = cache.entries.get(str(o.output)) if cache is not None else None
    key = warncache.checks_key(o.source, checks, _digest) if entry is not None else None
    warnings = warncache.load(entry.get("warnings")) if key is not None and entry.get("checks") == key else None
    try:
        if warnings is None:
            warnings = check_file(o.source, checks)[2].warnings
            if key is not None:
                entry.update(checks=key, warnings=warncache.dump(warnings))
                cache.repair = True  # written again at the end of the batch
    except BriefError as err:
        return Outcome(o.source, o.output, FAILED, problems=err.problems)
    if checks.strict and warnings:
        return Outcome(o.source, o.output, FAILED, problems=list(warnings))
    return Outcome(o.source, o.output, o.status, o.pages, o.size, key=o.key, warnings=warnings)


def _checks_keys(todo: Sequence[Job], checks: "Checks | None") -> dict[Path, str | None]:
    from .checks import DEFAULT
    from .warncache import checks_key

    return {job.output: checks_key(job.source, checks or DEFAULT, _digest) for job in todo}


def render_chunk(jobs: Sequence[Job], style: str, checks: "Checks | None" = None) -> list[Outcome]:
    """The unit an executor runs: a few jobs in one call, so a worker's per-call cost is shared."""
    return [render_one(Job(*job), style, checks) for job in jobs]


def warm(style: str) -> None:
    """Worker start: load ReportLab, the fonts and the style once, before the first document."""
    from .engine import warm as warm_engine  # outside the try: a missing function must fail loudly
    from .style import load

    try:
        warm_engine(load(style))  # builds fonts and paragraph styles
    except Exception:
        pass  # the first document reports the problem with its own name


# ----------------------------------------------------------------------------- where it runs

class Executor(Protocol):
    """Where a batch's chunks run: this process, a local pool, or a cluster.

    `workers`: how many chunks run at once (it sizes the chunks). `map_unordered(fn, items)`
    calls fn(item) once per item and yields each result as soon as it is ready, in any order;
    fn (a functools.partial of a module-level function) and the items pickle. If the caller
    stops early (closes the iterator, or an exception passes through), items not yet started
    are cancelled.

    An executor whose workers do not see this machine's files (a cluster) also has
    `render_jobs(todo, style, changes) -> Iterator[Outcome]`: it ships the sources' text (with what
    changed since a previous version, found here: `changes` by source path) and the style
    by content and writes the PDFs here itself; `execute` then hands it the whole todo list.
    """

    workers: int

    def map_unordered(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> Iterator[Any]: ...


class InProcess:
    """Everything in this process, one item at a time (jobs=1, or a single document)."""

    workers = 1

    def map_unordered(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> Iterator[Any]:
        for item in items:
            yield fn(item)


class FuturesExecutor:
    """Any concurrent.futures.Executor the caller made and will shut down: a ProcessPoolExecutor,
    a ThreadPoolExecutor, or a cluster client's futures executor. `workers` sizes the chunks."""

    def __init__(self, pool: FuturesPool, workers: int):
        self.pool = pool
        self.workers = max(1, workers)

    def map_unordered(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> Iterator[Any]:
        futures = [self.pool.submit(fn, item) for item in items]
        try:
            for fut in as_completed(futures):
                yield fut.result()
        finally:  # stopped early: drop what has not started (a no-op for finished futures)
            for fut in futures:
                fut.cancel()


class LocalProcesses:
    """The default for several jobs: a pool of `workers` processes, started for one batch and
    stopped after it; each process runs `initializer(*initargs)` (see `warm`) before its first chunk.
    With `preload`, where workers are forked (Linux), this process runs the initializer first and
    the workers inherit what it loaded, so a batch pays the start-up once, not once per worker.

    Workers die with the batch: they ignore Ctrl-C, are sent SIGTERM as soon as the caller
    stops (an exception, Ctrl-C, SIGTERM or closing the iterator), and die with this process
    if it is killed (see `interrupt`); a worker stopped mid-write removes its temporary file.
    """

    def __init__(self, workers: int, initializer: Callable[..., None] | None = None, initargs: tuple = (),
                 *, preload: bool = False):
        self.workers = max(1, workers)
        self.initializer = initializer
        self.initargs = initargs
        self.preload = preload

    def map_unordered(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> Iterator[Any]:
        from . import interrupt

        preload = self.preload and self.initializer is not None and multiprocessing.get_start_method() == "fork"
        if preload:  # what workers inherit stays out of their collector's reach, so shared pages stay shared
            self.initializer(*self.initargs)
            gc.freeze()
        pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_start_worker,
                                   initargs=(os.getpid(), self.initializer, self.initargs))
        try:
            with interrupt.held():  # the workers are forked here: no signal before their handlers are set
                futures = [pool.submit(fn, item) for item in items]
            for fut in as_completed(futures):
                yield fut.result()
        except BaseException:  # stopped early: the running chunks are abandoned, not waited for
            interrupt.stop_workers(getattr(pool, "_processes", {}).values())
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            if preload:
                gc.unfreeze()


def _start_worker(parent: int, initializer: Callable[..., None] | None, initargs: tuple) -> None:
    from .interrupt import worker_start

    worker_start(parent)
    if initializer is not None:
        initializer(*initargs)


def local_executor(jobs: int, style: str, count: int) -> Executor:
    """The executor `jobs` asks for (0: all cores), never more workers than documents; one
    worker renders in this process."""
    workers = min(jobs or os.cpu_count() or 1, count)
    if workers <= 1:
        return InProcess()
    return LocalProcesses(workers, initializer=warm, initargs=(style,), preload=True)


def chunk_size(count: int, workers: int) -> int:
    """Documents per chunk: one at a time in one worker (progress per document); otherwise about
    four chunks per worker, at most 8 documents each, so the workers finish together."""
    if workers <= 1:
        return 1
    return max(1, min(8, math.ceil(count / (workers * 4))))


def execute(todo: Sequence[Job], style: str, executor: Executor | None = None, *, jobs: int = 0,
            checks: "Checks | None" = None) -> Iterator[Outcome]:
    """Render the jobs on `executor` (default: `local_executor(jobs, ...)`), yielding each
    Outcome as its chunk completes. Close the iterator to stop early."""
    if not todo:
        return
    executor = executor or local_executor(jobs, style, len(todo))
    render_jobs = getattr(executor, "render_jobs", None)
    if render_jobs is not None:  # a cluster: reads and writes here, renders there
        yield from _checked_here(todo, checks, lambda sent, changes: render_jobs(sent, style, changes))
        return
    size = chunk_size(len(todo), executor.workers)
    chunks = [list(todo[i:i + size]) for i in range(0, len(todo), size)]
    with closing(executor.map_unordered(partial(render_chunk, style=style, checks=checks), chunks)) as results:
        for outcomes in results:
            yield from outcomes


def _checked_here(todo: Sequence[Job], checks: "Checks | None",
                  render: Callable[[Sequence[Job], dict], Iterator[Outcome]]) -> Iterator[Outcome]:
    """Warnings for renders done elsewhere: the checks read files (configuration, code sets,
    a previous version) that only this machine has, so they run here, first; a source that
    fails them (an error, or a warning under --strict) is not sent, and the rest carry their
    warnings back. What changed since a previous version is found here too and sent with the
    source (`render` gets it by source path), so the worker draws the same What changed box."""
    from .checks import DEFAULT, check_file

    checks = checks or DEFAULT
    warnings: dict[Path, tuple] = {}
    changes: dict[Path, Any] = {}
    sent = []
    for job in todo:
        try:
            _, briefing, checked = check_file(job.source, checks)
        except BriefError as err:
            yield Outcome(job.source, job.output, FAILED, problems=err.problems)
            continue
        found = checked.warnings
        if checks.strict and found:
            yield Outcome(job.source, job.output, FAILED, problems=list(found))
            continue
        warnings[job.source] = found
        changes[job.source] = checked.comparison(briefing)
        sent.append(job)
    for o in render(sent, changes) if sent else ():
        if o.status == RENDERED:
            o.warnings = warnings.get(o.source, ())
        yield o


# ----------------------------------------------------------------------------- the whole batch

def render_many(sources: Iterable[Path], out_dir: Path = Path("out"), style: str = "default", *,
                jobs: int = 0, force: bool = False, executor: Executor | None = None,
                on_outcome: Callable[[Outcome], None] | None = None,
                on_plan: Callable[[int], None] | None = None, scheduler: Any = None,
                checks: "Checks | None" = None) -> BatchResult:
    """Render sources to out_dir/NAME.pdf, skipping those whose inputs have not changed.

    `executor` runs the renders (default: this process for `jobs=1`, else a local pool of
    `jobs` processes, 0 meaning all cores). Progress: `on_outcome(o)` for every source as its
    Outcome is known (up to date and clashing ones first), `on_plan(n)` once with the number
    left to render, before any render starts. A failure is an Outcome with its problems, never
    an exception, so one bad source does not stop the others; a style that cannot be loaded at
    all raises BriefError before anything is rendered.

    `scheduler` renders on a Dask cluster instead (pip install 'briefpdf[cluster]'): a
    scheduler's address (tcp://host:8786), "local" for a LocalCluster of `jobs` processes, or a
    `distributed.Client`; see `briefpdf.cluster`. Only the executor differs.
    """
    if scheduler is not None and executor is None:
        from .cluster import DaskExecutor  # connects only if something is left to render

        executor = DaskExecutor(scheduler, jobs=jobs)
    started = time.perf_counter()
    out_dir = Path(out_dir)
    cache = Cache(out_dir)
    planned = plan(sources, out_dir, style_fingerprint(style), cache, force=force)
    note = on_outcome or (lambda o: None)
    outcomes: list[Outcome] = []
    for o in planned.done:
        o = recheck(o, checks, cache)
        outcomes.append(o)
        note(o)
    if on_plan:
        on_plan(len(planned.todo))
    keys = _checks_keys(planned.todo, checks)  # made before the renders read what they hash
    try:
        with closing(execute(planned.todo, style, executor, jobs=jobs, checks=checks)) as rendered:  # closing: the pool stops with us
            for outcome in rendered:
                outcomes.append(outcome)
                cache.record(outcome, keys.get(outcome.output))
                note(outcome)
    finally:
        if planned.todo or cache.repair:
            cache.save()
    outcomes.sort(key=lambda o: planned.order.get(o.source, len(planned.order)))
    return BatchResult(outcomes, time.perf_counter() - started)
