"""The only way a document may reach outside itself: bundled files and `data:` URLs.

WeasyPrint's default fetcher follows any URL: a spec string that became
`<link rel=attachment href=file:///etc/passwd>` would embed that file, and an
`http:` image would reach the network. This fetcher serves `data:` URLs and regular
files inside the allowed folders (the templates and their assets), and stops the
render on anything else, so a build fails loudly instead of leaking or hanging.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlparse

from docgen import system

system.weasyprint()  # first: a missing system library is then a message naming its package

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse  # noqa: E402


class RefusedFetch(FatalURLFetchingError):  # type: ignore[misc]
    """A document asked for something outside the allowed folders."""

    def __init__(self, url: str) -> None:
        super().__init__(f"refused to fetch {url[:200]}")
        self.url = url


class SafeFetcher(URLFetcher):  # type: ignore[misc]
    """Serve `data:` URLs and files under `roots`; refuse everything else.

    The roots are layered, as the template loader is: a file asked for in the first
    root (a user's templates folder) that it does not hold is served from the same
    place in the next (docgen's own), so a house style may leave out the fonts.
    """

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols=("data", "file"), fail_on_errors=True)
        self.roots = [root.resolve() for root in roots]

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        """Return the resource at `url`, or raise RefusedFetch."""
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith("file:"):
            path = self._find(Path(unquote(urlparse(url).path)).resolve())
            if path is not None:
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body=path.read_bytes(),
                                          headers={"Content-Type": kind})
        raise RefusedFetch(url)

    def _find(self, path: Path) -> Path | None:
        """The file to serve for `path` (already resolved), or None to refuse it."""
        if path.is_file() and any(path.is_relative_to(root) for root in self.roots):
            return path
        if not self.roots or not path.is_relative_to(self.roots[0]):
            return None
        relative = path.relative_to(self.roots[0])
        for root in self.roots[1:]:
            candidate = (root / relative).resolve()
            if candidate.is_file() and candidate.is_relative_to(root):
                return candidate
        return None
