"""Every field the spec's JSON Schema accepts reaches a document.

The test walks the schema for every leaf field (a value, or a list of values), finds
it set in a complete spec (the example, with what the example leaves out added), and
changes it there: to another value the field already has elsewhere in the spec (so a
reference still resolves), else to a close variant (text + a letter, a figure + 1, a
date + 1 day, another allowed word). If neither document's HTML changes, the field is
accepted but never printed. A field that the complete spec does not set fails the test
too, so a new field is covered when it is added.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from docgen.context import build_context
from docgen.load import load_file
from docgen.model import Spec
from docgen.render import render_html
from docgen.spec_schema import spec_schema

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"
Generic = tuple[str, ...]
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NOT_PRINTED = {("spec_version",): "the version of the spec language, not of the negotiation",
               ("document", "alternat"): "decides which originals are built (one per party, "
                                         "each naming its party first): test_translations",
               ("document", "side_by_side", "[]", "[]"): "decides which bilingual editions are "
                                                         "built: test_bilingual"}
"""Fields that reach no document, each with the reason."""
NEGOTIATION_FORMS = {"NegotiatedText", "NegotiatedFigure"}
"""The mapping any printed text or target value may take while it is negotiated: not a field
of its own but a form of each, whose printing tests/test_negotiation.py pins."""


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _leaves(schema: dict[str, Any], node: dict[str, Any],
            path: Generic = ()) -> Iterator[tuple[Generic, dict[str, Any]]]:
    """Every leaf field of the schema below `node`, `[]` standing for a list's entries."""
    node = _resolve(schema, node)
    branches = [_resolve(schema, b) for b in node.get("anyOf", [])
                if b.get("$ref", "").rsplit("/", 1)[-1] not in NEGOTIATION_FORMS]
    structured = [b for b in branches if "properties" in b or b.get("type") == "array"]
    if structured:
        for branch in structured:
            yield from _leaves(schema, branch, path)
    elif "properties" in node:
        for key, child in node["properties"].items():
            yield from _leaves(schema, child, (*path, key))
    elif node.get("type") == "array":
        yield from _leaves(schema, node.get("items", {}), (*path, "[]"))
    else:
        yield path, node


def _generic(path: tuple[Any, ...]) -> Generic:
    return tuple("[]" if isinstance(part, int) else str(part) for part in path)


def _values(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _values(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _values(value, (*path, index))
    else:
        yield path, node


def complete_spec() -> dict[str, Any]:
    """The example, with every field it leaves out set somewhere."""
    data = load_file(EXAMPLE).data
    focal = data["focal_points"][0]["person"]
    next(p for p in data["people"] if p["id"] == focal)["email"] = "focal.point@example.org"
    corridors = [c["id"] for c in data["framework"]["corridors"]]
    data["roadmap"][0]["corridors"] = corridors[:1]
    data["roadmap"][1]["corridors"] = corridors[1:2] or corridors[:1]
    baseline = next(t["baseline"] for t in data["targets"] if t.get("baseline"))
    baseline["period"] = {"start": "2024-07-01", "end": "2025-06-30", "label": "FY 2024-25"}
    other = next(t for t in data["targets"] if t.get("baseline") and t["baseline"] is not baseline)
    other["baseline"]["period"] = {"start": "2025-01-01", "end": "2025-12-31"}
    # What negotiators write: a range, "about", money in an indicator, "within N days".
    loose = next(t for t in data["targets"] if t["id"] == "T-4")
    loose.update(value={"min": 10, "max": 14}, approximate=True)
    loose["baseline"].update(value={"min": 1, "max": 2}, approximate=True)
    data["roadmap"][0]["indicators"][0]["value"] = {"min": 1, "max": 2}
    data["roadmap"][0]["indicators"].append({"text": "Secretariat budget", "value": 50_000,
                                             "currency": "USD", "approximate": True})
    data["meeting"]["actions"][0]["due"] = {"within_days": 30}
    data["meeting"]["actions"][1]["due"] = {"within_months": 1}
    data["document"]["alternat"] = False
    data["document"]["side_by_side"] = [data["document"]["languages"][:2]]
    # A draft still under negotiation: an activity one side proposes, one ad referendum.
    sides = [party["id"] for party in data["parties"]]
    data["roadmap"][2].update(status="open", proposed_by=sides[1:2])
    data["roadmap"][3]["status"] = "ad-referendum"
    return data


def _html(data: dict[str, Any]) -> tuple[str, ...]:
    context = build_context(Spec.model_validate(data), final=False)
    return tuple(render_html(name, context) for name in ("framework", "minutes"))


SAMPLES = ("ru", "fr", "EUR", "GBP", "other@example.org", "X-9", "Y-8")
"""Values for fields with a pattern (a language, a currency, an e-mail address, an id)."""


def _variant(value: Any, choices: list[Any], pattern: str | None) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    if isinstance(value, str) and DATE.match(value):
        return (dt.date.fromisoformat(value) + dt.timedelta(days=1)).isoformat()
    if pattern is not None:
        return next(s for s in SAMPLES if s != value and re.search(pattern, s))
    if choices:
        return next(choice for choice in choices if choice != value)
    return f"{value}Zq" if isinstance(value, str) else value


def _with(data: dict[str, Any], changes: list[tuple[tuple[Any, ...], Any]]) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    for path, value in changes:
        node = changed
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
    return changed


SCHEMA = spec_schema()
FIELDS = sorted(dict(_leaves(SCHEMA, SCHEMA)).items())
DATA = complete_spec()
BY_FIELD: dict[Generic, list[tuple[tuple[Any, ...], Any]]] = defaultdict(list)
for _path, _value in _values(DATA):
    BY_FIELD[_generic(_path)].append((_path, _value))


def test_the_complete_spec_sets_every_field_of_the_schema() -> None:
    assert len(FIELDS) > 100
    unset = [".".join(field) for field, _ in FIELDS if field not in BY_FIELD]
    assert unset == [], "set these in complete_spec(), and print them: " + ", ".join(unset)
    _html(DATA)  # and it is a spec the templates render


@pytest.fixture(scope="module")
def base() -> tuple[str, ...]:
    return _html(DATA)


@pytest.mark.parametrize(("field", "node"), FIELDS, ids=[".".join(f) for f, _ in FIELDS])
def test_the_field_is_printed(field: Generic, node: dict[str, Any],
                              base: tuple[str, ...]) -> None:
    if field in NOT_PRINTED:
        pytest.skip(NOT_PRINTED[field])
    found = BY_FIELD[field]
    assert found, f"{'.'.join(field)} is not set in complete_spec()"
    values = [value for _, value in found]
    choices = list(node.get("enum", [])) or [
        c for branch in node.get("anyOf", []) for c in _resolve(SCHEMA, branch).get("enum", [])]
    attempts = []
    if len({repr(v) for v in values}) > 1:  # move each value to the next entry
        attempts.append([(path, values[(i + 1) % len(values)])
                         for i, (path, _) in enumerate(found)])
    patterns = [n["pattern"] for n in (node, *(_resolve(SCHEMA, b) for b in node.get("anyOf", [])))
                if "pattern" in n]
    attempts.append([(path, _variant(value, choices, patterns[0] if patterns else None))
                     for path, value in found])
    for changes in attempts:
        if _html(_with(DATA, changes)) != base:
            return
    pytest.fail(f"{'.'.join(field)} is accepted by the schema but printed in no document")
