"""The validator: a source's positioned data against a node tree, every problem at once.

Each problem carries the line and column of the value (or key) it is about, so an author can
fix them all in one pass; a record is built only from what passed.
"""

from __future__ import annotations

import datetime as dt
import re

from .. import links
from ..problems import Problem, did_you_mean
from ..source import Document
from .describe import (
    CONTROL_CHARS,
    LINK_PREFIX,
    MAX_TEXT,
    MAX_URL,
    Choice,
    Date,
    Flag,
    ListOf,
    Node,
    Nullable,
    Number,
    Prose,
    Record,
    Text,
    describe,
)

_LINK_TARGET = re.compile(r"\]\(" + LINK_PREFIX + r"[^\s()<>\"]+\)")  # markup.py's link syntax
_URL_WORD = re.compile(LINK_PREFIX + r"\S+")
_CONTROL = re.compile(f"[{CONTROL_CHARS}]")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # the JSON Schema's pattern for a date


class Validator:
    """Walks positioned data against a node tree, collecting Problems."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = []

    def fail(self, path, message, hint=None, at_key=False):
        self.problems.append(self.doc.problem(path, message, hint, at_key=at_key))

    def record(self, node: Record, data, path):
        if not isinstance(data, dict):
            self.fail(path, f"expected a mapping of {node.name} fields, found {_kind(data)}",
                      "write 'key: value' lines indented under this one")
            return None
        fields = {f.name: f for f in node.fields}
        missing = [f.name for f in node.fields if f.required and f.name not in data]
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
        for name, f in fields.items():
            if name not in data:
                if name in missing and name not in misspelt:
                    self.fail(path, f"missing required key '{name}' in {_label(path)}",
                              f"add '{name}:' ({f.doc.rstrip('.')})")
                    values[name] = None
                continue
            values[name] = self.value(f.node, data[name], path + (name,))
        try:
            return node.cls(**values)
        except TypeError:  # only reachable when a required field failed; problems already say why
            return None

    def value(self, node: Node, data, path):
        if isinstance(node, Nullable):
            return None if data is None else self.value(node.inner, data, path)
        if data is None:
            self.fail(path, f"'{_label(path)}' needs a value",
                      "where the information is unavailable, leave the key out or use a field that may be null")
            return None
        return _READERS[type(node)](self, node, data, path)

    def list(self, node: ListOf, data, path):
        if not isinstance(data, list):
            if isinstance(data, (str, dict)) and not isinstance(node.item, Record) or isinstance(data, dict):
                hint = "write each item on its own line starting with '- '"
            else:
                hint = None
            self.fail(path, f"'{_label(path)}' must be a list, found {_kind(data)}", hint)
            return []
        if len(data) < node.min_items:
            self.fail(path, f"'{_label(path)}' needs at least {node.min_items} item(s)")
        out = [self.value(node.item, item, path + (i,)) for i, item in enumerate(data)]
        return [x for x in out if x is not None]

    def prose(self, node: Prose, data, path):
        """One text or a list of texts, read into the shape the field holds."""
        if isinstance(data, list) or node.many and (isinstance(data, bool) or not isinstance(data, (str, int, float))):
            texts = self.list(node.texts, data, path)  # a mapping or a flag for a list field: "must be a list"
            return texts if node.many else "\n\n".join(texts) or None
        text = self.text(node.text, data, path)
        return text if not node.many else [] if text is None else [text]

    def choice(self, node: Choice, data, path):
        options = node.options
        if not isinstance(data, str) or data not in options:
            self.fail(path, f"'{_label(path)}' must be one of: {', '.join(options)}; found {data!r}",
                      did_you_mean(str(data), options))
            return None
        return data

    def flag(self, node: Flag, data, path):
        if not isinstance(data, bool):
            self.fail(path, f"'{_label(path)}' must be true or false, found {_kind(data)}")
            return None
        return data

    def text(self, node: Text, data, path):
        if isinstance(data, bool) or not isinstance(data, (str, int, float, dt.date)):
            written = self.doc.written.get(path) if isinstance(data, bool) else None
            self.fail(path, f"'{_label(path)}' must be text, found {_kind(data)}",
                      f'YAML reads {written} as true/false; write it in quotes: "{written}"' if written else None)
            return None
        if node.numbers and isinstance(data, float) and data.is_integer():
            data = int(data)  # `indicator: 1.0` is 1, as in the JSON Schema (where 1.0 and 1 are equal)
        elif not isinstance(data, str):  # YAML read it as a number or date: `version: 1.10` is "1.10", not 1.1
            data = self.doc.text_of(path, data)
        text = data.isoformat() if isinstance(data, dt.date) else str(data)
        if not text.strip():
            self.fail(path, f"'{_label(path)}' is empty", "leave the key out (or null) if the information is not provided")
            return None
        bad = _CONTROL.search(text)
        if bad:
            self.fail(path, f"'{_label(path)}' contains the control character U+{ord(bad.group()):04X}",
                      "remove it; only tabs and line breaks are allowed in text")
            return None
        if len(text) > node.max_length:
            self.fail(path, f"'{_label(path)}' is {len(text):,} characters; the limit is {node.max_length:,}",
                      "split it into several paragraphs" if node.max_length == MAX_TEXT else "shorten it")
            return None
        if not self.words(text, path, node.max_word):
            return None
        wrong = links.problem(text) if node.max_word == MAX_URL else None  # a field that holds one link
        if wrong:
            self.fail(path, f"'{_label(path)}': {wrong[0]}", wrong[1])
            return None
        if node.pattern and not re.fullmatch(node.pattern, text):
            self.fail(path, f"'{_label(path)}' has an invalid value {text!r}", node.hint)
            return None
        if node.enum and text not in node.enum:
            self.fail(path, f"'{_label(path)}' has an unknown value {text!r}",
                      did_you_mean(text, node.enum) or f"use a code like {', '.join(node.enum[:6])}")
            return None
        return " ".join(text.split()) if "\n" not in text.strip() else text.strip()

    def words(self, text, path, limit: int) -> bool:
        """No word too long to set on a line: a 20,000-letter 'word' is a paste error, not prose."""
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

    def number(self, node: Number, data, path):
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            self.fail(path, f"'{_label(path)}' must be a number, found {_kind(data)}",
                      "write digits only, e.g. 412.50 (no currency sign or thousands separator)")
            return None
        value = float(data)
        if value != value or value in (float("inf"), float("-inf")):
            self.fail(path, f"'{_label(path)}' must be a finite number")
            return None
        if node.minimum is not None and value < node.minimum:
            self.fail(path, f"'{_label(path)}' must be at least {node.minimum:g}, found {value:g}")
            return None
        if value > node.maximum:
            self.fail(path, f"'{_label(path)}' is implausibly large ({value:g})")
            return None
        return value

    def date(self, node: Date, data, path):
        """YYYY-MM-DD only, as the JSON Schema says: not a week or ordinal date, a date without
        dashes, or a date and time, which Python's own reader would take."""
        if isinstance(data, dt.date) and not isinstance(data, dt.datetime):
            return data
        written = str(self.doc.text_of(path, data)).strip() if not isinstance(data, (dict, list)) else None
        if written is not None and _DATE.fullmatch(written):
            try:
                return dt.date.fromisoformat(written)
            except ValueError:  # 2026-02-30
                pass
        hint = "for example 2026-11-28"
        if written:
            alone = len(written) > 10 and _DATE.fullmatch(written[:10]) is not None  # a date and a time
            try:
                meant = dt.date.fromisoformat(written[:10] if alone else written)
                hint = f"write it as {meant.isoformat()}" + (" (the date alone)" if alone else "")
            except ValueError:
                pass
        found = repr(written) if written and isinstance(data, str) else written or _kind(data)
        self.fail(path, f"'{_label(path)}' must be a date written YYYY-MM-DD, found {found}", hint)
        return None


_READERS = {Record: Validator.record, ListOf: Validator.list, Choice: Validator.choice, Text: Validator.text,
            Prose: Validator.prose, Number: Validator.number, Flag: Validator.flag, Date: Validator.date}


def validate(cls, doc: Document):
    """Typed record from a parsed document, plus the problems found (all of them)."""
    v = Validator(doc)
    result = v.record(describe(cls), doc.data, ())
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
