"""The bad-input corpus (tests/corpus/cases.yaml) through `docgen validate` and `docgen build`.

Every case is made into a file, then checked four ways, batched to keep the suite fast:
validated in this process through `docgen.cli.main` one by one (exit code and the
expected diagnostic at its line and column); validated all at once, and built all
at once, through the real CLI in a subprocess (no traceback, every expected
diagnostic, nothing written for a failing spec); the cases marked `sample` built one
by one through the real CLI (their own exit code); and every valid case (hostile text that
must print as text) built in all three formats and read back.
The 50 MB case is generated here, never committed.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import io
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import edition_folder, names_in
from markupsafe import escape
from ruamel.yaml import YAML

from docgen.cli import main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
BASES = {"starter": ROOT / "docgen" / "data" / "starter.yaml",
         "example": ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"}
SIX = {f"{doc}.{fmt}" for doc in ("framework", "minutes") for fmt in ("html", "pdf", "docx")}
HUGE = 50 * 1024 * 1024


def _starter() -> str:
    return BASES["starter"].read_text(encoding="utf-8")


def _huge_file(path: Path) -> None:
    line = b"# " + b"x" * 1021 + b"\n"  # 1 KiB
    with path.open("wb") as handle:
        for _ in range(HUGE // len(line)):
            handle.write(line)


GENERATORS: dict[str, Any] = {
    "nul-flood": lambda: "a: \x00\n" * 10_000,
    "deep-flow": lambda: "spec_version: " + "[" * 10_000 + "]" * 10_000 + "\n",
    "deep-block": lambda: "spec_version:\n  " + "- " * 10_000 + "x\n",
    "long-text": lambda: _starter().replace("short_title: A-B Cooperation Framework",
                                            "short_title: " + "x" * 200_000),
    "long-key": lambda: _starter().replace("spec_version: 1\n",
                                           "spec_version: 1\n" + "k" * 200_000 + ": 1\n"),
    "long-number": lambda: _starter().replace("  version: 1\n", "  version: " + "9" * 5_000
                                              + "\n"),
    "huge-file": _huge_file,  # written straight to disk: 50 MB is not built in memory
}


@dataclass
class Case:
    """One corpus case, made into a file, with where its diagnostic must point."""

    name: str
    path: Path
    exit: int
    code: str | None
    where: tuple[int, int] | None
    printed: str | None
    sample: bool

    def expected_line(self) -> str | None:
        """The start of the diagnostic line that must be printed, or None."""
        if self.code is None or self.where is None:
            return None
        return f"{self.path}:{self.where[0]}:{self.where[1]}: {self.code} "


def _load_index() -> list[dict[str, Any]]:
    cases = YAML(typ="safe", pure=True).load((CORPUS / "cases.yaml").read_text("utf-8"))
    assert isinstance(cases, list)
    return cases


INDEX = _load_index()
NAMES = [case["name"] for case in INDEX]


def _position(text: str, needle: str, shift: int = 0, *, last: bool = False,
              ) -> tuple[int, int]:
    index = text.rindex(needle) if last else text.index(needle)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1 + shift


def _text_of(entry: dict[str, Any]) -> str | None:
    if "file" in entry:
        return (CORPUS / "files" / entry["file"]).read_text(encoding="utf-8")
    if "text" in entry:
        return str(entry["text"])
    if "base" in entry:
        return BASES[entry["base"]].read_text(encoding="utf-8")
    generated = GENERATORS[entry["generate"]]
    return None if generated is _huge_file else str(generated())


def make(entry: dict[str, Any], folder: Path) -> Case:
    """Write one case's file into `folder`, as its entry in the index says."""
    path = folder / f"{entry['name']}.yaml"
    text = _text_of(entry)
    if text is None:
        GENERATORS[entry["generate"]](path)
    else:
        for old, new in entry.get("edit", []):
            assert text.count(old) == 1, f"{entry['name']}: {old!r} is not there exactly once"
            text = text.replace(old, new)
        if "cut_at" in entry:
            text = text[: text.index(entry["cut_at"]) + len(entry["cut_at"])]
        data = text.encode(entry.get("encode", "utf-8"))
        for old, new in entry.get("bytes", []):
            data = data.replace(old.encode(), new.encode("latin-1"), 1)
        data = entry.get("prefix", "").encode("latin-1") + data
        if entry.get("chop"):
            data = data[: -entry["chop"]]
        path.write_bytes(data)
    where = None
    if "line" in entry:
        where = (entry["line"], entry["column"])
    elif "at" in entry or "at_last" in entry:
        assert text is not None
        where = _position(text, entry.get("at", entry.get("at_last")), entry.get("shift", 0),
                          last="at_last" in entry)
    return Case(entry["name"], path, entry["exit"], entry.get("code"), where,
                entry.get("printed"), bool(entry.get("sample")))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    """Every case of the index, made into a file in one folder."""
    folder = tmp_path_factory.mktemp("corpus")
    return {entry["name"]: make(entry, folder) for entry in INDEX}


