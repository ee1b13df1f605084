"""The database schema as an ordered list of forward migrations.

Migration N brings a database from schema version N-1 to N. `meta.schema_version` records where a file
stands; `migrate()` runs whatever is missing, each migration in its own transaction, so an interrupted
upgrade leaves the file at the last complete version. Never edit a released migration: append a new one.
"""

from __future__ import annotations

import sqlite3

# v1: articles, speakers, quotes, reviews and the audit log, with full-text search.
V1 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE articles (
    pk INTEGER PRIMARY KEY,               -- integer rowid for the FTS index
    id TEXT NOT NULL UNIQUE,              -- content hash of the first version seen; stays when the text changes
    content_hash TEXT NOT NULL,           -- hash of the current text
    source TEXT,                          -- path or URL it was read from
    url TEXT,
    title TEXT,
    outlet TEXT,
    published TEXT,
    ingested_at TEXT NOT NULL,
    updated_at TEXT,
    text TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_url ON articles(url);

CREATE TABLE speakers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL DEFAULT 'unknown'
        CHECK (type IN ('person', 'organization', 'anonymous', 'unknown')),
    variants TEXT NOT NULL DEFAULT '[]',  -- JSON list of the spellings seen
    UNIQUE (name, type)
);

CREATE TABLE quotes (
    pk INTEGER PRIMARY KEY,               -- integer rowid for the FTS index and keyset paging
    id TEXT NOT NULL UNIQUE,              -- stable: same quotation in the same article, same id
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker_id INTEGER REFERENCES speakers(id),
    speaker_mention TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    cue TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    confidence REAL,
    extractor_version TEXT NOT NULL
);
CREATE INDEX quotes_article ON quotes(article_id, start);
CREATE INDEX quotes_speaker ON quotes(speaker_id);
CREATE INDEX quotes_kind ON quotes(kind);
CREATE INDEX quotes_confidence ON quotes(confidence);

-- A review is keyed by the quote's stable id and has no foreign key on purpose: it outlives its
-- quotation. When re-extraction no longer finds the quotation the review is kept and flagged orphaned;
-- quote_text and article_id keep a copy of what it was about.
CREATE TABLE reviews (
    quote_id TEXT PRIMARY KEY,
    status TEXT NOT NULL DEFAULT 'unreviewed'
        CHECK (status IN ('unreviewed', 'verified', 'disputed')),
    verdict TEXT,
    note TEXT,
    evidence TEXT NOT NULL DEFAULT '[]',  -- JSON list of URLs
    reviewer TEXT,
    updated_at TEXT,
    version INTEGER NOT NULL DEFAULT 0,   -- optimistic locking: every write bumps it
    article_id TEXT,
    quote_text TEXT,
    orphaned INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reviews_status ON reviews(status);
CREATE INDEX reviews_verdict ON reviews(verdict);

CREATE TABLE review_events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    reviewer TEXT,
    quote_id TEXT,
    cluster_id INTEGER,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT
);
CREATE INDEX review_events_quote ON review_events(quote_id, id);
CREATE TRIGGER review_events_no_update BEFORE UPDATE ON review_events
BEGIN SELECT RAISE(ABORT, 'review_events is append-only'); END;
CREATE TRIGGER review_events_no_delete BEFORE DELETE ON review_events
BEGIN SELECT RAISE(ABORT, 'review_events is append-only'); END;

-- External-content FTS5 indexes, maintained by the store (not by per-row triggers, which slow bulk loads).
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='pk');
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='pk');
"""

# v2: matching (clusters, suggestions, speaker merges) and reviewers' corrections of the machine.
V2 = """
CREATE TABLE clusters (
    id INTEGER PRIMARY KEY,
    canonical_quote_id TEXT,              -- the longest full form
    canonical_text TEXT NOT NULL,
    size INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT,
    last_seen TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT
);
CREATE INDEX clusters_size ON clusters(size);  -- the review queue's "most appearances" order

