"""Drive LibreOffice headlessly through its UNO API, for tests that open the Word files.

The venv's Python cannot `import uno`: the UNO bridge is Debian's python3-uno, built for
/usr/bin/python3. So each call runs this very file as a script under /usr/bin/python3
(isolated mode, `-I`), with a JSON request; that worker starts its own soffice with a
private profile and a unique pipe, connects with a bounded retry, does the work, writes a
JSON result and always terminates soffice. The caller gives the worker a timeout; when
it runs out the caller kills the worker's whole process group (soffice is in it) and any
process still naming the call's private folder, then deletes the folder. soffice opens a
copy of the file in that folder (a lock file left by a killed soffice would make the
next load fail) and finds the bundled Liberation Serif through a private fontconfig file.

    available()                        None, or why LibreOffice cannot be driven here
    update_fields(docx, out_dir=None)  update every index and field: pages and contents
                                       entries before and after (optionally save DOCX, PDF)
    list_labels(docx)                  each paragraph's text, style and computed list label
    resolve_changes(docx, accept)      accept or reject all tracked changes: the body text
    CALLS                              what each call did and how long it took
    leftover_soffice()                 pids still running that those calls started

Errors (soffice or python3-uno missing, soffice dying, a timeout, a UNO exception) are
raised as `LibreOfficeError` with the worker's traceback and the tail of soffice's log.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from pathlib import Path
from typing import Any

SYSTEM_PYTHON = "/usr/bin/python3"
TIMEOUT = 120.0
"""Seconds one call may take, LibreOffice's start and shutdown included."""
CONNECT_TIMEOUT = 60.0
"""Seconds the worker waits for a fresh soffice to accept the connection."""
PROFILE_PREFIX = "docgen-lo-"
FONT_DIRS = (Path(__file__).resolve().parents[1] / "templates" / "assets" / "fonts",)
"""Fonts soffice finds besides the system's: the Liberation Serif the PDF is set in, which
fontconfig substitutes for the Word files' Times New Roman (metric-compatible, as Word's
own Times New Roman is). Without them LibreOffice falls back to the wider DejaVu Serif
and every page break moves, so a call fails if none is found."""
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  {dirs}
  <cachedir>{cache}</cachedir>
</fontconfig>
"""
CALLS: list[dict[str, Any]] = []
"""One record per call: command, file, work (its private folder), seconds (wall, in the
caller), the worker's phases and leftovers (processes a worker that exited left running)."""


class LibreOfficeError(RuntimeError):
    """LibreOffice could not be started, connected to, or could not do the work in time."""


# --- the caller's side (the venv's Python) -------------------------------------------------


def soffice_path() -> str | None:
    """The soffice command, or None."""
    return shutil.which("soffice") or next(
        (p for p in ("/usr/lib/libreoffice/program/soffice",) if os.access(p, os.X_OK)), None)


@functools.cache
def available() -> str | None:
    """Return None if LibreOffice can be driven here, else the reason it cannot."""
    if soffice_path() is None:
        return ("LibreOffice is not installed (no soffice command): "
                "apt-get install libreoffice-writer-nogui")
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        return f"{SYSTEM_PYTHON} is missing; python3-uno's UNO bridge is built for it"
    try:
        subprocess.run([SYSTEM_PYTHON, "-I", "-c", "import uno"], check=True,
                       capture_output=True, timeout=30)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
        return (f"{SYSTEM_PYTHON} cannot import uno (LibreOffice's Python bridge): "
                "apt-get install python3-uno")
    return None


def update_fields(docx_path: Path | str, out_dir: Path | str | None = None, *,
                  timeout: float = TIMEOUT) -> dict[str, Any]:
    """Open a DOCX in LibreOffice, update every index and text field, and report.

    Returns {"pages_before", "pages_after": int, "toc_before", "toc_after": [{"level",
    "text", "page"}], "indexes": int, "saved": [paths]}: the pages as LibreOffice lays the
    document out, the contents entries as stored in the file and as LibreOffice computes
    them (level from the entry's paragraph style "Contents N", else the style's name;
    text without the page number). With out_dir the updated document is saved there as
    <stem>.docx and <stem>.pdf.
    """
    args: dict[str, Any] = {"path": str(Path(docx_path).resolve())}
    if out_dir is not None:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        args["out_dir"] = str(Path(out_dir).resolve())
    result: dict[str, Any] = _call("update_fields", args, timeout)
    return result


