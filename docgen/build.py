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

import hashlib
import importlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING

from docgen import cache
from docgen.archive import Archive, Source, archive_for
from docgen.errors import UsageError
from docgen.output import MANIFEST, NESTED, commit, manifest_bytes, tree_digest
from docgen.paths import (
    DOCUMENTS,
    FORMATS,
    OUT,
    PROGRESS,
    TEMPLATES,
    document_of,
    edition,
    file_name,
    is_progress,
    progress_document,
)
from docgen.validation import Report, SpecInvalid, validate
from docgen.version import __version__
from docgen.writers import WRITERS, RenderedDocument

if TYPE_CHECKING:
    from docgen.context import DocumentContext
    from docgen.progress.model import Progress

LATEST = "latest"
"""`--progress` alone: the newest progress file of the spec's folder."""
IF_ANY = "if-any"
"""`--progress` alone on several specs: each one's newest, for those that have one."""


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
          force: bool = False, languages: Sequence[str] | None = None,
          progress: str | Path | None = None) -> BuildResult:
    """Check a spec and build its documents, or raise SpecInvalid / DocgenError.

    Each document is built in every language the spec has texts for (its first
    language, and each one with a translation file, docgen.translation), as
    `<lang>/<document>.<fmt>`; `languages` restricts that. `jobs` > 1 renders in that
    many worker processes; `force` renders everything even if the output folder
    already holds it. `progress` (a progress file, or "latest" for the newest in
    `specs/<stem>/progress/`) adds the implementation progress report at its date,
    `<lang>/progress-<as_of>`. The folder keeps, besides what this build asked for, only the
    files still valid (`cache.valid_files`): a build of some formats, documents or
    languages drops the others' files that it would have to remake.
    """
    spec_path = Path(spec_path)
    report = validate(spec_path, final=final)
    if report.spec is None or report.errors:
        raise SpecInvalid(report)
    spec = report.spec
    is_final = final or spec.document.status == "final"
    source = Source(spec_path.name, report.raw if report.raw is not None
                    else spec_path.read_bytes())
    built = _languages(report, languages)
    contexts = contexts_of(report, built, final=is_final, source=source if is_final else None)
    present = [d for d in DOCUMENTS if not (d == "minutes" and spec.meeting is None)]
    reported = None
    if progress is not None and not (str(progress) == IF_ANY and not _progress_files(spec_path)):
        reported = checked_progress(spec_path, progress, report)
        contexts = {name: replace(c, progress=reported[0]) for name, c in contexts.items()}
        documents = [*documents, progress_document(reported[0].as_of)]
    folder = Path(out) / spec_path.stem
    templates_digest = tree_digest(templates)
    keys: dict[str, str] = {}
    for language, context in contexts.items():  # `language`: the folder, `ur` or `ur/PK`
        found = cache.document_keys(context.spec, present, final=is_final, stamp=context.stamp,
                                    templates=templates, templates_digest=templates_digest,
                                    source=source.sha256 if is_final else None,
                                    language=context.language)
        keys.update({edition(language, d): key for d, key in found.items()})
        if reported is not None:
            name = progress_document(reported[0].as_of)
            keys[edition(language, name)] = cache.digest(
                "progress", keys[edition(language, "framework")], reported[1])
    pairs = side_by_side_folders(spec.document.side_by_side, contexts)
    for folder_name, (first, second) in pairs.items():
        keys.update({edition(folder_name, d): cache.digest(
            "side-by-side", keys[edition(first, d)], keys[edition(second, d)]) for d in present})
    if reported is not None:
        present.append(progress_document(reported[0].as_of))
    wanted = [edition(language, d) for language in [*contexts, *pairs] for d in documents
              if d in present and (language in contexts or not is_progress(d))]
    archives = {name: archive_for(source, document=document_of(name), key=key,
                                  libraries=cache.library_versions(),
                                  templates_digest=templates_digest,
                                  translations=_translation_sources(report, spec_path, name))
                for name, key in keys.items()} if is_final else {}
    valid = {} if force else cache.valid_files(folder, cache.read_manifest(folder), keys)
    asked = {d: [file_name(d, fmt) for fmt in formats_of(d, formats)] for d in wanted}
    skipped = [d for d in wanted if all(name in valid.get(d, {}) for name in asked[d])]
    rendered = [d for d in wanted if d not in skipped]
    fresh = render(rendered, contexts, formats, templates, jobs=jobs, archives=archives,
                   pairs=pairs)
    files = {name: data for found in valid.values() for name, data in found.items()} | fresh
    manifest = manifest_bytes(
        files, docgen=__version__, libraries=cache.library_versions(), final=is_final,
        inputs={d: key for d, key in keys.items() if d in asked or d in valid},
        spec={"file": source.name, "sha256": source.sha256},
        templates={"sha256": templates_digest})
    if fresh or not _holds(folder, manifest, files):
        commit(folder, fresh, manifest)
    paths = [folder / name for name in sorted(n for d in wanted for n in asked[d])]
    return BuildResult(report, folder, [*paths, folder / MANIFEST], tuple(rendered),
                       tuple(skipped))


