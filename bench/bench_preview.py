"""How fast `docgen preview` follows a save, next to a cold build and a warm bare layout.

    python bench/bench_preview.py [--edits N] [SPEC]

A real `docgen preview --doc framework --lang <first>` runs on a copy of SPEC (the
example by default) and a real headless Chromium (Debian's, through chromedriver, as
the suite's browser test) shows its page. Each edit changes the title (a text on the
framework's first page) and saves the file as an editor does; measured:

- save -> HTML: from the write until the text is in the page in the browser (watcher,
  checks, render, server-sent event, the page reloading its frame);
- save -> PDF: from the write until `GET /framework.pdf` has returned the new PDF (the
  preview lays the PDF out on demand, in its warm process);

against two references measured in the same run:

- a cold `docgen build --force --doc framework --lang <first> --format html` (and with
  `--format pdf`): what a drafter without the preview waits for;
- a bare WeasyPrint layout of the same standalone HTML in a warm process (this one,
  WeasyPrint imported and one layout done beforehand): the floor of any PDF preview.

Aims (issue 14): HTML <= 0.3 s; PDF <= 1.1x the warm bare layout. Prints the figures
and ratios; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import selectors
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"
CHROME_OPTIONS = ("headless", "no-sandbox", "disable-gpu", "disable-background-networking",
                  "no-first-run", "disable-dev-shm-usage")
WAIT = 60.0
TITLE_KEY = "  title: "
DRAFT_TEXT = "document.getElementById('draft').contentDocument.body.innerText"
UNTIL_SHOWN = f"""const [marker, done] = arguments;
const shown = () => {{ try {{ return {DRAFT_TEXT}.includes(marker); }}
                       catch (e) {{ return false; }} }};
const poll = () => shown() ? done(true) : setTimeout(poll, 2);
poll();"""


@dataclass
class Figures:
    """Seconds per run of each thing measured."""

    html_save: list[float]
    refreshed: list[float]
    """From the write to the server-sent event of the refresh (watch, checks, render)."""
    pdf_save: list[float]
    cold_html: list[float]
    cold_pdf: list[float]
    warm_layout: list[float]


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(ROOT)
    return env


def _copy(spec: Path, work: Path) -> Path:
    """The spec and its folder (translations, progress), where edits harm nothing."""
    target = work / spec.name
    shutil.copy2(spec, target)
    folder = spec.with_suffix("")
    if folder.is_dir():
        shutil.copytree(folder, work / folder.name)
    return target


def _first_language(spec: Path) -> str:
    from docgen.validation import validate

    report = validate(spec)
    if report.spec is None:
        sys.exit(f"bench: {spec} does not pass its checks")
    return report.spec.document.languages[0]


def _title_line(text: str) -> tuple[int, str]:
    """The index and text of the document's title line (the first `  title:` line)."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith(TITLE_KEY):
            return index, line
    sys.exit("bench: the spec has no `  title:` line to edit")


def _edited(text: str, marker: str) -> str:
    """The spec with `marker` appended to its title (a plain scalar or a quoted one)."""
    lines = text.splitlines(keepends=True)
    index, line = _title_line(text)
    if line.rstrip().endswith((">-", ">", "|", "|-")):  # a block scalar: its first line
        index += 1
        line = lines[index]
    body = line.rstrip("\n").rstrip()
    closing = body[-1] if body.endswith(('"', "'")) else ""
    lines[index] = f"{body.removesuffix(closing)} {marker}{closing}\n"
    return "".join(lines)


class Preview:
    """A running `docgen preview` on a free port."""

    def __init__(self, spec: Path, language: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "docgen", "preview", "--port", "0", "--doc", "framework",
             "--lang", language, str(spec)],
            cwd=spec.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            env=_environment())
        assert self.process.stderr is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stderr, selectors.EVENT_READ)
            if not selector.select(WAIT):
                sys.exit("bench: docgen preview said nothing for a minute")
        line = self.process.stderr.readline().decode("utf-8")
        self.page = line.split(" at ", 1)[1].split()[0]
        self.base = self.page.rsplit("/", 1)[0]

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.base + path, timeout=WAIT) as response:
            data: bytes = response.read()
            return data

    def version(self) -> int:
        found: int = json.loads(self.get("/state"))["version"]
        return found

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        self.process.communicate(timeout=WAIT)


