"""Run calls in worker processes: results in order, a worker's errors raised here, Ctrl-C clean.

In: a function and the argument tuples to call it with. Out: the results, in the order
of the calls, as if they ran here. A DocgenError in a worker comes back with its message
and exit code; any other exception as WorkerFailed with the worker's traceback. Ctrl-C
stops the whole run in this process: the workers ignore it, and it is held back while
they are forked. `docgen.build` lays out a spec's documents with it, `docgen.batch`
builds many specs.
"""

from __future__ import annotations

import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from docgen.errors import DocgenError

T = TypeVar("T")


class WorkerFailed(RuntimeError):
    """A bug in a worker process; the message carries the worker's own traceback."""


def _hold_sigint() -> set[Any] | None:
    """Block SIGINT in this thread; return the previous mask (None where unsupported)."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _restore_sigint(previous: set[Any] | None) -> None:
    """Restore the mask: a Ctrl-C that came meanwhile is raised now, in plain code."""
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _submit_all(pool: Any, function: Callable[..., Any], calls: Sequence[tuple[Any, ...]],
                masked: set[Any] | None) -> dict[Any, int]:
    """Submit every call (which forks the workers), then let Ctrl-C through again."""
    try:
        return {pool.submit(_guarded, function, args): index
                for index, args in enumerate(calls)}
    finally:
        _restore_sigint(masked)


def _release_sigint() -> None:
    """In a forked worker: leave Ctrl-C to the main process, which stops the build.

    A worker that took it would print multiprocessing's traceback; ignoring it (before
    unblocking, so one that came meanwhile is dropped) keeps the terminal clean.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def run_in_processes(function: Callable[..., T], calls: Sequence[tuple[Any, ...]], jobs: int,
                     on_done: Callable[[T], None] | None = None,
                     meanwhile: Callable[[], T] | None = None) -> list[T]:
    """Return [function(*args) for args in calls], computed in up to `jobs` processes.

    Workers are forked on Linux (they inherit what is imported and patched). A
    DocgenError in a worker is raised here with the same message and exit code, the
    first in the order of `calls`; anything else is raised as WorkerFailed with the
    worker's traceback. Pending work is cancelled after the first failure.
    `meanwhile` runs in this process while the workers work; its result comes last,
    and its error is raised only if no worker failed.
    """
    import concurrent.futures as cf
    import multiprocessing
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    outcomes: list[tuple[Any, ...] | None] = [None] * len(calls)
    # Ctrl-C while the workers are being forked would land in an at-fork handler, where
    # Python prints and then ignores it: the build would go on. Hold SIGINT back until
    # every worker exists; the workers then ignore it and leave it to this process.
    masked = _hold_sigint()
    with cf.ProcessPoolExecutor(max_workers=max(1, min(jobs, len(calls))),
                                mp_context=context,
                                initializer=_release_sigint if masked is not None else None,
                                ) as pool:
        futures = _submit_all(pool, function, calls, masked)
        local: tuple[Any, ...] | None = None
        if meanwhile is not None:
            try:
                local = ("ok", meanwhile())
            except Exception as failure:
                local = ("raise", failure)
        try:
            for future in cf.as_completed(futures):
                outcome = future.result()
                outcomes[futures[future]] = outcome
                if outcome[0] != "ok":
                    pool.shutdown(wait=True, cancel_futures=True)
                    break
                if on_done is not None:
                    on_done(outcome[1])
        except BrokenProcessPool:
            raise DocgenError("a worker process died (out of memory, or killed); "
                              "nothing was written") from None
    results: list[T] = []
    for finished in outcomes:
        if finished is None:
            continue
        if finished[0] == "error":
            error = DocgenError(finished[1])
            error.exit_code = finished[2]
            raise error
        if finished[0] == "bug":
            raise WorkerFailed(f"in a worker process:\n{finished[1]}")
        results.append(finished[1])
    if local is not None:
        if local[0] == "raise":
            raise local[1]
        results.append(local[1])
    return results


def _guarded(function: Callable[..., Any], args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Run in a worker: return ("ok", value), ("error", message, code) or ("bug", traceback)."""
    try:
        return ("ok", function(*args))
    except DocgenError as error:
        return ("error", str(error), error.exit_code)
    except Exception:
        return ("bug", traceback.format_exc())
