"""Diagnostics: key paths, sorting, promotion, and the text, JSON and GitHub formats."""

from __future__ import annotations

import json
import random

import pytest

from docgen.diagnostics import (
    FORMATTERS,
    Diagnostic,
    dotted,
    format_github,
    format_json,
    format_text,
    sort_key,
)

ERROR = Diagnostic("specs/a.yaml", 3, 5, "DG104", "a tab is used for indentation",
                   hint="replace the tab with spaces", key_path=())
WARNING = Diagnostic("specs/a.yaml", 7, 9, "DG601", "the binding word 'shall'", "warning",
                     "write 'will' instead", ("framework", "objectives", 0))


@pytest.mark.parametrize(("path", "shown"), [
    ((), ""),
    (("document",), "document"),
    (("document", "binding"), "document.binding"),
    (("roadmap", 3, "end"), "roadmap[3].end"),
    (("meeting", "agenda", 0, "outcomes", 2), "meeting.agenda[0].outcomes[2]"),
    ((0,), "[0]"),
    ((0, "id"), "[0].id"),
])
def test_dotted(path: tuple[str | int, ...], shown: str) -> None:
    assert dotted(path) == shown


# --- sorting ------------------------------------------------------------------------------------


def test_sort_key_orders_by_file_then_line_then_column_then_code() -> None:
    expected = [
        Diagnostic("a.yaml", 2, 1, "DG105", "m"),
        Diagnostic("a.yaml", 2, 1, "DG120", "m"),
        Diagnostic("a.yaml", 2, 7, "DG101", "m"),
        Diagnostic("a.yaml", 10, 1, "DG101", "m"),  # numerically after line 2, not as text
        Diagnostic("b.yaml", 1, 1, "DG101", "m"),
    ]
    shuffled = expected[::-1]
    random.Random(4).shuffle(shuffled)
    assert sorted(shuffled, key=sort_key) == expected
    assert sorted(shuffled) == expected  # the dataclass order agrees


def test_key_path_takes_no_part_in_comparing() -> None:
    assert Diagnostic("a", 1, 1, "DG1", "m", key_path=("x",)) == \
        Diagnostic("a", 1, 1, "DG1", "m", key_path=("y",))


def test_promoted_warning_becomes_an_error_with_both_hints() -> None:
    promoted = WARNING.promoted("a final document allows no warnings")
    assert promoted.severity == "error"
    assert promoted.hint == "write 'will' instead\na final document allows no warnings"
    assert (promoted.code, promoted.line, promoted.key_path) == (
        "DG601", 7, ("framework", "objectives", 0))
    assert WARNING.severity == "warning"  # frozen: the original is untouched


def test_promoted_without_a_hint_has_just_the_new_one() -> None:
    bare = Diagnostic("a", 1, 1, "DG601", "m", "warning")
    assert bare.promoted("final").hint == "final"


# --- text ---------------------------------------------------------------------------------------


def test_text_format() -> None:
    assert format_text([ERROR, WARNING]) == (
        "specs/a.yaml:3:5: DG104 a tab is used for indentation\n"
        "    replace the tab with spaces\n"
        "specs/a.yaml:7:9: DG601 (warning) the binding word 'shall'\n"
        "    write 'will' instead")


def test_text_format_indents_each_hint_line_and_skips_empty_hints() -> None:
    many = Diagnostic("a", 1, 2, "DG601", "m", hint="first\n\nsecond")
    none = Diagnostic("a", 3, 4, "DG113", "empty")
    assert format_text([many, none]).splitlines() == [
        "a:1:2: DG601 m", "    first", "    second", "a:3:4: DG113 empty"]


def test_text_format_of_nothing_is_empty() -> None:
    assert format_text([]) == ""


# --- JSON ---------------------------------------------------------------------------------------


def test_json_format() -> None:
    rows = json.loads(format_json([ERROR, WARNING]))
    assert rows == [
        {"file": "specs/a.yaml", "line": 3, "column": 5, "code": "DG104",
         "message": "a tab is used for indentation", "severity": "error",
         "hint": "replace the tab with spaces", "key_path": ""},
        {"file": "specs/a.yaml", "line": 7, "column": 9, "code": "DG601",
         "message": "the binding word 'shall'", "severity": "warning",
         "hint": "write 'will' instead", "key_path": "framework.objectives[0]"},
    ]


def test_json_format_of_nothing_is_an_empty_list() -> None:
    assert json.loads(format_json([])) == []


def test_json_keeps_text_as_is_unless_asked_for_ascii() -> None:
    urdu = Diagnostic("پاکستان.yaml", 1, 1, "DG120", "unknown key 'عنوان'")
    assert "عنوان" in format_json([urdu])
    ascii_only = format_json([urdu], ensure_ascii=True)
    assert ascii_only.isascii()
    assert json.loads(ascii_only)[0]["message"] == "unknown key 'عنوان'"


# --- GitHub -------------------------------------------------------------------------------------


def test_github_format() -> None:
    assert format_github([ERROR, WARNING]).splitlines() == [
        "::error file=specs/a.yaml,line=3,col=5,title=DG104::a tab is used for indentation"
        "%0Areplace the tab with spaces",
        "::warning file=specs/a.yaml,line=7,col=9,title=DG601::the binding word 'shall'"
        "%0Awrite 'will' instead",
    ]


def test_github_escapes_the_message() -> None:
    odd = Diagnostic("a.yaml", 1, 1, "DG122", "100% sure: a, b\r\nc", hint="x%0Ay")
    # The message may hold ':' and ',' as they are; '%', CR and LF are escaped, and a '%'
    # already in the text is escaped first so that it cannot pose as an escape.
    assert format_github([odd]) == (
        "::error file=a.yaml,line=1,col=1,title=DG122::100%25 sure: a, b%0D%0Ac%0Ax%250Ay")


def test_github_escapes_properties() -> None:
    odd = Diagnostic("C:/specs/a,b%1.yaml", 2, 3, "DG101", "m")
    assert format_github([odd]) == (
        "::error file=C%3A/specs/a%2Cb%251.yaml,line=2,col=3,title=DG101::m")


def test_github_format_of_nothing_is_empty() -> None:
    assert format_github([]) == ""


def test_github_lines_are_one_per_diagnostic() -> None:
    lines = [Diagnostic("a", n, 1, "DG101", "m\nn", hint="h\ni") for n in range(1, 4)]
    assert len(format_github(lines).splitlines()) == 3


def test_formatters_are_the_three_formats() -> None:
    assert {"text": format_text, "json": format_json, "github": format_github} == FORMATTERS
