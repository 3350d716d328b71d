"""PDF: the document's HTML laid out by WeasyPrint, with only bundled files fetched.

In: a `RenderedDocument`. Out: PDF bytes, reproducible (content-derived file id,
dates from the spec), plus the page of every heading, which the Word writer uses to
fill its contents list.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from docgen import system
from docgen.errors import DocgenError

system.weasyprint()  # first: a missing system library is then a message naming its package

from weasyprint import HTML  # noqa: E402

from docgen.writers import RenderedDocument, folders  # noqa: E402
from docgen.writers.fetch import RefusedFetch, SafeFetcher  # noqa: E402


@contextlib.contextmanager
def _refusals_as_errors(name: str) -> Iterator[None]:
    """Turn a refused fetch (during layout, or while attaching files) into a user error."""
    try:
        yield
    except RefusedFetch as refused:
        raise DocgenError(
            f"{name}: the document asked for {refused.url[:120]!r}; docgen reads only "
            "files in the templates folder and data: URLs, so nothing was built") from None


def layout(document: RenderedDocument) -> Any:
    """Lay the document out into pages (a WeasyPrint Document)."""
    fetcher = SafeFetcher(folders(document.templates))
    base = document.templates.resolve().as_uri() + "/"
    with _refusals_as_errors(document.name):
        return HTML(string=document.html, base_url=base, url_fetcher=fetcher).render()


def pages_of_anchors(laid_out: Any) -> dict[str, int]:
    """Return the 1-based page of every anchor (element id) in a laid-out document."""
    pages: dict[str, int] = {}
    for number, page in enumerate(laid_out.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def to_bytes(laid_out: Any, name: str = "document") -> bytes:
    """Write a laid-out document as PDF bytes with a content-derived identifier."""
    with _refusals_as_errors(name):
        data: bytes = laid_out.write_pdf(pdf_identifier=True)
    return data


def write(document: RenderedDocument) -> bytes:
    """Render one document to PDF bytes."""
    return to_bytes(layout(document), document.name)
