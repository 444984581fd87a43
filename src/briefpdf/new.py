"""`briefpdf new CODE`: a source with every section, a comment on each field, gaps as null.

The template is generated from `schema.describe`'s node tree of the model (the same tree the
validator and the JSON Schema read), so a field added to the model appears here, with its doc
and allowed values, without touching this file. What must be filled in reads
"TODO: ..."; what is optional is null, which the PDF shows as "Not provided".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import textwrap
from pathlib import Path

from .atomic import write_atomic
from .problems import BriefError, Problem
from .schema import Choice, Date, Field, Flag, ListOf, Node, Nullable, Number, Prose, Record, Text, describe

SCHEMA_FILE = Path("schema") / "briefing.schema.json"
DISCLAIMER = ("This briefing is for information only. It is not legal, coding or medical advice: confirm "
              "codes, coverage and payment with the payer and the current code set before billing.")
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_ .,()&/'-]*")
_RESERVED = {"yes", "no", "true", "false", "null", "on", "off", "y", "n", "none", "~"}


class UsageError(ValueError):
    """The CODE or options cannot make a valid source (the command line is wrong: exit 2)."""


def write_new(code: str, *, title: str | None = None, system: str | None = None,
              folder: Path = Path("sources"), today: dt.date | None = None) -> tuple[Path, list[str]]:
    """Write folder/CODE.yaml, refusing to overwrite; returns its path and extra lines to print.

    Nothing is written until the template has passed the same checks as `validate`; the
    project's schema is written (if none is found) only after the source itself.
    """
    code = code.strip().upper()
    path = folder / f"{code}.yaml"
    if path.exists():
        raise BriefError([Problem(str(path), 1, 1, "already exists; briefpdf new never overwrites a source",
                                  "edit it, or choose another folder with --dir")])
    system = _check_code(code, system)
    schema_path, schema_found = _schema_file(folder)
    text = template(code, title=title, system=system, today=today or dt.date.today(),
                    schema_ref=Path(os.path.relpath(schema_path, folder.resolve())).as_posix())
    _check(text)
    try:
        write_atomic(path, text.encode("utf-8"), replace=False, option="--dir")
    except FileExistsError:
        raise BriefError([Problem(str(path), 1, 1, "already exists; briefpdf new never overwrites a source")]) from None
    return path, [] if schema_found else [_write_schema(schema_path)]


CPT_SHAPE = re.compile(r"[0-9]{5}|[0-9]{4}[FTU]")
HCPCS_SHAPE = re.compile(r"[A-Z][0-9]{4}")
_SHAPES = ("a CPT code is five digits (77301) or four digits and F, T or U (0075T); "
           "a HCPCS Level II code is a letter and four digits (G6015)")


def _check_code(code: str, system: str | None) -> str:
    """The code's system (given, or told by its shape); UsageError for a code of neither shape."""
    shape = "CPT" if CPT_SHAPE.fullmatch(code) else "HCPCS" if HCPCS_SHAPE.fullmatch(code) else None
    if shape is None:
        raise UsageError(f"'{code}' is not a billing code: {_SHAPES}")
    if system == "CPT" and shape != "CPT":
        raise UsageError(f"'{code}' is not a CPT code: five digits (77301) or four digits and F, T or U (0075T)")
    if system == "HCPCS" and shape != "HCPCS":
        raise UsageError(f"'{code}' is not a HCPCS Level II code: a letter and four digits (G6015)")
    return system or shape


def _schema_file(folder: Path) -> tuple[Path, bool]:
    """(the project's schema/briefing.schema.json, whether it exists).

    The nearest one above the folder; if there is none, the project is the folder's parent
    (sources/ sits in it), or the folder itself when it holds the working folder (--dir .).
    """
    start = folder.resolve()
    for parent in (start, *start.parents):
        candidate = parent / SCHEMA_FILE
        if candidate.is_file():
            return candidate, True
    cwd = Path.cwd().resolve()
    project = start if start == cwd or start in cwd.parents else start.parent
    return project / SCHEMA_FILE, False


def _write_schema(target: Path) -> str:
    """Write the schema for editors; a failure is a note, since the source is already written."""
    from .jsonschema import schema_text

    shown = os.path.relpath(target)
    try:
        write_atomic(target, schema_text().encode("utf-8"))
    except BriefError as err:
        return (f"note: could not write {shown}: {err.problems[0].message}; "
                f"`briefpdf schema -o {shown}` writes it")
    return f"wrote {shown} (editors use it to complete and check sources)"


def _check(text: str) -> None:
    """The template through the same loader as `validate`, from a scratch copy (nothing is
    written where the user will look until it passes)."""
    import tempfile

    from .load import load_with_positions

    with tempfile.TemporaryDirectory(prefix="briefpdf-new-") as scratch:
        draft = Path(scratch) / "draft.yaml"
        draft.write_text(text, encoding="utf-8")
        try:
            load_with_positions(draft)
        except BriefError as err:
            raise UsageError("; ".join(p.message + (f" ({p.hint})" if p.hint else "")
                                       for p in err.problems)) from None


# ----------------------------------------------------------------------------- the template

