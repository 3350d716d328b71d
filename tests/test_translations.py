"""Equally authentic texts: translation files, their checks, the PO exchange, editions.

Specs here are the starter in several languages; their "translations" are generated
(each text marked with its language), so every check holds for texts nobody wrote by
hand, and the real example's translations are checked where they exist.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po, write_po
from conftest import dump_yaml, finalised, quoted, translate_all
from lxml import etree

from docgen import formatting
from docgen.build import build
from docgen.cli import main
from docgen.model import Spec
from docgen.translation.check import translation_path
from docgen.translation.keys import printed_texts
from docgen.validation import validate

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
URDU = re.compile("[\u0600-\u06ff]")


def _spec(tmp_path: Path, data: dict[str, Any], languages: list[str]) -> Path:
    data["document"]["languages"] = languages
    data["document"]["prevailing_language"] = languages[0]
    path = tmp_path / "talks.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path


def _checked(path: Path) -> Spec:
    report = validate(path)
    assert report.spec is not None, report.diagnostics
    return report.spec


def _codes(path: Path, *, final: bool = False) -> list[tuple[str, str, int]]:
    return [(d.code, Path(d.file).name, d.line) for d in validate(path, final=final).diagnostics
            if d.code.startswith("DG62")]


def test_a_language_without_a_file_is_one_warning_and_is_not_built(
        tmp_path: Path, starter: dict[str, Any]) -> None:
    path = _spec(tmp_path, starter, ["en", "ru"])
    assert [c for c, _, _ in _codes(path) if c != "DG625"] == ["DG620"]
    result = build(path, out=tmp_path / "out", formats=["html"])
    assert sorted(p.relative_to(result.folder).as_posix() for p in result.files) == [
        "en/framework.html", "en/minutes.html", "manifest.json"]


def test_every_language_with_a_file_is_built_with_its_own_lang_and_texts(
        tmp_path: Path, starter: dict[str, Any]) -> None:
    path = _spec(tmp_path, starter, ["en", "ru", "ur"])
    translate_all(path, "ru", "РУ")
    translate_all(path, "ur", "اردو")
    assert not [c for c, _, _ in _codes(path) if c != "DG625"]
    folder = build(path, out=tmp_path / "out", formats=["html"]).folder
    for language, word, direction in (("ru", "РУ", "ltr"), ("ur", "اردو", "rtl")):
        page = (folder / language / "framework.html").read_text(encoding="utf-8")
        assert f'<html lang="{language}" dir="{direction}">' in page
        assert f"{word} {starter['document']['title']}" in page


def test_every_edition_has_the_prevailing_ones_outline_keys_in_order(
        tmp_path: Path, starter: dict[str, Any]) -> None:
    path = _spec(tmp_path, starter, ["en", "kk", "ur"])
    translate_all(path, "kk", "ҚАЗ")
    translate_all(path, "ur", "اردو")
    folder = build(path, out=tmp_path / "out", formats=["html"]).folder
    for document in ("framework", "minutes"):
        keys = {language: re.findall(r'data-key="([^"]+)"', (
            folder / language / f"{document}.html").read_text(encoding="utf-8"))
                for language in ("en", "kk", "ur")}
        assert keys["en"], document
        assert keys["kk"] == keys["en"] == keys["ur"], document


def test_a_changed_source_and_a_vanished_text_are_reported_in_the_translation_file(
        tmp_path: Path, starter: dict[str, Any]) -> None:
    path = _spec(tmp_path, starter, ["en", "ru"])
    target = translate_all(path, "ru", "РУ")
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace('"document.title":', '"document.titel":', 1),
                      encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(
        starter["document"]["short_title"], "A changed short title", 1), encoding="utf-8")
    found = validate(path).diagnostics
    unknown = [d for d in found if d.code == "DG623"]
    stale = [d for d in found if d.code == "DG622"]
    missing = [d for d in found if d.code == "DG621"]
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(unknown) == 1
    assert "did you mean 'document.title'" in unknown[0].hint
    assert lines[unknown[0].line - 1].strip().startswith('"document.titel"')
    assert len(stale) == 1
    assert Path(stale[0].file) == target
    assert "source:" in lines[stale[0].line - 1]
    assert len(missing) == 1
    assert Path(missing[0].file) == path
    assert all(d.severity == "warning" for d in unknown + stale + missing)


def test_validate_on_a_translation_file_checks_it_with_its_spec(
        tmp_path: Path, starter: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    """The pre-commit hook passes every YAML file under specs/, translations included."""
    path = _spec(tmp_path, starter, ["en", "ru", "kk"])
    russian = translate_all(path, "ru", "РУ")
    translate_all(path, "kk", "ҚАЗ")
    assert main(["validate", str(russian)]) == 0
    assert capsys.readouterr().err == f"{russian}: valid\n"
    text = russian.read_text(encoding="utf-8")
    russian.write_text(text.replace('"document.title":', '"document.titel":', 1),
                       encoding="utf-8")
    assert main(["validate", "--final", str(russian)]) == 1
    out = capsys.readouterr().out
    assert f"{russian}:" in out
    assert "DG623" in out
    assert "DG621" not in out, "the spec's own findings belong to the spec's run"
    russian.write_text(text.replace(f"translation_of: {path.name}", "translation_of: x.yaml"),
                       encoding="utf-8")
    assert main(["validate", str(russian)]) == 1
    assert re.search(r"ru\.yaml:2:\d+: DG624 .*\(x\.yaml\) is not at", capsys.readouterr().out)
    russian.write_text(text, encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("spec_version:", "spec_versio:"),
                    encoding="utf-8")
    assert main(["validate", str(russian)]) == 1
    assert "has errors, so its translations cannot be checked" in capsys.readouterr().out


def test_a_final_with_a_missing_translation_fails_at_the_text(
        tmp_path: Path, starter: dict[str, Any]) -> None:
    path = _spec(tmp_path, finalised(starter), ["en", "ru"])
    target = translate_all(path, "ru", "РУ")
    entries = target.read_text(encoding="utf-8").split('\n  "')
    kept = [e for e in entries if not e.startswith("framework.objectives[0]")]
    target.write_text('\n  "'.join(kept), encoding="utf-8")
    assert main(["build", "--final", "--out", str(tmp_path / "out"), str(path)]) == 1
    assert not (tmp_path / "out").exists()
    missing = [d for d in validate(path, final=True).diagnostics if d.code == "DG621"]
    assert len(missing) == 1
    assert missing[0].severity == "error"
    line = path.read_text(encoding="utf-8").splitlines()[missing[0].line - 1]
    assert starter["framework"]["objectives"][0][:20] in line


def test_a_finals_pdf_carries_the_translation_its_texts_come_from(
        tmp_path: Path, starter: dict[str, Any]) -> None:
    import json

    from pypdf import PdfReader

    path = _spec(tmp_path, finalised(starter), ["en", "ru"])
    target = translate_all(path, "ru", "РУ")
    folder = build(path, out=tmp_path / "out", final=True, formats=["pdf"],
                   documents=["framework"]).folder
    russian = PdfReader(folder / "ru" / "framework.pdf").attachments
    name = f"{path.stem}/translations/ru.yaml"
    assert russian[name] == [target.read_bytes()]
    assert russian[path.name] == [path.read_bytes()]
    record = json.loads(russian["docgen-build.json"][0])
    assert record["translations"] == [{"file": name, "sha256": hashlib.sha256(
        target.read_bytes()).hexdigest()}]
    english = PdfReader(folder / "en" / "framework.pdf").attachments
    assert sorted(english) == sorted([path.name, "docgen-build.json"])


def test_export_translate_import_keeps_the_files_comments_and_takes_the_translations(
        tmp_path: Path, starter: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    path = _spec(tmp_path, starter, ["en", "ru"])
    target = translation_path(path, "ru")
    target.parent.mkdir(parents=True)
    target.write_text("# Russian text, reviewed by the legal service\nlanguage: ru  # Русский\n"
                      f"translation_of: {path.name}\ntexts:\n", encoding="utf-8")
    po = tmp_path / "ru.po"
    assert main(["translations", "export", str(path), "--lang", "ru", "-o", str(po)]) == 0
    with po.open("rb") as handle:
        catalog = read_po(handle)
    keys = [message.context for message in catalog if message.id]
    assert keys == [text.key for text in printed_texts(_checked(path))]
    for message in catalog:
        if message.id and message.context != "document.place":
            message.string = f"РУ {message.id}"
    with po.open("wb") as handle:
        write_po(handle, catalog)
    assert main(["translations", "import", str(path), str(po)]) == 0
    saved = target.read_text(encoding="utf-8")
    assert saved.startswith("# Russian text, reviewed by the legal service\n")
    assert "language: ru  # Русский" in saved
    assert f"РУ {starter['document']['title']}" in saved
    assert "still missing: 1 texts" in capsys.readouterr().err
    assert [c for c, _, _ in _codes(path) if c != "DG625"] == ["DG621"]


def test_export_marks_a_translation_whose_source_changed_fuzzy(
        tmp_path: Path, starter: dict[str, Any]) -> None:
    path = _spec(tmp_path, starter, ["en", "ru"])
    translate_all(path, "ru", "РУ")
    title = starter["document"]["title"]
    path.write_text(path.read_text(encoding="utf-8").replace(title, title + " (revised)", 1),
                    encoding="utf-8")
    po = tmp_path / "ru.po"
    assert main(["translations", "export", str(path), "--lang", "ru", "-o", str(po)]) == 0
    with po.open("rb") as handle:
        message = next(m for m in read_po(handle) if m.context == "document.title")
    assert message.fuzzy
    assert message.string == f"РУ {title}"
    assert f'#| msgid "{title}"\nmsgctxt "document.title"' in po.read_text(encoding="utf-8")


def test_an_urdu_edition_reads_right_to_left_in_every_format(
        tmp_path: Path, starter: dict[str, Any]) -> None:
    path = _spec(tmp_path, starter, ["en", "ur"])
    translate_all(path, "ur", "اردو")
    folder = build(path, out=tmp_path / "out", documents=["framework"]).folder / "ur"
    with zipfile.ZipFile(folder / "framework.docx") as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        styles = etree.fromstring(archive.read("word/styles.xml"))
    paragraphs = body.findall(f".//{W}p")
    assert paragraphs
    assert all(p.find(f"{W}pPr/{W}bidi") is not None for p in paragraphs)
    runs = [r for r in body.iter(f"{W}r") if URDU.search("".join(r.itertext()))]
    assert runs
    assert all(r.find(f"{W}rPr/{W}rtl") is not None for r in runs)
    assert all(t.find(f"{W}tblPr/{W}bidiVisual") is not None for t in body.iter(f"{W}tbl"))
    assert body.find(f".//{W}sectPr/{W}bidi") is not None
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults is not None
    assert defaults.find(f"{W}lang").get(f"{W}bidi") == "ur-PK"
    assert defaults.find(f"{W}rFonts").get(f"{W}cs") == "Noto Nastaliq Urdu"
    fonts = subprocess.run(["pdffonts", str(folder / "framework.pdf")], capture_output=True,
                           text=True, check=True).stdout.splitlines()[2:]
    names = {line.split()[0].split("+", 1)[1] for line in fonts}
    assert "Noto-Nastaliq-Urdu" in names
    assert names <= {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic",
                     "Liberation-Serif-BoldItalic", "Noto-Nastaliq-Urdu",
                     "Noto-Nastaliq-Urdu-Bold", "Noto-Nastaliq-Urdu-Oblique",
                     "Noto-Naskh-Arabic", "Noto-Naskh-Arabic-Bold"}, names


def test_an_urdu_word_file_carries_its_nastaliq_faces(tmp_path: Path,
                                                      starter: dict[str, Any]) -> None:
    """Embedded as Word does (obfuscated parts named in fontTable.xml), so a reader's Word
    or LibreOffice shows Nastaliq without the font installed; the bytes are the shipped
    faces'."""
    from docgen.paths import TEMPLATES
    from docgen.writers.docx_fonts import FACES, obfuscate

    path = _spec(tmp_path, starter, ["en", "ur"])
    translate_all(path, "ur", "اردو")
    folder = build(path, out=tmp_path / "out", formats=["docx"], documents=["framework"]).folder
    with zipfile.ZipFile(folder / "ur" / "framework.docx") as archive:
        fonts = etree.fromstring(archive.read("word/fontTable.xml"))
        rels = etree.fromstring(archive.read("word/_rels/fontTable.xml.rels"))
        settings = etree.fromstring(archive.read("word/settings.xml"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        (font,) = [f for f in fonts.iter(f"{W}font")
                   if f.get(f"{W}name") == "Noto Nastaliq Urdu"]
        for tag, file in FACES["Noto Nastaliq Urdu"]:
            embedded = font.find(f"{W}{tag}")
            rid = embedded.get("{http://schemas.openxmlformats.org/officeDocument/2006/"
                               "relationships}id")
            data = archive.read("word/" + targets[rid])
            assert obfuscate(data, embedded.get(f"{W}fontKey")) == \
                (TEMPLATES / file).read_bytes()
            assert data[:32] != (TEMPLATES / file).read_bytes()[:32]
        types = archive.read("[Content_Types].xml").decode()
    assert settings.find(f"{W}embedTrueTypeFonts") is not None
    assert "application/vnd.openxmlformats-officedocument.obfuscatedFont" in types
    with zipfile.ZipFile(folder / "en" / "framework.docx") as archive:
        assert not [n for n in archive.namelist() if n.startswith("word/fonts/")]


def test_dates_come_from_babel_in_each_language() -> None:
    day = dt.date(2026, 9, 20)
    assert formatting.long_date(day, formatting.locale_for("kk")) == "2026\u202fж. 20 қыркүйек"
    assert formatting.long_date(day, formatting.locale_for("ru")) == "20 сентября 2026\u202fг."
    assert formatting.direction("ur") == "rtl"
    assert formatting.direction("kk") == "ltr"


def test_lang_restricts_a_build_and_refuses_a_language_without_texts(
        tmp_path: Path, starter: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    path = _spec(tmp_path, starter, ["en", "ru", "kk"])
    translate_all(path, "ru", "РУ")
    out = tmp_path / "out"
    assert main(["build", "--lang", "ru", "--format", "html", "--out", str(out), str(path)]) == 0
    assert sorted(p.name for p in (out / "talks").iterdir()) == ["manifest.json", "ru"]
    assert main(["build", "--lang", "kk", "--out", str(out), str(path)]) == 2
    assert "no translation file" in capsys.readouterr().err


def test_binding_words_are_checked_in_each_translations_own_language(
        tmp_path: Path, starter: dict[str, Any]) -> None:
    path = _spec(tmp_path, starter, ["en", "ru"])
    target = translate_all(path, "ru", "РУ")
    objective = starter["framework"]["objectives"][0]
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace(f'"РУ {quoted(objective)[1:]}',
                                   '"Стороны обязуются развивать торговлю"', 1),
                      encoding="utf-8")
    found = [d for d in validate(path).diagnostics if d.code == "DG601"]
    assert [d.message for d in found] == [
        "the binding word 'обязуются' in a non-binding document (ru)"]
    line = target.read_text(encoding="utf-8").splitlines()[found[0].line - 1]
    assert line[found[0].column - 1:].startswith("обязуются")


def test_the_alternat_builds_one_original_per_party_naming_it_first(
        tmp_path: Path, starter: dict[str, Any]) -> None:
    names = [party["name"] for party in starter["parties"]]
    starter["document"]["title"] = f"Framework between {names[0]} and {names[1]}"
    starter["document"]["alternat"] = True
    path = _spec(tmp_path, starter, ["en", "ru"])
    translate_all(path, "ru", "РУ")
    folder = build(path, out=tmp_path / "out", formats=["html"]).folder
    ids = [party["id"] for party in starter["parties"]]
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html")) == sorted(
        f"{lang}/{party}/{doc}.html" for lang in ("en", "ru") for party in ids
        for doc in ("framework", "minutes"))
    for first, second in ((0, 1), (1, 0)):
        page = (folder / "en" / ids[first] / "framework.html").read_text(encoding="utf-8")
        assert f"<h1 class=\"title\">Framework between {names[first]} and {names[second]}</h1>" \
            in page
        signers = re.findall(r'<th id="signatures/[^"]*"[^>]*><p class="sign-for">For ([^<]+)<',
                             page)
        assert signers == [names[first], names[second]]
