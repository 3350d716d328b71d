"""Bad input, class by class, through the real CLI: exit code, exact first diagnostic, no traceback.

Every test writes a small file to tmp_path and runs `python -m docgen validate FILE`
in a subprocess, so what is checked is what a user sees. Spec-level cases edit a
copy of the packaged starter spec (which validates) in exactly one place, and find
the expected line and column from the edited text itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

import docgen
from docgen.diagnostics import format_text
from docgen.load import MAX_PROBLEMS, LoadFailed, load_text
from docgen.validation import validate as check_file

STARTER = Path(docgen.__file__).parent / "data" / "starter.yaml"


def _uses_libyaml() -> bool:
    """Whether the loader parses with libyaml (ruamel.yaml.clib), which refuses a lone
    surrogate escape itself and words some syntax errors unlike the pure-Python parser."""
    try:
        load_text('a: "\\ud800"\n')
    except LoadFailed:
        return True
    return False


C_PARSER = _uses_libyaml()


@dataclass
class Run:
    """What one `docgen validate` run printed, split into lines."""

    code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


def validate(*args: str | Path) -> Run:
    """Run the real CLI in a subprocess; assert that no traceback reached the user."""
    env = {**os.environ, "PYTHONUTF8": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "docgen", "validate", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=60, check=False)
    assert "Traceback" not in done.stdout
    assert "Traceback" not in done.stderr
    return Run(done.returncode, done.stdout, done.stderr)


def write(tmp_path: Path, content: str | bytes, name: str = "spec.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def expect(tmp_path: Path, content: str | bytes, where: tuple[int, int], first: str,
           hint: str) -> Run:
    """Validate `content`; assert exit 1, and the first diagnostic ("CODE message") and hint."""
    path = write(tmp_path, content)
    run = validate(path)
    assert run.code == 1, run
    line, column = where
    assert run.lines[0] == f"{path}:{line}:{column}: {first}", run.stdout
    assert run.lines[1] == f"    {hint}", run.stdout
    return run


def expect_in_process(tmp_path: Path, content: str | bytes, where: tuple[int, int], first: str,
                      hint: str) -> None:
    """As `expect`, in this process."""
    run = in_process(tmp_path, content)
    line, column = where
    assert run.code == 1
    assert run.lines[:2] == [f"{tmp_path / 'spec.yaml'}:{line}:{column}: {first}",
                             f"    {hint}"]


def starter() -> str:
    return STARTER.read_text(encoding="utf-8")


def edited(old: str, new: str) -> str:
    """The starter spec with `old` replaced by `new`, exactly once."""
    text = starter()
    assert text.count(old) == 1, f"{old!r} is not in the starter spec exactly once"
    return text.replace(old, new)


def at(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """The 1-based line and column of the first `needle` in `text`, plus `offset` columns."""
    index = text.index(needle)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1 + offset


def diagnostic_lines(run: Run) -> list[str]:
    return [line for line in run.lines if line and not line.startswith(" ")]


def in_process(tmp_path: Path, content: str | bytes) -> Run:
    """Validate in this process: for the variations of a class that `validate` covers."""
    path = write(tmp_path, content)
    report = check_file(path)
    return Run(0 if report.passed() else 1, format_text(report.diagnostics) + "\n", "")


# --- bytes and encoding ------------------------------------------------------------------


def test_file_over_the_size_cap_is_refused_before_reading(tmp_path: Path) -> None:
    line = b"# " + b"x" * 61 + b"\n"  # 64 bytes
    content = line * (9 * 1024 * 1024 // len(line))
    started = time.monotonic()
    expect(tmp_path, content, (1, 1), "DG102 "
           f"the file is {len(content):,} bytes; a spec may be at most 8 MiB",
           "split the spec, or check that this is the right file")
    assert time.monotonic() - started < 10


def test_latin1_byte_is_reported_at_its_line_and_column(tmp_path: Path) -> None:
    content = "spec_version: 1\ndocument:\n  title: ü café\n".encode("latin-1")
    # "  title: ü caf" is 14 characters: the é (0xE9 in Latin-1) is column 15; the ü (0xFC)
    # at column 10 comes first.
    expect(tmp_path, content, (3, 10), "DG103 the file is not valid UTF-8 (byte 0xFC)",
           "save the file as UTF-8 (most editors: File > Save with Encoding)")


def test_bad_byte_column_counts_characters_not_bytes(tmp_path: Path) -> None:
    content = "spec_version: 1\ndocument:\n  title: ü caf".encode() + b"\xe9\n"
    expect(tmp_path, content, (3, 15), "DG103 the file is not valid UTF-8 (byte 0xE9)",
           "save the file as UTF-8 (most editors: File > Save with Encoding)")


def test_bad_byte_after_a_utf8_bom_is_placed_without_the_bom(tmp_path: Path) -> None:
    content = b"\xef\xbb\xbfspec_version: caf\xe9\n"
    expect(tmp_path, content, (1, 18), "DG103 the file is not valid UTF-8 (byte 0xE9)",
           "save the file as UTF-8 (most editors: File > Save with Encoding)")


def test_utf16_with_bom_is_named_as_utf16(tmp_path: Path) -> None:
    content = b"\xff\xfe" + starter().encode("utf-16-le")
    run = expect(tmp_path, content, (1, 1), "DG103 the file is not valid UTF-8 (byte 0xFF)",
                 "the file starts with a UTF-16 byte order mark: save it as UTF-8")
    assert "UTF-16" in run.lines[1]


def test_utf16_without_bom_is_named_as_utf16(tmp_path: Path) -> None:
    expect(tmp_path, starter().encode("utf-16-le"), (1, 1), "DG103 "
           "the file is UTF-16 (a NUL byte beside each letter), not UTF-8",
           "save it as UTF-8 (most editors: File > Save with Encoding)")


def test_utf8_bom_is_allowed(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + starter().encode("utf-8"))
    run = validate(path)
    assert run.code == 0, run
    assert run.stdout == ""
    assert run.stderr.strip() == f"{path}: valid"


def test_utf8_bom_does_not_shift_columns(tmp_path: Path) -> None:
    text = edited("spec_version: 1", "spec_version: 2")
    expect(tmp_path, b"\xef\xbb\xbf" + text.encode(), at(text, "2\n"), "DG122 "
           "spec_version: 2 is not one of the allowed values", "use one of: 1")


@pytest.mark.parametrize(("char", "code"), [("\x00", "U+0000"), ("\x1b", "U+001B")])
def test_control_character_in_the_file(tmp_path: Path, char: str, code: str) -> None:
    text = edited("short_title: A-B", f"short_title: A{char}-B")
    expect(tmp_path, text, at(text, char), "DG111 "
           f"the control character {code} is not allowed in a spec",
           "delete it; it cannot appear in a Word or PDF document")


@pytest.mark.parametrize(("char", "code"), [("\x07", "U+0007"), ("\x7f", "U+007F"),
                                             ("\x0b", "U+000B"), ("\ufffe", "U+FFFE")])
def test_other_control_characters(tmp_path: Path, char: str, code: str) -> None:
    text = f"# ok\nspec_version: 1 # a{char}\n"
    assert in_process(tmp_path, text).lines[0] == (
        f"{tmp_path / 'spec.yaml'}:2:20: DG111 the control character {code} is not allowed in "
        "a spec")


def test_nul_bytes_flood_is_capped(tmp_path: Path) -> None:
    run = in_process(tmp_path, "a: \x00\n" * 10_000)
    assert run.code == 1
    assert len(diagnostic_lines(run)) == MAX_PROBLEMS
    assert run.lines[-1] == f"    (loading stopped after {MAX_PROBLEMS} problems)"


# --- YAML features a spec may not use ------------------------------------------------------


def test_tab_indentation(tmp_path: Path) -> None:
    expect(tmp_path, "spec_version: 1\ndocument:\n    \ttitle: x\n", (3, 5), "DG104 "
           "a tab is used for indentation",
           "YAML indents with spaces only: replace the tab with spaces")


@pytest.mark.skipif(not C_PARSER, reason="ruamel's pure parser refuses a tab before a comment")
def test_tab_after_the_indentation_is_fine(tmp_path: Path) -> None:
    text = edited("binding: false          #", "binding: false\t\t#")
    assert in_process(tmp_path, text).code == 0


def test_duplicate_key_names_the_first_line(tmp_path: Path) -> None:
    text = edited("  kind: framework\n", "  kind: framework\n  title: Again\n")
    expect(tmp_path, text, at(text, "title: Again"), "DG105 "
           "the key 'title' appears twice in this mapping",
           f"it is first given at line {at(text, 'title: Framework')[0]}: keep one of the two")


def test_anchor_and_alias(tmp_path: Path) -> None:
    run = expect(tmp_path, "spec_version: 1\nlead: &who a-trade\nalso: *who\n", (2, 7), "DG106 "
                 "the anchor '&who' is not allowed",
                 "write values out in full: specs use no anchors or aliases")
    assert run.lines[2:4] == [
        f"{tmp_path / 'spec.yaml'}:3:7: DG106 the alias '*who' is not allowed",
        "    write the value out in full: specs use no anchors or aliases"]


def test_alias_alone(tmp_path: Path) -> None:
    expect(tmp_path, "spec_version: 1\nlead: *who\n", (2, 7), "DG106 "
           "the alias '*who' is not allowed",
           "write the value out in full: specs use no anchors or aliases")


def test_billion_laughs_is_rejected_without_expansion(tmp_path: Path) -> None:
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefghi", "bcdefghij", strict=True):
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    started = time.monotonic()
    run = expect(tmp_path, "\n".join(rows) + "\n", (1, 4), "DG106 "
                 "the anchor '&a' is not allowed",
                 "write values out in full: specs use no anchors or aliases")
    assert time.monotonic() - started < 10
    assert len(run.stdout) < 50_000  # 9**9 "lol"s would be gigabytes
    assert "lol" not in run.stdout


def test_a_flood_of_aliases_stops_after_the_cap(tmp_path: Path) -> None:
    content = "a: &x 1\nb: [" + ", ".join(["*x"] * 200_000) + "]\n"
    run = in_process(tmp_path, content)
    assert run.code == 1
    assert len(diagnostic_lines(run)) == MAX_PROBLEMS
    assert run.lines[-1] == f"    (loading stopped after {MAX_PROBLEMS} problems)"


@pytest.mark.parametrize(("value", "tag"), [
    ("!!python/object:os.system echo hi", "!!python/object:os.system"),
    ("!!str 1", "!!str"),
])
def test_explicit_tag(tmp_path: Path, value: str, tag: str) -> None:
    expect(tmp_path, f"spec_version: 1\nrun: {value}\n", (2, 6), "DG107 "
           f"the explicit tag '{tag}' is not allowed",
           "remove the tag; quote the value if it must stay text")


@pytest.mark.parametrize("version", ["1.1", "2.0"])
def test_yaml_directive_other_than_1_2(tmp_path: Path, version: str) -> None:
    expect(tmp_path, f"# a spec\n%YAML {version}\n---\nspec_version: 1\n", (2, 1), "DG108 "
           f"the directive '%YAML {version}' is not supported",
           "specs are YAML 1.2: remove the %YAML line")


@pytest.mark.parametrize(("value", "tag"), [
    ("!!python/object/apply:os.system [echo hi]", "!!python/object/apply:os.system"),
    ("!custom x", "!custom"),
    ("!<tag:example.com,2026:x> x", "tag:example.com,2026:x"),
])
def test_other_explicit_tags(tmp_path: Path, value: str, tag: str) -> None:
    assert in_process(tmp_path, f"spec_version: 1\nrun: {value}\n").lines[0] == (
        f"{tmp_path / 'spec.yaml'}:2:6: DG107 the explicit tag '{tag}' is not allowed")


def test_yaml_1_2_directive_is_allowed(tmp_path: Path) -> None:
    assert in_process(tmp_path, "%YAML 1.2\n---\n" + starter()).code == 0


def test_two_documents(tmp_path: Path) -> None:
    expect(tmp_path, starter() + "---\nspec_version: 1\n", (starter().count("\n") + 1, 1),
           "DG109 the file holds more than one YAML document",
           "a spec is one document: remove the '---' line and what follows, "
           "or split it into separate files")


DEPTH = ("DG110 the spec nests deeper than 40 levels",
         "a spec needs only a few levels: check the indentation here")


def test_deep_flow_nesting(tmp_path: Path) -> None:
    # The root mapping is level 1, so the 40th '[' (column 15 + 39) is level 41.
    content = "spec_version: " + "[" * 10_000 + "]" * 10_000 + "\n"
    expect(tmp_path, content, (1, 54), *DEPTH)


def test_deep_flow_mappings_unclosed(tmp_path: Path) -> None:
    expect(tmp_path, "spec_version: " + "{a: " * 10_000 + "\n", (1, 15 + 39 * 4), *DEPTH)


def test_deep_block_sequences(tmp_path: Path) -> None:
    expect(tmp_path, "spec_version:\n  " + "- " * 10_000 + "x\n", (2, 81), *DEPTH)


def test_deep_block_mappings(tmp_path: Path) -> None:
    # Block nesting costs its indentation: 3,000 levels at one space each are 4.5 MB, the
    # most that fits under the size cap with room; deeper files are refused as too large.
    content = "".join(" " * level + "k:\n" for level in range(3_000))
    expect(tmp_path, content, (41, 41), *DEPTH)


@pytest.mark.parametrize("content", ["", "# nothing\n# here\n"])
def test_empty_spec(tmp_path: Path, content: str) -> None:
    expect(tmp_path, content, (1, 1), "DG113 the spec is empty",
           "run `docgen new FILE` for a starting spec")


@pytest.mark.parametrize("content", ["\n\n", "---\n", "~\n", "null\n", "--- # c\n...\n"])
def test_other_empty_specs(tmp_path: Path, content: str) -> None:
    assert in_process(tmp_path, content).lines[0] == (
        f"{tmp_path / 'spec.yaml'}:1:1: DG113 the spec is empty")


@pytest.mark.parametrize(("content", "kind", "where"), [
    ("- spec_version: 1\n", "a list", (1, 1)),
    ("# a comment\n  spec_version\n", "a single value", (2, 3)),
])
def test_root_is_not_a_mapping(tmp_path: Path, content: str, kind: str,
                               where: tuple[int, int]) -> None:
    expect(tmp_path, content, where, f"DG112 the spec is {kind}, not a mapping of keys",
           "a spec starts with keys such as 'spec_version:' and 'document:'")


@pytest.mark.parametrize(("content", "kind"), [
    ("# a comment\n[1, 2]\n", "a list"),
    ("'1'\n", "a single value"),
    ("12\n", "a single value"),
])
def test_other_roots_that_are_not_mappings(tmp_path: Path, content: str, kind: str) -> None:
    first = in_process(tmp_path, content).lines[0]
    assert first.endswith(f" DG112 the spec is {kind}, not a mapping of keys")


@pytest.mark.parametrize(("content", "where"), [
    ("spec_version: 1\n[a, b]: 1\n", (2, 1)),
    ("spec_version: 1\n? {a: 1}\n: 1\n", (2, 3)),
])
def test_complex_key(tmp_path: Path, content: str, where: tuple[int, int]) -> None:
    expect(tmp_path, content, where, "DG114 a key must be plain text",
           "write keys as simple words followed by a colon")


def test_yaml_syntax_error(tmp_path: Path) -> None:
    text = edited("  kind: framework", "  kind: framework: memorandum")
    problem = ("mapping values are not allowed in this context" if C_PARSER
               else "mapping values are not allowed here")
    expect(tmp_path, text, at(text, ": memorandum"), f"DG101 YAML syntax error: {problem}",
           "check the indentation, the colons and the quotes on this line and the one above")


def test_unclosed_flow_sequence_names_where_it_starts(tmp_path: Path) -> None:
    text = edited("languages: [en]", "languages: [en")
    run = in_process(tmp_path, text)
    assert run.code == 1
    assert " DG101 YAML syntax error: " in diagnostic_lines(run)[0]
    assert run.lines[1] == (
        f"    while parsing a flow sequence that starts at line {at(text, '[en')[0]}; check the "
        "indentation, the colons and the quotes on this line and the one above")


# --- values the model refuses ---------------------------------------------------------------


def test_escaped_control_character_in_a_quoted_string(tmp_path: Path) -> None:
    text = edited("short_title: A-B Cooperation Framework",
                  'short_title: "A-B \\x01Cooperation Framework"')
    expect(tmp_path, text, at(text, '"A-B'), "DG111 "
           "document.short_title: the character U+0001 cannot appear in a document",
           "remove the character; it cannot appear in Word or PDF")


def test_escaped_lone_surrogate_in_a_quoted_string(tmp_path: Path) -> None:
    text = edited("short_title: A-B Cooperation Framework",
                  'short_title: "A-B \\ud800Cooperation Framework"')
    if C_PARSER:  # libyaml refuses the escape itself, and says where it stands
        expect(tmp_path, text, at(text, "\\ud800"), "DG111 "
               "the escape '\\ud800' is not a character (a lone UTF-16 surrogate)",
               "write the character itself; for one beyond U+FFFF use \\U and 8 hex digits, "
               "e.g. \\U0001F600, not a pair of \\u escapes")
    else:  # the pure parser passes it on, and the model refuses the value
        expect(tmp_path, text, at(text, '"A-B'), "DG111 "
               "document.short_title: the text holds a lone UTF-16 surrogate, which is no "
               "character",
               "remove the \\u escape of the surrogate; write the character itself instead")


def test_unknown_key_with_suggestion(tmp_path: Path) -> None:
    text = edited("  kind: framework\n", "  kind: framework\n  titel: Framework\n")
    expect(tmp_path, text, at(text, "titel"), "DG120 unknown key 'titel' in document",
           "did you mean 'title'?")


def test_unknown_key_without_a_close_match_lists_the_allowed_keys(tmp_path: Path) -> None:
    text = edited("    short_name: Country A\n", "    short_name: Country A\n    flag: red\n")
    expect_in_process(tmp_path, text, at(text, "flag"), "DG120 unknown key 'flag' in parties[0]",
           "allowed here: id, name, short_name")


def test_missing_key(tmp_path: Path) -> None:
    text = edited("  kind: framework\n", "")
    expect(tmp_path, text, at(text, "id: a-b-framework"), "DG121 "
           "document is missing the required key 'kind'", "add 'kind:' here")


def test_misspelled_required_key_gives_both_diagnostics_linked(tmp_path: Path) -> None:
    text = edited("  kind: framework", "  knid: framework")
    run = expect(tmp_path, text, at(text, "id: a-b-framework"), "DG121 "
                 "document is missing the required key 'kind'",
                 f"if 'knid' at line {at(text, 'knid')[0]} is meant to be it, rename it to "
                 "'kind'; otherwise add 'kind:' here")
    line, column = at(text, "knid")
    assert run.lines[2:4] == [
        f"{tmp_path / 'spec.yaml'}:{line}:{column}: DG120 unknown key 'knid' in document",
        "    did you mean 'kind'?"]


WRONG_TYPES = [
    # (text in the starter, its replacement, the value as it stands in the file, message, hint)
    ("binding: false ", "binding: no ", "no ", "document.binding: expected true or false, "
     "got 'no'", "write false: in YAML 1.2 'no' is text, not true or false"),
    ("binding: false ", "binding: yes ", "yes", "document.binding: expected true or false, "
     "got 'yes'", "write true: in YAML 1.2 'yes' is text, not true or false"),
    ("binding: false ", "binding: 'false' ", "'false'", "document.binding: expected true or "
     "false, got 'false'", "remove the quotes around the value"),
    ("  version: 1\n", '  version: "1"\n', '"1"', "document.version: expected a whole number, "
     "got '1'", "remove the quotes around the value"),
    ("  version: 1\n", "  version: one\n", "one", "document.version: expected a whole number, "
     "got 'one'", "write a whole number such as 3"),
    ("  version: 1\n", "  version: 0\n", "0\n", "document.version: expected a number of at "
     "least 1, got 0", "check the sign and the figure"),
    ("start: 2026-03-01", "start: 2026-02-30", "2026-02-30", "roadmap[0].start: '2026-02-30' "
     "is not a real date (day is out of range for month)", "check the day and the month"),
    ("start: 2026-03-01", "start: 01/03/2026", "01/03/2026", "roadmap[0].start: expected a "
     "date written YYYY-MM-DD, got '01/03/2026'", "write dates as YYYY-MM-DD: 2026-03-01 if "
     "the day comes first, 2026-01-03 if the month does"),
    ("currency: USD", "currency: usd", "usd", "targets[0].currency: 'usd' is not an ISO 4217 "
     "currency code", "write 'USD'"),
    ("currency: USD", "currency: Dollars", "Dollars", "targets[0].currency: 'Dollars' is not "
     "an ISO 4217 currency code", "use a three-letter ISO 4217 currency code such as USD, PKR "
     "or KZT"),
    ("value: 1_000_000_000", "value: -5", "-5", "targets[0].value: expected a number of at "
     "least 0, got -5", "check the sign and the figure"),
    ("value: 1_000_000_000", "value: .nan", ".nan", "targets[0].value: expected a finite "
     "number, got .nan", "write the figure itself"),
    ("value: 1_000_000_000", "value: 1e308", "1e308", "targets[0].value: expected a number "
     "below 1,000,000,000,000,000, got 1e+308", "check the figure and its unit"),
    ("value: 1_000_000_000", "value: 1,000,000,000", "1,000", "targets[0].value: expected a "
     "number, got '1,000,000,000'", "write a number such as 1500000 or 2.5, without commas "
     "or spaces (1_000_000 is allowed)"),
    ("id: a-b-framework", "id: a b framework", "a b", "document.id: 'a b framework' is not a "
     "valid id", "ids have no spaces: write e.g. 'a-b-framework'"),
    ("kind: framework", "kind: frameworks", "frameworks", "document.kind: 'frameworks' is not "
     "one of the allowed values", "did you mean 'framework'? (one of: 'framework', "
     "'memorandum-of-understanding', 'joint-declaration' or 'agreement')"),
    ("languages: [en]", "languages: en", "en\n", "document.languages: expected a list "
     "(lines starting with '- '), got 'en'", "write it as a list: [en]"),
    ("place: TBD ", "place: '' ", "''", "document.place: the text is empty",
     "write the text, or remove the key if it is optional"),
]


THROUGH_THE_CLI = {"binding: no", '  version: "1"', "start: 2026-02-30", "start: 01/03/2026",
                   "currency: usd", "currency: Dollars", "value: -5", "value: .nan",
                   "value: 1e308", "id: a b framework"}


@pytest.mark.parametrize("case", WRONG_TYPES, ids=[case[1].strip() for case in WRONG_TYPES])
def test_wrong_value(tmp_path: Path, case: tuple[str, str, str, str, str]) -> None:
    old, new, value, message, hint = case
    text = edited(old, new)
    where = at(text, new.strip(), new.strip().index(value.strip()))
    check = expect if new.rstrip() in THROUGH_THE_CLI else expect_in_process
    check(tmp_path, text, where, f"DG122 {message}", hint)


def test_every_problem_is_reported_at_once_sorted_by_line(tmp_path: Path) -> None:
    text = starter()
    for old, new in [("start: 2026-03-01", "start: 2026-02-30"),   # roadmap, near the end
                     ("binding: false ", "binding: no "),          # document, near the top
                     ("currency: USD", "currency: usd")]:          # targets, in between
        text = text.replace(old, new)
    run = validate(write(tmp_path, text))
    assert run.code == 1
    found = diagnostic_lines(run)
    path = tmp_path / "spec.yaml"
    assert found == [
        f"{path}:{at(text, 'no ')[0]}:12: DG122 document.binding: expected true or false, "
        "got 'no'",
        f"{path}:{at(text, 'usd')[0]}:15: DG122 targets[0].currency: 'usd' is not an ISO 4217 "
        "currency code",
        f"{path}:{at(text, '2026-02-30')[0]}:12: DG122 roadmap[0].start: '2026-02-30' is not a "
        "real date (day is out of range for month)",
    ]
    assert run.stderr.strip() == f"{path}: 3 errors, 0 warnings"


def test_load_problems_are_all_reported_at_once(tmp_path: Path) -> None:
    content = "spec_version: !!int 1\nlead: &a x\nlead: 2\n"
    run = in_process(tmp_path, content)
    assert [line.split(" ", 2)[1] for line in diagnostic_lines(run)] == [
        "DG107", "DG106", "DG105"]


def test_unreadable_spec(tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    run = validate(folder)
    assert run.code == 1
    assert run.lines[0] == f"{folder}:1:1: DG100 cannot read the spec: Is a directory"
    assert run.lines[1] == "    check the path and that you may read the file"
