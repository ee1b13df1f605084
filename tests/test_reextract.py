"""`factcheck reextract`: a newer detector over stored articles, keeping the reviewers' work."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

import factcheck.nlp
from factcheck.cli import cli
from factcheck.ingest import Source, ingest, reextract
from factcheck.store import get_review, open_db, set_correction, update_review
from factcheck.store.schema import migrate

TEXT = "Die Ministerin sagte: „Wir schaffen das.“ Die Opposition nannte das „naiv“. Später hieß es: „Es wird teuer.“\n"


def text_source(text: str, name: str = "artikel.txt") -> Source:
    import contextlib
    import io

    return Source(name, "txt", lambda: contextlib.nullcontext(io.BytesIO(text.encode())))


def quote_ids(db) -> dict[str, str]:
    return {text: qid for qid, text in db.execute("SELECT id, text FROM quotes")}


def older_detector(db) -> None:
    """Pretend an earlier release stored everything."""
    db.execute("UPDATE articles SET extractor_version = '0.9-rules'")
    db.execute("UPDATE quotes SET extractor_version = '0.9-rules'")
    db.conn.commit()


@pytest.fixture
def stored(fresh_db):
    assert ingest(fresh_db, [text_source(TEXT)]).counts["new"] == 1
    ids = quote_ids(fresh_db)
    assert {"Wir schaffen das.", "Es wird teuer.", "naiv"} <= set(ids)
    return fresh_db, ids


def test_only_articles_of_an_older_detector_are_read_again(stored):
    db, _ = stored
    assert reextract(db).counts["reextracted"] == 0  # stored by this detector: nothing to do
    older_detector(db)
    report = reextract(db)
    assert report.counts["reextracted"] == 1 and report.changes["kept"] == 3 and report.changes["added"] == 0
    assert {v for (v,) in db.execute("SELECT extractor_version FROM quotes")} == {factcheck.nlp.EXTRACTOR_VERSION}
    assert reextract(db).counts["reextracted"] == 0
    assert reextract(db, everything=True).counts["reextracted"] == 1


def test_reviews_corrections_and_rows_survive_and_vanished_reviews_are_orphaned(stored, monkeypatch):
    db, ids = stored
    kept, dropped = ids["Wir schaffen das."], ids["naiv"]
    update_review(db, kept, reviewer="anna", expected_version=0, status="verified", verdict="richtig")
    update_review(db, dropped, reviewer="anna", expected_version=0, status="disputed", note="Wertung")
    set_correction(db, kept, "speaker", "Anna Beispiel", reviewer="anna")
    pk_before = db.execute("SELECT pk FROM quotes WHERE id = ?", [kept]).fetchone()[0]
    older_detector(db)

    real_extract = factcheck.nlp.extract  # the "new detector" no longer reports the scare quote
    monkeypatch.setattr(factcheck.nlp, "extract", lambda text, nlp=None: [q for q in real_extract(text, nlp) if q.text != "naiv"])
    report = reextract(db)
    assert (report.changes["kept"], report.changes["vanished"], report.changes["orphaned_reviews"]) == (2, 1, 1)
    assert "1 gone (1 reviews kept as orphaned)" in report.summary()

    assert db.execute("SELECT pk FROM quotes WHERE id = ?", [kept]).fetchone()[0] == pk_before
    assert get_review(db, kept)["status"] == "verified" and get_review(db, kept)["orphaned"] == 0
    speaker = db.execute("SELECT speaker FROM quotes_view WHERE quote_id = ?", [kept]).fetchone()[0]
    assert speaker == "Anna Beispiel"  # the reviewer's correction, applied again
    review = get_review(db, dropped)
    assert (review["status"], review["note"], review["orphaned"]) == ("disputed", "Wertung", 1)

    monkeypatch.setattr(factcheck.nlp, "extract", real_extract)  # it comes back: so does its review
    reextract(db, everything=True)
    assert get_review(db, dropped)["orphaned"] == 0


def test_a_crash_mid_article_leaves_it_as_it_was_and_the_next_run_finishes(stored, monkeypatch):
    import factcheck.store.articles as articles

    db, _ = stored
    older_detector(db)
    before = db.execute("SELECT id, text, extractor_version FROM quotes ORDER BY id").fetchall()

    def crash(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(articles, "apply_corrections", crash)  # after the quotations were rewritten
    with pytest.raises(sqlite3.OperationalError):
        reextract(db)
    assert db.execute("SELECT id, text, extractor_version FROM quotes ORDER BY id").fetchall() == before
    assert db.execute("SELECT extractor_version FROM articles").fetchone()[0] == "0.9-rules"
    monkeypatch.undo()
    assert reextract(db).counts["reextracted"] == 1


def test_detector_failure_is_one_line_and_the_run_goes_on(fresh_db, monkeypatch):
    ingest(fresh_db, [text_source(TEXT, "a.txt"), text_source("Er sagte: „Gut.“\n", "b.txt")])
    older_detector(fresh_db)
    real_extract = factcheck.nlp.extract

    def choke(text, nlp=None):
        if "Ministerin" in text:
            raise ValueError("kaputt")
        return real_extract(text, nlp)

    monkeypatch.setattr(factcheck.nlp, "extract", choke)
    report = reextract(fresh_db)
    assert report.counts["failed"] == 1 and report.counts["reextracted"] == 1
    failed_id = fresh_db.execute("SELECT id FROM articles WHERE text LIKE '%Ministerin%'").fetchone()[0]
    assert report.errors == [f"{failed_id}: detector failed: ValueError: kaputt"]  # named by title, url, source or id


def test_article_changed_meanwhile_is_skipped(stored, monkeypatch):
    db, _ = stored
    older_detector(db)
    real_extract = factcheck.nlp.extract

    def ingest_meanwhile(text, nlp=None):  # another process updates the article while it is being read
        db.execute("UPDATE articles SET content_hash = 'other'")
        db.conn.commit()
        return real_extract(text, nlp)

    monkeypatch.setattr(factcheck.nlp, "extract", ingest_meanwhile)
    assert reextract(db).counts["skipped"] == 1
    assert db.execute("SELECT extractor_version FROM articles").fetchone()[0] == "0.9-rules"


def test_cli_reextract_and_match(tmp_path):
    path = tmp_path / "t.db"
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text("Die Ministerin sagte: „Wir schaffen das.“ Mehr sagte sie nicht.\n")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(path), "ingest", "--no-match", str(tmp_path)]).exit_code == 0
    db = open_db(path)
    n = db["quotes"].count
    assert "0 outdated articles" in runner.invoke(cli, ["--db", str(path), "stats"]).output
    older_detector(db)
    stats = runner.invoke(cli, ["--db", str(path), "stats"]).output
    assert "2 outdated articles" in stats and "factcheck reextract" in stats
    db.execute("UPDATE articles SET extractor_version = ?", [factcheck.nlp.EXTRACTOR_VERSION + "+de_core_news_lg"])
    db.conn.commit()  # read with a --model by this release: current, not outdated
    assert "0 outdated articles" in runner.invoke(cli, ["--db", str(path), "stats"]).output
    older_detector(db)
    result = runner.invoke(cli, ["--db", str(path), "reextract"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()  # nothing changed, but the --no-match ingest left its matching pending
    assert lines[0] == (
        f"2 articles re-extracted, 0 skipped, 0 failed; quotations: 0 new, {n} kept, 0 gone (0 reviews kept as orphaned)")
    assert lines[1].startswith(f"match: {n} new quotes matched") and len(lines) == 2
    result = runner.invoke(cli, ["--db", str(path), "reextract", "--all"])
    assert result.output.splitlines()[1:] == []  # nothing pending any more: no match run
    db.execute("DELETE FROM quotes WHERE text = 'Es wird teuer.'")
    db.conn.commit()
    result = runner.invoke(cli, ["--db", str(path), "reextract", "--all"])
    assert "quotations: 1 new" in result.output and "match: " in result.output
    result = runner.invoke(cli, ["--db", str(path), "reextract", "--model", "no_such_pipeline_xyz"])
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "cannot load --model" in result.output


def test_migration_3_records_the_version_of_stored_articles(tmp_path):
    conn = sqlite3.connect(tmp_path / "old.db")
    migrate(conn, target=2)
    conn.execute("INSERT INTO articles(id, content_hash, ingested_at, text) VALUES ('a', 'a', 'now', 'x'), ('b', 'b', 'now', 'y')")
    conn.execute("INSERT INTO quotes(id, article_id, start, \"end\", text, kind, extractor_version) VALUES ('q', 'a', 0, 1, 'x', 'direct', '1.1-rules')")
    conn.commit()
    assert migrate(conn, target=3) == 3
    assert dict(conn.execute("SELECT id, extractor_version FROM articles")) == {"a": "1.1-rules", "b": None}
