"""Spec text is text: markup comes out escaped, and nothing outside the templates is fetched."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from conftest import edition_folder

from docgen.build import build
from docgen.errors import DocgenError
from docgen.render import TEMPLATES
from docgen.writers import RenderedDocument
from docgen.writers import pdf as pdf_writer

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"
HOSTILE = ('<script>alert(1)</script> <img src="file:///etc/passwd"> '
           '<link rel=attachment href=file:///etc/passwd> {{ 7*7 }}')


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example spec with hostile text in a title that both documents print."""
    folder = tmp_path_factory.mktemp("hostile")
    spec = folder / "hostile.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    marker = "    title: Convene the Joint Working Group on Trade and Connectivity\n"
    assert marker in text
    spec.write_text(text.replace(marker, f"    title: '{HOSTILE}'\n", 1), encoding="utf-8")
    build(spec, out=folder / "out", formats=["html", "pdf"])
    return edition_folder(folder / "out" / "hostile")


def test_markup_in_the_spec_is_escaped_in_html(hostile_build: Path) -> None:
    page = (hostile_build / "framework.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page
    assert '<img src="file:///etc/passwd">' not in page
    assert "{{ 7*7 }}" in page


def test_markup_in_the_spec_is_printed_not_followed_in_pdf(hostile_build: Path) -> None:
    data = (hostile_build / "framework.pdf").read_bytes()
    assert b"/EmbeddedFile" not in data
    assert b"root:" not in data
    text = subprocess.run(["pdftotext", "-raw", str(hostile_build / "framework.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "<script>alert(1)</script>" in text
    assert "{{ 7*7 }}" in " ".join(text.split())


def _document(body: str) -> RenderedDocument:
    html = (f'<!DOCTYPE html><html><head><link rel="stylesheet" href="document.css"></head>'
            f"<body>{body}</body></html>")
    return RenderedDocument("probe", html, "t", "s", [], "en", dt.date(2026, 1, 1), TEMPLATES)


@pytest.mark.parametrize("body", [
    '<link rel="attachment" href="file:///etc/passwd"><p>x</p>',
    '<p><img src="file:///etc/passwd"></p>',
    '<p><img src="http://127.0.0.1:9/tracker.png"></p>',
    '<p><img src="../../../../etc/passwd"></p>',
])
def test_pdf_writer_refuses_anything_outside_the_templates(body: str) -> None:
    with pytest.raises(DocgenError, match="docgen reads only files in the templates folder"):
        pdf_writer.write(_document(body))


def test_pdf_writer_serves_bundled_fonts_and_data_urls() -> None:
    pixel = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
             "nGNgYGD4DwABBAEAcCBlCwAAAABJRU5ErkJggg==")
    laid_out = pdf_writer.layout(_document(f'<p>Text <img src="{pixel}"></p>'))
    assert len(laid_out.pages) == 1
