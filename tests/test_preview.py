"""docgen preview, in process: which hosts it serves, what a refresh renders, its events.

The server runs in a thread over a `Drafts` of a temporary spec; the tests refresh the
drafts themselves (the watcher is tested with the real command, in
tests/test_preview_browser.py), read the event stream with http.client and check each
answer's status and content.
"""

from __future__ import annotations

import http.client
import json
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import STARTER

from docgen.cli import main
from docgen.errors import UsageError
from docgen.paths import DOCUMENTS, TEMPLATES
from docgen.preview import page
from docgen.preview.drafts import Drafts
from docgen.preview.server import PreviewServer, check_host

REFUSED = ("docgen: refusing to serve on {host}: the drafts would be open to every machine "
           "that can reach it; the preview serves 127.0.0.1 only, unless you add "
           "--allow-remote\n")


@pytest.mark.parametrize(("host", "bound"), [("127.0.0.1", "127.0.0.1"),
                                             ("localhost", "127.0.0.1"), ("::1", "::1"),
                                             ("127.0.0.2", "127.0.0.2")])
def test_loopback_hosts_are_served(host: str, bound: str) -> None:
    assert check_host(host, allow_remote=False) == bound


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10"])
def test_other_hosts_are_refused_unless_allowed(host: str) -> None:
    with pytest.raises(UsageError) as refused:
        check_host(host, allow_remote=False)
    assert f"docgen: {refused.value}\n" == REFUSED.format(host=host)
    assert check_host(host, allow_remote=True) == host


def test_the_command_refuses_a_remote_host_before_any_work(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["preview", "--host", "0.0.0.0", "no-such-spec.yaml"]) == 2
    assert capsys.readouterr().err == REFUSED.format(host="0.0.0.0")
    assert main(["preview", "--host", "example.org", str(STARTER)]) == 2
    assert capsys.readouterr().err == \
        "docgen: --host takes an IP address or 'localhost', not 'example.org'\n"