CREATE TABLE cluster_members (
    quote_id TEXT PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,
    cluster_id INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    score REAL,                           -- score that joined it to the cluster
    method TEXT,                          -- ratio | containment | confirmed | seed
    added_at TEXT NOT NULL
);
CREATE INDEX cluster_members_cluster ON cluster_members(cluster_id);

CREATE TABLE match_suggestions (
    quote_a TEXT NOT NULL,                -- quote_a < quote_b
    quote_b TEXT NOT NULL,
    score REAL NOT NULL,
    method TEXT,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'confirmed', 'rejected')),
    created_at TEXT NOT NULL,
    decided_by TEXT,
    decided_at TEXT,
    PRIMARY KEY (quote_a, quote_b)
);
CREATE INDEX match_suggestions_b ON match_suggestions(quote_b);
CREATE INDEX match_suggestions_status ON match_suggestions(status);

-- A quote a reviewer split out of a cluster is never clustered automatically again.
CREATE TABLE cluster_splits (
    quote_id TEXT PRIMARY KEY,
    reviewer TEXT,
    at TEXT NOT NULL
);

CREATE TABLE speaker_merges (
    id INTEGER PRIMARY KEY,
    speaker_id INTEGER NOT NULL REFERENCES speakers(id),
    into_id INTEGER NOT NULL REFERENCES speakers(id),
    score REAL,
    reason TEXT,
    status TEXT NOT NULL DEFAULT 'auto'
        CHECK (status IN ('auto', 'suggested', 'confirmed', 'rejected', 'undone')),
    created_at TEXT NOT NULL,
    decided_by TEXT,
    decided_at TEXT
);
CREATE INDEX speaker_merges_speaker ON speaker_merges(speaker_id);
ALTER TABLE speakers ADD COLUMN merged_into INTEGER REFERENCES speakers(id);

-- Reviewers' corrections of the machine (speaker, speaker_type, kind, not_quote), keyed by stable quote
-- id; re-extraction applies them again, so they survive.
CREATE TABLE corrections (
    quote_id TEXT NOT NULL,
    field TEXT NOT NULL CHECK (field IN ('speaker', 'speaker_type', 'kind', 'not_quote')),
    value TEXT,
    reviewer TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (quote_id, field)
);
ALTER TABLE quotes ADD COLUMN not_quote INTEGER NOT NULL DEFAULT 0;

