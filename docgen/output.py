"""Commit built files to the output folder: all or nothing, in one atomic step, under a lock.

Writers render into memory; only when every file of a build exists does anything
touch the output folder. The new folder is staged beside the old one, as
`out/.<stem>.staging-*`: the new files written and flushed to disk, the manifest
last, and the other files the manifest lists linked in from the old folder; nothing
else of the old folder is carried over, so the manifest lists exactly the files
beside it. Then
the two folders trade places in one atomic step (renameat2 RENAME_EXCHANGE on
Linux), so a reader, or a build killed at any moment, sees the old folder or the
new one, whole, never a mix. Where the exchange is not available, the old folder is
renamed aside and the new one into place; a kill between the two renames leaves no
folder, and the next build puts the old one back before it starts. A lock on the
parent folder keeps two builds from committing at once; a killed build's staging
folder is removed by the next build.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import json
import os
import secrets
import shutil
import stat
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from docgen.errors import DocgenError

MANIFEST = "manifest.json"
STAGING = ".staging-"
RETIRED = ".retired-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def sha256(data: bytes) -> str:
    """Return the hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def tree_digest(folder: Path) -> str:
    """Return one SHA-256 over every file below `folder` (names and contents, sorted).

    A symlink that leads out of the folder is left out, as docgen never reads it; files
    are hashed in pieces, so a huge one costs time, not memory.
    """
    root = folder.resolve()
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if not path.resolve().is_relative_to(root):
            continue
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        with path.open("rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())
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
    """Replace `folder` by one holding exactly the files the manifest lists; return their paths.

    `files` are written; every other file the manifest lists is kept from the old folder
    (linked, not copied) and must still be the one it describes. Anything else in the
    old folder is left out: a file to drop is simply not listed.
    """
    parent = folder.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        with locked(parent):
            _recover(folder)
            if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
                raise DocgenError(f"cannot write to {folder}: it exists and is not a folder")
            staging = parent / f".{folder.name}{STAGING}{os.getpid()}-{secrets.token_hex(4)}"
            os.mkdir(staging)
            try:
                _stage(folder, staging, files, manifest)
                _swap(staging, folder)
                _sync_folder(parent)
            finally:
                _remove(staging)  # after the swap it holds the old folder
    except OSError as error:
        reason = error.strerror or str(error)
        if error.errno in (errno.EEXIST, errno.ENOTDIR):
            reason = f"a file stands where a folder is needed ({reason})"
        raise DocgenError(f"cannot write to {folder}: {reason}") from None
    return [folder / name for name in sorted(set(files) | set(_listed(manifest)))] + \
        [folder / MANIFEST]


def _stage(folder: Path, staging: Path, files: Mapping[str, bytes], manifest: bytes) -> None:
    """Fill the staging folder: the listed files kept from the old one, the new, the manifest."""
    listed = _listed(manifest)
    if folder.is_dir():
        shutil.copymode(folder, staging)
        _keep(folder, staging, sorted(set(listed) - set(files)))
        _keep_nested(folder, staging)
    _check_kept(folder, staging, files, listed)
    for name, data in sorted(files.items()):
        _write(staging / name, data)
    _write(staging / MANIFEST, manifest)
    for sub in sorted({p.parent for p in staging.rglob("*")} - {staging}, reverse=True):
        _sync_folder(sub)  # a language's folder, `ur/`, holds its own entries
    _sync_folder(staging)


def _listed(manifest: bytes) -> dict[str, Any]:
    """Return the manifest's files: name -> {"sha256": ..., "bytes": ...}."""
    try:
        listed = json.loads(manifest).get("files", {})
    except (ValueError, AttributeError):
        return {}
    return listed if isinstance(listed, dict) else {}


def _keep(folder: Path, staging: Path, names: list[str]) -> None:
    """Link the old folder's files of these names into the staging folder (regular files only)."""
    for name in names:
        source = folder / name
        with contextlib.suppress(FileNotFoundError):  # then _check_kept says it changed
            if stat.S_ISREG(source.lstat().st_mode):
                _link(source, staging / name)


NESTED = ("redline",)
"""Folders of a spec's output folder that other commands commit on their own (a
redline, issue 12): a build of the spec keeps them, linked file by file."""


def _keep_nested(folder: Path, staging: Path) -> None:
    for name in NESTED:
        source = folder / name
        if source.is_dir() and not source.is_symlink():
            shutil.copytree(source, staging / name, copy_function=_link, symlinks=True)


def _link(source: str | Path, target: str | Path) -> None:
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copy2(source, target)


def _check_kept(folder: Path, staging: Path, files: Mapping[str, bytes],
                listed: Mapping[str, Any]) -> None:
    """Every file the manifest lists but this build did not write must be the one it lists."""
    for name, entry in sorted(listed.items()):
        if name in files:
            continue
        try:
            same = sha256((staging / name).read_bytes()) == entry.get("sha256")
        except (OSError, AttributeError):
            same = False
        if not same:
            raise DocgenError(f"cannot write to {folder}: {name} changed while this build ran "
                              "(another build at the same time?); nothing was written, build "
                              "again")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)  # a file of a language: `ur/framework.pdf`
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _swap(staging: Path, folder: Path) -> None:
    """Put the staging folder where `folder` is, in one step if the system allows it."""
    if not folder.exists():
        os.rename(staging, folder)
        return
    if _exchange(staging, folder):
        return
    retired = folder.parent / f".{folder.name}{RETIRED}{os.getpid()}-{secrets.token_hex(4)}"
    os.rename(folder, retired)
    try:
        os.rename(staging, folder)
    except BaseException:
        os.rename(retired, folder)  # put the old folder back, as it was
        raise
    os.rename(retired, staging)  # so that the caller removes it


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False if the system cannot."""
    if sys.platform != "linux":
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                 _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _recover(folder: Path) -> None:
    """Undo what a killed build left beside `folder` (we hold the lock: none of it is live).

    A retired old folder with no folder in its place is put back; staging folders
    and other retired ones are deleted.
    """
    leftovers = sorted(folder.parent.glob(f".{glob_escape(folder.name)}.*-*"))
    retired = [p for p in leftovers if p.name.startswith(f".{folder.name}{RETIRED}")]
    if retired and not folder.exists():
        os.rename(retired[-1], folder)
        retired.pop()
    for path in leftovers:
        if path.exists() and path.name.startswith(
                (f".{folder.name}{STAGING}", f".{folder.name}{RETIRED}")):
            _remove(path)


def glob_escape(name: str) -> str:
    """Escape the characters glob treats as patterns."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    elif path.exists():
        shutil.rmtree(path, ignore_errors=True)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
