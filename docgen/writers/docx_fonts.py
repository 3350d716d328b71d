"""Fonts embedded in a Word file, so that a right-to-left text reads the same everywhere.

Word and LibreOffice lay a .docx out in the fonts of the reader's machine. Noto Nastaliq
Urdu is on few machines, and the usual fallback lacks letters Urdu needs: LibreOffice on
Debian draws ہ and ے as empty boxes in DejaVu Sans. So the complex-script face the
styles name (`docx_bidi.COMPLEX_FONT`, regular and bold) travels in the file, as Word's
"Embed fonts in the file" does (ECMA-376 Part 1, 17.8.3.3): each face is an obfuscated
font part (`word/fonts/*.odttf`: its first 32 bytes XORed with its key, a GUID, read
backwards), named in fontTable.xml by `w:embedRegular` / `w:embedBold` with that key,
and settings.xml says `w:embedTrueTypeFonts`. The Noto fonts are under the SIL Open
Font License, which allows embedding (their OS/2 fsType is 0, "installable").

The key is derived from the font's bytes, so a rebuild writes the same file.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from docgen.writers import asset

FACES = {"Noto Nastaliq Urdu": (("embedRegular", "assets/fonts/NotoNastaliqUrdu-Regular.ttf"),
                                ("embedBold", "assets/fonts/NotoNastaliqUrdu-Bold.ttf"))}
"""Font name (as the styles name it) -> its faces: (fontTable element, file)."""
OBFUSCATED = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FONT_ORDER = ("altName", "panose1", "charset", "family", "notTrueType", "pitch", "sig",
              "embedRegular", "embedBold", "embedItalic", "embedBoldItalic")
BEFORE_EMBEDDING = frozenset(qn(f"w:{tag}") for tag in (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData"))
"""What comes before `w:embedTrueTypeFonts` in settings.xml (CT_Settings, in schema order)."""


def embed(word: Any, name: str, templates: Path) -> None:
    """Embed the faces of font `name` in the python-docx document `word`."""
    table = next(rel.target_part for rel in word.part.rels.values()
                 if rel.reltype == RT.FONT_TABLE)
    fonts = etree.fromstring(table.blob)
    font = next((f for f in fonts.iter(qn("w:font")) if f.get(qn("w:name")) == name), None)
    if font is None:
        font = etree.SubElement(fonts, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (("charset", "B2"), ("family", "auto"), ("pitch", "variable")):
            etree.SubElement(font, qn(f"w:{tag}")).set(qn("w:val"), value)
    for tag, file in FACES[name]:
        data = asset(templates, file).read_bytes()
        key = "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"
        package = word.part.package
        part = Part(package.next_partname("/word/fonts/font%d.odttf"), OBFUSCATED,
                    obfuscate(data, key), package)
        for old in font.findall(qn(f"w:{tag}")):
            font.remove(old)
        embedded = etree.Element(qn(f"w:{tag}"))
        embedded.set(qn("r:id"), table.relate_to(part, RT.FONT))
        embedded.set(qn("w:fontKey"), key)
        later = [i for i, child in enumerate(font)
                 if etree.QName(child).localname in FONT_ORDER[FONT_ORDER.index(tag) + 1:]]
        font.insert(later[0] if later else len(font), embedded)
    table._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8",
                                 standalone=True)
    settings = word.settings.element
    if settings.find(qn("w:embedTrueTypeFonts")) is None:
        before = [i for i, node in enumerate(settings) if node.tag in BEFORE_EMBEDDING]
        settings.insert(before[-1] + 1 if before else 0,
                        settings.makeelement(qn("w:embedTrueTypeFonts"), {}))


def obfuscate(data: bytes, key: str) -> bytes:
    """ECMA-376's font obfuscation: the first 32 bytes XORed with the key's bytes, reversed
    (the same operation undoes it)."""
    secret = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ secret[i % 16] for i, byte in enumerate(data[:32]))
    return head + data[32:]