-- One row per quotation with its article, speaker, cluster and review: for datasette, exports and reports.
CREATE VIEW quotes_view AS
SELECT
    q.pk AS quote_pk, q.id AS quote_id, q.text, q.kind, q.start, q."end", q.confidence, q.extractor_version, q.not_quote,
    q.speaker_mention, q.speaker_start, q.speaker_end, q.cue, q.cue_start, q.cue_end,
    s.id AS speaker_id, COALESCE(m.name, s.name) AS speaker, COALESCE(m.type, s.type) AS speaker_type,
    q.article_id, a.url, a.title, a.outlet, a.published, a.source,
    cm.cluster_id, c.canonical_text, c.size AS cluster_size,
    COALESCE(r.status, 'unreviewed') AS status, r.verdict, r.note, r.evidence, r.reviewer,
    r.updated_at AS reviewed_at, COALESCE(r.version, 0) AS review_version
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id
LEFT JOIN speakers m ON m.id = s.merged_into
LEFT JOIN cluster_members cm ON cm.quote_id = q.id
LEFT JOIN clusters c ON c.id = cm.cluster_id
LEFT JOIN reviews r ON r.quote_id = q.id;
"""

# v3: the detector version that last read each article, so that `factcheck reextract` knows which articles a
# newer detector has not seen (an article without quotations has no quote row to tell).
V3 = """
ALTER TABLE articles ADD COLUMN extractor_version TEXT;
UPDATE articles SET extractor_version = (SELECT min(q.extractor_version) FROM quotes q WHERE q.article_id = articles.id);
"""

# v4: claim units. A verbatim fragment quoted inside an indirect or reported claim of the same speaker is part of
# that claim, not a claim of its own: `part_of` holds the enclosing claim's quote id (same article). No foreign
# key: both rows are always written together by one extraction, and the link is recomputed on every one.
# Existing databases get the links the detector would set (see factcheck.nlp.components.link_parts).
V4 = """
ALTER TABLE quotes ADD COLUMN part_of TEXT;
CREATE INDEX quotes_part_of ON quotes(part_of) WHERE part_of IS NOT NULL;
UPDATE quotes SET part_of = (
    SELECT o.id FROM quotes o
    WHERE o.article_id = quotes.article_id AND o.kind IN ('indirect', 'free_indirect', 'reported')
      AND o.start <= quotes.start AND o."end" >= quotes."end" AND o.pk != quotes.pk
      AND (quotes.speaker_id IS NULL OR o.speaker_id = quotes.speaker_id)
    ORDER BY o."end" - o.start LIMIT 1
) WHERE kind IN ('partial', 'direct');
DROP VIEW quotes_view;
CREATE VIEW quotes_view AS
SELECT
    q.pk AS quote_pk, q.id AS quote_id, q.text, q.kind, q.start, q."end", q.confidence, q.extractor_version, q.not_quote, q.part_of,
    q.speaker_mention, q.speaker_start, q.speaker_end, q.cue, q.cue_start, q.cue_end,
    s.id AS speaker_id, COALESCE(m.name, s.name) AS speaker, COALESCE(m.type, s.type) AS speaker_type,
    q.article_id, a.url, a.title, a.outlet, a.published, a.source,
    cm.cluster_id, c.canonical_text, c.size AS cluster_size,
    COALESCE(r.status, 'unreviewed') AS status, r.verdict, r.note, r.evidence, r.reviewer,
    r.updated_at AS reviewed_at, COALESCE(r.version, 0) AS review_version
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id
LEFT JOIN speakers m ON m.id = s.merged_into
LEFT JOIN cluster_members cm ON cm.quote_id = q.id
LEFT JOIN clusters c ON c.id = cm.cluster_id
LEFT JOIN reviews r ON r.quote_id = q.id;
"""

# v5: the FTS indexes declared exactly as sqlite-utils' `enable_fts` declares them (`content="quotes"`, the
# content table's rowid, which is its integer `pk`), the form datasette and `sqlite-utils search` detect;
# v1's `content='quotes', content_rowid='pk'` indexed the same rows but was invisible to both. The indexes
# are built again from their tables.
V5 = """
DROP TABLE quotes_fts;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE "quotes_fts" USING FTS5 (
    "text",
    content="quotes"
);
CREATE VIRTUAL TABLE "articles_fts" USING FTS5 (
    "title", "text",
    content="articles"
);
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
"""

# v6: speaker merging looks only at the speakers of new quotations (factcheck/match/speakers.py): each speaker's
# surname key, indexed (NULL until keyed), the merged speakers by root, and the context seen so far of speakers
# named without a first name, so that no run has to read old articles again.
V6 = """
ALTER TABLE speakers ADD COLUMN surname_key TEXT;
CREATE INDEX speakers_surname_key ON speakers(surname_key, merged_into);
CREATE INDEX speakers_unkeyed ON speakers(id) WHERE surname_key IS NULL;
CREATE INDEX speakers_merged_into ON speakers(merged_into);
CREATE TABLE speaker_context (
    speaker_id INTEGER NOT NULL REFERENCES speakers(id),  -- a speaker named without a first name ("Biden", "J. Biden")
    given TEXT NOT NULL,                  -- keys of the given names written before its surname in an article quoting it
    other_id INTEGER NOT NULL,            -- or: the speaker of a quotation in the same cluster (given = '')
    PRIMARY KEY (speaker_id, given, other_id)
) WITHOUT ROWID;
"""


# v7: matching's pending work, recorded in the same transaction as the quotation rows by triggers (so no writer can
# forget it, and a reused rowid cannot hide a change): every quotation added, deleted, or changed in what matching
# reads (text, kind, part_of, not_quote, speaker). A match run consumes the rows it saw, in its own transaction;
# an interrupted run leaves them for the next command. Clusters that lost a member (a quotation deleted) are
# recorded for a refresh of their size and canonical text; a pending suggestion dies with its quotation.
# Replaces meta's match.last_quote_pk: what it had not matched yet is pending.
V7 = """
CREATE TABLE match_pending (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    quote_pk INTEGER NOT NULL
);
CREATE TABLE match_stale_clusters (cluster_id INTEGER PRIMARY KEY);
CREATE TRIGGER quotes_match_insert AFTER INSERT ON quotes
BEGIN INSERT INTO match_pending(quote_pk) VALUES (NEW.pk); END;
CREATE TRIGGER quotes_match_update AFTER UPDATE OF text, kind, part_of, not_quote, speaker_id ON quotes
WHEN OLD.text IS NOT NEW.text OR OLD.kind IS NOT NEW.kind OR OLD.part_of IS NOT NEW.part_of
  OR OLD.not_quote IS NOT NEW.not_quote OR OLD.speaker_id IS NOT NEW.speaker_id
