"""A local pool's workers inherit what the batch loaded once (ReportLab, fonts, styles) instead
of each loading it again, and their PDFs are the ones a single process makes."""

from __future__ import annotations

import gc
import multiprocessing
import os
from functools import partial

import pytest

from briefpdf.batch import LocalProcesses, render_many
from conftest import FIXTURES, SOURCES

FIRST_LOADED_IN: list[int] = []  # the process the initializer first ran in (module state: inherited on fork)

fork_only = pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="workers are not forked here")


def _load() -> None:
    if not FIRST_LOADED_IN:
        FIRST_LOADED_IN.append(os.getpid())


def _where_loaded(_item, *, seen) -> tuple[int, int]:
    return os.getpid(), seen[0] if seen else -1


@fork_only
def test_workers_inherit_what_the_batch_loaded():
    FIRST_LOADED_IN.clear()
    pool = LocalProcesses(2, initializer=_load, preload=True)
    results = list(pool.map_unordered(partial(_where_loaded, seen=FIRST_LOADED_IN), range(4)))
    assert {loaded for _, loaded in results} == {os.getpid()}  # loaded here, once
    assert os.getpid() not in {pid for pid, _ in results}  # and the work ran in the workers
    assert gc.isenabled() and gc.get_freeze_count() == 0  # nothing left frozen here


@fork_only
def test_without_preload_each_worker_loads_for_itself():
    FIRST_LOADED_IN.clear()
    pool = LocalProcesses(2, initializer=_load)
    results = list(pool.map_unordered(partial(_where_loaded, seen=FIRST_LOADED_IN), range(4)))
    assert os.getpid() not in {loaded for _, loaded in results}
    assert FIRST_LOADED_IN == []


def test_a_preloaded_pool_writes_the_pdfs_one_process_writes(tmp_path):
    sources = [SOURCES / "77301.yaml", *sorted(FIXTURES.glob("*.yaml"))]
    one = render_many(sources, tmp_path / "one", jobs=1, force=True)
    two = render_many(sources, tmp_path / "two", jobs=2, force=True)
    assert [o.status for o in one.outcomes] == [o.status for o in two.outcomes]
    for o in one.outcomes:
        if o.output.exists():
            assert o.output.read_bytes() == (tmp_path / "two" / o.output.name).read_bytes()
