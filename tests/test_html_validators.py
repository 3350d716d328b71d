"""The web pages pass outside checkers: the Nu Html Checker, axe-core, and a phone's width.

Every HTML file docgen builds is checked: both documents of the example as a draft and
as a final, of the example with a third party, of one with many activities and of every
other spec of specs/ (a trilateral framework, a binding agreement), each built once,
and all checked in one run of each tool (the checkers start a JVM or a browser, seconds
each). The Nu Html Checker must find no error, axe-core (its CLI, in headless
Chromium) no violation; and in Chromium at 390 px, a phone's width, the page must not
scroll sideways, nothing may reach past the viewport except inside a box that scrolls
it, and no table cell may spill over its neighbour. At 1280 px likewise.

The checkers come from tools/package.json (`npm ci`) and Debian (java, chromium,
chromedriver), Selenium from the dev extras; `./dev test` installs all of them. One
that is missing fails the test with what to install: never a silent skip.
"""

from __future__ import annotations

import json
import re
import runpy
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import dump_yaml, edition_folder, load_yaml, one_language
from lxml import html

from docgen import system
from docgen.build import build

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"
OTHERS = sorted(spec for spec in (ROOT / "specs").glob("*.yaml") if spec != EXAMPLE)
"""The other specs of specs/ (a trilateral framework, a binding agreement), as drafts."""
TOOLS = ROOT / "tools" / "node_modules"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = TOOLS / ".bin" / "axe"
NPM_CI = "npm ci --ignore-scripts --no-audit --no-fund --prefix tools"
CHROME_OPTIONS = ("headless", "no-sandbox", "disable-gpu", "disable-background-networking",
                  "no-first-run", "disable-dev-shm-usage")
"""disable-dev-shm-usage: a container or chroot may have no (or a tiny) /dev/shm."""
WIDTHS = (390, 1280)
ACTIVITIES = 60
OVERFLOW = """
const viewport = document.documentElement.clientWidth;
const scroller = (el) => {
  for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
    const overflow = getComputedStyle(up).overflowX;
    if (overflow === "auto" || overflow === "scroll") return up;
  }
  return null;
};
const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
  (el.className ? "." + String(el.className).trim().split(/\\s+/).join(".") : "");
const problems = [];
for (const el of document.body.querySelectorAll("*")) {
  const box = el.getBoundingClientRect();
  if (box.width && box.right > viewport + 0.5 && !scroller(el))
    problems.push(`${name(el)} reaches ${Math.round(box.right)} px`);
}
const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let text = texts.nextNode(); text; text = texts.nextNode()) {
  const range = document.createRange();
  range.selectNodeContents(text);
  const right = Math.max(0, ...[...range.getClientRects()].map((r) => r.right));
  if (right > viewport + 0.5 && !scroller(text.parentElement))
    problems.push(`text "${text.textContent.trim().slice(0, 40)}" reaches ${Math.round(right)} px`);
}
for (const cell of document.querySelectorAll("td, th"))
  if (cell.scrollWidth > cell.clientWidth + 1)
    problems.push(`${name(cell)} "${cell.textContent.trim().slice(0, 40)}" spills out of its cell`);
return {viewport: viewport, scrollWidth: document.scrollingElement.scrollWidth,
        problems: problems};
"""
"""The layout's faults at the window's width, as one Chromium sees them."""


def _package(command: str) -> str:
    """The Debian package docgen/data/system-packages.txt lists for a command."""
    return next(p.debian for p in system.packages() if p.provides == f"cmd:{command}")


def _command(command: str) -> str:
    found = shutil.which(command)
    if found is None:
        pytest.fail(f"{command} is not installed; the web page checks need it: install it "
                    f"with `apt-get install {_package(command)}` (./dev test does)")
    return found


def _node_tool(path: Path) -> Path:
    if not path.is_file():
        pytest.fail(f"{path.relative_to(ROOT)} is missing; install the web page checkers "
                    f"of tools/package.json with `{NPM_CI}` (./dev test does)")
    return path


