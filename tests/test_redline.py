"""`docgen redline`: the example spec against an edited copy (tests/redline_edits.py).

The Word redline opened in LibreOffice: accepting every tracked change gives, paragraph
by paragraph, the text of a plain build of the new spec, rejecting them the base's
(the redline's own first page, its legend and summary, aside; and the contents'
page numbers, which move because struck text takes room). The HTML and PDF show each
of the five changes; the summary lists them; the DOCX passes openxml-audit; a rebuild
gives the same bytes; `git:REV` reads the base from git; a bad base writes nothing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import libreoffice
import pytest
from lxml import etree, html
from pypdf import PdfReader
from redline_edits import NEW_ID, NEW_TITLE, REWORDED, edited_copy

from docgen.build import build
from docgen.cli import main
from docgen.redline import Redline, redline

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PAGE = re.compile(r"\t\d+$")


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("specs")
    return edited_copy(EXAMPLE, folder / EXAMPLE.name)


@pytest.fixture(scope="module")
def made(edited: Path, tmp_path_factory: pytest.TempPathFactory) -> Redline:
    return redline(str(EXAMPLE), edited, out=tmp_path_factory.mktemp("out"))


def _summary(made: Redline) -> list[dict[str, str]]:
    data = json.loads((made.folder / "summary.json").read_text(encoding="utf-8"))
    return [c for changes in data["documents"].values() for c in changes]


def test_the_summary_lists_the_five_changes(made: Redline) -> None:
    summary = _summary(made)
    assert {"kind": "changed", "key": "roadmap/R-2.1", "field": "Deadline",
            "before": "30 Apr 2027", "after": "30 Jun 2027"}.items() <= next(
        c for c in summary if c["key"] == "roadmap/R-2.1" and c["field"] == "Deadline").items()
    assert any(c["kind"] == "inserted" and c["key"] == f"roadmap/{NEW_ID}" for c in summary)
    assert any(c["kind"] == "deleted" and c["key"] == "preamble/4" and
               c["before"].startswith("Considering that Pakistan") for c in summary)
    assert any(c["kind"] == "changed" and c["key"] == "objectives/6" and c["after"] == REWORDED
               for c in summary)
    assert any(c["key"] == "targets/T-1.3" and c["field"] == "Target value" and
               (c["before"], c["after"]) == ("US$150 million", "US$200 million")
               for c in summary)


def _marked(root: html.HtmlElement, tag: str) -> list[str]:
    return [" ".join(node.text_content().split()) for node in root.iter(tag)]


def test_the_html_shows_each_change_inserted_or_struck(made: Redline) -> None:
    root = html.fromstring((made.folder / "framework.html").read_bytes())
    inserted, deleted = _marked(root, "ins"), _marked(root, "del")
    moved = root.get_element_by_id("roadmap/R-2.1")
    assert (_marked(moved, "del"), _marked(moved, "ins")) == (["Apr"], ["Jun"])
    assert "150" in deleted
    assert "200" in inserted
    assert _marked(root.get_element_by_id("objectives/6"), "ins") == [", energy"]
    assert any(text.startswith("Considering that Pakistan offers") for text in deleted)
    row = root.get_element_by_id(f"roadmap/{NEW_ID}")
    assert row.get("data-change") == "inserted"
    assert NEW_TITLE in row.text_content()
    assert root.find(".//section[@class='redline-apparatus']//table") is not None


def test_the_pdf_shows_the_changes_and_the_summary(made: Redline) -> None:
    text = " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(made.folder / "framework.pdf").pages)
    for words in ("Changes from version 3 to version 3", NEW_TITLE, "US$150 million",
                  "US$200 million", "Considering that Pakistan offers"):
        assert words in text


def _changes(path: Path) -> tuple[list[str], list[str]]:
    """The text of every w:ins and w:del of a DOCX body, in order."""
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    ins = ["".join(node.itertext()) for node in body.iter(f"{W}ins") if len(node)]
    dels = ["".join(node.itertext()) for node in body.iter(f"{W}del") if len(node)]
    return ins, dels


def test_the_word_file_has_tracked_changes_by_the_author_on_the_spec_date(made: Redline
                                                                          ) -> None:
    with zipfile.ZipFile(made.folder / "framework.docx") as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    marks = list(body.iter(f"{W}ins", f"{W}del"))
    assert marks
    assert {m.get(f"{W}author") for m in marks} == {"Pakistan"}
    assert {m.get(f"{W}date") for m in marks} == {"2026-05-20T00:00:00Z"}
    assert body.find(f".//{W}trPr/{W}ins") is not None  # the new activity's row
    assert body.find(f".//{W}pPr/{W}rPr/{W}del") is not None  # the deleted clause's mark
    assert any(t.text and "Considering" in t.text for t in body.iter(f"{W}delText"))


def test_the_formats_insert_and_delete_the_same_words_in_the_same_order(made: Redline
                                                                        ) -> None:
    root = html.fromstring((made.folder / "framework.html").read_bytes())
    ins, dels = _changes(made.folder / "framework.docx")

    def squeeze(texts: list[str]) -> str:
        # Word writes an id's hyphens as w:noBreakHyphen, which holds no text.
        return re.sub(r"[\s\u00a0\-‑]+", "", "".join(texts))

    assert squeeze(ins) == squeeze(_marked(root, "ins"))
    assert squeeze(dels) == squeeze(_marked(root, "del"))


def test_openxml_audit_strict_finds_no_error(made: Redline) -> None:
    audit = Path(sys.executable).with_name("openxml-audit")
    for name in ("framework.docx", "minutes.docx"):
        done = subprocess.run([str(audit), "--policy", "strict", "-f", "microsoft365", "-o",
                               "json", "-m", "0", str(made.folder / name)],
                              capture_output=True, text=True, check=False)
        (report,) = json.loads(done.stdout)
        assert report["error_count"] == 0, json.dumps(report["errors"])[:2000]


def test_a_rebuild_gives_the_same_bytes(made: Redline, edited: Path, tmp_path: Path) -> None:
    again = redline(str(EXAMPLE), edited, out=tmp_path, formats=("html", "docx"))
    for path in again.files:
        if path.suffix in (".html", ".docx"):
            assert path.read_bytes() == (made.folder / path.name).read_bytes(), path.name


def test_a_build_keeps_the_redline_beside_it(made: Redline) -> None:
    out = made.folder.parent.parent
    before = sorted(p.name for p in made.folder.iterdir())
    build(EXAMPLE, out=out, formats=["html"])
    assert sorted(p.name for p in made.folder.iterdir()) == before


@pytest.mark.skipif(libreoffice.available() is not None, reason=libreoffice.available() or "")
@pytest.mark.parametrize("document", ["framework", "minutes"])
def test_accept_all_gives_the_new_text_and_reject_all_the_old(
        made: Redline, edited: Path, tmp_path: Path, document: str) -> None:
    def lines(path: Path, accept: bool = True) -> list[str]:
        return [PAGE.sub("", line) for line in
                libreoffice.resolve_changes(path, accept).split("\n")]

    old = lines(build(EXAMPLE, out=tmp_path / "a", formats=["docx"], languages=["en"]).folder /
                "en" / f"{document}.docx")
    new = lines(build(edited, out=tmp_path / "b", formats=["docx"], languages=["en"]).folder /
                "en" / f"{document}.docx")
    accepted = lines(made.folder / f"{document}.docx")
    rejected = lines(made.folder / f"{document}.docx", accept=False)
    first = len(accepted) - len(new)  # the redline's own page: legend and summary
    assert first > 2
    assert accepted[:first] == rejected[:first]
    assert accepted[first:] == new
    assert rejected[first:] == old
    assert old != new


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@t",
                    *args], check=True, capture_output=True)


def test_a_base_from_git(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    (repo / "specs").mkdir(parents=True)
    spec = repo / "specs" / EXAMPLE.name
    shutil.copy(EXAMPLE, spec)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "v3")
    edited_copy(EXAMPLE, spec)
    code = main(["redline", "git:HEAD", str(spec), "--out", str(tmp_path / "out"),
                 "--format", "json"])
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["base"] == f"git:HEAD:specs/{EXAMPLE.name}"
    assert any(c["key"] == f"roadmap/{NEW_ID}" for c in summary["documents"]["framework"])


def test_a_base_that_fails_its_checks_writes_nothing(
        edited: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace("version: 3", "version: 0"),
                   encoding="utf-8")
    code = main(["redline", str(bad), str(edited), "--out", str(tmp_path / "out")])
    assert code == 1
    assert f"{bad}:" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()


def test_a_spec_against_itself_has_no_change(tmp_path: Path) -> None:
    same = redline(str(EXAMPLE), EXAMPLE, out=tmp_path, formats=("html", "docx"))
    assert same.changes == {"framework": [], "minutes": []}
    root = html.fromstring((same.folder / "framework.html").read_bytes())
    assert root.find(".//ins") is None
    assert root.find(".//del") is None
    with zipfile.ZipFile(same.folder / "framework.docx") as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    assert body.find(f".//{W}ins") is None


@pytest.mark.parametrize(("base", "message"), [
    ("missing.yaml", "missing.yaml: no such spec file (BASE is a spec file or git:REV)"),
    ("git:HEAD", "git rev-parse --show-toplevel: fatal: not a git repository"),
])
def test_a_base_that_cannot_be_read_is_one_line(tmp_path: Path, base: str, message: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, spec)
    code = main(["redline", base if base.startswith("git:") else str(tmp_path / base),
                 str(spec), "--out", str(tmp_path / "out")])
    assert code == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
