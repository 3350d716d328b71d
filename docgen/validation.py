"""Check a spec end to end: load it, model it, run the rules; report every problem at once.

In: a spec file. Out: a `Report` with the checked `Spec` (when it models) and
every diagnostic, sorted by position. Imports neither Jinja nor any writer, so
it stays fast enough for a pre-commit hook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.diagnostics import Diagnostic, sort_key
from docgen.errors import DocgenError
from docgen.load import LoadFailed, Located, load_file, load_text

if TYPE_CHECKING:
    from pydantic import ValidationError

    from docgen.model import Spec
    from docgen.rules import Index
    from docgen.salvage import Salvaged
    from docgen.translation.check import Translations

FINAL_HINT = "a final document allows no warnings"


@dataclass
class Report:
    """What checking one spec found."""

    file: str
    spec: Spec | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    raw: bytes | None = None
    """The bytes checked, when read from a file: a build embeds exactly these."""
    translations: Translations | None = None
    """The spec's texts in its other languages (docgen.translation), when it checks."""

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    def passed(self, *, strict: bool = False) -> bool:
        """True when nothing fails: no errors, and no warnings either under `strict`."""
        return not self.errors and not (strict and self.warnings)


class SpecInvalid(DocgenError):
    """A spec that does not pass its checks; carries the report."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"{report.file}: {len(report.errors)} error(s)")
        self.report = report


def validate(path: str | Path, *, final: bool = False, display: str | None = None) -> Report:
    """Check one spec file and return the report (never raises for a bad spec)."""
    name = display if display is not None else str(path)
    try:
        located = load_file(Path(path), name)
    except LoadFailed as failed:
        return Report(name, diagnostics=failed.diagnostics)
    return check_file(located, Path(path), final=final)


def check_file(located: Located, path: Path, *, final: bool = False) -> Report:
    """Check a loaded spec and the translation files beside it (docgen.translation)."""
    report = check(located, final=final)
    if report.spec is not None:
        from docgen.translation.check import check_translations

        report.translations, found = check_translations(
            report.spec, located, path, final=final or _says_final(located.data))
        report.diagnostics = sorted(report.diagnostics + found, key=sort_key)
    return report


def validate_text(text: str, name: str = "<spec>", *, final: bool = False) -> Report:
    """Check spec text (for tests, editors and tools that hold the text in memory)."""
    try:
        located = load_text(text, name)
    except LoadFailed as failed:
        return Report(name, diagnostics=failed.diagnostics)
    return check(located, final=final)


def check(located: Located, *, final: bool = False) -> Report:
    """Model a located tree and run the rules over it."""
    # Imported here, not at the top: a file that fails to load never pays for pydantic.
    from pydantic import ValidationError

    from docgen.model import Spec
    from docgen.model_errors import model_diagnostics
    from docgen.rules import Index

    report = Report(located.file, raw=located.raw)
    final = final or _says_final(located.data)
    try:
        spec = Spec.model_validate(located.data)
    except ValidationError as error:
        typed = model_diagnostics(error, located, Spec)
        report.diagnostics = sorted(typed + _rest(located, error, typed, final=final),
                                    key=sort_key)
        return report
    report.spec = spec
    report.diagnostics = sorted(_findings(located, Index.build(spec, final=final),
                                          final=final), key=sort_key)
    return report


def _findings(located: Located, index: Index, *, final: bool,
              salvaged: Salvaged | None = None) -> list[Diagnostic]:
    """The rules' findings on `index`, placed in the file."""
    from docgen.rules import run_rules

    found = []
    for finding in run_rules(index, final=final, partial=salvaged is not None):
        hit = finding.hit
        path = hit.path if salvaged is None else salvaged.original(hit.path)
        if salvaged is not None and not salvaged.allows(path):
            continue
        line, column = (hit.phrase and located.find(path, hit.phrase)) or \
            located.position(path, key=hit.at_key)
        diagnostic = Diagnostic(located.file, line, column, finding.code, hit.message,
                                finding.severity, hit.hint, path)
        if final and diagnostic.severity == "warning":
            diagnostic = diagnostic.promoted(FINAL_HINT)
        found.append(diagnostic)
    return found


def _rest(located: Located, error: ValidationError, typed: list[Diagnostic], *,
          final: bool) -> list[Diagnostic]:
    """What the rules find in the parts of the spec that did validate (docgen.salvage)."""
    from docgen.rules import Index
    from docgen.salvage import salvage

    salvaged = salvage(located.data, [tuple(item["loc"]) for item in error.errors()])
    if salvaged is None:
        return []
    index = Index.build(salvaged.spec, final=final, ghosts=salvaged.ghosts)
    seen = {(d.line, d.code) for d in typed}
    return [d for d in _findings(located, index, final=final, salvaged=salvaged)
            if (d.line, d.code) not in seen]


def load_spec(path: str | Path, *, final: bool = False) -> Spec:
    """Return the checked spec, or raise SpecInvalid carrying every diagnostic."""
    report = validate(path, final=final)
    if report.spec is None or report.errors:
        raise SpecInvalid(report)
    return report.spec


def _says_final(data: Any) -> bool:
    document = data.get("document") if isinstance(data, dict) else None
    return isinstance(document, dict) and document.get("status") == "final"
