"""The standalone HTML: stylesheet inlined, fonts embedded, the font subsets cached safely."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docgen.context import build_context
from docgen.render import TEMPLATES, render_html
from docgen.validation import load_spec
from docgen.writers import RenderedDocument
from docgen.writers import html as html_writer

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"
FONTS = (TEMPLATES / "document.css").read_text(encoding="utf-8").count('url("assets/fonts/')
"""The fonts the stylesheet names (Liberation Serif's four, Noto Nastaliq Urdu's and Noto
Naskh Arabic's two): each is embedded, subset to what the document uses."""


def _document(templates: Path) -> RenderedDocument:
    spec = load_spec(EXAMPLE)
    page = render_html("minutes", build_context(spec, final=False), templates)
    return RenderedDocument("minutes", page, "t", "s", [], "en", spec.document.date, templates)


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    html_writer._data_url.cache_clear()
    return tmp_path / "cache" / "docgen" / "fonts"


def test_html_is_standalone() -> None:
    page = html_writer.write(_document(TEMPLATES)).decode("utf-8")
    assert '<link rel="stylesheet"' not in page
    assert "<style>" in page
    assert FONTS == 8
    assert page.count("data:font/woff;base64,") == FONTS
    assert "assets/fonts/" not in page


def test_font_subsets_are_cached_on_disk_and_give_the_same_bytes(private_cache: Path) -> None:
    first = html_writer.write(_document(TEMPLATES))
    assert len(list(private_cache.glob("*.woff"))) == FONTS
    html_writer._data_url.cache_clear()
    assert html_writer.write(_document(TEMPLATES)) == first


def test_a_changed_font_is_never_served_from_the_cache(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    before = html_writer.write(_document(templates))
    regular = templates / "assets" / "fonts" / "LiberationSerif-Regular.ttf"
    shutil.copyfile(templates / "assets" / "fonts" / "LiberationSerif-Bold.ttf", regular)
    assert html_writer.write(_document(templates)) != before
