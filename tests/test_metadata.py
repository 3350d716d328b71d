"""One source for metadata: title, author, subject, keywords and language agree in all formats."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import edition_folder
from docx import Document
from lxml import html

from docgen.build import build

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example spec's English files."""
    return edition_folder(build(EXAMPLE, out=tmp_path_factory.mktemp("out"), jobs=1,
                                languages=["en"]).folder)


def _pdfinfo(path: Path) -> dict[str, str]:
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return {key.strip(): value.strip() for key, _, value in
            (line.partition(":") for line in done.stdout.splitlines())}


@pytest.mark.parametrize("name", ["framework", "minutes"])
def test_title_author_subject_and_keywords_agree(folder: Path, name: str) -> None:
    page = html.fromstring((folder / f"{name}.html").read_bytes())
    meta = {m.get("name"): m.get("content") for m in page.find("head").iter("meta")}
    title = " ".join(page.find("head").findtext("title").split())
    pdf = _pdfinfo(folder / f"{name}.pdf")
    with zipfile.ZipFile(folder / f"{name}.docx"):
        props = Document(str(folder / f"{name}.docx")).core_properties
    assert pdf["Title"] == props.title == title
    assert pdf["Author"] == props.author == meta["author"] == "Pakistan, Kazakhstan"
    assert pdf["Subject"] == props.subject == meta["description"]
    assert pdf["Keywords"] == props.keywords == meta["keywords"]
    assert props.language == page.get("lang") == "en"


def test_the_minutes_are_titled_as_minutes_everywhere(folder: Path) -> None:
    props = Document(str(folder / "minutes.docx")).core_properties
    assert props.title.startswith("Minutes of the ")
    assert _pdfinfo(folder / "minutes.pdf")["Title"] == props.title