def list_labels(docx_path: Path | str, *, timeout: float = TIMEOUT) -> list[dict[str, Any]]:
    """Every paragraph of the body, table cells included, in document order.

    Each is {"text", "style", "label", "where"}: its text, paragraph style name, the list
    label LibreOffice computes for it (ListLabelString, "" when not numbered) and
    "body" or "table NAME CELL".
    """
    result: list[dict[str, Any]] = _call(
        "list_labels", {"path": str(Path(docx_path).resolve())}, timeout)
    return result


def resolve_changes(docx_path: Path | str, accept: bool, *, timeout: float = TIMEOUT) -> str:
    """Accept (or reject) every tracked change and return the body text after, one line a
    paragraph. Raises LibreOfficeError if a tracked change is left."""
    result = _call("resolve_changes", {"path": str(Path(docx_path).resolve()),
                                       "accept": accept}, timeout)
    if result["redlines_after"]:
        raise LibreOfficeError(f"{result['redlines_after']} of {result['redlines_before']} "
                               f"tracked changes left in {docx_path} after "
                               f"{'accepting' if accept else 'rejecting'} all")
    text: str = result["text"]
    return text


def _call(command: str, args: dict[str, Any], timeout: float) -> Any:
    """Run one command in a worker under the system Python; return its result."""
    reason = available()
    if reason is not None:
        raise LibreOfficeError(reason)
    source = Path(args["path"])
    if not source.is_file():
        raise LibreOfficeError(f"LibreOffice {command}: no such file: {source}")
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix=PROFILE_PREFIX))
    record: dict[str, Any] = {"command": command, "file": source.name, "work": str(work)}
    try:
        return _run_worker(command, args, timeout=timeout, work=work, record=record,
                           started=started)
    finally:
        record.setdefault("seconds", round(time.monotonic() - started, 2))
        CALLS.append(record)
        shutil.rmtree(work, ignore_errors=True)


def _run_worker(command: str, args: dict[str, Any], *, timeout: float, work: Path,
                record: dict[str, Any], started: float) -> Any:
    source = args["path"]
    # soffice opens a copy, so that its lock file (left behind if it is killed) and any
    # change stay in the private folder, not next to the caller's file.
    (work / "input").mkdir()
    args = {**args, "path": str(shutil.copy(source, work / "input" / Path(source).name))}
    request = {"command": command, "args": args, "soffice": soffice_path(),
               "profile": str(work / "profile"), "pipe": f"docgen_{uuid.uuid4().hex}",
               "log": str(work / "soffice.log"),
               "connect_timeout": min(CONNECT_TIMEOUT, timeout)}
    (work / "request.json").write_text(json.dumps(request), encoding="utf-8")
    fonts = [d for d in FONT_DIRS if any(d.glob("*.ttf"))]
    if not fonts:
        raise LibreOfficeError(f"no fonts in {', '.join(map(str, FONT_DIRS))}: LibreOffice "
                               "would set the Word files in another font than the PDF's")
    (work / "fonts.conf").write_text(FONTS_CONF.format(
        dirs="\n  ".join(f"<dir>{d}</dir>" for d in fonts), cache=work / "fontcache"),
        encoding="utf-8")
    result_path = work / "result.json"
    with open(work / "worker.log", "wb") as log:
        worker = subprocess.Popen(  # its own process group, which soffice joins
            [SYSTEM_PYTHON, "-I", __file__, str(work / "request.json"), str(result_path)],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True, env=_worker_env(work / "fonts.conf"))
        timed_out = True
        try:
            timed_out = not _wait_unreaped(worker.pid, started + timeout)
            if not timed_out:  # what a worker that exited left running: nothing, normally
                record["leftovers"] = len(_pids_naming(str(work)))
        finally:
            # The worker is dead or a zombie now (not reaped: its pid, the group's id,
            # cannot be reused), so the group holds only what it left behind.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
            _kill_naming(str(work))  # any that left the group
            running = _wait_gone(str(work), time.monotonic() + 10)
    if running:
        raise LibreOfficeError(f"LibreOffice {command} of {source}: processes {running} "
                               "survived SIGKILL")
    record["seconds"] = round(time.monotonic() - started, 2)
    worker_log = (work / "worker.log").read_text(encoding="utf-8", errors="replace")
    if timed_out:
        raise LibreOfficeError(f"LibreOffice {command} of {source} timed out after "
                               f"{timeout:g} s{_tails(worker_log, work)}")
    if not result_path.exists():
        raise LibreOfficeError(f"LibreOffice {command} of {source}: the UNO worker exited "
                               f"with {worker.returncode} and no result"
                               f"{_tails(worker_log, work)}")
    answer = json.loads(result_path.read_text(encoding="utf-8"))
    record["phases"] = answer.get("phases", {})
    if not answer["ok"]:
        raise LibreOfficeError(f"LibreOffice {command} of {source}: {answer['error']}"
                               f"{_tails(answer.get('traceback', ''), work)}")
    return answer["result"]


