"""Turn pydantic's validation errors into diagnostics a negotiator can act on.

pydantic reports each error with a `loc` (the key path); the located tree knows
where each path stands in the file, so every error gets its line and column.
Messages are rewritten from programmer terms ("string_type") into spec terms
("expected text"), and unknown keys get a "did you mean" from the model's fields.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from docgen.diagnostics import Diagnostic, KeyPath, dotted
from docgen.load import Located

_EXPECTED = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "float_type": "expected a number",
    "bool_type": "expected true or false",
    "list_type": "expected a list (lines starting with '- ')",
    "model_type": "expected a mapping of keys",
    "dict_type": "expected a mapping of keys",
    "model_attributes_type": "expected a mapping of keys",
}
_QUOTE_HINT = "remove the quotes around the value"


def model_diagnostics(error: ValidationError, located: Located, root: type[BaseModel],
                      ) -> list[Diagnostic]:
    """Return one diagnostic per distinct pydantic error, each at its place in the file."""
    found: dict[tuple[KeyPath, str], Diagnostic] = {}
    for item in error.errors(include_url=False):
        loc: KeyPath = tuple(item["loc"])
        diagnostic = _one(item, loc, located, root)
        found.setdefault((loc, diagnostic.code), diagnostic)
    return list(found.values())


def _one(item: Any, loc: KeyPath, located: Located, root: type[BaseModel]) -> Diagnostic:
    kind: str = item["type"]
    where = dotted(loc) or "the spec"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        line, column = located.position(loc, key=True)
        allowed = fields_at(root, loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = (f"did you mean '{close[0]}'?" if close else
                "allowed here: " + ", ".join(allowed) if allowed else "remove this key")
        parent = dotted(loc[:-1]) or "the top level"
        return Diagnostic(located.file, line, column, "DG120",
                          f"unknown key '{key}' in {parent}", hint=hint, key_path=loc)
    line, column = located.position(loc)
    if kind == "missing":
        parent = dotted(loc[:-1]) or "the spec"
        return Diagnostic(located.file, line, column, "DG121",
                          f"{parent} is missing the required key '{loc[-1]}'",
                          hint=f"add '{loc[-1]}:' here", key_path=loc)
    if kind == "illegal_character":
        return Diagnostic(located.file, line, column, "DG111", f"{where}: {item['msg']}",
                          hint="remove the character; it cannot appear in Word or PDF",
                          key_path=loc)
    message, hint = _explain(kind, item)
    return Diagnostic(located.file, line, column, "DG122", f"{where}: {message}", hint=hint,
                      key_path=loc)


def _explain(kind: str, item: Any) -> tuple[str, str]:
    """Say what is wrong with a value, and how to fix it."""
    value = item.get("input")
    shown = _show(value)
    if kind in _EXPECTED:
        hint = ""
        if isinstance(value, str) and kind in ("int_type", "float_type", "bool_type"):
            hint = _QUOTE_HINT
        elif kind == "string_type" and value is not None:
            hint = "put the value in quotes"
        elif value is None:
            hint = "give a value after the colon, or remove the key"
        return f"{_EXPECTED[kind]}, got {shown}", hint
    if kind == "literal_error":
        expected = item.get("ctx", {}).get("expected", "")
        return f"{shown} is not one of the allowed values", f"use one of: {expected}"
    if kind == "string_pattern_mismatch":
        return f"{shown} is not in the right form", _pattern_hint(item)
    if kind in ("too_short", "string_too_short"):
        return "this may not be empty", "add at least one entry"
    return f"{item['msg']} (got {shown})", ""


def _pattern_hint(item: Any) -> str:
    pattern = str(item.get("ctx", {}).get("pattern", ""))
    if "A-Z]{3}" in pattern:
        return "use a three-letter ISO 4217 currency code such as USD, PKR or KZT"
    if "[a-z]{2,3}" in pattern:
        return "use a language code such as en, ur, kk or ru"
    if "@" in pattern:
        return "write an e-mail address such as name@example.org"
    return ("ids are 1-40 letters, digits, '.', '_' or '-', starting and ending with a "
            "letter or digit, e.g. PK, agri-food, R-3.2")


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value).lower() \
        if isinstance(value, bool) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def fields_at(root: type[BaseModel], path: KeyPath) -> list[str]:
    """Return the keys allowed in the mapping at `path`, or [] if it is not a model."""
    model: Any = root
    for part in path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if _is_model(model) else None
        if field is None:
            return []
        model = _inner_model(field.annotation)
    return list(model.model_fields) if _is_model(model) else []


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, BaseModel)


def _inner_model(annotation: Any) -> Any:
    """Find the model inside `X | None`, `list[X]` or `Annotated[X, ...]`."""
    if _is_model(annotation):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            inner = _inner_model(arg)
            if inner is not None:
                return inner
    return None
