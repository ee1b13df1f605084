"""Matching's pending work lives in the database (issue 12 items 5 and 6): written by triggers with the quotation
rows, consumed by a match run in its own transaction, finished by the next command that needs it."""

import json

import pytest
from click.testing import CliRunner

from factcheck import match
from factcheck.cli import cli
from factcheck.match import clusters
from factcheck.store import SCHEMA_VERSION, migrate, open_db
from factcheck.store.schema import MIGRATIONS

from test_match import KULEBA, MEDWEDEW, cluster, reported

PENDING_MIGRATION = next(n for n, sql in enumerate(MIGRATIONS, 1) if "CREATE TABLE match_pending" in sql)

CLAIM = "Die Brücke über die Weser wird im kommenden Frühjahr für sechs Monate vollständig gesperrt"


def ingest(path, *args):
    result = CliRunner().invoke(cli, ["--db", str(path), "ingest", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.output


def clustered_texts(db_path):
    db = open_db(db_path)
    try:
        return sorted(r[0] for r in db.execute(
            "SELECT q.text FROM cluster_members m JOIN quotes q ON q.id = m.quote_id"))
    finally:
        db.close()


def test_a_quotation_that_reuses_a_deleted_rowid_is_matched(tmp_path):
    """Item 5: change b's quotation to a's exact wording and ingest b: the new row takes the deleted row's pk."""
    (tmp_path / "a.txt").write_text(f"Bremen. „{CLAIM}“, sagte Senatorin Maike Brandes.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Bremen. „Der Haushalt hat ein Loch von vierzig Millionen Euro“, sagte Kämmerer "
                                    "Jens Ohm.", encoding="utf-8")
    db_path = tmp_path / "m.db"
    ingest(db_path, tmp_path / "a.txt", tmp_path / "b.txt")
    db = open_db(db_path)
    old_pk = db.execute("SELECT max(pk) FROM quotes").fetchone()[0]
    db.close()
    (tmp_path / "b.txt").write_text(f"Bremen. „{CLAIM}“, sagte Senatorin Maike Brandes am Abend.", encoding="utf-8")
    output = ingest(db_path, tmp_path / "b.txt")
    db = open_db(db_path)
    assert db.execute("SELECT q.pk FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.source LIKE '%b.txt'"
                      ).fetchone()[0] == old_pk  # the rowid was reused
    db.close()
    assert "match: 1 new quotes matched" in output
    assert clustered_texts(db_path) == [CLAIM, CLAIM]


def test_an_interrupted_match_is_finished_by_the_next_command(tmp_path, monkeypatch):
    """Item 6: the match after an ingest fails half-way (as a kill would stop it): nothing of it is kept, and the
    next ingest, with nothing new to store, finishes it."""
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text(f"Bremen. „{CLAIM}“, sagte Senatorin Maike Brandes in {name}.",
                                              encoding="utf-8")
    db_path = tmp_path / "m.db"

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # like a kill: not a database error the command would report and survive

    monkeypatch.setattr(clusters, "join", killed)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "ingest", str(tmp_path)])
    assert result.exit_code != 0
    monkeypatch.undo()
    assert clustered_texts(db_path) == []
    db = open_db(db_path)
    assert match.pending_work(db) > 0
    db.close()
    output = ingest(db_path, tmp_path)
    assert "0 new, 0 updated, 3 unchanged" in output and "match: 3 new quotes matched" in output
    assert clustered_texts(db_path) == [CLAIM] * 3
    assert "match:" not in ingest(db_path, tmp_path)  # nothing pending any more


def test_no_match_ingest_leaves_work_for_the_next_command(tmp_path):
    (tmp_path / "a.txt").write_text(f"Bremen. „{CLAIM}“, sagte Maike Brandes.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Bremen. Maike Brandes sagte: „{CLAIM}.“", encoding="utf-8")
    db_path = tmp_path / "m.db"
    assert "match:" not in ingest(db_path, "--no-match", tmp_path)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "match"])
    assert result.exit_code == 0 and "2 new quotes matched" in result.output
    assert clustered_texts(db_path) == [CLAIM, f"{CLAIM}."]


def test_a_run_with_nothing_pending_returns_at_once(fresh_db, monkeypatch):
    reported(fresh_db, "a", MEDWEDEW)
    reported(fresh_db, "b", f"»{MEDWEDEW}«")
    assert match.run(fresh_db).new_quotes == 2
    monkeypatch.setattr(match.pipeline, "match_quotes", lambda *a, **k: pytest.fail("read the quotations"))
    monkeypatch.setattr(match.speakers, "merge_variants", lambda *a, **k: pytest.fail("looked at speakers"))
    report = match.run(fresh_db)
    assert (report.new_quotes, report.compared_with) == (0, 0)


