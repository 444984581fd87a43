"""YAML text -> plain data, remembering the line and column of every node.

Only YAML's own scalar types are built (never Python objects), aliases are bounded so an
"aliases bomb" cannot explode, and duplicate keys, which PyYAML silently collapses, are
reported with both lines.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import BriefError, Problem

MAX_BYTES = 1_000_000  # a briefing is a few kilobytes; anything near this is a mistake
MAX_NODES = 50_000  # counts nodes after alias expansion

Path_ = tuple  # a path into the data: ("payers", 0, "name")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


@dataclass
class Document:
    """Parsed YAML plus where each value and each mapping key came from."""

    file: str
    data: object
    positions: dict = field(default_factory=dict)  # path -> (line, column) of the value
    key_positions: dict = field(default_factory=dict)  # path -> (line, column) of the key

    def where(self, path: Path_) -> tuple[int, int]:
        """Position of the value at `path`, or of its nearest ancestor."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def key_where(self, path: Path_) -> tuple[int, int]:
        return self.key_positions.get(path) or self.where(path)

    def problem(self, path: Path_, message: str, hint: str | None = None, *, at_key=False) -> Problem:
        line, col = self.key_where(path) if at_key else self.where(path)
        return Problem(self.file, line, col, message, hint)


def read_text(path: Path, display: str | None = None) -> str:
    """The file's text, or a BriefError that says plainly why it cannot be read."""
    name = display or str(path)

    def fail(message: str, hint: str | None = None):
        raise BriefError([Problem(name, 1, 1, message, hint)])

    if not path.exists():
        fail("no such file")
    if path.is_dir():
        fail("is a directory, not a YAML file", "name a .yaml file inside it, or use `briefpdf render DIR` for all of them")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            fail(f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")
        raw = path.read_bytes()
    except OSError as exc:
        fail(f"cannot read file: {exc.strerror or exc}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise BriefError([Problem(name, line, col, f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", "save the file as UTF-8")]) from None
    if not text.strip():
        fail("file is empty")
    return text


def parse(text: str, file: str) -> Document:
    """Compose the YAML (no object construction) and convert it with positions."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or str(exc)
        if exc.context:
            message = f"{message} ({exc.context})"
        raise BriefError([Problem(file, line, col, f"YAML syntax: {message}")]) from None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        line, col = _reader_position(exc)
        raise BriefError([Problem(file, line, col, f"YAML: {exc}".splitlines()[0])]) from None
    if root is None:
        raise BriefError([Problem(file, 1, 1, "file holds no YAML document")])
    doc = Document(file, None)
    problems: list[Problem] = []
    budget = [MAX_NODES]
    doc.data = _convert(root, (), doc, problems, budget)
    if problems:
        raise BriefError(problems)
    return doc


def load_file(path: str | Path) -> Document:
    path = Path(path)
    return parse(read_text(path), str(path))


def _reader_position(exc: Exception) -> tuple[int, int]:
    position = getattr(exc, "position", None)
    if position is None:
        return 1, 1
    return 1, position + 1


def _convert(node, path, doc: Document, problems: list[Problem], budget: list[int]):
    budget[0] -= 1
    if budget[0] < 0:
        if budget[0] == -1:
            problems.append(Problem(doc.file, node.start_mark.line + 1, node.start_mark.column + 1,
                                    f"too many YAML nodes after expanding aliases (limit {MAX_NODES:,})",
                                    "anchors and aliases (&name, *name) are expanded; avoid nesting them"))
        return None
    doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, path, doc, problems, budget)
    if isinstance(node, yaml.SequenceNode):
        _check_tag(node, "tag:yaml.org,2002:seq", doc, problems)
        return [_convert(item, path + (i,), doc, problems, budget) for i, item in enumerate(node.value)]
    if node.tag not in _SCALAR_TAGS:
        problems.append(Problem(doc.file, *doc.positions[path], f"YAML tag '{node.tag}' is not allowed",
                                "write plain text, numbers, dates, lists and mappings only"))
        return None
    return _scalar(node, path, doc, problems)


def _convert_mapping(node, path, doc, problems, budget):
    _check_tag(node, "tag:yaml.org,2002:map", doc, problems)
    out: dict = {}
    seen: dict = {}
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            problems.append(Problem(doc.file, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                    "merge keys ('<<') are not supported", "write the keys out"))
            continue
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(doc.file, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                    "a mapping key must be plain text"))
            continue
        key = key_node.value
        key_pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if key in seen:
            problems.append(Problem(doc.file, *key_pos, f"duplicate key '{key}'",
                                    f"first given on line {seen[key][0]}; YAML would silently keep only the last"))
            continue
        seen[key] = key_pos
        doc.key_positions[path + (key,)] = key_pos
        out[key] = _convert(value_node, path + (key,), doc, problems, budget)
    return out


def _check_tag(node, expected, doc, problems):
    if node.tag != expected:
        problems.append(Problem(doc.file, node.start_mark.line + 1, node.start_mark.column + 1,
                                f"YAML tag '{node.tag}' is not allowed"))


def _scalar(node, path, doc, problems):
    tag, value = node.tag, node.value
    if tag == "tag:yaml.org,2002:str":
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("yes", "true", "on", "y")
    try:
        if tag == "tag:yaml.org,2002:int":
            return int(value.replace("_", ""), 0)
        if tag == "tag:yaml.org,2002:float":
            return float(value.replace("_", ""))
        if tag == "tag:yaml.org,2002:timestamp":
            return _timestamp(value)
    except ValueError:
        pass
    # a value that looks typed but is not valid is kept as the text the user wrote
    return value


def _timestamp(value: str):
    if len(value) == 10:
        return _dt.date.fromisoformat(value)
    return _dt.datetime.fromisoformat(value.replace(" ", "T").replace("Z", "+00:00").replace("t", "T"))
