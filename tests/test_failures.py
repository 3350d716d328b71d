"""Builds that fail, are killed or interrupted, or race each other: out/ is whole, always.

What is guaranteed (README, "Security and failure model"): the output folder of a
spec is at every moment the old build or the new one, whole, never a mix; a failed,
killed or interrupted build leaves it as it was (a kill may leave a hidden
`.<stem>.staging-*` folder beside it, which the next build that writes removes); and
the manifest always matches the files.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import fail_writer, manifest_listing

from docgen import output
from docgen.build import build
from docgen.cli import main
from docgen.errors import DocgenError
from docgen.output import commit
from docgen.writers import pdf as pdf_writer

ROOT = Path(__file__).resolve().parents[1]
STARTER = ROOT / "docgen" / "data" / "starter.yaml"
STEM = "spec"
HIDDEN = (f".{STEM}{output.STAGING}", f".{STEM}{output.RETIRED}")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below a folder, by relative path, with its bytes ({} if there is none)."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name != STEM)


def spec_file(folder: Path, title: str) -> Path:
    """The starter spec under the name spec.yaml, with its own title."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{STEM}.yaml"
    text = STARTER.read_text(encoding="utf-8")
    path.write_text(text.replace("Framework for Economic Cooperation", title, 1),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Two versions of one spec (A and B), each built once; their files' bytes."""
    base = tmp_path_factory.mktemp("versions")
    found: dict[str, Any] = {}
    for name, title in (("A", "Alpha Framework"), ("B", "Beta Framework")):
        spec = spec_file(base / name, title)
        build(spec, out=base / f"out-{name}")
        found[name] = spec
        found[f"{name}-folder"] = base / f"out-{name}" / STEM
        found[f"{name}-files"] = snapshot(base / f"out-{name}" / STEM)
    assert found["A-files"] != found["B-files"]
    return found


@pytest.fixture
def out_with_a(versions: dict[str, Any], tmp_path: Path) -> Path:
    """An output folder holding version A, as its build left it."""
    out = tmp_path / "out"
    shutil.copytree(versions["A-folder"], out / STEM)
    assert snapshot(out / STEM) == versions["A-files"]
    return out


def start_build(spec: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    """Start `python -m docgen build` in its own process group (as a shell job is)."""
    return subprocess.Popen([sys.executable, "-m", "docgen", "build", "--force", *extra,
                             "--out", str(out), str(spec)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", start_new_session=True)


# --- killed ----------------------------------------------------------------------------------


def test_a_build_killed_at_a_random_moment_leaves_a_whole_folder(
        versions: dict[str, Any], out_with_a: Path) -> None:
    dice = random.Random(2026)
    seen = set()
    for _ in range(5):
        process = start_build(versions["B"], out_with_a)
        time.sleep(dice.uniform(0, 3.0))
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=60)
        now = snapshot(out_with_a / STEM)
        assert now in (versions["A-files"], versions["B-files"])
        seen.add("A" if now == versions["A-files"] else "B")
        assert all(name.startswith(HIDDEN) for name in leftovers(out_with_a))
        if now == versions["B-files"]:  # the build got through: start again from A
            build(versions["A"], out=out_with_a, force=True)
    build(versions["A"], out=out_with_a, force=True)
    assert leftovers(out_with_a) == []
    assert "A" in seen


def _kill_at(step: int, exchange: bool, folder: Path, files: dict[str, bytes],
             manifest: bytes) -> int:
    """Commit in a forked child that dies (as by SIGKILL) at its `step`-th file operation."""
    pid = os.fork()
    if pid == 0:  # the child: never returns
        try:
            calls = 0

            def dying(function: Callable[..., Any]) -> Callable[..., Any]:
                def wrapper(*args: Any, **kwargs: Any) -> Any:
                    nonlocal calls
                    calls += 1
                    if calls == step:
                        os._exit(137)
                    return function(*args, **kwargs)
                return wrapper

            for name in ("mkdir", "fsync", "rename", "link", "symlink"):
                setattr(os, name, dying(getattr(os, name)))
            output._exchange = dying(output._exchange if exchange else lambda a, b: False)
            output._remove = dying(output._remove)
            commit(folder, files, manifest)
            os._exit(0)
        except BaseException:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_a_kill_at_any_step_of_the_commit_leaves_a_whole_folder(
        versions: dict[str, Any], out_with_a: Path, exchange: bool) -> None:
    """A partial commit: B's HTML written, A's PDF and Word files kept (linked), a stray dropped."""
    folder = out_with_a / STEM
    a = versions["A-files"]
    files = {name: data for name, data in versions["B-files"].items() if name.endswith(".html")}
    kept = {name: data for name, data in a.items() if name.endswith((".pdf", ".docx"))}
    manifest = output.manifest_bytes({**kept, **files}, build="partial")
    stray = b"not docgen's: left out of the new folder\n"
    (folder / "notes.txt").write_bytes(stray)
    old = {**a, "notes.txt": stray}
    new = {**kept, **files, output.MANIFEST: manifest}
    for step in range(1, 100):
        code = _kill_at(step, exchange, folder, files, manifest)
        if exchange:  # one atomic step: the old folder or the new one, never none
            assert snapshot(folder) in (old, new), step
        else:  # between the two renames there is no folder until the next build
            output._recover(folder)
            assert snapshot(folder) in (old, new), step
        if code == 0:
            assert snapshot(folder) == new
            assert leftovers(out_with_a) == []
            break
        assert code == 137
        assert all(name.startswith(HIDDEN) for name in leftovers(out_with_a)), step
        commit(folder, {n: d for n, d in a.items() if n != output.MANIFEST},
               a[output.MANIFEST])  # as the next build would: it cleans up, then writes
        (folder / "notes.txt").write_bytes(stray)
        assert snapshot(folder) == old
        assert leftovers(out_with_a) == []
    else:
        pytest.fail("the commit never finished")
    assert step > 10  # every file, the manifest, the swap and the clean-up were tried


# --- a writer fails --------------------------------------------------------------------------


def _failing(message: str) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise DocgenError(message)
    return fail


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "layout"])
def test_a_failing_writer_leaves_out_unchanged(versions: dict[str, Any], out_with_a: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               fmt: str) -> None:
    before = snapshot(out_with_a)
    if fmt == "pdf":
        monkeypatch.setattr(pdf_writer, "to_bytes", _failing("injected: pdf"))
    elif fmt == "layout":
        monkeypatch.setattr(pdf_writer, "layout", _failing("injected: layout"))
    else:
        fail_writer(monkeypatch, fmt, f"injected: {fmt}")
    with pytest.raises(DocgenError, match="injected"):
        build(versions["B"], out=out_with_a)
    assert snapshot(out_with_a) == before


# --- two builds at once ------------------------------------------------------------------------


@pytest.mark.parametrize("which", [("A", "A"), ("A", "B")], ids=["same-spec", "two-versions"])
def test_two_builds_at_once_end_with_a_manifest_that_matches(
        versions: dict[str, Any], tmp_path: Path, which: tuple[str, str]) -> None:
    out = tmp_path / "out"
    processes = [start_build(versions[name], out, "--jobs", "1") for name in which]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert "Traceback" not in err
    manifest_listing(out / STEM)
    assert snapshot(out / STEM) in (versions["A-files"], versions["B-files"])
    assert leftovers(out) == []


def test_a_commit_refuses_a_manifest_that_would_not_match(versions: dict[str, Any],
                                                           out_with_a: Path) -> None:
    """A build that kept a file (up to date) which another build replaced meanwhile."""
    before = snapshot(out_with_a)
    new = versions["B-files"]
    only_html = {name: data for name, data in new.items() if name.endswith(".html")}
    with pytest.raises(DocgenError, match=r"framework\.docx changed while this build ran"):
        commit(out_with_a / STEM, only_html, new[output.MANIFEST])  # lists B's docx, pdf
    assert snapshot(out_with_a) == before
    assert leftovers(out_with_a) == []


# --- nowhere to write --------------------------------------------------------------------------


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "docgen", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          check=False)
    assert "Traceback" not in done.stdout + done.stderr
    return done


