"""The command line: exit codes, formats, help, `new`, crashes, and the weight of `validate`.

Most tests call `docgen.cli.main` in this process (fast, and monkeypatchable); the
few that are about the process itself (`python -m docgen`, what `validate` imports,
what a terminal that cannot encode a character gets) run a subprocess.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import docgen
from docgen import cli
from docgen.spec_schema import schema_text

STARTER = Path(docgen.__file__).parent / "data" / "starter.yaml"
CLEAN = "Traceback"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """Run `docgen ARGV` in this process; return the exit code, stdout and stderr."""
    try:
        code = cli.main([str(arg) for arg in argv])
    except SystemExit as done:  # argparse: --help, --version, usage errors
        code = done.code if isinstance(done.code, int) else 1
    out, err = capsys.readouterr()
    assert CLEAN not in out
    assert CLEAN not in err
    return code, out, err


def subprocess_run(*argv: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "docgen", *map(str, argv)], capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=60,
                          check=False, env={**os.environ, **env})
    assert CLEAN not in done.stdout
    assert CLEAN not in done.stderr
    return done


def new_spec(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    """Write a starter spec with `docgen new`; return its text."""
    assert run(capsys, "new", path)[0] == 0
    return path.read_text(encoding="utf-8")


def at(text: str, needle: str) -> tuple[int, int]:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


@pytest.fixture
def spec(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "specs" / "spec.yaml"
    new_spec(capsys, path)
    return path


@pytest.fixture
def invalid(tmp_path: Path) -> Path:
    path = tmp_path / "invalid.yaml"
    path.write_text(STARTER.read_text(encoding="utf-8").replace("binding: false", "binding: no"),
                    encoding="utf-8")
    return path


@pytest.fixture
def shall(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A non-binding starter whose objective says 'shall': one DG601 warning."""
    path = tmp_path / "shall.yaml"
    text = new_spec(capsys, path)
    old = "  - To raise bilateral trade"
    assert text.count(old) == 1
    path.write_text(text.replace(old, "  - The Sides shall raise bilateral trade"),
                    encoding="utf-8")
    return path


# --- exit codes ---------------------------------------------------------------------------------


def test_new_writes_a_spec_that_validates(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "spec.yaml"
    code, out, err = run(capsys, "new", path)
    assert (code, out) == (0, "")
    schema = path.parent / "spec-v1.schema.json"
    assert err == (f"wrote {path} and {schema} (the schema editors read); "
                   f"next: docgen validate {path}\n")
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=spec-v1.schema.json"
    assert schema.read_text(encoding="utf-8") == schema_text()
    again = path.with_name("second.yaml")
    assert run(capsys, "new", again)[2] == f"wrote {again}; next: docgen validate {again}\n"
    assert run(capsys, "validate", path) == (0, "", f"{path}: valid\n")
    assert run(capsys, "validate", "--strict", "--final", path)[0] == 1


def test_invalid_spec_exits_1(capsys: pytest.CaptureFixture[str], invalid: Path) -> None:
    code, out, err = run(capsys, "validate", invalid)
    line, column = at(invalid.read_text(encoding="utf-8"), "binding: no")
    assert code == 1
    assert out.startswith(f"{invalid}:{line}:{column + 9}: DG122 document.binding: expected true "
                          "or false, got 'no'\n")
    assert err == f"{invalid}: 1 error, 0 warnings\n"


@pytest.mark.parametrize(("argv", "says"), [
    (["validate", "--frobnicate", "x.yaml"], "unrecognized arguments: --frobnicate"),
    (["validate"], "the following arguments are required: SPEC"),
    (["validate", "--format", "xml", "x.yaml"], "invalid choice: 'xml'"),
    ([], "the following arguments are required: COMMAND"),
    (["render"], "invalid choice: 'render'"),
    (["build"], "the following arguments are required: SPEC"),
])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str],
                             says: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert says in err
    assert "usage: docgen" in err


def test_nonexistent_spec_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path, spec: Path) -> None:
    missing = tmp_path / "missing.yaml"
    assert run(capsys, "validate", spec, missing) == (2, "", f"docgen: no such file: {missing}\n")


def test_exit_codes_of_the_real_process(tmp_path: Path, invalid: Path) -> None:
    assert subprocess_run("validate", STARTER).returncode == 0
    assert subprocess_run("validate", invalid).returncode == 1
    missing = subprocess_run("validate", tmp_path / "missing.yaml")
    assert missing.returncode == 2
    assert missing.stderr == f"docgen: no such file: {tmp_path / 'missing.yaml'}\n"
    assert subprocess_run("validate", "--nope", STARTER).returncode == 2


# --- --strict and --final -----------------------------------------------------------------------