@contextmanager
def _chromium() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or driver_path is None:
        sys.exit("bench: the preview bench needs chromium and chromium-driver (./dev test "
                 "installs them)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for option in CHROME_OPTIONS:
        options.add_argument(f"--{option}")
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_window_size(1200, 900)
    driver.set_script_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


def _save_to_html(spec: Path, original: str, driver: Any, marker: str) -> float:
    began = time.perf_counter()
    spec.write_text(_edited(original, marker), encoding="utf-8")
    driver.execute_async_script(UNTIL_SHOWN, marker)
    return time.perf_counter() - began


def _save_to_pdf(spec: Path, original: str, preview: Preview,
                 marker: str) -> tuple[float, float]:
    """Save, wait for the refresh's server-sent event (as the page does), fetch the PDF."""
    before = preview.version()
    with urllib.request.urlopen(preview.base + "/events", timeout=WAIT) as events:
        began = time.perf_counter()
        spec.write_text(_edited(original, marker), encoding="utf-8")
        for raw in events:
            line = raw.decode("utf-8")
            if line.startswith("data: ") and json.loads(line[6:])["version"] > before:
                break
        refreshed = time.perf_counter() - began
        preview.get("/framework.pdf")
        elapsed = time.perf_counter() - began
    _check_pdf(preview.get("/framework.pdf"), marker)
    return refreshed, elapsed


def _check_pdf(data: bytes, marker: str) -> None:
    """The PDF fetched is the edited one (checked outside the timing)."""
    import io

    from pypdf import PdfReader

    text = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    if marker not in text:
        sys.exit(f"bench: the preview's PDF does not show the edit {marker!r}")


def _timed(action: Callable[[], object], runs: int) -> list[float]:
    action()  # warm-up
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return times


def _cold_build(spec: Path, language: str, fmt: str, out: Path) -> Callable[[], object]:
    argv = [sys.executable, "-m", "docgen", "build", "--force", "--doc", "framework",
            "--lang", language, "--format", fmt, "--out", str(out), str(spec)]
    return lambda: subprocess.run(argv, cwd=ROOT, env=_environment(), check=True,
                                  capture_output=True)


def measure(spec: Path, edits: int) -> Figures:
    """Every figure of the module docstring, in one run."""
    work = Path(tempfile.mkdtemp(prefix="docgen-bench-preview-"))
    try:
        copy = _copy(spec, work)
        language = _first_language(copy)
        original = copy.read_text(encoding="utf-8")
        cold_html = _timed(_cold_build(copy, language, "html", work / "html"), edits)
        cold_pdf = _timed(_cold_build(copy, language, "pdf", work / "pdf"), edits)
        built = work / "html" / copy.stem / language / "framework.html"

        from weasyprint import HTML

        warm = _timed(lambda: HTML(filename=str(built)).write_pdf(), edits)
        preview = Preview(copy, language)
        try:
            with _chromium() as driver:
                driver.get(preview.page)
                driver.execute_async_script(UNTIL_SHOWN, "")
                html_save = [_save_to_html(copy, original, driver, f"edit{n}x")
                             for n in range(edits + 1)][1:]
            # The browser closed: its own rendering of each refresh would share the CPUs
            # with the layout being timed.
            preview.get("/framework.pdf")  # the first layout warms the fonts
            refreshed, pdf_save = zip(*[_save_to_pdf(copy, original, preview, f"pdf{n}x")
                                        for n in range(edits + 1)][1:], strict=True)
        finally:
            preview.stop()
        return Figures(html_save, list(refreshed), list(pdf_save), cold_html, cold_pdf, warm)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(figures: Figures) -> list[tuple[str, float, float | None, str]]:
    """Rows of (label, median s, ratio or None, aim)."""
    med = statistics.median
    html, pdf = med(figures.html_save), med(figures.pdf_save)
    return [
        ("preview: save -> HTML in the browser", html, None, "<= 0.3 s"),
        ("preview: save -> refreshed (event sent)", med(figures.refreshed), None, ""),
        ("preview: save -> PDF served", pdf, None, ""),
        ("cold docgen build --format html (framework)", med(figures.cold_html), None, ""),
        ("cold docgen build --format pdf (framework)", med(figures.cold_pdf), None, ""),
        ("bare WeasyPrint layout, warm process", med(figures.warm_layout), None, ""),
        ("save -> HTML / cold build html", html, html / med(figures.cold_html), ""),
        ("save -> PDF / warm bare layout", pdf, pdf / med(figures.warm_layout), "<= 1.1x"),
        ("save -> PDF / cold build pdf", pdf, pdf / med(figures.cold_pdf), ""),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=10, help="saves measured (default 10)")
    parser.add_argument("spec", nargs="?", type=Path, default=EXAMPLE)
    args = parser.parse_args()
    figures = measure(args.spec, args.edits)
    print(f"docgen preview bench: {args.spec.name}, {args.edits} edits, "
          f"{os.cpu_count()} CPUs; medians")
    for label, median, ratio, aim in report(figures):
        shown = f"{ratio:6.2f}x" if ratio is not None else ""
        print(f"  {label:<46} {median:7.3f} s {shown:>8}  {aim}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
