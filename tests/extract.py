"""Read the words of a built document back out of each format, as a reader would meet them.

HTML: parsed with lxml, in document order, list labels added as a browser shows them;
inline elements run on with the text around them ("<strong>X</strong>, y" is "X, y").
PDF: `pdftotext -raw` (content-stream order), running headers, footers and the
contents' page numbers taken out. DOCX: the body's paragraphs and tables in document
order, list labels computed from the numbering definitions as Word shows them.
Each returns a list of words (NFKC-normalised) for the parity tests to compare.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
import zipfile
from pathlib import Path
from typing import NamedTuple

from lxml import etree, html

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ASVG = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
SVG = "{http://www.w3.org/2000/svg}"
HYPHENATED = "\u2010"
"""What WeasyPrint prints where it hyphenates a word (its hyphenate-character)."""
BROKEN_AFTER_DASH = re.compile(r"[\w»”’)][-\u2013]$")
"""A line that ends inside a word, after its hyphen or en dash ("co-", "Azerbaijan–",
a Kazakh suffix after a quoted name: "«QazTrade Invest»-" / "те")."""


def words(text: str) -> list[str]:
    """Split text into words the same way for every format."""
    return unicodedata.normalize("NFKC", text).split()


def _label(kind: str, number: int) -> str:
    if kind == "alpha":
        return f"({chr(ord('a') + number - 1)})"
    return f"{number}."


# -- HTML -----------------------------------------------------------------------------------

def html_words(path: Path) -> list[str]:
    """The words of a standalone HTML document, list labels included."""
    root = html.fromstring(path.read_bytes())
    out: list[str] = []
    _walk_html(root.find("body"), out)
    return words("".join(out))  # inline elements join as a browser shows them: "Group</strong>."


def _walk_html(element: html.HtmlElement, out: list[str]) -> None:
    classes = set((element.get("class") or "").split())
    if "running" in classes or element.tag in ("script", "style", "svg"):
        return  # a chart's words: html_chart_words
    if element.tag in _BLOCKS:
        out.append(" ")
    if element.tag == "li":
        parent = element.getparent()
        kinds = set((parent.get("class") or "").split()) & {"alpha", "decimal"}
        if kinds:
            out.append(_label(kinds.pop(), list(parent).index(element) + 1) + " ")
    if element.text:
        out.append(element.text)
    for child in element:
        _walk_html(child, out)
        if child.tail:
            out.append(child.tail)
    if element.tag in _BLOCKS or element.tag == "br":
        out.append(" ")


_BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "tr", "table", "ol", "ul", "div",
           "section", "header", "nav", "main", "thead", "tbody", "figure", "figcaption"}


def html_chart_words(path: Path) -> list[list[str]]:
    """The words each chart (inline SVG) draws, chart by chart, in drawing order: every
    `text` apart, `title` and `desc` (which no reader sees drawn) left out."""
    root = html.fromstring(path.read_bytes())
    return [words(" ".join(text.text_content() for text in svg.iter("text")))
            for svg in root.iter("svg")]


class Running(NamedTuple):
    """What every page repeats, and the contents entries, as the HTML states them."""

    title: str
    status: str
    toc: list[str]
    footer: re.Pattern[str]
    """The page footer in the document's language ("Page 3 of 25", "Бет 3 / 25")."""
    charts: list[list[str]]
    """The words of each chart, which a PDF draws together, after its page's text (none in
    a right-to-left PDF, whose charts are pictures)."""


def html_running(path: Path) -> Running:
    """The running title, running status, contents entries and page footer, from the HTML."""
    root = html.fromstring(path.read_bytes())
    title = root.find_class("running-title")[0].text_content()
    status = root.find_class("running-status")[0].text_content()
    toc = [a.text_content() for a in root.xpath(
        "//ol[contains(@class, 'toc-entries')]/li/a")]
    (page,) = root.find_class("running-page")
    texts = [page.text or "", *(number.tail or "" for number in page)]
    # The words around the page number and count, which the PDF fills in.
    footer = re.compile("^" + r"\s*\d+\s*".join(
        r"\s+".join(re.escape(word) for word in text.split()) for text in texts) + "$")
    # A right-to-left PDF shows its charts as pictures (docgen/writers/pdf_charts.py).
    charts = [] if root.get("dir") == "rtl" else html_chart_words(path)
    return Running(title, status, toc, footer, charts)


