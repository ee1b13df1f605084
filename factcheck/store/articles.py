"""Saving an article and its quotations: the one write path of ingest.

Identity. An article's id is the content hash of its first version. Its key (`Article.key`) finds its
later versions: the file it was read from, for a file that holds one article (the reader says so), else its
url (a feed record's, or a page's read from stdin); an article with neither is identified by its text
alone, never by a line number. A text already stored (the current
or an earlier version of any article) is "unchanged". A different text under a stored key is an update:
the article keeps its id, its previous text and metadata are kept as a numbered version
(`article_versions`), and its quotations are diffed by their stable ids, so that reviews, corrections and
cluster membership of every quotation that is still there survive. Reviews are never deleted: one whose
quotation disappeared is flagged `orphaned` by the database itself (a trigger on quotes) and unflagged if
it comes back. A url that another article has too (any page can claim any canonical url) is recorded with
a note, never taken as the other article's identity.

Each article is saved in one write transaction: a crash leaves the database with the old version or the
new one, never half of it.

The full-text indexes are not written here: the rows a save adds or changes wait to be indexed, as the
database records in the same transaction, until the run indexes them (see fts.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Literal

import sqlite_utils

from .db import content_hash, normalize_for_id, quote_id, speaker_ids, utc_now, write_transaction
from .reviews import apply_corrections

SaveStatus = Literal["new", "updated", "unchanged"]

QUOTE_COLUMNS = (
    "id", "article_id", "start", "end", "text", "kind", "speaker_id", "speaker_mention", "speaker_start",
    "speaker_end", "cue", "cue_start", "cue_end", "confidence", "extractor_version", "part_of",
)
VERSIONED_COLUMNS = ("content_hash", "text", "source", "url", "title", "outlet", "published", "extractor_version")


@dataclass(frozen=True)
class Article:
    """An article as read from its source, its text and metadata already made safe (factcheck.sanitize)."""

    text: str
    source: str | None = None     # where it was read: a file, "file:line" for a feed record; None for stdin
    url: str | None = None        # the address the page or record gives (recorded, not its identity)
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    key: str | None = None        # what finds its earlier versions: "file:PATH" (given by the reader of a
                                  # file), else "url:URL" from its url; without either its text identifies it

    def __post_init__(self):
        if self.key is None and self.url:
            object.__setattr__(self, "key", f"url:{self.url}")


@dataclass(frozen=True)
class QuoteChanges:
    """What storing an extraction changed: quotations added, found again, vanished; reviews orphaned."""

    added: int = 0
    kept: int = 0
    vanished: int = 0
    orphaned_reviews: int = 0


@dataclass(frozen=True)
class Saved:
    """What `save_article` did: the status, the article's version now, its quotations' changes, and what
    the user should be told (an update's kept version, a url another article has too)."""

    status: SaveStatus
    version: int = 1
    changes: QuoteChanges = field(default_factory=QuoteChanges)
    notes: tuple[str, ...] = ()


def article_status(db: sqlite_utils.Database, article: Article) -> SaveStatus:
    """What saving `article` would do: "unchanged", "updated" or "new" (see the module docstring)."""
    return _classify(db, article)[0]


def save_article(
    db: sqlite_utils.Database, article: Article, quotations: Iterable, *, extractor_version: str
) -> Saved:
    """Store `article` with `quotations` (factcheck.nlp.Quotation objects, offsets into article.text)."""
    with write_transaction(db):
        status, existing = _classify(db, article)
        if status == "unchanged":
            return Saved(status)
        now = utc_now()
        version = 1
        if existing is None:
            article_id = content_hash(article.text)
            pk = db.execute(
                "INSERT INTO articles(id, content_hash, source, url, title, outlet, published, ingested_at, text, "
                "extractor_version, key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [article_id, article_id, article.source, article.url, article.title, article.outlet,
                 article.published, now, article.text, extractor_version, article.key],
            ).lastrowid
        else:
            pk, article_id = existing
            version = _keep_current_version(db, pk, now)
            db.execute(
                "UPDATE articles SET content_hash = ?, text = ?, updated_at = ?, source = COALESCE(?, source), "
                "url = COALESCE(?, url), title = COALESCE(?, title), outlet = COALESCE(?, outlet), "
                "published = COALESCE(?, published), extractor_version = ?, version = ? WHERE pk = ?",
                [content_hash(article.text), article.text, now, article.source, article.url, article.title,
                 article.outlet, article.published, extractor_version, version, pk],
            )
        changes = _replace_quotes(db, article_id, article.text, list(quotations), extractor_version)
        notes = []
        if status == "updated":
            orphaned = (f"; {_reviews(changes.orphaned_reviews)} of quotations it no longer has kept as orphaned"
                        if changes.orphaned_reviews else "")
            notes.append(f"updated to version {version} (version {version - 1} kept{orphaned})")
        notes += _shared_url(db, pk, article.url)
        return Saved(status, version, changes, tuple(notes))