def _three_parties(folder: Path) -> Path:
    """The example with a third party: its own institutions, people, delegation, signatory."""
    spec = load_yaml(EXAMPLE.read_text(encoding="utf-8"))
    spec["parties"].append({"id": "UZ", "name": "the Government of the Republic of Uzbekistan",
                            "short_name": "Uzbekistan"})
    spec["institutions"] += [
        {"id": "uz-miit", "party": "UZ", "name": "Ministry of Investment, Industry and Trade",
         "short_name": "MIIT"},
        {"id": "uz-mot", "party": "UZ", "name": "Ministry of Transport", "short_name": "MoT-UZ"}]
    spec["people"] += [
        {"id": "uz-minister", "party": "UZ", "name": "Laziz Kudratov", "honorific": "H.E. Mr.",
         "title": "Minister of Investment, Industry and Trade", "institution": "uz-miit"},
        {"id": "uz-deputy", "party": "UZ", "name": "Name of the Deputy Minister",
         "honorific": "Mr.", "title": "Deputy Minister of Transport", "institution": "uz-mot"}]
    for activity in spec["roadmap"][::3]:
        activity["owners"].append("uz-mot")
    meeting = spec["meeting"]
    meeting["co_chairs"].append("uz-minister")
    meeting["delegations"].append({"party": "UZ", "head": "uz-minister",
                                   "members": ["uz-deputy"]})
    spec["signatories"].append({"party": "UZ", "person": "uz-minister"})
    spec["focal_points"].append({"person": "uz-deputy",
                                 "role": "Overall coordination for Uzbekistan"})
    path = folder / "three-parties.yaml"
    path.write_text(dump_yaml(spec), encoding="utf-8")
    return path