# -- PDF ------------------------------------------------------------------------------------

def pdf_words(path: Path, running: Running,
              table_headers: list[list[str]]) -> list[str]:
    """The words of a PDF in content-stream order, as printed once.

    Taken out: running headers and footers, the contents' page numbers, and table
    header rows that a page break repeated at the top of a page. A word broken after
    its own hyphen or en dash at a line end ("co-" / "chaired", "2029–" / "2031") is
    joined again, and one that hyphenation broke ("Pharma‐" / "ceuticals", with
    WeasyPrint's hyphenate-character U+2010, which no template prints) is joined
    without it.
    """
    title, status, toc, footer, _ = running  # the charts' words are taken out last
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    header = {" ".join(text.split()) for text in (title, status, f"{title} {status}")}
    entries = {" ".join(entry.split()) for entry in toc}  # no-break spaces as spaces
    out: list[str] = []
    last_header: list[str] = []
    for page in text.split("\f"):
        lines: list[str] = []
        for printed in _without_running_header(page, header):
            line = printed
            if not line or footer.match(line):
                continue
            numbered = re.match(r"^(.*\S)\s+\d+$", line)
            if numbered and any(e.endswith(numbered.group(1)) for e in entries):
                line = numbered.group(1)  # a contents entry (or its last line): drop its page
            elif line.isdigit() and lines and any(e.endswith(lines[-1]) for e in entries):
                continue  # the page number of an entry, alone on the line after it
            if lines and lines[-1].endswith(HYPHENATED) and line[:1].isalnum():
                lines[-1] = lines[-1][:-1] + line  # a word hyphenation broke
            elif lines and BROKEN_AFTER_DASH.search(lines[-1]) and line[:1].isalnum():
                lines[-1] += line  # a line broken after a hyphen or a dash in a word
            else:
                lines.append(line)
        tokens = words("\n".join(lines))
        if last_header and tokens[:len(last_header)] == last_header:
            tokens = tokens[len(last_header):]  # the header row a page break repeated
        for start in range(len(tokens)):
            for candidate in table_headers:
                if tokens[start:start + len(candidate)] == candidate:
                    last_header = candidate
        out.extend(tokens)
    return _without_charts(path, out, running.charts)


def _without_charts(path: Path, out: list[str], charts: list[list[str]]) -> list[str]:
    """The words less each chart's, which must be found drawn together (compared letter by
    letter, without combining marks: pdftotext may set an Urdu vowel sign apart)."""
    drawn = [_bare(_as_drawn(token)) for token in out]
    for number, chart in enumerate(charts, start=1):
        wanted = "".join(_bare(word) for word in chart)
        span = next((span for start in range(len(out))
                     if (span := _run(drawn, start, wanted)) is not None), None)
        if span is None:
            raise AssertionError(f"{path}: chart {number}'s words are not drawn together: "
                                 f"{' '.join(chart)}")
        del out[span[0]:span[1]]  # drawn after its page's text (a picture, not the flow)
        del drawn[span[0]:span[1]]
    return out


def _run(drawn: list[str], start: int, wanted: str) -> tuple[int, int] | None:
    """The tokens from `start` that spell `wanted` exactly, as (start, end), if they do."""
    if not wanted.startswith(drawn[start]) or not drawn[start]:
        return None
    spelled, end = "", start
    while end < len(drawn) and len(spelled) < len(wanted):
        spelled += drawn[end]
        end += 1
    return (start, end) if spelled == wanted else None


def _bare(word: str) -> str:
    return "".join(ch for ch in word if unicodedata.category(ch) != "Mn")


BIDI_MARKS = re.compile("[\u202a-\u202e]")
ARABIC = re.compile("[\u0600-\u06ff]")


def _as_drawn(token: str) -> str:
    """A chart's word as pdftotext reads it back: WeasyPrint draws an SVG text's glyphs in
    visual order, so an Urdu word comes out letter-reversed, between embedding marks."""
    return "".join(piece[::-1] if ARABIC.search(piece) else piece
                   for piece in BIDI_MARKS.split(token))