BEGIN INSERT INTO match_pending(quote_pk) VALUES (NEW.pk); END;
CREATE TRIGGER quotes_match_delete AFTER DELETE ON quotes
BEGIN
    INSERT INTO match_pending(quote_pk) VALUES (OLD.pk);
    DELETE FROM match_suggestions WHERE status = 'pending' AND (quote_a = OLD.id OR quote_b = OLD.id);
END;
CREATE TRIGGER cluster_members_stale AFTER DELETE ON cluster_members
BEGIN INSERT OR IGNORE INTO match_stale_clusters(cluster_id) VALUES (OLD.cluster_id); END;
INSERT INTO match_pending(quote_pk)
    SELECT pk FROM quotes WHERE pk > COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'match.last_quote_pk'), 0)
    ORDER BY pk;
INSERT OR IGNORE INTO match_stale_clusters(cluster_id)
    SELECT id FROM clusters c WHERE size != (SELECT count(*) FROM cluster_members WHERE cluster_id = c.id);
DELETE FROM meta WHERE key = 'match.last_quote_pk';
-- The matcher's persisted candidate index (factcheck.match.index): its sentences and their words, the
-- words' document frequencies and rare-word postings, the LSH buckets (sorted runs, and a delta of rows since).
-- Empty until the next match run builds it.
CREATE TABLE match_units (
    quote_pk INTEGER NOT NULL,
    seq INTEGER NOT NULL,                 -- sentence number within the quotation
    words BLOB NOT NULL,                  -- int32 ids into match_words
    PRIMARY KEY (quote_pk, seq)
) WITHOUT ROWID;
CREATE TABLE match_words (
    id INTEGER PRIMARY KEY,
    word TEXT NOT NULL UNIQUE,            -- a content word in claim form
    df INTEGER NOT NULL,                  -- indexed sentences that have it
    postings BLOB                         -- their unit ids (int64) while the word is rare, else NULL
);
CREATE TABLE match_buckets (
    first_key INTEGER PRIMARY KEY,
    keys BLOB NOT NULL,                   -- sorted int64 bucket keys (band << 32 | key)
    units BLOB NOT NULL                   -- the unit id (int64) of each
);
CREATE TABLE match_bucket_delta (
    bucket INTEGER NOT NULL,
    unit INTEGER NOT NULL
);
CREATE INDEX match_bucket_delta_bucket ON match_bucket_delta(bucket);
"""

# v8: an article's identity and its earlier versions, pending work, reviews that cannot come loose.
V8 = """
-- What finds an article's later versions: 'file:PATH' (a file holding one article), 'url:URL' (a feed
-- record's url); NULL: its text alone identifies it. Never a line number, never a page's canonical url.
-- Earlier databases: a url from a feed record or stdin, else the file it was read from (not a feed line).
ALTER TABLE articles ADD COLUMN key TEXT;
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
UPDATE articles SET key = CASE
    WHEN source IS NOT NULL AND length(rtrim(source, '0123456789')) < length(source)
         AND substr(source, length(rtrim(source, '0123456789')), 1) = ':'
        THEN CASE WHEN url IS NOT NULL THEN 'url:' || url END
    WHEN source IS NOT NULL THEN 'file:' || source
    WHEN url IS NOT NULL THEN 'url:' || url
