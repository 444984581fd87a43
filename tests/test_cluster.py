"""A batch on a Dask cluster (LocalCluster, two worker processes) behaves as a local batch: the
same PDFs byte for byte, the same outcomes, problems, summary, exit code and cache file; the
workers never open a path of the client's; a worker that dies costs its tasks a retry."""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from briefpdf import BriefError
from briefpdf.batch import CACHE_NAME, FAILED, RENDERED, UP_TO_DATE, render_many
from conftest import FIXTURES, SOURCES, pdftotext, run_cli

needs_dask = pytest.mark.skipif(importlib.util.find_spec("distributed") is None,
                                reason="Dask is not installed (pip install 'briefpdf[cluster]')")
BROKEN = FIXTURES / "workflow" / "broken.yaml"


def _local_cluster():
    from distributed import Client, LocalCluster

    lc = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=logging.ERROR)
    client = Client(lc, set_as_default=False)
    client.wait_for_workers(2, timeout=120)
    return lc, client


@pytest.fixture(scope="module")
def cluster():
    """One LocalCluster of two worker processes for the module (it takes seconds to start)."""
    lc, client = _local_cluster()
    yield client
    client.close()
    lc.close()


@pytest.fixture
def own_cluster():
    """A cluster of its own, for a test that kills its workers: the shared one stays whole."""
    lc, client = _local_cluster()
    yield client
    client.close()
    lc.close()


def variant(folder: Path, code: str, title: str) -> Path:
    text = (SOURCES / "77301.yaml").read_text(encoding="utf-8")
    text = text.replace('code: "77301"', f'code: "{code}"', 1)
    text = text.replace("title: Intensity Modulated Radiotherapy (IMRT) Delivery", f"title: {title}", 1)
    path = folder / f"{code}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def project(root: Path, count: int, *, broken: bool = True) -> list[Path]:
    """root/sources with `count` distinct briefings (and broken.yaml), and root/styles/house.yaml
    with a logo; returns the sources relative to root."""
    (root / "sources").mkdir(parents=True)
    (root / "styles").mkdir()
    Image.new("RGB", (240, 80), (29, 79, 124)).save(root / "styles" / "logo.png")
    (root / "styles" / "house.yaml").write_text("extends: default\nname: house\noptions:\n  logo: logo.png\n",
                                                encoding="utf-8")
    paths = [variant(root / "sources", str(77300 + i), f"Briefing number {i}") for i in range(count)]
    if broken:
        (root / "sources" / "broken.yaml").write_bytes(BROKEN.read_bytes())
        paths.insert(1, root / "sources" / "broken.yaml")
    return [p.relative_to(root) for p in paths]


def cwd_of_workers(client) -> set[str]:
    return set(client.run(os.getcwd).values())


