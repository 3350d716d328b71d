"""`docgen preview`: a live draft in the browser that follows every save of the spec.

In: a spec file (and the templates folder in use). Out: a web server on loopback whose
pages show each document's last good draft, as HTML and as PDF, with the spec's
problems in a banner. The main thread watches the files (watchfiles) and refreshes
the drafts (`drafts.py`); the server (`server.py`) runs in its own threads and tells
each open page of a refresh by server-sent events. Ctrl-C stops it (exit 130); a bug,
in either, stops it with exit 3 and the log, as every command does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from docgen.paths import TEMPLATES
from docgen.preview.drafts import Drafts
from docgen.preview.server import PreviewServer, check_host

PAGE = "preview.html.j2"
"""The page around a draft: docgen's own template, whatever the house style."""


def serve(spec: Path, *, documents: Sequence[str], host: str = "127.0.0.1", port: int = 8000,
          allow_remote: bool = False, templates: Path = TEMPLATES, open_browser: bool = False,
          announce: Callable[[str], None] = print, language: str | None = None) -> int:
    """Serve the drafts of `spec` until interrupted; return 0, or raise what stopped it."""
    address = check_host(host, allow_remote=allow_remote)
    from docgen.writers import pdf  # noqa: F401  (imported now, so the first PDF is warm)

    drafts = Drafts(spec, documents, templates, language)
    drafts.refresh()
    server = PreviewServer((address, port), drafts, lambda name, view: page(drafts, name, view))
    stop = threading.Event()
    server.on_fatal = stop.set
    threading.Thread(target=server.serve_forever, name="preview-server", daemon=True).start()
    url = f"{server.url}/{drafts.documents[0]}"
    announce(url)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        _follow(drafts, stop)
    finally:
        server.stopping = True
        drafts.wake()
        server.shutdown()
        server.server_close()
    if server.fatal is not None:
        raise server.fatal
    return 0


def _follow(drafts: Drafts, stop: threading.Event) -> None:
    """Refresh the drafts after every change to the spec or the templates, until `stop`."""
    import watchfiles

    from docgen.translation.check import translation_path

    spec = drafts.spec.resolve()
    templates = drafts.templates.resolve()
    translations = translation_path(spec, "any").parent  # every language: a text may move

    def wanted(change: watchfiles.Change, path: str) -> bool:
        found = Path(path).resolve()
        return found == spec or found.is_relative_to(templates) or \
            found.is_relative_to(translations)

    # The spec's folder, not the file: an editor that saves by renaming a new file over
    # the old one would leave a watch on the file itself watching nothing.
    for changes in watchfiles.watch(spec.parent, templates, watch_filter=wanted,
                                    stop_event=stop, debounce=400, step=20):
        in_templates = any(Path(p).resolve().is_relative_to(templates) for _, p in changes)
        drafts.refresh(templates_changed=in_templates)


def page(drafts: Drafts, document: str, view: str) -> bytes:
    """Render the page that shows one document's draft (words in the spec's language)."""
    from docgen import i18n
    from docgen.render import environment

    language = drafts.current.language
    html = environment(TEMPLATES).get_template(PAGE).render(
        document=document, documents=drafts.documents, view=view, spec=drafts.spec.name,
        language=language, translations=i18n.translations(language))
    return html.encode("utf-8")
