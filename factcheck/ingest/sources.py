"""Turning what the user named (files, folders, globs, `-` for stdin) into sources to read.

A source is something to open and read bytes from, with the name messages use for it and the format it
is read as. Folders are walked recursively for the supported extensions (hidden entries skipped); a file
named explicitly is read whatever its extension (as text unless it is .html/.htm or .jsonl).
"""

from __future__ import annotations

import contextlib
import glob
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

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
    seen: set[Path] = set()
    for item in items:
        if isinstance(item, (Source, Problem)):
            yield item
        elif item == "-":
            yield stdin_source(fmt)
        else:
            paths = _matches(item)
            if paths is None:
                yield Problem(item, "no such file or folder")
                continue
            if not paths:
                yield Problem(item, "no files match this pattern")
                continue
            for path in paths:
                files = list(_files(path))
                if not files:
                    yield Problem(str(path), f"no {', '.join(EXTENSIONS)} files in this folder")
                for file in files:
                    resolved = file.resolve()
                    if resolved not in seen:
                        seen.add(resolved)
                        yield file_source(file, fmt)


def file_source(path: Path, fmt: str = "auto") -> Source:
    if fmt == "auto":
        fmt = EXTENSIONS.get(path.suffix.lower(), "text")
    try:
        size = path.stat().st_size
    except OSError:
        size = None  # reported when it is opened
    return Source(str(path), fmt, lambda: path.open("rb"), identity=str(path.resolve()), size=size)


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
    """The paths `item` names: itself if it exists, else its glob matches; None if neither applies."""
    path = Path(item)
    if path.exists():
        return [path]
    if GLOB_CHARS & set(item):
        return [Path(p) for p in sorted(glob.glob(item, recursive=True))]
    return None


def _files(path: Path) -> Iterator[Path]:
    """The path itself, or the supported files below a folder, sorted."""
    if not path.is_dir():
        yield path
        return
    for file in sorted(path.rglob("*")):
        relative = file.relative_to(path).parts
        if file.is_file() and file.suffix.lower() in EXTENSIONS and not any(p.startswith(".") for p in relative):
            yield file
