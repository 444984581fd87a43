"""Stopping on a signal: SIGTERM (what CI time-outs and process managers send) is handled like
Ctrl-C, promptly, and a batch's workers never outlive the command.

The command's process turns SIGTERM into `Terminated`, a KeyboardInterrupt, so every
`finally` runs: the temporary file being written is removed, the batch cache records what was
written, the workers are stopped. The CLI exits 130 after SIGINT, 143 after SIGTERM (128 + the
signal's number, as a shell reports a process killed by it).

A worker ignores SIGINT (Ctrl-C reaches the whole process group; the parent decides) and ends
at once on SIGTERM, removing its temporary file first. The parent sends SIGTERM to its workers
when it stops, and on Linux the kernel sends it when the parent dies (PR_SET_PDEATHSIG);
elsewhere a watcher thread notices the parent is gone within a second.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from typing import Iterator

from .atomic import remove_temporaries

_STOPPING = (signal.SIGINT, signal.SIGTERM)


class Terminated(KeyboardInterrupt):
    """SIGTERM asked the command to stop. The signal is a class attribute, not an argument:
    libraries re-raise exceptions as `type(exc)(message)` (ReportLab's paragraph parser does)."""

    signum = signal.SIGTERM


def exit_code(exc: BaseException) -> int:
    """128 + the signal's number: 130 for Ctrl-C (SIGINT), 143 for SIGTERM."""
    return 128 + getattr(exc, "signum", signal.SIGINT)


def _raise(signum: int, frame) -> None:
    raise Terminated("SIGTERM")


@contextlib.contextmanager
def term_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises Terminated where the program is, as Ctrl-C raises
    KeyboardInterrupt; the previous handler comes back after it (the CLI may run in-process)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.getsignal(signum) for signum in _STOPPING}
    signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            if handler is not None:
                signal.signal(signum, handler)


def ignore_further() -> None:
    """While the command reports a stop, a second Ctrl-C must not print a traceback (until the
    end of `term_as_interrupt`, which puts the handlers back)."""
    if threading.current_thread() is threading.main_thread():
        for signum in _STOPPING:
            signal.signal(signum, signal.SIG_IGN)


@contextlib.contextmanager
def held() -> Iterator[None]:
    """SIGINT and SIGTERM wait (they are not lost) while workers are started: a child forked
    meanwhile inherits the block, so no signal reaches it before `worker_start` has set its
    handlers."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def worker_start(parent: int) -> None:
    """First thing in a batch worker: ignore Ctrl-C, end cleanly on SIGTERM, die with `parent`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _end_worker)
    if not _death_signal():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)
    if os.getppid() != parent:  # the parent died before the death signal was armed
        _end_worker(signal.SIGTERM, None)


def _end_worker(signum: int, frame) -> None:
    """Remove the temporary file being written, then end now: the parent has stopped the batch.
    Imports nothing: the signal may arrive in the middle of an import."""
    remove_temporaries()
    os._exit(128 + signum)


def _death_signal() -> bool:
    """Ask Linux to send this process SIGTERM when its parent dies; False where there is no prctl."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(1, int(signal.SIGTERM), 0, 0, 0) == 0  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os.kill(os.getpid(), signal.SIGTERM)


def stop_workers(processes) -> None:
    """SIGTERM to each live worker process (they remove their temporary files and end)."""
    for process in list(processes):
        with contextlib.suppress(Exception):
            if process.is_alive():
                process.terminate()
