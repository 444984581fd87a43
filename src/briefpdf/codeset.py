"""Code-set files an organisation holds (CPT exports, the HCPCS Level II file) -> a CodeSet.

No code set ships with briefpdf: descriptors may be licensed text. A file is a CSV with the
header `code,descriptor,effective_date,termination_date` (the last may be empty); other column
names are mapped in the configuration, so a file can be used as it comes. Descriptors are read
to compare with a briefing's title and printed in the terminal only, never on the page.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass
from typing import Iterable

from .config import CodeFile
from .problems import BriefError, Problem

CPT_SHAPE = re.compile(r"[0-9]{4}[0-9FTU]")
HCPCS_SHAPE = re.compile(r"[A-Z][0-9]{4}")
_DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%m/%d/%Y")
MAX_PROBLEMS = 10
_sets: dict[bytes, "CodeSet"] = {}  # sha256 of the file's bytes and columns -> its CodeSet


@dataclass(frozen=True)
class Entry:
    """One row: a code as the file describes it, and where (file, line) it says so."""

    code: str
    descriptor: str
    effective: dt.date | None
    terminated: dt.date | None
    file: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


class CodeSet:
    """Every code of one or more files; a code may have several rows (revised, reused)."""

    def __init__(self, entries: Iterable[Entry] = ()):
        self.entries: dict[str, list[Entry]] = {}
        for e in entries:
            self.entries.setdefault(e.code, []).append(e)
        self.shapes = {shape(code) for code in self.entries} - {None}

    def merged(self, other: "CodeSet") -> "CodeSet":
        return CodeSet([e for s in (self, other) for rows in s.entries.values() for e in rows])

    def knows(self, code: str) -> bool:
        """Does the set hold codes of this code's kind? A HCPCS file says nothing about CPT codes."""
        return shape(code) in self.shapes

    def current(self, code: str, on: dt.date) -> tuple[Entry | None, list[Entry]]:
        """(the row in effect on `on`, or None; every row of the code)."""
        rows = self.entries.get(code, [])
        live = [e for e in rows if (e.effective is None or e.effective <= on)
                and (e.terminated is None or e.terminated >= on)]
        return (live[-1] if live else None), rows


def shape(code: str) -> str | None:
    """'CPT' or 'HCPCS' by the code's form, or None (an ICD-10 code, say)."""
    return "CPT" if CPT_SHAPE.fullmatch(code) else "HCPCS" if HCPCS_SHAPE.fullmatch(code) else None


def load_all(files: Iterable[CodeFile]) -> CodeSet | None:
    """The union of the files, or None when there are none; BriefError lists what is wrong."""
    found, problems = None, []
    for f in files:
        try:
            one = load(f)
        except BriefError as err:
            problems += err.problems
            continue
        found = one if found is None else found.merged(one)
    if problems:
        raise BriefError(problems)
    return found


def load(f: CodeFile) -> CodeSet:
    """One file, read once per content (a batch checks many sources against the same file)."""
    try:
        data = f.path.read_bytes()
    except OSError as exc:
        raise BriefError([Problem(str(f.path), 1, 1, f"cannot read the code-set file: {exc.strerror or exc}",
                                  f"named in {f.named_in}")]) from None
    key = hashlib.sha256(data + repr(sorted(f.columns.items())).encode()).digest()
    if key not in _sets:
        if len(_sets) > 8:
            _sets.clear()
        _sets[key] = CodeSet(_rows(f, data))
    return _sets[key]


def _rows(f: CodeFile, data: bytes) -> list[Entry]:
    file = str(f.path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # public files are often Windows-1252
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    index = {}
    for name, column in f.columns.items():
        if column in header:
            index[name] = header.index(column)
        elif name == "code" or column != name.replace("-", "_"):  # the code, or a name the user mapped
            raise BriefError([Problem(file, 1, 1, f"the code-set file has no column '{column}' (the {name})",
                                      f"columns found: {', '.join(header[:8]) or 'none'}; map yours in the "
                                      f"configuration: codes = [{{path = ..., columns = {{{name} = \"...\"}}}}]")])
    rows, problems = [], []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: row[i].strip() if i < len(row) else "" for name, i in index.items()}
        dates = {}
        for name in ("effective-date", "termination-date"):
            dates[name], bad = _date(cells.get(name, ""))
            if bad:
                problems.append(Problem(file, line, index[name] + 1,
                                        f"the {name} {cells[name]!r} of {cells['code']} is not a date",
                                        "write YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY, or leave it empty"))
        rows.append(Entry(cells["code"].upper(), cells.get("descriptor", ""), dates["effective-date"],
                          dates["termination-date"], file, line))
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise BriefError(problems)
    return rows


def _date(text: str) -> tuple[dt.date | None, bool]:
    """(the date, whether the text was not a date)."""
    if not text:
        return None, False
    for form in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, form).date(), False
        except ValueError:
            continue
    return None, True


# ----------------------------------------------------------------------------- titles and descriptors
_STOP = frozenset("a an and or of the to for with without by in on at per each other than not any all "
                  "including includes".split())


def words(text: str) -> set[str]:
    """A text's content words, each cut to its first five letters so 'radiotherapy' meets 'radiation'."""
    return {w[:5] for w in re.findall(r"[a-z0-9]+", text.casefold()) if w not in _STOP and len(w) > 1}


def overlap(title: str, descriptor: str) -> float:
    """The share of the shorter text's words the other also has (0 to 1)."""
    a, b = words(title), words(descriptor)
    if not a or not b:
        return 1.0
    return len(a & b) / min(len(a), len(b))
