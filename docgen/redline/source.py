"""A redline's base version: a spec file, or `git:REV` (the spec's own path at a revision).

In: what the user wrote as BASE and the spec's path. Out: the base's `Report`, checked
as `docgen validate` checks any spec. `git:REV` reads the file with `git show REV:path`
in the spec's repository: no checkout is touched, nothing is written.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from docgen.errors import DocgenError
from docgen.validation import Report, validate, validate_text

PREFIX = "git:"


def read_base(base: str, spec_path: Path) -> Report:
    """Check the base version and return its report."""
    if not base.startswith(PREFIX):
        if not Path(base).is_file():
            raise DocgenError(f"{base}: no such spec file (BASE is a spec file or git:REV)")
        return validate(Path(base))
    revision = base[len(PREFIX):] or "HEAD"
    folder = spec_path.resolve().parent
    try:
        top = _git(folder, "rev-parse", "--show-toplevel").strip()
        inside = spec_path.resolve().relative_to(Path(top).resolve()).as_posix()
        text = _git(folder, "show", f"{revision}:{inside}")
    except ValueError:
        raise DocgenError(f"{spec_path} is not inside its git repository") from None
    return validate_text(text, f"{base}:{inside}")


def _git(folder: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True,
                              text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise DocgenError(f"cannot run git: {error}") from None
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()
        raise DocgenError(f"git {' '.join(args)}: {message[-1] if message else 'failed'}")
    return done.stdout