def test_a_missing_spec_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["preview", "--port", "0", "no-such-spec.yaml"]) == 2
    assert capsys.readouterr().err == "docgen: no such file: no-such-spec.yaml\n"


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(STARTER.read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.fixture
def served(spec: Path) -> Iterator[PreviewServer]:
    """A preview server of `spec` on a free loopback port, refreshed once."""
    drafts = Drafts(spec, tuple(DOCUMENTS), TEMPLATES)
    drafts.refresh()
    server = PreviewServer(("127.0.0.1", 0), drafts, lambda d, v: page(drafts, d, v))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping = True
        drafts.wake()
        server.shutdown()
        server.server_close()
    assert server.fatal is None


def _get(server: PreviewServer, path: str, host: str | None = None) -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection(*server.server_address[:2], timeout=30)
    connection.putrequest("GET", path, skip_host=host is not None)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    response = connection.getresponse()
    found = (response.status, response.getheader("Content-Type") or "", response.read())
    connection.close()
    return found


def _edit(spec: Path, old: str, new: str) -> None:
    text = spec.read_text(encoding="utf-8")
    assert old in text
    spec.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_of_the_meeting_renders_only_the_minutes(spec: Path) -> None:
    drafts = Drafts(spec, tuple(DOCUMENTS), TEMPLATES)
    first = drafts.refresh()
    assert first.ok
    assert set(first.drafts) == {"framework", "minutes"}
    assert drafts.renders == {"framework": 1, "minutes": 1}
    _edit(spec, "venue: Ministry of Trade", "venue: Palace of Nations")
    second = drafts.refresh()
    assert drafts.renders == {"framework": 1, "minutes": 2}
    assert second.drafts["framework"] is first.drafts["framework"]
    assert b"Palace of Nations" in second.drafts["minutes"].html
    assert drafts.refresh().drafts == second.drafts  # nothing changed: nothing rendered
    assert drafts.renders == {"framework": 1, "minutes": 2}


def test_an_invalid_spec_keeps_the_last_good_drafts_and_says_where(spec: Path) -> None:
    drafts = Drafts(spec, tuple(DOCUMENTS), TEMPLATES)
    good = drafts.refresh()
    _edit(spec, "start: 2026-02-10", "start: 2026-02-30")
    line = spec.read_text(encoding="utf-8").splitlines().index("  start: 2026-02-30") + 1
    bad = drafts.refresh()
    assert not bad.ok
    assert bad.drafts == good.drafts
    assert [p.line.split(" ")[0] for p in bad.problems] == [f"{spec}:{line}:10:"]
    spec.write_bytes(b"\xff\xfe not text")
    assert drafts.refresh().drafts == good.drafts


def test_the_server_answers_each_route(served: PreviewServer) -> None:
    status, kind, body = _get(served, "/framework")
    assert (status, kind) == (200, "text/html; charset=utf-8")
    assert b'<iframe id="draft" title="Framework document" src="/framework.html">' in body
    draft = served.drafts.current.drafts["framework"]
    assert _get(served, "/framework.html") == (200, "text/html; charset=utf-8", draft.html)
    status, kind, pdf = _get(served, "/minutes.pdf")
    assert (status, kind, pdf[:5]) == (200, "application/pdf", b"%PDF-")
    assert _get(served, "/minutes.pdf")[2] == pdf  # laid out once per key
    assert served.drafts.renders["minutes.pdf"] == 1
    state = json.loads(_get(served, "/state")[2])
    assert state == served.drafts.current.as_json()
    assert _get(served, "/nothing")[0] == 404
    assert _get(served, "/")[0] == 302


def test_a_foreign_host_header_is_refused(served: PreviewServer) -> None:
    """A page elsewhere that rebinds its own name to 127.0.0.1 cannot read the drafts."""
    port = served.server_address[1]
    assert _get(served, "/state", host=f"evil.example:{port}")[:2] == \
        (403, "text/plain; charset=utf-8")
    assert _get(served, "/state", host=f"localhost:{port}")[0] == 200
    assert _get(served, "/state", host=f"127.0.0.1:{port}")[0] == 200


def _events(server: PreviewServer) -> Iterator[dict[str, Any]]:
    """The `state` events of /events, parsed, as they come."""
    connection = http.client.HTTPConnection(*server.server_address[:2], timeout=30)
    connection.request("GET", "/events")
    response = connection.getresponse()
    assert (response.status, response.getheader("Content-Type")) == (200, "text/event-stream")
    event: list[str] = []
    try:
        while line := response.readline().decode("utf-8"):
            if line != "\n":
                event.append(line.rstrip("\n"))
                continue
            if event and event[0] == "event: state":
                assert event[1].startswith("data: ")
                yield json.loads(event[1].removeprefix("data: "))
            event = []
    finally:
        connection.close()


def test_server_sent_events_follow_each_refresh(served: PreviewServer, spec: Path) -> None:
    drafts = served.drafts
    stream = _events(served)
    first = next(stream)
    assert first == drafts.current.as_json()
    _edit(spec, "start: 2026-02-10", "start: 2026-02-30")
    drafts.refresh()
    broken = next(stream)
    assert (broken["version"], broken["ok"], broken["documents"]) == \
        (first["version"] + 1, False, first["documents"])
    assert broken["problems"][0]["line"].startswith(f"{spec}:")
    _edit(spec, "start: 2026-02-30", "start: 2026-02-09")
    drafts.refresh()
    fixed = next(stream)
    assert fixed["ok"]
    assert fixed["problems"] == []
    assert fixed["documents"]["framework"] == first["documents"]["framework"]
    assert fixed["documents"]["minutes"] != first["documents"]["minutes"]
    stream.close()


def test_lang_previews_a_translation_and_follows_its_file(tmp_path: Path) -> None:
    example = Path(__file__).parent.parent / "specs" / "pakistan-kazakhstan-2026.yaml"
    spec = tmp_path / example.name
    shutil.copyfile(example, spec)
    shutil.copytree(example.parent / example.stem / "translations",
                    tmp_path / example.stem / "translations")
    drafts = Drafts(spec, ("framework",), TEMPLATES, "ru")
    first = drafts.refresh()
    assert first.language == "ru"
    html = first.drafts["framework"].html.decode("utf-8")
    assert '<html lang="ru"' in html
    assert "Рамочн" in html  # the Russian title's first word, from the translation file
    russian = tmp_path / example.stem / "translations" / "ru.yaml"
    text = russian.read_text(encoding="utf-8")
    title = re.search(r"^  document\.title:\n(?:    .*\n)*?    text: (.+)$", text, re.MULTILINE)
    assert title is not None
    russian.write_text(text.replace(title.group(1), "Проверочное название", 1),
                       encoding="utf-8")
    second = drafts.refresh()
    assert "Проверочное название" in second.drafts["framework"].html.decode("utf-8")
    assert drafts.renders == {"framework": 2}
    unknown = Drafts(spec, ("framework",), TEMPLATES, "de").refresh()
    assert not unknown.ok
    assert not unknown.drafts
    assert "--lang de: the spec has no texts in this language" in unknown.problems[-1].line
