import sqlite3

import pytest

from factcheck.store import (
    SCHEMA_VERSION,
    StaleReview,
    fts_query,
    get_review,
    history,
    index_pending,
    migrate,
    open_db,
    quote_id,
    schema_version,
    set_correction,
    update_review,
)
from factcheck.store.schema import MIGRATIONS


def add_quote(db, qid="q1", text="Öl ins Feuer", article="a1"):
    with db.conn:
        db.execute(
            "INSERT OR IGNORE INTO articles(id, content_hash, ingested_at, text) VALUES (?, ?, 'now', ?)",
            [article, article, "Peskow sagte, Washington gieße „Öl ins Feuer“."],
        )
        db.execute(
            'INSERT INTO quotes(id, article_id, start, "end", text, kind, extractor_version) VALUES (?, ?, 0, 1, ?, ?, ?)',
            [qid, article, text, "partial", "t"],
        )
        index_pending(db)


def test_schema_created(fresh_db):
    assert schema_version(fresh_db.conn) == SCHEMA_VERSION
    tables = set(fresh_db.table_names())
    for name in ["articles", "speakers", "quotes", "reviews", "review_events", "clusters", "cluster_members",
                 "match_suggestions", "speaker_merges", "corrections", "meta", "quotes_fts", "articles_fts"]:
        assert name in tables
    assert fresh_db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert fresh_db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert "quotes_view" in fresh_db.view_names()


def test_migration_from_version_1_keeps_data(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    assert migrate(conn, target=1) == 1
    conn.execute("INSERT INTO articles(id, content_hash, ingested_at, text) VALUES ('a1', 'h', 'then', 'Text')")
    conn.execute('INSERT INTO quotes(id, article_id, start, "end", text, kind, extractor_version) '
                 "VALUES ('q1', 'a1', 0, 4, 'Text', 'direct', 'old')")
    conn.execute("INSERT INTO reviews(quote_id, status, version) VALUES ('q1', 'verified', 1)")
    conn.commit()
    assert "clusters" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()

    db = open_db(path)
    assert schema_version(db.conn) == SCHEMA_VERSION == len(MIGRATIONS)
    assert db["quotes"].get(1)["not_quote"] == 0
    assert get_review(db, "q1")["status"] == "verified"
    assert "clusters" in db.table_names()


def test_failed_migration_leaves_previous_version(tmp_path, monkeypatch):
    conn = sqlite3.connect(tmp_path / "x.db")
    migrate(conn, target=1)
    monkeypatch.setattr("factcheck.store.schema.MIGRATIONS", [MIGRATIONS[0], "CREATE TABLE ok_so_far(x);\nBROKEN SQL;"])
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, target=2)
    assert schema_version(conn) == 1
    assert "ok_so_far" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


def test_newer_schema_refused(tmp_path):
    db = open_db(tmp_path / "x.db")
    db.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    db.conn.commit()
    db.close()
    with pytest.raises(RuntimeError, match="newer"):
        open_db(tmp_path / "x.db")


def test_quote_id_is_stable_and_wording_based():
    assert quote_id("a", "Öl  ins\nFeuer") == quote_id("a", "Öl ins Feuer")
    assert quote_id("a", "Öl ins Feuer") != quote_id("b", "Öl ins Feuer")
    assert quote_id("a", "Öl ins Feuer", 0) != quote_id("a", "Öl ins Feuer", 1)


def test_fts_search_treats_user_text_as_data(fresh_db):
    add_quote(fresh_db)
    assert fts_query('Feuer" OR x') == '("feuer"*) AND ("or x")'  # an unclosed quote mark opens a phrase
    hits = fresh_db.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", [fts_query("feu")]).fetchall()
    assert hits == [(1,)]


