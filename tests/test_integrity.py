"""The database's integrity: reviews never detached and never left out, pending work always finished,
files that are no factcheck database never touched, `check` and `orphans`."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

import factcheck.nlp
from factcheck.cli import cli
from factcheck.export import export
from factcheck.match import run as match_run
from factcheck.store.fts import has_pending, index_pending
from factcheck.store import (
    SCHEMA_VERSION, Article, QuotationGone, get_review, open_db, save_article, set_correction, update_review,
)

V1 = "Der Minister sagte: „Wir schaffen das.“ Die Opposition nannte das „naiv“."
V2 = "Der Minister sagte: „Wir schaffen das.“ Später hieß es: „Es wird teuer.“"


def run(db_path, *args, input=None):
    return CliRunner().invoke(cli, ["--db", str(db_path), *map(str, args)], input=input)


def save(db, text, source="a.txt", *, index=True):
    """Store `text` as an ingest run does (with `index=False`: as a run killed before it indexed what it stored)."""
    saved = save_article(db, Article(text, source=source, key=f"file:{source}"), factcheck.nlp.extract(text),
                         extractor_version="t")
    if index:
        index_pending(db)
    return saved


def quote_ids(db):
    return {text: qid for qid, text in db.execute("SELECT id, text FROM quotes")}


# --- reviews are never detached (item 3) -------------------------------------------------------------------

def test_a_decision_on_a_quotation_removed_meanwhile_is_refused(fresh_db):
    save(fresh_db, V1)
    naiv = quote_ids(fresh_db)["naiv"]  # the reviewer's screen shows it ...
    save(fresh_db, V2)                  # ... an ingest removes it ...
    with pytest.raises(QuotationGone, match="no longer in its article"):
        update_review(fresh_db, naiv, reviewer="anna", expected_version=0, status="disputed")
    assert fresh_db.execute("SELECT count(*) FROM reviews").fetchone() == (0,)
    assert not fresh_db.conn.in_transaction


def test_the_database_refuses_a_detached_review(fresh_db):
    with pytest.raises(sqlite3.IntegrityError, match="a review needs its quotation"):
        fresh_db.execute("INSERT INTO reviews(quote_id, status) VALUES ('q-nowhere', 'verified')")
    fresh_db.execute("INSERT INTO reviews(quote_id, status, orphaned) VALUES ('q-gone', 'verified', 1)")  # an orphan may


def test_deleting_a_quotation_orphans_its_review(fresh_db):
    save(fresh_db, V1)
    naiv = quote_ids(fresh_db)["naiv"]
    update_review(fresh_db, naiv, reviewer="anna", expected_version=0, status="disputed")
    fresh_db.execute("DELETE FROM quotes WHERE id = ?", [naiv])
    review = get_review(fresh_db, naiv)
    assert (review["orphaned"], review["quote_text"], review["status"]) == (1, "naiv", "disputed")


# --- orphaned reviews: listed, exported, checked (item 4) ------------------------------------------------

@pytest.fixture
def orphaned(db_path):
    """A database with one orphaned review (with its audit log and a correction) and one live review."""
    db = open_db(db_path)
    save(db, V1)
    ids = quote_ids(db)
    update_review(db, ids["naiv"], reviewer="anna", expected_version=0, status="disputed", verdict="falsch")
    update_review(db, ids["naiv"], reviewer="ben", expected_version=1, note="Zitat fehlt im Original")
    set_correction(db, ids["naiv"], "kind", "partial", reviewer="anna")
    update_review(db, ids["Wir schaffen das."], reviewer="anna", expected_version=0, status="verified")
    save(db, V2)
    match_run(db)  # as ingest would have: no matching left pending for the commands under test
    db.close()
    return ids


def test_an_unfiltered_sqlite_export_carries_every_review_event_and_correction(db_path, tmp_path, orphaned):
    db = open_db(db_path)
    assert export(db, "sqlite", tmp_path / "copy.db") == 2
    copy = open_db(tmp_path / "copy.db")
    for table in ("reviews", "review_events", "corrections", "article_versions"):
        assert sorted(copy.execute(f"SELECT * FROM {table}").fetchall()) == sorted(db.execute(f"SELECT * FROM {table}").fetchall())
    assert copy.execute("SELECT count(*) FROM reviews WHERE orphaned = 1").fetchone() == (1,)
    assert copy.execute("SELECT count(*) FROM review_events").fetchone() == (5,)


def test_orphans_lists_the_orphaned_reviews(db_path, orphaned):
    result = run(db_path, "orphans")
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["quote", "id", "status"] and len(lines) == 2
    assert orphaned["naiv"] in lines[1] and "disputed" in lines[1] and "falsch" in lines[1] and lines[1].endswith("naiv")
    assert result.stderr == "1 orphaned review\n"
    [row] = map(json.loads, run(db_path, "orphans", "--json").stdout.splitlines())
    assert row["quote_id"] == orphaned["naiv"] and row["note"] == "Zitat fehlt im Original" and row["found_in_version"] == 1


def test_check_repairs_what_it_can(db_path, orphaned):
    db = open_db(db_path)
    db.execute("DROP TRIGGER reviews_need_their_quotation")  # what an older factcheck allowed: a detached review
    db.execute("INSERT INTO reviews(quote_id, status) VALUES ('q-detached', 'verified')")
    db.execute("UPDATE articles SET title = 'Neu\x1b[2J', url = 'javascript:alert(1)'")  # the title waits to be indexed
    db.execute("INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', 1, 'Wir schaffen das.')")  # index damaged
    db.conn.commit()
    result = run(db_path, "check")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "integrity: ok",
        "foreign keys: ok",
        "pending work: finished: full-text index brought up to date (0 quotations, 1 articles)",
        "full-text index: quotes_fts out of step with the tables: rebuilt",
        "reviews: 1 reviews of quotations that are gone were not flagged orphaned: flagged; "
        "2 orphaned (kept; `factcheck orphans` lists them)",
        "article metadata: 1 articles with control characters or a url that is no http(s) address: cleaned",
    ]
    assert db.execute("SELECT title, url FROM articles").fetchone() == ("Neu[2J", None)
    again = run(db_path, "check", "--no-repair")
    assert again.exit_code == 0 and "reviews: 2 orphaned (kept; `factcheck orphans` lists them)" in again.stdout


def test_check_reports_a_damaged_index_without_repairing_when_asked(db_path, orphaned):
    db = open_db(db_path)
    db.execute("INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', 1, 'Wir schaffen das.')")
    db.conn.commit()
    result = run(db_path, "check", "--no-repair")
    assert result.exit_code == 1 and "full-text index: quotes_fts out of step with the tables" in result.stdout


# --- pending work is finished by the next command (item 7) -----------------------------------------------

@pytest.fixture
def interrupted_ingest(db_path):
    db = open_db(db_path)
    save(db, V1, index=False)  # stored, not indexed yet: what an ingest killed before the end of its run leaves
    db.close()


@pytest.mark.parametrize("command", [
    ("quotes", "--search", "schaffen"),
    ("export", "jsonl", "--search", "schaffen"),
    ("stats",),
    ("match",),
])
def test_after_an_interrupted_ingest_the_next_command_finishes_the_index(db_path, interrupted_ingest, command):
    result = run(db_path, *command)
    assert result.exit_code == 0, result.output
    assert "finishing the full-text index, which an interrupted or earlier command left pending" in result.stderr
    assert "full-text index brought up to date (2 quotations, 1 articles)" in result.stderr
    search = run(db_path, "quotes", "--search", "schaffen", "--json")
    assert [json.loads(line)["text"] for line in search.stdout.splitlines()] == ["Wir schaffen das."]
    assert search.stderr == "" and not has_pending(open_db(db_path))


# --- files that are no factcheck database are never touched (items 11, 14) -----------------------------

def snapshot(path):
    return {p.name: p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name)}


def test_another_programs_database_is_refused_and_left_as_it_was(tmp_path):
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE kunden(name TEXT)")
    conn.execute("INSERT INTO kunden VALUES ('Müller')")
    conn.commit()
    conn.close()
    before = snapshot(other)
    for command in (("quotes",), ("stats",), ("ingest", "-"), ("check",)):
        result = run(other, *command, input="Er sagte: „Hallo.“")
        assert result.exit_code == 1 and result.stderr.startswith(f"Error: {other}: not a factcheck database"), command
        assert len(result.stderr.splitlines()) == 1
    assert snapshot(other) == before


@pytest.mark.parametrize("version", ["999", "drei", "", None])
def test_a_newer_or_damaged_schema_version_is_refused_and_left_as_it_was(tmp_path, version):
    path = tmp_path / "x.db"
    db = open_db(path)
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [version])
    db.conn.commit()
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()
    before = snapshot(path)
    result = run(path, "quotes")
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1
    expected = "is newer than this factcheck" if version == "999" else "damaged factcheck database: its schema version"
    assert expected in result.stderr
    assert snapshot(path) == before  # not even switched to WAL
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert SCHEMA_VERSION >= 4


def read_only_folder_command(folder, *args):
    """Run factcheck with `folder` read-only: a read-only bind mount as root (who may write anywhere), else
    the folder's permissions. None if this machine allows neither."""
    command = [sys.executable, "-c", "from factcheck.cli import cli; cli()", *args]
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            return subprocess.run(command, capture_output=True, text=True, cwd=folder)
        finally:
            folder.chmod(0o755)
    if not shutil.which("unshare"):
        return None
    script = f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}" && exec "$@"'
    result = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", *command], capture_output=True, text=True,
                            cwd=folder)
    return None if "mount:" in result.stderr else result