def template(code: str, *, title: str | None, system: str, today: dt.date, schema_ref: str) -> str:
    from .model import Briefing

    values = {("document", "code"): code, ("document", "code_system"): system,
              ("document", "title"): title or "TODO: the code's short descriptor",
              ("document", "date"): today, ("document", "status"): "draft",
              ("coding", "modifiers", 0, "modifier"): "XX",  # a pattern-valid placeholder, replaced by the user
              ("disclaimer",): [DISCLAIMER]}
    head = [f"# yaml-language-server: $schema={schema_ref}",
            f"# {system} {code} briefing, started with `briefpdf new`. Replace each TODO. Where information",
            "# is not available, leave the field null: the PDF then says \"Not provided\", never a blank.",
            "# status: draft puts a DRAFT watermark on every page; set it to final when done.",
            "# Prose fields take one text or a list of texts. In a text, a blank line starts a new paragraph,",
            "# lines starting with \"- \" make a bulleted list and \"1. \" a numbered one (indent to nest);",
            "# **bold**, *italic*, [links](https://...) and citations [^id] of a reference or source work inside."]
    lines = _record(describe(Briefing), (), 0, values, blank_between=True)
    return "\n".join(head + lines) + "\n"


def _record(record: Record, path: tuple, indent: int, values: dict, blank_between: bool = False,
            full: bool = False) -> list[str]:
    out: list[str] = []
    for f in record.fields:
        if blank_between:
            out.append("")
        out += _field(f, path + (f.name,), indent, values, full)
    return out


def _field(f: Field, path: tuple, indent: int, values: dict, full: bool = False) -> list[str]:
    """A field's comment and line. A record left null or empty gets, as a comment, the block that
    fills it in (`full`: every nested record written out too), so every field of every record is
    named, each with its one-line doc and allowed values."""
    pad = "  " * indent
    nullable = isinstance(f.node, Nullable)
    node = f.node.inner if nullable else f.node
    record = _record_of(node)
    if path in values:
        value = values[path]
    elif full and record is not None:
        value = _placeholder(node, f.doc)
    elif not f.required:
        value = f.default_value()
    else:
        value = _placeholder(node, f.doc)
    out = [f"{pad}# {line}" for line in _comment(f.doc, node, nullable and (value is None or full),
                                                  width=_WIDTH - len(pad))]
    if not full and (value is None or value == []) and record is not None:
        example = _emit(f.name, _placeholder(node, f.doc), record, indent, path, values, full=True)
        out.append(f"{pad}# To fill it in, replace the next line with:")
        out += [f"{pad}#   {line[len(pad):]}" for line in example]
    out += _emit(f.name, value, record, indent, path, values, full)
    return out


_WIDTH = 100  # comment lines wrap here


def _comment(doc: str, node: Node, nullable: bool, width: int) -> list[str]:
    """The field's doc, its allowed values, how it takes prose, and whether null is allowed."""
    text = doc.strip()
    choices = _choices(node)
    if choices:
        text += f" {'Each one of' if isinstance(node, ListOf) else 'One of'}: {', '.join(choices)}."
    if isinstance(node, Prose):
        text += " Prose: paragraphs and lists (see the top of the file)."
    if nullable and "null" not in text and "default:" not in text:  # else the doc says what null means
        text += " null = Not provided."
    return textwrap.wrap(text, max(40, width - 2), break_long_words=False, break_on_hyphens=False) if text else []


def _emit(name, value, record: Record | None, indent, path, values, full: bool = False) -> list[str]:
    pad = "  " * indent
    if dataclasses.is_dataclass(value) or value == "__record__":
        return [f"{pad}{name}:"] + _record(record, path, indent + 1, values, full=full)
    if isinstance(value, list) and value:
        lines = [f"{pad}{name}:"]
        for item in value:
            if item == "__record__":
                body = _record(record, path + (0,), indent + 2, values, full=full)
                first = next(i for i, line in enumerate(body) if not line.lstrip().startswith("#"))
                body[first] = f"{pad}  - " + body[first].lstrip()
                lines += body
            else:
                lines.append(f"{pad}  - {_scalar(item)}")
        return lines
    return [f"{pad}{name}: {_scalar(value)}"]


def _placeholder(node: Node, doc: str):
    """What a required value is until the user fills it in: valid, and plainly a placeholder."""
    if isinstance(node, Nullable):
        return _placeholder(node.inner, doc)
    if isinstance(node, ListOf):
        return [_placeholder(node.item, doc)]
    if isinstance(node, Prose):
        text = _placeholder(node.text, doc)
        return [text] if node.many else text
    if isinstance(node, Choice):
        return node.options[0]
    if isinstance(node, Record):
        return "__record__"
    if isinstance(node, Date):
        return dt.date.today()
    if isinstance(node, Number):
        return 0.0
    if isinstance(node, Flag):
        return False
    if node.example is not None:
        return node.example
    return "TODO: " + (doc or "text").rstrip(". ").lower()


def _choices(node: Node) -> tuple:
    """The allowed values of a choice (a Literal, a list of them, or a text with an enum)."""
    if isinstance(node, ListOf):
        node = node.item
    if isinstance(node, Choice):
        return node.options
    return node.enum or () if isinstance(node, Text) else ()


def _record_of(node: Node) -> Record | None:
    """The record a field holds, or holds a list of (written as a nested block)."""
    if isinstance(node, ListOf):
        node = node.item
    return node if isinstance(node, Record) else None


def _scalar(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return repr(value)
    if value == []:
        return "[]"
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and not text.endswith((" ", ":")):
        return text
    return json.dumps(text, ensure_ascii=False)
