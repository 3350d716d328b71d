"""The build cache: an up-to-date document is not rendered again; any change to its inputs is."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import edition_folder, fail_writer, files_below, manifest_listing

from docgen import build as build_module
from docgen import cache
from docgen import render as render_module
from docgen.build import build
from docgen.errors import DocgenError
from docgen.output import sha256
from docgen.paths import TEMPLATES

ROOT = Path(__file__).resolve().parents[1]
STARTER = ROOT / "docgen" / "data" / "starter.yaml"
FONTS = Path("assets") / "fonts"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below a build folder, by its path in it (`en/framework.html`), with its bytes."""
    return {name: (folder / name).read_bytes() for name in sorted(files_below(folder))}


def stamps(folder: Path) -> dict[str, int]:
    return {name: (folder / name).stat().st_mtime_ns for name in sorted(files_below(folder))}


def names(result: build_module.BuildResult) -> list[str]:
    """The files of a build, by their path in its folder, in the order it gives them."""
    return [p.relative_to(result.folder).as_posix() for p in result.files]


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    """A copy of the starter spec that a test may edit."""
    copy = tmp_path / "spec.yaml"
    shutil.copyfile(STARTER, copy)
    return copy


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    """A copy of docgen's templates folder (fonts included) that a test may edit."""
    return Path(shutil.copytree(TEMPLATES, tmp_path / "templates"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_up_to_date_output_is_not_rendered_again(spec: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    first = build(spec, out=tmp_path / "out", formats=["html"])
    assert first.rendered == ("en/framework", "en/minutes")
    before, times = snapshot(first.folder), stamps(first.folder)

    def fail(*args: object, **kwargs: object) -> object:
        raise AssertionError("an up-to-date document was rendered again")

    monkeypatch.setattr(build_module, "writer", fail)
    monkeypatch.setattr(render_module, "render_html", fail)
    again = build(spec, out=tmp_path / "out", formats=["html"])
    assert (again.rendered, again.skipped) == ((), ("en/framework", "en/minutes"))
    assert names(again) == ["en/framework.html", "en/minutes.html", "manifest.json"]
    assert snapshot(again.folder) == before
    assert stamps(again.folder) == times  # not even the manifest was rewritten
    manifest = json.loads((again.folder / "manifest.json").read_text())
    assert set(manifest["files"]) == {"en/framework.html", "en/minutes.html"}
    assert set(manifest["inputs"]) == {"en/framework", "en/minutes"}


def test_a_changed_template_rebuilds_both_documents(spec: Path, templates: Path,
                                                    tmp_path: Path) -> None:
    build(spec, out=tmp_path / "out", formats=["html"], templates=templates)
    with (templates / "document.css").open("a", encoding="utf-8") as css:
        css.write("\n/* house style */\n")
    again = build(spec, out=tmp_path / "out", formats=["html"], templates=templates)
    assert again.rendered == ("en/framework", "en/minutes")
    assert "/* house style */" in (edition_folder(again.folder) / "framework.html").read_text(
        encoding="utf-8")


def test_a_changed_paged_css_rebuilds_the_pdf_with_it(spec: Path, templates: Path,
                                                      tmp_path: Path) -> None:
    """paged.css reaches only the PDF, but it is a template like any other: the key covers it."""
    build(spec, out=tmp_path / "out", formats=["pdf"], templates=templates)
    edit(templates / "paged.css", "content: string(running-title);", 'content: "House header";')
    again = build(spec, out=tmp_path / "out", formats=["pdf"], templates=templates)
    assert again.rendered == ("en/framework", "en/minutes")
    text = subprocess.run(["pdftotext", str(edition_folder(again.folder) / "framework.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "House header" in text


def test_a_changed_font_file_rebuilds(spec: Path, templates: Path, tmp_path: Path) -> None:
    build(spec, out=tmp_path / "out", formats=["html"], templates=templates)
    fonts = templates / FONTS
    shutil.copyfile(fonts / "LiberationSerif-Bold.ttf", fonts / "LiberationSerif-Regular.ttf")
    again = build(spec, out=tmp_path / "out", formats=["html"], templates=templates)
    assert again.rendered == ("en/framework", "en/minutes")


def test_a_change_in_the_meeting_rebuilds_only_the_minutes(spec: Path, tmp_path: Path) -> None:
    first = build(spec, out=tmp_path / "out", formats=["html", "docx"])
    before, times = snapshot(first.folder), stamps(first.folder)
    edit(spec, "venue: Ministry of Trade", "venue: Palace of Trade")
    again = build(spec, out=tmp_path / "out", formats=["html", "docx"])
    assert (again.rendered, again.skipped) == (("en/minutes",), ("en/framework",))
    after = snapshot(again.folder)
    for name in ("en/framework.html", "en/framework.docx"):
        assert after[name] == before[name]
        assert stamps(again.folder)[name] == times[name]
    assert "Palace of Trade" in after["en/minutes.html"].decode()
    manifest = json.loads(after["manifest.json"])
    assert set(manifest["files"]) == {f"en/{d}.{f}" for d in ("framework", "minutes")
                                      for f in ("html", "docx")}
    assert manifest["spec"]["sha256"] == sha256(spec.read_bytes())


def test_a_change_elsewhere_in_the_spec_rebuilds_the_framework(spec: Path,
                                                               tmp_path: Path) -> None:
    build(spec, out=tmp_path / "out", formats=["html"])
    edit(spec, "venue: Ministry of Trade", "venue: Palace of Trade")  # the minutes only
    build(spec, out=tmp_path / "out", formats=["html"])
    text = spec.read_text(encoding="utf-8")
    start = text.index("title:")
    edit(spec, text[start:text.index("\n", start)], "title: A Renamed Framework")
    again = build(spec, out=tmp_path / "out", formats=["html"])
    assert again.rendered == ("en/framework", "en/minutes")
    assert "A Renamed Framework" in (edition_folder(again.folder) / "framework.html").read_text(
        encoding="utf-8")


def test_a_comment_only_edit_renders_nothing_but_updates_the_manifest(spec: Path,
                                                                      tmp_path: Path) -> None:
    build(spec, out=tmp_path / "out", formats=["html"])
    spec.write_text(spec.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    again = build(spec, out=tmp_path / "out", formats=["html"])
    assert again.rendered == ()
    manifest = json.loads((again.folder / "manifest.json").read_text())
    assert manifest["spec"]["sha256"] == sha256(spec.read_bytes())


def test_a_tampered_output_file_is_rebuilt(spec: Path, tmp_path: Path) -> None:
    first = build(spec, out=tmp_path / "out", formats=["html"])
    good = (edition_folder(first.folder) / "framework.html").read_bytes()
    (edition_folder(first.folder) / "framework.html").write_bytes(
        good.replace(b"</body>", b"<p>x</p></body>"))
    (edition_folder(first.folder) / "minutes.html").unlink()
    again = build(spec, out=tmp_path / "out", formats=["html"])
    assert again.rendered == ("en/framework", "en/minutes")
    assert (edition_folder(again.folder) / "framework.html").read_bytes() == good


def test_a_format_not_built_before_is_rendered(spec: Path, tmp_path: Path) -> None:
    build(spec, out=tmp_path / "out", formats=["html"])
    again = build(spec, out=tmp_path / "out", formats=["html", "docx"], documents=["minutes"])
    assert again.rendered == ("en/minutes",)
    assert (edition_folder(again.folder) / "minutes.docx").exists()


def test_two_workers_write_the_same_bytes_as_one(spec: Path, tmp_path: Path) -> None:
    serial = build(spec, out=tmp_path / "one", jobs=1)
    parallel = build(spec, out=tmp_path / "two", jobs=2)
    assert parallel.rendered == ("en/framework", "en/minutes")
    assert snapshot(parallel.folder) == snapshot(serial.folder)


def test_a_failure_in_a_worker_is_the_same_error_and_writes_nothing(
        spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    build(spec, out=out, formats=["html"])
    before = snapshot(out / "spec")
    edit(spec, "venue: Ministry of Trade", "venue: Palace of Trade")
    fail_writer(monkeypatch, "docx", "injected failure in the Word writer")  # workers too
    for jobs in (1, 2):
        with pytest.raises(DocgenError) as raised:
            build(spec, out=out, formats=["html", "docx"], jobs=jobs)
        assert type(raised.value) is DocgenError
        assert str(raised.value) == "injected failure in the Word writer"
        assert snapshot(out / "spec") == before


@pytest.mark.parametrize(("line", "reads"), [
    ("", False),  # the minutes' own templates mention it; nothing the framework uses does
    ("{# the meeting #}", True),
    ('{% include "_extra.html.j2" %}', True),  # a template it includes mentions it
    ("{% include name %}", True),  # a template named by an expression: it might
    ('{% include "_missing.html.j2" ignore missing %}', True),
])
def test_the_framework_covers_the_meeting_if_a_template_it_uses_mentions_it(
        templates: Path, line: str, reads: bool) -> None:
    (templates / "_extra.html.j2").write_text("{{ meeting.venue }}\n", encoding="utf-8")
    with (templates / "_page.html.j2").open("a", encoding="utf-8") as page:
        page.write(line + "\n")
    assert cache._framework_reads_meeting(templates) is reads


def inodes(folder: Path) -> dict[str, int]:
    return {name: (folder / name).stat().st_ino for name in sorted(files_below(folder))}


def test_a_partial_rebuild_keeps_the_other_documents_files(spec: Path, tmp_path: Path) -> None:
    first = build(spec, out=tmp_path / "out", formats=["html", "docx"])
    before, kept = snapshot(first.folder), inodes(first.folder)
    edit(spec, "venue: Ministry of Trade", "venue: Palace of Trade")  # the minutes only
    again = build(spec, out=tmp_path / "out", formats=["docx"], documents=["minutes"])
    assert (again.rendered, again.skipped) == (("en/minutes",), ())
    assert names(again) == ["en/minutes.docx", "manifest.json"]
    assert set(snapshot(again.folder)) == {  # en/minutes.html was stale: dropped
        "en/framework.html", "en/framework.docx", "en/minutes.docx", "manifest.json"}
    for name in ("en/framework.html", "en/framework.docx"):  # unchanged: the very same files
        assert inodes(again.folder)[name] == kept[name]
        assert snapshot(again.folder)[name] == before[name]
    manifest = manifest_listing(again.folder)
    assert set(manifest["inputs"]) == {"en/framework", "en/minutes"}
    full = build(spec, out=tmp_path / "out", formats=["html", "docx"])  # the key was kept too
    assert (full.rendered, full.skipped) == (("en/minutes",), ("en/framework",))
    assert inodes(full.folder)["en/framework.html"] == kept["en/framework.html"]
    manifest_listing(full.folder)


def test_a_partial_rebuild_with_nothing_changed_writes_nothing(spec: Path,
                                                              tmp_path: Path) -> None:
    first = build(spec, out=tmp_path / "out")
    before, times = snapshot(first.folder), stamps(first.folder)
    for formats, documents in ((["html"], ["framework"]), (["pdf", "docx"], ["minutes"])):
        again = build(spec, out=tmp_path / "out", formats=formats, documents=documents)
        assert again.rendered == ()
        assert snapshot(again.folder) == before
        assert stamps(again.folder) == times  # not even the manifest was rewritten
    assert len(manifest_listing(first.folder)["files"]) == 6


def test_a_partial_rebuild_drops_a_damaged_file_it_does_not_build(spec: Path,
                                                                   tmp_path: Path) -> None:
    first = build(spec, out=tmp_path / "out", formats=["html", "docx"])
    (edition_folder(first.folder) / "framework.docx").write_bytes(b"damaged")
    kept = inodes(first.folder)
    again = build(spec, out=tmp_path / "out", formats=["html"])
    assert again.rendered == ()
    assert set(snapshot(again.folder)) == {"en/framework.html", "en/minutes.html",
                                           "en/minutes.docx", "manifest.json"}
    assert inodes(again.folder)["en/minutes.docx"] == kept["en/minutes.docx"]
    manifest_listing(again.folder)


def test_a_file_docgen_did_not_write_is_not_kept(spec: Path, tmp_path: Path) -> None:
    first = build(spec, out=tmp_path / "out", formats=["html"])
    (first.folder / "notes.txt").write_text("not docgen's\n", encoding="utf-8")
    (first.folder / "old").mkdir()
    again = build(spec, out=tmp_path / "out", formats=["html"])
    assert again.rendered == ()
    assert set(snapshot(again.folder)) == {"en/framework.html", "en/minutes.html", "manifest.json"}
    assert not (again.folder / "old").exists()
    manifest_listing(again.folder)


def test_force_keeps_only_what_it_renders(spec: Path, tmp_path: Path) -> None:
    build(spec, out=tmp_path / "out", formats=["html", "docx"])
    again = build(spec, out=tmp_path / "out", formats=["html"], force=True)
    assert again.rendered == ("en/framework", "en/minutes")
    assert set(snapshot(again.folder)) == {"en/framework.html", "en/minutes.html", "manifest.json"}
    manifest_listing(again.folder)