def _keep_current_version(db: sqlite_utils.Database, pk: int, now: str) -> int:
    """Copy the article's current text and metadata into article_versions; return the next version number."""
    columns = ", ".join(VERSIONED_COLUMNS)
    db.execute(
        f"INSERT INTO article_versions(article_id, version, {columns}, stored_at, replaced_at) "
        f"SELECT id, version, {columns}, COALESCE(updated_at, ingested_at), ? FROM articles WHERE pk = ?",
        [now, pk],
    )
    return db.execute("SELECT version + 1 FROM articles WHERE pk = ?", [pk]).fetchone()[0]


def _shared_url(db: sqlite_utils.Database, pk: int, url: str | None) -> list[str]:
    """A note when another article has the same url: it is recorded, and trusted for nothing."""
    if not url:
        return []
    other = db.execute(
        "SELECT COALESCE(source, title, id) FROM articles WHERE url = ? AND pk != ? ORDER BY pk LIMIT 1", [url, pk]
    ).fetchone()
    if other is None:
        return []
    return [f"its url {url} is also that of the article from {other[0]}; stored as an article of its own "
            "(a url a page or record claims does not make it another article)"]


def _reviews(n: int) -> str:
    return f"{n} review{'s' if n != 1 else ''}"


@dataclass(frozen=True)
class StoredArticle:
    """A stored article as a re-extraction reads it."""

    id: str
    content_hash: str
    text: str
    label: str  # title, url, source or id: how messages name it


def articles_to_reextract(db: sqlite_utils.Database, extractor_version: str, *, everything: bool = False) -> list[str]:
    """Ids of the articles that detector `extractor_version` has not read yet (all of them with `everything`),
    oldest first."""
    if everything:
        rows = db.execute("SELECT id FROM articles ORDER BY pk")
    else:
        rows = db.execute(
            "SELECT id FROM articles WHERE extractor_version IS NULL OR extractor_version != ? ORDER BY pk",
            [extractor_version],
        )
    return [article_id for (article_id,) in rows]