def checked_progress(spec_path: Path, progress: str | Path, report: Report
                     ) -> tuple[Progress, str]:
    """The progress file a report is built from (a path, or "latest": the newest in
    `specs/<stem>/progress/`), checked against the spec, with its SHA-256; or raise
    SpecInvalid with its diagnostics."""
    from docgen.progress.check import check_progress

    assert report.spec is not None
    path = Path(progress)
    if str(progress) in (LATEST, IF_ANY):
        found = _progress_files(spec_path)
        if not found:
            raise UsageError(f"--progress: no progress file in {_progress_folder(spec_path)}/ "
                             "(one per reporting period, named after its as_of date: "
                             "2027-03-31.yaml)")
        path = found[-1]
    if not path.is_file():
        raise UsageError(f"--progress: no such file: {path}")
    checked = check_progress(path, report.spec, spec_path)
    if checked.progress is None or checked.errors:
        raise SpecInvalid(Report(str(path), diagnostics=checked.diagnostics))
    return checked.progress, hashlib.sha256(path.read_bytes()).hexdigest()


def _progress_folder(spec_path: Path) -> Path:
    return spec_path.parent / spec_path.stem / PROGRESS


def _progress_files(spec_path: Path) -> list[Path]:
    """A spec's progress files, oldest first (they are named after their dates)."""
    folder = _progress_folder(spec_path)
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def _translation_sources(report: Report, spec_path: Path, name: str) -> list[Source]:
    """The translation files an edition (`ur/framework`, `kk+ru/PK/framework`) prints from."""
    from docgen.translation.check import translation_path

    raw = report.translations.raw if report.translations else {}
    languages = name.split("/", 1)[0].split("+")
    return [Source(translation_path(spec_path, language).relative_to(spec_path.parent)
                   .as_posix(), raw[language]) for language in languages if language in raw]


def _languages(report: Report, asked: Sequence[str] | None) -> list[str]:
    """The languages to build: those with texts, or those asked for (each must have texts)."""
    assert report.spec is not None
    translations = report.translations
    have = translations.languages if translations else [report.spec.document.languages[0]]
    if not asked:
        return have
    for language in asked:
        if language not in report.spec.document.languages:
            raise UsageError(f"--lang {language}: not one of the spec's languages "
                             f"({', '.join(report.spec.document.languages)})")
        if language not in have:
            raise UsageError(f"--lang {language}: the spec has no translation file for it "
                             "(docgen validate says where it goes)")
    return [language for language in have if language in asked]


def contexts_of(report: Report, languages: Sequence[str], *, final: bool,
              source: Source | None) -> dict[str, DocumentContext]:
    """One context per language (per language and party under the alternat), keyed by
    the folder its files go to: the spec with that language's texts in place."""
    from docgen.context import build_context
    from docgen.translation.apply import translated

    assert report.spec is not None
    texts = report.translations.texts if report.translations else {}
    contexts = {}
    for language in languages:
        spec = translated(report.spec, texts.get(language, {}))
        if not spec.document.alternat:
            contexts[language] = build_context(spec, final=final, source=source,
                                               language=language)
            continue
        from docgen.alternat import original_of

        for party in spec.parties:  # one original per party, `ur/PK/framework`
            contexts[f"{language}/{party.id}"] = build_context(
                original_of(spec, party.id), final=final, source=source, language=language)
    return contexts


