"""Every problem at once: a type error no longer hides the reference and date errors.

The parts of a spec that did validate are checked by the rules in the same run
(docgen.salvage); what was set aside for a type error causes no finding of its own.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from conftest import dump_yaml, starter_data

from docgen.diagnostics import Diagnostic
from docgen.validation import validate_text


def _second_activity(data: dict[str, Any]) -> dict[str, Any]:
    activity = copy.deepcopy(data["roadmap"][0])
    activity["id"] = "R-2"
    data["roadmap"].append(activity)
    return activity


def _check(data: dict[str, Any]) -> tuple[str, list[Diagnostic]]:
    text = dump_yaml(data)
    return text, validate_text(text, "spec.yaml").diagnostics


def _line(text: str, needle: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text.count("\n", 0, text.index(needle, start)) + 1


@pytest.fixture
def data() -> dict[str, Any]:
    return starter_data()


def test_a_type_error_and_a_reference_error_are_reported_together(
        data: dict[str, Any]) -> None:
    data["targets"][0]["value"] = "lots"
    data["meeting"]["actions"][0]["serves"] = "R-9"
    text, found = _check(data)
    assert [(d.code, d.line) for d in found] == [
        ("DG122", _line(text, "value: lots")), ("DG201", _line(text, "serves: R-9"))]


def test_a_reference_to_an_entry_set_aside_is_not_unknown(data: dict[str, Any]) -> None:
    """R-1 has a bad date: R-2 depends on it and the action serves it; neither is DG201."""
    second = _second_activity(data)
    second["depends_on"] = ["R-1"]
    second["start"], second["end"] = dt.date(2026, 10, 1), dt.date(2026, 12, 31)
    second["milestones"][0]["date"] = dt.date(2026, 11, 30)
    data["roadmap"][0]["end"] = "soon"
    data["roadmap"][1]["owners"] = ["a-trade", "c-trade"]
    text, found = _check(data)
    assert [(d.code, d.line) for d in found] == [
        ("DG122", _line(text, "end: soon")),
        ("DG201", _line(text, "- c-trade"))]


def test_findings_after_an_entry_set_aside_are_placed_where_they_are_in_the_file(
        data: dict[str, Any]) -> None:
    second = _second_activity(data)
    data["roadmap"][0]["start"] = "2026-13-01"
    second["start"], second["end"] = dt.date(2026, 9, 30), dt.date(2026, 3, 1)
    text, found = _check(data)
    codes = [(d.code, d.line, d.key_path) for d in found]
    assert codes[0][:2] == ("DG122", _line(text, "2026-13-01"))
    assert codes[1][0] == "DG301"
    assert codes[1][2][:2] == ("roadmap", 1)  # the second activity, as in the file
    assert codes[1][1] > _line(text, "id: R-2")


def test_nothing_inside_a_mapping_that_lost_a_value_is_reported(
        data: dict[str, Any]) -> None:
    """A target whose currency is not a code is not also 'neither currency nor unit'."""
    data["targets"][0]["currency"] = "dollars"
    _text, found = _check(data)
    assert [d.code for d in found] == ["DG122"]


def test_rules_that_need_the_whole_spec_do_not_run_on_part_of_it(
        data: dict[str, Any]) -> None:
    """The signatory of B has a bad e-mail: B still signs, so no DG504 'B does not sign'."""
    person = next(p for p in data["people"] if p["id"] == "b-minister")
    person["email"] = "not an address"
    _text, found = _check(data)
    assert [d.code for d in found] == ["DG122"]


def test_an_error_at_the_top_of_the_spec_leaves_only_the_type_errors(
        data: dict[str, Any]) -> None:
    data["document"] = "a framework"
    data["meeting"]["actions"][0]["serves"] = "R-9"
    _text, found = _check(data)
    assert {d.code for d in found} == {"DG122"}


def test_a_valid_spec_is_unaffected(data: dict[str, Any]) -> None:
    assert _check(data)[1] == []


def test_a_bad_range_and_a_bad_due_date_hide_no_rule_of_the_rest(data: dict[str, Any]) -> None:
    """The new forms are set aside like any value: a range with a word in it, a relative
    due date with no count, and the rules still check an ongoing activity and a month."""
    data["targets"][0]["value"] = {"min": "lots", "max": 2_000_000_000}
    data["meeting"]["actions"][0]["due"] = {"within_weeks": 4}
    data["roadmap"][0]["end"] = "2026-02"
    second = _second_activity(data)
    second["end"] = "ongoing"
    second["milestones"][0]["date"] = dt.date(2026, 1, 1)
    text, found = _check(data)
    assert [(d.code, d.line) for d in found] == [
        ("DG122", _line(text, "min: lots")),
        ("DG301", _line(text, "end: 2026-02")),
        ("DG302", _line(text, "date: 2026-01-01")),
        ("DG120", _line(text, "within_weeks"))]
