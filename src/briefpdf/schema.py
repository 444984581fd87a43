"""A small declarative schema: records are dataclasses, fields carry their rules.

One declaration gives three things: validation of positioned YAML data into typed records
(every problem at once, each with its line and column), the JSON Schema editors use, and the
commented template `briefpdf new` writes. Hand-written because the libraries that do this
(pydantic, jsonschema) cost more import time than a whole render and cannot point at lines.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from typing import Any, Literal

from .problems import Problem, did_you_mean
from .source import Document

MAX_TEXT = 20_000  # characters in one text field
MAX_WORD = 120  # characters in one word a reader sees; longer is a paste error, not prose
MAX_URL = 2_000  # characters in a link target
_LINK_TARGET = re.compile(r"\]\((?:https?://|mailto:)[^\s()<>\"]+\)")  # markup.py's link syntax
_URL_WORD = re.compile(r"(?:https?://|mailto:)\S+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def spec(doc: str, *, default: Any = dataclasses.MISSING, pattern: str | None = None,
         example: Any = None, min_items: int = 0, minimum: float | None = None,
         enum: tuple | None = None, pattern_hint: str | None = None, block: bool = False):
    """A dataclass field with the rules and documentation the schema needs.

    `block`: prose (paragraphs and lists, see blocktext.py) that may be written either as one
    text or as a list of texts; a text field joins a list into paragraphs, a list field takes
    one text as a list of one.
    """
    meta = {"doc": doc, "pattern": pattern, "example": example, "min_items": min_items,
            "minimum": minimum, "enum": enum, "pattern_hint": pattern_hint, "block": block}
    if isinstance(default, list):
        return dataclasses.field(default_factory=list, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


def _hints(cls) -> dict:
    cache = cls.__dict__.get("_hints_cache")
    if cache is None:
        cache = typing.get_type_hints(cls)
        cls._hints_cache = cache
    return cache


def _optional_inner(tp):
    """T for Optional[T], else None."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(tp)) == 2:
            return args[0]
    return None


# ----------------------------------------------------------------------------- validation

_UNSHAPED = object()  # Validator.block: the value is already in the field's own shape

