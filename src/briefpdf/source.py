"""YAML text -> plain data, remembering the line and column of every node.

Only YAML's own scalar types are built (never Python objects), aliases are bounded so an
"aliases bomb" cannot explode, and duplicate keys, which PyYAML silently collapses, are
reported with both lines.
"""

from __future__ import annotations

import datetime as _dt
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import yaml

from .problems import BriefError, Problem, did_you_mean

MAX_BYTES = 1_000_000  # a briefing is a few kilobytes; anything near this is a mistake
MAX_NODES = 50_000  # counts nodes after alias expansion
MAX_DEPTH = 64  # a briefing is at most five levels deep
# Characters YAML 1.1 does not allow in a stream (its reader would report a byte offset, not a line)
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

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
    files: dict = field(default_factory=dict)  # path -> file, when merged from several (style `extends`)
    written: dict = field(default_factory=dict)  # path -> the text of a scalar YAML read as a number, date or bool

    def text_of(self, path: Path_, value):
        """The value at `path` as the author wrote it, for a field that is text: `version: 1.10`
        is "1.10" (not the float 1.1), `code: 0x12D65` is "0x12D65" (not 77157)."""
        return self.written.get(path, value)

    def where(self, path: Path_) -> tuple[int, int]:
        """Position of the value at `path`, or of its nearest ancestor."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def key_where(self, path: Path_) -> tuple[int, int]:
        return self.key_positions.get(path) or self.where(path)

    def file_of(self, path: Path_) -> str:
        """The file the value at `path` came from (a merged style has several)."""
        while path not in self.files and path:
            path = path[:-1]
        return self.files.get(path, self.file)

    def problem(self, path: Path_, message: str, hint: str | None = None, *, at_key=False) -> Problem:
        line, col = self.key_where(path) if at_key else self.where(path)
        return Problem(self.file_of(path), line, col, message, hint)


def read_text(path: Path, display: str | None = None) -> str:
    """The file's text, or a BriefError that says plainly why it cannot be read."""
    name = display or str(path)

    def fail(message: str, hint: str | None = None):
        raise BriefError([Problem(name, 1, 1, message, hint)])

    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            fail("is a symbolic link to a file that does not exist", f"it points to {_link_target(path)}")
        fail("no such file", _near_miss(path))
    except OSError as exc:
        fail(f"cannot read file: {exc.strerror or exc}")
    if stat.S_ISDIR(st.st_mode):
        fail("is a folder, not a YAML file", "name a .yaml file inside it (`briefpdf render FOLDER` renders each one)")
    if not stat.S_ISREG(st.st_mode):  # a FIFO or device would block or never end
        fail("is not a regular file", "save the briefing to a .yaml file and name that")
    if st.st_size > MAX_BYTES:
        fail(f"file is {st.st_size:,} bytes; the limit is {MAX_BYTES:,}", "a briefing is a few kilobytes; is this the right file?")
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)  # never more than the limit, even if the file grows meanwhile
    except OSError as exc:
        fail(f"cannot read file: {exc.strerror or exc}")
    if len(raw) > MAX_BYTES:
        fail(f"file is over the limit of {MAX_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1: exc.start].decode("utf-8", "replace")) + 1
        hint = "save the file as UTF-8"
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            hint = "the file is UTF-16; save it as UTF-8"
        raise BriefError([Problem(name, line, col, f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", hint)]) from None
    if not text.strip():
        fail("file is empty", "start from `briefpdf new` or copy sources/77301.yaml")
    return text


def _link_target(path: Path) -> str:
    try:
        return str(path.readlink())
    except OSError:
        return "a missing file"


def _near_miss(path: Path) -> str | None:
    """A hint naming a file in the same folder whose name is close to the missing one."""
    try:
        names = [p.name for p in path.parent.iterdir() if p.suffix in (".yaml", ".yml") and p.name != path.name]
    except OSError:
        return None
    close = did_you_mean(path.name, names)
    if close is None:
        return None
    match = close[len("did you mean '"):-len("'?")]
    return f"did you mean '{path.with_name(match)}'?"


def parse(text: str, file: str) -> Document:
    """Compose the YAML (no object construction) and convert it with positions."""
    bad = _UNPRINTABLE.search(text)
    if bad:  # PyYAML's reader reports these at a byte offset; say where they are in lines
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise BriefError([Problem(file, line, col, f"control character U+{ord(bad.group()):04X} is not allowed",
                                  "remove it; only tabs and line breaks are allowed in text")])
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or str(exc).splitlines()[0]
        hint = None
        if exc.context:
            message = f"{message} ({exc.context})"
            cm = exc.context_mark
            if cm is not None and exc.problem_mark is not None and (cm.line, cm.column) != (mark.line, mark.column):
                hint = f"that started at line {cm.line + 1}, column {cm.column + 1}"
        if "tab character" in message:
            hint = "indent with spaces, not tabs"
        raise BriefError([Problem(file, line, col, f"YAML syntax: {message}", hint)]) from None
    except yaml.YAMLError as exc:  # anything else the reader rejects
        raise BriefError([Problem(file, 1, 1, f"YAML: {exc}".splitlines()[0])]) from None
    except RecursionError:
        raise BriefError([Problem(file, 1, 1, "YAML is nested too deeply")]) from None
    if root is None or isinstance(root, yaml.ScalarNode) and root.tag.endswith(":null") and not root.value:
        raise BriefError([Problem(file, 1, 1, "file holds no YAML document", "it has only comments or '---'")])
    doc = Document(file, None)
    problems: list[Problem] = []
    budget = [MAX_NODES]
    doc.data = _convert(root, (), doc, problems, budget, 0)
    if problems:
        raise BriefError(problems)
    return doc


def load_file(path: str | Path) -> Document:
    path = Path(path)
    return parse(read_text(path), str(path))


def _convert(node, path, doc: Document, problems: list[Problem], budget: list[int], depth: int):
    budget[0] -= 1
    if depth > MAX_DEPTH:
        if budget[0] >= 0:
            budget[0] = -2  # report once, then stop converting
            problems.append(Problem(doc.file, node.start_mark.line + 1, node.start_mark.column + 1,
                                    f"YAML is nested more than {MAX_DEPTH} levels deep",
                                    "an alias (*name) inside the block its anchor (&name) marks repeats forever"))
        return None
    if budget[0] < 0:
        if budget[0] == -1:
            problems.append(Problem(doc.file, node.start_mark.line + 1, node.start_mark.column + 1,
                                    f"too many YAML nodes after expanding aliases (limit {MAX_NODES:,})",
                                    "anchors and aliases (&name, *name) are expanded; avoid nesting them"))
        return None
    doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, path, doc, problems, budget, depth)
    if isinstance(node, yaml.SequenceNode):
        _check_tag(node, "tag:yaml.org,2002:seq", doc, problems)
        return [_convert(item, path + (i,), doc, problems, budget, depth + 1) for i, item in enumerate(node.value)]
    if node.tag not in _SCALAR_TAGS:
        _tag_problem(node, doc, problems)
        return None
    return _scalar(node, path, doc, problems)


def _convert_mapping(node, path, doc, problems, budget, depth):
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
            problems.append(Problem(doc.file, *key_pos, f"duplicate key '{key}' (also on line {seen[key][0]})",
                                    f"first given at line {seen[key][0]}, column {seen[key][1]}; "
                                    "keep one of them (YAML would silently keep only the last)"))
            continue
        seen[key] = key_pos
        doc.key_positions[path + (key,)] = key_pos
        out[key] = _convert(value_node, path + (key,), doc, problems, budget, depth + 1)
    return out


def _check_tag(node, expected, doc, problems):
    if node.tag != expected:
        _tag_problem(node, doc, problems)


def _tag_problem(node, doc, problems):
    tag = node.tag
    if tag.startswith("tag:yaml.org,2002:"):
        tag = "!!" + tag[len("tag:yaml.org,2002:"):]
    problems.append(Problem(doc.file, node.start_mark.line + 1, node.start_mark.column + 1,
                            f"YAML tag '{tag}' is not allowed",
                            "write plain text, numbers, dates, lists and mappings only (put text with a "
                            "leading '!' in quotes)"))


def _scalar(node, path, doc, problems):
    tag, value = node.tag, node.value
    if tag == "tag:yaml.org,2002:str":
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    doc.written[path] = value  # a number, date or true/false: its text, for a field that is text
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


def strings(data, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, text) of every string in parsed data, keys excluded (they are never printed)."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from strings(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from strings(v, path + (i,))