def test_a_database_in_a_read_only_folder_can_be_read(tmp_path):
    folder = tmp_path / "archiv"
    folder.mkdir()
    db = open_db(folder / "f.db")
    save(db, V1)
    db.close()
    result = read_only_folder_command(folder, "--db", "f.db", "quotes", "--search", "schaffen", "--json")
    if result is None:
        pytest.skip("cannot make a folder read-only here")
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == ["Wir schaffen das."]
    result = read_only_folder_command(folder, "--db", "f.db", "ingest", "-")
    assert result.returncode == 1 and result.stderr == (
        "Error: f.db can only be read here (the file or its folder cannot be written to), and this command writes to it\n")
    result = read_only_folder_command(folder, "--db", "neu.db", "ingest", "-")
    assert result.returncode == 1 and result.stderr.startswith("Error: cannot create a database at neu.db (")
    assert result.stderr.endswith("): can its folder be written to?\n")


# --- concurrent writers (item 15) -------------------------------------------------------------------------

RENTE = "Die Rente wird im kommenden Jahr um fünf Prozent steigen"


def test_match_all_during_an_ingest_that_removes_quotations(db_path, monkeypatch):
    from factcheck.match import pipeline

    db = open_db(db_path)
    save(db, f"Der Minister sagte: „{RENTE}.“ Das sei sicher.", "a.txt")
    save(db, f"Die Ministerin erklärte: „{RENTE}.“ So weit die Lage.", "b.txt")
    real = pipeline.match_quotes

    def an_ingest_commits_meanwhile(*args, **kwargs):
        pairs = real(*args, **kwargs)
        other = open_db(db_path)
        save(other, "Der Minister sagte: „Die Steuern sinken im nächsten Jahr für alle Familien deutlich.“", "a.txt")
        other.close()
        return pairs

    monkeypatch.setattr(pipeline, "match_quotes", an_ingest_commits_meanwhile)
    report = pipeline.run(db, everything=True)  # read before the write lock; an article changed in between
    assert report.clustered == 0  # the pair lost a quote to the ingest: nothing to cluster, and no error
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT count(*) FROM cluster_members WHERE quote_id NOT IN (SELECT id FROM quotes)").fetchone() == (0,)


