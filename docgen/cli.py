"""The command line: thin commands over the library, each mapped to an exit code.

argparse (standard library) rather than Click or Typer: `docgen validate` runs
on every commit, and the CLI framework's import time would be most of its budget.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from docgen import cli_redline
from docgen.error_handler import run_guarded
from docgen.errors import DocgenError, UsageError
from docgen.paths import DOCUMENTS, FORMATS, OUT
from docgen.progress import command as progress_command
from docgen.version import __version__

VALIDATE_EXAMPLE = """\
examples:
  docgen validate specs/pakistan-kazakhstan-2026.yaml
  docgen validate --final --format github specs/*.yaml

exit status: 0 valid, 1 invalid, 2 usage error"""
SCHEMA_EXAMPLE = """\
example:
  docgen schema > spec-v1.schema.json"""
NEW_EXAMPLE = """\
example:
  docgen new specs/my-negotiation.yaml && docgen validate specs/my-negotiation.yaml"""
BUILD_EXAMPLE = f"""\
examples:
  docgen build specs/pakistan-kazakhstan-2026.yaml
  docgen build --format pdf --doc minutes --out drafts specs/pakistan-kazakhstan-2026.yaml
  docgen build --final specs/pakistan-kazakhstan-2026.yaml
  docgen build --jobs 2 specs/

writes {OUT}/<spec-stem>/<lang>/{{{','.join(DOCUMENTS)}}}.{{{','.join(FORMATS)}}} and manifest.json,
one <lang> folder for the spec's first language and each it has a translation file for,
and a <lang>+<lang> folder (HTML and PDF) for each pair of document.side_by_side;
a document whose inputs and files are unchanged since the last build is not rendered
again; a spec that fails its checks builds nothing (exit 1), the others are still built"""
VERIFY_EXAMPLE = """\
examples:
  docgen verify out/pakistan-kazakhstan-2026/en/framework.pdf
  docgen verify out/pakistan-kazakhstan-2026/en/framework.pdf specs/pakistan-kazakhstan-2026.yaml

exit status: 0 the final holds its spec (and it is SPEC, if given), 1 it does not,
2 usage error"""
TRANSLATIONS_EXAMPLE = """\
examples:
  docgen translations export specs/pakistan-kazakhstan-2026.yaml --lang ur -o ur.po
  docgen translations import specs/pakistan-kazakhstan-2026.yaml ur.po

export writes every text the documents print, keyed by where it is in the spec, as a PO
file (with what is already translated); import merges a translated PO file into
<spec-folder>/<spec-stem>/translations/<lang>.yaml, keeping that file's comments

exit status: 0 done, 1 the spec does not check or the PO file cannot be read, 2 usage error"""
PREVIEW_EXAMPLE = """\
examples:
  docgen preview specs/pakistan-kazakhstan-2026.yaml
  docgen preview --doc minutes --port 8001 --open specs/pakistan-kazakhstan-2026.yaml

serves http://127.0.0.1:PORT/<document> until Ctrl-C (exit 130); every save of the spec
(or of a --templates folder) updates the open pages; nothing is written to out/"""
TOP_EXAMPLE = """\
examples:
  docgen new specs/my-negotiation.yaml
  docgen validate specs/my-negotiation.yaml
  docgen build specs/my-negotiation.yaml

run 'docgen COMMAND --help' for a command's options and an example"""


def _parser() -> argparse.ArgumentParser:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="docgen", formatter_class=formatter,
        description="Framework documents and minutes of meeting from one YAML spec.",
        epilog=TOP_EXAMPLE)
    parser.add_argument("--version", action="version", version=f"docgen {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate", help="check specs and report every problem", formatter_class=formatter,
        description="Check specs: YAML, types, references, dates, targets, minutes, wording.",
        epilog=VALIDATE_EXAMPLE)
    validate.add_argument("specs", nargs="+", metavar="SPEC", type=Path)
    validate.add_argument("--final", action="store_true",
                          help="apply the checks for a final document (no TODO, no gaps, "
                               "no warnings)")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    validate.add_argument("--format", choices=("text", "json", "github"), default="text",
                          help="how to print diagnostics (default: text)")

    build = commands.add_parser(
        "build", help="build the framework document and minutes as HTML, PDF and Word",
        formatter_class=formatter, epilog=BUILD_EXAMPLE,
        description="Check specs, then write their documents atomically under --out.")
    build.add_argument("specs", nargs="+", metavar="SPEC", type=Path,
                       help="spec files, or folders of them (every *.yaml and *.yml)")
    formats, documents = ",".join(FORMATS), ",".join(DOCUMENTS)
    build.add_argument("--out", type=Path, default=OUT,
                       help=f"output folder (default: {OUT})")
    build.add_argument("--format", default=formats, type=_choices(formats),
                       help=f"formats to write, comma-separated (default: {formats})")
    build.add_argument("--doc", default=documents, type=_choices(documents),
                       help=f"documents to write, comma-separated (default: {documents})")
    build.add_argument("--final", action="store_true",
                       help="build a final: run the final checks first; no draft banner")
    build.add_argument("--templates", type=Path, default=None, metavar="DIR",
                       help="a folder of your own templates (house style) to use instead of "
                            "docgen's")
    build.add_argument("--jobs", "-j", type=_positive, default=os.cpu_count() or 1, metavar="N",
                       help="worker processes: a spec's documents, or several specs, are "
                            "built in parallel (default: the number of CPUs)")
    build.add_argument("--lang", type=_languages,
                       help="languages to write, comma-separated (default: the spec's first "
                            "and every one it has a translation file for)")
    build.add_argument("--force", action="store_true",
                       help="render every document, even those already up to date")
    build.add_argument("--progress", nargs="?", const="latest", default=None, metavar="FILE",
                       help="also build the implementation progress report from a progress "
                            "file (without FILE: the newest in specs/<stem>/progress/, for "
                            "each spec that has one), as <lang>/progress-<as_of>.{html,pdf,docx}")

    commands.add_parser("schema", help="print the spec's JSON Schema", formatter_class=formatter,
                        description="Print the JSON Schema of the spec language.",
                        epilog=SCHEMA_EXAMPLE)

    verify = commands.add_parser(
        "verify", help="check that a final PDF holds its spec, and whether it is SPEC",
        formatter_class=formatter, epilog=VERIFY_EXAMPLE,
        description="Read the spec a final PDF embeds (PDF/A-3), check it against the "
                    "build record and the digest its pages print, and compare it with SPEC.")
    verify.add_argument("pdf", metavar="FILE.pdf", type=Path)
    verify.add_argument("spec", metavar="SPEC", type=Path, nargs="?")

    translations = commands.add_parser(
        "translations", help="exchange a spec's texts with translators (PO files)",
        formatter_class=formatter, epilog=TRANSLATIONS_EXAMPLE,
        description="Export the texts of a spec to translate, or import a translation.")
    actions = translations.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write a language's texts as a PO file",
                                formatter_class=formatter, epilog=TRANSLATIONS_EXAMPLE)
    export.add_argument("spec", metavar="SPEC", type=Path)
    export.add_argument("--lang", required=True, help="the language to translate into")
    export.add_argument("-o", "--output", type=Path, help="the PO file (default: stdout)")
    merge = actions.add_parser("import", help="merge a translated PO file into the spec's",
                               formatter_class=formatter, epilog=TRANSLATIONS_EXAMPLE)
    merge.add_argument("spec", metavar="SPEC", type=Path)
    merge.add_argument("po", metavar="FILE.po", type=Path)
    merge.add_argument("--lang", help="the language (default: the PO file's Language)")
    preview = commands.add_parser(
        "preview", help="show a live draft in the browser that follows every save",
        formatter_class=formatter, epilog=PREVIEW_EXAMPLE,
        description="Serve the drafts of SPEC on this machine (127.0.0.1), as web page and "
                    "PDF, re-rendered on every save, with the spec's problems in a banner.")
    preview.add_argument("spec", metavar="SPEC", type=Path)
    preview.add_argument("--doc", default=documents, type=_choices(documents),
                         help=f"documents to show, comma-separated (default: {documents})")
    preview.add_argument("--port", type=_port, default=8000, metavar="N",
                         help="the port to serve on (default: 8000; 0 picks a free one)")
    preview.add_argument("--host", default="127.0.0.1",
                         help="the address to serve on (default: 127.0.0.1); another than "
                              "loopback needs --allow-remote")
    preview.add_argument("--allow-remote", action="store_true",
                         help="allow a --host other machines can reach (drafts are then "
                              "readable by anyone who can reach it)")
    preview.add_argument("--templates", type=Path, default=None, metavar="DIR",
                         help="a folder of your own templates (house style), watched too")
    preview.add_argument("--open", action="store_true", help="open the page in a browser")
    preview.add_argument("--lang", default=None, metavar="LANG",
                         help="the edition to show: one of the spec's languages with texts "
                              "(default: its first language)")

    new = commands.add_parser("new", help="write a small valid starting spec",
                              formatter_class=formatter, epilog=NEW_EXAMPLE,
                              description="Write a small, valid spec to start from.")
    new.add_argument("path", metavar="PATH", type=Path)
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    cli_redline.add_parser(commands, formatter)  # issue 12: docgen/cli_redline.py
    progress_command.add_parser(commands)  # `docgen status` (issue 13): docgen/progress
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run one command, return its exit code."""
    # docgen uses no pydantic plugins; skipping their discovery (a scan of every
    # installed package's metadata) saves the pre-commit hook tens of milliseconds.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _tolerate_unencodable_output()
    args = _parser().parse_args(argv)
    handlers = {"validate": _validate, "build": _build, "schema": _schema, "new": _new,
                "verify": _verify, "translations": _translations, "redline": cli_redline.run,
                "status": progress_command.run, "preview": _preview}
    return run_guarded(lambda: handlers[args.command](args))


def _tolerate_unencodable_output() -> None:
    """Print what a terminal cannot encode (Urdu text under a Latin-1 locale) as escapes."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _require(paths: list[Path]) -> None:
    """A path that does not exist is a usage error (exit 2), before any work starts."""
    for path in paths:
        if not path.exists():
            raise UsageError(f"no such file: {path}")


def _encodable(text: str) -> bool:
    try:
        text.encode(getattr(sys.stdout, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _validate(args: argparse.Namespace) -> int:
    from docgen.diagnostics import FORMATTERS, format_json
    from docgen.progress.check import validate_any  # a spec, or a progress file (issue 13)

    _require(args.specs)
    reports = [validate_any(spec, final=args.final) for spec in args.specs]
    diagnostics = [d for report in reports for d in report.diagnostics]
    output = FORMATTERS[args.format](diagnostics)
    if args.format == "json" and not _encodable(output):
        output = format_json(diagnostics, ensure_ascii=True)  # \u escapes: still valid JSON
    if output and (diagnostics or args.format == "json"):
        print(output)
    elif args.format == "json":
        print("[]")
    passed = all(report.passed(strict=args.strict) for report in reports)
    if args.format == "text":
        for report in reports:
            print(_summary(report.file, len(report.errors), len(report.warnings),
                           strict=args.strict), file=sys.stderr)
    return 0 if passed else 1


def _templates(folder: Path | None) -> dict[str, Path]:
    """Pass a user's templates folder on, if one was given and it exists."""
    if folder is None:
        return {}
    if not folder.is_dir():
        raise UsageError(f"no such templates folder: {folder}")
    return {"templates": folder}


def _positive(text: str) -> int:
    """An argparse type for a whole number of at least 1."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return number


def _port(text: str) -> int:
    """An argparse type for a TCP port, 0 (any free one) to 65535."""
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 0 to 65535, not {text!r}")
    return int(text)


def _choices(allowed: str) -> Callable[[str], list[str]]:
    """Return an argparse type for a comma-separated subset of `allowed`."""
    known = allowed.split(",")

    def parse(text: str) -> list[str]:
        chosen = [part.strip() for part in text.split(",") if part.strip()]
        unknown = [part for part in chosen if part not in known]
        if unknown or not chosen:
            raise argparse.ArgumentTypeError(
                f"choose from {allowed} (comma-separated), not {text!r}")
        return chosen

    return parse


def _build(args: argparse.Namespace) -> int:
    from docgen import batch

    specs = batch.expand(args.specs)
    if args.progress not in (None, "latest") and len(specs) > 1:
        raise UsageError("--progress FILE reports on one spec; name one, or give --progress "
                         "alone to use each spec's newest progress file")
    options = {"out": args.out, "formats": args.format, "documents": args.doc,
               "final": args.final, "force": args.force, "languages": args.lang,
               "progress": "if-any" if args.progress == "latest" and len(specs) > 1
               else args.progress, **_templates(args.templates)}
    return batch.report(batch.run(specs, options, jobs=args.jobs))


def _languages(text: str) -> list[str]:
    """An argparse type for a comma-separated list of language tags."""
    chosen = [part.strip() for part in text.split(",") if part.strip()]
    if not chosen:
        raise argparse.ArgumentTypeError(f"expected languages such as en,ur, not {text!r}")
    return chosen


def _preview(args: argparse.Namespace) -> int:
    from docgen.preview import serve
    from docgen.preview.server import check_host

    check_host(args.host, allow_remote=args.allow_remote)  # refused before any work starts
    _require([args.spec])
    templates = _templates(args.templates)
    return serve(args.spec, documents=args.doc, host=args.host, port=args.port,
                 allow_remote=args.allow_remote, open_browser=args.open, language=args.lang,
                 announce=lambda url: print(f"docgen: previewing {args.spec} at {url} "
                                            "(Ctrl-C to stop)", file=sys.stderr, flush=True),
                 **templates)


def _summary(file: str, errors: int, warnings: int, *, strict: bool = False) -> str:
    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    if not errors and not warnings:
        return f"{file}: valid"
    if not errors and strict:
        return f"{file}: {count(warnings, 'warning')}, which --strict treats as errors"
    if not errors:
        return f"{file}: valid, with {count(warnings, 'warning')}"
    return f"{file}: {count(errors, 'error')}, {count(warnings, 'warning')}"


def _schema(args: argparse.Namespace) -> int:
    from docgen.spec_schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def _verify(args: argparse.Namespace) -> int:
    from docgen.verify import verify

    _require([args.pdf] + ([args.spec] if args.spec is not None else []))
    verdict = verify(args.pdf, args.spec)
    for line in verdict.lines(args.spec):
        print(line)
    return 0 if verdict.ok else 1


def _translations(args: argparse.Namespace) -> int:
    from docgen.translation.commands import run

    _require([args.spec] + ([args.po] if args.action == "import" else []))
    return run(args)


def _new(args: argparse.Namespace) -> int:
    from docgen.starter import write_starter

    path: Path = args.path
    if path.exists() and not args.force:
        raise DocgenError(f"{path} already exists; choose another name or add --force")
    try:
        written = write_starter(path)
    except OSError as error:  # a folder in the way, no permission, a full disk
        raise DocgenError(f"cannot write {path}: {error.strerror or error}") from None
    schema = f" and {written.schema} (the schema editors read)" if written.schema_written else ""
    print(f"wrote {path}{schema}; next: docgen validate {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
