"""Commit built files to the output folder: all or nothing, manifest last, under a lock.

Writers render into memory; only when every file of a build exists does anything
touch the output folder. Each file is written to a temporary name beside its
target, flushed to disk and renamed over it (`os.replace` is atomic), with the
manifest last, so a reader that trusts the manifest never sees a half-written
build. A lock on the folder keeps two builds of one spec from interleaving.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from docgen.errors import DocgenError

MANIFEST = "manifest.json"
TEMP_MARK = ".docgen-tmp-"


def sha256(data: bytes) -> str:
    """Return the hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def tree_digest(folder: Path) -> str:
    """Return one SHA-256 over every file below `folder` (names and contents, sorted)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.resolve().rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder.resolve()).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def manifest_bytes(files: Mapping[str, bytes], **facts: object) -> bytes:
    """Return the manifest: the facts of the build and the SHA-256 of each file."""
    listing = {name: {"sha256": sha256(data), "bytes": len(data)}
               for name, data in sorted(files.items())}
    return (json.dumps({**facts, "files": listing}, indent=2, sort_keys=True) + "\n").encode()


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (POSIX advisory lock on the folder itself)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks on folders
        yield
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def commit(folder: Path, files: Mapping[str, bytes], manifest: bytes) -> list[Path]:
    """Write `files` and then the manifest into `folder`, each atomically; return the paths."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with locked(folder):
            _remove_stale_temporaries(folder)
            written = [_replace(folder / name, data) for name, data in sorted(files.items())]
            written.append(_replace(folder / MANIFEST, manifest))
            _sync_folder(folder)
    except OSError as error:
        raise DocgenError(f"cannot write to {folder}: {error.strerror or error}") from None
    return written


def _replace(target: Path, data: bytes) -> Path:
    temporary = target.with_name(f"{TEMP_MARK}{os.getpid()}-{target.name}")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    return target


def _remove_stale_temporaries(folder: Path) -> None:
    """Delete temporaries a killed build left behind (we hold the lock: none is live)."""
    for stale in folder.glob(f"{TEMP_MARK}*"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
