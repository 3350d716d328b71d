"""PDF: the document's HTML laid out by WeasyPrint, with only bundled files fetched.

In: a `RenderedDocument`. Out: PDF bytes, reproducible (content-derived file id,
dates from the spec), plus the page of every heading, which the Word writer uses to
fill its contents list.

Every PDF is tagged (headings, lists, tables, reading order), names its language and
shows its title (DisplayDocTitle). A draft is PDF/UA-1. A final is PDF/A-3u, claims
PDF/UA-1 too (its XMP declares the pdfuaid schema, as PDF/A requires of a schema it
does not predefine) and embeds the spec and the build record as associated files
(`docgen.archive`). PDF/A-3u rather than 3b: every character maps to Unicode, so an
archived final can be searched and read aloud; rather than 3a, because WeasyPrint's
tags are checked here against PDF/UA's needs, not PDF/A-3a's stricter rules.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import gc
import warnings
from collections.abc import Iterator
from typing import Any

from docgen import system
from docgen.archive import RECORD, RECORD_TYPE, SPEC_TYPE, Archive
from docgen.errors import DocgenError

system.weasyprint()  # first: a missing system library is then a message naming its package

from weasyprint import CSS, HTML, Attachment  # noqa: E402

from docgen.formatting import direction  # noqa: E402
from docgen.paths import PACKAGE  # noqa: E402
from docgen.writers import RenderedDocument, asset, columns, folders  # noqa: E402
from docgen.writers.docx_geometry import for_templates  # noqa: E402
from docgen.writers.fetch import RefusedFetch, SafeFetcher  # noqa: E402
from docgen.writers.pdf_charts import rasterize_charts  # noqa: E402


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
    """Lay the document out into pages (a WeasyPrint Document).

    paged.css (the templates folder's, else docgen's own) adds what only paged media
    has, the running header's strings; the HTML writer leaves it out of the web page.
    A data table whose columns are too narrow for their longest words gets the widths
    the Word file has too (`columns.fit_tree`).
    """
    fetcher = SafeFetcher(folders(document.templates))
    base = document.templates.resolve().as_uri() + "/"
    with _refusals_as_errors(document.name):
        paged = CSS(filename=asset(document.templates, "paged.css"), url_fetcher=fetcher)
        html = HTML(string=document.html, base_url=base, url_fetcher=fetcher)
        columns.fit_tree(html.etree_element, for_templates(document.templates))
        if direction(document.language) == "rtl":
            rasterize_charts(html.etree_element)
        return html.render(stylesheets=[paged])


def pages_of_anchors(laid_out: Any) -> dict[str, int]:
    """Return the 1-based page of every anchor (element id) in a laid-out document."""
    pages: dict[str, int] = {}
    for number, page in enumerate(laid_out.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def to_bytes(laid_out: Any, document: RenderedDocument) -> bytes:
    """Write a laid-out document as tagged PDF bytes with a content-derived identifier."""
    options: dict[str, Any] = {"pdf_identifier": True, "pdf_tags": True,
                               "pdf_variant": "pdf/ua-1"}
    if document.archive is not None:
        options |= {"pdf_variant": "pdf/a-3u", "finisher": _list_associated_files_once,
                    "attachments": _attachments(document.archive, document.date)}
        _claim_pdf_ua(laid_out.metadata)
    with _refusals_as_errors(document.name), warnings.catch_warnings():
        # WeasyPrint 70 opens its sRGB profile (a PDF/A output intent) and never closes
        # it; the file is read in full, so the warning is noise, and only this one is.
        warnings.filterwarnings("ignore", category=ResourceWarning,
                                message=r"unclosed file .*sRGB2014\.icc")
        data: bytes = laid_out.write_pdf(**options)
        gc.collect()  # the profile's file is dropped here, while the filter holds
    return data


def _attachments(archive: Archive, date: dt.date) -> list[Any]:
    """The spec and its translations (Source) and the build record (Data), dated with the
    document's date."""
    when = dt.datetime(date.year, date.month, date.day)
    files = ((archive.spec.name, SPEC_TYPE, archive.spec.data, "Source"),
             *((t.name, SPEC_TYPE, t.data, "Source") for t in archive.translations),
             (RECORD, RECORD_TYPE, archive.record, "Data"))
    # A data: URL carries its own media type, so no machine's MIME table decides it.
    return [Attachment(url=f"data:{media};base64,{base64.b64encode(data).decode('ascii')}",
                       name=name, relationship=relationship, created=when, modified=when,
                       url_fetcher=SafeFetcher([]))
            for name, media, data, relationship in files]


def _claim_pdf_ua(metadata: Any) -> None:
    """Add PDF/UA-1's identification, and its schema's declaration, to a PDF/A file's XMP."""
    claim = (PACKAGE / "data" / "pdfua-xmp.xml").read_bytes()
    generate = metadata.generate_rdf_metadata

    def with_claim(variant: str, version: int, conformance: str | None) -> bytes:
        rdf: bytes = generate(variant, version, conformance)
        return rdf.replace(b"</rdf:RDF>", claim.strip() + b"</rdf:RDF>")

    metadata.generate_rdf_metadata = with_claim


def _list_associated_files_once(document: Any, pdf: Any) -> None:
    """WeasyPrint 70 lists each associated file twice in the catalog's AF; keep one of each."""
    listed = pdf.catalog.get("AF")
    if listed is not None:
        unique = list(dict.fromkeys(listed))
        listed.clear()
        listed.extend(unique)


def write(document: RenderedDocument) -> bytes:
    """Render one document to PDF bytes."""
    return to_bytes(layout(document), document)
