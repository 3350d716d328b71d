"""Properties over generated specs: checking never raises, always says where, and valid builds.

Three kinds of input: YAML-ish text from an alphabet of YAML's own punctuation and
awkward characters; random trees of data dumped to YAML, under the spec's own keys;
and the example and starter specs mutated (a line deleted, a value of another type, a
list item twice, two dates swapped, a strange character inserted). For all of them
`validate_text` returns a report (never raises) whose every diagnostic stands at a
real line and column of the text. Mutations that keep a spec valid (odd text in its
text fields) must also build all six documents.

Hypothesis runs derandomized, without its example database, so CI sees the same
examples every time.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from conftest import dump_yaml, edition_folder, files_below, names_in
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.build import build
from docgen.validation import Report, validate_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "specs" / "pakistan-kazakhstan-2026.yaml").read_text(encoding="utf-8")
STARTER = (ROOT / "docgen" / "data" / "starter.yaml").read_text(encoding="utf-8")
SIX = {f"{doc}.{fmt}" for doc in ("framework", "minutes") for fmt in ("html", "pdf", "docx")}
LINES = re.compile(r"\r\n|\r|\n")


def fixed(examples: int) -> Any:
    """Deterministic settings: derandomized, no example database, no deadline."""
    return settings(max_examples=examples, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


def assert_located(text: str, report: Report) -> None:
    """Every diagnostic names a line of the text, and a column on that line (or just after)."""
    lines = LINES.split(text)
    for diagnostic in report.diagnostics:
        assert diagnostic.line >= 1, diagnostic
        assert diagnostic.column >= 1, diagnostic
        assert diagnostic.line <= len(lines), (diagnostic, len(lines))
        assert diagnostic.column <= len(lines[diagnostic.line - 1]) + 1, diagnostic
        assert diagnostic.code.startswith("DG")
        assert diagnostic.message


def check(text: str) -> Report:
    report = validate_text(text, "spec.yaml")  # must return, whatever the text
    assert_located(text, report)
    return report


# --- YAML-ish text ----------------------------------------------------------------------

AWKWARD = ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\u2028", "\u202e", "\u200b", "\ufeff",
           "\ufffe", "\ud800", "\r", "\t", "é", "😀", "ش", "\u0301"]
YAML_ISH = st.lists(st.sampled_from(
    [*":-[]{},#&*!|>'\"%@`?\\ \n", "  ", "- ", ": ", "---", "...", "~", "a", "b", "x9",
     "1", "0", ".5", "e3", "null", "true", "no", "2026-02-30", "!!str", "&a", "*a",
     "spec_version", "document", *AWKWARD]), max_size=60).map("".join)


@fixed(200)
@given(YAML_ISH)
def test_yaml_ish_text_gives_a_located_report(text: str) -> None:
    check(text)


# --- random trees under the spec's keys ---------------------------------------------------

KEYS = ["spec_version", "document", "parties", "id", "title", "name", "short_name", "kind",
        "binding", "status", "version", "languages", "value", "currency", "start", "end",
        "date", "owners", "part_of", "depends_on", "period", "baseline", "meeting", "agenda",
        "x", ""]
SCALARS = (st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30)
           | st.floats() | st.text(max_size=12)
           | st.dates(min_value=dt.date(1, 1, 1)) | st.sampled_from(["A", "PK", "en", "USD",
                                                                      "2026-02-30", "TBD"]))
TREES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.sampled_from(KEYS), inner, max_size=5),
                     max_leaves=25)
SPEC_TREES = st.fixed_dictionaries({"spec_version": st.sampled_from([1, 2, "1"])},
                                   optional=dict.fromkeys(KEYS[1:12], TREES))


@fixed(150)
@given(TREES | SPEC_TREES)
def test_random_trees_give_a_located_report(tree: Any) -> None:
    check(dump_yaml(tree))


# --- mutations of the example and the starter --------------------------------------------

VALUE_LINE = re.compile(r"^(\s*(?:- )?[A-Za-z_]+:) (\S.*)$", re.MULTILINE)
ITEM_LINE = re.compile(r"^( *)- ", re.MULTILINE)
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
OTHER_VALUES = ["[]", "{}", "~", "''", "12", "-1", "0", "1e308", ".nan", "yes", "2026-02-30",
                "[a, b]", '"\\x01"', "{a: 1}", "'12'", "USD", "T-1", "&x y", "*x", "!!str z",
                "\"\\ud800\"", "|\n  block", "9" * 5_000, "0x" + "f" * 5_000]


def _delete_line(text: str, pick: int) -> str:
    lines = text.split("\n")
    del lines[pick % len(lines)]
    return "\n".join(lines)


def _retype(text: str, pick: int, value: str) -> str:
    found = list(VALUE_LINE.finditer(text))
    match = found[pick % len(found)]
    return text[: match.start(2)] + value + text[match.end(2):]


def _duplicate_item(text: str, pick: int) -> str:
    items = list(ITEM_LINE.finditer(text))
    start = items[pick % len(items)]
    indent = len(start.group(1))
    end = start.end()
    for line in re.finditer(r"\n([^\n]*)", text[start.end():]):
        body = line.group(1)
        if body.strip() and len(body) - len(body.lstrip(" ")) <= indent:
            end = start.end() + line.start() + 1
            break
    else:
        end = len(text)
    block = text[start.start():end]
    return text[:end] + block + text[end:]


def _swap_dates(text: str, first: int, second: int) -> str:
    dates = list(DATE.finditer(text))
    if len(dates) < 2:
        return text
    a, b = sorted((first % len(dates), second % len(dates)))
    if a == b:
        return text
    one, two = dates[a], dates[b]
    return (text[: one.start()] + two.group() + text[one.end(): two.start()] + one.group()
            + text[two.end():])


def _insert(text: str, where: int, what: str) -> str:
    where %= len(text) + 1
    return text[:where] + what + text[where:]


PICK = st.integers(min_value=0, max_value=10**6)
MUTATION = st.one_of(
    st.tuples(st.just("delete"), PICK),
    st.tuples(st.just("retype"), PICK, st.sampled_from(OTHER_VALUES)),
    st.tuples(st.just("duplicate"), PICK),
    st.tuples(st.just("swap"), PICK, PICK),
    st.tuples(st.just("insert"), PICK, st.sampled_from([*AWKWARD, "'", '"', ":", "#", "&",
                                                        "*", "!", "|", ">", "{", "[", "\n"])),
)


def mutate(text: str, mutations: list[tuple[Any, ...]]) -> str:
    for name, *args in mutations:
        if name == "delete":
            text = _delete_line(text, *args)
        elif name == "retype":
            text = _retype(text, *args)
        elif name == "duplicate":
            text = _duplicate_item(text, *args)
        elif name == "swap":
            text = _swap_dates(text, *args)
        else:
            text = _insert(text, *args)
    return text


@fixed(60)
@given(st.lists(MUTATION, min_size=1, max_size=3))
def test_mutated_example_gives_a_located_report(mutations: list[tuple[Any, ...]]) -> None:
    check(mutate(EXAMPLE, mutations))


@fixed(200)
@given(st.lists(MUTATION, min_size=1, max_size=4))
def test_mutated_starter_gives_a_located_report(mutations: list[tuple[Any, ...]]) -> None:
    check(mutate(STARTER, mutations))


# --- what validates, builds --------------------------------------------------------------

TEXT_LINE = re.compile(r"^(\s*(?:- )?(?:title|name|short_name|short_title|role|venue|text|"
                       r"metric|city)): (.+?)( +#.*)?$", re.MULTILINE)
ODD_TEXT = st.lists(st.sampled_from(
    [*"<>&\"'{}%#:|*!`", "{{ 7*7 }}", "{% if %}", "</p>", "<script>", "file:///etc/passwd",
     "\u202e", "\u2066", "\u200b", "😀", "ش", "中", "e\u0301", "\u00a0", "  ", "x"]),
    min_size=1, max_size=12).map("".join)


@fixed(5)
@given(PICK, ODD_TEXT)
def test_a_spec_that_validates_builds_all_six_documents(tmp_path: Path, pick: int,
                                                        odd: str) -> None:
    lines = list(TEXT_LINE.finditer(STARTER))
    line = lines[pick % len(lines)]
    # JSON is YAML: a double-quoted scalar (raw non-ASCII: YAML has no surrogate pairs)
    value = json.dumps(line.group(2).strip("'") + " " + odd, ensure_ascii=False)
    text = STARTER[: line.start(2)] + value + STARTER[line.end(2):]
    report = check(text)
    assert not report.errors, report.errors
    spec = tmp_path / f"spec-{abs(hash(text)) % 10**8}.yaml"
    spec.write_text(text, encoding="utf-8")
    result = build(spec, out=tmp_path / "out")
    assert files_below(result.folder) == names_in("en", SIX) | {"manifest.json"}
    page = (edition_folder(result.folder) / "framework.html").read_text(encoding="utf-8") + \
        (edition_folder(result.folder) / "minutes.html").read_text(encoding="utf-8")
    assert "<script>" not in page
