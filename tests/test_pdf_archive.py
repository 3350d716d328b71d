"""Tagged PDF for every build, PDF/A-3u finals with their spec inside, and `docgen verify`.

Read back with tools docgen does not use to write: poppler's pdfinfo, pdffonts and
pdfdetach, qpdf, and pypdf for the structure tree and the catalog.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    dump_yaml,
    edition_folder,
    finalised,
    one_language,
    signable,
    starter_data,
)
from docx import Document
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from docgen.archive import RECORD, SHORT
from docgen.build import build
from docgen.cli import main
from docgen.paths import TEMPLATES

ROOT = Path(__file__).resolve().parents[1]
SPECS = sorted((ROOT / "specs").glob("*.yaml"))
DOCUMENTS = ("framework", "minutes")


def _postscript_names() -> set[str]:
    names = set()
    for path in (TEMPLATES / "assets" / "fonts").glob("*.ttf"):
        with TTFont(str(path), lazy=True) as font:
            names.add(str(font["name"].getDebugName(6)).replace("-", ""))
    return names


BUNDLED = _postscript_names()


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`docgen new`'s starter, filled in so that it passes as a final."""
    path = tmp_path_factory.mktemp("starter") / "starter.yaml"
    path.write_text(dump_yaml(finalised(starter_data())), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def specs(starter: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Each spec of specs/ cut to its first language (a final of several languages needs
    every translation, which these specs do not have yet), then the starter."""
    folder = tmp_path_factory.mktemp("specs")
    return [*(one_language(spec, folder / spec.name) for spec in SPECS), starter]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory,
           specs: list[Path]) -> dict[tuple[str, bool], Path]:
    """Every spec of specs/ and the starter, as a draft and as a final."""
    out = {}
    for spec in specs:
        for final in (False, True) if spec in signable([spec]) else (False,):
            folder = tmp_path_factory.mktemp("final" if final else "draft")
            out[spec.stem, final] = build(spec, out=folder, final=final, jobs=1).folder
    return out


def _pdfs(builds: dict[tuple[str, bool], Path], final: bool | None = None) -> list[Path]:
    """The PDFs of the builds (their English files), drafts and finals or one of them."""
    return [edition_folder(folder) / f"{name}.pdf"
            for (_, is_final), folder in sorted(builds.items())
            for name in DOCUMENTS if (edition_folder(folder) / f"{name}.pdf").exists()
            and final in (None, is_final)]


def _spec_of(pdf: Path, specs: list[Path]) -> Path:
    """The spec a built PDF is of: `out/<stem>/en/framework.pdf` is of `<stem>.yaml`."""
    return next(s for s in specs if s.stem == pdf.parent.parent.name)


def _run(*argv: str | Path) -> str:
    return subprocess.run([str(a) for a in argv], capture_output=True, text=True,
                          check=True).stdout


def _catalog(path: Path) -> Any:
    return PdfReader(path).trailer["/Root"]


def _structure(path: Path) -> Counter[str]:
    """How many structure elements of each type the PDF's tag tree holds."""
    found: Counter[str] = Counter()
    todo = [_catalog(path)["/StructTreeRoot"]]
    while todo:
        node = todo.pop().get_object()
        if not isinstance(node, dict):
            continue
        if "/S" in node:
            found[str(node["/S"])] += 1
        kids = node.get("/K")
        todo.extend(kids if isinstance(kids, list) else [] if kids is None else [kids])
    return found


def test_every_pdf_is_tagged_with_xmp_language_and_its_title_shown(
        builds: dict[tuple[str, bool], Path]) -> None:
    for pdf in _pdfs(builds):
        assert "Tagged:          yes" in _run("pdfinfo", pdf), pdf
        xmp = _run("pdfinfo", "-meta", pdf)
        assert 'pdfuaid:part="1"' in xmp, pdf
        catalog = _catalog(pdf)
        assert catalog["/Lang"] == "en"
        assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
        assert catalog["/MarkInfo"]["/Marked"].value is True
        assert PdfReader(pdf).outline, f"{pdf}: no bookmarks"
        check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True,
                               check=False)
        assert check.returncode == 0, check.stdout + check.stderr


def test_tags_carry_headings_lists_tables_with_header_cells(
        builds: dict[tuple[str, bool], Path]) -> None:
    example = edition_folder(builds[SPECS[0].stem, False])
    framework = _structure(example / "framework.pdf")
    assert framework["/H1"] == 1
    assert framework["/H2"] >= 10
    assert framework["/L"] >= 1
    assert framework["/LI"] >= framework["/L"]
    assert framework["/Table"] >= 5
    assert framework["/TH"] >= framework["/Table"]
    minutes = _structure(example / "minutes.pdf")
    assert minutes["/TH"] >= 1
    assert minutes["/H2"] >= 3


def test_signature_blocks_are_read_party_by_party(
        builds: dict[tuple[str, bool], Path]) -> None:
    """Side-by-side signature blocks are a row of headings, a header cell per signer in
    order, then a row of their signature lines with the names, so each heading names the
    column of its signer for a screen reader."""
    pdf = edition_folder(builds[SPECS[0].stem, False]) / "framework.pdf"
    tables = []

    def visit(node: Any) -> None:  # in document order
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if node.get("/S") == "/Table":
            tables.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [] if kids is None else [kids]:
            visit(kid)

    visit(_catalog(pdf)["/StructTreeRoot"])

    def kids(node: Any) -> list[Any]:
        found = node.get("/K")
        return [k.get_object() for k in (found if isinstance(found, list) else [found])]

    def rows(table: Any) -> list[Any]:
        return [row for part in kids(table) for row in kids(part) if row.get("/S") == "/TR"]

    # The signature block is the one table whose header cells are in its body, not a head.
    signatures = [t for t in tables if all(part.get("/S") != "/THead" for part in kids(t))
                  and any(cell.get("/S") == "/TH" for row in rows(t) for cell in kids(row))]
    assert len(signatures) == 1
    heads, lines = ([cell["/S"] for cell in kids(row)] for row in rows(signatures[0]))
    assert (heads, lines) == (["/TH", "/TH"], ["/TD", "/TD"])  # one per party, left to right


def test_only_bundled_fonts_are_used_and_all_are_embedded(
        builds: dict[tuple[str, bool], Path]) -> None:
    for pdf in _pdfs(builds):
        lines = _run("pdffonts", pdf).splitlines()[2:]
        assert lines, pdf
        for line in lines:
            name, *_, emb, _sub, _uni, _obj, _gen = line.split()
            assert emb == "yes", line
            # WeasyPrint names a font by its family and style: Liberation-Serif-Bold
            plain = name.partition("+")[2].replace("-", "")
            assert plain in BUNDLED, f"{pdf}: host font {name}"


def test_finals_are_pdf_a_3u_with_the_spec_and_build_record_inside(
        builds: dict[tuple[str, bool], Path], specs: list[Path]) -> None:
    for pdf in _pdfs(builds, final=True):
        spec = _spec_of(pdf, specs)
        xmp = _run("pdfinfo", "-meta", pdf)
        assert 'pdfaid:part="3"' in xmp
        assert 'pdfaid:conformance="U"' in xmp
        assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in xmp
        listed = _run("pdfdetach", "-list", pdf)
        assert f": {spec.name}" in listed
        assert f": {RECORD}" in listed
        reader = PdfReader(pdf)
        assert reader.attachments[spec.name] == [spec.read_bytes()]
        record = json.loads(reader.attachments[RECORD][0])
        assert record["spec"] == {"file": spec.name,
                                  "sha256": hashlib.sha256(spec.read_bytes()).hexdigest()}
        assert record["document"] == pdf.stem
        relationships = sorted(str(f.get_object()["/AFRelationship"])
                               for f in reader.trailer["/Root"]["/AF"])
        assert relationships == ["/Data", "/Source"]


def test_drafts_embed_nothing_and_claim_no_pdf_a(builds: dict[tuple[str, bool], Path]) -> None:
    for pdf in _pdfs(builds, final=False):
        assert "pdfaid:part" not in _run("pdfinfo", "-meta", pdf)
        assert PdfReader(pdf).attachments == {}


def test_final_rebuilds_are_byte_identical(builds: dict[tuple[str, bool], Path],
                                           specs: list[Path], tmp_path: Path) -> None:
    again = build(specs[0], out=tmp_path, final=True, jobs=2, force=True).folder
    first = builds[specs[0].stem, True]
    for name in ("en/framework.pdf", "en/minutes.pdf", "manifest.json"):
        assert (again / name).read_bytes() == (first / name).read_bytes(), name


def test_a_changed_comment_renders_a_final_again(starter: Path, tmp_path: Path) -> None:
    """A final embeds the file itself: a new comment is a new final; a draft is kept."""
    spec = tmp_path / "spec.yaml"
    spec.write_bytes(starter.read_bytes())
    out = tmp_path / "out"
    assert build(spec, out=out, final=True, jobs=1).rendered
    spec.write_bytes(starter.read_bytes() + b"# a reviewer's note\n")
    assert set(build(spec, out=out, final=True, jobs=1).rendered) == {"en/framework",
                                                                       "en/minutes"}
    assert build(spec, out=tmp_path / "drafts", jobs=1).rendered
    spec.write_bytes(starter.read_bytes() + b"# another note\n")
    assert build(spec, out=tmp_path / "drafts", jobs=1).rendered == ()


def test_every_page_of_a_final_prints_the_short_digest(
        builds: dict[tuple[str, bool], Path], specs: list[Path]) -> None:
    for pdf in _pdfs(builds, final=True):
        spec = _spec_of(pdf, specs)
        digest = hashlib.sha256(spec.read_bytes()).hexdigest()[:SHORT]
        pages = _run("pdftotext", "-layout", pdf, "-").split("\f")
        assert all(f"Spec SHA-256 {digest}" in page for page in pages if page.strip()), pdf
        docx = Document(str(pdf.with_suffix(".docx")))
        footers = [p.text for s in docx.sections for f in (s.footer, s.first_page_footer)
                   for p in f.paragraphs]
        assert f"Spec SHA-256 {digest}" in footers


def test_drafts_print_no_digest(builds: dict[tuple[str, bool], Path]) -> None:
    for pdf in _pdfs(builds, final=False):
        assert "SHA-256" not in _run("pdftotext", pdf, "-")


def test_verify_matches_the_spec_and_names_a_difference(
        builds: dict[tuple[str, bool], Path], specs: list[Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    pdf = edition_folder(builds[specs[0].stem, True]) / "framework.pdf"
    assert main(["verify", str(pdf), str(specs[0])]) == 0
    out = capsys.readouterr().out
    assert f"matches {specs[0]}" in out
    assert specs[0].name in out
    assert main(["verify", str(pdf)]) == 0
    changed = tmp_path / specs[0].name
    text = specs[0].read_text(encoding="utf-8")
    changed.write_text(text.replace("version:", "version:  ", 1), encoding="utf-8")
    assert main(["verify", str(pdf), str(changed)]) == 1
    out = capsys.readouterr().out
    assert f"does not match {changed}" in out
    assert "\n+" in out
    assert "\n-" in out


def test_verify_refuses_a_draft_and_what_is_not_a_pdf(
        builds: dict[tuple[str, bool], Path], specs: list[Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    draft = edition_folder(builds[specs[0].stem, False]) / "framework.pdf"
    assert main(["verify", str(draft)]) == 1
    assert "holds no embedded spec" in capsys.readouterr().out
    fake = tmp_path / "fake.pdf"
    fake.write_text("not a pdf", encoding="utf-8")
    assert main(["verify", str(fake)]) == 1
    assert "is not a PDF file" in capsys.readouterr().err
    cut = tmp_path / "cut.pdf"
    final = edition_folder(builds[specs[0].stem, True]) / "framework.pdf"
    cut.write_bytes(final.read_bytes()[:30000])
    assert main(["verify", str(cut)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"docgen: {cut}: cannot read this PDF (")
    assert len(err.splitlines()) == 1  # pypdf's own warnings do not reach the user
    assert main(["verify", str(tmp_path / "missing.pdf")]) == 2


def test_a_final_build_says_final_whatever_status_the_spec_gives(
        builds: dict[tuple[str, bool], Path], specs: list[Path]) -> None:
    """The example's spec says `status: draft`; built with --final it is a final."""
    assert "status: draft" in specs[0].read_text(encoding="utf-8")
    built = {final: edition_folder(builds[specs[0].stem, final]) for final in (True, False)}
    final = _run("pdftotext", built[True] / "framework.pdf", "-")
    draft = _run("pdftotext", built[False] / "framework.pdf", "-")
    assert "Version 3 · Final" in final
    assert "Final · version 3" in final
    assert "Draft ·" not in final
    assert "Draft · version 3" in draft
