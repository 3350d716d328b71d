"""The implementation progress report: built in every format from a progress file, saying
the same in each, its charts drawing the same data in each, rebuilt to the same bytes.

The example spec is built with its latest progress file (2027-03-31) in English, Russian
and Urdu. Its words are read back from the three formats (tests/extract.py), the charts'
words too: the HTML's inline SVG, the SVG each Word picture embeds, the PDF's page. The
charts' data is read back from the Word file's SVG (each bar's dates, each point's value)
and compared with the spec and the progress file; the bars the PDF paints are compared,
in place and length, with the Word file's.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import edition_folder
from extract import (
    SVG,
    docx_chart_words,
    docx_charts,
    docx_words,
    html_chart_words,
    html_running,
    html_table_headers,
    html_words,
    pdf_words,
)
from pdf_shapes import filled_boxes

from docgen.build import build
from docgen.load import load_file
from docgen.progress.model import Progress
from docgen.validation import validate

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"
PROGRESS = ROOT / "specs" / "pakistan-kazakhstan-2026" / "progress"
NAME = "progress-2027-03-31"
PLANNED = "#cccccc"
"""The fill of a planned bar (templates/_charts.html.j2), and the PDF's 0.8 grey."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("progress")
    result = build(SPEC, out=out, languages=["en", "ru", "ur"], progress="latest",
                   documents=["framework"], jobs=2)
    return result.folder


def test_the_latest_progress_file_builds_the_report_in_every_format(built: Path) -> None:
    for language in ("en", "ru", "ur"):
        for fmt in ("html", "pdf", "docx"):
            assert (built / language / f"{NAME}.{fmt}").stat().st_size > 10_000
    info = subprocess.run(["pdfinfo", str(built / "en" / f"{NAME}.pdf")], capture_output=True,
                          text=True, check=True).stdout
    assert "Tagged:          yes" in info
    assert "Implementation progress report" in info


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_every_format_says_the_same(built: Path, language: str, fmt: str) -> None:
    page = edition_folder(built, language) / f"{NAME}.html"
    expected = html_words(page)
    found = pdf_words(page.with_suffix(".pdf"), html_running(page), html_table_headers(page)) \
        if fmt == "pdf" else docx_words(page.with_suffix(".docx"))
    assert len(expected) > 800
    assert found == expected


def test_urdu_says_the_same_in_html_and_word(built: Path) -> None:
    page = built / "ur" / f"{NAME}.html"
    assert docx_words(page.with_suffix(".docx")) == html_words(page)


@pytest.mark.parametrize("language", ["en", "ru", "ur"])
def test_the_charts_draw_the_same_words_in_every_format(built: Path, language: str) -> None:
    page = built / language / f"{NAME}.html"
    charts = html_chart_words(page)
    assert len(charts) >= 2 + 10  # the Gantt in two figures, and a chart per target
    assert docx_chart_words(page.with_suffix(".docx")) == charts
    if language != "ur":  # pdf_words finds each chart's words drawn together, or fails
        pdf_words(page.with_suffix(".pdf"), html_running(page), html_table_headers(page))


def test_a_right_to_left_pdf_shows_each_chart_as_its_picture(built: Path) -> None:
    """WeasyPrint sets SVG text letter by letter, which cannot join Urdu: the Urdu PDF
    shows each chart as the PNG docgen draws with Raqm (the Word file's fallback)."""
    page = built / "ur" / f"{NAME}.html"
    images = subprocess.run(["pdfimages", "-list", str(page.with_suffix(".pdf"))],
                            capture_output=True, text=True, check=True).stdout
    pictures = [line.split() for line in images.splitlines()[2:]]
    assert len(pictures) >= len(html_chart_words(page))
    assert all(int(p[3]) >= 2000 for p in pictures)  # 300 dpi across the text width
    english = subprocess.run(["pdfimages", "-list", str(built / "en" / f"{NAME}.pdf")],
                             capture_output=True, text=True, check=True).stdout
    assert len(english.splitlines()) == 2  # vector charts: no picture at all


def _progress() -> Progress:
    return Progress.model_validate(load_file(PROGRESS / "2027-03-31.yaml", "p").data)


def test_the_word_charts_carry_the_spec_and_progress_data(built: Path) -> None:
    spec = validate(SPEC).spec
    assert spec is not None
    progress = _progress()
    svgs = docx_charts(built / "en" / f"{NAME}.docx")
    bars = [r for svg in svgs for r in svg.iter(f"{SVG}rect") if r.get("data-bar")]
    planned = {(r.get("data-start"), r.get("data-end")) for r in bars
               if r.get("data-bar") == "planned"}
    assert planned == {(a.start.isoformat(), a.finish.isoformat() if a.finish else "ongoing")
                       for a in spec.roadmap}
    actual = {(r.get("data-start"), r.get("data-end")) for r in bars
              if r.get("data-bar") == "actual"}
    expected = {(e.started.isoformat(), (e.completed or progress.as_of).isoformat())
                for e in progress.activities if e.started and e.status != "cancelled"}
    assert actual == expected
    points = {(p.get("data-on"), float(p.get("data-value") or "nan")) for svg in svgs
              for p in svg.iter() if p.get("data-point") == "actual"}
    assert points == {(a.period.end.isoformat(), a.value) for t in progress.targets
                      for a in t.actuals}
    met = sum(1 for svg in svgs for p in svg.iter() if p.get("data-met") == "yes")
    assert met == sum(1 for e in progress.activities for m in e.milestones if m.met)


