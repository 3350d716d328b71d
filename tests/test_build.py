"""`docgen build`: what it writes, that it writes it the same way twice, and all or nothing."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import lxml.html
import pytest
from conftest import (
    edition_folder,
    fail_writer,
    files_below,
    manifest_listing,
    names_in,
    one_language,
)

from docgen.build import build
from docgen.cli import main
from docgen.errors import DocgenError
from docgen.output import sha256
from docgen.paths import FORMATS
from docgen.validation import SpecInvalid
from docgen.writers import WRITERS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"
SPECS = sorted((ROOT / "specs").glob("*.yaml"))
SIX = {f"{doc}.{fmt}" for doc in ("framework", "minutes") for fmt in ("html", "pdf", "docx")}
EN_SIX = names_in("en", SIX)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below a folder, by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example spec without its translation files (which translators are
    still writing): its draft builds its first language, English, alone."""
    copy = tmp_path_factory.mktemp("specs") / EXAMPLE.name
    shutil.copyfile(EXAMPLE, copy)
    return copy


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, example: Path) -> Path:
    """The example spec built once, all six documents (in English): the build folder."""
    out = tmp_path_factory.mktemp("out")
    build(example, out=out)
    return out / EXAMPLE.stem


def test_build_writes_six_documents_and_a_manifest(built: Path) -> None:
    assert {p.name for p in built.iterdir()} == {"en", "manifest.json"}
    assert files_below(built) == EN_SIX | {"manifest.json"}
    manifest = json.loads((built / "manifest.json").read_text())
    assert set(manifest["files"]) == EN_SIX
    assert set(manifest["inputs"]) == {"en/framework", "en/minutes"}
    for name, entry in manifest["files"].items():
        assert entry["sha256"] == sha256((built / name).read_bytes())
    assert manifest["spec"]["sha256"] == sha256(EXAMPLE.read_bytes())
    assert manifest["templates"]["sha256"]
    assert manifest["final"] is False


def test_rebuild_is_byte_identical(built: Path, example: Path, tmp_path: Path) -> None:
    build(example, out=tmp_path)
    assert snapshot(tmp_path / EXAMPLE.stem) == snapshot(built)


def test_a_partial_rebuild_leaves_no_stale_file(built: Path, tmp_path: Path) -> None:
    """The meeting moved, then only the Word files were built: no file shows the old venue."""
    spec = tmp_path / EXAMPLE.name
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "  venue: Ministry of Commerce\n" in text
    spec.write_text(text.replace("  venue: Ministry of Commerce\n", "  venue: Palace of Trade\n",
                                 1), encoding="utf-8")
    out = tmp_path / "out"
    folder = out / EXAMPLE.stem
    shutil.copytree(built, folder)  # the full build of the unmoved meeting
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["build", "--format", "docx", "--jobs", "1", "--out", str(out), str(spec)])
    assert code == 0
    assert err.getvalue() == (f"{spec}: wrote {folder}/ (en/framework.docx, en/minutes.docx, "
                              "manifest.json); en/framework up to date, left as they were\n")
    assert files_below(folder) == {
        "en/framework.html", "en/framework.pdf", "en/framework.docx", "en/minutes.docx",
        "manifest.json"}
    manifest = manifest_listing(folder)
    for name in ("en/framework.html", "en/framework.pdf", "en/framework.docx"):
        assert (folder / name).read_bytes() == (built / name).read_bytes()
    word = "\n".join(p.text for p in docx.Document(
        str(edition_folder(folder) / "minutes.docx")).paragraphs)
    assert "took place at the Palace of Trade, Islamabad" in word
    assert set(manifest["inputs"]) == {"en/framework", "en/minutes"}


def test_every_format_has_its_writer() -> None:
    assert tuple(WRITERS) == FORMATS


