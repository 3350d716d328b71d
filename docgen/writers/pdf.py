"""PDF: the document's HTML laid out by WeasyPrint, with only bundled files fetched.

In: a `RenderedDocument`. Out: PDF bytes, reproducible (content-derived file id,
dates from the spec), plus the page of every heading, which the Word writer uses to
fill its contents list.
"""

from __future__ import annotations

from typing import Any

from weasyprint import HTML

from docgen.errors import DocgenError
from docgen.writers import RenderedDocument
from docgen.writers.fetch import RefusedFetch, SafeFetcher


def layout(document: RenderedDocument) -> Any:
    """Lay the document out into pages (a WeasyPrint Document)."""
    fetcher = SafeFetcher([document.templates])
    base = document.templates.resolve().as_uri() + "/"
    try:
        return HTML(string=document.html, base_url=base, url_fetcher=fetcher).render()
    except RefusedFetch as refused:
        raise DocgenError(
            f"{document.name}: the document asked for {refused.url[:120]!r}; docgen reads "
            "only files in the templates folder and data: URLs, so nothing was built"
        ) from None


def pages_of_anchors(laid_out: Any) -> dict[str, int]:
    """Return the 1-based page of every anchor (element id) in a laid-out document."""
    pages: dict[str, int] = {}
    for number, page in enumerate(laid_out.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def to_bytes(laid_out: Any) -> bytes:
    """Write a laid-out document as PDF bytes with a content-derived identifier."""
    data: bytes = laid_out.write_pdf(pdf_identifier=True)
    return data


def write(document: RenderedDocument) -> bytes:
    """Render one document to PDF bytes."""
    return to_bytes(layout(document))
