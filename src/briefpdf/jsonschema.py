"""The JSON Schema of the source format, generated from the model (and committed under schema/)."""

from __future__ import annotations

import json

SCHEMA_ID = "https://briefpdf.dev/schema/briefing.schema.json"


def schema() -> dict:
    from .model import Briefing
    from .schema import json_schema

    return json_schema(Briefing, title="briefpdf briefing source", schema_id=SCHEMA_ID)


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
