"""docgen preview as a user runs it: the real command, its watcher, a real browser.

The command runs in a subprocess on a free port over a copy of the example. In headless
Chromium (Debian's, driven by Selenium through chromedriver, as in
test_html_validators.py) the page follows a save, keeps its scroll position, shows the
diagnostics banner over the last good draft while the spec is broken, and drops it when
the spec is fixed. Fifty saves (valid, invalid, random mutations) leave the server
running, serving the last good render, bound to loopback only. Ctrl-C ends it with exit
130 and no traceback.
"""

from __future__ import annotations

import io
import json
import os
import random
import selectors
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import one_language
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"
CHROME_OPTIONS = ("headless", "no-sandbox", "disable-gpu", "disable-background-networking",
                  "no-first-run", "disable-dev-shm-usage")
TITLE = "Framework for Trade, Investment and Connectivity Cooperation between"
DATE = "  date: 2026-05-20 "
WAIT = 60.0


class Preview:
    """A running `docgen preview` of one spec, and what it said on stderr."""

    def __init__(self, spec: Path) -> None:
        self.spec = spec
        self.process = subprocess.Popen(
            [sys.executable, "-m", "docgen", "preview", "--port", "0", str(spec)],
            cwd=spec.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)})
        line = self._first_line()
        prefix = f"docgen: previewing {spec} at "
        assert line.startswith(prefix), line
        self.page = line.removeprefix(prefix).split(" ")[0]
        self.base = self.page.rsplit("/", 1)[0]

    def _first_line(self) -> str:
        assert self.process.stderr is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stderr, selectors.EVENT_READ)
            if not selector.select(WAIT):
                pytest.fail("docgen preview said nothing for a minute")
        return self.process.stderr.readline().decode("utf-8").rstrip("\n")

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.base + path, timeout=WAIT) as response:
            data: bytes = response.read()
            return data

    def state(self) -> dict[str, Any]:
        found: dict[str, Any] = json.loads(self.get("/state"))
        return found

    def settle(self, after: int) -> dict[str, Any]:
        """The state once a refresh past version `after` is done and no other follows soon."""
        deadline = time.monotonic() + WAIT
        state = self.state()
        while state["version"] <= after:
            assert self.process.poll() is None, self.stop()
            assert time.monotonic() < deadline, "no refresh followed the save"
            time.sleep(0.05)
            state = self.state()
        while True:
            time.sleep(0.3)
            again = self.state()
            if again["version"] == state["version"]:
                return state
            state = again

    def stop(self) -> tuple[int, str]:
        """Ctrl-C: return the exit status and everything it wrote to stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        _, err = self.process.communicate(timeout=WAIT)
        return self.process.returncode, err.decode("utf-8")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    spec = one_language(EXAMPLE, tmp_path / "draft.yaml")  # no translation files: no warning
    running = Preview(spec)
    try:
        yield running
    finally:
        if running.process.poll() is None:
            running.process.kill()
            running.process.communicate()


def _save(spec: Path, text: str | bytes, *, atomic: bool) -> None:
    """Save as an editor does: in place, or by renaming a new file over the old one."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if atomic:
        temporary = spec.with_name(f".{spec.name}.swp")
        temporary.write_bytes(data)
        os.replace(temporary, spec)
    else:
        spec.write_bytes(data)


def _command(command: str) -> str:
    found = shutil.which(command)
    if found is None:
        pytest.fail(f"{command} is not installed; the preview's browser test needs it: "
                    "install chromium and chromium-driver (./dev test does)")
    return found


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One headless Chromium, driven by Selenium through Debian's chromedriver."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail("selenium is not installed: install the dev extras with "
                    "`.venv/bin/pip install -e '.[dev]'` (./dev test does)")
    options = webdriver.ChromeOptions()
    options.binary_location = _command("chromium")
    for option in CHROME_OPTIONS:
        options.add_argument(f"--{option}")
    driver = webdriver.Chrome(service=Service(_command("chromedriver")), options=options)
    driver.set_window_size(1200, 900)
    try:
        yield driver
    finally:
        driver.quit()