def test_what_makes_a_quotation_pending(fresh_db):
    a = reported(fresh_db, "a", KULEBA, "Dmytro Kuleba")
    b = reported(fresh_db, "b", f"»{KULEBA}«", "Dmytro Kuleba")
    match.run(fresh_db)
    cid = cluster(fresh_db, a)
    assert cid is not None and match.pending_work(fresh_db) == 0

    def pending():
        return {r[0] for r in fresh_db.execute("SELECT q.id FROM match_pending p JOIN quotes q ON q.pk = p.quote_pk")}

    with fresh_db.conn:
        fresh_db.execute("UPDATE quotes SET confidence = 0.5, cue = 'sagte' WHERE id = ?", [a])
    assert pending() == set()  # nothing matching reads
    for change in ("text = text || ' '", "kind = 'indirect'", "not_quote = 1", "part_of = 'q0'", "speaker_id = NULL"):
        with fresh_db.conn:
            fresh_db.execute(f"UPDATE quotes SET {change} WHERE id = ?", [a])
        assert pending() == {a}, change
        match.run(fresh_db)
    # a deleted quotation: its cluster is refreshed (here dissolved), its pending suggestions go with it
    with fresh_db.conn:
        fresh_db.execute("UPDATE quotes SET not_quote = 0, part_of = NULL, kind = 'direct' WHERE id = ?", [a])
    match.run(fresh_db)
    with fresh_db.conn:
        fresh_db.execute("INSERT INTO match_suggestions(quote_a, quote_b, score, created_at) VALUES (?, 'qz', 80, 'x')", [b])
        fresh_db.execute("DELETE FROM quotes WHERE id = ?", [b])
    assert fresh_db.execute("SELECT count(*) FROM match_suggestions").fetchone()[0] == 0
    assert match.pending_work(fresh_db) > 0
    match.run(fresh_db)
    assert fresh_db["clusters"].count == 0 and cluster(fresh_db, a) is None


def test_migration_makes_the_unmatched_quotations_pending(tmp_path):
    db = open_db(tmp_path / "old.db")
    reported(db, "a", MEDWEDEW)
    reported(db, "b", KULEBA)
    reported(db, "c", f"»{KULEBA}«")
    conn = db.conn
    # back to the schema before the pending work, as an older factcheck left it: matched up to the second quotation
    conn.executescript(f"""
        DROP TRIGGER quotes_match_insert; DROP TRIGGER quotes_match_update; DROP TRIGGER quotes_match_delete;
        DROP TRIGGER cluster_members_stale; DROP TABLE match_pending; DROP TABLE match_stale_clusters;
        DROP TABLE match_units; DROP TABLE match_words; DROP TABLE match_buckets; DROP TABLE match_bucket_delta;
        UPDATE meta SET value = '{PENDING_MIGRATION - 1}' WHERE key = 'schema_version';
        INSERT INTO meta(key, value) VALUES ('match.last_quote_pk', '2');
    """)
    assert migrate(conn, target=PENDING_MIGRATION) == PENDING_MIGRATION  # the migration found by what it declares
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)])  # later ones stand
    assert [r[0] for r in conn.execute("SELECT quote_pk FROM match_pending")] == [3]
    assert conn.execute("SELECT 1 FROM meta WHERE key = 'match.last_quote_pk'").fetchone() is None
    report = match.run(db)
    assert report.new_quotes == 1 and report.clusters_formed == 1


def test_the_persisted_index_matches_as_a_full_run_does(tmp_path):
    """The labelled set read article by article (each match served by the persisted index) ends in the same
    clusters and suggestions as one full run over all of it."""
    from factcheck.ingest import ingest as ingest_files
    from factcheck.match import index

    articles = sorted((__import__("pathlib").Path(__file__).parent / "data" / "claims" / "articles").glob("*.txt"))

    def partition(db):
        groups = {}
        for cid, text, article in db.execute(
                "SELECT m.cluster_id, q.text, q.article_id FROM cluster_members m JOIN quotes q ON q.id = m.quote_id"):
            groups.setdefault(cid, set()).add((article, text))
        suggestions = {frozenset([(a, x), (b, y)]) for a, x, b, y in db.execute(  # as a reviewer sees them
            "SELECT qa.article_id, qa.text, qb.article_id, qb.text FROM match_suggestions s "
            "JOIN quotes_view qa ON qa.quote_id = s.quote_a JOIN quotes_view qb ON qb.quote_id = s.quote_b "
            "WHERE qa.cluster_id IS NULL OR qa.cluster_id IS NOT qb.cluster_id")}
        return {frozenset(g) for g in groups.values()}, suggestions

    full = open_db(tmp_path / "full.db")
    ingest_files(full, [str(a) for a in articles])
    match.run(full)
    assert index.is_current(full)

    step = open_db(tmp_path / "step.db")
    ingest_files(step, [str(articles[0])])
    match.run(step)  # builds the index
    served = []
    for article in articles[1:]:
        ingest_files(step, [str(article)])
        assert match.pending_work(step) and match.pipeline._incremental_fits(step, 10)
        served.append(match.run(step).new_quotes)
    assert sum(served) > 50
    clusters_full, suggestions_full = partition(full)
    assert len(clusters_full) >= 8
    assert partition(step) == (clusters_full, suggestions_full)
    assert index.indexed_units(step) == index.indexed_units(full) == step.execute(
        "SELECT count(*) FROM match_units").fetchone()[0]


