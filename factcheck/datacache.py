"""Data files read at start-up, kept in the user's cache folder in a form that loads fast.

A command that reads one article pays for every table it loads: the lemmatizer's German forms (355,000, a
gzipped JSON) and the matcher's background word frequencies (wordfreq's msgpack, behind an import that
compiles its tokenizer) cost more than the article. `cached(source, build)` returns `build()` (a dict of
strings and numbers) and keeps it as a marshal file named after `source`'s path, size and time, so the next
process loads it several times faster and a new release of the data is read afresh. A cache that cannot be
written or read only costs the slower load.

`cached_strings(source, build)` is for a big table of which a process asks a few keys (the lemmatizer asks for
the few hundred words of an article, out of 355,000 forms): kept as a SQLite file named in the same way, it is
read key by key, so that opening it costs nothing however big it is.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path


def cached(source: Path, build: Callable[[], dict]) -> dict:
    path = cache_path(source, ".marshal")
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


def cached_strings(source: Path, build: Callable[[], dict[str, str]]) -> Mapping[str, str]:
    """`build()` (a dict of strings) as a read-only mapping that reads a SQLite file in the cache folder key by
    key; `build()` itself where no such file can be written."""
    path = cache_path(source, ".sqlite")
    if path.is_file():
        return StringTable(path, build)
    data = build()
    with contextlib.suppress(OSError, sqlite3.Error):
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as out:
            pass
        try:
            conn = sqlite3.connect(out.name)
            with conn:
                conn.execute("CREATE TABLE strings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
                conn.executemany("INSERT INTO strings VALUES (?, ?)", sorted(data.items()))
            conn.close()
            os.replace(out.name, path)  # whole or not at all: another process may be reading it
        finally:
            Path(out.name).unlink(missing_ok=True)
        return StringTable(path, build, data)
    return data


class StringTable(Mapping):
    """A read-only str -> str mapping in a SQLite file written by `cached_strings`. Each process (a forked
    detector worker too) opens its own connection on its first lookup. If the file cannot be read after all,
    the table falls back to `build()`."""

    def __init__(self, path: Path, build: Callable[[], dict[str, str]], built: dict[str, str] | None = None):
        self.path, self._build, self._built = path, build, built
        self._conn: sqlite3.Connection | None = None
        self._pid = 0

    def _fallback(self) -> dict[str, str]:
        if self._built is None:
            self._built = self._build()
        return self._built

    def _query(self, sql: str, params=()) -> list:
        if self._pid != os.getpid():
            self._conn, self._pid = None, os.getpid()
        try:
            if self._conn is None:
                self._conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error:
            self._conn = None
            raise

    def get(self, key, default=None):
        try:
            rows = self._query("SELECT value FROM strings WHERE key = ?", (key,))
        except sqlite3.Error:
            return self._fallback().get(key, default)
        return rows[0][0] if rows else default

    def get_many(self, keys: list[str]) -> dict[str, str]:
        """The values of those of `keys` that the table has, in a query per 500 keys (a query per key costs
        more than the lookup itself)."""
        found: dict[str, str] = {}
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                found.update(self._query(f"SELECT key, value FROM strings WHERE key IN ({','.join('?' * len(chunk))})", chunk))
        except sqlite3.Error:
            forms = self._fallback()
            return {key: forms[key] for key in keys if key in forms}
        return found

    def __getitem__(self, key):
        if (value := self.get(key, _MISSING)) is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key) -> bool:
        return self.get(key, _MISSING) is not _MISSING

    def __len__(self) -> int:
        try:
            return self._query("SELECT count(*) FROM strings")[0][0]
        except sqlite3.Error:
            return len(self._fallback())

    def __iter__(self) -> Iterator[str]:
        try:
            return iter([key for (key,) in self._query("SELECT key FROM strings ORDER BY key")])
        except sqlite3.Error:
            return iter(self._fallback())


_MISSING = object()


def cache_path(source: Path, suffix: str) -> Path:
    """The cache file of `source`'s data: named after its path, size and modification time, so that a new
    release of the data (or another installation of it) gets a file of its own."""
    stat = source.stat()
    tag = hashlib.sha1(f"{source.resolve()}\x1f{stat.st_size}\x1f{stat.st_mtime_ns}".encode()).hexdigest()[:12]
    return cache_folder() / f"{source.name.split('.')[0]}-{tag}{suffix}"


def cache_folder() -> Path:
    """$FACTCHECK_CACHE, else $XDG_CACHE_HOME/factcheck, else ~/.cache/factcheck."""
    if os.environ.get("FACTCHECK_CACHE"):
        return Path(os.environ["FACTCHECK_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "factcheck"
