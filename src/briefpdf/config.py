"""Project configuration: `briefpdf.toml`, or `[tool.briefpdf]` in `pyproject.toml`.

The nearest one above the source (else above the working folder) applies, as with ruff. It
holds what a project sets once: the default style and output folder, the warnings it silences
or switches on, how old a source may be, and the code-set files it checks codes against.
Command-line options override it. Paths in it are relative to the file that names them.

tomllib gives values but no positions, so a key's line is found by scanning the text for it:
right for the files people write by hand, and a problem still names the file if it is not.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from .problems import BriefError, Problem, did_you_mean

CONFIG_NAME = "briefpdf.toml"
STALE_MONTHS = 12
COLUMNS = ("code", "descriptor", "effective-date", "termination-date")  # a code-set file's fields
KEYS = MappingProxyType({
    "style": "default style: a name (styles/NAME.yaml) or a style file",
    "out-dir": "folder for rendered PDFs",
    "ignore": "warning ids to silence, e.g. [\"BP103\"]",
    "enable": "warning ids that are off by default to switch on",
    "stale-after-months": f"how old a source's accessed date may be (default: {STALE_MONTHS})",
    "codes": "code-set files: a path, or {path = ..., columns = {code = ..., descriptor = ...}}",
})
_CODE_KEYS = ("path", "columns")


@dataclass(frozen=True)
class CodeFile:
    """A code-set file and the names of its columns (field -> the header in the file)."""

    path: Path
    columns: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({c: c.replace("-", "_")
                                                                               for c in COLUMNS}))
    named_in: str = "--codes"  # where it was named: the config file, or the command line


@dataclass(frozen=True)
class Config:
    """A project's settings; every field has the value briefpdf uses without a configuration."""

    file: Path | None = None
    style: str | None = None
    out_dir: str | None = None
    ignore: frozenset[str] = frozenset()
    enable: frozenset[str] = frozenset()
    stale_months: int = STALE_MONTHS
    codes: tuple[CodeFile, ...] = ()


NONE = Config()
_parsed: dict[bytes, Config] = {}  # sha256 of (path, text) -> Config: a batch reads each once


def find(start: Path) -> Path | None:
    """The nearest briefpdf.toml, or pyproject.toml with a [tool.briefpdf] table, at or above `start`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        own = folder / CONFIG_NAME
        if own.is_file():
            return own
        project = folder / "pyproject.toml"
        if project.is_file() and _has_tool_table(project):
            return project
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\.briefpdf\s*[\].]", text, re.M) is not None


def for_source(source: str | Path | None) -> Config:
    """The configuration that applies to `source`: the nearest above it, else above the working
    folder, else none (the defaults)."""
    found = find(Path(source).parent) if source is not None else None
    found = found or find(Path.cwd())
    return load(found) if found else NONE


def load(path: Path) -> Config:
    """Read and check one configuration file; BriefError with a position for every problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BriefError([Problem(str(path), 1, 1, f"cannot read the configuration: {exc}")]) from None
    key = hashlib.sha256(str(path.resolve()).encode() + b"\0" + text.encode()).digest()
    if key not in _parsed:
        if len(_parsed) > 32:
            _parsed.clear()
        _parsed[key] = _parse(path, text)
    return _parsed[key]


def _parse(path: Path, text: str) -> Config:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
        raise BriefError([Problem(str(path), line, col, f"not valid TOML: {re.sub(r' [(]at .*', '', str(exc))}")]) \
            from None
    section = None
    if path.name == "pyproject.toml":
        section = "tool.briefpdf"
        data = data.get("tool", {}).get("briefpdf", {})
    reader = _Reader(path, text, section)
    config = reader.config(data)
    if reader.problems:
        raise BriefError(reader.problems)
    return config