def _holds(folder: Path, manifest: bytes, files: Mapping[str, bytes]) -> bool:
    """True if `folder` already holds this manifest and, beside it, exactly `files`."""
    try:
        names = {path.relative_to(folder).as_posix() for path in folder.rglob("*")
                 if not path.is_dir() and path.relative_to(folder).parts[0] not in NESTED}
    except OSError:
        return False
    return names == {*files, MANIFEST} and _same(folder / MANIFEST, manifest)


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def side_by_side_folders(pairs: Sequence[Sequence[str]], contexts: Mapping[str, object]
                         ) -> dict[str, tuple[str, str]]:
    """The bilingual editions to build: folder (`kk+ru`, `kk+ru/PK` under the alternat) ->
    the folders of its two languages; only pairs whose two languages are both built."""
    found = {}
    for first, second in pairs:
        for folder in contexts:
            language, _, party = folder.partition("/")
            other = f"{second}/{party}" if party else second
            if language == first and other in contexts:
                found[f"{first}+{second}" + (f"/{party}" if party else "")] = (folder, other)
    return found


def formats_of(name: str, formats: Sequence[str]) -> list[str]:
    """The formats an edition is written in: a bilingual one has no Word file
    (docgen.bilingual says why)."""
    bilingual = "+" in name.split("/", 1)[0]
    return [fmt for fmt in formats if not (bilingual and fmt == "docx")]


def render(documents: Sequence[str], contexts: Mapping[str, DocumentContext],
           formats: Sequence[str], templates: Path, *, jobs: int = 1,
           archives: Mapping[str, Archive] | None = None,
           pairs: Mapping[str, tuple[str, str]] | None = None) -> dict[str, bytes]:
    """Render editions (`ur/framework`, `kk+ru/framework`) into the bytes of every
    requested format.

    `contexts` gives each language's context, `pairs` each bilingual edition's two
    languages; `jobs` > 1 lays out in that many processes; `archives` holds, for a
    final, what each edition's PDF embeds.
    """
    if not documents:
        return {}
    from docgen.render import render_html

    sources = []
    for name in documents:
        folder, document = name.rsplit("/", 1)
        if pairs and folder in pairs:
            from docgen.bilingual import side_by_side
            from docgen.formatting import direction

            first, second = (contexts[f] for f in pairs[folder])
            context = first
            page = side_by_side(render_html(document, first, templates),
                                render_html(document, second, templates),
                                second=second.language, second_dir=direction(second.language))
        else:
            context = contexts[folder]
            page = render_html(document, context, templates)
        sources.append(replace(rendered(name, context, page, templates),
                               archive=(archives or {}).get(name)))
    single = [s for s in sources if formats_of(s.name, formats) == list(formats)]
    files = write_formats(single, formats, jobs=jobs)
    others = [s for s in sources if formats_of(s.name, formats) != list(formats)]
    if others:
        files |= write_formats(others, formats_of(others[0].name, formats), jobs=jobs)
    return dict(sorted(files.items()))


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


TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def rendered(name: str, context: DocumentContext, html: str,
             templates: Path) -> RenderedDocument:
    """One edition's HTML (`name`: `ur/framework`, or a redline's `framework`) with what
    every writer needs besides: title, language, date."""
    spec = context.spec
    meeting = spec.meeting
    title = spec.document.title if document_of(name) == "framework" or meeting is None \
        else meeting.title
    if is_progress(document_of(name)):  # its title is the template's words
        found = TITLE.search(html)
        title = unescape(" ".join(found.group(1).split())) if found else title
    return RenderedDocument(
        name=name, html=html, title=title,
        subject=spec.document.short_title, keywords=[s.name for s in spec.sectors],
        language=context.language, date=context.stamp, templates=templates)

