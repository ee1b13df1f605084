"""Opening the database, ids, time stamps, transactions."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import sys
import unicodedata
from datetime import datetime, timezone
from pathlib import Path

from .schema import SCHEMA_VERSION, SchemaError, check_version, migrate


def _import_sqlite_utils():
    """sqlite-utils imports numpy and pandas if they are installed, only to know their number types when it makes
    a table's columns from Python values, which factcheck never does (its tables come from schema.py): a tenth of
    a second of every command (with pandas, most of a second) that, like `factcheck match` with nothing new,
    has no use for them. They are kept out of its import (sys.modules[name] = None makes `import name` fail)."""
    kept_out = [name for name in ("numpy", "pandas") if name not in sys.modules]
    sys.modules.update(dict.fromkeys(kept_out))
    try:
        import sqlite_utils
    finally:
        for name in kept_out:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
    return sqlite_utils


sqlite_utils = _import_sqlite_utils()

# Pages of WAL after which a commit copies them into the database file (SQLite's default: 1,000, 4 MB). An ingest
# commits ~38 pages per article, many of them pages the next articles write again (the last leaf of each table
# and index, the inner pages above the leaves): a checkpoint every 10,000 pages writes each of them once per ~260
# articles instead of once per ~26. The WAL file grows to about 40 MB before it is reused.
WAL_CHECKPOINT_PAGES = 10_000


def open_db(path: str | Path = "factcheck.db", *, check_same_thread: bool = True) -> sqlite_utils.Database:
    """Open (creating or upgrading as needed) a factcheck database.

    Foreign keys on, WAL so a reviewer's UI and an ingest can share the file, and a busy timeout so a
    second writer waits instead of failing at once. A file that factcheck must not touch (another
    program's database, a newer factcheck's, a damaged one) is refused with SchemaError before anything in
    it changes. A database in a folder factcheck cannot write to is opened read-only (reading commands work;
    a write says the database is read-only).
    """
    memory = str(path) == ":memory:"
    conn, read_only = _connect(path, check_same_thread)
    try:
        current = check_version(conn)  # reads only: nothing is written to a file we refuse
        if not memory and not read_only:
            try:
                conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError:  # nothing can be written beside the file: read it as it is
                conn.close()
                conn, read_only = _read_only_connection(path, check_same_thread), True
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 10000")
        if not memory and not read_only:
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
        if current < SCHEMA_VERSION:
            if read_only:
                raise SchemaError(f"schema version {current} needs an upgrade, but the database is read-only here")
            migrate(conn)
    except BaseException:
        conn.close()
        raise
    return sqlite_utils.Database(conn, execute_plugins=False)  # the same database whatever sqlite-utils plugins are installed


class Connection(sqlite3.Connection):
    """A connection that knows whether it was opened read-only."""

    read_only = False


def is_read_only(db: sqlite_utils.Database) -> bool:
    """Whether `db` was opened read-only (its file or folder cannot be written here)."""
    return getattr(db.conn, "read_only", False)


def _connect(path, check_same_thread: bool) -> tuple[sqlite3.Connection, bool]:
    """A connection, and whether it is read-only: it is when SQLite cannot open the file for writing (the
    file or its folder cannot be written), where it would otherwise fail with "unable to open database
    file" even to read (a WAL database needs its -wal and -shm files beside it)."""
    conn = sqlite3.connect(str(path), check_same_thread=check_same_thread, timeout=10, factory=Connection)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn, False
    except sqlite3.OperationalError:
        conn.close()
        if str(path) == ":memory:" or not Path(path).is_file():
            raise
    return _read_only_connection(path, check_same_thread), True