def _many_activities(folder: Path) -> Path:
    """The example grown to many roadmap activities by bench/generate.py."""
    generate = runpy.run_path(str(ROOT / "bench" / "generate.py"))["generate"]
    path = folder / "many-activities.yaml"
    path.write_text(generate(ACTIVITIES), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every HTML file of the builds (their English files), in a fixed order. The final is of
    the example cut to English: a final of several languages needs every translation."""
    folder = tmp_path_factory.mktemp("validators")
    english = one_language(EXAMPLE, folder / "english" / EXAMPLE.name)
    builds = [(EXAMPLE, False, "draft"), (english, True, "final"),
              (_three_parties(folder), False, "three"), (_many_activities(folder), False, "many"),
              *((spec, False, spec.stem) for spec in OTHERS)]
    found: list[Path] = []
    for spec, final, out in builds:
        result = build(spec, out=folder / out, formats=("html",), final=final, languages=["en"])
        found += sorted(edition_folder(result.folder).glob("*.html"))
    assert len(found) == 2 * len(builds)
    bilingual = build(_side_by_side(folder), out=folder / "bilingual", formats=("html",)).folder
    # The example's other editions (Urdu right to left, Kazakh, Russian) and both pairs.
    found += sorted(p for p in bilingual.glob("*/*.html") if p.parent.name != "en")
    assert len(found) == 2 * len(builds) + 2 * 5
    return found


def _side_by_side(folder: Path) -> Path:
    """The example, with its translations, asking for two bilingual editions (one with Urdu)."""
    target = folder / "bilingual-spec"
    shutil.copytree(EXAMPLE.with_suffix(""), target / EXAMPLE.stem)
    text = EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"^(  prevailing_language: .*)$", r"\1\n  side_by_side: [[kk, ru], [en, ur]]",
                  text, count=1, flags=re.MULTILINE)
    path = target / EXAMPLE.name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_variants_are_what_they_claim(pages: list[Path]) -> None:
    texts = {f"{p.parents[2].name}/{p.name}": p.read_text(encoding="utf-8") for p in pages}
    assert 'class="framework final"' in texts["final/framework.html"]
    assert 'class="draft-banner"' not in texts["final/framework.html"]
    assert 'class="draft-banner"' in texts["draft/framework.html"]
    assert texts["three/framework.html"].count("<th>Responsible: ") == 3
    assert texts["three/minutes.html"].count('<table class="grid delegation"') == 3
    assert texts["many/framework.html"].count('data-key="roadmap/G-') == \
        ACTIVITIES - texts["draft/framework.html"].count('data-key="roadmap/R-')


def _named_by(page: html.HtmlElement, el: html.HtmlElement) -> str:
    """The text of the elements `el`'s aria-labelledby points at (each must exist)."""
    return " ".join(" ".join(page.get_element_by_id(ident).text_content()
                             for ident in (el.get("aria-labelledby") or "").split()).split())


def test_every_table_is_named_and_every_wide_one_is_in_a_named_region(
        pages: list[Path]) -> None:
    """A screen reader names each table (pa11y warns of a table without a caption): by
    the heading before it (aria-labelledby, the lead paragraph as its description) or,
    for the signatures, in words (aria-label); its scrolling box has the same name."""
    for path in pages:
        page = html.fromstring(path.read_bytes())
        tables = list(page.iter("table"))
        assert len(tables) >= 4
        for table in tables:
            assert _named_by(page, table) or table.get("aria-label", "").strip(), \
                (path, table.get("class"))
            if "grid" in table.get("class", "").split():
                box = table.getparent()
                assert (box.tag, box.get("class"), box.get("role"), box.get("tabindex")) == \
                    ("div", "table-scroll", "region", "0")
                assert box.get("aria-labelledby") == table.get("aria-labelledby")


def test_the_nu_html_checker_finds_no_error(pages: list[Path]) -> None:
    java = _command("java")
    done = subprocess.run([java, "-jar", str(_node_tool(VNU)), "--errors-only", "--format",
                           "gnu", *map(str, pages)], capture_output=True, text=True,
                          timeout=300, check=False)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_axe_core_finds_no_violation(pages: list[Path]) -> None:
    done = subprocess.run(
        [str(_node_tool(AXE)), *(p.as_uri() for p in pages), "--stdout",
         "--chrome-path", _command("chromium"), "--chromedriver-path", _command("chromedriver"),
         f"--chrome-options={','.join(CHROME_OPTIONS)}"],
        capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert [result["url"] for result in results] == [p.as_uri() for p in pages]
    assert all(result["passes"] for result in results)  # axe did check the pages
    found = {result["url"]: [f"{v['id']}: {[n['target'] for n in v['nodes']]}"
                             for v in result["violations"]] for result in results}
    assert found == {p.as_uri(): [] for p in pages}


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One headless Chromium, driven by Selenium through Debian's chromedriver."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail("selenium is not installed; the 390 px check needs it: install the dev "
                    "extras with `.venv/bin/pip install -e '.[dev]'` (./dev test does)")
    options = webdriver.ChromeOptions()
    options.binary_location = _command("chromium")
    for option in CHROME_OPTIONS:
        options.add_argument(f"--{option}")
    driver = webdriver.Chrome(service=Service(_command("chromedriver")), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _layout(driver: Any, page: Path, width: int) -> dict[str, Any]:
    """What OVERFLOW finds in `page` with the window's inner width `width`."""
    driver.set_window_size(width, 900)
    inner = driver.execute_script("return window.innerWidth")
    if inner != width:  # the window's frame takes some width: make the inside `width`
        driver.set_window_size(2 * width - inner, 900)
    driver.get(page.as_uri())
    driver.execute_async_script("document.fonts.ready.then(() => arguments[0]())")
    assert driver.execute_script("return window.innerWidth") == width
    found: dict[str, Any] = driver.execute_script(OVERFLOW)
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_overflows_a_narrow_or_wide_window(pages: list[Path], chromium: Any,
                                                   width: int) -> None:
    for page in pages:
        found = _layout(chromium, page, width)
        assert found["viewport"] <= width
        assert found["scrollWidth"] <= found["viewport"], page
        assert found["problems"] == [], page


def test_wide_tables_scroll_in_their_own_box_at_390_px(pages: list[Path],
                                                       chromium: Any) -> None:
    page = next(p for p in pages if p.parents[2].name == "three" and
                p.name == "framework.html")
    _layout(chromium, page, 390)
    boxes = chromium.execute_script(
        "return [...document.querySelectorAll('.table-scroll')].map(box => ["
        "box.scrollWidth > box.clientWidth, getComputedStyle(box).overflowX, box.tabIndex,"
        "box.getAttribute('role'), box.querySelector('table').getAttribute('aria-labelledby')"
        " === box.getAttribute('aria-labelledby')])")
    assert len(boxes) == 7  # sectors, targets, summary, risks, annexes A, B and C
    assert [box[1:] for box in boxes] == [["auto", 0, "region", True]] * 7
    assert [box[0] for box in boxes].count(True) >= 3  # the matrix and others do scroll
