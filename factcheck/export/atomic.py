"""All-or-nothing output files: an export is written to a temporary file beside its target and renamed into
place only when it is complete, so a failed or interrupted export never leaves a half file. `-` is stdout.

A process killed outright (kill -9, a power cut) cannot delete its temporary file: while an export runs it
holds a lock on it, and the next export to the same place deletes every temporary file nobody holds.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import io
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

STDOUT = "-"

# What SQLite may leave beside a database file it was writing.
_SIDECARS = ("-journal", "-wal", "-shm")


@contextlib.contextmanager
def atomic_path(target: str | Path):
    """Yield a temporary path; when the block succeeds its file replaces `target`, on any error (including
    KeyboardInterrupt) it is deleted. For `-` the finished file is copied to stdout instead."""
    to_stdout = str(target) == STDOUT
    if to_stdout:
        folder = Path(tempfile.gettempdir())
        name = "factcheck-export"
    else:
        target = Path(target)
        if target.is_dir():
            raise IsADirectoryError(f"{target} is a directory")
        folder, name = target.parent, target.name
    remove_stale_temporary_files(folder, name)
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    fcntl.flock(fd, fcntl.LOCK_EX)  # ours while we live; released by the kernel however we end
    tmp = Path(tmp_name)
    try:
        yield tmp
        if to_stdout:
            with open(tmp, "rb") as finished:
                shutil.copyfileobj(finished, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; an export is a normal file
            os.replace(tmp, target)
    finally:
        _remove(tmp_name)
        os.close(fd)


def remove_stale_temporary_files(folder: str | Path, name: str) -> list[str]:
    """Delete the temporary files of exports to `name` in `folder` that no running export holds (left by a
    process that was killed outright), with what SQLite left beside them. Returns the paths deleted."""
    removed = []
    pattern = os.path.join(glob.escape(str(folder)), f".{glob.escape(name)}.*.tmp")
    for tmp_name in glob.glob(pattern) + [p.rsplit("-", 1)[0] for s in _SIDECARS for p in glob.glob(pattern + s)]:
        if tmp_name in removed:
            continue
        try:
            fd = os.open(tmp_name, os.O_RDONLY | os.O_NOFOLLOW)
        except FileNotFoundError:  # only a sidecar is left
            _remove(tmp_name)
            removed.append(tmp_name)
            continue
        except OSError:  # not ours to judge (another user's, a link)
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a running export holds it
            continue
        else:
            _remove(tmp_name)
            removed.append(tmp_name)
        finally:
            os.close(fd)
    return removed


def _remove(tmp_name: str) -> None:
    for leftover in (tmp_name, *(tmp_name + suffix for suffix in _SIDECARS)):
        Path(leftover).unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_open(target: str | Path, *, encoding: str = "utf-8", newline: str | None = None):
    """A text stream to `target` that appears there complete or not at all; for `-`, stdout as written."""
    if str(target) == STDOUT:
        sys.stdout.flush()
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding=encoding, newline=newline)
        try:
            yield stream
        finally:
            stream.flush()
            stream.detach()  # leave sys.stdout open
        return
    with atomic_path(target) as tmp:
        with open(tmp, "w", encoding=encoding, newline=newline) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def interrupt_on_termination():
    """Treat SIGTERM and SIGHUP (a `kill`, a closed terminal) like Ctrl-C inside the block, so that the
    temporary file of an unfinished export is deleted instead of left behind. Main thread only."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

