"""Data files read at start-up, kept in the user's cache folder in a form that loads fast.

A command that reads one article pays for every table it loads: the lemmatizer's German forms (355,000, a
gzipped JSON) and the matcher's background word frequencies (wordfreq's msgpack, behind an import that
compiles its tokenizer) cost more than the article. `cached(source, build)` returns `build()` (a dict of
strings and numbers) and keeps it as a marshal file named after `source`'s path, size and time, so the next
process loads it several times faster and a new release of the data is read afresh. A cache that cannot be
written or read only costs the slower load.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Callable


def cached(source: Path, build: Callable[[], dict]) -> dict:
    stat = source.stat()
    tag = hashlib.sha1(f"{source.resolve()}\x1f{stat.st_size}\x1f{stat.st_mtime_ns}".encode()).hexdigest()[:12]
    path = cache_folder() / f"{source.name.split('.')[0]}-{tag}.marshal"
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        data = marshal.loads(path.read_bytes())
        if isinstance(data, dict):
            return data
    data = build()
    with contextlib.suppress(OSError, ValueError):
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as out:
            out.write(marshal.dumps(data))
        os.replace(out.name, path)  # whole or not at all: another process may be reading it
    return data


def cache_folder() -> Path:
    """$FACTCHECK_CACHE, else $XDG_CACHE_HOME/factcheck, else ~/.cache/factcheck."""
    if os.environ.get("FACTCHECK_CACHE"):
        return Path(os.environ["FACTCHECK_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "factcheck"
