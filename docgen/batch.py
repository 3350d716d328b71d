"""Build many specs at once, for CI: worker processes, progress, one summary at the end.

In: spec files and folders (a folder means every *.yaml and *.yml in it, sorted),
the build options and a number of jobs. Out: one `Outcome` per spec, in the order
given: built, up to date (nothing rendered), or failed with its diagnostics. One
failing spec never stops the others. The worker processes are `docgen.parallel`'s.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from docgen.errors import DocgenError, UsageError
from docgen.parallel import run_in_processes

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Outcome:
    """How building one spec ended."""

    spec: Path
    status: str
    """"built", "up to date" or "failed"."""
    line: str
    """The one-line report of the spec, for stderr."""
    diagnostics: str = ""
    """The spec's diagnostics as `docgen validate` prints them (stdout)."""
    error: str | None = None
    """A DocgenError's message, if one stopped the build."""
    exit_code: int = 0


def expand(paths: Sequence[Path]) -> list[Path]:
    """Replace each folder by its specs, sorted; a path that does not exist is a usage error."""
    specs: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and p.is_file())
            if not found:
                raise UsageError(f"no *.yaml or *.yml spec in the folder {path}")
            specs += found
        elif path.exists():
            specs.append(path)
        else:
            raise UsageError(f"no such file: {path}")
    return specs


def build_one(spec: Path, options: Mapping[str, Any], jobs: int = 1,
              catch_bugs: bool = True) -> Outcome:
    """Build one spec and say how it went; never raises for a bad spec or a failed writer."""
    from docgen.build import build
    from docgen.diagnostics import format_text
    from docgen.validation import SpecInvalid

    try:
        result = build(spec, jobs=jobs, **options)
    except SpecInvalid as invalid:
        return Outcome(spec, "failed", f"{spec}: {len(invalid.report.errors)} error(s); "
                       "nothing was built", format_text(invalid.report.diagnostics), exit_code=1)
    except DocgenError as error:
        return Outcome(spec, "failed", f"{spec}: {error}; nothing was built", error=str(error),
                       exit_code=error.exit_code)
    except Exception as bug:
        if not catch_bugs:
            raise
        return Outcome(spec, "failed", f"{spec}: an unexpected error occurred (a bug in docgen): "
                       f"{_logged(bug)}; please report it", exit_code=3)
    diagnostics = format_text(result.report.diagnostics) if result.report.diagnostics else ""
    if not result.rendered:
        return Outcome(spec, "up to date",
                       f"{spec}: up to date, nothing to do ({result.folder}/)", diagnostics)
    names = ", ".join(path.relative_to(result.folder).as_posix() for path in result.files)
    line = f"{spec}: wrote {result.folder}/ ({names})"
    if result.skipped:
        line += f"; {' and '.join(result.skipped)} up to date, left as they were"
    return Outcome(spec, "built", line, diagnostics)


def _logged(bug: Exception) -> str:
    from docgen.error_handler import log_path

    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(traceback.format_exception(bug)), encoding="utf-8")
    except OSError:
        return "the traceback could not be written to a log"
    return f"the traceback is in {path}"


def run(specs: Sequence[Path], options: Mapping[str, Any], *, jobs: int = 1,
        stream: TextIO | None = None) -> list[Outcome]:
    """Build every spec: one spec uses the jobs for its documents, several share them out."""
    if len(specs) == 1:
        return [build_one(specs[0], options, jobs, catch_bugs=False)]
    progress = Progress(len(specs), stream or sys.stderr)
    calls = [(spec, options) for spec in specs]
    if jobs > 1:
        outcomes = run_in_processes(build_one, calls, jobs,
                                    on_done=progress.update)
    else:
        outcomes = []
        for call in calls:
            outcomes.append(build_one(*call))
            progress.update(outcomes[-1])
    progress.close()
    return outcomes


def report(outcomes: Sequence[Outcome], out: TextIO | None = None,
           err: TextIO | None = None) -> int:
    """Print each spec's diagnostics and status in order, then the totals; return the exit code."""
    out, err = out or sys.stdout, err or sys.stderr
    single = len(outcomes) == 1
    for outcome in outcomes:
        if outcome.diagnostics:
            print(outcome.diagnostics, file=out)
        if single and outcome.error is not None:
            print(f"docgen: {outcome.error}", file=err)  # as for any other command
        else:
            print(outcome.line, file=err)
    if not single:
        print(summary(outcomes), file=err)
    return max(outcome.exit_code for outcome in outcomes)


def summary(outcomes: Sequence[Outcome]) -> str:
    """Return the totals line: built, up to date, failed (naming the failed specs)."""
    counts = {status: [o for o in outcomes if o.status == status]
              for status in ("built", "up to date", "failed")}
    text = ", ".join(f"{status} {len(found)}" for status, found in counts.items())
    if counts["failed"]:
        text += ": " + ", ".join(str(o.spec) for o in counts["failed"])
    return f"{len(outcomes)} specs: {text}"


class Progress:
    """One updating line on a terminal; a plain line per finished spec otherwise."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.done, self.stream = total, 0, stream
        self.live = bool(getattr(stream, "isatty", lambda: False)())

    def update(self, outcome: Outcome) -> None:
        """Count one more finished spec and show it."""
        self.done += 1
        text = f"[{self.done}/{self.total}] {outcome.status}: {outcome.spec}"
        if self.live:
            self.stream.write(f"\r\x1b[K{text}")
        else:
            self.stream.write(f"{text}\n")
        self.stream.flush()

    def close(self) -> None:
        """Clear the updating line, so the summary starts on a clean one."""
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
