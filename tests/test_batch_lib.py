"""The batch as a library: render_many returns one Outcome per source and prints nothing; the
executor that runs the renders is pluggable and changes nothing else."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefpdf.batch import CACHE_NAME, FAILED, RENDERED, UP_TO_DATE, FuturesExecutor, InProcess, render_many
from conftest import FIXTURES, SOURCES, pdftotext

BROKEN = FIXTURES / "workflow" / "broken.yaml"


def variant(folder: Path, code: str, title: str) -> Path:
    text = (SOURCES / "77301.yaml").read_text(encoding="utf-8")
    text = text.replace('code: "77301"', f'code: "{code}"', 1)
    text = text.replace("title: Intensity Modulated Radiotherapy (IMRT) Delivery", f"title: {title}", 1)
    path = folder / f"{code}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def sources(tmp_path) -> list[Path]:
    folder = tmp_path / "sources"
    folder.mkdir()
    broken = folder / "broken.yaml"
    broken.write_bytes(BROKEN.read_bytes())
    return [variant(folder, "77301", "First briefing"), broken, variant(folder, "77302", "Second briefing")]


def test_render_many_returns_outcomes_and_prints_nothing(sources, tmp_path, capsys):
    out = tmp_path / "out"
    result = render_many(sources, out, "default", jobs=1)
    assert capsys.readouterr() == ("", "")
    assert [(o.source, o.status) for o in result.outcomes] == [(sources[0], RENDERED), (sources[1], FAILED),
                                                               (sources[2], RENDERED)]
    for outcome, title in ((result.outcomes[0], "First briefing"), (result.outcomes[2], "Second briefing")):
        assert outcome.output == out / (outcome.source.stem + ".pdf")
        assert outcome.pages == len(PdfReader(outcome.output).pages) > 0
        assert outcome.size == outcome.output.stat().st_size
        assert title in pdftotext(outcome.output)
    broken = result.outcomes[1]
    assert not broken.output.exists()
    assert [(p.file, p.line, p.column, p.hint) for p in broken.problems] == [
        (str(sources[1]), 8, 11, None), (str(sources[1]), 9, 3, "did you mean 'scope'?")]
    assert broken.problems[1].message == "unknown key 'scoep' in document"
    assert (result.count(RENDERED), result.count(FAILED), result.failed) == (2, 1, [broken])

    again = render_many(sources, out, "default", jobs=1)
    assert capsys.readouterr() == ("", "")
    assert [o.status for o in again.outcomes] == [UP_TO_DATE, FAILED, UP_TO_DATE]
    assert [o.pages for o in again.outcomes] == [o.pages for o in result.outcomes]


def test_progress_hooks_see_every_source_once(sources, tmp_path):
    seen, planned = [], []
    render_many(sources[:1], tmp_path / "out", "default", jobs=1)  # one up to date, two to render
    result = render_many(sources, tmp_path / "out", "default", jobs=1, on_outcome=seen.append, on_plan=planned.append)
    assert planned == [2]
    assert seen[0].status == UP_TO_DATE and seen[0].source == sources[0]
    assert sorted(map(str, (o.source for o in seen))) == sorted(map(str, sources))
    assert sorted(map(id, seen)) == sorted(map(id, result.outcomes))


class Recording(InProcess):
    """An executor that runs in this process and records the chunks it was given."""

    def __init__(self, workers: int):
        self.workers = workers
        self.chunks: list = []

    def map_unordered(self, fn, items):
        self.chunks.extend(items)
        for item in reversed(items):  # any order: results are put back in the sources' order
            yield fn(item)


def test_a_given_executor_runs_every_render_and_nothing_else_changes(sources, tmp_path):
    local = render_many(sources, tmp_path / "local", "default", jobs=1)
    executor = Recording(workers=2)
    given = render_many(sources, tmp_path / "given", "default", executor=executor)
    assert sorted(job.source for chunk in executor.chunks for job in chunk) == sorted(sources)
    assert [(o.source, o.status, o.pages, o.size, o.key) for o in given.outcomes] == \
           [(o.source, o.status, o.pages, o.size, o.key) for o in local.outcomes]
    for name in ("77301.pdf", "77302.pdf"):
        assert (tmp_path / "given" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()

    def cache(folder: str) -> dict:
        entries = json.loads((tmp_path / folder / CACHE_NAME).read_text(encoding="utf-8"))["entries"]
        return {Path(k).name: (v["key"], v["pages"], v["size"]) for k, v in entries.items()}

    assert sorted(cache("given")) == ["77301.pdf", "77302.pdf"]
    assert cache("given") == cache("local")


def test_a_pool_the_caller_owns_renders_the_batch(sources, tmp_path):
    with ProcessPoolExecutor(max_workers=2) as pool:
        result = render_many(sources, tmp_path / "out", "default", executor=FuturesExecutor(pool, 2))
    assert [o.status for o in result.outcomes] == [RENDERED, FAILED, RENDERED]
    assert "Second briefing" in pdftotext(tmp_path / "out" / "77302.pdf")


def test_the_library_loads_no_terminal_code(tmp_path):
    code = ("import sys; from pathlib import Path; from briefpdf.batch import render_many; "
            "r = render_many([Path(sys.argv[1])], Path(sys.argv[2]), 'default', jobs=1); "
            "print(r.outcomes[0].status, *(m in sys.modules for m in ('tqdm', 'briefpdf.report', 'briefpdf.cli')))")
    result = subprocess.run([sys.executable, "-c", code, str(SOURCES / "77301.yaml"), str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["rendered", "False", "False", "False"], result.stderr
    assert result.stderr == ""
