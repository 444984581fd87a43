"""A small declarative schema: records are dataclasses, fields carry their rules.

`describe` (describe.py) turns the records into one tree of typed nodes. Everything that reads
the source types reads that tree, so a rule cannot live in one of them and drift from the
others: the validator (validate.py: every problem at once, each with its line and column), the
JSON Schema editors use (`briefpdf.jsonschema`) and the commented skeleton `briefpdf new` writes
(`briefpdf.new`). Hand-written because the libraries that do this (pydantic, jsonschema) cost
more import time than a whole render and cannot point at lines.
"""

from .describe import (
    CONTROL_CHARS,
    LINK_PREFIX,
    MAX_NUMBER,
    MAX_TEXT,
    MAX_URL,
    MAX_WORD,
    Choice,
    Date,
    Field,
    Flag,
    ListOf,
    Node,
    Nullable,
    Number,
    Prose,
    Record,
    Text,
    describe,
    node_of,
    spec,
)
from .validate import Validator, validate

__all__ = ["CONTROL_CHARS", "LINK_PREFIX", "MAX_NUMBER", "MAX_TEXT", "MAX_URL", "MAX_WORD", "Choice", "Date",
           "Field", "Flag", "ListOf", "Node", "Nullable", "Number", "Prose", "Record", "Text", "Validator",
           "describe", "node_of", "spec", "validate"]