END;
UPDATE articles SET key = NULL  -- the same key twice (never written so, but be sure): the latest keeps it
WHERE key IS NOT NULL AND pk NOT IN (SELECT max(pk) FROM articles WHERE key IS NOT NULL GROUP BY key);
CREATE UNIQUE INDEX articles_key ON articles(key);

-- Every text an article had before its current one, with the metadata it came with.
CREATE TABLE article_versions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    text TEXT NOT NULL,
    source TEXT,
    url TEXT,
    title TEXT,
    outlet TEXT,
    published TEXT,
    extractor_version TEXT,
    stored_at TEXT NOT NULL,              -- when this version was stored
    replaced_at TEXT NOT NULL,            -- when the next one replaced it
    PRIMARY KEY (article_id, version)
);
CREATE INDEX article_versions_content_hash ON article_versions(content_hash);

-- Work a command started and left unfinished (an interrupted bulk ingest's full-text index, ...): the next
-- command that needs it finishes it (factcheck.store.pending).
CREATE TABLE pending_work (
    name TEXT PRIMARY KEY,
    since TEXT NOT NULL,
    detail TEXT
);
INSERT INTO pending_work(name, since, detail)
    SELECT 'fts', value, 'a --bulk ingest' FROM meta WHERE key = 'fts_deferred';
DELETE FROM meta WHERE key = 'fts_deferred';

-- A review is never detached: while its quotation exists it is about it; when the quotation is deleted
-- (re-ingest, re-extraction) the review is flagged orphaned and keeps a copy of what it was about.
UPDATE reviews SET orphaned = 1 WHERE orphaned = 0 AND quote_id NOT IN (SELECT id FROM quotes);
CREATE TRIGGER quotes_orphan_their_reviews AFTER DELETE ON quotes
BEGIN
    UPDATE reviews SET orphaned = 1, article_id = COALESCE(article_id, OLD.article_id),
        quote_text = COALESCE(quote_text, OLD.text)
    WHERE quote_id = OLD.id AND orphaned = 0;
END;
CREATE TRIGGER reviews_need_their_quotation BEFORE INSERT ON reviews
WHEN NEW.orphaned = 0 AND NOT EXISTS (SELECT 1 FROM quotes WHERE id = NEW.quote_id)
BEGIN SELECT RAISE(ABORT, 'a review needs its quotation: that quotation is not (or no longer) stored'); END;
CREATE TRIGGER reviews_keep_their_quotation BEFORE UPDATE ON reviews
WHEN NEW.orphaned = 0 AND NOT EXISTS (SELECT 1 FROM quotes WHERE id = NEW.quote_id)
BEGIN SELECT RAISE(ABORT, 'a review needs its quotation: that quotation is not (or no longer) stored'); END;
"""

# v9: the full-text indexes are brought up to date at the end of a run (and every few thousand articles) instead
# of in every article's transaction (factcheck.store.fts). Which rows are not indexed yet is recorded by the
# database itself, in the transaction that writes them: a row inserted, or whose indexed columns change, is
# pending (`{fts}_pending`, by rowid); a row that changes or goes while it is indexed is first removed from its
# index with its OLD values, as external-content FTS5 needs (a row that is pending is in no index: nothing to
# remove). So: a row not pending is indexed with its current values, a pending row is in no index, and a rowid
# that SQLite reuses (quotes and articles have no AUTOINCREMENT) for a new row is simply pending again.
V9 = """
CREATE TABLE quotes_fts_pending (pk INTEGER PRIMARY KEY);
CREATE TABLE articles_fts_pending (pk INTEGER PRIMARY KEY);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes
BEGIN INSERT OR IGNORE INTO quotes_fts_pending(pk) VALUES (NEW.pk); END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF pk, text ON quotes
WHEN OLD.pk IS NOT NEW.pk OR OLD.text IS NOT NEW.text
BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) SELECT 'delete', OLD.pk, OLD.text
    WHERE NOT EXISTS (SELECT 1 FROM quotes_fts_pending WHERE pk = OLD.pk);
    INSERT OR IGNORE INTO quotes_fts_pending(pk) VALUES (NEW.pk);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes
