"""The full-text indexes brought up to date once per run (store/fts.py): what a run stores is searchable at its
end, the index never goes out of step (external-content FTS5: no 'delete' of a row it does not have, old values
removed before they change, reused rowids), and a killed run's rows are indexed by the next command."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

import factcheck.nlp
import factcheck.store.fts as fts
from factcheck.cli import cli
from factcheck.ingest import ingest, reextract
from factcheck.store import fts_query, open_db
from factcheck.store.fts import has_pending, pending_rows
from factcheck.store.schema import migrate

V1 = "Der Minister sagte: „Wir schaffen das.“ Die Opposition nannte das „naiv“."
V2 = "Der Minister sagte: „Wir schaffen das.“ Später hieß es: „Es wird teuer.“"


def article(n: int) -> dict:
    return {"url": f"https://example.org/{n}", "title": f"Meldung {n}",
            "text": f"Die Ministerin Anna Muster{n} sagte: „Wir bauen Brücke{n} am Fluss.“ Sie nannte das „Projekt{n}“."}


def feed(tmp_path, records, name="feed.jsonl"):
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


def found(db, words, table="quotes") -> list[str]:
    column = "text" if table == "quotes" else "title"
    return sorted(row[0] for row in db.execute(
        f"SELECT t.{column} FROM {table}_fts f JOIN {table} t ON t.pk = f.rowid WHERE {table}_fts MATCH ?",
        [fts_query(words)]))


def in_step(db) -> bool:
    """FTS5's own check of both indexes against their tables: fails on a missing, extra, doubled or stale entry."""
    for index in ("quotes_fts", "articles_fts"):
        db.execute(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")
    return True


def test_a_run_indexes_what_it_stored_every_few_articles_and_at_its_end(fresh_db, tmp_path, monkeypatch):
    batches = []
    real = fts.index_pending

    def counted(db):
        batches.append(pending_rows(db))
        return real(db)

    monkeypatch.setattr(fts, "INDEX_EVERY", 2)
    monkeypatch.setattr(fts, "index_pending", counted)
    assert ingest(fresh_db, [str(feed(tmp_path, [article(n) for n in range(5)]))]).counts["new"] == 5
    assert [b["articles"] for b in batches] == [2, 2, 1] and all(b["quotes"] == 2 * b["articles"] for b in batches)
    assert not has_pending(fresh_db) and in_step(fresh_db)
    assert found(fresh_db, "Brücke3") == ["Wir bauen Brücke3 am Fluss."]
    assert found(fresh_db, "Meldung", "articles") == [f"Meldung {n}" for n in range(5)]


def test_the_rows_a_save_writes_wait_in_its_transaction_and_a_failed_save_leaves_none(fresh_db, monkeypatch):
    from factcheck.store import Article, save_article
    import factcheck.store.articles as articles

    save_article(fresh_db, Article(V1, url="https://example.org/a"), factcheck.nlp.extract(V1), extractor_version="t")
    assert pending_rows(fresh_db) == {"quotes": 2, "articles": 1} and found(fresh_db, "schaffen") == []

    def crash(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(articles, "apply_corrections", crash)  # after the rows (and their pending marks) are written
    with pytest.raises(RuntimeError):
        save_article(fresh_db, Article("Neu: „Hallo Welt.“", url="https://example.org/b"),
                     factcheck.nlp.extract("Neu: „Hallo Welt.“"), extractor_version="t")
    assert pending_rows(fresh_db) == {"quotes": 2, "articles": 1}


@pytest.mark.parametrize("one_run", [True, False], ids=["added-and-changed-in-one-run", "indexed-before-the-run"])
def test_an_updated_article_is_found_by_its_new_words_only_and_a_reused_rowid_is_indexed(fresh_db, tmp_path, one_run):
    """V2 replaces V1: "naiv" (the highest pk) goes and "Es wird teuer." is inserted in its place, so SQLite gives
    it the same rowid. Whether V1 was indexed before the run or added in the same run, the index ends in step."""
    first = {"url": "https://example.org/a", "title": "Erste Fassung", "text": V1}
    second = {"url": "https://example.org/a", "title": "Zweite Fassung", "text": V2}
    if one_run:
        report = ingest(fresh_db, [str(feed(tmp_path, [first, second]))])
        assert (report.counts["new"], report.counts["updated"]) == (1, 1)
    else:
        ingest(fresh_db, [str(feed(tmp_path, [first], "a.jsonl"))])
        naiv_pk = fresh_db.execute("SELECT pk FROM quotes WHERE text = 'naiv'").fetchone()[0]
        assert found(fresh_db, "naiv") == ["naiv"] and not has_pending(fresh_db)
        assert ingest(fresh_db, [str(feed(tmp_path, [second], "b.jsonl"))]).counts["updated"] == 1
        assert fresh_db.execute("SELECT pk FROM quotes WHERE text = 'Es wird teuer.'").fetchone()[0] == naiv_pk
    assert in_step(fresh_db) and not has_pending(fresh_db)
    assert found(fresh_db, "naiv") == [] and found(fresh_db, "teuer") == ["Es wird teuer."]
    assert found(fresh_db, "schaffen") == ["Wir schaffen das."]
    assert found(fresh_db, "Fassung", "articles") == ["Zweite Fassung"] and found(fresh_db, "Erste", "articles") == []


def test_reextract_keeps_the_index_in_step(fresh_db, tmp_path, monkeypatch):
    ingest(fresh_db, [str(feed(tmp_path, [{"url": "https://example.org/a", "text": V1}]))])
    real_extract = factcheck.nlp.extract  # a "newer detector" that drops the scare quote and finds a longer claim
    monkeypatch.setattr(factcheck.nlp, "extract", lambda text, nlp=None: [
        q for q in real_extract(text, nlp) if q.text != "naiv"])
    assert reextract(fresh_db, everything=True).counts["reextracted"] == 1
    assert in_step(fresh_db) and not has_pending(fresh_db) and found(fresh_db, "naiv") == []
    monkeypatch.setattr(factcheck.nlp, "extract", real_extract)
    reextract(fresh_db, everything=True)
    assert in_step(fresh_db) and found(fresh_db, "naiv") == ["naiv"] and found(fresh_db, "schaffen") == ["Wir schaffen das."]


KILLED_RUN = """
import os, signal, sys
import factcheck.store.fts as fts
from factcheck.cli import cli

fts.INDEX_EVERY = 2
calls = []
real = fts.index_pending

def index_pending(db):
    calls.append(1)
    if len(calls) == int(sys.argv[3]):
        os.kill(os.getpid(), signal.SIGKILL)  # before this batch is indexed
    return real(db)

fts.index_pending = index_pending
cli(["--db", sys.argv[1], "ingest", "--no-match", "--workers", "1", sys.argv[2]])
"""


@pytest.mark.parametrize("killed_at", [1, 3], ids=["before-any-indexing", "at-the-end-of-the-run"])
def test_kill_9_during_an_ingest_then_any_command_completes_the_index(db_path, tmp_path, killed_at):
    records = [article(n) for n in range(5)]
    path = feed(tmp_path, records)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    killed = subprocess.run([sys.executable, "-c", KILLED_RUN, str(db_path), str(path), str(killed_at)], env=env,
                            capture_output=True, text=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    db = open_db(db_path)
    stored = db["articles"].count
    assert stored == (2 if killed_at == 1 else 5) and has_pending(db)
    db.close()

    runner = CliRunner()
    search = runner.invoke(cli, ["--db", str(db_path), "quotes", "--search", "Brücke0 OR Brücke4", "--json"])
    assert search.exit_code == 0, search.output
    assert "finishing the full-text index, which an interrupted or earlier command left pending" in search.stderr
    assert sorted(json.loads(line)["text"] for line in search.stdout.splitlines()) == (
        ["Wir bauen Brücke0 am Fluss."] + (["Wir bauen Brücke4 am Fluss."] if stored == 5 else []))
    check = runner.invoke(cli, ["--db", str(db_path), "check"])
    assert check.exit_code == 0 and "pending work: none" in check.stdout and "full-text index: ok" in check.stdout

    rest = runner.invoke(cli, ["--db", str(db_path), "ingest", "--no-match", str(path)])
    assert rest.exit_code == 0 and f"{5 - stored} new, 0 updated, {stored} unchanged" in rest.stdout
    db = open_db(db_path)
    assert in_step(db) and found(db, "Fluss") == sorted(f"Wir bauen Brücke{n} am Fluss." for n in range(5))


def test_check_without_repair_checks_the_index_with_the_waiting_rows_in_it(db_path):
    db = open_db(db_path)
    from factcheck.store import Article, save_article
    save_article(db, Article(V1), factcheck.nlp.extract(V1), extractor_version="t")  # a run cut off before indexing
    db.close()
    result = CliRunner().invoke(cli, ["--db", str(db_path), "check", "--no-repair"])
    assert result.exit_code == 1  # the pending work is reported unfinished ...
    assert "pending work: unfinished: the full-text index" in result.stdout
    assert "full-text index: ok" in result.stdout  # ... but is no damage, and nothing was written
    assert has_pending(open_db(db_path))


def test_a_database_whose_bulk_load_an_earlier_factcheck_left_unfinished_is_indexed_in_full(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    migrate(conn, target=8)
    conn.execute("INSERT INTO articles(id, content_hash, ingested_at, text, title) VALUES ('a1', 'h', 'then', 'Text', 'Rentenpläne')")
    conn.execute('INSERT INTO quotes(id, article_id, start, "end", text, kind, extractor_version) '
                 "VALUES ('q1', 'a1', 0, 4, 'Renten steigen', 'direct', 'old')")
    conn.execute("INSERT INTO quotes(id, article_id, start, \"end\", text, kind, extractor_version) "
                 "VALUES ('q2', 'a1', 0, 4, 'Löhne sinken', 'direct', 'old')")
    conn.execute("INSERT INTO quotes_fts(rowid, text) VALUES (2, 'Löhne sinken')")  # indexed before the bulk load
    conn.execute("INSERT INTO pending_work(name, since, detail) VALUES ('fts', 'then', 'a --bulk ingest')")
    conn.commit()
    conn.close()
    result = CliRunner().invoke(cli, ["--db", str(path), "quotes", "--search", "Renten OR Löhne", "--json"])
    assert result.exit_code == 0, result.output
    assert sorted(json.loads(line)["text"] for line in result.stdout.splitlines()) == ["Löhne sinken", "Renten steigen"]
    db = open_db(path)
    assert in_step(db) and found(db, "Rentenpläne", "articles") == ["Rentenpläne"]
    assert db.execute("SELECT count(*) FROM pending_work").fetchone() == (0,)