@needs_dask
def test_same_pdfs_and_outcomes_as_a_local_batch_without_sharing_a_path(cluster, tmp_path, monkeypatch):
    from briefpdf.cluster import DaskExecutor

    # the workers' folder has a styles/house.yaml of its own (A4): a worker that looked the
    # style up by name, or opened a source by its relative path, would render something else
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "styles").mkdir(parents=True)
    (elsewhere / "styles" / "house.yaml").write_text("extends: a4\n", encoding="utf-8")
    cluster.run(os.chdir, str(elsewhere))
    here = tmp_path / "project"
    sources = project(here, 3)
    monkeypatch.chdir(here)
    assert cwd_of_workers(cluster) == {str(elsewhere)} and Path.cwd() == here

    local = render_many(sources, Path("local"), "house", jobs=1)
    remote = render_many(sources, Path("out"), "house", executor=DaskExecutor(cluster))

    assert [(o.source, o.status, o.pages, o.size) for o in remote.outcomes] == [
        (o.source, o.status, o.pages, o.size) for o in local.outcomes]
    assert [o.status for o in remote.outcomes] == [RENDERED, FAILED, RENDERED, RENDERED]
    for o in remote.outcomes:
        if o.status == RENDERED:
            assert o.output.read_bytes() == (Path("local") / o.output.name).read_bytes()
    first = remote.outcomes[0].output
    assert "Briefing number 0" in pdftotext(first)
    assert [img.image.size for img in PdfReader(first).pages[0].images] == [(240, 80)]  # the logo travelled
    assert round(float(PdfReader(first).pages[0].mediabox.width)) == 612  # letter: the client's style, not A4
    broken = remote.outcomes[1]
    assert broken.problems == local.outcomes[1].problems  # positioned, naming the client's file
    assert [(p.file, p.line, p.column) for p in broken.problems] == [("sources/broken.yaml", 8, 11),
                                                                     ("sources/broken.yaml", 9, 3)]
    assert not broken.output.exists()
    cache = (Path("out") / CACHE_NAME).read_text(encoding="utf-8")
    assert cache == (Path("local") / CACHE_NAME).read_text(encoding="utf-8").replace("local/", "out/")

    # up to date: nothing is sent, so even an unreachable scheduler is never asked
    good = [s for s in sources if s.stem != "broken"]
    again = render_many(good, Path("out"), "house", scheduler="tcp://127.0.0.1:9")
    assert [o.status for o in again.outcomes] == [UP_TO_DATE] * 3


@needs_dask
def test_a_source_naming_its_previous_version_gets_the_same_what_changed_box(cluster, tmp_path, monkeypatch):
    """The previous version is a file of the client's: what changed is found there and sent."""
    from briefpdf.cluster import DaskExecutor

    cluster.run(os.chdir, str(tmp_path))  # the workers may not see the client's folder
    here = tmp_path / "project"
    here.mkdir()
    for name in ("77301-v1.0.yaml", "77301-v1.1.yaml"):
        (here / name).write_bytes((FIXTURES / "versions" / name).read_bytes())
    monkeypatch.chdir(here)
    newer = [Path("77301-v1.1.yaml")]
    local = render_many(newer, Path("local"), jobs=1)
    remote = render_many(newer, Path("out"), executor=DaskExecutor(cluster))
    assert [o.status for o in remote.outcomes] == [RENDERED] == [o.status for o in local.outcomes]
    text = " ".join(pdftotext(remote.outcomes[0].output).split())
    assert "What changed" in text and "Version: 1.0 \u2192 1.1" in text and "Modifier XS added" in text
    assert remote.outcomes[0].output.read_bytes() == local.outcomes[0].output.read_bytes()


@needs_dask
def test_command_line_summary_failures_exit_code_and_cache_match_the_local_batch(cluster, tmp_path):
    address = cluster.scheduler.address
    runs = {}
    for name, extra in (("local", ["-j", "1"]), ("cluster", ["--scheduler", address])):
        root = tmp_path / name
        sources = project(root, 2)
        first = run_cli("render", "sources", "--style", "house", *extra, cwd=root)
        second = run_cli("render", *sources, "--style", "house", *extra, cwd=root)
        runs[name] = (first, second, (root / "out" / CACHE_NAME).read_bytes())
    for first, second, _ in runs.values():
        assert (first.returncode, second.returncode) == (1, 1)
    assert runs["cluster"][2] == runs["local"][2]

    def lines(result) -> list[str]:  # the order of completion varies on a cluster
        return sorted(re.sub(r"^\[\d+/\d+\] ", "", line) for line in result.stdout.splitlines())

    def errors(result) -> str:
        return re.sub(r"in [\d.]+ s \([\d.]+ docs/s\)|in [\d.]+ s", "in T", result.stderr)

    for i in (0, 1):
        assert lines(runs["cluster"][i]) == lines(runs["local"][i])
        assert errors(runs["cluster"][i]) == errors(runs["local"][i])
    assert lines(runs["cluster"][0]) == ["failed: sources/broken.yaml", "out/77300.pdf (3 pages)",
                                         "out/77301.pdf (3 pages)"]
    warned = "".join(f"sources/{name}.yaml:15:11: warning[BP102]: status is final" for name in ("77300", "77301"))
    first, again = errors(runs["cluster"][0]), errors(runs["cluster"][1])
    assert "".join(line for line in first.splitlines() if "warning[" in line).replace(
        ", but 20 of 20 payer fields are Not provided", "") == warned  # warnings checked here, for the cluster too
    assert first.split("rendered", 1)[1].startswith(" 2 · up to date 0 · failed 1 in T\n1 source failed:\n"
                                                    "sources/broken.yaml:8:11: error:")
    assert again.split("rendered", 1)[1].startswith(" 0 · up to date 2 · failed 1 in T\n")


