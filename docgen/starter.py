"""`docgen new`: write a small, valid spec to start a negotiation from."""

from __future__ import annotations

import os
from pathlib import Path

from docgen.spec_schema import SCHEMA_FILE

STARTER = Path(__file__).parent / "data" / "starter.yaml"


def write_starter(path: Path) -> None:
    """Write the starter spec to `path`, pointing its schema line at the installed schema."""
    schema = Path(os.path.relpath(SCHEMA_FILE, path.resolve().parent)).as_posix()
    body = STARTER.read_text(encoding="utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# yaml-language-server: $schema={schema}\n{body}", encoding="utf-8")