@pytest.mark.parametrize(("where", "reason"), [
    ("below-a-file", "a file stands where a folder is needed (Not a directory)"),
    ("a-file", "a file stands where a folder is needed (File exists)"),
    ("proc", "No such file or directory"),
    ("stem-is-a-file", "it exists and is not a folder"),
])
def test_an_output_folder_that_cannot_be_written(versions: dict[str, Any], tmp_path: Path,
                                                 where: str, reason: str) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder\n", encoding="utf-8")
    out = {"below-a-file": blocker / "out", "a-file": blocker, "proc": Path("/proc/docgen-out"),
           "stem-is-a-file": tmp_path}[where]
    if where == "stem-is-a-file":
        (tmp_path / STEM).write_text("in the way\n", encoding="utf-8")
    done = run_cli("build", "--jobs", "1", "--format", "html", "--out", out, versions["A"])
    assert done.returncode == 1
    assert done.stderr == f"docgen: cannot write to {out / STEM}: {reason}\n"
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


@pytest.mark.parametrize(("patched", "code", "reason"), [
    ("fsync", errno.ENOSPC, "No space left on device"),
    ("mkdir", errno.EROFS, "Read-only file system"),
    ("rename", errno.EACCES, "Permission denied"),
])
def test_a_full_or_read_only_disk_is_a_clear_error(  # noqa: PLR0917 - fixtures and a table
        versions: dict[str, Any], out_with_a: Path, monkeypatch: pytest.MonkeyPatch,
        patched: str, code: int, reason: str) -> None:
    before = snapshot(out_with_a)
    real = getattr(os, patched)

    def refuse(*args: Any, **kwargs: Any) -> Any:
        if any(HIDDEN[0] in str(arg) for arg in args) or patched == "fsync":
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    monkeypatch.setattr(os, patched, refuse)
    monkeypatch.setattr(output, "_exchange", lambda a, b: False)  # so that rename is used
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        exit_code = main(["build", "--jobs", "1", "--force", "--out", str(out_with_a),
                          str(versions["B"])])
    monkeypatch.undo()
    assert exit_code == 1
    assert err.getvalue() == f"docgen: cannot write to {out_with_a / STEM}: {reason}\n"
    assert snapshot(out_with_a) == before
    assert leftovers(out_with_a) == []


# --- Ctrl-C ------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["process", "group"])
def test_ctrl_c_exits_130_quietly_and_leaves_out_unchanged(
        versions: dict[str, Any], out_with_a: Path, target: str) -> None:
    before = snapshot(out_with_a)
    dice = random.Random(130)
    for _ in range(2):
        process = start_build(versions["B"], out_with_a)
        time.sleep(dice.uniform(0.5, 1.5))
        if target == "group":  # what a terminal's Ctrl-C does: the build and its workers
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
        assert process.returncode == 130, err
        assert err == "docgen: interrupted\n"
        assert out == ""
        assert snapshot(out_with_a) == before
        assert leftovers(out_with_a) == []