@needs_dask
def test_a_worker_killed_during_the_batch_costs_only_a_retry(own_cluster, tmp_path, monkeypatch):
    cluster = own_cluster
    from briefpdf.cluster import DaskExecutor

    sources = project(tmp_path, 12, broken=False)
    monkeypatch.chdir(tmp_path)
    pids = cluster.run(os.getpid)
    victim = sorted(pids)[0]
    seen: list[str] = []

    def kill_after_first(outcome):
        seen.append(outcome.status)
        if len(seen) == 1:
            os.kill(pids[victim], signal.SIGKILL)  # the machine went away, mid-batch

    result = render_many(sources, Path("out"), executor=DaskExecutor(cluster), on_outcome=kill_after_first)
    assert [o.problems for o in result.failed] == []
    assert seen == [RENDERED] * 12 and [o.status for o in result.outcomes] == [RENDERED] * 12
    cluster.wait_for_workers(2, timeout=30)
    assert pids[victim] not in cluster.run(os.getpid).values()  # it really died (and was restarted)
    lost = [entry for entry in cluster.cluster.scheduler.transition_log  # tasks it held, run again elsewhere
            if str(entry[0]).startswith("render_remote") and entry[1] == "processing" and entry[2] != "memory"]
    assert lost
    reference = render_many(sources[-2:], Path("local"), jobs=1)
    for o in reference.outcomes:
        assert o.output.read_bytes() == (Path("out") / o.output.name).read_bytes()
    assert "Briefing number 11" in pdftotext(Path("out") / "77311.pdf")