WHEN NOT EXISTS (SELECT 1 FROM quotes_fts_pending WHERE pk = OLD.pk)
BEGIN INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', OLD.pk, OLD.text); END;
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles
BEGIN INSERT OR IGNORE INTO articles_fts_pending(pk) VALUES (NEW.pk); END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF pk, title, text ON articles
WHEN OLD.pk IS NOT NEW.pk OR OLD.title IS NOT NEW.title OR OLD.text IS NOT NEW.text
BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) SELECT 'delete', OLD.pk, OLD.title, OLD.text
    WHERE NOT EXISTS (SELECT 1 FROM articles_fts_pending WHERE pk = OLD.pk);
    INSERT OR IGNORE INTO articles_fts_pending(pk) VALUES (NEW.pk);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles
WHEN NOT EXISTS (SELECT 1 FROM articles_fts_pending WHERE pk = OLD.pk)
BEGIN INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', OLD.pk, OLD.title, OLD.text); END;
-- An index that an interrupted --bulk ingest of an earlier factcheck left to be rebuilt: emptied, every row pending.
INSERT INTO quotes_fts(quotes_fts) SELECT 'delete-all' WHERE EXISTS (SELECT 1 FROM pending_work WHERE name = 'fts');
INSERT INTO articles_fts(articles_fts) SELECT 'delete-all' WHERE EXISTS (SELECT 1 FROM pending_work WHERE name = 'fts');
INSERT INTO quotes_fts_pending(pk) SELECT pk FROM quotes WHERE EXISTS (SELECT 1 FROM pending_work WHERE name = 'fts');
INSERT INTO articles_fts_pending(pk) SELECT pk FROM articles WHERE EXISTS (SELECT 1 FROM pending_work WHERE name = 'fts');
DELETE FROM pending_work WHERE name = 'fts';
"""

MIGRATIONS: list[str] = [V1, V2, V3, V4, V5, V6, V7, V8, V9]
SCHEMA_VERSION = len(MIGRATIONS)
APPLICATION_ID = 0x46434B44  # "FCKD" in the file header (PRAGMA application_id): this is a factcheck database
FACTCHECK_TABLES = {"meta", "articles", "quotes", "reviews"}  # what a factcheck database from before v8 has


class SchemaError(RuntimeError):
    """A file factcheck must not touch: another program's database, a newer factcheck's, a damaged one."""


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version of a factcheck database (0 for an empty one). Reads only; raises SchemaError for a
    file that is no factcheck database or whose recorded version is damaged."""
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if application_id not in (0, APPLICATION_ID):
        raise SchemaError(f"not a factcheck database (another program's: application id {application_id:#x}); nothing changed")
    if not tables and application_id == 0:
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() if "meta" in tables else None
    if row is None or not FACTCHECK_TABLES <= tables:
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise SchemaError(f"not a factcheck database (it has the tables {shown}); nothing changed")
    try:
        version = int(row[0])
    except (TypeError, ValueError):
        version = -1
    if version < 1:
        raise SchemaError(f"damaged factcheck database: its schema version is {row[0]!r}, not a version number; nothing changed")
    return version


def check_version(conn: sqlite3.Connection) -> int:
    """The schema version, if this factcheck can use the file (a newer one is refused before anything changes)."""
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise SchemaError(
            f"database schema version {current} is newer than this factcheck ({SCHEMA_VERSION}); upgrade factcheck"
        )
    return current


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Run the missing migrations up to `target`; return the version the file is at afterwards."""
    current = check_version(conn)
    for version in range(current + 1, target + 1):
        script = MIGRATIONS[version - 1]
        # executescript commits first; the migration and its version bump then commit together.
        try:
            conn.executescript(
                "BEGIN;\n"
                + script
                + f"\nINSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '{version}');"
                + f"\nPRAGMA application_id = {APPLICATION_ID};\nCOMMIT;"
            )
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
    return schema_version(conn)
