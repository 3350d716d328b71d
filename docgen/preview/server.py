"""The preview's web server: the standard library's threading HTTP server, loopback only.

Routes: `/<document>` the page (templates/preview.html.j2) that shows a draft and its
problems; `/<document>.html` the draft's HTML file as built; `/<document>.pdf` its PDF,
laid out in this warm process; `/events` server-sent events, one `state` event per
refresh; `/state` the same as JSON. A request whose Host is not the address served is
refused (403), so a web page elsewhere cannot read the drafts by DNS rebinding. A
request that fails with a bug stops the server; the command then exits 3 with the log.
"""

from __future__ import annotations

import ipaddress
import json
import socket
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from docgen.errors import DocgenError, UsageError
from docgen.paths import PACKAGE
from docgen.preview.drafts import Drafts

KEEP_ALIVE = 15.0
"""Seconds between comments on an idle event stream, so a proxy or browser keeps it open."""
STATIC = {"/preview.js": ("text/javascript", PACKAGE / "data" / "preview.js"),
          "/preview.css": ("text/css", PACKAGE / "data" / "preview.css")}


def check_host(host: str, *, allow_remote: bool) -> str:
    """Return the address to bind: a loopback one, or any other only with `allow_remote`."""
    address = "127.0.0.1" if host == "localhost" else host
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        raise UsageError(f"--host takes an IP address or 'localhost', not {host!r}") from None
    if not ip.is_loopback and not allow_remote:
        raise UsageError(f"refusing to serve on {host}: the drafts would be open to every "
                         "machine that can reach it; the preview serves 127.0.0.1 only, "
                         "unless you add --allow-remote")
    return address


class PreviewServer(ThreadingHTTPServer):
    """One server over one `Drafts`; request threads die with the process."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], drafts: Drafts,
                 page: Callable[[str, str], bytes]) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.drafts, self.page = drafts, page
        self.stopping = False
        self.fatal: BaseException | None = None
        self.on_fatal: Callable[[], None] = lambda: None
        try:
            super().__init__(address, PreviewHandler)
        except OSError as error:
            raise DocgenError(f"cannot serve on {address[0]} port {address[1]}: "
                              f"{error.strerror or error}; choose another with --port") from None

    @property
    def url(self) -> str:
        host, port = str(self.server_address[0]), self.server_address[1]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}"

    def fail(self, error: BaseException) -> None:
        """Keep the first bug and stop: the command re-raises it, so it exits 3 with a log."""
        if self.fatal is None:
            self.fatal = error
        self.on_fatal()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that leaves mid-answer is no error; anything else is a bug."""
        import sys

        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError) and error is not None:
            self.fail(error)


class PreviewHandler(BaseHTTPRequestHandler):
    """Answer GET requests from the drafts; quiet (no line per request on the terminal)."""

    server: PreviewServer

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        try:
            self._route()
        except ConnectionError:
            return
        except DocgenError as error:  # a draft that cannot be laid out: the user's to fix
            self._send(HTTPStatus.UNPROCESSABLE_ENTITY, "text/plain; charset=utf-8",
                       str(error).encode())
        except Exception as error:
            self.server.fail(error)
            raise

    def _route(self) -> None:
        if not self._host_is_ours():
            self._send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8", b"forbidden host")
            return
        path = urlsplit(self.path).path
        drafts = self.server.drafts
        name, _, suffix = path.lstrip("/").partition(".")
        if path == "/":
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", f"/{drafts.documents[0]}")
            self.end_headers()
        elif path == "/events":
            self._events()
        elif path == "/state":
            body = json.dumps(drafts.current.as_json()).encode()
            self._send(HTTPStatus.OK, "application/json", body)
        elif path in STATIC:
            kind, file = STATIC[path]
            self._send(HTTPStatus.OK, f"{kind}; charset=utf-8", Path(file).read_bytes())
        elif name in drafts.documents and suffix in ("", "html", "pdf"):
            self._document(name, suffix)
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found")

    def _document(self, name: str, suffix: str) -> None:
        if suffix == "":
            view = "pdf" if "view=pdf" in urlsplit(self.path).query else "html"
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", self.server.page(name, view))
            return
        draft = self.server.drafts.current.drafts.get(name)
        data = None if draft is None else \
            draft.html if suffix == "html" else self.server.drafts.pdf(name)
        if data is None:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8",
                       b"no such document in this spec now")
            return
        kind = "text/html; charset=utf-8" if suffix == "html" else "application/pdf"
        self._send(HTTPStatus.OK, kind, data)

    def _events(self) -> None:
        """Stream one `state` event per refresh until the browser leaves or the server stops."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        drafts, seen = self.server.drafts, -1
        while not self.server.stopping:
            snapshot = drafts.wait(seen, KEEP_ALIVE)
            if snapshot.version == seen:
                self.wfile.write(b": still here\n\n")
            else:
                seen = snapshot.version
                data = json.dumps(snapshot.as_json())
                self.wfile.write(f"event: state\ndata: {data}\n\n".encode())
            self.wfile.flush()

    def _host_is_ours(self) -> bool:
        """True if the Host header names this server's own address (or localhost)."""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        served = str(self.server.server_address[0])
        return host in (served, "localhost") or not _is_loopback(served)

    def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def _is_loopback(address: str) -> bool:
    return ipaddress.ip_address(address).is_loopback
