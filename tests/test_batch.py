"""`docgen build` on many specs: folders expand, a bad spec stops no other, one summary."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.batch import Outcome, Progress, expand, summary

ROOT = Path(__file__).resolve().parents[1]
STARTER = ROOT / "docgen" / "data" / "starter.yaml"


def docgen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True,
                          text=True, check=False)


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    """A folder of three specs, the middle one invalid, and a file that is not a spec."""
    folder = tmp_path / "specs"
    folder.mkdir()
    shutil.copyfile(STARTER, folder / "alpha.yaml")
    text = STARTER.read_text(encoding="utf-8")
    (folder / "bravo.yaml").write_text(text.replace("owners: [a-trade, b-trade]",
                                                    "owners: [a-trad, b-trade]", 1),
                                       encoding="utf-8")
    shutil.copyfile(STARTER, folder / "charlie.yml")
    (folder / "notes.txt").write_text("not a spec\n", encoding="utf-8")
    return folder


def test_one_bad_spec_among_good_ones(specs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = docgen("build", "--format", "html", "--jobs", "2", "--out", str(out), str(specs))
    assert done.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == ["alpha", "charlie"]
    bad = specs / "bravo.yaml"
    validated = docgen("validate", str(bad))
    assert done.stdout == validated.stdout  # the bad spec's diagnostics, exactly as validate
    assert f"{bad}:77:" in done.stdout
    assert "DG201" in done.stdout
    lines = done.stderr.splitlines()
    progress = [line for line in lines if line.startswith("[")]  # in the order they finished
    assert [line.split("]")[0] for line in progress] == ["[1/3", "[2/3", "[3/3"]
    assert {line.split("] ")[1] for line in progress} == {
        f"built: {specs / 'alpha.yaml'}", f"failed: {bad}", f"built: {specs / 'charlie.yml'}"}
    assert lines[-4:] == [
        f"{specs / 'alpha.yaml'}: wrote {out / 'alpha'}/ (en/framework.html, en/minutes.html, "
        "manifest.json)",
        f"{bad}: 1 error(s); nothing was built",
        f"{specs / 'charlie.yml'}: wrote {out / 'charlie'}/ (en/framework.html, en/minutes.html, "
        "manifest.json)",
        f"3 specs: built 2, up to date 0, failed 1: {bad}",
    ]


def test_a_second_batch_finds_the_good_specs_up_to_date(specs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (specs / "bravo.yaml").unlink()
    first = docgen("build", "--format", "html", "--jobs", "1", "--out", str(out), str(specs))
    assert first.returncode == 0
    assert first.stderr.splitlines()[:2] == [f"[1/2] built: {specs / 'alpha.yaml'}",
                                             f"[2/2] built: {specs / 'charlie.yml'}"]
    again = docgen("build", "--format", "html", "--out", str(out),
                   str(specs / "charlie.yml"), str(specs / "alpha.yaml"))
    assert again.returncode == 0
    assert again.stderr.splitlines()[-1] == "2 specs: built 0, up to date 2, failed 0"


def test_progress_is_one_updating_line_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    progress = Progress(2, stream)
    for name in ("a.yaml", "b.yaml"):
        progress.update(Outcome(Path(name), "built", ""))
    progress.close()
    assert stream.getvalue() == ("\r\x1b[K[1/2] built: a.yaml\r\x1b[K[2/2] built: b.yaml"
                                 "\r\x1b[K")
    assert "\n" not in stream.getvalue()


def test_summary_names_the_failed_specs() -> None:
    outcomes = [Outcome(Path("a.yaml"), "built", ""), Outcome(Path("b.yaml"), "failed", "", ""),
                Outcome(Path("c.yaml"), "up to date", ""), Outcome(Path("d.yaml"), "failed", "")]
    assert summary(outcomes) == "4 specs: built 1, up to date 1, failed 2: b.yaml, d.yaml"


def test_folders_expand_to_their_specs_sorted(specs: Path) -> None:
    assert expand([specs]) == [specs / "alpha.yaml", specs / "bravo.yaml", specs / "charlie.yml"]


@pytest.mark.parametrize(("make", "message"), [
    (lambda tmp: tmp / "missing.yaml", "no such file: {path}"),
    (lambda tmp: tmp, "no *.yaml or *.yml spec in the folder {path}"),
], ids=["missing file", "folder without specs"])
def test_nothing_to_build_is_a_usage_error(tmp_path: Path, make: object, message: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    done = docgen("build", str(path))
    assert done.returncode == 2
    assert done.stderr == f"docgen: {message.format(path=path)}\n"
