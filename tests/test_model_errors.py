"""pydantic errors as diagnostics: the allowed keys, "did you mean", messages, hints, positions."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError

import docgen
from docgen.diagnostics import Diagnostic
from docgen.load import Located, load_text
from docgen.model import Spec
from docgen.model_errors import _show, fields_at, model_diagnostics
from docgen.validation import check, validate_text

STARTER = (Path(docgen.__file__).parent / "data" / "starter.yaml").read_text(encoding="utf-8")


def diagnostics_of(old: str, new: str) -> list[Diagnostic]:
    """Validate the starter spec with `old` replaced by `new` (exactly once)."""
    assert STARTER.count(old) == 1, old
    return validate_text(STARTER.replace(old, new), "spec.yaml").diagnostics


def only(old: str, new: str) -> Diagnostic:
    found = diagnostics_of(old, new)
    assert len(found) == 1, found
    return found[0]


def at(text: str, needle: str) -> tuple[int, int]:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


# --- fields_at ----------------------------------------------------------------------------------


def test_fields_at_the_top() -> None:
    assert fields_at(Spec, ()) == list(Spec.model_fields)
    assert fields_at(Spec, ())[:3] == ["spec_version", "document", "parties"]


@pytest.mark.parametrize(("path", "first"), [
    (("document",), ["id", "title", "short_title"]),        # a model
    (("parties", 0), ["id", "name", "short_name"]),          # an item of list[Model]
    (("parties", 7), ["id", "name", "short_name"]),          # any index: the type is the same
    (("targets", 0, "baseline"), ["value", "period"]),       # Model | None
    (("targets", 0, "baseline", "period"), ["start", "end"]),  # Annotated with a validator
    (("framework", "corridors", 0), ["id", "name"]),         # Annotated[list[Model], Field]
    (("meeting", "agenda", 0), ["id", "title"]),             # Model | None, then a list
])
def test_fields_at_nested_models(path: tuple[str | int, ...], first: list[str]) -> None:
    assert fields_at(Spec, path)[:len(first)] == first


@pytest.mark.parametrize("path", [
    ("document", "title"),        # text, not a model
    ("document", "languages"),    # a list of text
    ("nope",),                    # no such key
    ("document", "nope", "deeper"),
    ("spec_version",),
])
def test_fields_at_a_place_that_is_no_model(path: tuple[str | int, ...]) -> None:
    assert fields_at(Spec, path) == []


# --- unknown keys: "did you mean" ---------------------------------------------------------------


@pytest.mark.parametrize(("key", "hint"), [
    ("titel", "did you mean 'title'?"),
    ("Title", "did you mean 'title'?"),
    ("short-title", "did you mean 'short_title'?"),
    ("langauges", "did you mean 'languages'?"),
    ("prevailing", "did you mean 'prevailing_language'?"),
    ("zzz", "allowed here: id, title, short_title, kind, binding, status, version, place, "
            "date, languages, prevailing_language, alternat, side_by_side"),
])
def test_unknown_key_hint(key: str, hint: str) -> None:
    text = STARTER.replace("  kind: framework\n", f"  kind: framework\n  {key}: x\n")
    found = validate_text(text, "spec.yaml").diagnostics
    assert len(found) == 1
    assert (found[0].code, found[0].message, found[0].hint) == (
        "DG120", f"unknown key '{key}' in document", hint)
    assert (found[0].line, found[0].column) == at(text, f"{key}: x")
    assert found[0].key_path == ("document", key)


def test_unknown_key_at_the_top_level() -> None:
    found = only("\nsectors:", "\nsector_list: []\nsectors:")
    assert (found.message, found.hint) == ("unknown key 'sector_list' in the top level",
                                           "did you mean 'sectors'?")


def test_unknown_key_in_a_list_item() -> None:
    found = only("    short_name: Country A\n", "    short_name: Country A\n    nmae: x\n")
    assert (found.message, found.hint) == ("unknown key 'nmae' in parties[0]",
                                           "did you mean 'name'?")


def test_unknown_key_with_invisible_characters_is_shown_escaped() -> None:
    found = only("  kind: framework\n", '  kind: framework\n  "ti\\ttle": x\n')
    assert found.message == "unknown key 'ti\\ttle' in document"


class _Leaf(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    name: str


class _Root(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    by_id: dict[str, _Leaf]
    leaves: Annotated[list[_Leaf], Field(min_length=2)]


def _errors(model: type[BaseModel], data: Any, located: Located) -> list[Diagnostic]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return model_diagnostics(caught.value, located, model)


def test_unknown_key_where_the_allowed_keys_are_unknown() -> None:
    # fields_at does not look into dict values (a spec has none): no list, no guess.
    data = {"by_id": {"a": {"name": "x", "nam": "y"}}, "leaves": [{"name": "p"}, {"name": "q"}]}
    found = _errors(_Root, data, Located("m.yaml", data))
    assert [(d.code, d.message, d.hint) for d in found] == [
        ("DG120", "unknown key 'nam' in by_id.a", "remove this key")]


def test_unknown_key_in_a_small_model_lists_its_keys() -> None:
    data = {"by_id": {}, "leaves": [{"name": "p"}, {"name": "q"}], "extra": 1}
    found = _errors(_Root, data, Located("m.yaml", data))
    assert [(d.code, d.hint) for d in found] == [("DG120", "allowed here: by_id, leaves")]


def test_too_few_entries() -> None:
    data = {"by_id": {}, "leaves": [{"name": "p"}]}
    found = _errors(_Root, data, Located("m.yaml", data))
    assert [(d.message, d.hint) for d in found] == [
        ("leaves: expected at least 2 entries, got 1", "add the missing entries")]


# --- missing keys -------------------------------------------------------------------------------


def test_missing_key_points_at_its_mapping() -> None:
    found = only("  kind: framework\n", "")
    assert (found.code, found.message, found.hint) == (
        "DG121", "document is missing the required key 'kind'", "add 'kind:' here")
    assert (found.line, found.column) == at(STARTER, "id: a-b-framework")


def test_missing_key_next_to_a_misspelling_names_it() -> None:
    text = STARTER.replace("  short_title: A-B", "  shortitle: A-B")
    found = validate_text(text, "spec.yaml").diagnostics
    assert [(d.code, d.hint) for d in found] == [
        ("DG121", f"if 'shortitle' at line {at(text, 'shortitle')[0]} is meant to be it, rename "
                  "it to 'short_title'; otherwise add 'short_title:' here"),
        ("DG120", "did you mean 'short_title'?"),
    ]


def test_missing_top_level_keys_are_each_reported() -> None:
    found = validate_text("spec_version: 1\n", "s.yaml").diagnostics
    assert [d.message for d in found] == [
        f"the spec is missing the required key '{key}'"
        for key in ("document", "parties", "framework")]
    assert {(d.line, d.column) for d in found} == {(1, 1)}


# --- wrong values -------------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "message", "hint"), [
    ("binding: false ", "binding: no ", "document.binding: expected true or false, got 'no'",
     "write false: in YAML 1.2 'no' is text, not true or false"),
    ("binding: false ", "binding: On ", "document.binding: expected true or false, got 'On'",
     "write true: in YAML 1.2 'On' is text, not true or false"),
    ("binding: false ", 'binding: "true" ', "document.binding: expected true or false, got "
     "'true'", "remove the quotes around the value"),
    ("binding: false ", "binding: 0 ", "document.binding: expected true or false, got 0",
     "write true or false"),
    ("binding: false ", "binding: ", "document.binding: expected true or false, got nothing",
     "give a value after the colon, or remove the key"),
    ("  version: 1\n", "  version: '2'\n", "document.version: expected a whole number, got '2'",
     "remove the quotes around the value"),
    ("  version: 1\n", "  version: 1.5\n", "document.version: expected a whole number, got 1.5",
     "write a whole number such as 3"),
    ("  version: 1\n", "  version: true\n", "document.version: expected a whole number, got "
     "true", "write a whole number such as 3"),
    ("  version: 1\n", "  version: 1000\n", "document.version: expected a number of at most "
     "999, got 1000", "check the figure and its unit"),
    ("value: 1_000_000_000", "value: '1e9'", "targets[0].value: expected a number, got '1e9'",
     "remove the quotes around the value"),
    ("value: 1_000_000_000", "value: 1 000", "targets[0].value: expected a number, got "
     "'1 000'", "write a number such as 1500000 or 2.5, without commas or spaces "
     "(1_000_000 is allowed)"),
    ("value: 1_000_000_000", "value: -.inf", "targets[0].value: expected a finite number, got "
     "-.inf", "write the figure itself"),
    ("  place: TBD ", "  place: 5 ", "document.place: expected text, got 5",
     "put the value in quotes"),
    ("  place: TBD ", "  place: [a] ", "document.place: expected text, got a list",
     "write the text on the same line, after the colon"),
    ("  place: TBD ", "  place: '  ' ", "document.place: the text is empty",
     "write the text, or remove the key if it is optional"),
    ("languages: [en]", "languages: []", "document.languages: this list may not be empty",
     "add at least one entry"),
    ("languages: [en]", "languages: [EN]", "document.languages[0]: 'EN' is not a language code",
     "write 'en'"),
    ("spec_version: 1", "spec_version: '1'", "spec_version: '1' is not one of the allowed "
     "values", "remove the quotes around the value"),
    ("kind: framework", "kind: agreemnt", "document.kind: 'agreemnt' is not one of the "
     "allowed values", "did you mean 'agreement'? (one of: 'framework', "
     "'memorandum-of-understanding', 'joint-declaration' or 'agreement')"),
    ("kind: framework", "kind: treaty", "document.kind: 'treaty' is not one of the allowed "
     "values", "use one of: 'framework', 'memorandum-of-understanding', 'joint-declaration' "
     "or 'agreement'"),
    ("start: 2026-03-01", "start: 2026-3-1", "roadmap[0].start: expected a date written "
     "YYYY-MM-DD, got '2026-3-1'", "write dates as YYYY-MM-DD, e.g. 2026-03-01 for 1 March "
     "2026"),
    ("start: 2026-03-01", "start: 3.1.2026", "roadmap[0].start: expected a date written "
     "YYYY-MM-DD, got '3.1.2026'", "write dates as YYYY-MM-DD: 2026-01-03 if the day comes "
     "first, 2026-03-01 if the month does"),
    ("start: 2026-03-01", "start: 2026-13-01", "roadmap[0].start: '2026-13-01' is not a real "
     "date (month must be in 1..12)", "check the day and the month"),
    ("currency: USD", "currency: XYZ", "targets[0].currency: 'XYZ' is not an ISO 4217 "
     "currency code", "use a three-letter ISO 4217 currency code such as USD, PKR or KZT"),
    ("id: a-b-framework", "id: -ab", "document.id: '-ab' is not a valid id",
     "ids are 1-40 letters, digits, '.', '_' or '-', starting and ending with a letter or "
     "digit, e.g. PK, agri-food, R-3.2"),
])
def test_wrong_value(old: str, new: str, message: str, hint: str) -> None:
    found = only(old, new)
    assert (found.code, found.message, found.hint) == ("DG122", message, hint)


@pytest.mark.parametrize(("old", "new", "message", "hint"), [
    ("due: 2026-03-15", "due: 15 March 2026", "meeting.actions[0].due: expected a date written "
     "YYYY-MM-DD, YYYY-MM or YYYY, got '15 March 2026'",
     "write a day as 2026-03-01, a month as 2026-03, or a year as 2026"),
    ("due: 2026-03-15", "due: 15/03/2026", "meeting.actions[0].due: expected a date written "
     "YYYY-MM-DD, YYYY-MM or YYYY, got '15/03/2026'", "write dates as YYYY-MM-DD: 2026-03-15 "
     "if the day comes first, 2026-15-03 if the month does"),
    ("due: 2026-03-15", "due: 2026-13", "meeting.actions[0].due: '2026-13' is not a real date "
     "(month must be in 1..12)", "check the day and the month"),
    ("due: 2026-03-15", "due: {within_days: 30, within_months: 1}", "meeting.actions[0].due: "
     "a relative due date needs exactly one of 'within_days' and 'within_months'",
     "write e.g. {within_days: 30} or {within_months: 3}"),
    ("due: 2026-03-15", "due: {within_days: 0}", "meeting.actions[0].due.within_days: expected "
     "a number of at least 1, got 0", "check the sign and the figure"),
    ("end: 2026-09-30", "end: Ongoing", "roadmap[0].end: expected a date written YYYY-MM-DD, "
     "YYYY-MM, YYYY or 'ongoing', got 'Ongoing'", "did you mean 'ongoing'?"),
    ("by: 2028-12-31", "by: 1800", "targets[0].by: expected a date written YYYY-MM-DD, YYYY-MM "
     "or YYYY, got 1800", "write a day as 2026-03-01, a month as 2026-03, or a year as 2026"),
    ("    meets: twice-yearly\n", "    meets: twice-yearly\n    established: yes\n",
     "coordination[0].established: expected a date written YYYY-MM-DD, YYYY-MM, YYYY or true, "
     "got 'yes'", "write true: in YAML 1.2 'yes' is text, not true or false"),
    ("value: 1_000_000_000", "value: {min: '9e8', max: 1_100_000_000}",
     "targets[0].value.min: expected a number, got '9e8'", "remove the quotes around the value"),
    ("value: 1_000_000_000", "value: 8-10 million", "targets[0].value: expected a number, got "
     "'8-10 million'", "write a number such as 1500000 or 2.5"),
])
def test_wrong_value_of_a_form_negotiators_write(old: str, new: str, message: str,
                                                 hint: str) -> None:
    found = only(old, new)
    assert (found.code, found.message, found.hint) == ("DG122", message, hint)


def test_a_misspelt_key_of_a_range_or_a_relative_date_gets_did_you_mean() -> None:
    found = diagnostics_of("value: 1_000_000_000", "value: {min: 9, maximum: 11}")
    assert [(d.code, d.hint) for d in found] == [
        ("DG121", f"if 'maximum' at line {at(STARTER, 'value:')[0]} is meant to be it, rename "
                  "it to 'max'; otherwise add 'max:' here"),
        ("DG120", "did you mean 'max'?")]
    (typo,) = diagnostics_of("due: 2026-03-15", "due: {within_day: 30}")
    assert (typo.code, typo.message, typo.hint) == (
        "DG120", "unknown key 'within_day' in meeting.actions[0].due",
        "did you mean 'within_days'?")


def test_wrong_value_points_at_the_value() -> None:
    found = only("currency: USD", "currency: usd")
    assert (found.line, found.column) == at(STARTER, "USD")
    assert found.key_path == ("targets", 0, "currency")


def test_no_stays_text_and_is_not_false() -> None:
    located = load_text(STARTER.replace("binding: false", "binding: no"))
    assert located.data["document"]["binding"] == "no"
    assert ("document", "binding") not in located.quoted


def test_quoted_values_are_recorded_and_keys_are_not() -> None:
    located = load_text('a: "1"\n"b": 2\nc: [x, \'y\']\nd: |\n  block\n')
    assert located.quoted == {("a",), ("c", 1), ("d",)}


def test_escaped_control_character_is_dg111_at_the_value() -> None:
    text = STARTER.replace("short_title: A-B Cooperation Framework",
                           'short_title: "A\\x07-B Cooperation Framework"')
    found = validate_text(text, "spec.yaml").diagnostics
    assert [(d.code, d.message, (d.line, d.column)) for d in found] == [
        ("DG111", "document.short_title: the character U+0007 cannot appear in a document",
         at(text, '"A'))]


def test_lone_surrogate_from_a_parser_that_passes_it_is_dg111_at_the_value() -> None:
    # libyaml refuses a "\ud800" escape while loading; the pure-Python parser passes it on,
    # and then the model must refuse it. Build that tree by hand.
    located = load_text(STARTER)
    located.data["document"]["short_title"] = "A\ud800B"
    found = check(located).diagnostics
    assert [(d.code, d.message) for d in found] == [
        ("DG111", "document.short_title: the text holds a lone UTF-16 surrogate, which is no "
                  "character")]
    assert (found[0].line, found[0].column) == at(STARTER, "A-B Cooperation")


def test_errors_are_reported_once_per_place_and_code_and_sorted() -> None:
    text = STARTER
    for old, new in [("start: 2026-03-01", "start: x"), ("binding: false", "binding: 1"),
                     ("  place: TBD", "  place: 5"), ("currency: USD", "currency: us")]:
        text = text.replace(old, new)
    found = validate_text(text, "spec.yaml").diagnostics
    assert [d.key_path for d in found] == [
        ("document", "binding"), ("document", "place"), ("targets", 0, "currency"),
        ("roadmap", 0, "start")]
    assert [d.line for d in found] == sorted(d.line for d in found)


# --- how values are shown -----------------------------------------------------------------------


@pytest.mark.parametrize(("value", "shown"), [
    (None, "nothing"), ({"a": 1}, "a mapping"), ([1], "a list"), (True, "true"),
    (False, "false"), (12, "12"), (1.5, "1.5"), ("no", "'no'"), ("it's", '"it\'s"'),
    (math.nan, ".nan"), (math.inf, ".inf"), (-math.inf, "-.inf"),
    ("x" * 100, "'" + "x" * 56 + "..."),
    ("a\nb", "'a\\nb'"),
])
def test_show(value: Any, shown: str) -> None:
    assert _show(value) == shown


BASELINE = ("    baseline:\n      value: 250_000_000\n      period: 2025\n"
            "      source: TBD         # the statistics office that publishes the baseline\n")


def test_a_comma_in_a_flow_mapping_gets_a_hint_to_quote_the_text() -> None:
    assert BASELINE in STARTER
    flow = ("    baseline: {value: 250_000_000, period: 2025, "
            "source: Statistics Office, Country A}\n")
    text = STARTER.replace(BASELINE, flow)
    (found,) = validate_text(text, "spec.yaml").diagnostics
    assert (found.code, found.message) == (
        "DG120", "unknown key 'Country A' in targets[0].baseline")
    assert found.hint == ("in a {...} mapping a comma ends a value: if 'Country A' belongs to "
                          "the text of 'source', put that text in quotes: "
                          "source: \"Statistics Office, Country A\"")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "Country A}" in row)
    assert (found.line, found.column) == (line, text.splitlines()[line - 1].index("Country A")
                                          + 1)


def test_braces_meant_as_text_get_a_hint_to_quote_them() -> None:
    old = "    - To raise bilateral trade to the targets set out in this Framework.\n"
    assert old in STARTER
    text = STARTER.replace(old, "    - {To raise trade, and investment}\n")
    (found,) = validate_text(text, "spec.yaml").diagnostics
    assert found.code == "DG122"
    assert "put it in quotes" in found.hint
    assert "a comma ends a value" in found.hint
