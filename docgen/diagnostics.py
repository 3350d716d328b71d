"""Diagnostics: what docgen says about a spec, and the three ways it says it.

A diagnostic is a code, a severity, a position (file, line, column, key path),
a message and a hint. Text output reads `path:line:col: CODE message`; JSON is
for tools; `github` writes GitHub Actions workflow commands.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Literal

Severity = Literal["error", "warning"]
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding about one place in one spec."""

    file: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = "error"
    hint: str = ""
    key_path: KeyPath = field(default=(), compare=False)

    def promoted(self, hint: str) -> Diagnostic:
        """Return this warning as an error (a final document allows no warnings)."""
        extra = f"{self.hint}\n{hint}" if self.hint else hint
        return replace(self, severity="error", hint=extra)


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    """Order diagnostics by file, then position, then code."""
    return (diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.code)


def dotted(path: KeyPath) -> str:
    """Render a key path as a negotiator reads it: `roadmap[3].end`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    """Render diagnostics as `path:line:col: CODE message` lines with indented hints."""
    lines: list[str] = []
    for d in diagnostics:
        label = "" if d.severity == "error" else " (warning)"
        lines.append(f"{d.file}:{d.line}:{d.column}: {d.code}{label} {d.message}")
        lines.extend(f"    {hint}" for hint in d.hint.splitlines() if hint)
    return "\n".join(lines)


def format_json(diagnostics: Sequence[Diagnostic], *, ensure_ascii: bool = False) -> str:
    """Render diagnostics as a JSON array of objects, one per diagnostic."""
    rows = []
    for d in diagnostics:
        row = asdict(d)
        row["key_path"] = dotted(d.key_path)
        rows.append(row)
    return json.dumps(rows, indent=2, ensure_ascii=ensure_ascii)


def _escape_github(value: str, *, is_property: bool = False) -> str:
    """Escape a value for a GitHub Actions workflow command."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(diagnostics: Iterable[Diagnostic]) -> str:
    """Render diagnostics as GitHub Actions `::error` / `::warning` annotations."""
    lines = []
    for d in diagnostics:
        props = ",".join(
            [
                f"file={_escape_github(d.file, is_property=True)}",
                f"line={d.line}",
                f"col={d.column}",
                f"title={_escape_github(d.code, is_property=True)}",
            ]
        )
        body = d.message + (f"\n{d.hint}" if d.hint else "")
        lines.append(f"::{d.severity} {props}::{_escape_github(body)}")
    return "\n".join(lines)


FORMATTERS: dict[str, Callable[[Sequence[Diagnostic]], str]] = {
    "text": format_text, "json": format_json, "github": format_github}
