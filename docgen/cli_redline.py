"""The `docgen redline` command: its arguments, and one call to docgen.redline.

Kept apart from docgen/cli.py so that the command's options, and its way of printing
the summary (text or `--format json`), stay in one small place.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from docgen.paths import FORMATS, OUT

EXAMPLE = """examples:
  docgen redline specs/v2.yaml specs/v3.yaml
  docgen redline git:HEAD specs/pakistan-kazakhstan-2026.yaml --author PK
  docgen redline git:HEAD~3 specs/pakistan-kazakhstan-2026.yaml --format json

writes out/<spec-stem>/redline/{framework,minutes}.{html,pdf,docx}, summary.json and
manifest.json; a BASE or SPEC that fails its checks writes nothing (exit 1)
"""


def add_parser(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    """Add `redline` to the CLI's subcommands."""
    redline = commands.add_parser(
        "redline", help="show the changes from one version of a spec to another",
        formatter_class=formatter, epilog=EXAMPLE,
        description="Write each document of SPEC with every change from BASE marked: Word "
                    "tracked changes, <ins>/<del> in HTML and PDF, a summary of changes.")
    redline.add_argument("base", metavar="BASE", help="the old version: a spec file, or "
                         "git:REV for SPEC's path at git revision REV")
    redline.add_argument("spec", metavar="SPEC", type=Path, help="the new version")
    redline.add_argument("--out", type=Path, default=OUT, help=f"output folder (default: {OUT})")
    redline.add_argument("--author", default=None, help="who the tracked changes are by "
                         "(default: SPEC's first party, the side whose draft it is)")
    redline.add_argument("--format", choices=("text", "json"), default="text",
                         help="how to print the summary of changes (default: text)")


def run(args: argparse.Namespace) -> int:
    """Write the redline and print its summary; SpecInvalid prints the diagnostics."""
    from docgen.diagnostics import format_text
    from docgen.redline import redline
    from docgen.validation import SpecInvalid

    try:
        result = redline(args.base, args.spec, out=args.out, author=args.author,
                         formats=FORMATS)
    except SpecInvalid as invalid:
        print(format_text(invalid.report.diagnostics))
        print(f"{invalid.report.file}: {len(invalid.report.errors)} error(s); nothing was "
              "written", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(result.summary(), indent=2, ensure_ascii=False))
    else:
        for document, changes in result.changes.items():
            for change in changes:
                print(f"{document}: {change.label or change.key}: {change.kind}"
                      + (f" {change.field}: {change.before} → {change.after}"
                         if change.field else ""))
    names = ", ".join(path.name for path in result.files)
    print(f"{args.spec}: wrote {result.folder}/ ({names})", file=sys.stderr)
    return 0
