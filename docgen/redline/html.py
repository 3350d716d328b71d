"""A redline's HTML: the merged tree with its legend, summary table and stylesheet.

In: the two versions' parsed HTML and their contexts. Out: the redline document's HTML
(in the subset templates/README.md lists, with `ins`, `del` and `data-change`) and its
changes. The legend and summary are rendered from templates/redline.html.j2 in the
document's language; templates/redline.css is added after document.css.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import lxml.html

from docgen import formatting, i18n
from docgen.redline.tree import Change, merge
from docgen.writers import asset

APPARATUS = "redline.html.j2"
STYLESHEET = "redline.css"


def redline_html(base: Any, new: Any, old_context: Any, new_context: Any, templates: Path,
                 *, author: str) -> tuple[str, list[Change]]:
    """Merge `base` into `new` (lxml roots) and return the redline HTML and changes."""
    from docgen.render import environment

    changes = merge(base, new)
    language = new_context.spec.document.languages[0]
    spec = new_context.spec
    old_doc = old_context.spec.document if old_context is not None else None
    apparatus = environment(templates).get_template(APPARATUS).render(
        changes=changes, author=author, new=spec.document,
        base=old_doc if old_doc is not None else {"version": "–"},
        locale=formatting.locale_for(language), language=language,
        translations=i18n.translations(language))
    body = new.find("body")
    running = next((div for div in body.iter("div")
                    if "running" in (div.get("class") or "").split()), None)
    fragments = lxml.html.fragments_fromstring(apparatus)
    at = body.index(running) + 1 if running is not None and running.getparent() is body \
        else 0
    for offset, fragment in enumerate(f for f in fragments if not isinstance(f, str)):
        body.insert(at + offset, fragment)
    head = new.find("head")
    style = head.makeelement("style", {})
    style.text = "\n" + asset(templates, STYLESHEET).read_text(encoding="utf-8")
    head.append(style)
    html = lxml.html.tostring(new, doctype="<!DOCTYPE html>", encoding="unicode")
    return html, changes
