"""The published `docgen-validate` hook, run by the real pre-commit in a throwaway repository.

pre-commit clones this project at its committed HEAD and pip-installs it into a hook
environment, so the test exercises `.pre-commit-hooks.yaml` and the package exactly as a
user's repository would get them. Only committed files count: the hook manifest, the
code and the starter spec are all read from HEAD.

The hook environment is built once per module (tens of seconds: pip installs docgen
and its dependencies from PyPI) under a private PRE_COMMIT_HOME, never the user's cache.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
HOOK_ID = "docgen-validate"
HOOK_NAME = "docgen validate"


@dataclass(frozen=True)
class HookSetup:
    """What every throwaway repository needs: the config text and the environment."""

    config: str
    env: dict[str, str]
    starter: str


def _git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    git = shutil.which("git")
    assert git is not None, "git is not installed; the pre-commit test needs it"
    done = subprocess.run([git, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, f"git {' '.join(args)} failed:\n{done.stdout}{done.stderr}"
    return done.stdout


def _clean_env(home: Path) -> dict[str, str]:
    """The caller's environment without anything that would redirect git or pre-commit."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("GIT_", "PRE_COMMIT")) and key != "SKIP"}
    env["PRE_COMMIT_HOME"] = str(home)
    return env


@pytest.fixture(scope="module")
def hook_setup(tmp_path_factory: pytest.TempPathFactory) -> HookSetup:
    """Pin the hook to this project's HEAD and build its environment once."""
    assert PRE_COMMIT.exists(), f"pre-commit is not installed next to {sys.executable}"
    env = _clean_env(tmp_path_factory.mktemp("pre-commit-home"))
    rev = _git("rev-parse", "HEAD", cwd=PROJECT, env=env).strip()
    committed = _git("ls-tree", "--name-only", rev, cwd=PROJECT, env=env).split()
    assert ".pre-commit-hooks.yaml" in committed, (
        f".pre-commit-hooks.yaml is not committed at HEAD ({rev[:12]}); pre-commit reads "
        "hooks from the commit it clones, so commit the manifest first")
    starter = _git("show", f"{rev}:docgen/data/starter.yaml", cwd=PROJECT, env=env)
    config = (
        "repos:\n"
        f"  - repo: {PROJECT.as_posix()}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        f"      - id: {HOOK_ID}\n"
    )
    setup = HookSetup(config=config, env=env, starter=starter)
    repo = _make_repo(tmp_path_factory.mktemp("install"), setup, {})
    done = _pre_commit(setup, repo, "install-hooks")
    assert done.returncode == 0, f"pre-commit install-hooks failed:\n{done.stdout}"
    return setup


def _make_repo(path: Path, setup: HookSetup, specs: dict[str, str]) -> Path:
    """A new git repository holding the config and `specs/NAME` files, all staged."""
    _git("init", "-q", cwd=path, env=setup.env)
    _git("config", "user.name", "docgen test", cwd=path, env=setup.env)
    _git("config", "user.email", "docgen-test@example.invalid", cwd=path, env=setup.env)
    (path / ".pre-commit-config.yaml").write_text(setup.config, encoding="utf-8")
    for name, text in specs.items():
        spec = path / "specs" / name
        spec.parent.mkdir(exist_ok=True)
        spec.write_text(text, encoding="utf-8")
    _git("add", "-A", cwd=path, env=setup.env)
    return path


def _pre_commit(setup: HookSetup, repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(PRE_COMMIT), *args, "--color", "never"], cwd=repo,
                          env=setup.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, check=False, timeout=900)


def _status_line(output: str) -> str:
    """The `docgen validate.....Passed` line pre-commit prints for the hook."""
    lines = [line for line in output.splitlines() if line.startswith(HOOK_NAME + ".")]
    assert len(lines) == 1, f"expected one '{HOOK_NAME}' status line in:\n{output}"
    return lines[0]


def test_hook_passes_a_valid_spec(hook_setup: HookSetup, tmp_path: Path) -> None:
    repo = _make_repo(tmp_path, hook_setup, {"good.yaml": hook_setup.starter})

    done = _pre_commit(hook_setup, repo, "run", "--all-files")

    assert done.returncode == 0, done.stdout
    assert re.fullmatch(rf"{HOOK_NAME}\.+Passed", _status_line(done.stdout)), done.stdout


def test_hook_fails_a_bad_spec_and_prints_where(hook_setup: HookSetup, tmp_path: Path) -> None:
    good = hook_setup.starter
    assert good.count("serves: R-1") == 1, "the starter spec changed; update this test"
    bad = good.replace("serves: R-1", "serves: R-9")
    lines = bad.splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if "serves: R-9" in text)
    column = lines[line - 1].index("R-9") + 1
    expected = f"specs/bad.yaml:{line}:{column}: DG201 'R-9' does not name an activity"
    repo = _make_repo(tmp_path, hook_setup, {"good.yaml": good, "bad.yaml": bad})

    done = _pre_commit(hook_setup, repo, "run", "--all-files")

    assert done.returncode == 1, done.stdout
    assert re.fullmatch(rf"{HOOK_NAME}\.+Failed", _status_line(done.stdout)), done.stdout
    assert f"- hook id: {HOOK_ID}" in done.stdout
    assert expected in done.stdout.splitlines(), done.stdout
    assert "specs/bad.yaml: 1 error, 0 warnings" in done.stdout, done.stdout
    assert "specs/good.yaml: valid" in done.stdout, done.stdout
    assert not re.search(r"^specs/good\.yaml:\d+:\d+:", done.stdout, re.MULTILINE), done.stdout


def test_a_pip_installed_docgen_writes_a_schema_line_that_resolves(
        hook_setup: HookSetup, tmp_path: Path) -> None:
    """pre-commit installs docgen with pip (not editable): `docgen new` there is a user's."""
    home = Path(hook_setup.env["PRE_COMMIT_HOME"])
    installed = sorted(home.glob("repo*/py_env-*/bin/docgen"))
    assert len(installed) == 1, installed
    spec = tmp_path / "talks" / "spec.yaml"
    done = subprocess.run([str(installed[0]), "new", str(spec)], capture_output=True,
                          text=True, check=False, env=hook_setup.env)
    assert done.returncode == 0, done.stderr
    line = spec.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", line)
    assert match, line
    target = (spec.parent / match.group(1)).resolve()
    assert target.is_file(), f"{line} names {target}, which does not exist"
    assert target.is_relative_to(spec.parent), "the schema should sit beside the spec"
    printed = subprocess.run([str(installed[0]), "schema"], capture_output=True, text=True,
                             check=True, env=hook_setup.env).stdout
    assert target.read_text(encoding="utf-8") == printed
