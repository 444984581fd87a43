"""The JSON Schema of the source format, generated from the model (and committed under schema/).

It is one more reader of `schema.describe`'s node tree, so every rule of the validator that JSON
Schema can express is in it: blank text, control characters and over-long words as patterns,
lengths, minimum and maximum numbers, list sizes, choices (a choice of digits also as bare
numbers), prose as a text or a list of texts. The patterns are written in the
syntax Python's `re` and ECMA-262 (what editors run) share: no lookbehind, no `\\s` (the two
engines disagree on a few whitespace characters), so both read them the same way.
"""

from __future__ import annotations

import json

from .schema import (
    CONTROL_CHARS,
    LINK_PREFIX,
    MAX_URL,
    MAX_WORD,
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

SCHEMA_ID = "https://briefpdf.dev/schema/briefing.schema.json"

# What Python's str.split() splits words at (its \s), spelt out.
_SPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NOT_BLANK = f"[^{_SPACE}]"
# One printed character of a word. A markup link's target, "](https://…)", prints as "]" alone
# (markup.py), so it counts as one; a "]" that starts no link target is one character too.
_TARGET = r"\(" + LINK_PREFIX + '[^()<>"' + _SPACE + r"]+\)"
_PRINTED = rf"(?:\]{_TARGET}|\](?!{_TARGET})|[^\]{_SPACE}])"
_WORD_START = f"(?:^|[{_SPACE}])"


def _long_word(limit: int) -> str:
    """A search pattern that finds a printed word longer than `limit`, and a link longer than MAX_URL."""
    if limit >= MAX_URL:
        return f"{_WORD_START}{_PRINTED}{{{limit + 1}}}"
    return (f"{_WORD_START}(?!{LINK_PREFIX}){_PRINTED}{{{limit + 1}}}"
            f"|{_WORD_START}(?={LINK_PREFIX}){_PRINTED}{{{MAX_URL + 1}}}")


def forbidden(max_word: int) -> str:
    """A search pattern for what the validator refuses in any text: a control character or a too-long word."""
    return f"[{CONTROL_CHARS}]|{_long_word(max_word)}"


def _rules_name(max_word: int) -> str:
    """The `$defs` entry with the text rules for this word limit (lower case: records are capitalised)."""
    return {MAX_WORD: "text", MAX_URL: "link"}.get(max_word, f"text_{max_word}")


def _rules(max_word: int) -> dict:
    link = f" (a link may have {MAX_URL:,})" if max_word < MAX_URL else ""
    return {"description": f"Not blank, no control character, no printed word over {max_word:,} characters{link}.",
            "pattern": NOT_BLANK, "not": {"type": "string", "pattern": forbidden(max_word)}}


def schema() -> dict:
    from .model import Briefing

    return json_schema(describe(Briefing), title="briefpdf briefing source", schema_id=SCHEMA_ID)


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


def json_schema(root: Record, *, title: str, schema_id: str) -> dict:
    """A draft 2020-12 schema of the record `root`; every nested record is a `$defs` entry."""
    defs: dict = {}
    body = _record_schema(root, defs)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_id,
            "title": title, **body, "$defs": dict(sorted(defs.items()))}


def _record_schema(record: Record, defs: dict) -> dict:
    props = {f.name: _schema(f.node, f.doc, defs) for f in record.fields}
    required = [f.name for f in record.fields if f.required]
    out = {"type": "object", "description": record.doc, "properties": props, "additionalProperties": False}
    if required:
        out["required"] = required
    return out


def _schema(node: Node, doc: str, defs: dict) -> dict:
    if isinstance(node, Nullable):
        s = _schema(node.inner, doc, defs)
        return {"anyOf": [s, {"type": "null"}], "description": s.pop("description", doc)}
    if isinstance(node, Record):
        if node.name not in defs:
            defs[node.name] = {}
            defs[node.name] = _record_schema(node, defs)
        ref = {"$ref": f"#/$defs/{node.name}"}
        return {**ref, "description": doc} if doc else ref
    if isinstance(node, ListOf):
        s = {"type": "array", "items": _schema(node.item, "", defs)}
        if node.min_items:
            s["minItems"] = node.min_items
    elif isinstance(node, Prose):
        text = _text_schema(node.text, defs)
        texts = {"type": "array", "items": text}
        if node.texts.min_items:
            texts["minItems"] = node.texts.min_items
        s = {"anyOf": [text, texts]}
        doc += " Paragraphs and lists: a text, or a list of texts."
    elif isinstance(node, Choice):
        s = {"enum": list(node.options)}
    elif isinstance(node, Text):
        s = _text_schema(node, defs)
    elif isinstance(node, Number):
        s = {"type": "number"}
        if node.minimum is not None:
            s["minimum"] = node.minimum
        s["maximum"] = node.maximum
    elif isinstance(node, Flag):
        s = {"type": "boolean"}
    elif isinstance(node, Date):
        s = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    else:
        raise TypeError(node)
    if doc:
        s["description"] = doc
    if node.example is not None:
        s["examples"] = [node.example]
    return s


def _text_schema(node: Text, defs: dict) -> dict:
    if node.enum:  # `modifier_indicator: 1` is read as the text "1"
        return {"type": ["string", "integer"] if node.numbers else "string", "enum": [*node.enum, *node.numbers]}
    if node.pattern:
        s: dict = {"type": "string", "pattern": f"^(?:{node.pattern})$"}
    else:  # numbers are read as text too; the string rules below do not apply to them
        s = {"type": ["string", "number"], "minLength": 1}
    s["maxLength"] = node.max_length
    name = _rules_name(node.max_word)
    defs.setdefault(name, _rules(node.max_word))
    s["allOf"] = [{"$ref": f"#/$defs/{name}"}]
    return s
