"""The one exception tree: what the CLI maps to exit codes.

Expected failures (a bad spec, a file that cannot be read) exit 1 with a clean
message; usage errors exit 2; anything else is a bug and exits 3.
"""

from __future__ import annotations


class DocgenError(Exception):
    """A failure the user can act on: printed as is, exit 1."""

    exit_code = 1


class UsageError(DocgenError):
    """The command line itself is wrong: exit 2."""

    exit_code = 2
