"""Turn pydantic's validation errors into diagnostics a negotiator can act on.

pydantic reports each error with a `loc` (the key path); the located tree knows
where each path stands in the file, so every error gets its line and column.
Messages are rewritten from programmer terms ("string_type") into spec terms
("expected text"), and unknown keys get a "did you mean" from the model's fields.
"""

from __future__ import annotations

import difflib
import math
import re
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
_BOOL_WORDS = {"yes": "true", "y": "true", "on": "true", "true": "true",
               "no": "false", "n": "false", "off": "false", "false": "false"}
_NUMBER = re.compile(r"^[-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?$")
_WHOLE = re.compile(r"^[-+]?\d[\d_]*$")
_BOUNDS = {"greater_than_equal": ("ge", "of at least"), "greater_than": ("gt", "greater than"),
           "less_than_equal": ("le", "of at most"), "less_than": ("lt", "below")}
_PATTERNS = [  # (a piece of the pattern, what the value is not, the general hint)
    ("A-Z]{3}", "an ISO 4217 currency code",
     "use a three-letter ISO 4217 currency code such as USD, PKR or KZT"),
    ("[a-z]{2,3}", "a language code", "use a language code such as en, ur, kk or ru"),
    ("@", "an e-mail address", "write an e-mail address such as name@example.org"),
]
_ID_HINT = ("ids are 1-40 letters, digits, '.', '_' or '-', starting and ending with a "
            "letter or digit, e.g. PK, agri-food, R-3.2")


def model_diagnostics(error: ValidationError, located: Located, root: type[BaseModel],
                      ) -> list[Diagnostic]:
    """Return one diagnostic per distinct pydantic error, each at its place in the file."""
    items = error.errors(include_url=False)
    unknown: dict[KeyPath, list[str]] = {}
    for item in items:
        if item["type"] == "extra_forbidden":
            unknown.setdefault(tuple(item["loc"][:-1]), []).append(str(item["loc"][-1]))
    found: dict[tuple[KeyPath, str], Diagnostic] = {}
    for item in items:
        loc: KeyPath = tuple(item["loc"])
        diagnostic = _one(item, loc, located, root, unknown.get(loc[:-1], []))
        found.setdefault((loc, diagnostic.code), diagnostic)
    return list(found.values())


