"""A batch on a Dask cluster: the same plan, progress, cache and outcomes as a local batch;
only where the renders run differs (`render_many(..., scheduler=...)`, `--scheduler`).

The workers may not share a file system with this machine, so nothing crosses by path. The
client reads each source (with the checks and messages of a local render) and sends its text
with the name it has here; the style travels once per batch as content (the validated style
and its logo's bytes, under a key that hashes them). A worker sends back PDF bytes, or problems
that name the client's file, and the client writes every output atomically.

A worker prepares a style (ReportLab, fonts, paragraph styles) once and keeps it under that key
for every later task. A worker whose briefpdf, ReportLab or font packages differ from the
client's is refused: the same inputs must give the same bytes wherever they render. Dask is
imported only by the functions here that talk to it, never by a local batch or render.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from .batch import FAILED, RENDERED, Job, Outcome, chunk_size, render_text, style_fingerprint
from .problems import BriefError, Problem, internal_error
from .version import __version__

RETRIES = 2  # a task that raised (not a source's problem: those are values) runs again this often
CONNECT_TIMEOUT = 10  # seconds to reach a scheduler
WORKER_TIMEOUT = 60  # seconds to wait for a scheduler's first worker
REFUSED_HINT = ("install the same versions on every worker as on this machine "
                "(pip install 'briefpdf[cluster]=={version}' and the same fontpkg-* packages), or stop that worker")


@dataclass(frozen=True)
class StylePack:
    """A style as content, for workers that cannot read its files: the validated style, its
    logo's bytes, and the client's versions (`environment`) that a worker must match."""

    key: str
    style: Any  # style.Style, its logo still the client's path (a worker replaces it)
    logo: bytes | None
    stamp: tuple[tuple[str, str], ...]


def font_slugs(style: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys((style.fonts.body, style.fonts.heading, style.fonts.mono)))


def pack_style(name: str) -> StylePack:
    """The style `name` as content; a style that cannot be read raises BriefError, as locally."""
    from .style import load

    fingerprint = style_fingerprint(name)
    style = load(name)
    logo = None
    if style.options.logo is not None:
        try:
            logo = Path(style.options.logo).read_bytes()
        except OSError as exc:
            raise BriefError([Problem(style.options.logo, 1, 1, f"cannot read logo: {exc.strerror or exc}")]) from None
    stamp = tuple(sorted(environment(font_slugs(style)).items()))
    return StylePack(fingerprint, style, logo, stamp)


@lru_cache(maxsize=16)
def environment(slugs: tuple[str, ...]) -> dict[str, str]:
    """What decides a PDF's bytes besides its inputs: the versions of briefpdf and ReportLab,
    and of each font package with a hash of its face files. Asked of every worker."""
    from .fonts import face_files

    out = {"briefpdf": __version__, "reportlab": _version("reportlab")}
    for slug in slugs:
        name = f"fontpkg-{slug}"
        try:
            files = face_files(slug)
        except LookupError:
            out[name] = "not installed"
            continue
        h = hashlib.sha256()
        for path in files:
            h.update(path.read_bytes())
        out[name] = f"{_version(name)} (sha256 {h.hexdigest()[:12]})"
    return out


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def differences(theirs: dict[str, str], ours: dict[str, str]) -> list[str]:
    """'reportlab 4.1 there, 4.2 here' for each package whose versions differ."""
    return [f"{name} {theirs.get(name, 'not installed')} there, {ours.get(name, 'not installed')} here"
            for name in sorted(set(ours) | set(theirs)) if theirs.get(name) != ours.get(name)]


# ----------------------------------------------------------------------------- what a worker runs

_LOCK = threading.Lock()  # one render at a time per process: ReportLab keeps global settings
_READY: dict[str, tuple[Any, str | None]] = {}  # StylePack.key -> (Style, None) or (None, why refused)


def render_remote(payloads: Sequence[tuple[int, str, str, Any]], pack: StylePack) -> list[tuple]:
    """A task: each (index, client's file name, text, what changed or None) -> (index, PDF bytes
    or None, pages, problems). A source's problem is a value, so a task raises only if the
    worker breaks."""
    with _LOCK:
        style, refused = _prepared(pack)
        if refused is not None:
            hint = REFUSED_HINT.format(version=dict(pack.stamp).get("briefpdf"))
            return [(index, None, 0, [Problem(name, 1, 1, f"{_worker_name()} refused it: {refused}", hint)])
                    for index, name, *_ in payloads]
        return [(index, *render_text(name, text, style, changes)) for index, name, text, changes in payloads]


def _prepared(pack: StylePack) -> tuple[Any, str | None]:
    """The style, warmed once per worker process (fonts, paragraph styles) and kept under the pack's key; or why
    this worker may not render it (its versions differ from the client's)."""
    hit = _READY.get(pack.key)
    if hit is not None:
        return hit
    differ = differences(environment(font_slugs(pack.style)), dict(pack.stamp))
    if differ:
        ready: tuple[Any, str | None] = (None, "; ".join(differ))
    else:
        from .engine import warm

        style = pack.style
        if pack.logo is not None:
            style = replace(style, options=replace(style.options, logo=str(_logo_file(pack))))
        warm(style)  # ReportLab, the fonts and the paragraph styles, now and once
        ready = (style, None)
    if len(_READY) >= 8:
        _READY.clear()
    _READY[pack.key] = ready
    return ready


def _logo_file(pack: StylePack) -> Path:
    """The logo's bytes in a file of this worker's, named by their hash (ReportLab draws from a file)."""
    from .atomic import write_atomic

    path = _scratch() / (hashlib.sha256(pack.logo).hexdigest() + Path(pack.style.options.logo).suffix.lower())
    if not path.exists():
        write_atomic(path, pack.logo)
    return path


def _scratch() -> Path:
    try:
        from distributed import get_worker

        return Path(get_worker().local_directory) / "briefpdf"
    except (ImportError, ValueError):
        return Path(tempfile.gettempdir()) / f"briefpdf-{os.getuid() if hasattr(os, 'getuid') else 'user'}"


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return f"worker {get_worker().address}"
    except (ImportError, ValueError):
        return "worker"


def _given(pack: StylePack) -> StylePack:
    """The task that holds the style pack on the cluster (recomputable if its worker dies)."""
    return pack


# ----------------------------------------------------------------------------- the client's side

class DaskExecutor:
    """The batch Executor on a Dask cluster. `scheduler`: an address (tcp://host:8786), "local"
    for a LocalCluster of `jobs` worker processes (0: all cores; one thread each, no dashboard),
    or a `distributed.Client`, which is used as it is and left open. From an address or "local"
    it connects for each batch and disconnects after it, stopping a LocalCluster it started."""

    def __init__(self, scheduler: Any, *, jobs: int = 0, retries: int = RETRIES):
        self.scheduler = scheduler
        self.jobs = jobs
        self.retries = retries
        self._client: Any = None
        self._cluster: Any = None
        self._checked: set[str] = set()
        self._counted = (float("-inf"), 1)  # (when, how many workers)

    @property
    def workers(self) -> int:
        """Worker processes on the cluster (asked at most once a second: workers come and go);
        before connecting, what `jobs` asks for."""
        if self._client is None:
            return max(1, self.jobs or 1)
        now = time.monotonic()
        if now - self._counted[0] > 1.0:
            self._counted = (now, max(1, len(self._client.nthreads())))
        return self._counted[1]

    def map_unordered(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> Iterator[Any]:
        """Any picklable function on the cluster; closing the iterator cancels what has not run."""
        client = self._connect(len(items))
        from distributed import as_completed

        futures = [client.submit(fn, item, pure=False, retries=self.retries) for item in items]
        try:
            for fut in as_completed(futures, loop=client.loop):
                yield fut.result()
        finally:
            client.cancel(futures)
            self._disconnect()

    def render_jobs(self, todo: Sequence[Job], style: str, changes: dict | None = None) -> Iterator[Outcome]:
        """A batch's renders: read each source here, render on the workers, write the PDFs here.

        At most about three chunks per worker are in flight, so a batch of any size holds only
        those sources' text. When a task breaks (its workers died more often than the scheduler
        allows), its sources become suspects, tried again one at a time with nothing else
        suspect beside them: a source that kills every worker fails alone, with a message, and
        the sources that only shared a worker with it are rendered.
        """
        client = self._connect(len(todo))
        try:
            from distributed import as_completed

            pack = pack_style(style)
            self._check(client, pack)
            held = client.submit(_given, pack, key=f"briefpdf-style-{pack.key}")
            size = chunk_size(len(todo), self.workers)
            queue = deque(list(range(i, min(i + size, len(todo)))) for i in range(0, len(todo), size))
            suspects: deque[int] = deque()
            running: dict[Any, tuple[list[int], bool]] = {}  # future -> (its jobs, is it a suspect)
            done = as_completed(loop=client.loop)
            try:
                while queue or suspects or running:
                    for indices, suspect in self._next(queue, suspects, running):
                        fut, sent, failed = self._submit(client, todo, indices, held, changes or {})
                        yield from failed
                        if fut is not None:
                            running[fut] = (sent, suspect)
                            done.add(fut)
                    if not running:
                        continue
                    fut = next(done)
                    indices, suspect = running.pop(fut)
                    if fut.status == "finished":
                        yield from (_write(todo[index], *rest) for index, *rest in fut.result())
                    elif suspect:
                        yield _broke(todo[indices[0]], _error(fut))
                    else:
                        suspects.extend(indices)
            finally:
                client.cancel(list(running))
                held.release()
        finally:
            self._disconnect()

    def _next(self, queue: deque, suspects: deque, running: dict) -> Iterator[tuple[list[int], bool]]:
        """What to send now: one suspect if none is out, then chunks up to the window."""
        if suspects and not any(suspect for _, suspect in running.values()):
            yield [suspects.popleft()], True
        while queue and len(running) < 3 * self.workers + 1:
            yield queue.popleft(), False

    def _submit(self, client: Any, todo: Sequence[Job], indices: list[int], held: Any,
                changes: dict) -> tuple[Any, list, list]:
        """Read the chunk's sources here and send their text: (future, indices sent, failures).
        A source that cannot be read (or whose output would overwrite it) fails here, as locally."""
        payloads, failed = [], []
        for index in indices:
            text = _read(todo[index])
            if isinstance(text, Outcome):
                failed.append(text)
            else:
                payloads.append((index, str(todo[index].source), text, changes.get(todo[index].source)))
        if not payloads:
            return None, [], failed
        fut = client.submit(render_remote, payloads, held, pure=False, retries=self.retries)
        return fut, [index for index, *_ in payloads], failed

    def _connect(self, count: int) -> Any:
        if self._client is not None:
            return self._client
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise BriefError([Problem("--scheduler", 1, 1, "rendering on a cluster needs Dask, which is not installed",
                                      "pip install 'briefpdf[cluster]'")]) from None
        if not isinstance(self.scheduler, str):
            self._client = self.scheduler
        elif self.scheduler == "local":
            workers = max(1, min(self.jobs or os.cpu_count() or 1, count))
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                         dashboard_address=None, silence_logs=logging.CRITICAL)
            self._client = Client(self._cluster, set_as_default=False)
        else:
            self._client = _reach(Client, self.scheduler)
        return self._client

    def _check(self, client: Any, pack: StylePack) -> None:
        """Refuse the batch if a worker's versions differ from ours (asked once per worker)."""
        try:
            client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
        except TimeoutError:
            raise BriefError([Problem(str(self.scheduler), 1, 1, f"no worker joined the scheduler in {WORKER_TIMEOUT} s",
                                      f"start workers with `dask worker {self.scheduler}`")]) from None
        new = [w for w in client.nthreads() if w not in self._checked]
        if not new:
            return
        ours = dict(pack.stamp)
        theirs = client.run(environment, font_slugs(pack.style), workers=new, on_error="return")
        problems = []
        for address, env in sorted(theirs.items()):
            if isinstance(env, ImportError):
                problems.append(Problem(address, 1, 1, f"worker refused: briefpdf cannot be imported there ({env})",
                                        REFUSED_HINT.format(version=__version__)))
            elif isinstance(env, dict) and (differ := differences(env, ours)):
                problems.append(Problem(address, 1, 1, "worker refused: " + "; ".join(differ),
                                        REFUSED_HINT.format(version=__version__)))
            elif isinstance(env, dict):
                self._checked.add(address)
        if problems:  # a worker that went away meanwhile is no reason to stop; a mismatch is
            raise BriefError(problems)

    def _disconnect(self) -> None:
        """Close what this executor opened (never a Client it was given)."""
        if isinstance(self.scheduler, str) and self._client is not None:
            self._client.close()
            if self._cluster is not None:
                self._cluster.close()
            self._client = self._cluster = None
            self._checked = set()
            self._counted = (float("-inf"), 1)


def _reach(client_class: Any, address: str) -> Any:
    try:
        return client_class(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise BriefError([Problem(address, 1, 1, f"cannot reach the Dask scheduler: {exc}",
                                  f"start one with `dask scheduler` and workers with `dask worker {address}`, "
                                  "or use --scheduler local")]) from None


def _read(job: Job) -> str | Outcome:
    from .atomic import refuse_overwriting
    from .source import read_text

    try:
        refuse_overwriting(job.output, [job.source])
        return read_text(job.source)
    except BriefError as err:
        return Outcome(job.source, job.output, FAILED, problems=err.problems)


def _write(job: Job, data: bytes | None, pages: int, problems: list[Problem]) -> Outcome:
    """The worker's answer for one job as its Outcome, the PDF written here, atomically."""
    from .atomic import write_atomic

    if data is None:
        return Outcome(job.source, job.output, FAILED, problems=problems)
    try:
        write_atomic(job.output, data)
    except BriefError as err:
        return Outcome(job.source, job.output, FAILED, problems=err.problems)
    except Exception as exc:
        return Outcome(job.source, job.output, FAILED, problems=internal_error(job.source, exc).problems)
    return Outcome(job.source, job.output, RENDERED, pages, len(data), key=job.key)


def _error(fut: Any) -> BaseException | None:
    try:
        return fut.exception()
    except BaseException as exc:  # cancelled by someone else: the scheduler restarted, say
        return exc


def _broke(job: Job, exc: BaseException | None) -> Outcome:
    """A source whose task broke (its worker died each time it was tried) as a failed Outcome."""
    problem = Problem(str(job.source), 1, 1, f"internal error: the cluster could not render it "
                      f"({type(exc).__name__}: {exc})",
                      "a worker stopped while rendering this source; please report this with the source file")
    return Outcome(job.source, job.output, FAILED, problems=[problem])