class _Reader:
    """Checks the table's keys and types, collecting positioned problems."""

    def __init__(self, path: Path, text: str, section: str | None):
        self.path, self.lines, self.section = path, text.splitlines(), section
        self.problems: list[Problem] = []

    def fail(self, key: str, message: str, hint: str | None = None) -> None:
        line, col = key_position(self.lines, key, self.section)
        self.problems.append(Problem(str(self.path), line, col, message, hint))

    def config(self, data: dict) -> Config:
        for key in data:
            if key not in KEYS:
                self.fail(key, f"unknown key '{key}' in the briefpdf configuration",
                          did_you_mean(key, KEYS) or f"allowed keys: {', '.join(KEYS)}")
        folder = self.path.parent
        stale = data.get("stale-after-months", STALE_MONTHS)
        if isinstance(stale, bool) or not isinstance(stale, int) or stale < 1:
            self.fail("stale-after-months", f"'stale-after-months' must be a whole number of months, 1 or more, "
                                            f"found {stale!r}")
            stale = STALE_MONTHS
        return Config(file=self.path, style=self.style(data.get("style"), folder),
                      out_dir=self.folder_value("out-dir", data.get("out-dir"), folder),
                      ignore=self.ids("ignore", data.get("ignore", [])),
                      enable=self.ids("enable", data.get("enable", [])),
                      stale_months=stale, codes=self.codes(data.get("codes", []), folder))

    def text_value(self, key: str, value) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"'{key}' must be a text, found {value!r}")
            return None
        return value

    def style(self, value, folder: Path) -> str | None:
        value = self.text_value("style", value)
        if value is None:
            return None
        if "/" in value or "\\" in value or value.endswith((".yaml", ".yml")):
            return _relative(folder / value)
        own = folder / "styles" / f"{value}.yaml"
        return _relative(own) if own.is_file() else value

    def folder_value(self, key: str, value, folder: Path) -> str | None:
        value = self.text_value(key, value)
        return None if value is None else _relative(folder / value)

    def ids(self, key: str, value) -> frozenset[str]:
        from .lint import RULES

        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, f"'{key}' must be a list of warning ids, e.g. [\"BP103\"]")
            return frozenset()
        for rule in value:
            if rule not in RULES:
                self.fail(key, f"'{key}' names an unknown warning '{rule}'",
                          did_you_mean(rule, RULES) or "`briefpdf validate --list-warnings` lists them")
        return frozenset(v for v in value if v in RULES)

    def codes(self, value, folder: Path) -> tuple[CodeFile, ...]:
        if not isinstance(value, list):
            value = [value]
        out = []
        for item in value:
            if isinstance(item, str):
                out.append(CodeFile(folder / item, named_in=str(self.path)))
            elif isinstance(item, dict):
                found = self.code_table(item, folder)
                if found:
                    out.append(found)
            else:
                self.fail("codes", f"'codes' lists code-set files: a path or a table, found {item!r}")
        return tuple(out)

    def code_table(self, item: dict, folder: Path) -> CodeFile | None:
        for key in item:
            if key not in _CODE_KEYS:
                self.fail(key, f"unknown key '{key}' in a 'codes' entry",
                          did_you_mean(key, _CODE_KEYS) or "a 'codes' entry has a path and columns")
        path = self.text_value("path", item.get("path"))
        if path is None:
            self.fail("codes", "a 'codes' entry needs a path", "write {path = \"codes/cpt.csv\"}")
            return None
        columns = dict(CodeFile(Path()).columns)
        given = item.get("columns", {})
        if not isinstance(given, dict):
            self.fail("columns", "'columns' maps fields to the file's column names, e.g. {code = \"HCPC\"}")
            given = {}
        for name, header in given.items():
            if name not in COLUMNS:
                self.fail(name, f"unknown column '{name}' in 'columns'",
                          did_you_mean(name, COLUMNS) or f"the fields are {', '.join(COLUMNS)}")
            elif self.text_value(name, header) is not None:
                columns[name] = header
        return CodeFile(folder / path, MappingProxyType(columns), named_in=str(self.path))


def key_position(lines: list[str], key: str, section: str | None = None) -> tuple[int, int]:
    """(line, column) where `key` is written: the first `key =` (or `[key]` header) after the
    section's header. A scan, not a parser: good for files written by hand."""
    start = 0
    if section:
        header = re.compile(rf"^\s*\[\s*{re.escape(section)}\s*\]")
        start = next((i for i, line in enumerate(lines) if header.match(line)), 0)
    pattern = re.compile(rf"""(?:^|[{{,\s.\[])["']?{re.escape(key)}["']?\s*(?:=|\]|\.)""")
    for i in range(start, len(lines)):
        m = pattern.search(lines[i])
        if m:
            j = lines[i].find(key, m.start())
            return i + 1, j + (0 if lines[i][j - 1:j] in ('"', "'") and j else 1)
    return (start + 1 if section else 1), 1


def _relative(path: Path) -> str:
    """A path as short as the working folder allows (the one the user will see printed)."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
