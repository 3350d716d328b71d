"""Word: the document's semantic HTML walked into a .docx that uses real Word styles.

In: a `RenderedDocument` (HTML in the subset templates/README.md defines, and the page
of each heading from the PDF layout). Out: the bytes of a .docx — built-in styles a
drafter can restyle (a `reference.docx` in the templates folder, like Pandoc's, has
its styles win), lists that restart at 1, data tables whose header rows repeat, a
contents field already filled in, a running header and a "Page N of M" footer,
Annex A on landscape pages — byte-identical for the same input.

The work is split by topic: docx_xml (WordprocessingML pieces), docx_text (text pieces),
docx_styles (styles), docx_geometry (page geometry, sizes, spacing and colours read from
the build's document.css by docx_css and docx_css_values), docx_lists (numbering),
docx_state (walk state, inline content), docx_walk (block elements), docx_tables
(tables; their column widths from columns, shared with the PDF), docx_page (sections,
header, footer, contents).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import lxml.html
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from docgen.errors import DocgenError
from docgen.writers import RenderedDocument, asset
from docgen.writers.docx_geometry import DEFAULT, for_templates
from docgen.writers.docx_lists import Numbering
from docgen.writers.docx_revisions import Revisions
from docgen.writers.docx_state import State, bookmark_names, check_subset
from docgen.writers.docx_styles import install_styles
from docgen.writers.docx_walk import walk
from docgen.writers.docx_xml import Element, element

REFERENCE = "reference.docx"
APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://'
    b'schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://'
    b'schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>docgen'
    b"</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>"
    b"false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false"
    b"</HyperlinksChanged></Properties>")
"""docProps/app.xml without the default template's made-up statistics."""
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
"""Word 2010's copy of the styles: the default template's, stale once docgen restyles."""
LEVELS = {"h1": 1, "h2": 1, "h3": 2, "h4": 3}
BEFORE_HYPHENATION = frozenset(qn(f"w:{tag}") for tag in (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
    "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
    "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
    "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
    "proofState", "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
    "stylePaneSortMethod", "documentType", "mailMerge", "revisionView", "trackRevisions",
    "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
    "styleLockTheme", "styleLockQFSet", "defaultTabStop"))
"""What comes before `w:autoHyphenation` in settings.xml (CT_Settings, in schema order)."""


def write(document: RenderedDocument) -> bytes:
    """Write one rendered document as the bytes of a .docx file."""
    root = _parse(document)
    check_subset(root, document.name)
    word, from_reference = _start(document.templates)
    geometry = for_templates(document.templates)
    styles = install_styles(word, document.language, keep_existing=from_reference,
                            geometry=geometry)
    _settings(word, hyphenate=None if from_reference else bool(geometry.hyphens))
    levels = {el.get("id"): LEVELS[el.tag] for el in root.iter(*LEVELS) if el.get("id")}
    state = State(document=word, name=document.name, styles=styles,
                  numbering=Numbering(word, geometry), page_of=dict(document.page_of),
                  anchors=bookmark_names(root), levels=levels,
                  columns=geometry.columns,
                  revisions=None if document.changes_by is None else Revisions(
                      document.changes_by, document.date))
    walk(state, root)
    if root.get("dir") == "rtl":
        from docgen.writers.docx_bidi import COMPLEX_FONT, right_to_left
        from docgen.writers.docx_fonts import embed

        right_to_left(word, document.language)
        embed(word, COMPLEX_FONT, document.templates)
    _properties(word, root, document.date)
    buffer = io.BytesIO()
    word.save(buffer)
    return reproducible(buffer.getvalue(), document.date)


def reference_document(language: str = "en") -> bytes:
    """An empty .docx holding docgen's Word styles: a start for templates/reference.docx.

    Save it as templates/reference.docx, change the styles in Word (Modify Style, not
    direct formatting), and every later build takes them.
    """
    word = docx.Document()
    install_styles(word, language, keep_existing=False)
    _settings(word, hyphenate=bool(DEFAULT.hyphens))
    _clean_package(word)
    buffer = io.BytesIO()
    word.save(buffer)
    return reproducible(buffer.getvalue(), dt.date(2000, 1, 1))


def _parse(document: RenderedDocument) -> Element:
    try:
        return lxml.html.document_fromstring(document.html)
    except (ValueError, etree.ParserError) as error:
        raise DocgenError(f"the Word writer cannot read the {document.name} HTML: {error}") \
            from None


def _start(templates: Path) -> tuple[Any, bool]:
    """A drafter's reference.docx with its body emptied, or python-docx's default."""
    reference = asset(templates, REFERENCE)
    if not reference.is_file():
        return docx.Document(), False
    try:
        word = docx.Document(str(reference))
    except Exception as error:  # python-docx raises several kinds for a bad package
        raise DocgenError(f"{reference}: not a Word document python-docx can open "
                          f"({error})") from None
    word.element.body.clear_content()
    return word, True


def _settings(word: Any, *, hyphenate: bool | None) -> None:
    """Word 2013+ layout (no "Compatibility Mode"), no prompt to update fields, one
    header for odd and even pages (a reference document may ask for two), and automatic
    hyphenation if document.css hyphenates anywhere (docgen's styles say where; with a
    reference document, `None`, its own setting and styles decide)."""
    settings = word.settings.element
    unwanted = settings.findall(qn("w:updateFields")) + settings.findall(
        qn("w:evenAndOddHeaders"))
    for node in unwanted + (settings.findall(qn("w:autoHyphenation"))
                            if hyphenate is not None else []):
        settings.remove(node)
    if hyphenate:
        before = [index for index, node in enumerate(settings)
                  if node.tag in BEFORE_HYPHENATION]
        settings.insert(before[-1] + 1 if before else 0, element("w:autoHyphenation"))
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def metadata(root: Any) -> dict[str, str]:
    """The document's metadata as its HTML `<head>` states it, the one source for all formats.

    WeasyPrint reads the same `<title>` and `<meta>` elements into the PDF's info
    dictionary; the Word file's core properties are read from them here.
    """
    head = root.find("head")
    found = {"language": root.get("lang") or "", "title": ""}
    if head is None:
        return found
    title = head.find("title")
    found["title"] = " ".join((title.text_content() if title is not None else "").split())
    for meta in head.iter("meta"):
        if meta.get("name") and meta.get("content") is not None:
            found[meta.get("name")] = meta.get("content")
    return found


def _properties(word: Any, root: Any, date: dt.date) -> None:
    """Core properties from the HTML's metadata, every date the document's own; no machine data."""
    stamp = dt.datetime.combine(date, dt.time(0, 0))
    facts = metadata(root)
    props = word.core_properties
    props.title = facts["title"][:255]
    props.subject = facts.get("description", "")[:255]
    props.keywords = facts.get("keywords", "")[:255]
    props.language = facts["language"]
    props.author = facts.get("author", "")[:255]
    props.identifier = facts.get("dcterms.identifier", "")[:255]
    props.last_modified_by = ""
    props.comments = ""
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    _clean_package(word)


def _clean_package(word: Any) -> None:
    """No thumbnail of an empty page, no made-up statistics, no stale second styles part."""
    package = word.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rid)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML
    for rid, rel in list(word.part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            word.part.rels.pop(rid)


def reproducible(data: bytes, date: dt.date) -> bytes:
    """Rewrite a zip with fixed timestamps, attributes and order: same input, same bytes."""
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        names.sort(key=lambda name: name != "[Content_Types].xml")
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()