def _read_only_connection(path, check_same_thread: bool) -> sqlite3.Connection:
    uri = Path(path).resolve().as_uri()
    options = {"check_same_thread": check_same_thread, "timeout": 10, "factory": Connection, "uri": True}
    conn = sqlite3.connect(f"{uri}?mode=ro", **options)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:  # a WAL database without its -shm, in a folder nobody can write to:
        conn.close()                  # nobody can be writing it either, so it can be read as it is
        conn = sqlite3.connect(f"{uri}?immutable=1", **options)
    conn.read_only = True
    return conn


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def normalize_for_id(text: str) -> str:
    """What identifies a quotation's wording: NFC, whitespace folded."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def quote_id(article_id: str, text: str, occurrence: int = 0) -> str:
    """Stable id: the same wording in the same article (its n-th occurrence) keeps its id across
    re-extraction, whatever else the extractor changes about it (kind, speaker, offsets)."""
    key = f"{article_id}\x1f{normalize_for_id(text)}\x1f{occurrence}"
    return "q" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:15]


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database):
    """One all-or-nothing write. Takes the write lock up front (BEGIN IMMEDIATE) so that a concurrent
    writer waits out the busy timeout instead of failing half-way on a lock upgrade; nested use becomes a
    savepoint of the outer transaction."""
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


SPEAKER_TYPES = ("person", "organization", "anonymous", "unknown")


def speaker_ids(db: sqlite_utils.Database, speakers: list[tuple[str, str, str | None]]) -> list[int]:
    """`speaker_id(db, name, type, variant)` for each (name, type, variant) in order, writing the same rows (new
    speakers created in that order, every new variant recorded), with one query for those already stored and
    one update per speaker that gained variants, instead of a query per quotation."""
    wanted = [(name, type if type in SPEAKER_TYPES else "unknown", variant) for name, type, variant in speakers]
    names = sorted({name for name, _, _ in wanted})
    found: dict[tuple[str, str], tuple[int, str]] = {}  # (name, type) -> id, variants (JSON) as stored
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        rows = db.execute(f"SELECT id, name, type, variants FROM speakers WHERE name IN ({','.join('?' * len(chunk))})",
                          chunk)
        found.update(((name, type), (sid, variants)) for sid, name, type, variants in rows)
    variants_of: dict[int, list[str]] = {}  # id -> variants, of the speakers read or created here
    changed: dict[int, None] = {}           # ids whose variants grew, in order
    ids = []
    for name, type, variant in wanted:
        if (name, type) not in found:
            variants = sorted({name, variant} - {None})
            sid = db.execute("INSERT INTO speakers(name, type, variants) VALUES (?, ?, ?)",
                             [name, type, json.dumps(variants, ensure_ascii=False)]).lastrowid
            found[(name, type)] = (sid, "")
            variants_of[sid] = variants
        else:
            sid, stored = found[(name, type)]
            if variant and variant != name:
                variants = variants_of.get(sid)
                if variants is None:
                    variants = variants_of[sid] = json.loads(stored)
                if variant not in variants:
                    variants_of[sid] = sorted([*variants, variant])
                    changed[sid] = None
        ids.append(sid)
    for sid in changed:
        db.execute("UPDATE speakers SET variants = ? WHERE id = ?", [json.dumps(variants_of[sid], ensure_ascii=False), sid])
    return ids


def speaker_id(db: sqlite_utils.Database, name: str, type: str = "unknown", variant: str | None = None) -> int:
    """The id of speaker (name, type), created if new; `variant` (a spelling seen in a text) is recorded."""
    type = type if type in SPEAKER_TYPES else "unknown"
    row = db.execute("SELECT id, variants FROM speakers WHERE name = ? AND type = ?", [name, type]).fetchone()
    if row is None:
        variants = sorted({name, variant} - {None})
        cur = db.execute(
            "INSERT INTO speakers(name, type, variants) VALUES (?, ?, ?)", [name, type, json.dumps(variants, ensure_ascii=False)]
        )
        return cur.lastrowid
    sid, variants_json = row
    if variant and variant != name:
        variants = json.loads(variants_json)
        if variant not in variants:
            variants.append(variant)
            db.execute("UPDATE speakers SET variants = ? WHERE id = ?", [json.dumps(sorted(variants), ensure_ascii=False), sid])
    return sid