def test_failing_writer_leaves_out_unchanged(built: Path, example: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    build(example, out=out, formats=["html"])
    before = snapshot(out)

    fail_writer(monkeypatch, "docx", "injected failure in the Word writer")
    with pytest.raises(DocgenError, match="injected failure"):
        build(example, out=out)
    assert snapshot(out) == before


def test_invalid_spec_builds_nothing(tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(EXAMPLE.read_text(encoding="utf-8").replace("owners: [pk-moc, kz-mti]",
                                                                "owners: [pk-mocc, kz-mti]", 1),
                    encoding="utf-8")
    with pytest.raises(SpecInvalid) as raised:
        build(spec, out=tmp_path / "out")
    assert [d.code for d in raised.value.report.errors] == ["DG201"]
    assert not (tmp_path / "out").exists()


def test_cli_build_reports_the_same_diagnostics_as_validate(tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(EXAMPLE.read_text(encoding="utf-8").replace("owners: [pk-moc, kz-mti]",
                                                                "owners: [pk-mocc, kz-mti]", 1),
                    encoding="utf-8")
    validate = subprocess.run([sys.executable, "-m", "docgen", "validate", str(spec)],
                              capture_output=True, text=True, check=False)
    built = subprocess.run([sys.executable, "-m", "docgen", "build", "--out",
                            str(tmp_path / "out"), str(spec)],
                           capture_output=True, text=True, check=False)
    assert (validate.returncode, built.returncode) == (1, 1)
    assert built.stdout == validate.stdout
    assert "nothing was built" in built.stderr
    assert not (tmp_path / "out").exists()


def test_cli_build_rejects_unknown_formats(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "docgen", "build", "--format", "pdf,odt",
                           str(EXAMPLE)], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "choose from html,pdf,docx" in done.stderr


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_every_spec_builds(spec: Path, tmp_path: Path) -> None:
    result = build(spec, out=tmp_path)
    names = {p.relative_to(result.folder).as_posix() for p in result.files}
    assert {"en/framework.html", "en/framework.pdf", "en/framework.docx", "manifest.json"} <= names
    assert files_below(result.folder) == names
    manifest_listing(result.folder)


def test_final_build_has_no_draft_banner(tmp_path: Path) -> None:
    spec = one_language(EXAMPLE, tmp_path / "specs" / EXAMPLE.name)  # a final needs every text
    result = build(spec, out=tmp_path, formats=["html"], final=True)
    framework = (edition_folder(result.folder) / "framework.html").read_text(encoding="utf-8")
    assert "<p class=\"draft-banner\">" not in framework
    assert "DRAFT —" not in framework
    assert 'class="framework final"' in framework
    assert json.loads((result.folder / "manifest.json").read_text())["final"] is True


@pytest.mark.parametrize(("name", "banner"), [
    ("framework", "DRAFT — version 3 — 20 May 2026"),
    ("minutes", "DRAFT — version 3 — 4 February 2026"),
])
def test_draft_carries_the_banner_in_all_three_formats(built: Path, name: str,
                                                       banner: str) -> None:
    assert banner in (edition_folder(built) / f"{name}.html").read_text(encoding="utf-8")
    text = subprocess.run(["pdftotext", str(edition_folder(built) / f"{name}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert banner in text
    word = docx.Document(str(edition_folder(built) / f"{name}.docx"))
    assert word.paragraphs[0].text == banner


@pytest.mark.parametrize(("name", "title"), [
    ("framework", "PK-KZ Trade and Connectivity Framework"),
    ("minutes", "Minutes · PK-KZ Trade and Connectivity Framework"),
])
def test_the_running_header_is_on_paper_only(built: Path, name: str, title: str) -> None:
    """paged.css writes the running header in the PDF's margins from the second page on;
    the web page inlines document.css but none of paged.css."""
    text = subprocess.run(["pdftotext", "-layout", str(edition_folder(built) / f"{name}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    header = re.compile(rf"^{re.escape(title)} +Draft · version 3$", re.MULTILINE)
    assert len(pages) > 4
    assert [bool(header.search(page)) for page in pages] == [False] + [True] * (len(pages) - 1)
    page = (edition_folder(built) / f"{name}.html").read_text(encoding="utf-8")
    assert "@top-left { font:" in page
    assert "string-set" not in page
    assert "string(running-" not in page


@pytest.mark.parametrize("name", ["framework", "minutes"])
def test_the_pdf_contents_give_pages_and_the_web_page_only_links(built: Path,
                                                                 name: str) -> None:
    """On paper each contents entry ends in its page (generated); in the web page the
    entry is one link whose words are the entry, with no empty link for the page."""
    page = lxml.html.fromstring((edition_folder(built) / f"{name}.html").read_bytes())
    links = page.xpath("//nav[contains(@class, 'toc')]//a")
    entries = [" ".join(a.text_content().split()) for a in links]
    assert len(entries) > 5
    assert all(entries)
    assert [a.getparent().tag for a in links] == ["li"] * len(links)
    pdf = edition_folder(built) / f"{name}.pdf"
    text = subprocess.run(["pdftotext", "-layout", "-l", "2", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = [int(found.group(1)) for entry in entries if (found := re.search(
        rf"^{re.escape(entry)} +(\d+)$", text, re.MULTILINE))]
    assert len(pages) == len(entries)
    assert pages == sorted(pages)
    assert pages[-1] > pages[0]
