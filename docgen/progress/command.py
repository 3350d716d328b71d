"""The `docgen status` subcommand: its options and its run, kept apart from docgen.cli.

docgen.cli only calls `add_parser` and `run`, so another command's wiring merges beside it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

STATUS_EXAMPLE = """\
examples:
  docgen status specs/pakistan-kazakhstan-2026.yaml
  docgen status specs/pakistan-kazakhstan-2026.yaml \\
      specs/pakistan-kazakhstan-2026/progress/2027-03-31.yaml --fail-on overdue
  docgen status --as-of 2027-01-01 --format github specs/pakistan-kazakhstan-2026.yaml

without PROGRESS, reports against the plan alone (what should have started or ended);
exit status: 0 reported, 1 a file is invalid or --fail-on matched, 2 usage error"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `status` to docgen's subcommands."""
    status = commands.add_parser(
        "status", help="points still open; what is overdue, at risk or coming due; targets "
                  "off trajectory",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=STATUS_EXAMPLE,
        description="Report a spec's points still under negotiation (open or ad referendum), "
                    "then its roadmap and targets at a date, from the plan or a progress "
                    "file.")
    status.add_argument("spec", metavar="SPEC", type=Path)
    status.add_argument("progress", metavar="PROGRESS", type=Path, nargs="?")
    status.add_argument("--as-of", type=_date, default=None, metavar="YYYY-MM-DD",
                        help="the day to report at (default: the progress file's as_of, "
                             "else today)")
    status.add_argument("--format", choices=("text", "json", "github"), default="text")
    status.add_argument("--fail-on", choices=("overdue",), default=None,
                        help="exit 1 if anything is overdue (for CI)")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, not {text!r}") from None


def run(args: argparse.Namespace) -> int:
    """Check the spec (and progress file), print the findings, return the exit code."""
    from docgen.diagnostics import FORMATTERS as DIAGNOSTICS
    from docgen.errors import UsageError
    from docgen.load import LoadFailed, load_file
    from docgen.progress.check import check_progress
    from docgen.progress.status import FORMATTERS, status
    from docgen.validation import check

    for path in (args.spec, args.progress):
        if path is not None and not path.is_file():
            raise UsageError(f"no such file: {path}")
    try:
        spec_at = load_file(args.spec, str(args.spec))
    except LoadFailed as failed:
        print(DIAGNOSTICS[args.format](failed.diagnostics))
        return 1
    report = check(spec_at)
    if report.spec is None or report.errors:
        print(DIAGNOSTICS[args.format](report.errors))
        return 1
    progress = progress_at = None
    if args.progress is not None:
        checked = check_progress(args.progress, report.spec, args.spec)
        if checked.progress is None or checked.errors:
            print(DIAGNOSTICS[args.format](checked.diagnostics))
            return 1
        progress, progress_at = checked.progress, checked.located
    as_of = args.as_of or (progress.as_of if progress else dt.date.today())
    findings = status(report.spec, spec_at, as_of, progress, progress_at)
    output = FORMATTERS[args.format](findings, as_of)
    if output:
        print(output)
    if args.fail_on == "overdue" and any(f.kind == "overdue" for f in findings):
        print(f"{args.spec}: overdue activities (--fail-on overdue)", file=sys.stderr)
        return 1
    return 0