def _until(driver: Any, script: str, what: str) -> Any:
    """Run `script` in the page until it returns something true; return that."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        found = driver.execute_script(script)
        if found:
            return found
        time.sleep(0.05)
    pytest.fail(f"the page never showed {what}")


DRAFT_TEXT = "document.getElementById('draft').contentDocument.body.innerText"
BANNER = """const banner = document.getElementById('problems');
return banner.hidden ? null : banner.innerText;"""
SCROLL = "return document.getElementById('draft').contentWindow.scrollY"


def test_the_page_follows_saves_and_shows_the_problems(preview: Preview,
                                                       chromium: Any) -> None:
    spec = preview.spec
    original = spec.read_text(encoding="utf-8")
    chromium.get(preview.page)
    _until(chromium, f"return {DRAFT_TEXT}.includes('Connectivity Cooperation')"
                     " && document.documentElement.dataset.shown", "the draft")
    chromium.execute_script("document.getElementById('draft').contentWindow.scrollTo(0, 700)")
    assert chromium.execute_script(SCROLL) == 700

    edited = original.replace(TITLE, TITLE.replace("Cooperation", "Cooperation (second)"))
    _save(spec, edited, atomic=False)
    _until(chromium, f"return {DRAFT_TEXT}.includes('Cooperation (second)')", "the edit")
    assert chromium.execute_script(SCROLL) == 700  # the reader is where they were
    assert chromium.execute_script(BANNER) is None

    line = original[:original.index(DATE)].count("\n") + 1
    _save(spec, edited.replace(DATE, "  date: 2026-05-40 "), atomic=True)
    banner = _until(chromium, BANNER, "the diagnostics banner")
    assert "The spec does not pass its checks; this is the last good draft." in banner
    assert f"{spec}:{line}:9: DG" in banner
    assert "Cooperation (second)" in chromium.execute_script(f"return {DRAFT_TEXT}")

    fixed = edited.replace(TITLE.replace("Cooperation", "Cooperation (second)"),
                           TITLE.replace("Cooperation", "Cooperation (third)"))
    _save(spec, fixed, atomic=False)
    _until(chromium, f"return {DRAFT_TEXT}.includes('Cooperation (third)')", "the fix")
    assert chromium.execute_script(BANNER) is None
    pdf = PdfReader(io.BytesIO(preview.get("/framework.pdf")))
    assert "Cooperation (third)" in " ".join(pdf.pages[0].extract_text().split())
    assert preview.stop() == (130, "docgen: interrupted\n")


def _mutations(text: str) -> Iterator[tuple[str, bytes, bool | None]]:
    """Fifty saves: what each is, its bytes, and whether it passes (None: unknown)."""
    lines = text.splitlines(keepends=True)
    chance = random.Random(14)
    fixed: list[tuple[str, Callable[[int], str | bytes], bool | None]] = [
        ("valid edit", lambda n: text.replace(TITLE, TITLE.replace("Cooperation",
                                                                   f"Cooperation {n}")), True),
        ("half-typed key", lambda n: text.replace("  place: Islamabad", "  pla"), False),
        ("impossible date", lambda n: text.replace(DATE, "  date: 2026-02-30 "), False),
        ("unclosed list", lambda n: text + "roadmap: [\n", False),
        ("empty file", lambda n: b"", False),
        ("not UTF-8", lambda n: b"\xff\xfe\x00garbage", False),
        ("truncated", lambda n: text[: len(text) // 2], None),
        ("valid again", lambda n: text.replace("  version: 3 ", f"  version: {n + 4} "), True),
    ]
    for n in range(50):
        if n % 2 == 0:
            what, make, passes = fixed[(n // 2) % len(fixed)]
            made = make(n)
            yield what, made.encode("utf-8") if isinstance(made, str) else made, passes
            continue
        mutated = list(lines)
        where = chance.randrange(len(mutated))
        kind = chance.choice(("drop a line", "repeat a line", "swap two lines",
                              "change a character", "cut the file"))
        if kind == "drop a line":
            del mutated[where]
        elif kind == "repeat a line":
            mutated.insert(where, mutated[where])
        elif kind == "swap two lines":
            other = chance.randrange(len(mutated))
            mutated[where], mutated[other] = mutated[other], mutated[where]
        elif kind == "change a character" and len(mutated[where]) > 1:
            at = chance.randrange(len(mutated[where]) - 1)
            mutated[where] = (mutated[where][:at] + chance.choice(":-[]{}&*#'\" \t9")
                              + mutated[where][at + 1:])
        else:
            mutated = mutated[:where]
        yield kind, "".join(mutated).encode("utf-8"), None


def _listening(pid: int) -> list[str]:
    """The local addresses (hex, as /proc/net shows them) of the process's listening TCP sockets."""
    inodes = {os.readlink(f"/proc/{pid}/fd/{fd}")[8:-1] for fd in os.listdir(f"/proc/{pid}/fd")
              if os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:[")}
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            fields = row.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                found.append(fields[1].split(":")[0])
    return found


def test_fifty_saves_leave_it_serving_the_last_good_render(preview: Preview) -> None:
    spec = preview.spec
    text = spec.read_text(encoding="utf-8")
    state = preview.state()
    good = {"framework": preview.get("/framework.html"), "minutes": preview.get("/minutes.html")}
    outcomes = {True: 0, False: 0}
    for n, (what, data, passes) in enumerate(_mutations(text)):
        _save(spec, data, atomic=n % 3 == 0)
        state = preview.settle(state["version"])
        assert preview.process.poll() is None, (what, preview.stop())
        if passes is not None:
            assert state["ok"] is passes, (n, what, state["problems"])
        outcomes[state["ok"]] += 1
        if state["ok"]:
            good = {name: preview.get(f"/{name}.html") for name in state["documents"]}
        else:
            assert state["problems"], what
            for name, html in good.items():
                assert preview.get(f"/{name}.html") == html, (n, what)
        assert all(p["line"].startswith(f"{spec}:") for p in state["problems"])
    assert outcomes[True] >= 10
    assert outcomes[False] >= 10
    assert preview.get("/framework.pdf")[:5] == b"%PDF-"
    assert _listening(preview.process.pid) == ["0100007F"]  # 127.0.0.1, and nothing else
    assert preview.stop() == (130, "docgen: interrupted\n")
