"""`docgen translations export|import`: the exchange, as the command line reports it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from docgen.diagnostics import format_text
from docgen.errors import DocgenError, UsageError
from docgen.load import LoadFailed, load_file
from docgen.validation import SpecInvalid, validate


def run(args: argparse.Namespace) -> int:
    """Run one action; the spec must check (errors are printed, exit 1)."""
    spec_path: Path = args.spec
    report = validate(spec_path)
    if report.spec is None or report.errors:
        raise SpecInvalid(report)
    spec = report.spec
    others = spec.document.languages[1:]
    if args.action == "export":
        language = _language(args.lang, others, spec.document.languages[0])
        from docgen.translation.exchange import export_po

        try:
            located = load_file(spec_path)
        except LoadFailed as failed:  # pragma: no cover - validate read it a moment ago
            print(format_text(failed.diagnostics), file=sys.stderr)
            return 1
        data = export_po(spec, located, spec_path, language)
        if args.output is None:
            sys.stdout.buffer.write(data)
        else:
            args.output.write_bytes(data)
            print(f"wrote {args.output}", file=sys.stderr)
        return 0
    return _import(args, spec_path, others, spec.document.languages[0])


def _import(args: argparse.Namespace, spec_path: Path, others: list[str], source: str) -> int:
    from babel.messages.pofile import PoFileError, read_po

    from docgen.translation.exchange import import_po

    try:
        with args.po.open("rb") as handle:
            header = read_po(handle, abort_invalid=True)
    except (PoFileError, OSError, UnicodeDecodeError, ValueError) as error:
        raise DocgenError(f"{args.po}: cannot read this PO file ({error})") from None
    language = _language(args.lang or str(header.locale_identifier or "").replace("_", "-"),
                         others, source)
    report = validate(spec_path)
    assert report.spec is not None
    result = import_po(report.spec, spec_path, language, args.po)
    print(f"{result.target}: {len(result.taken)} translations taken", file=sys.stderr)
    for key in result.stale:
        print(f"  stale, not taken (the spec's text changed since export): {key}",
              file=sys.stderr)
    for key in result.unknown:
        print(f"  unknown, not taken (the spec has no such text): {key}", file=sys.stderr)
    if result.missing:
        print(f"  still missing: {len(result.missing)} texts, the first {result.missing[0]}",
              file=sys.stderr)
    return 0


def _language(language: str | None, others: list[str], source: str) -> str:
    if not language:
        raise UsageError("say the language with --lang")
    if language == source:
        raise UsageError(f"'{language}' is the language the spec is written in; "
                         f"translate into one of: {', '.join(others) or 'none listed'}")
    if language not in others:
        raise UsageError(f"'{language}' is not one of the spec's languages "
                         f"({', '.join(others) or 'none besides ' + source}); "
                         "add it to document.languages first")
    return language