def _one(item: Any, loc: KeyPath, located: Located, root: type[BaseModel],
         unknown_siblings: list[str] | None = None) -> Diagnostic:
    kind: str = item["type"]
    where = dotted(loc) or "the spec"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        line, column = located.position(loc, key=True)
        allowed = fields_at(root, loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = (f"did you mean '{close[0]}'?" if close else
                "allowed here: " + ", ".join(allowed) if allowed else "remove this key")
        split = _split_at_comma(located, loc) if not close else None
        if split is not None:
            hint = split
        parent = dotted(loc[:-1]) or "the top level"
        return Diagnostic(located.file, line, column, "DG120",
                          f"unknown key {_name(key)} in {parent}", hint=hint, key_path=loc)
    line, column = located.position(loc)
    if kind == "missing":
        parent = dotted(loc[:-1]) or "the spec"
        hint = f"add '{loc[-1]}:' here"
        typo = difflib.get_close_matches(str(loc[-1]), unknown_siblings or [], n=1, cutoff=0.6)
        if typo:
            at = located.position((*loc[:-1], typo[0]), key=True)[0]
            hint = (f"if {_name(typo[0])} at line {at} is meant to be it, rename it to "
                    f"'{loc[-1]}'; otherwise {hint}")
        return Diagnostic(located.file, line, column, "DG121",
                          f"{parent} is missing the required key '{loc[-1]}'",
                          hint=hint, key_path=loc)
    if kind == "illegal_character":
        return Diagnostic(located.file, line, column, "DG111", f"{where}: {item['msg']}",
                          hint="remove the character; it cannot appear in Word or PDF",
                          key_path=loc)
    if kind == "string_unicode":
        return Diagnostic(located.file, line, column, "DG111",
                          f"{where}: the text holds a lone UTF-16 surrogate, which is no "
                          "character", hint="remove the \\u escape of the surrogate; write "
                          "the character itself instead", key_path=loc)
    message, hint = _explain(kind, item, quoted=loc in located.quoted)
    if kind == "string_type" and loc in located.flow:
        hint = ("braces make a YAML mapping and a comma ends a value there; to write this as "
                "text, put it in quotes")
    return Diagnostic(located.file, line, column, "DG122", f"{where}: {message}", hint=hint,
                      key_path=loc)


def _split_at_comma(located: Located, loc: KeyPath) -> str | None:
    """The hint for a key with no value in a flow mapping, after a text value: a comma
    in `{source: Ministry of Trade, Pakistan}` ended the text, and its rest became a key."""
    if loc[:-1] not in located.flow:
        return None
    container: Any = located.data
    for part in loc[:-1]:
        container = container[part]
    if not isinstance(container, dict) or container.get(loc[-1]) is not None:
        return None
    keys = list(container)
    before = keys[keys.index(loc[-1]) - 1] if keys.index(loc[-1]) > 0 else None
    if before is None or not isinstance(container[before], str):
        return None
    text = f"{container[before]}, {loc[-1]}"
    return (f"in a {{...}} mapping a comma ends a value: if {_name(str(loc[-1]))} belongs to "
            f"the text of '{before}', put that text in quotes: {before}: \"{text}\"")


def _explain(kind: str, item: Any, *, quoted: bool = False) -> tuple[str, str]:
    """Say what is wrong with a value, and how to fix it."""
    value = item.get("input")
    shown = _show(value)
    ctx = item.get("ctx") or {}
    if kind in _EXPECTED:
        return f"{_EXPECTED[kind]}, got {shown}", _type_hint(kind, value, quoted=quoted)
    if kind in _BOUNDS:
        name, words = _BOUNDS[kind]
        hint = "check the figure and its unit" if name in ("lt", "le") else \
            "check the sign and the figure"
        return f"expected a number {words} {_number(ctx.get(name))}, got {shown}", hint
    if kind == "finite_number":
        return f"expected a finite number, got {shown}", "write the figure itself"
    if kind == "literal_error":
        return f"{shown} is not one of the allowed values", _literal_hint(ctx, value, quoted)
    if kind == "string_pattern_mismatch":
        return _pattern(value, str(ctx.get("pattern", "")))
    if kind == "unknown_currency":  # three capitals, but no currency that CLDR knows
        return f"{shown} is not an ISO 4217 currency code", _PATTERNS[0][2]
    if kind in ("date_format", "impossible_date", "period_date_format", "one_within"):
        return _date_problem(kind, value, ctx)
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        if least == 1:
            return "this list may not be empty", "add at least one entry"
        return (f"expected at least {least} entries, got {ctx.get('actual_length', 'fewer')}",
                "add the missing entries")
    if kind in ("string_too_short", "blank_text"):
        return "the text is empty", "write the text, or remove the key if it is optional"
    if kind == "string_too_long":
        return (f"the text is longer than {_number(ctx.get('max_length'))} characters",
                "shorten it, or split it into several entries")
    return f"{item['msg']} (got {shown})", ""


def _date_problem(kind: str, value: Any, ctx: Any) -> tuple[str, str]:
    """Say what is wrong with a date (a day, a month, a year, or "within N days")."""
    shown = _show(value)
    if kind == "date_format":
        return f"expected a date written YYYY-MM-DD, got {shown}", _date_hint(value)
    if kind == "period_date_format":
        return f"expected a date written {ctx.get('forms')}, got {shown}", \
            _period_date_hint(value, str(ctx.get("forms", "")))
    if kind == "one_within":
        return ("a relative due date needs exactly one of 'within_days' and 'within_months'",
                "write e.g. {within_days: 30} or {within_months: 3}")
    return f"{shown} is not a real date ({ctx.get('reason', 'no such day')})", \
        "check the day and the month"


def _type_hint(kind: str, value: Any, *, quoted: bool) -> str:
    """How to write a value of the expected type, given the one that was written."""
    if value is None:
        return "give a value after the colon, or remove the key"
    if kind == "bool_type":
        word = _BOOL_WORDS.get(value.lower()) if isinstance(value, str) else None
        if word is None:
            return "write true or false"
        if quoted and value == word:
            return _QUOTE_HINT
        return f"write {word}: in YAML 1.2 '{value}' is text, not true or false"
    if kind in ("int_type", "float_type"):
        example = "a whole number such as 3" if kind == "int_type" else \
            "a number such as 1500000 or 2.5"
        if isinstance(value, str) and quoted and (_WHOLE if kind == "int_type"
                                                  else _NUMBER).match(value.strip()):
            return _QUOTE_HINT
        if isinstance(value, str) and _NUMBER.match(value.replace(",", "").replace(" ", "")):
            return f"write {example}, without commas or spaces (1_000_000 is allowed)"
        return f"write {example}"
    if kind == "string_type":
        if isinstance(value, dict | list):
            return "write the text on the same line, after the colon"
        return "put the value in quotes"
    if kind == "list_type" and not isinstance(value, dict):
        return f"write it as a list: [{value}]"
    return ""


def _literal_hint(ctx: Any, value: Any, quoted: bool) -> str:
    expected = str(ctx.get("expected", ""))
    if quoted and isinstance(value, str) and value.isdigit() and value in expected.split():
        return _QUOTE_HINT
    choices = re.findall(r"'([^']*)'", expected)
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6) \
        if isinstance(value, str) else []
    return f"did you mean '{close[0]}'? (one of: {expected})" if close else \
        f"use one of: {expected}"


