"""Redlines: two versions of a spec in, each document's changes shown as changes out.

In: a base (a spec file, or `git:REV` for the spec's path at a git revision) and a
spec. Out: `<out>/<stem>/redline/{framework,minutes}.{html,pdf,docx}` and
`summary.json`, committed atomically like a build (docgen.output), where every change
from base to spec is marked: Word tracked changes (accept all gives the spec's text,
reject all the base's), `<ins>`/`<del>` in the HTML and PDF, a legend and a summary
table on the first page. Both versions are checked first: a base that fails its
checks stops the redline with its own diagnostics, and nothing is written.

The diff works on the two versions' rendered HTML, block by block through the outline
keys every block carries (docgen.redline.tree), so the redline's words are exactly
the words each build prints: nothing is laid out twice.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from docgen.output import commit, manifest_bytes
from docgen.paths import DOCUMENTS, FORMATS, OUT, TEMPLATES, file_name, redline_folder
from docgen.redline.source import read_base
from docgen.redline.tree import Change
from docgen.validation import Report, SpecInvalid, validate
from docgen.version import __version__

SUMMARY = "summary.json"
EMPTY = "<!DOCTYPE html>\n<html><head></head><body></body></html>\n"
"""The rendering of a document the base does not have: everything in it is new."""


@dataclass(frozen=True)
class Redline:
    """What one redline found and wrote."""

    report: Report
    base: Report
    folder: Path
    files: list[Path]
    changes: dict[str, list[Change]]
    """Each document's changes, in reading order."""

    def summary(self) -> dict[str, Any]:
        """The changes as `--format json` prints them and summary.json holds them."""
        return {"base": self.base.file, "spec": self.report.file,
                "documents": {name: [asdict(c) for c in changes]
                              for name, changes in self.changes.items()}}


def redline(base: str, spec_path: str | Path, *, out: str | Path = OUT,
            author: str | None = None, formats: Sequence[str] = FORMATS,
            templates: Path = TEMPLATES, jobs: int = 1) -> Redline:
    """Check both versions, diff each document and write the redline, or raise
    SpecInvalid (for either version) / DocgenError."""
    from docgen.build import rendered, write_formats
    from docgen.context import build_context

    spec_path = Path(spec_path)
    report = validate(spec_path)
    base_report = read_base(base, spec_path)
    for checked in (base_report, report):
        if checked.spec is None or checked.errors:
            raise SpecInvalid(checked)
    assert report.spec is not None
    assert base_report.spec is not None
    new_context = build_context(report.spec, final=False)
    old_context = build_context(base_report.spec, final=False)
    who = author or report.spec.parties[0].short_name
    present = [d for d in DOCUMENTS if d == "framework" or report.spec.meeting is not None]
    sources, changes = [], {}
    for document in present:
        has_base = document == "framework" or base_report.spec.meeting is not None
        html, found = _document(document, old_context if has_base else None, new_context,
                                templates, author=who)
        changes[document] = found
        sources.append(replace(rendered(document, new_context, html, templates),
                               changes_by=who))
    files = write_formats(sources, formats, jobs=jobs)
    result = Redline(report, base_report, redline_folder(Path(out), spec_path.stem), [],
                     changes)
    files[SUMMARY] = (json.dumps(result.summary(), indent=2, ensure_ascii=False) + "\n"
                      ).encode()
    manifest = manifest_bytes(files, docgen=__version__, kind="redline",
                              base={"file": base_report.file},
                              spec={"file": report.file})
    written = commit(result.folder, files, manifest)
    return replace(result, files=written)


def _document(document: str, old: Any, new: Any, templates: Path, *, author: str
              ) -> tuple[str, list[Change]]:
    """One document's redline HTML and its changes."""
    import lxml.html

    from docgen.redline.html import redline_html
    from docgen.render import render_html

    base_html = render_html(document, old, templates) if old is not None else EMPTY
    new_html = render_html(document, new, templates)
    return redline_html(lxml.html.document_fromstring(base_html),
                        lxml.html.document_fromstring(new_html), old, new, templates,
                        author=author)


def file_names(documents: Sequence[str], formats: Sequence[str]) -> list[str]:
    """The files a redline of these documents writes, summary last."""
    return [file_name(d, fmt) for d in documents for fmt in formats] + [SUMMARY]
