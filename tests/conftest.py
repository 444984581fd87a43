"""Shared helpers: run the CLI as a user would and read PDFs back with tools nobody here wrote."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = FIXTURES / "seed_77301.txt"  # the text the 77301 briefing is written from


def run_cli(*args, cwd=None, env=None, timeout=120) -> subprocess.CompletedProcess:
    """`python -m briefpdf ARGS` in a new process: for what only a process shows (the entry point,
    the environment, imports, a pool of workers, a watcher that runs until stopped)."""
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "briefpdf", *map(str, args)], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


def cli(*args, cwd=None) -> subprocess.CompletedProcess:
    """`briefpdf ARGS` in this process: the same parser, messages and exit codes as `run_cli`,
    without half a second of interpreter and ReportLab start-up per call."""
    from briefpdf.cli import main

    argv = [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse: --help, --version and usage errors
                code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(["briefpdf", *argv], code, out.getvalue(), err.getvalue())


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed (CI installs poppler-utils and qpdf)")
    return path


def pdftotext(pdf: Path, *extra: str) -> str:
    return subprocess.run([tool("pdftotext"), "-enc", "UTF-8", *extra, str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def page_texts(pdf: Path) -> list[str]:
    return pdftotext(pdf).split("\f")[:-1]


def normalise(text: str) -> str:
    """Whitespace folded, soft hyphens and line-end hyphenation removed, quotes kept."""
    text = text.replace("\u00ad", "").replace("\u200b", "")
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1-\2", text)
    return " ".join(text.split())


def pdfinfo(pdf: Path, *extra: str) -> str:
    return subprocess.run([tool("pdfinfo"), *extra, str(pdf)], capture_output=True, text=True, check=True).stdout


def pdffonts(pdf: Path) -> list[dict]:
    out = subprocess.run([tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name type... emb sub uni objnum gen: the last five columns are fixed
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


@pytest.fixture(scope="session")
def rendered_77301(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("r") / "77301.pdf"
    result = cli("render", SOURCES / "77301.yaml", "-o", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def sample_pdf(tmp_path_factory) -> Path:
    """The fully populated fictional sample (tests/fixtures/sample_full.yaml), rendered once."""
    out = tmp_path_factory.mktemp("sample") / "sample.pdf"
    result = cli("render", FIXTURES / "sample_full.yaml", "-o", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
