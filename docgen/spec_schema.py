"""The JSON Schema of the spec language, generated from the models.

A copy is committed at `docgen/data/spec-v1.schema.json` so editors (through the
`# yaml-language-server: $schema=` line) and peers such as check-jsonschema can
use it; a test keeps the copy equal to what the models generate.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA_FILE = Path(__file__).parent / "data" / "spec-v1.schema.json"
SCHEMA_ID = "urn:docgen:spec:v1"


def spec_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) for spec version 1."""
    from docgen.model import Spec

    schema = Spec.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "docgen spec, version 1", **schema}


def schema_text() -> str:
    """Return the schema as the committed file holds it."""
    return json.dumps(spec_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