def _pattern(value: Any, pattern: str) -> tuple[str, str]:
    """Name what a value that does not fit its pattern should be, and suggest a fix."""
    shown = _show(value)
    text = value if isinstance(value, str) else ""
    for piece, what, general in _PATTERNS:
        if piece in pattern:
            fixes = [fixed for fixed in (text.upper(), text.lower())
                     if fixed != text and re.match(pattern, fixed)]
            return f"{shown} is not {what}", f"write '{fixes[0]}'" if fixes else general
    dashed = re.sub(r"\s+", "-", text.strip())
    if dashed != text and re.match(pattern, dashed):
        return f"{shown} is not a valid id", f"ids have no spaces: write e.g. '{dashed}'"
    return f"{shown} is not a valid id", _ID_HINT


def _date_hint(value: Any) -> str:
    parts = re.split(r"[/.\-]", value.strip()) if isinstance(value, str) else []
    if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) == 4:
        first, second, year = parts
        return (f"write dates as YYYY-MM-DD: {year}-{second:0>2}-{first:0>2} if the day comes "
                f"first, {year}-{first:0>2}-{second:0>2} if the month does")
    return "write dates as YYYY-MM-DD, e.g. 2026-03-01 for 1 March 2026"


def _period_date_hint(value: Any, forms: str) -> str:
    """How to write a date that may stand for a month or a year (or a word it may be)."""
    words = re.findall(r"'([^']+)'|\b(true)\b", forms)
    choices = [quoted or bare for quoted, bare in words]
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6) \
        if isinstance(value, str) else []
    if close:
        return f"did you mean '{close[0]}'?"
    word = _BOOL_WORDS.get(value.lower()) if isinstance(value, str) else None
    if word is not None and word in choices:
        return f"write {word}: in YAML 1.2 '{value}' is text, not true or false"
    general = _date_hint(value)
    return general if not general.startswith("write dates as YYYY-MM-DD, e.g.") else (
        "write a day as 2026-03-01, a month as 2026-03, or a year as 2026")


def _number(value: Any) -> str:
    if isinstance(value, int) and value.bit_length() > 200:
        return _show(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def _name(key: str) -> str:
    """Quote a key for a message; one with invisible characters is shown escaped."""
    return f"'{key}'" if key.isprintable() else repr(key)


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ".inf" if value > 0 else "-.inf"
    if isinstance(value, int) and value.bit_length() > 200:  # str() of a huge int is slow
        return f"a number of about {int(value.bit_length() * math.log10(2)):,} digits"
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