def run_cli(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run `python -m docgen ...`; assert that no traceback reached the user."""
    env = {**os.environ, "PYTHONUTF8": "1"}
    done = subprocess.run([sys.executable, "-m", "docgen", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=timeout, check=False)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr[-3000:]
    assert done.returncode in (0, 1, 2), done
    return done


def files_below(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_the_corpus_is_large_and_well_formed() -> None:
    assert len(INDEX) >= 60
    assert len(set(NAMES)) == len(NAMES)
    for entry in INDEX:
        assert entry["exit"] in (0, 1)
        assert entry["exit"] == 0 or ("code" in entry and {"at", "at_last", "line"} & set(entry))


@pytest.mark.parametrize("name", NAMES)
def test_validate_in_process(corpus: dict[str, Case], name: str) -> None:
    case = corpus[name]
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", str(case.path)])
    assert time.monotonic() - started < 10
    assert "Traceback" not in out.getvalue() + err.getvalue()
    assert code == case.exit, out.getvalue()
    expected = case.expected_line()
    if expected is not None:
        lines = out.getvalue().splitlines()
        assert any(line.startswith(expected) for line in lines), (expected, lines[:6])
    if case.exit == 0:
        assert err.getvalue().startswith(f"{case.path}: valid")


def test_validate_every_case_through_the_cli(corpus: dict[str, Case]) -> None:
    done = run_cli("validate", *(case.path for case in corpus.values()))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    for case in corpus.values():
        expected = case.expected_line()
        if expected is not None:
            assert any(line.startswith(expected) for line in lines), expected
        summary = f"{case.path}: valid" if case.exit == 0 else f"{case.path}: "
        assert any(line.startswith(summary) for line in done.stderr.splitlines())


def test_failing_cases_build_nothing(corpus: dict[str, Case], tmp_path: Path) -> None:
    failing = [case for case in corpus.values() if case.exit != 0]
    out = tmp_path / "out"
    started = time.monotonic()
    done = run_cli("build", "--out", out, *(case.path for case in failing))
    assert time.monotonic() - started < 60
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    for case in failing:
        expected = case.expected_line()
        assert expected is not None
        assert any(line.startswith(expected) for line in lines), expected
        assert f"{case.path}: " in done.stderr
    assert files_below(out) == []


def _build_one(case: Case, out: Path) -> list[str]:
    """Build one case through the real CLI; return what went wrong."""
    problems = []
    started = time.monotonic()
    done = run_cli("build", "--jobs", "1", "--out", out, case.path)
    if done.returncode != case.exit:
        problems.append(f"{case.name}: exit {done.returncode}, not {case.exit}")
    expected = case.expected_line()
    if expected and not any(line.startswith(expected) for line in done.stdout.splitlines()):
        problems.append(f"{case.name}: no line starting {expected!r}")
    if time.monotonic() - started > 20:
        problems.append(f"{case.name}: took {time.monotonic() - started:.0f} s")
    if files_below(out):
        problems.append(f"{case.name}: the build wrote {files_below(out)}")
    return problems


def test_sampled_cases_build_one_by_one_through_the_cli(corpus: dict[str, Case],
                                                       tmp_path: Path) -> None:
    sampled = [case for case in corpus.values() if case.sample]
    assert len(sampled) >= 15
    with cf.ThreadPoolExecutor(max_workers=4) as pool:
        found = pool.map(lambda case: _build_one(case, tmp_path / case.name), sampled)
    assert [problem for problems in found for problem in problems] == []


@pytest.fixture(scope="module")
def valid_built(corpus: dict[str, Case], tmp_path_factory: pytest.TempPathFactory,
                ) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Every valid case built at once through the real CLI."""
    out = tmp_path_factory.mktemp("valid-out")
    valid = [case.path for case in corpus.values() if case.exit == 0]
    return run_cli("build", "--out", out, *valid, timeout=300), out


def test_valid_cases_build_all_six_documents(corpus: dict[str, Case],
                                             valid_built: tuple[Any, Path]) -> None:
    done, out = valid_built
    assert done.returncode == 0, done.stderr
    for case in corpus.values():
        if case.exit == 0:
            folder = out / case.path.stem
            assert {p.relative_to(folder).as_posix() for p in files_below(folder)} == \
                names_in("en", SIX) | {"manifest.json"}, case.name
            expected = case.expected_line()
            if expected:  # a warning, printed by build as by validate
                assert any(line.startswith(expected) for line in done.stdout.splitlines())


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", [entry["name"] for entry in INDEX if "printed" in entry])
def test_hostile_text_is_printed_as_text_and_nothing_is_fetched(
        corpus: dict[str, Case], valid_built: tuple[Any, Path], name: str) -> None:
    case, (_, out) = corpus[name], valid_built
    assert case.printed is not None
    folder = edition_folder(out / case.path.stem)
    page = (folder / "minutes.html").read_text(encoding="utf-8") + \
        (folder / "framework.html").read_text(encoding="utf-8")
    assert str(escape(case.printed)) in page  # as Jinja escapes: &amp; &lt; &gt; &#34; &#39;
    for tag in ("<script", "<img", "<link rel=attachment", "<style>body{"):
        assert tag not in page
    for document in ("framework", "minutes"):
        assert b"/EmbeddedFile" not in (folder / f"{document}.pdf").read_bytes()
    if case.printed.isascii():
        words = []
        for document in ("framework", "minutes"):
            words.append(subprocess.run(
                ["pdftotext", "-raw", str(folder / f"{document}.pdf"), "-"],
                capture_output=True, text=True, check=True).stdout)
            word = docx.Document(str(folder / f"{document}.docx"))
            cells = [cell for table in word.tables for row in table.rows for cell in row.cells]
            words.append("\n".join([p.text for p in word.paragraphs] + [c.text for c in cells]))
        assert sum(_words(case.printed) in _words(text) for text in words) >= 2
