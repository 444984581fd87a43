"""The briefpdf the benchmark's command-line sections run: installed as a user installs it.

A user runs `pip install briefpdf` (or `pip install .`): pip compiles every module to bytecode
at install time, and a user's shell does not set PYTHONDONTWRITEBYTECODE. An editable install
run with that variable set (as on some build machines) compiles the package from source on
every cold start, which is not what a user pays. So by default the benchmark makes a fresh
virtual environment, installs this checkout into it with the same dependency versions as the
running environment, compiles it (`compileall`, in case pip was told not to), and runs the
processes it times without PYTHONDONTWRITEBYTECODE. `--install current` uses the running
environment instead.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path


@dataclass(frozen=True)
class Install:
    """An interpreter and its briefpdf command; `kind` says how briefpdf got there."""

    python: str
    kind: str  # "regular, bytecode compiled", "editable", ...

    def briefpdf(self) -> list[str]:
        script = Path(self.python).with_name("briefpdf")
        return [str(script)] if script.exists() else [self.python, "-m", "briefpdf"]


def user_env() -> dict[str, str]:
    """The environment of a user's shell: this one without PYTHONDONTWRITEBYTECODE."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def current() -> Install:
    """The running environment's briefpdf (editable or not, as it was installed)."""
    try:
        raw = distribution("briefpdf").read_text("direct_url.json") or "{}"
        editable = json.loads(raw).get("dir_info", {}).get("editable", False)
    except (PackageNotFoundError, ValueError):
        editable = False
    kind = "editable" if editable else "regular"
    if os.environ.get("PYTHONDONTWRITEBYTECODE") and editable:
        kind += " with PYTHONDONTWRITEBYTECODE set (bytecode not written; whatever is there is read)"
    return Install(sys.executable, kind)


def regular(root: Path, where: Path) -> Install:
    """`pip install ROOT` into a fresh venv at `where`, pinned to this environment's versions of
    every dependency (so only the way briefpdf is installed differs), then compiled."""
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    python = str(where / "bin" / "python")
    pins = where / "pins.txt"
    frozen = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude", "briefpdf"],
                            capture_output=True, text=True, check=True).stdout
    pins.write_text("\n".join(line for line in frozen.splitlines() if "==" in line) + "\n", encoding="utf-8")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--compile", "-c", str(pins), str(root)],
                   check=True, env=user_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    site = subprocess.run([python, "-c", "import briefpdf, os; print(os.path.dirname(briefpdf.__file__))"],
                          capture_output=True, text=True, check=True, env=user_env()).stdout.strip()
    subprocess.run([python, "-m", "compileall", "-q", site], check=True)
    return Install(python, "regular (pip install .), bytecode compiled")


def at_revision(root: Path, rev: str, where: Path) -> Install | None:
    """The same regular install of an earlier commit of this repository (`git archive REV`), so
    a figure can be set beside what the code did before; None outside a git checkout."""
    src = where / "src-tree"
    src.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", rev], capture_output=True)
    if archive.returncode:
        return None
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive.stdout, check=True)
    built = regular(src, where / "venv")
    return Install(built.python, f"{built.kind}, at {rev}")