def test_review_optimistic_locking_and_audit_log(fresh_db):
    add_quote(fresh_db)
    first = update_review(fresh_db, "q1", reviewer="anna", expected_version=0, status="verified", verdict="richtig")
    assert first["version"] == 1
    with pytest.raises(StaleReview) as stale:
        update_review(fresh_db, "q1", reviewer="ben", expected_version=0, status="disputed")
    assert stale.value.current["reviewer"] == "anna" and "verified" in str(stale.value)
    update_review(fresh_db, "q1", reviewer="ben", expected_version=1, note="Quelle geprüft", evidence=["https://x.example"])
    review = get_review(fresh_db, "q1")
    assert (review["status"], review["note"], review["evidence"], review["version"]) == (
        "verified", "Quelle geprüft", ["https://x.example"], 2)
    fields = [(e["reviewer"], e["field"], e["old_value"], e["new_value"]) for e in history(fresh_db, "q1")]
    assert fields == [
        ("anna", "status", "unreviewed", "verified"),
        ("anna", "verdict", None, "richtig"),
        ("ben", "note", None, "Quelle geprüft"),
        ("ben", "evidence", "[]", '["https://x.example"]'),
    ]


def test_audit_log_is_append_only(fresh_db):
    add_quote(fresh_db)
    update_review(fresh_db, "q1", reviewer="anna", expected_version=0, status="verified")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        fresh_db.execute("DELETE FROM review_events")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        fresh_db.execute("UPDATE review_events SET reviewer = 'mallory'")


def test_corrections_apply_to_quote(fresh_db):
    add_quote(fresh_db)
    set_correction(fresh_db, "q1", "speaker", "Dmitri Peskow", reviewer="anna")
    set_correction(fresh_db, "q1", "speaker_type", "person", reviewer="anna")
    set_correction(fresh_db, "q1", "kind", "indirect", reviewer="anna")
    row = fresh_db.execute("SELECT speaker, speaker_type, kind FROM quotes_view WHERE quote_id = 'q1'").fetchone()
    assert row == ("Dmitri Peskow", "person", "indirect")
    with pytest.raises(ValueError):
        set_correction(fresh_db, "q1", "kind", "poem", reviewer="anna")


def test_a_stale_correction_is_refused_and_the_log_shows_values_as_they_were_shown(fresh_db):
    """Review defects 6 and 10: a correction made on an out-of-date view overwrote the other reviewer's, and
    the history showed the speaker before a first correction as "–"."""
    from factcheck.store import StaleCorrection, log_refused

    add_quote(fresh_db)
    fresh_db.execute("UPDATE quotes SET speaker_id = ? WHERE id = 'q1'",
                     [fresh_db.execute("INSERT INTO speakers(name, type) VALUES ('Peskow', 'person')").lastrowid])
    fresh_db.conn.commit()
    set_correction(fresh_db, "q1", "speaker", "Dmitri Peskow", reviewer="bert", expected="Peskow")
    with pytest.raises(StaleCorrection) as stale:
        set_correction(fresh_db, "q1", "speaker", "Maria Sacharowa", reviewer="anna", expected="Peskow")
    assert (stale.value.current, stale.value.reviewer) == ("Dmitri Peskow", "bert")
    log_refused(fresh_db, "anna", "q1", "correct", {"speaker": "Maria Sacharowa"}, str(stale.value))
    events = [(e["reviewer"], e["field"], e["old_value"], e["new_value"]) for e in history(fresh_db, "q1")]
    assert events[0] == ("bert", "correction.speaker", "Peskow", "Dmitri Peskow")
    assert events[1][:3] == ("anna", "refused", None) and '"speaker": "Maria Sacharowa"' in events[1][3]
    assert fresh_db.execute("SELECT speaker FROM quotes_view").fetchone()[0] == "Dmitri Peskow"


def test_quote_filter_selects_and_escapes(fresh_db):
    from factcheck.store import QuoteFilter, select_quotes

    add_quote(fresh_db, "q1", "Öl ins Feuer")
    add_quote(fresh_db, "q2", "Unsinn 100%")
    update_review(fresh_db, "q2", reviewer="anna", expected_version=0, status="disputed")
    ids = lambda **kw: [r["quote_id"] for r in select_quotes(fresh_db, QuoteFilter(**kw))]
    assert ids() == ["q1", "q2"]
    assert ids(status=("disputed",)) == ["q2"]
    assert ids(only_unreviewed=True) == ["q1"]
    assert ids(search="feuer") == ["q1"]
    assert ids(search="100%") == ["q2"]
    assert ids(article="%") == []
    set_correction(fresh_db, "q1", "not_quote", True, reviewer="anna")
    assert ids() == ["q2"]
    assert ids(include_not_quotes=True) == ["q1", "q2"]
