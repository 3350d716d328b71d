"""`docgen new`: write a small, valid spec to start a negotiation from.

The spec's first line names its JSON Schema for editors (the YAML language server).
The schema is written beside the spec, and the line names it by its bare file name:
that resolves wherever docgen is installed (pip, pipx, a wheel or the source tree),
offline, and in a repository the negotiators share. A path into docgen's own files
would hold only for one install; a URL would need the network at every keystroke.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docgen.spec_schema import SCHEMA_FILE

STARTER = Path(__file__).parent / "data" / "starter.yaml"


@dataclass(frozen=True)
class Written:
    """What `write_starter` wrote: the spec, and the schema beside it if that changed."""

    spec: Path
    schema: Path
    schema_written: bool


def write_starter(path: Path) -> Written:
    """Write the starter spec to `path` and docgen's schema beside it (if not already there)."""
    body = STARTER.read_text(encoding="utf-8")
    schema = path.parent / SCHEMA_FILE.name
    wanted = SCHEMA_FILE.read_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    changed = not schema.is_file() or schema.read_bytes() != wanted
    if changed:
        schema.write_bytes(wanted)
    path.write_text(f"# yaml-language-server: $schema={SCHEMA_FILE.name}\n{body}",
                    encoding="utf-8")
    return Written(path, schema, changed)
