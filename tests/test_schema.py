"""The committed JSON Schema: current with the models, printed by the CLI, true to the starter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from docgen.load import load_file, load_text
from docgen.spec_schema import SCHEMA_FILE, schema_text

PROJECT = Path(__file__).resolve().parents[1]
STARTER = PROJECT / "docgen" / "data" / "starter.yaml"
BIN = Path(sys.executable).parent
REGENERATE = "docgen schema > docgen/data/spec-v1.schema.json"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _errors(validator: Draft202012Validator, data: Any) -> list[str]:
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(data)]


def test_committed_schema_is_current() -> None:
    assert SCHEMA_FILE.exists(), f"{SCHEMA_FILE} is missing; run `{REGENERATE}`"
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    assert committed == schema_text(), (
        f"the committed schema differs from the models; run `{REGENERATE}` and commit it")


def test_cli_prints_the_schema() -> None:
    done = subprocess.run([str(BIN / "docgen"), "schema"], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert done.stdout.decode("utf-8") == schema_text()
    assert done.stderr == b""


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(json.loads(schema_text()))


def test_schema_accepts_the_starter(validator: Draft202012Validator) -> None:
    data = load_file(STARTER).data
    assert _errors(validator, data) == []


@pytest.mark.parametrize(("old", "new"), [
    ("by: 2028-12-31", "by: 2028"),
    ("by: 2028-12-31", "by: 2028-06"),
    ("end: 2026-09-30", "end: ongoing"),
    ("due: 2026-03-15", "due: {within_months: 3}"),
    ("    value: 1_000_000_000", "    value: {min: 900_000_000, max: 1_100_000_000}"),
    ("    meets: twice-yearly\n", "    meets: twice-yearly\n    established: true\n"),
])
def test_schema_accepts_what_negotiators_write(validator: Draft202012Validator, old: str,
                                               new: str) -> None:
    text = STARTER.read_text(encoding="utf-8")
    assert text.count(old) == 1, "the starter spec changed; update this test"
    assert _errors(validator, load_text(text.replace(old, new)).data) == []


def test_check_jsonschema_accepts_the_starter() -> None:
    # check-jsonschema loads unquoted YAML dates as strings, so `format: date` applies.
    done = subprocess.run(
        [str(BIN / "check-jsonschema"), "--schemafile", str(SCHEMA_FILE), str(STARTER)],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("spec_version: 1", "spec_version: 1\nspec_versoin: 1", "$"),
        ("due: 2026-03-15", "due: 2026-02-30", "$.meeting"),
        ("due: 2026-03-15", "due: 15 March 2026", "$.meeting"),
        ("binding: false", "binding: no", "$.document.binding"),
        ("currency: USD", "currency: usd", "$.targets[0].currency"),
        ("by: 2028-12-31", "by: 2028-13", "$.targets[0].by"),
        ("    value: 1_000_000_000", "    value: -5", "$.targets[0].value"),
        ("    value: 1_000_000_000", "    value: {min: -5, max: 5}", "$.targets[0].value"),
        ("end: 2026-09-30", "end: ongoin", "$.roadmap[0].end"),
        ("due: 2026-03-15", "due: {within_days: 30, within_months: 1}", "$.meeting"),
        ("due: 2026-03-15", "due: {within_day: 30}", "$.meeting"),
    ],
)
def test_schema_rejects_a_broken_starter(validator: Draft202012Validator, old: str, new: str,
                                         where: str) -> None:
    text = STARTER.read_text(encoding="utf-8")
    assert text.count(old) == 1, "the starter spec changed; update this test"
    data = load_text(text.replace(old, new)).data
    errors = _errors(validator, data)
    assert errors, f"the schema accepted {new!r}"
    assert any(error.startswith(where) for error in errors), errors