def _worker_env(fonts_conf: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "VIRTUAL_ENV", "UNO_PATH", "URE_BOOTSTRAP",
                                "FONTCONFIG_"))}
    env["SAL_USE_VCLPLUGIN"] = "svp"  # headless rendering, no display needed
    env["FONTCONFIG_FILE"] = str(fonts_conf)
    return env


def _wait_unreaped(pid: int, deadline: float) -> bool:
    """Wait until the child `pid` exits, leaving it unreaped; False if the deadline passed."""
    while time.monotonic() < deadline:
        info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        if info is not None and info.si_pid == pid:
            return True
        time.sleep(0.05)
    return False


def _kill_naming(marker: str) -> int:
    """SIGKILL every process whose command line contains `marker`; return how many."""
    killed = 0
    for pid in _pids_naming(marker):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
            killed += 1
    return killed


def _wait_gone(marker: str, deadline: float) -> list[int]:
    """Wait until no process names `marker` (killed ones take a moment); return any left."""
    while (running := _pids_naming(marker)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return running


def _pids_naming(marker: str) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != os.getpid():
            try:
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            if marker.encode() in cmdline:
                pids.append(int(entry))
    return pids


def leftover_soffice() -> list[int]:
    """Pids of processes that a call made from this process started and that still run
    (other test runs on the machine, with profiles of their own, are not counted)."""
    return sorted({pid for call in CALLS for pid in _pids_naming(call["work"])})


def _tails(text: str, work: Path) -> str:
    parts = [f"\n--- UNO worker:\n{text.strip()[-3000:]}"] if text.strip() else []
    log = work / "soffice.log"
    if log.exists() and log.read_text(errors="replace").strip():
        parts.append(f"\n--- soffice:\n{log.read_text(errors='replace').strip()[-2000:]}")
    return "".join(parts)


# --- the worker's side (/usr/bin/python3 with python3-uno) ---------------------------------


def _worker(request_path: str, result_path: str) -> int:
    request = json.loads(Path(request_path).read_text(encoding="utf-8"))
    phases: dict[str, float] = {}
    answer: dict[str, Any] = {"ok": False, "phases": phases}
    started = time.monotonic()
    office = None
    try:
        office = _Office(request)
        office.start()
        phases["start"] = round(time.monotonic() - started, 2)
        answer["result"] = _COMMANDS[request["command"]](office, request["args"], phases)
        answer["ok"] = True
    except Exception as error:
        answer["error"] = f"{type(error).__name__}: {error}"
        answer["traceback"] = traceback.format_exc()
    finally:
        mark = time.monotonic()
        if office is not None:
            office.stop()
        phases["stop"] = round(time.monotonic() - mark, 2)
        phases["total"] = round(time.monotonic() - started, 2)
        Path(result_path).write_text(json.dumps(answer), encoding="utf-8")
    return 0


class _Office:
    """One private soffice: started, connected to over a pipe, terminated."""

    def __init__(self, request: dict[str, Any]) -> None:
        self.request = request
        self.process: subprocess.Popen[bytes] | None = None
        self.context: Any = None
        self.desktop: Any = None

    def start(self) -> None:
        import uno
        from com.sun.star.connection import NoConnectException

        request = self.request
        profile = Path(request["profile"])
        with open(request["log"], "wb") as log:
            self.process = subprocess.Popen(
                [request["soffice"], "--headless", "--invisible", "--norestore", "--nologo",
                 "--nodefault", "--nolockcheck", "--nofirststartwizard",
                 f"-env:UserInstallation={profile.as_uri()}",
                 f"--accept=pipe,name={request['pipe']};urp;"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        url = f"uno:pipe,name={request['pipe']};urp;StarOffice.ComponentContext"
        deadline = time.monotonic() + request["connect_timeout"]
        while True:
            try:
                self.context = resolver.resolve(url)
                break
            except NoConnectException:
                code = self.process.poll()
                if code is not None:
                    raise RuntimeError(f"soffice exited with {code} before accepting "
                                       "the UNO connection") from None
                if time.monotonic() > deadline:
                    raise RuntimeError(f"soffice did not accept the UNO connection within "
                                       f"{request['connect_timeout']:g} s") from None
                time.sleep(0.1)
        self.desktop = self.context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", self.context)

    def load(self, path: str) -> Any:
        import uno
        from com.sun.star.beans import PropertyValue

        def prop(name: str, value: Any) -> Any:
            p = PropertyValue()
            p.Name, p.Value = name, value
            return p

        if not Path(path).is_file():
            raise FileNotFoundError(path)
        document = self.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(path), "_blank", 0,
            (prop("Hidden", True), prop("ReadOnly", False), prop("UpdateDocMode", 0)))
        if document is None:
            raise RuntimeError(f"LibreOffice could not open {path} (not a document it "
                               "reads, or it wanted to ask something)")
        return document

    def store(self, document: Any, path: str, filter_name: str) -> None:
        import uno
        from com.sun.star.beans import PropertyValue

        p = PropertyValue()
        p.Name, p.Value = "FilterName", filter_name
        document.storeToURL(uno.systemPathToFileUrl(path), (p,))

    def dispatch(self, document: Any, command: str) -> None:
        helper = self.context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", self.context)
        helper.executeDispatch(document.getCurrentController().getFrame(), command, "", 0, ())

    def stop(self) -> None:
        """Terminate soffice: politely over UNO, then by signal; wait for it to be gone."""
        if self.desktop is not None:
            with contextlib.suppress(Exception):  # the bridge drops as soffice quits
                self.desktop.terminate()
        if self.process is None:
            return
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        # oosplash has exited; soffice.bin, its child, must not outlive it.
        for pid in _pids_naming(self.request["profile"]):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)


def _page_count(document: Any) -> int:
    """The pages of the laid-out document (walking the view cursor forces the layout)."""
    controller = document.getCurrentController()
    cursor = controller.getViewCursor()
    cursor.jumpToLastPage()
    last = cursor.getPage()
    cursor.jumpToFirstPage()
    count = controller.getPropertyValue("PageCount")
    if count != last:
        raise RuntimeError(f"PageCount {count} but the last page is {last}")
    return int(count)


def _paragraphs(text: Any, where: str = "body") -> Any:
    """Yield (paragraph, where) for a text's paragraphs, entering tables."""
    enumeration = text.createEnumeration()
    while enumeration.hasMoreElements():
        element = enumeration.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            yield element, where
        elif element.supportsService("com.sun.star.text.TextTable"):
            for cell_name in element.getCellNames():
                yield from _paragraphs(element.getCellByName(cell_name).getText(),
                                       f"table {element.getName()} {cell_name}")


_TOC_LEVEL = re.compile(r"^(?:Contents|TOC|toc)\s*(\d+)$")


def _toc_entries(document: Any) -> list[dict[str, Any]]:
    """The contents entries: every paragraph of every content index but its title."""
    entries = []
    indexes = document.getDocumentIndexes()
    for i in range(indexes.getCount()):
        index = indexes.getByIndex(i)
        if not index.supportsService("com.sun.star.text.ContentIndex"):
            continue
        paragraphs = index.getAnchor().createEnumeration()
        while paragraphs.hasMoreElements():
            paragraph = paragraphs.nextElement()
            if not paragraph.supportsService("com.sun.star.text.Paragraph"):
                continue
            style = paragraph.getPropertyValue("ParaStyleName")
            text = paragraph.getString()
            if not text.strip() or style == index.getPropertyValue("ParaStyleHeading"):
                continue
            level_match = _TOC_LEVEL.match(style)
            entry_text, tab, page = text.rpartition("\t")
            if not tab or not page.strip().isdigit():
                entry_text, page = text, ""
            entries.append({"level": int(level_match.group(1)) if level_match else style,
                            "text": entry_text.strip(), "page": page.strip()})
    return entries


def _update_fields(office: _Office, args: dict[str, Any],
                   phases: dict[str, float]) -> dict[str, Any]:
    mark = time.monotonic()
    document = office.load(args["path"])
    try:
        pages_before = _page_count(document)
        toc_before = _toc_entries(document)
        phases["load"] = round(time.monotonic() - mark, 2)
        mark = time.monotonic()
        indexes = document.getDocumentIndexes()
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        document.getTextFields().refresh()
        pages_after = _page_count(document)
        toc_after = _toc_entries(document)
        phases["update"] = round(time.monotonic() - mark, 2)
        saved = []
        if args.get("out_dir"):
            mark = time.monotonic()
            stem = Path(args["path"]).stem
            for suffix, filter_name in ((".docx", "MS Word 2007 XML"),
                                        (".pdf", "writer_pdf_Export")):
                target = str(Path(args["out_dir"]) / f"{stem}{suffix}")
                office.store(document, target, filter_name)
                saved.append(target)
            phases["save"] = round(time.monotonic() - mark, 2)
        return {"pages_before": pages_before, "pages_after": pages_after,
                "toc_before": toc_before, "toc_after": toc_after,
                "indexes": indexes.getCount(), "saved": saved}
    finally:
        document.close(True)


def _list_labels(office: _Office, args: dict[str, Any],
                 phases: dict[str, float]) -> list[dict[str, Any]]:
    mark = time.monotonic()
    document = office.load(args["path"])
    try:
        _page_count(document)  # list labels are computed with the layout
        phases["load"] = round(time.monotonic() - mark, 2)
        mark = time.monotonic()
        labels = [{"text": paragraph.getString(),
                   "style": paragraph.getPropertyValue("ParaStyleName"),
                   "label": paragraph.getPropertyValue("ListLabelString"),
                   "where": where}
                  for paragraph, where in _paragraphs(document.getText())]
        phases["read"] = round(time.monotonic() - mark, 2)
        return labels
    finally:
        document.close(True)


def _resolve_changes(office: _Office, args: dict[str, Any],
                     phases: dict[str, float]) -> dict[str, Any]:
    mark = time.monotonic()
    document = office.load(args["path"])
    try:
        phases["load"] = round(time.monotonic() - mark, 2)
        before = document.getRedlines().createEnumeration()
        redlines_before = 0
        while before.hasMoreElements():
            before.nextElement()
            redlines_before += 1
        office.dispatch(document, ".uno:AcceptAllTrackedChanges" if args["accept"]
                        else ".uno:RejectAllTrackedChanges")
        after = document.getRedlines().createEnumeration()
        redlines_after = 0
        while after.hasMoreElements():
            after.nextElement()
            redlines_after += 1
        lines = [p.getString() for p, _ in _paragraphs(document.getText())]
        return {"text": "\n".join(lines), "redlines_before": redlines_before,
                "redlines_after": redlines_after}
    finally:
        document.close(True)


_COMMANDS = {"update_fields": _update_fields, "list_labels": _list_labels,
             "resolve_changes": _resolve_changes}


if __name__ == "__main__":
    sys.exit(_worker(sys.argv[1], sys.argv[2]))