def test_warning_passes_without_strict_and_fails_with_it(capsys: pytest.CaptureFixture[str],
                                                         shall: Path) -> None:
    line, column = at(shall.read_text(encoding="utf-8"), "shall raise")
    warning = (f"{shall}:{line}:{column}: DG601 (warning) the binding word 'shall' in a "
               "non-binding document\n"
               "    write 'will' instead, or mark the document 'binding: true'\n")
    assert run(capsys, "validate", shall) == (0, warning, f"{shall}: valid, with 1 warning\n")
    assert run(capsys, "validate", "--strict", shall) == (
        1, warning, f"{shall}: 1 warning, which --strict treats as errors\n")


def test_final_refuses_placeholders_and_gaps(capsys: pytest.CaptureFixture[str],
                                             spec: Path) -> None:
    code, out, _ = run(capsys, "validate", "--final", spec)
    assert code == 1
    codes = {line.split()[1] for line in out.splitlines() if not line.startswith(" ")}
    assert codes == {"DG602", "DG603"}
    line, column = at(spec.read_text(encoding="utf-8"), "TBD")
    assert f"{spec}:{line}:{column}: DG602 the placeholder 'TBD' in a final document" in out


def test_final_turns_warnings_into_errors(capsys: pytest.CaptureFixture[str],
                                          shall: Path) -> None:
    code, out, _ = run(capsys, "validate", "--final", "--format", "json", shall)
    assert code == 1
    dg601 = [row for row in json.loads(out) if row["code"] == "DG601"]
    assert len(dg601) == 1
    assert dg601[0]["severity"] == "error"
    assert dg601[0]["hint"].endswith("\na final document allows no warnings")


# --- formats ------------------------------------------------------------------------------------


def test_json_format(capsys: pytest.CaptureFixture[str], invalid: Path, shall: Path) -> None:
    code, out, err = run(capsys, "validate", "--format", "json", invalid, shall)
    assert code == 1
    assert err == ""  # no summary lines: stdout is for the tool that reads the JSON
    rows = json.loads(out)
    assert [(row["file"], row["code"], row["severity"]) for row in rows] == [
        (str(invalid), "DG122", "error"), (str(shall), "DG601", "warning")]
    line, column = at(invalid.read_text(encoding="utf-8"), "binding: no")
    assert rows[0] == {
        "file": str(invalid), "line": line, "column": column + 9, "code": "DG122",
        "message": "document.binding: expected true or false, got 'no'", "severity": "error",
        "hint": "write false: in YAML 1.2 'no' is text, not true or false",
        "key_path": "document.binding"}


def test_json_format_of_a_valid_spec_is_an_empty_list(capsys: pytest.CaptureFixture[str],
                                                      spec: Path) -> None:
    code, out, err = run(capsys, "validate", "--format", "json", spec)
    assert (code, json.loads(out), err) == (0, [], "")


def test_json_format_of_a_load_failure(capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    path = tmp_path / "tab.yaml"
    path.write_text("spec_version: 1\n\tdocument: x\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--format", "json", path)
    assert code == 1
    assert json.loads(out) == [{
        "file": str(path), "line": 2, "column": 1, "code": "DG104",
        "message": "a tab is used for indentation", "severity": "error",
        "hint": "YAML indents with spaces only: replace the tab with spaces", "key_path": ""}]


def test_github_format(capsys: pytest.CaptureFixture[str], invalid: Path, shall: Path) -> None:
    code, out, err = run(capsys, "validate", "--format", "github", invalid, shall)
    assert code == 1
    assert err == ""
    line, column = at(shall.read_text(encoding="utf-8"), "shall raise")
    no = at(invalid.read_text(encoding="utf-8"), "binding: no")
    assert out.splitlines() == [
        f"::error file={invalid},line={no[0]},col={no[1] + 9},title=DG122::document.binding: "
        "expected true or false, got 'no'%0Awrite false: in YAML 1.2 'no' is text, not true or "
        "false",
        f"::warning file={shall},line={line},col={column},title=DG601::the binding word 'shall' "
        "in a non-binding document%0Awrite 'will' instead, or mark the document 'binding: true'",
    ]


def test_github_format_of_a_valid_spec_prints_nothing(capsys: pytest.CaptureFixture[str],
                                                      spec: Path) -> None:
    assert run(capsys, "validate", "--format", "github", spec) == (0, "", "")


def test_several_specs_report_each(capsys: pytest.CaptureFixture[str], spec: Path,
                                   invalid: Path, shall: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    code, out, err = run(capsys, "validate", spec, invalid, empty, shall)
    assert code == 1
    files = [line.split(":")[0] for line in out.splitlines() if not line.startswith(" ")]
    assert files == [str(invalid), str(empty), str(shall)]
    assert err.splitlines() == [f"{spec}: valid", f"{invalid}: 1 error, 0 warnings",
                                f"{empty}: 1 error, 0 warnings",
                                f"{shall}: valid, with 1 warning"]


# --- help and version ---------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [[], ["validate"], ["schema"], ["new"]])
def test_help_exits_0_and_shows_an_example(capsys: pytest.CaptureFixture[str],
                                           argv: list[str]) -> None:
    code, out, err = run(capsys, *argv, "--help")
    assert (code, err) == (0, "")
    assert "example" in out
    assert f"docgen {' '.join(argv)}".strip() in out.split("example", 1)[1]


def test_validate_help_documents_the_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "validate", "--help")[1]
    assert "exit status: 0 valid, 1 invalid, 2 usage error" in out


def test_version_of_python_dash_m_docgen() -> None:
    done = subprocess_run("--version")
    assert done.returncode == 0
    assert done.stdout == f"docgen {docgen.__version__}\n"


def test_schema_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out)["$id"] == "urn:docgen:spec:v1"


