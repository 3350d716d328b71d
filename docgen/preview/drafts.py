"""The warm drafts: a spec file in, the last good render of each of its documents out.

One process keeps Jinja's compiled templates and WeasyPrint imported between saves.
`refresh()` checks the spec again and keys each document as a build does
(`docgen.cache.document_keys`), then renders only the documents whose key changed: an
edit of the meeting renders the minutes alone. A spec that fails its checks, or a
render that fails with a user's error (a house style's template, a refused fetch),
keeps the last good drafts and records the problems to show beside them. Everything
stays in memory: the preview writes nothing into `out/`, so a build's staged, atomic
output and its manifest are never touched by a half-typed spec.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen import cache
from docgen.archive import Source
from docgen.diagnostics import Diagnostic
from docgen.errors import DocgenError
from docgen.output import tree_digest
from docgen.validation import validate
from docgen.writers import RenderedDocument


@dataclass(frozen=True)
class Draft:
    """One document as last rendered from a spec that passed its checks."""

    key: str
    """Its input key (docgen.cache): what decides whether a save renders it again."""
    document: RenderedDocument
    html: bytes
    """The standalone HTML file, exactly as `docgen build` writes it."""


@dataclass(frozen=True)
class Problem:
    """One thing to show in the banner: where, which rule, what."""

    line: str
    """`file:line:col: CODE message`, as `docgen validate` prints it."""
    severity: str
    hint: str = ""

    @classmethod
    def of(cls, d: Diagnostic) -> Problem:
        return cls(f"{d.file}:{d.line}:{d.column}: {d.code} {d.message}", d.severity, d.hint)


@dataclass(frozen=True)
class Snapshot:
    """What the preview shows now; `version` grows by one with every refresh."""

    version: int
    drafts: Mapping[str, Draft] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    language: str = "en"

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def as_json(self) -> dict[str, Any]:
        """What the browser is told (server-sent events, /state)."""
        return {"version": self.version, "ok": self.ok,
                "documents": {name: draft.key for name, draft in self.drafts.items()},
                "problems": [{"line": p.line, "severity": p.severity, "hint": p.hint}
                             for p in self.problems]}


class Drafts:
    """The preview's state: refreshed by the watcher, read by every request thread."""

    def __init__(self, spec: Path, documents: Sequence[str], templates: Path,
                 language: str | None = None) -> None:
        self.spec, self.documents, self.templates = spec, tuple(documents), templates
        self.language = language
        """The edition shown (`--lang`); None: the spec's first language."""
        self._digest = tree_digest(templates)
        self._snapshot = Snapshot(0)
        self._changed = threading.Condition()
        self._pdf_lock = threading.Lock()
        self._pdfs: dict[str, tuple[str, bytes]] = {}
        self.renders: dict[str, int] = {}
        """How many times each document was rendered (an edit renders only what changed)."""

    @property
    def current(self) -> Snapshot:
        return self._snapshot

    def refresh(self, *, templates_changed: bool = False) -> Snapshot:
        """Check the spec again and render the documents whose key changed."""
        from docgen.build import contexts_of

        if templates_changed:
            self._digest = tree_digest(self.templates)
        report = validate(self.spec)
        problems = tuple(Problem.of(d) for d in report.diagnostics)
        if report.spec is None or report.errors:
            return self._publish(self._snapshot.drafts, problems)
        spec = report.spec
        language = self.language or spec.document.languages[0]
        have = report.translations.languages if report.translations else [language]
        if language not in have:
            missing = Problem(f"{self.spec}: --lang {language}: the spec has no texts in this "
                              "language (docgen validate says where its translation file goes)",
                              "error")
            return self._publish(self._snapshot.drafts, (*problems, missing))
        final = spec.document.status == "final"
        source = Source(self.spec.name, report.raw or b"") if final else None
        # The build's own contexts; under the alternat, the first party's original.
        context = next(iter(contexts_of(report, [language], final=final,
                                        source=source).values()))
        present = [d for d in self.documents if not (d == "minutes" and spec.meeting is None)]
        keys = cache.document_keys(context.spec, present, final=final, stamp=context.stamp,
                                   templates=self.templates, templates_digest=self._digest,
                                   source=source.sha256 if source else None,
                                   language=language)
        old = self._snapshot.drafts
        drafts = {d: old[d] for d in present if d in old and old[d].key == keys[d]}
        try:
            for document in present:
                if document not in drafts:
                    drafts[document] = self._render(document, context, keys[document])
        except DocgenError as error:  # the user's to fix (a house style's template): shown
            failed = Problem(f"{self.spec}: {error}", "error")
            return self._publish(old, (*problems, failed))
        return self._publish({d: drafts[d] for d in present}, problems, language)

    def _render(self, document: str, context: Any, key: str) -> Draft:
        from docgen.build import rendered as edition  # the build's own steps, not copies
        from docgen.build import writer
        from docgen.paths import edition as edition_name
        from docgen.render import render_html

        html = render_html(document, context, self.templates)
        rendered = edition(edition_name(context.language, document), context, html,
                           self.templates)
        self.renders[document] = self.renders.get(document, 0) + 1
        return Draft(key, rendered, writer("html")(rendered))

    def _publish(self, drafts: Mapping[str, Draft], problems: tuple[Problem, ...],
                 language: str | None = None) -> Snapshot:
        with self._changed:
            self._snapshot = Snapshot(self._snapshot.version + 1, dict(drafts), problems,
                                      language or self._snapshot.language)
            self._changed.notify_all()
            return self._snapshot

    def wait(self, after: int, timeout: float) -> Snapshot:
        """Return the snapshot once its version is past `after`, or the same one at `timeout`."""
        with self._changed:
            self._changed.wait_for(lambda: self._snapshot.version > after, timeout)
            return self._snapshot

    def wake(self) -> None:
        """Wake every waiting request thread (the server is stopping)."""
        with self._changed:
            self._changed.notify_all()

    def pdf(self, document: str) -> bytes | None:
        """Return the PDF of a document's last good draft, laid out once per key.

        Laid out on demand, when a browser asks, so a save costs no layout nobody looks
        at; one at a time, as WeasyPrint's fonts are shared. The preview's PDF is not
        tagged: it looks exactly as the build's, and tagging (PDF/UA) would cost about
        half as much again as the layout's writing for a file nobody archives.
        """
        with self._pdf_lock:
            draft = self._snapshot.drafts.get(document)
            if draft is None:
                return None
            kept = self._pdfs.get(document)
            if kept is not None and kept[0] == draft.key:
                return kept[1]
            from docgen.writers import pdf

            data: bytes = pdf.layout(draft.document).write_pdf(pdf_identifier=True)
            self._pdfs[document] = (draft.key, data)
            self.renders[f"{document}.pdf"] = self.renders.get(f"{document}.pdf", 0) + 1
            return data
