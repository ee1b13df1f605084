"""Turning what the user named (files, folders, globs, `-` for stdin) into sources to read.

A source is something to open and read bytes from, with the name messages use for it and the format it
is read as. Folders are walked recursively for the supported extensions (hidden entries skipped); a file
named explicitly is read whatever its extension (as text unless it is .html/.htm or .jsonl).

Only regular files are read: a named pipe, a device or a socket (named, matched by a glob or met in a
folder) is skipped with a one-line message instead of blocking the run, and so is a symbolic link loop.
The check is made on the opened file, so a path swapped for a pipe after it was listed is caught too.
Names in messages are shown safely (`sanitize.shown`): one line, no terminal escapes.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import stat
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from .. import sanitize

FORMATS = ("auto", "text", "html", "jsonl")
EXTENSIONS = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Problem:
    """Why one input (a file, or one line of a JSONL file) could not be ingested."""

    where: str
    reason: str
    nbytes: int = 0

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True)
class Source:
    name: str                              # as messages show it: the path as given, or "<stdin>"
    format: str                            # text | html | jsonl | auto (sniffed from the first bytes)
    open: Callable[[], contextlib.AbstractContextManager[BinaryIO]]
    identity: str | None = None            # stored as articles.source; None where it identifies nothing (stdin)
    size: int | None = None                # bytes, where known up front


def expand(items: Iterable[str | Source | Problem], fmt: str = "auto") -> Iterator[Source | Problem]:
    """Sources for the given paths, folders, globs and `-`, in order, each file once.

    Ready-made `Source` (and `Problem`) objects pass through. `fmt` other than "auto" overrides the
    extension."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, (Source, Problem)):
            yield item
        elif item == "-":
            yield stdin_source(fmt)
        else:
            paths = _matches(item)
            if paths is None:
                yield Problem(sanitize.shown(item), "no such file or folder")
                continue
            if not paths:
                yield Problem(sanitize.shown(item), "no files match this pattern")
                continue
            for path in paths:
                files = list(_files(path))
                if not files:
                    yield Problem(sanitize.shown(path), f"no {', '.join(EXTENSIONS)} files in this folder")
                for file in files:
                    resolved = os.path.realpath(file)  # never raises, not even on a symbolic link loop
                    if resolved not in seen:
                        seen.add(resolved)
                        yield file_source(file, fmt)


class NotRegularFile(OSError):
    """A path that is no regular file (a pipe, a device, a socket): reading it could block for ever."""


def open_regular_file(path: str | Path) -> BinaryIO:
    """Open `path` for reading if it is a regular file, else raise NotRegularFile (without blocking: a named
    pipe is opened non-blocking and checked through its descriptor before anything is read)."""
    _require_regular(os.stat(path).st_mode)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        _require_regular(os.fstat(fd).st_mode)  # it may have been replaced since the stat
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def reason(err: OSError) -> str:
    """An OSError met opening or reading an input, as the reason of a one-line message."""
    if isinstance(err, NotRegularFile):
        return str(err)
    if err.errno == errno.ELOOP:
        return "symbolic link loop, skipped"
    if err.errno == errno.ENOENT:
        return "no such file (or a dangling symbolic link)"
    return f"cannot read: {err.strerror or err}"


def _require_regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kinds = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))
    kind = next((name for test, name in kinds if test(mode)), "a special file")
    raise NotRegularFile(f"not a regular file ({kind}), skipped")


def file_source(path: Path, fmt: str = "auto") -> Source:
    if fmt == "auto":
        fmt = EXTENSIONS.get(path.suffix.lower(), "text")
    try:
        size = path.stat().st_size
    except OSError:
        size = None  # reported when it is opened
    identity = sanitize.shown(os.path.realpath(path))
    return Source(sanitize.shown(path), fmt, lambda: open_regular_file(path), identity=identity, size=size)


def stdin_source(fmt: str = "auto") -> Source:
    return Source("<stdin>", fmt, lambda: contextlib.nullcontext(sys.stdin.buffer))


def seed_sources() -> list[Source]:
    """The bundled seed articles (the resource package factcheck.seeds), also when installed as a wheel."""
    folder = resources.files("factcheck.seeds")
    seeds = sorted((f for f in folder.iterdir() if f.name.endswith(".txt")), key=lambda f: f.name)
    return [Source(f"seeds/{f.name}", "text", _opener(f), identity=f"seeds/{f.name}") for f in seeds]


def _opener(resource) -> Callable[[], BinaryIO]:
    return lambda: resource.open("rb")


def _matches(item: str) -> list[Path] | None:
    """The paths `item` names: itself if it exists (a dangling link or a link loop too: reading it says what
    is wrong), else its glob matches; None if neither applies."""
    if os.path.lexists(item):
        return [Path(item)]
    if GLOB_CHARS & set(item):
        return [Path(p) for p in sorted(glob.glob(item, recursive=True))]
    return None


def _files(path: Path) -> Iterator[Path]:
    """The path itself, or the entries with a supported extension below a folder, sorted. Entries that are
    no regular files are listed too, so that reading them can say so."""
    if not path.is_dir():
        yield path
        return
    for file in sorted(path.rglob("*")):
        relative = file.relative_to(path).parts
        if file.suffix.lower() in EXTENSIONS and not file.is_dir() and not any(p.startswith(".") for p in relative):
            yield file