# --- new ----------------------------------------------------------------------------------------


def test_new_refuses_to_overwrite(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("mine\n", encoding="utf-8")
    assert run(capsys, "new", path) == (
        1, "", f"docgen: {path} already exists; choose another name or add --force\n")
    assert path.read_text(encoding="utf-8") == "mine\n"
    assert run(capsys, "new", "--force", path)[0] == 0
    assert "spec_version: 1" in path.read_text(encoding="utf-8")


def test_new_that_cannot_write_is_a_clean_error(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert run(capsys, "new", "--force", folder) == (
        1, "", f"docgen: cannot write {folder}: Is a directory\n")


# --- the error boundary -------------------------------------------------------------------------


def test_unexpected_exception_exits_3_with_a_pointer_to_the_log(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    def explode(args: object) -> int:
        raise RuntimeError("kaboom")

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cli, "_validate", explode)
    code, out, err = run(capsys, "validate", STARTER)
    log = tmp_path / "cache" / "docgen" / "docgen.log"
    assert (code, out) == (3, "")
    assert err == (f"docgen: an unexpected error occurred (a bug in docgen); the traceback is "
                   f"in {log}; please report it\n")
    held = log.read_text(encoding="utf-8")
    assert held.startswith("Traceback (most recent call last):")
    assert "in explode" in held
    assert held.rstrip().endswith("RuntimeError: kaboom")


def test_unexpected_exception_when_the_log_cannot_be_written(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    def explode(args: object) -> int:
        raise KeyError("x")

    blocker = tmp_path / "cache"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr(cli, "_validate", explode)
    assert run(capsys, "validate", STARTER) == (
        3, "", "docgen: an unexpected error occurred (a bug in docgen); the traceback could "
               "not be written to a log; please report it\n")


def test_interrupt_exits_130(capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_validate", interrupt)
    assert run(capsys, "validate", STARTER) == (130, "", "docgen: interrupted\n")


def test_closed_pipe_is_not_a_bug(capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def reader_left(args: object) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cli, "_validate", reader_left)
    assert run(capsys, "validate", STARTER) == (141, "", "")
    assert not (tmp_path / "cache").exists()


def test_closed_pipe_in_the_real_process(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("spec_version: 1\n", encoding="utf-8")  # four errors: ~1 kB of JSON
    process = subprocess.Popen(  # 300 times that is more than a pipe buffers
        [sys.executable, "-m", "docgen", "validate", "--format", "json", *[str(bad)] * 300],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert process.stdout is not None
    process.stdout.read(1)
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (141, b"")
    assert not (tmp_path / "cache").exists()


def test_output_a_terminal_cannot_encode(tmp_path: Path) -> None:
    path = tmp_path / "accent.yaml"
    path.write_text("spec_version: 1\ntitré: x\n", encoding="utf-8")
    text = subprocess_run("validate", path, PYTHONIOENCODING="ascii")
    assert text.returncode == 1
    assert f"{path}:2:1: DG120 unknown key 'titr\\xe9' in the top level" in text.stdout
    as_json = subprocess_run("validate", "--format", "json", path, PYTHONIOENCODING="ascii")
    assert as_json.returncode == 1
    assert "unknown key 'titré' in the top level" in [
        row["message"] for row in json.loads(as_json.stdout)]


# --- the validate path stays light --------------------------------------------------------------


def test_validate_imports_no_writer() -> None:
    probe = (
        "import sys\n"
        "from docgen.cli import main\n"
        f"code = main(['validate', {str(STARTER)!r}])\n"
        "heavy = sorted(m for m in ('weasyprint', 'docx', 'jinja2') if m in sys.modules)\n"
        "print(code, heavy)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "0 []\n"
