"""The persisted candidate index: what candidate search needs, kept in SQLite, so that matching a few new
quotations never rebuilds anything over the whole database.

- `match_units`: the indexed sentences (quotation pk, sentence number) with their content words (ids into
  `match_words`, int32 blob). A sentence's unit id is pk * 64 + seq (sentences past the 64th are not indexed).
- `match_words`: each content word in claim form, its document frequency over the indexed sentences, and while
  that is at most candidates.MAX_RARE_DF its postings (unit ids, int64 blob): the rare-word channel.
- `match_buckets`: every sentence's MinHash LSH band keys (band << 32 | key, bands 0..BANDS-1) and a key of its
  exact wording (band BANDS), as sorted runs of CHUNK entries (keys and unit ids as int64 blobs, found by their
  first key): written in one pass by a full run. `match_bucket_delta` holds the entries of sentences indexed
  since (a row each, indexed by bucket).
- meta `match.index`: the normal form and index format the index was built with; a full run rebuilds it when
  that changed. meta `match.units`: how many sentences are indexed (the N of the document frequencies).

Entries of sentences that were removed stay in the buckets and postings until the next full rebuild: a lookup
may return a unit id whose sentence is gone or has another wording now; callers verify every candidate on the
quotation's current text, so such an entry costs a comparison, never a wrong match.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from typing import Iterable

import numpy as np

from .candidates import BANDS, MAX_BUCKET, MAX_RARE_DF
from .normalize import lexicon

FORMAT = "1"
VERSION_KEY = "match.index"
UNITS_KEY = "match.units"
EXACT_BAND = BANDS
MAX_EXACT = 1000    # an exact wording repeated more often than this: the first MAX_EXACT stand for it
CHUNK = 4096
MAX_SEQ = 64
_BATCH = 500


def version() -> str:
    return f"{FORMAT}:{lexicon().version}"


def is_current(db) -> bool:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [VERSION_KEY]).fetchone()
    return row is not None and row[0] == version()


def indexed_units(db) -> int:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [UNITS_KEY]).fetchone()
    return int(row[0]) if row else 0


def delta_size(db) -> int:
    row = db.execute("SELECT max(rowid) FROM match_bucket_delta").fetchone()
    return int(row[0] or 0)


def unit_ids(pks: np.ndarray, seqs: np.ndarray) -> np.ndarray:
    return pks.astype(np.int64) * MAX_SEQ + seqs.astype(np.int64)


def exact_keys(surfaces: list[str]) -> np.ndarray:
    return np.fromiter((int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=4).digest(), "little")
                        for s in surfaces), dtype=np.int64, count=len(surfaces))


def bucket_keys(bands: np.ndarray, surfaces: list[str]) -> np.ndarray:
    """(BANDS + 1, n) int64 bucket keys of n sentences: their band hashes, then their exact wording."""
    return np.stack(list(band_keys(bands, surfaces)))


def band_keys(bands: np.ndarray, surfaces: list[str]):
    """The rows of bucket_keys one at a time: a full run's rebuild holds one band's keys, not all of them."""
    for band in range(BANDS):
        yield (np.int64(band) << 32) | bands[band].astype(np.int64)
    yield (np.int64(EXACT_BAND) << 32) | exact_keys(surfaces)


# --------------------------------------------------------------------------- writing


def rebuild(db, corpus, units: np.ndarray, ids: np.ndarray, keys: Iterable[np.ndarray]) -> None:
    """Replace the whole index: `units` are indices into `corpus` (the eligible sentences), `ids` their unit ids,
    `keys` their bucket keys (bucket_keys, or band_keys: one band at a time). Writes inside the caller's
    transaction."""
    for table in ("match_units", "match_words", "match_buckets", "match_bucket_delta"):
        db.execute(f"DELETE FROM {table}")
    sub = corpus.subset(units)
    df = np.bincount(sub.words, minlength=sub.vocab_size)
    # postings of the rare words: unit ids grouped by word
    owner = np.repeat(ids, sub.counts)
    order = np.argsort(sub.words, kind="stable")
    starts = np.searchsorted(sub.words[order], np.arange(sub.vocab_size + 1))
    posting_ids = owner[order]
    db.conn.executemany(
        "INSERT INTO match_words(id, word, df, postings) VALUES (?, ?, ?, ?)",
        ((w + 1, sub.vocab[w], int(df[w]),
          posting_ids[starts[w]:starts[w + 1]].tobytes() if df[w] <= MAX_RARE_DF else None)
         for w in range(sub.vocab_size)),
    )
    words = (sub.words + 1).astype(np.int32)
    db.conn.executemany(
        "INSERT INTO match_units(quote_pk, seq, words) VALUES (?, ?, ?)",
        ((int(u // MAX_SEQ), int(u % MAX_SEQ), words[sub.offsets[k]:sub.offsets[k + 1]].tobytes())
         for k, u in enumerate(ids.tolist())),
    )
    for band_keys in keys:  # band by band: the band is the key's high bits, so the runs come out sorted
        order = np.lexsort((ids, band_keys))
        sorted_keys, sorted_units = band_keys[order], ids[order]
        db.conn.executemany(
            "INSERT INTO match_buckets(first_key, keys, units) VALUES (?, ?, ?)",
            ((int(sorted_keys[i]), sorted_keys[i:j].tobytes(), sorted_units[i:j].tobytes())
             for i, j in _chunks(sorted_keys)),
        )
    _set_meta(db, len(ids))


def _chunks(keys: np.ndarray):
    """Chunk bounds about CHUNK apart, never inside a run of one key (so a lookup reads one chunk)."""
    i = 0
    while i < len(keys):
        j = min(i + CHUNK, len(keys))
        while j < len(keys) and keys[j] == keys[j - 1]:
            j += 1
        yield i, j
        i = j


def _set_meta(db, units: int) -> None:
    db.conn.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                        [(VERSION_KEY, version()), (UNITS_KEY, str(units))])


def remove(db, pks: list[int]) -> None:
    """Take the sentences of these quotations out of the document frequencies and postings."""
    df_change: Counter = Counter()
    gone: dict[int, list[int]] = defaultdict(list)
    removed = 0
    for batch in _batches(pks):
        marks = ",".join("?" * len(batch))
        for pk, seq, words in db.execute(
                f"SELECT quote_pk, seq, words FROM match_units WHERE quote_pk IN ({marks})", batch).fetchall():
            removed += 1
            uid = pk * MAX_SEQ + seq
            for w in np.frombuffer(words, dtype=np.int32).tolist():
                df_change[w] -= 1
                gone[w].append(uid)
        db.execute(f"DELETE FROM match_units WHERE quote_pk IN ({marks})", batch)
    if not removed:
        return
    _apply_df(db, df_change, removed_postings=gone)
    _set_meta(db, indexed_units(db) - removed)


def add(db, corpus, units: np.ndarray, ids: np.ndarray, keys: np.ndarray) -> dict[str, int]:
    """Index new sentences (as for `rebuild`); returns the word ids of the corpus's words (word -> id)."""
    used = np.unique(np.concatenate([corpus.words_of(k) for k in units.tolist()])) if len(units) else []
    word_ids = word_ids_of(db, [corpus.vocab[w] for w in used], create=True)
    df_change: Counter = Counter()
    added: dict[int, list[int]] = defaultdict(list)
    rows = []
    for k, uid in zip(units.tolist(), ids.tolist()):
        words = np.array([word_ids[corpus.vocab[w]] for w in corpus.words_of(k).tolist()], dtype=np.int32)
        rows.append((uid // MAX_SEQ, uid % MAX_SEQ, words.tobytes()))
        for w in words.tolist():
            df_change[w] += 1
            added[w].append(uid)
    db.conn.executemany("INSERT OR REPLACE INTO match_units(quote_pk, seq, words) VALUES (?, ?, ?)", rows)
    _apply_df(db, df_change, added_postings=added)
    db.conn.executemany("INSERT INTO match_bucket_delta(bucket, unit) VALUES (?, ?)",
                        zip(keys.ravel().tolist(), np.tile(ids, keys.shape[0]).tolist()))
    _set_meta(db, indexed_units(db) + len(rows))
    return word_ids


def _apply_df(db, change: Counter, *, added_postings=None, removed_postings=None) -> None:
    for batch in _batches(sorted(change)):
        marks = ",".join("?" * len(batch))
        rows = db.execute(f"SELECT id, df, postings FROM match_words WHERE id IN ({marks})", batch).fetchall()
        updates = []
        for wid, df, postings in rows:
            new_df = max(df + change[wid], 0)
            if postings is not None and new_df <= MAX_RARE_DF:
                ids = np.frombuffer(postings, dtype=np.int64)
                if removed_postings and wid in removed_postings:
                    ids = ids[~np.isin(ids, removed_postings[wid])]
                if added_postings and wid in added_postings:
                    ids = np.r_[ids, np.array(added_postings[wid], dtype=np.int64)]
                postings = ids.tobytes()
            else:
                postings = None  # too common now to look anything up by (it stays so until a rebuild)
            updates.append((new_df, postings, wid))
        db.conn.executemany("UPDATE match_words SET df = ?, postings = ? WHERE id = ?", updates)


def word_ids_of(db, words: list[str], *, create: bool = False) -> dict[str, int]:
    out: dict[str, int] = {}
    for batch in _batches(words):
        marks = ",".join("?" * len(batch))
        out.update(db.execute(f"SELECT word, id FROM match_words WHERE word IN ({marks})", batch).fetchall())
    if create:
        for w in words:
            if w not in out:
                out[w] = db.execute("INSERT INTO match_words(word, df, postings) VALUES (?, 0, x'')", [w]).lastrowid
    return out


def document_frequencies(db, words: list[str]) -> np.ndarray:
    """df of each word (0 for a word not indexed)."""
    found: dict[str, int] = {}
    for batch in _batches(words):
        marks = ",".join("?" * len(batch))
        found.update(db.execute(f"SELECT word, df FROM match_words WHERE word IN ({marks})", batch).fetchall())
    return np.array([found.get(w, 0) for w in words], dtype=np.int64)


# --------------------------------------------------------------------------- lookups


def lookup(db, keys: np.ndarray, words: list[list[str]]) -> list[set[int]]:
    """Candidate unit ids for each of n sentences, given their bucket keys ((BANDS + 1, n), bucket_keys) and
    their content words: the sentences in one of their LSH buckets (a bucket of more than MAX_BUCKET sentences
    is no evidence), with their exact wording, or sharing their rare words (two of them, or the one a sentence
    has)."""
    n = keys.shape[1]
    found: list[set[int]] = [set() for _ in range(n)]
    members = _bucket_members(db, np.unique(keys))
    for i in range(n):
        for band in range(BANDS + 1):
            units = members.get(int(keys[band, i]), ())
            limit = MAX_EXACT if band == EXACT_BAND else MAX_BUCKET
            if 0 < len(units) <= limit or band == EXACT_BAND:
                found[i].update(units[:limit])
    all_words = sorted({w for ws in words for w in ws})
    postings: dict[str, np.ndarray] = {}
    for batch in _batches(all_words):
        marks = ",".join("?" * len(batch))
        for word, blob in db.execute(
                f"SELECT word, postings FROM match_words WHERE word IN ({marks}) AND postings IS NOT NULL", batch):
            postings[word] = np.frombuffer(blob, dtype=np.int64)
    for i, ws in enumerate(words):
        rare = [postings[w] for w in ws if w in postings]
        if not rare:
            continue
        ids, counts = np.unique(np.concatenate(rare), return_counts=True)
        found[i].update(ids[counts >= min(2, len(rare))].tolist())
    return found


def _bucket_members(db, keys: np.ndarray) -> dict[int, list[int]]:
    """Unit ids in each of the given buckets (sorted keys), from the chunks and the delta."""
    out: dict[int, list[int]] = defaultdict(list)
    chunks: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for key in keys.tolist():
        row = db.execute("SELECT first_key FROM match_buckets WHERE first_key <= ? ORDER BY first_key DESC LIMIT 1",
                         [key]).fetchone()
        if row is None:
            continue
        first = row[0]
        if first not in chunks:
            blob_keys, blob_units = db.execute("SELECT keys, units FROM match_buckets WHERE first_key = ?",
                                               [first]).fetchone()
            chunks[first] = (np.frombuffer(blob_keys, dtype=np.int64), np.frombuffer(blob_units, dtype=np.int64))
        chunk_keys, chunk_units = chunks[first]
        lo, hi = np.searchsorted(chunk_keys, [key, key + 1])
        if hi > lo:
            out[key].extend(chunk_units[lo:hi].tolist())
    for batch in _batches(keys.tolist()):
        marks = ",".join("?" * len(batch))
        for bucket, unit in db.execute(f"SELECT bucket, unit FROM match_bucket_delta WHERE bucket IN ({marks})", batch):
            out[bucket].append(unit)
    return out


def _batches(items: list, size: int = _BATCH):
    for i in range(0, len(items), size):
        yield items[i:i + size]