def test_stats_says_when_matching_waits_for_a_match_command(tmp_path):
    """A --no-match ingest defers matching on purpose (many batches, one match): reading commands leave it
    alone and `stats` says it waits; the next ingest, reextract or match finishes it."""
    (tmp_path / "a.txt").write_text(f"Bremen. „{CLAIM}“, sagte Maike Brandes.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Bremen. Maike Brandes sagte: „{CLAIM}.“", encoding="utf-8")
    db_path = tmp_path / "m.db"
    ingest(db_path, "--no-match", tmp_path)
    stats = CliRunner().invoke(cli, ["--db", str(db_path), "stats"])
    assert "quotations not matched yet" in stats.output and clustered_texts(db_path) == []
    assert json.loads(CliRunner().invoke(cli, ["--db", str(db_path), "stats", "--json"]).output)["matching_pending"]
    assert CliRunner().invoke(cli, ["--db", str(db_path), "match"]).exit_code == 0
    assert "not matched yet" not in CliRunner().invoke(cli, ["--db", str(db_path), "stats"]).output
    assert clustered_texts(db_path) == [CLAIM, f"{CLAIM}."]


@pytest.fixture(scope="module")
def labelled_db(tmp_path_factory):
    """The labelled set ingested once, not matched: each test matches copies of it."""
    from pathlib import Path

    from factcheck.ingest import ingest as ingest_files

    path = tmp_path_factory.mktemp("labelled") / "labelled.db"
    db = open_db(path)
    ingest_files(db, [str(a) for a in sorted((Path(__file__).parent / "data" / "claims" / "articles").glob("*.txt"))])
    db.close()
    return path


def _copy(source, path):
    import sqlite3

    src, dst = sqlite3.connect(source), sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    return open_db(path)


def _everything(db):
    """Clusters (members with score and method, by cluster id), suggestions and speaker merges, as stored."""
    return (sorted(db.execute("SELECT cluster_id, quote_id, score, method FROM cluster_members")),
            sorted(db.execute("SELECT id, canonical_quote_id, size FROM clusters")),
            sorted(db.execute("SELECT rowid, quote_a, quote_b, score, method, status FROM match_suggestions")),
            sorted(db.execute("SELECT speaker_id, into_id, reason FROM speaker_merges")))


def test_a_full_run_written_in_small_transactions_ends_as_one_transaction_does(tmp_path, labelled_db):
    """A full run writes its clusters and suggestions a slice at a time (bounded memory per transaction): two
    pairs per transaction make the same clusters (ids, members, scores), suggestions and speaker merges as one
    transaction for everything."""
    one, sliced = _copy(labelled_db, tmp_path / "one.db"), _copy(labelled_db, tmp_path / "sliced.db")
    assert match.run(one, chunk=10**9).summary().split(" in ")[0] == match.run(sliced, chunk=2).summary().split(" in ")[0]
    result = _everything(one)
    assert len(result[0]) > 20 and len(result[2]) >= 5
    assert _everything(sliced) == result
    assert match.pending_work(sliced) == 0
    # and again with a reviewer's rejection, over everything
    a, b = result[2][0][1:3]
    for db in (one, sliced):
        with db.conn:
            db.execute("UPDATE match_suggestions SET status = 'rejected' WHERE quote_a = ? AND quote_b = ?", [a, b])
    match.run(one, everything=True, threshold=80, chunk=10**9)
    match.run(sliced, everything=True, threshold=80, chunk=3)
    assert _everything(sliced) == _everything(one)


def test_a_full_run_that_fails_between_transactions_leaves_its_work_pending(tmp_path, labelled_db, monkeypatch):
    """Killed after some slices were written: the database holds what the committed slices wrote and all the
    pending work; the next run completes it as an uninterrupted run would have."""
    from factcheck.match import pipeline

    whole, crashed = _copy(labelled_db, tmp_path / "whole.db"), _copy(labelled_db, tmp_path / "crashed.db")
    match.run(whole)
    pending = crashed.execute("SELECT count(*) FROM match_pending").fetchone()[0]
    calls = []
    real = pipeline._suggest

    def fail_on_the_third_slice(*args):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("killed")
        real(*args)

    monkeypatch.setattr(pipeline, "_suggest", fail_on_the_third_slice)
    with pytest.raises(RuntimeError):
        match.run(crashed, chunk=2)
    monkeypatch.setattr(pipeline, "_suggest", real)
    assert crashed.execute("SELECT count(*) FROM match_pending").fetchone()[0] == pending
    assert crashed["clusters"].count == whole["clusters"].count  # the cluster slices were committed
    assert 0 < crashed["match_suggestions"].count < whole["match_suggestions"].count
    assert not crashed.conn.in_transaction
    match.run(crashed, chunk=2)
    assert match.pending_work(crashed) == 0
    assert _everything(crashed) == _everything(whole)
