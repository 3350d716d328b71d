"""Build documents from a spec: check, render once, write every format, commit atomically.

In: a spec file and what to build. Out: files under `out/<spec-stem>/` and a
manifest. Nothing is written unless the spec passes its checks and every writer
succeeds; the heavy libraries are imported here, never on the validate path.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from docgen import __version__
from docgen.context import DocumentContext, build_context
from docgen.output import commit, manifest_bytes, sha256, tree_digest
from docgen.render import TEMPLATES, render_html
from docgen.validation import Report, SpecInvalid, validate
from docgen.writers import FORMATS, WRITERS, RenderedDocument

DOCUMENTS = ("framework", "minutes")


@dataclass(frozen=True)
class BuildResult:
    """What one build wrote, and what checking the spec said."""

    report: Report
    folder: Path
    files: list[Path]


def writer(fmt: str) -> Callable[[RenderedDocument], bytes]:
    """Import and return the writer function registered for a format."""
    module, _, name = WRITERS[fmt].partition(":")
    function: Callable[[RenderedDocument], bytes] = getattr(
        importlib.import_module(module), name)
    return function


def build(spec_path: str | Path, *, out: str | Path = "out",
          formats: Sequence[str] = FORMATS, documents: Sequence[str] = DOCUMENTS,
          final: bool = False, templates: Path = TEMPLATES) -> BuildResult:
    """Check a spec and build its documents, or raise SpecInvalid / DocgenError."""
    spec_path = Path(spec_path)
    report = validate(spec_path, final=final)
    if report.spec is None or report.errors:
        raise SpecInvalid(report)
    spec = report.spec
    is_final = final or spec.document.status == "final"
    context = build_context(spec, final=is_final)
    files: dict[str, bytes] = {}
    for document in documents:
        if document == "minutes" and spec.meeting is None:
            continue
        files.update(_render_one(document, context, formats, templates))
    manifest = manifest_bytes(
        files, docgen=__version__, final=is_final,
        spec={"file": spec_path.name, "sha256": sha256(spec_path.read_bytes())},
        templates={"sha256": tree_digest(templates)})
    folder = Path(out) / spec_path.stem
    return BuildResult(report, folder, commit(folder, files, manifest))


def _render_one(document: str, context: DocumentContext, formats: Sequence[str],
                templates: Path) -> dict[str, bytes]:
    """Render one document once, then write each requested format from that rendering."""
    rendered = _rendered(document, context, templates)
    out: dict[str, bytes] = {}
    if "pdf" in formats or "docx" in formats:
        from docgen.writers import pdf

        laid_out = pdf.layout(rendered)
        rendered = replace(rendered, page_of=pdf.pages_of_anchors(laid_out))
        if "pdf" in formats:
            out[f"{document}.pdf"] = pdf.to_bytes(laid_out, document)
    for fmt in ("html", "docx"):
        if fmt in formats:
            out[f"{document}.{fmt}"] = writer(fmt)(rendered)
    return out


def _rendered(document: str, context: DocumentContext, templates: Path) -> RenderedDocument:
    spec = context.spec
    meeting = spec.meeting
    title = spec.document.title if document == "framework" or meeting is None \
        else meeting.title
    return RenderedDocument(
        name=document, html=render_html(document, context, templates), title=title,
        subject=spec.document.short_title, keywords=[s.name for s in spec.sectors],
        language=spec.document.languages[0], date=context.stamp, templates=templates)
