"""The CLI boundary: expected errors exit 1, usage errors 2, bugs 3 with a log, Ctrl-C 130.

Modelled on pre-commit's error handler: a user never sees a traceback; a bug
leaves one line that points at a log file holding it.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from docgen.errors import DocgenError
from docgen.paths import cache_folder


def log_path() -> Path:
    """Where a crash's traceback is written."""
    return cache_folder() / "docgen.log"


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that flushing it at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file behind stdout (tests)
        pass


def run_guarded(command: Callable[[], int]) -> int:
    """Run a command and turn every way it can end into an exit code."""
    try:
        return command()
    except DocgenError as error:
        print(f"docgen: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("docgen: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `docgen validate ... | head`: the reader left, nothing to report
        _silence_stdout()
        return 141  # 128 + SIGPIPE, as a shell reports a command a pipe closed on
    except Exception:  # the boundary: anything unexpected is a bug, reported, not shown
        path = log_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(traceback.format_exc(), encoding="utf-8")
            where = f"the traceback is in {path}"
        except OSError:
            where = "the traceback could not be written to a log"
        print(f"docgen: an unexpected error occurred (a bug in docgen); {where}; "
              "please report it", file=sys.stderr)
        return 3