def test_an_export_killed_outright_leaves_no_temporary_file_behind_for_long(db_path, tmp_path, orphaned):
    script = ("import os, signal, sys\n"
              "from factcheck.store import open_db\n"
              "from factcheck.export import sqlite\n"
              "real = sqlite._provenance\n"
              "def killed(*args):\n"
              "    os.kill(os.getpid(), signal.SIGKILL)  # in the middle of writing the copy\n"
              "sqlite._provenance = killed\n"
              "from factcheck.export import export\n"
              f"export(open_db({str(db_path)!r}), 'sqlite', {str(tmp_path / 'copy.db')!r})\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert result.returncode == -9
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".copy.db."))
    assert left and left[0].endswith(".tmp") and any(name.endswith(".tmp-journal") for name in left)
    assert run(db_path, "export", "sqlite", "-o", tmp_path / "copy.db").exit_code == 0  # the next export cleans up
    assert (tmp_path / "copy.db").exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".copy")] == []


def test_a_running_exports_temporary_file_is_left_alone(tmp_path):
    from factcheck.export.atomic import atomic_path, remove_stale_temporary_files

    with atomic_path(tmp_path / "out.db") as tmp:
        tmp.write_bytes(b"half")
        assert remove_stale_temporary_files(tmp_path, "out.db") == [] and tmp.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out.db"]