def test_the_pdf_paints_the_bars_the_word_file_draws(built: Path) -> None:
    """Each planned bar in the PDF stands where, and is as long as, the Word file's SVG
    says, scaled to the page: the same chart, not merely the same words."""
    svgs = docx_charts(built / "en" / f"{NAME}.docx")
    painted = [b for b in filled_boxes(built / "en" / f"{NAME}.pdf") if b.fill == (0.8,) * 3]
    drawn = [[(float(r.get("x") or 0), float(r.get("width") or 0)) for r in svg.iter(f"{SVG}rect")
              if r.get("fill") == PLANNED] for svg in svgs]
    drawn = [chart for chart in drawn if chart]
    assert sum(map(len, drawn)) == len(painted) > 20
    at = 0
    for chart in drawn:
        boxes = painted[at:at + len(chart)]
        at += len(chart)
        scale = boxes[0].width / chart[0][1]
        left = boxes[0].x - scale * chart[0][0]
        for (x, width), box in zip(chart, boxes, strict=True):
            assert box.width == pytest.approx(scale * width, abs=0.3)
            assert box.x == pytest.approx(left + scale * x, abs=0.3)


def test_each_word_chart_has_a_png_fallback_and_alternative_text(built: Path) -> None:
    with zipfile.ZipFile(built / "en" / f"{NAME}.docx") as archive:
        document = archive.read("word/document.xml").decode()
        names = archive.namelist()
    charts = document.count("svgBlip")
    assert charts >= 12
    assert sum(1 for n in names if n.startswith("word/media/") and n.endswith(".png")) == charts
    assert document.count('descr="The baseline') + document.count('descr="Each activity') \
        == charts


def test_a_rebuild_gives_the_same_bytes(built: Path, tmp_path: Path) -> None:
    again = build(SPEC, out=tmp_path, languages=["en"], progress=PROGRESS / "2027-03-31.yaml",
                  documents=["framework"], jobs=1).folder
    for fmt in ("html", "pdf", "docx"):
        assert (again / "en" / f"{NAME}.{fmt}").read_bytes() == \
            (built / "en" / f"{NAME}.{fmt}").read_bytes(), fmt


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True,
                          text=True, cwd=cwd, check=False,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin",
                               "HOME": str(cwd)})


def test_a_bad_progress_file_builds_nothing_and_says_where(tmp_path: Path) -> None:
    shutil.copy(SPEC, tmp_path / SPEC.name)
    folder = tmp_path / SPEC.stem / "progress"
    folder.mkdir(parents=True)
    text = (PROGRESS / "2027-03-31.yaml").read_text().replace("  - id: R-2.3\n",
                                                               "  - id: R-2.33\n")
    (folder / "2027-03-31.yaml").write_text(text)
    done = _cli("build", SPEC.name, "--progress", "--lang", "en", "--format", "html",
                cwd=tmp_path)
    assert done.returncode == 1
    line = text[:text.index("R-2.33")].count("\n") + 1
    assert f"2027-03-31.yaml:{line}:" in done.stdout + done.stderr
    assert "DG701" in done.stdout + done.stderr
    assert not (tmp_path / "out").exists()


def test_without_a_progress_file_the_build_says_where_one_goes(tmp_path: Path) -> None:
    shutil.copy(SPEC, tmp_path / SPEC.name)
    done = _cli("build", SPEC.name, "--progress", "--format", "html", cwd=tmp_path)
    assert done.returncode == 2
    assert f"no progress file in {SPEC.stem}/progress/" in done.stderr


def test_the_first_period_builds_too_and_says_the_same(tmp_path: Path) -> None:
    """The example's other progress file (2026-09-30): the report of an earlier period."""
    folder = build(SPEC, out=tmp_path, languages=["en"], documents=["framework"],
                   progress=PROGRESS / "2026-09-30.yaml", jobs=1).folder / "en"
    page = folder / "progress-2026-09-30.html"
    expected = html_words(page)
    assert docx_words(page.with_suffix(".docx")) == expected
    assert pdf_words(page.with_suffix(".pdf"), html_running(page),
                     html_table_headers(page)) == expected
    assert not (folder / f"{NAME}.html").exists()  # one period's report per build
