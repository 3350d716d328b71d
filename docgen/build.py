"""Build documents from a spec: check, skip what is up to date, render the rest, commit atomically.

In: a spec file and what to build. Out: files under `out/<spec-stem>/` and a
manifest. A document whose inputs (see `docgen.cache`) match the last manifest and
whose files are intact is not rendered again. The rest is laid out in worker
processes when `jobs` > 1 (one per document's PDF layout, while this process writes
the HTML files); the parent commits, so a build is still all or nothing. Nothing is written unless
the spec passes its checks and every writer succeeds; the heavy libraries are
imported here, lazily, never on the validate path.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from docgen import cache
from docgen.archive import Archive, Source, archive_for
from docgen.output import MANIFEST, commit, manifest_bytes, tree_digest
from docgen.paths import DOCUMENTS, FORMATS, OUT, TEMPLATES, file_name
from docgen.validation import Report, SpecInvalid, validate
from docgen.version import __version__
from docgen.writers import WRITERS, RenderedDocument

if TYPE_CHECKING:
    from docgen.context import DocumentContext


@dataclass(frozen=True)
class BuildResult:
    """What one build wrote, what it found up to date, and what checking the spec said."""

    report: Report
    folder: Path
    files: list[Path]
    """Every file of the build, written now or found up to date, manifest last."""
    rendered: tuple[str, ...] = ()
    """The documents rendered by this build."""
    skipped: tuple[str, ...] = ()
    """The documents whose files were already up to date, left untouched."""


def writer(fmt: str) -> Callable[[RenderedDocument], bytes]:
    """Import and return the writer function registered for a format."""
    module, _, name = WRITERS[fmt].partition(":")
    function: Callable[[RenderedDocument], bytes] = getattr(
        importlib.import_module(module), name)
    return function


def build(spec_path: str | Path, *, out: str | Path = OUT,
          formats: Sequence[str] = FORMATS, documents: Sequence[str] = tuple(DOCUMENTS),
          final: bool = False, templates: Path = TEMPLATES, jobs: int = 1,
          force: bool = False) -> BuildResult:
    """Check a spec and build its documents, or raise SpecInvalid / DocgenError.

    `jobs` > 1 renders in that many worker processes; `force` renders everything
    even if the output folder already holds it. The folder keeps, besides what this
    build asked for, only the files still valid (`cache.valid_files`): a build of
    some formats or documents drops the others' files that it would have to remake.
    """
    from docgen.context import build_context

    spec_path = Path(spec_path)
    report = validate(spec_path, final=final)
    if report.spec is None or report.errors:
        raise SpecInvalid(report)
    spec = report.spec
    is_final = final or spec.document.status == "final"
    source = Source(spec_path.name, report.raw if report.raw is not None
                    else spec_path.read_bytes())
    context = build_context(spec, final=is_final, source=source if is_final else None)
    present = [d for d in DOCUMENTS if not (d == "minutes" and spec.meeting is None)]
    wanted = [d for d in documents if d in present]
    folder = Path(out) / spec_path.stem
    templates_digest = tree_digest(templates)
    keys = cache.document_keys(spec, present, final=is_final, stamp=context.stamp,
                               templates=templates, templates_digest=templates_digest,
                               source=source.sha256 if is_final else None)
    archives = {d: archive_for(source, document=d, key=keys[d],
                               libraries=cache.library_versions(),
                               templates_digest=templates_digest)
                for d in present} if is_final else {}
    valid = {} if force else cache.valid_files(folder, cache.read_manifest(folder), keys)
    asked = {d: [file_name(d, fmt) for fmt in formats] for d in wanted}
    skipped = [d for d in wanted if all(name in valid.get(d, {}) for name in asked[d])]
    rendered = [d for d in wanted if d not in skipped]
    fresh = render(rendered, context, formats, templates, jobs=jobs, archives=archives)
    files = {name: data for found in valid.values() for name, data in found.items()} | fresh
    manifest = manifest_bytes(
        files, docgen=__version__, libraries=cache.library_versions(), final=is_final,
        inputs={d: keys[d] for d in present if d in asked or d in valid},
        spec={"file": source.name, "sha256": source.sha256},
        templates={"sha256": templates_digest})
    if fresh or not _holds(folder, manifest, files):
        commit(folder, fresh, manifest)
    paths = [folder / name for name in sorted(n for d in wanted for n in asked[d])]
    return BuildResult(report, folder, [*paths, folder / MANIFEST], tuple(rendered),
                       tuple(skipped))


def _holds(folder: Path, manifest: bytes, files: Mapping[str, bytes]) -> bool:
    """True if `folder` already holds this manifest and, beside it, exactly `files`."""
    try:
        names = set(os.listdir(folder))
    except OSError:
        return False
    return names == {*files, MANIFEST} and _same(folder / MANIFEST, manifest)


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def render(documents: Sequence[str], context: DocumentContext, formats: Sequence[str],
           templates: Path, *, jobs: int = 1,
           archives: Mapping[str, Archive] | None = None) -> dict[str, bytes]:
    """Render documents into the bytes of every requested format, in `jobs` processes.

    `archives` holds, for a final, what each document's PDF embeds.
    """
    if not documents:
        return {}
    from docgen.render import render_html

    sources = [replace(rendered(d, context, render_html(d, context, templates), templates),
                       archive=(archives or {}).get(d))
               for d in documents]
    return write_formats(sources, formats, jobs=jobs)


def write_formats(sources: Sequence[RenderedDocument], formats: Sequence[str], *,
                  jobs: int = 1) -> dict[str, bytes]:
    """Write rendered documents in every requested format, in `jobs` processes (a build's
    and a redline's documents alike); return file name -> bytes."""
    units = _units(sources, formats)
    if jobs > 1 and len(units) > 1:
        from docgen.parallel import run_in_processes

        # The HTML files need no layout: this process writes them while workers lay out.
        html = units.pop() if units[-1][0] == "html" else None
        results = run_in_processes(_run_unit, units, jobs,
                                   meanwhile=None if html is None else lambda: _run_unit(*html))
    else:
        results = [_run_unit(*unit) for unit in units]
    return {name: data for result in results for name, data in sorted(result.items())}


Unit = tuple[str, tuple[RenderedDocument, ...], tuple[str, ...]]


def _units(sources: Sequence[RenderedDocument], formats: Sequence[str]) -> list[Unit]:
    """Split the work: one unit per document's PDF layout (PDF and Word), one for all HTML.

    The HTML files share one font subset, so they stay together; the largest layout
    goes first, so two workers balance the framework against the minutes and the HTML.
    """
    paged = tuple(fmt for fmt in ("pdf", "docx") if fmt in formats)
    units: list[Unit] = []
    if paged:
        by_size = sorted(sources, key=lambda source: -len(source.html))
        units += [("layout", (source,), paged) for source in by_size]
    if "html" in formats:
        units.append(("html", tuple(sources), ("html",)))
    return units


def _run_unit(kind: str, sources: tuple[RenderedDocument, ...],
              formats: tuple[str, ...]) -> dict[str, bytes]:
    """Write one unit of work: a document's PDF and Word files, or every HTML file."""
    out: dict[str, bytes] = {}
    if kind == "html":
        for source in sources:
            out[file_name(source.name, "html")] = writer("html")(source)
        return out
    from docgen.writers import pdf

    (source,) = sources
    laid_out = pdf.layout(source)
    source = replace(source, page_of=pdf.pages_of_anchors(laid_out))
    if "pdf" in formats:
        out[file_name(source.name, "pdf")] = pdf.to_bytes(laid_out, source)
    if "docx" in formats:
        out[file_name(source.name, "docx")] = writer("docx")(source)
    return out


def rendered(document: str, context: DocumentContext, html: str,
             templates: Path) -> RenderedDocument:
    """One document's HTML with what every writer needs besides: title, language, date."""
    spec = context.spec
    meeting = spec.meeting
    title = spec.document.title if document == "framework" or meeting is None \
        else meeting.title
    return RenderedDocument(
        name=document, html=html, title=title,
        subject=spec.document.short_title, keywords=[s.name for s in spec.sectors],
        language=spec.document.languages[0], date=context.stamp, templates=templates)

