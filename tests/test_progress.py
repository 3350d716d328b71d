"""Progress files (docgen/progress): the examples, the bad-file corpus, and `docgen status`.

The corpus (tests/progress_corpus/cases.yaml) is made into files beside a copy of the
example spec, each checked through `docgen validate` in this process for its code at
its line and column. `docgen status` is run on the example progress files.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from docgen import cli
from docgen.progress.status import trajectory
from docgen.validation import load_spec

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"
PROGRESS = ROOT / "specs" / "pakistan-kazakhstan-2026" / "progress"
EXAMPLES = sorted(PROGRESS.glob("*.yaml"))
CASES: list[dict[str, Any]] = YAML(typ="safe").load(
    (ROOT / "tests" / "progress_corpus" / "cases.yaml").read_text(encoding="utf-8"))


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """Run `docgen ARGV` in this process; return the exit code, stdout and stderr."""
    try:
        code = cli.main([str(arg) for arg in argv])
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def position(text: str, needle: str, shift: int = 0, *, last: bool = False) -> tuple[int, int]:
    """The 1-based line and column where `needle` first (or last) stands in `text`."""
    index = text.rindex(needle) if last else text.index(needle)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1 + shift


def position_after(text: str, needle: str) -> tuple[int, int]:
    """The line and column just after where `needle` (which may span lines) first stands."""
    index = text.index(needle) + len(needle)
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def placed(folder: Path, text: str, name: str) -> Path:
    """Write a progress file where it belongs, beside a copy of the example spec."""
    shutil.copy(SPEC, folder / SPEC.name)
    target = folder / SPEC.stem / "progress" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def test_there_are_two_example_periods() -> None:
    assert [p.stem for p in EXAMPLES] == ["2026-09-30", "2027-03-31"]


def test_the_examples_validate(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", "--strict", *EXAMPLES)
    assert code == 0, out
    assert out == ""
    assert err.count(": valid\n") == len(EXAMPLES)


def test_the_corpus_covers_every_progress_code() -> None:
    codes = {case["code"] for case in CASES}
    assert {f"DG7{n:02d}" for n in range(1, 11)} <= codes
    assert len({case["name"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_a_bad_progress_file(case: dict[str, Any], tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    text = (PROGRESS / f"{case['base']}.yaml").read_text(encoding="utf-8")
    for old, new in case.get("edit", []):
        assert text.count(old) == 1, f"{case['name']}: {old!r} must occur once"
        text = text.replace(old, new)
    path = placed(tmp_path, text, case.get("name_as", f"{case['base']}.yaml"))
    if "at" in case or "at_last" in case:
        line, column = position(text, case.get("at", case.get("at_last")),
                                case.get("shift", 0), last="at_last" in case)
    else:
        line, column = case["line"], case["column"]
    code, out, _ = run(capsys, "validate", path)
    assert code == 1
    assert f"{path}:{line}:{column}: {case['code']} " in out, out
    if "hint" in case:
        assert case["hint"] in out


def _overdue_at(as_of: dt.date, progress: Path) -> dict[str, tuple[int, int]]:
    """The activities overdue at `as_of` by the plan and the file, with the line:col of
    their status in the file (computed from the files, not written down)."""
    text = progress.read_text(encoding="utf-8")
    entries = YAML(typ="safe").load(text)["activities"]
    closed = {e["id"] for e in entries if e["status"] in ("done", "cancelled")}
    listed = {e["id"] for e in entries}
    due = {a.id for a in load_spec(SPEC).roadmap
           if a.finish is not None and a.finish < as_of and a.id not in closed}
    assert due <= listed  # so that every one is reported at the progress file's line
    return {i: position_after(text, f"- id: {i}\n    status: ") for i in sorted(due)}


def test_status_fails_on_an_overdue_activity(capsys: pytest.CaptureFixture[str]) -> None:
    progress = PROGRESS / "2026-09-30.yaml"
    code, out, err = run(capsys, "status", "--as-of", "2027-01-01", "--fail-on", "overdue",
                         SPEC, progress)
    assert code == 1
    overdue = [line for line in out.splitlines() if ": overdue " in line]
    expected = _overdue_at(dt.date(2027, 1, 1), progress)
    assert "R-1.3" in expected  # ends 2026-12-31, reported on-track: one day late
    assert len(overdue) == len(expected)
    for line in overdue:
        activity = line.split(": overdue ")[1].split()[0]
        row, column = expected[activity]
        assert line.startswith(f"{progress}:{row}:{column}: overdue {activity} was due ")
    assert "R-1.3 was due 2026-12-31: 1 days overdue" in out
    assert "--fail-on overdue" in err


def test_status_github_annotations_point_at_the_progress_file(
        capsys: pytest.CaptureFixture[str]) -> None:
    progress = PROGRESS / "2026-09-30.yaml"
    code, out, _ = run(capsys, "status", "--as-of", "2027-01-01", "--format", "github",
                       SPEC, progress)
    assert code == 0  # no --fail-on: reported, not failed
    annotations = [line for line in out.splitlines() if "title=overdue" in line]
    expected = _overdue_at(dt.date(2027, 1, 1), progress)
    assert len(annotations) == len(expected)
    for activity, (line, column) in expected.items():
        assert any(a.startswith(f"::error file={progress},line={line},col={column},"
                                f"title=overdue::{activity} ") for a in annotations)


def test_status_json_lists_what_is_done_as_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", "--format", "json", SPEC, PROGRESS / "2027-03-31.yaml")
    assert code == 0
    report = json.loads(out)
    assert report["as_of"] == "2027-03-31"  # the progress file's own date by default
    ids = {f["id"] for f in report["findings"]}
    assert not ids & {"R-1.1", "R-1.2", "R-3.1", "R-4.1", "R-4.3"}  # done or cancelled
    kinds = {f["id"]: f["kind"] for f in report["findings"]}
    assert kinds["R-1.3"] == "overdue"
    assert kinds["R-2.3"] == "at-risk"
    assert kinds["T-1"] == "off-trajectory"


def test_status_from_the_plan_alone(capsys: pytest.CaptureFixture[str]) -> None:
    spec = load_spec(SPEC)
    code, out, _ = run(capsys, "status", "--as-of", "2029-01-01", "--format", "json",
                       "--fail-on", "overdue", SPEC)
    assert code == 1
    overdue = {f["id"] for f in json.loads(out)["findings"] if f["kind"] == "overdue"}
    assert overdue == {a.id for a in spec.roadmap if a.finish is not None}
    code, out, _ = run(capsys, "status", "--as-of", "2026-01-01", "--fail-on", "overdue", SPEC)
    assert code == 0
    assert re.search(r"as of 2026-01-01: 0 overdue, 0 not-started", out)


def test_status_coming_due_looks_ninety_days_ahead(capsys: pytest.CaptureFixture[str]) -> None:
    spec = load_spec(SPEC)
    as_of = dt.date(2026, 11, 1)
    code, out, _ = run(capsys, "status", "--as-of", as_of.isoformat(), "--format", "json", SPEC)
    assert code == 0
    soon = {f["id"] for f in json.loads(out)["findings"] if f["kind"] == "due-soon"}
    expected = {a.id for a in spec.roadmap if a.finish is not None
                and 0 <= (a.finish - as_of).days <= 90}
    assert soon == expected
    assert expected


def test_the_trajectory_is_a_straight_line_from_baseline_to_target() -> None:
    target = next(t for t in load_spec(SPEC).targets if t.id == "T-1")
    assert target.baseline is not None
    start, end = target.baseline.period.end, target.by
    middle = start + (end - start) / 2
    base, goal = target.baseline.value, target.value
    assert isinstance(base, float)
    assert isinstance(goal, float)
    assert trajectory(target, middle) == pytest.approx((base + goal) / 2, rel=1e-3)
    assert trajectory(target, start) == pytest.approx(base)
    assert trajectory(target, end + dt.timedelta(days=400)) == pytest.approx(goal)


def test_status_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "status", tmp_path / "missing.yaml")[0] == 2
    assert run(capsys, "status", "--as-of", "31/12/2026", SPEC)[0] == 2


def test_status_refuses_a_bad_progress_file(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    text = (PROGRESS / "2026-09-30.yaml").read_text(encoding="utf-8")
    path = placed(tmp_path, text.replace("  - id: R-1.3\n", "  - id: R-9\n"), "2026-09-30.yaml")
    code, out, _ = run(capsys, "status", tmp_path / SPEC.name, path)
    assert code == 1
    line, column = position(path.read_text(encoding="utf-8"), "R-9")
    assert f"{path}:{line}:{column}: DG701 " in out


def test_the_published_progress_schema_is_current_and_accepts_the_examples() -> None:
    from jsonschema import Draft202012Validator

    from docgen.progress.schema import SCHEMA_FILE, progress_schema, schema_text

    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()
    Draft202012Validator.check_schema(progress_schema())
    validator = Draft202012Validator(progress_schema())
    for example in EXAMPLES:
        data = json.loads(json.dumps(YAML(typ="safe").load(example.read_text("utf-8")),
                                     default=str))  # dates as the strings a file holds
        assert list(validator.iter_errors(data)) == []
    broken = {"progress_version": 1, "spec": "x.yaml", "as_of": "2027-03-31",
              "activities": [{"id": "R-1", "status": "late"}]}
    assert list(validator.iter_errors(broken))
