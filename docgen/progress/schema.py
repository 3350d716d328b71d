"""The published JSON Schema of progress files, generated from the models like the spec's.

A copy is committed at `docgen/data/progress-v1.schema.json` for editors and peers; a test
keeps it current.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "data" / "progress-v1.schema.json"
SCHEMA_ID = "urn:docgen:progress:v1"


def progress_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) for progress files, version 1."""
    from docgen.progress.model import Progress

    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "docgen progress file, version 1", **Progress.model_json_schema()}


def schema_text() -> str:
    """Return the schema as the committed file holds it."""
    return json.dumps(progress_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