def poison_plugin():
    """A worker plugin (a local class, so it travels by value) under which a source saying
    POISON kills its worker process every time it is rendered, as a crash in the engine would."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class Poison(WorkerPlugin):
        name = "briefpdf-test-poison"

        def setup(self, worker):
            import briefpdf.cluster

            real = briefpdf.cluster.render_text

            def render_text(name, text, theme, changes=None):
                if "POISON" in text:
                    os._exit(1)
                return real(name, text, theme, changes)

            briefpdf.cluster.render_text = render_text

    return Poison()


@needs_dask
def test_a_source_that_kills_every_worker_fails_alone(own_cluster, tmp_path, monkeypatch):
    cluster = own_cluster
    from briefpdf.cluster import DaskExecutor

    sources = project(tmp_path, 9, broken=False)
    monkeypatch.chdir(tmp_path)
    poison = sources[4]
    poison.write_text(poison.read_text(encoding="utf-8").replace("Briefing number 4", "POISON"), encoding="utf-8")
    scheduler = cluster.cluster.scheduler
    allowed, scheduler.allowed_failures = scheduler.allowed_failures, 0  # fail a task at its first death
    plugin = poison_plugin()
    cluster.register_plugin(plugin)
    try:
        result = render_many(sources, Path("out"), executor=DaskExecutor(cluster))
    finally:
        scheduler.allowed_failures = allowed
    assert [o.source for o in result.failed] == [poison]
    [problem] = result.failed[0].problems
    assert (problem.file, problem.line) == (str(poison), 1)
    assert problem.message.startswith("internal error: the cluster could not render it (KilledWorker")
    assert [o.status for o in result.outcomes].count(RENDERED) == 8
    assert "Briefing number 5" in pdftotext(Path("out") / "77305.pdf")


@needs_dask
def test_a_worker_with_other_versions_is_refused_with_a_clear_message(cluster, tmp_path, monkeypatch):
    from briefpdf.cluster import DaskExecutor

    sources = project(tmp_path, 1, broken=False)
    monkeypatch.chdir(tmp_path)
    odd = sorted(cluster.nthreads())[0]
    pretend = "import briefpdf.cluster as c; c.__version__ = {!r}; c.environment.cache_clear()"
    cluster.run(exec, pretend.format("9.9.9"), workers=[odd])
    try:
        with pytest.raises(BriefError) as caught:
            render_many(sources, Path("out"), executor=DaskExecutor(cluster))
    finally:
        cluster.run(exec, pretend.format(__import__("briefpdf").__version__), workers=[odd])
    [problem] = caught.value.problems
    assert problem.file == odd
    assert problem.message == f"worker refused: briefpdf 9.9.9 there, {__import__('briefpdf').__version__} here"
    assert "pip install" in problem.hint
    assert not (tmp_path / "out" / "77300.pdf").exists()


@needs_dask
def test_the_executor_runs_any_function_and_leaves_a_given_client_open(cluster):
    from briefpdf.cluster import DaskExecutor

    executor = DaskExecutor(cluster)
    assert sorted(executor.map_unordered(abs, [-3, 1, -2])) == [1, 2, 3]
    assert executor.workers == len(cluster.nthreads()) and cluster.status == "running"


def test_a_worker_checks_the_client_versions_on_every_task_too():
    """A worker that joins after the batch's check still refuses a style packed elsewhere."""
    from briefpdf import __version__
    from briefpdf.cluster import pack_style, render_remote

    pack = pack_style("default")
    assert pack.stamp[0][0] == "briefpdf"
    other = type(pack)(pack.key + "-other", pack.style, pack.logo, (("briefpdf", "0.0.1"),) + pack.stamp[1:])
    [(index, data, pages, problems)] = render_remote([(7, "sources/x.yaml", "document: {}\n", None)], other)
    assert (index, data, pages) == (7, None, 0)
    assert [(p.file, p.line, p.message) for p in problems] == [
        ("sources/x.yaml", 1, f"worker refused it: briefpdf {__version__} there, 0.0.1 here")]


def test_without_dask_the_scheduler_option_says_how_to_install_it(tmp_path, monkeypatch):
    sources = project(tmp_path, 1, broken=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    with pytest.raises(BriefError) as caught:
        render_many(sources, Path("out"), scheduler="local")
    assert caught.value.problems[0].hint == "pip install 'briefpdf[cluster]'"


@needs_dask
def test_an_unreachable_scheduler_is_a_problem_with_a_hint(tmp_path, monkeypatch, capsys):
    import briefpdf.cluster
    from briefpdf.cli import main

    sources = project(tmp_path, 1, broken=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(briefpdf.cluster, "CONNECT_TIMEOUT", 1)
    assert main(["render", *map(str, sources), "--scheduler", "tcp://127.0.0.1:9", "-q"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tcp://127.0.0.1:9:1:1: error: cannot reach the Dask scheduler")
    assert "hint: start one with `dask scheduler` and workers with `dask worker tcp://127.0.0.1:9`" in err


def test_a_local_batch_and_a_cold_render_never_import_dask(tmp_path):
    code = f"""
import sys
from pathlib import Path
from briefpdf.cli import main
assert main(["render", {str(SOURCES / '77301.yaml')!r}, "-o", {str(tmp_path / 'one.pdf')!r}, "-q"]) == 0
from briefpdf.batch import render_many
render_many([Path({str(SOURCES / '77301.yaml')!r})], Path({str(tmp_path / 'out')!r}), jobs=1)
print(sorted(m for m in sys.modules if m.split(".")[0] in ("dask", "distributed", "briefpdf.cluster")))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert (tmp_path / "one.pdf").stat().st_size > 0 and (tmp_path / "out" / "77301.pdf").stat().st_size > 0