def stored_article(db: sqlite_utils.Database, article_id: str) -> StoredArticle | None:
    row = db.execute(
        "SELECT id, content_hash, text, COALESCE(title, url, source, id) FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    return StoredArticle(*row) if row else None


def replace_quotations(
    db: sqlite_utils.Database, article: StoredArticle, quotations: Iterable, *, extractor_version: str
) -> QuoteChanges | None:
    """Store a new extraction of a stored article's unchanged text, in one transaction. Quotations found
    again keep their id, review, corrections and cluster; reviews of vanished ones are kept, flagged
    orphaned. Returns None (and writes nothing) if the article changed or went away since it was read."""
    with write_transaction(db):
        row = db.execute("SELECT content_hash FROM articles WHERE id = ?", [article.id]).fetchone()
        if row is None or row[0] != article.content_hash:
            return None
        changes = _replace_quotes(db, article.id, article.text, list(quotations), extractor_version)
        db.execute("UPDATE articles SET extractor_version = ? WHERE id = ?", [extractor_version, article.id])
        return changes


def _classify(db: sqlite_utils.Database, article: Article) -> tuple[SaveStatus, tuple[int, str] | None]:
    """The status, and for an update the (pk, id) of the article it replaces.

    A text that is (or was) the text of an article from elsewhere counts as seen ("unchanged"): storing it
    as new would duplicate that article, and putting it into that article would let two sources flip it
    back and forth. Under the article's own key it is an update (a reverted edit)."""
    digest = content_hash(article.text)
    if db.execute("SELECT 1 FROM articles WHERE content_hash = ?", [digest]).fetchone():
        return "unchanged", None
    if article.key:
        existing = db.execute("SELECT pk, id FROM articles WHERE key = ?", [article.key]).fetchone()
        if existing:
            return "updated", existing
    seen = db.execute(
        "SELECT 1 FROM articles WHERE id = ? UNION ALL SELECT 1 FROM article_versions WHERE content_hash = ?",
        [digest, digest],
    ).fetchone()
    return ("unchanged", None) if seen else ("new", None)


def _quote_rows(db: sqlite_utils.Database, article_id: str, text: str, quotations: list, extractor_version: str) -> list[tuple]:
    """Quote rows (in QUOTE_COLUMNS order) with stable ids: the n-th quotation with the same normalised
    wording in this article gets occurrence n. A verbatim fragment's `part_of` (an index into `quotations`)
    becomes the enclosing claim's id."""
    seen: dict[str, int] = {}
    ids = []
    for q in quotations:
        wording = normalize_for_id(q.text)
        occurrence = seen.get(wording, 0)
        seen[wording] = occurrence + 1
        ids.append(quote_id(article_id, q.text, occurrence))
    mentions = [text[q.speaker_start : q.speaker_end] if q.speaker_start is not None and q.speaker_end is not None
                else None for q in quotations]
    named = [(q.speaker, q.speaker_type, mention or q.speaker) for q, mention in zip(quotations, mentions) if q.speaker]
    sids = iter(speaker_ids(db, named))
    rows = []
    for qid, q, mention in zip(ids, quotations, mentions):
        outer = q.part_of
        sid = next(sids) if q.speaker else None
        rows.append((
            qid, article_id, q.start, q.end, q.text, q.kind, sid, mention, q.speaker_start, q.speaker_end, q.cue,
            q.cue_start, q.cue_end, q.confidence, extractor_version,
            ids[outer] if outer is not None and 0 <= outer < len(ids) and ids[outer] != qid else None,
        ))
    return rows


def _replace_quotes(
    db: sqlite_utils.Database, article_id: str, text: str, quotations: list, extractor_version: str
) -> QuoteChanges:
    """Diff the article's quotes by stable id: delete the vanished, update the surviving in place (their pk
    and cluster membership stay), insert the new; then flag/unflag reviews and re-apply corrections."""
    rows = _quote_rows(db, article_id, text, quotations, extractor_version)
    old = dict(db.execute("SELECT id, pk FROM quotes WHERE article_id = ?", [article_id]).fetchall())
    new_ids = [row[0] for row in rows]
    vanished = list(old.keys() - set(new_ids))
    surviving = [row for row in rows if row[0] in old]
    added = [row for row in rows if row[0] not in old]

    orphaned = _count_unorphaned_reviews(db, vanished)
    db.conn.executemany("DELETE FROM quotes WHERE id = ?", [(qid,) for qid in vanished])  # orphans their reviews
    columns = ", ".join(f'"{c}"' for c in QUOTE_COLUMNS)
    sets = ", ".join(f'"{c}" = ?' for c in QUOTE_COLUMNS[1:])
    db.conn.executemany(f"UPDATE quotes SET {sets} WHERE id = ?", [(*row[1:], row[0]) for row in surviving])
    db.conn.executemany(f"INSERT INTO quotes({columns}) VALUES ({', '.join('?' * len(QUOTE_COLUMNS))})", added)

    db.execute(
        "UPDATE reviews SET orphaned = 0 WHERE quote_id IN (SELECT id FROM quotes WHERE article_id = ?) AND orphaned = 1",
        [article_id],
    )
    apply_corrections(db, new_ids)
    return QuoteChanges(len(added), len(surviving), len(vanished), orphaned)


def _count_unorphaned_reviews(db: sqlite_utils.Database, quote_ids: list[str]) -> int:
    count = 0
    for start in range(0, len(quote_ids), 500):
        chunk = quote_ids[start:start + 500]
        count += db.execute(
            f"SELECT count(*) FROM reviews WHERE orphaned = 0 AND quote_id IN ({','.join('?' * len(chunk))})", chunk
        ).fetchone()[0]
    return count


def store_totals(db: sqlite_utils.Database, extractor_version: str | None = None) -> dict:
    """Whole-database counts, including what no quotation filter sees (articles without quotations,
    reviews whose quotation disappeared; with `extractor_version`, articles another detector release read)."""
    def one(sql: str) -> int:
        return db.execute(sql).fetchone()[0]

    return {
        "articles": one("SELECT count(*) FROM articles"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "speakers": one("SELECT count(*) FROM speakers WHERE merged_into IS NULL"),
        "reviews": one("SELECT count(*) FROM reviews WHERE status != 'unreviewed'"),
        "orphaned_reviews": one("SELECT count(*) FROM reviews WHERE orphaned = 1"),
        "clusters": one("SELECT count(*) FROM clusters"),
    } | ({"outdated_articles": _older_than(db, extractor_version)} if extractor_version else {})


def _older_than(db: sqlite_utils.Database, release: str) -> int:
    """Articles read by another detector release (with or without a --model: "1.3-rules+NAME" is current too)."""
    return db.execute(
        "SELECT count(*) FROM articles WHERE extractor_version IS NULL "
        "OR (extractor_version != ? AND extractor_version NOT LIKE ? || '+%')", [release, release]
    ).fetchone()[0]
