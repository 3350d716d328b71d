"""The Word files as LibreOffice opens them, driven over UNO (tests/libreoffice.py).

The example spec is built once per module. Issue 8's acceptance test: updating every
field of both DOCX files in LibreOffice leaves the page count and the contents entries
(text and page) as docgen stored them from the PDF layout. Then the list labels
LibreOffice computes for the numbered paragraphs, against the numbers the PDF shows; a
self-test of accepting and rejecting tracked changes, for the redline feature to come;
and the helper's own failures: a timeout, a missing or unreadable file.
Every call starts a private soffice; none may be left running. Skipped, with the reason,
only where LibreOffice or python3-uno is not installed (`./dev test` installs both).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import libreoffice
import pytest
from conftest import edition_folder
from docx.oxml import parse_xml
from lxml import html

from docgen.build import build

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"
TYPED_NUMBER = re.compile(r"^\d+\.\s")

pytestmark = pytest.mark.skipif(libreoffice.available() is not None,
                                reason=libreoffice.available() or "")


@pytest.fixture(scope="module", autouse=True)
def no_soffice_left() -> Iterator[None]:
    """After the module, no soffice that a call of it started still runs."""
    yield
    assert libreoffice.leftover_soffice() == []
    assert [c for c in libreoffice.CALLS if c.get("leftovers")] == []


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example spec built into a fresh folder: both documents, every format; its English
    files."""
    result = build(EXAMPLE, out=tmp_path_factory.mktemp("out"), languages=["en"])
    return edition_folder(result.folder)


@pytest.fixture(scope="module")
def labels(folder: Path) -> list[dict[str, Any]]:
    return libreoffice.list_labels(folder / "framework.docx")


@pytest.mark.parametrize("name", ["framework", "minutes"])
def test_updating_all_fields_keeps_pages_and_contents(folder: Path, tmp_path: Path,
                                                      name: str) -> None:
    """Word's "Update table" finds the entries and levels stored, and the page count holds.

    The stored page numbers are the PDF's (WeasyPrint's layout); LibreOffice lays the
    Word file out itself and may put a heading a page earlier or later, so after the
    update the numbers are its own: they are compared with a page's leeway, the entries
    and their levels exactly.
    """
    updated = libreoffice.update_fields(folder / f"{name}.docx", tmp_path)
    assert updated["indexes"] == 1
    assert updated["toc_before"], "the stored contents list is empty"
    assert all(entry["page"] for entry in updated["toc_before"])

    def entries(toc: list[dict[str, Any]]) -> list[tuple[int, str]]:
        return [(entry["level"], entry["text"]) for entry in toc]

    assert entries(updated["toc_after"]) == entries(updated["toc_before"])
    for before, after in zip(updated["toc_before"], updated["toc_after"], strict=True):
        assert abs(int(after["page"]) - int(before["page"])) <= 1, (before, after)
    assert updated["pages_after"] == updated["pages_before"]


def _pdf_numbers(folder: Path) -> list[str]:
    """The paragraph numbers the PDF shows, in order (the PDF is laid out from this HTML)."""
    tree = html.fromstring((folder / "framework.html").read_bytes())
    return [n.text_content().strip() for n in tree.xpath(
        "//p[contains(concat(' ', normalize-space(@class), ' '), ' para ')]"
        "/span[contains(concat(' ', normalize-space(@class), ' '), ' num ')]")]


def test_numbered_paragraphs_are_numbered_by_word(folder: Path,
                                                  labels: list[dict[str, Any]]) -> None:
    """Word's own list numbers them, as the PDF does; no number is typed into the text."""
    numbered = [p for p in labels if p["style"] == "Numbered Paragraph"]
    assert len(numbered) > 10
    assert [p["label"] for p in numbered] == _pdf_numbers(folder)
    assert all(re.fullmatch(r"\d+\.", p["label"]) for p in numbered)
    assert [p["text"] for p in numbered if TYPED_NUMBER.match(p["text"])] == []


def _tracked_changes(path: Path) -> Path:
    """A one-paragraph DOCX: "The Sides will meet ", an insertion, a deletion, "."."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    mark = 'w:author="docgen" w:date="2026-02-04T00:00:00Z"'
    document = docx.Document()
    paragraph = document.add_paragraph("The Sides will meet ")
    paragraph._p.append(parse_xml(
        f'<w:ins {w} w:id="1" {mark}><w:r><w:t>every year</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(
        f'<w:del {w} w:id="2" {mark}><w:r><w:delText>every month</w:delText></w:r></w:del>'))
    paragraph.add_run(".")
    document.save(str(path))
    return path


@pytest.mark.parametrize(("accept", "text"), [(True, "The Sides will meet every year."),
                                              (False, "The Sides will meet every month.")])
def test_resolving_tracked_changes(tmp_path: Path, accept: bool, text: str) -> None:
    path = _tracked_changes(tmp_path / "changes.docx")
    assert libreoffice.resolve_changes(path, accept) == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["changes.docx"]  # no lock file


def test_a_call_that_runs_out_of_time_leaves_no_soffice(folder: Path) -> None:
    with pytest.raises(libreoffice.LibreOfficeError, match=r"timed out after 0.8 s"):
        libreoffice.update_fields(folder / "framework.docx", timeout=0.8)
    assert libreoffice.leftover_soffice() == []


def test_a_failing_call_says_why(tmp_path: Path) -> None:
    with pytest.raises(libreoffice.LibreOfficeError, match="no such file"):
        libreoffice.list_labels(tmp_path / "absent.docx")
    text = tmp_path / "notes.docx"
    text.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(libreoffice.LibreOfficeError, match=r"could not open .*notes\.docx"):
        libreoffice.list_labels(text)
    assert libreoffice.leftover_soffice() == []
