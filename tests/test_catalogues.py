"""docgen's own wording in every language it ships: catalogues complete, current, compiled.

A sentence added to a template and not to a catalogue would print in English inside an
Urdu treaty; a translation that drops `%(date)s` would print no date. These tests read
the catalogues as translators' tools do (Babel) and the fonts as the PDF writer does
(fontTools), so neither can fall behind the templates unnoticed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont

from docgen.i18n import catalogue_path
from docgen.paths import TEMPLATES

LOCALE = Path(__file__).parent.parent / "docgen" / "locale"
LANGUAGES = sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES").is_dir())
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
FONTS = TEMPLATES / "assets" / "fonts"
REGISTER_WORDS = frozenset({
    "Sides", "Side", "Any_Side", "Either_Side", "either", "the_other", "will", "decide",
    "come_into_effect", "coming_into_effect", "in_effect", "cease", "inform", "informs",
    "informed", "names", "Signed_at", "authentic", "kind"})
"""Placeholders that hold a word of the register (templates/_wording.html.j2) or the
document's kind, which a translation may say by its own grammar instead."""


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _ids(catalog: Catalog) -> set[tuple[str, str | None]]:
    return {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in catalog if m.id}


def _entry(*parts: object) -> tuple[object, ...]:
    return tuple(tuple(p) if isinstance(p, list | tuple) else p for p in parts)


def test_the_template_is_what_the_templates_say(tmp_path: Path) -> None:
    """`./dev catalogs` was run after the templates' words last changed."""
    extracted = tmp_path / "docgen.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract",
                    "-F", str(LOCALE / "babel.cfg"), "--no-location", "--sort-output",
                    "-o", str(extracted), str(TEMPLATES)], check=True)
    missing = _ids(_read(extracted)) - _ids(_read(LOCALE / "docgen.pot"))
    gone = _ids(_read(LOCALE / "docgen.pot")) - _ids(_read(extracted))
    assert not missing, f"run ./dev catalogs: the templates have new messages {missing}"
    assert not gone, f"run ./dev catalogs: docgen.pot has messages no template has {gone}"


def test_docgen_ships_wording_for_the_example_languages() -> None:
    assert set(LANGUAGES) >= {"ru", "kk", "ur"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_with_its_placeholders(language: str) -> None:
    template = _read(LOCALE / "docgen.pot")
    catalog = _read(catalogue_path(language, ".po"))
    assert _ids(catalog) >= _ids(template), f"{language}: run ./dev catalogs"
    for message in catalog:
        if not message.id:
            continue
        where = f"{language}: {message.id!r}"
        assert not message.fuzzy, f"{where} is fuzzy: review it"
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(forms), f"{where} has no translation"
        wanted = {name for text in ids for name in PLACEHOLDER.findall(text)}
        for form in forms:
            found = set(PLACEHOLDER.findall(form))
            assert found <= wanted, (where, form)
            # A fact (a date, a place, a count, a name) is in every translation; a plural
            # form may leave the count out ("одна встреча"), a language its own way of
            # saying a register word ("shall" is a verb form in Russian and Kazakh).
            assert wanted - REGISTER_WORDS - {"num"} <= found, (where, form)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_the_translated_one(language: str) -> None:
    with catalogue_path(language, ".mo").open("rb") as handle:
        compiled = {_entry(m.id, m.context): _entry(m.string) for m in read_mo(handle) if m.id}
    written = {_entry(m.id, m.context): _entry(m.string)
               for m in _read(catalogue_path(language, ".po")) if m.id}
    assert compiled == written, f"{language}: run ./dev catalogs to compile the .mo"


@pytest.mark.parametrize("face", ["Regular", "Bold", "Italic", "BoldItalic"])
def test_liberation_serif_has_every_kazakh_and_russian_letter(face: str) -> None:
    kazakh = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
    russian = "".join(chr(c) for c in range(0x0410, 0x0450)) + "Ёё"
    marks = "«»„“–—\u00a0\u202f№"
    cmap = TTFont(FONTS / f"LiberationSerif-{face}.ttf").getBestCmap()
    assert [c for c in kazakh + russian + marks if ord(c) not in cmap] == []


@pytest.mark.parametrize("face", ["Regular", "Bold"])
def test_the_urdu_faces_have_the_urdu_letters(face: str) -> None:
    urdu = "ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھءیےۓ،۔؛؟"
    for family in ("NotoNastaliqUrdu", "NotoNaskhArabic"):
        cmap = TTFont(FONTS / f"{family}-{face}.ttf").getBestCmap()
        assert [c for c in urdu if ord(c) not in cmap] == [], family