def _without_running_header(page: str, header: set[str]) -> list[str]:
    """A page's lines (spaces normalised) less the running header, also where a long title
    wrapped it over two or three lines."""
    lines = [" ".join(raw.split()) for raw in page.splitlines()]
    kept: list[str] = []
    index = 0
    while index < len(lines):
        span = next((n for n in (1, 2, 3) if " ".join(lines[index:index + n]) in header), 0)
        if span:
            index += span
            continue
        kept.append(lines[index])
        index += 1
    return kept


def html_table_headers(path: Path) -> list[list[str]]:
    """The words of every table header row."""
    root = html.fromstring(path.read_bytes())
    return [words(" ".join(th.text_content() for th in row.findall("th")))
            for row in root.xpath("//thead/tr")]


def pdf_pages(path: Path) -> int:
    """The number of pages of a PDF (pdfinfo)."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]


# -- DOCX -----------------------------------------------------------------------------------

def docx_words(path: Path) -> list[str]:
    """The words of a Word body in document order, list labels and no contents page numbers."""
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
        numbering = _numbering(archive)
    counters: dict[str, int] = {}
    out: list[str] = []
    for paragraph in body.iter(f"{W}p"):
        text = _paragraph_text(paragraph)
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val", "").upper().startswith("TOC") \
                and "\t" in text:
            text = re.sub(r"\t\s*\d*\s*$", "", text)
        num = paragraph.find(f"{W}pPr/{W}numPr/{W}numId")
        if num is not None and num.get(f"{W}val") in numbering:
            key = num.get(f"{W}val")
            fmt, pattern, start = numbering[key]
            counters[key] = counters.get(key, start - 1) + 1
            label = pattern.replace("%1", _format(fmt, counters[key]))
            text = f"{label} {text}"
        out.append(text)
    return words("\n".join(out))


def docx_charts(path: Path) -> list[etree._Element]:
    """The SVG of each picture of the body that has one (Word's svgBlip), in body order."""
    with zipfile.ZipFile(path) as archive:
        rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
        return [etree.fromstring(archive.read("word/" + targets[blip.get(f"{R}embed")]))
                for blip in body.iter(f"{ASVG}svgBlip")]


def docx_chart_words(path: Path) -> list[list[str]]:
    """The words each chart of a Word file draws (its SVG's `text`s), chart by chart."""
    return [words(" ".join("".join(text.itertext()) for text in svg.iter(f"{SVG}text")))
            for svg in docx_charts(path)]


def _paragraph_text(paragraph: etree._Element) -> str:
    """A paragraph's text; a non-breaking hyphen (inside an id) is the hyphen it shows."""
    parts = []
    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        parts.append(node.text or "" if node.tag == f"{W}t" else
                     "\t" if node.tag == f"{W}tab" else
                     "-" if node.tag == f"{W}noBreakHyphen" else "\n")
    return "".join(parts)


def _format(fmt: str, number: int) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + number - 1)
    return str(number)


def _numbering(archive: zipfile.ZipFile) -> dict[str, tuple[str, str, int]]:
    """Map each numId to (number format, level text, first number) of its level 0."""
    if "word/numbering.xml" not in archive.namelist():
        return {}
    root = etree.fromstring(archive.read("word/numbering.xml"))
    abstract = {}
    for node in root.iter(f"{W}abstractNum"):
        level = node.find(f"{W}lvl[@{W}ilvl='0']")
        if level is not None:
            abstract[node.get(f"{W}abstractNumId")] = (
                level.find(f"{W}numFmt").get(f"{W}val"), level.find(f"{W}lvlText").get(f"{W}val"))
    found = {}
    for num in root.iter(f"{W}num"):
        ref = num.find(f"{W}abstractNumId").get(f"{W}val")
        start = num.find(f"{W}lvlOverride[@{W}ilvl='0']/{W}startOverride")
        if ref in abstract:
            found[num.get(f"{W}numId")] = (*abstract[ref],
                                           1 if start is None else int(start.get(f"{W}val")))
    return found