class Validator:
    """Walks positioned data against a record type, collecting Problems."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = []

    def fail(self, path, message, hint=None, at_key=False):
        self.problems.append(self.doc.problem(path, message, hint, at_key=at_key))

    def record(self, cls, data, path):
        if not isinstance(data, dict):
            self.fail(path, f"expected a mapping of {cls.__name__} fields, found {_kind(data)}",
                      "write 'key: value' lines indented under this one")
            return None
        fields = {f.name: f for f in dataclasses.fields(cls)}
        missing = [n for n, f in fields.items() if n not in data and f.default is dataclasses.MISSING
                   and f.default_factory is dataclasses.MISSING]
        misspelt = set()  # required keys an unknown key is a misspelling of: one message, not two
        for key in data:
            if key not in fields:
                suggestion = did_you_mean(str(key), fields)
                close = did_you_mean(str(key), missing)
                if close:
                    suggestion = close
                    misspelt.add(close[len("did you mean '"):-len("'?")])
                self.fail(path + (key,), f"unknown key '{key}' in {_label(path)}",
                          suggestion or f"allowed keys: {', '.join(fields)}", at_key=True)
        values = {}
        hints = _hints(cls)
        for name, f in fields.items():
            tp = hints[name]
            if name not in data:
                if name in missing and name not in misspelt:
                    where = path
                    self.fail(where, f"missing required key '{name}' in {_label(path)}",
                              f"add '{name}:' ({f.metadata['doc'].rstrip('.')})")
                    values[name] = None
                continue
            values[name] = self.value(tp, data[name], path + (name,), f.metadata)
        try:
            return cls(**values)
        except TypeError:  # only reachable when a required field failed; problems already say why
            return None

    def value(self, tp, data, path, meta):
        inner = _optional_inner(tp)
        if inner is not None:
            return None if data is None else self.value(inner, data, path, meta)
        if data is None:
            self.fail(path, f"'{_label(path)}' needs a value",
                      "where the information is unavailable, leave the key out or use a field that may be null")
            return None
        origin = typing.get_origin(tp)
        if meta.get("block"):
            shaped = self.block(tp, data, path, meta)
            if shaped is not _UNSHAPED:
                return shaped
        if origin is list:
            return self.list(typing.get_args(tp)[0], data, path, meta)
        if origin is Literal:
            return self.choice(typing.get_args(tp), data, path)
        if dataclasses.is_dataclass(tp):
            return self.record(tp, data, path)
        if tp is str:
            return self.text(data, path, meta)
        if tp is float:
            return self.number(data, path, meta)
        if tp is bool:
            if not isinstance(data, bool):
                self.fail(path, f"'{_label(path)}' must be true or false, found {_kind(data)}")
                return None
            return data
        if tp is dt.date:
            return self.date(data, path)
        raise TypeError(f"schema type {tp!r} is not supported")  # a programming error

    def list(self, item_tp, data, path, meta):
        if not isinstance(data, list):
            if isinstance(data, (str, dict)) and not dataclasses.is_dataclass(item_tp) or isinstance(data, dict):
                hint = "write each item on its own line starting with '- '"
            else:
                hint = None
            self.fail(path, f"'{_label(path)}' must be a list, found {_kind(data)}", hint)
            return []
        if len(data) < meta.get("min_items", 0):
            self.fail(path, f"'{_label(path)}' needs at least {meta['min_items']} item(s)")
        item_meta = {k: v for k, v in meta.items() if k != "min_items"}
        out = [self.value(item_tp, item, path + (i,), item_meta) for i, item in enumerate(data)]
        return [x for x in out if x is not None]

    def block(self, tp, data, path, meta):
        """Prose in either shape: a list for a text field (joined as paragraphs), a text for a list."""
        if tp is str and isinstance(data, list):
            texts = self.list(str, data, path, {**meta, "block": False, "min_items": 1})
            return "\n\n".join(texts) if texts else None
        if typing.get_origin(tp) is list and isinstance(data, (str, int, float)) and not isinstance(data, bool):
            text = self.text(data, path, meta)
            return [text] if text is not None else []
        return _UNSHAPED

    def choice(self, options, data, path):
        if not isinstance(data, str) or data not in options:
            self.fail(path, f"'{_label(path)}' must be one of: {', '.join(options)}; found {data!r}",
                      did_you_mean(str(data), options))
            return None
        return data

    def text(self, data, path, meta):
        if isinstance(data, bool) or not isinstance(data, (str, int, float, dt.date)):
            self.fail(path, f"'{_label(path)}' must be text, found {_kind(data)}")
            return None
        text = data.isoformat() if isinstance(data, dt.date) else str(data)
        if not text.strip():
            self.fail(path, f"'{_label(path)}' is empty", "leave the key out (or null) if the information is not provided")
            return None
        bad = _CONTROL.search(text)
        if bad:
            self.fail(path, f"'{_label(path)}' contains the control character U+{ord(bad.group()):04X}",
                      "remove it; only tabs and line breaks are allowed in text")
            return None
        if len(text) > MAX_TEXT:
            self.fail(path, f"'{_label(path)}' is {len(text):,} characters; the limit is {MAX_TEXT:,}",
                      "split it into several paragraphs")
            return None
        if not self.words(text, path, meta):
            return None
        pattern = meta.get("pattern")
        if pattern and not re.fullmatch(pattern, text):
            self.fail(path, f"'{_label(path)}' has an invalid value {text!r}", meta.get("pattern_hint"))
            return None
        enum = meta.get("enum")
        if enum and text not in enum:
            self.fail(path, f"'{_label(path)}' has an unknown value {text!r}",
                      did_you_mean(text, enum) or f"use a code like {', '.join(enum[:6])}")
            return None
        return " ".join(text.split()) if "\n" not in text.strip() else text.strip()

    def words(self, text, path, meta) -> bool:
        """No word too long to set on a line: a 20,000-letter 'word' is a paste error, not prose."""
        is_url_field = (meta.get("pattern") or "").startswith("(https?://")
        limit = MAX_URL if is_url_field else MAX_WORD
        visible = _LINK_TARGET.sub("]", text)  # a link's target is not printed, only its label
        for word in visible.split():
            word_limit = MAX_URL if _URL_WORD.match(word) else limit
            if len(word) > word_limit:
                shown = word[:30] + "…"
                self.fail(path, f"'{_label(path)}' has a word of {len(word):,} characters ({shown!r}); "
                                f"the limit is {word_limit:,}",
                          "a word that long is usually a paste error; add spaces or shorten it")
                return False
        return True

    def number(self, data, path, meta):
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            self.fail(path, f"'{_label(path)}' must be a number, found {_kind(data)}",
                      "write digits only, e.g. 412.50 (no currency sign or thousands separator)")
            return None
        value = float(data)
        if value != value or value in (float("inf"), float("-inf")):
            self.fail(path, f"'{_label(path)}' must be a finite number")
            return None
        if meta.get("minimum") is not None and value < meta["minimum"]:
            self.fail(path, f"'{_label(path)}' must be at least {meta['minimum']:g}, found {value:g}")
            return None
        if value > 1e12:
            self.fail(path, f"'{_label(path)}' is implausibly large ({value:g})")
            return None
        return value

    def date(self, data, path):
        if isinstance(data, dt.datetime):
            return data.date()
        if isinstance(data, dt.date):
            return data
        if isinstance(data, str):
            try:
                return dt.date.fromisoformat(data.strip())
            except ValueError:
                pass
        self.fail(path, f"'{_label(path)}' must be a date written YYYY-MM-DD, found {data!r}",
                  "for example 2026-11-28")
        return None


def validate(cls, doc: Document):
    """Typed record from a parsed document, plus the problems found (all of them)."""
    v = Validator(doc)
    result = v.record(cls, doc.data, ())
    v.problems.sort(key=lambda p: (p.line, p.column))
    return result, v.problems


def _label(path) -> str:
    parts = []
    for p in path:
        if isinstance(p, int):
            parts.append(f"[{p}]")
        else:
            parts.append(("." if parts else "") + p)
    return "".join(parts) or "the document"


def _kind(data) -> str:
    if data is None:
        return "nothing"
    if isinstance(data, bool):
        return f"true/false ({str(data).lower()})"
    if isinstance(data, dict):
        return "a mapping"
    if isinstance(data, list):
        return "a list"
    if isinstance(data, (int, float)):
        return f"a number ({data})"
    if isinstance(data, dt.date):
        return f"a date ({data})"
    return f"text ({str(data)[:40]!r})"


# ----------------------------------------------------------------------------- JSON Schema

def json_schema(cls, *, title: str, schema_id: str) -> dict:
    defs: dict = {}
    root = _record_schema(cls, defs)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_id,
            "title": title, **root, "$defs": dict(sorted(defs.items()))}


def _record_schema(cls, defs) -> dict:
    props, required = {}, []
    hints = _hints(cls)
    for f in dataclasses.fields(cls):
        props[f.name] = _type_schema(hints[f.name], f.metadata, defs)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
    out = {"type": "object", "description": (cls.__doc__ or "").strip(), "properties": props,
           "additionalProperties": False}
    if required:
        out["required"] = required
    return out


def _type_schema(tp, meta, defs) -> dict:
    inner = _optional_inner(tp)
    if inner is not None:
        s = _type_schema(inner, meta, defs)
        return {"anyOf": [s, {"type": "null"}], "description": s.pop("description", meta.get("doc", ""))}
    if meta.get("block"):
        text = _type_schema(str, {"doc": ""}, defs)
        text.pop("description", None)
        texts = {"type": "array", "items": text}
        least = 1 if tp is str else meta.get("min_items") or 0  # a text field joins 1+ texts
        if least:
            texts["minItems"] = least
        return {"anyOf": [text, texts],
                "description": meta.get("doc", "") + " Paragraphs and lists: a text, or a list of texts."}
    origin = typing.get_origin(tp)
    doc = meta.get("doc", "")
    if origin is list:
        item_meta = {k: v for k, v in meta.items() if k not in ("min_items", "doc")}
        s = {"type": "array", "items": _type_schema(typing.get_args(tp)[0], item_meta, defs)}
        if meta.get("min_items"):
            s["minItems"] = meta["min_items"]
    elif origin is Literal:
        s = {"enum": list(typing.get_args(tp))}
    elif dataclasses.is_dataclass(tp):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}
            defs[tp.__name__] = _record_schema(tp, defs)
        s = {"$ref": f"#/$defs/{tp.__name__}"}
        return {"$ref": s["$ref"], "description": doc} if doc else s
    elif tp is str:
        s = {"type": ["string", "number"], "minLength": 1, "maxLength": MAX_TEXT}
        if meta.get("pattern"):
            s = {"type": "string", "pattern": f"^(?:{meta['pattern']})$"}
        if meta.get("enum"):
            digits = [int(v) for v in meta["enum"] if v.isdigit()]  # `indicator: 1` reads as a number
            s = {"type": ["string", "integer"] if digits else "string", "enum": list(meta["enum"]) + digits}
    elif tp is float:
        s = {"type": "number"}
        if meta.get("minimum") is not None:
            s["minimum"] = meta["minimum"]
    elif tp is bool:
        s = {"type": "boolean"}
    elif tp is dt.date:
        s = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    else:
        raise TypeError(tp)
    if doc:
        s["description"] = doc
    if meta.get("example") is not None:
        s["examples"] = [meta["example"]]
    return s
