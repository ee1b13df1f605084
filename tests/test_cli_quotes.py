"""The `quotes`, `stats` and `demo` commands."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.nlp import Quotation
from factcheck.store import Article, open_db, save_article, set_correction, update_review

TEXT_A = "Bundeskanzler Scholz sagte: „Wir schaffen das.“ Die Union nannte das „naiv und gefährlich“."
TEXT_B = "Die Ministerin erklärte, die Renten seien sicher. Ein Sprecher sagte: „Dazu äußern wir uns nicht.\x1b[2J“"


def quotation(text, wording, kind, speaker=None, speaker_type="unknown"):
    start = text.index(wording)
    return Quotation(start, start + len(wording), wording, kind, speaker, speaker_type, confidence=0.8)


@pytest.fixture
def db_path(tmp_path):
    """Two articles with known quotations (independent of the detector), one of them reviewed."""
    path = tmp_path / "quotes.db"
    db = open_db(path)
    save_article(db, Article(TEXT_A, url="https://a.example/scholz", title="Scholz"), [
        quotation(TEXT_A, "Wir schaffen das.", "direct", "Olaf Scholz", "person"),
        quotation(TEXT_A, "naiv und gefährlich", "partial", "CDU/CSU", "organization"),
    ], extractor_version="t")
    save_article(db, Article(TEXT_B, title="Rente"), [
        quotation(TEXT_B, "die Renten seien sicher", "indirect", "Ministerin", "person"),
        quotation(TEXT_B, "Dazu äußern wir uns nicht.\x1b[2J", "direct"),
    ], extractor_version="t")
    scholz = db.execute("SELECT id FROM quotes WHERE text = 'Wir schaffen das.'").fetchone()[0]
    update_review(db, scholz, reviewer="anna", expected_version=0, status="verified", verdict="richtig")
    db.close()
    return path


def invoke(db_path, *args, env=None):
    result = CliRunner().invoke(cli, ["--db", str(db_path), *args], env=env)
    assert "Traceback" not in result.output
    return result


def quote_texts(db_path, *args):
    result = invoke(db_path, "quotes", "--json", *args)
    assert result.exit_code == 0, result.output
    return sorted(json.loads(line)["text"] for line in result.stdout.splitlines())


def test_filters(db_path):
    assert len(quote_texts(db_path)) == 4
    assert quote_texts(db_path, "--speaker", "scholz") == ["Wir schaffen das."]
    assert quote_texts(db_path, "--status", "verified") == ["Wir schaffen das."]
    assert len(quote_texts(db_path, "--status", "unreviewed")) == 3
    assert quote_texts(db_path, "--kind", "partial", "--kind", "indirect") == ["die Renten seien sicher", "naiv und gefährlich"]
    assert quote_texts(db_path, "--article", "a.example") == ["Wir schaffen das.", "naiv und gefährlich"]
    assert quote_texts(db_path, "--search", "gefähr") == ["naiv und gefährlich"]
    assert quote_texts(db_path, "--search", "schaffen naiv") == []  # all words required
    assert quote_texts(db_path, "--search", '" OR * NEAR(') == []  # user text is never FTS syntax
    assert quote_texts(db_path, "--verdict", "richtig", "--unreviewed") == []


def test_filters_see_corrections(db_path):
    db = open_db(db_path)
    naiv = db.execute("SELECT id FROM quotes WHERE text = 'naiv und gefährlich'").fetchone()[0]
    set_correction(db, naiv, "not_quote", True, reviewer="anna")
    assert len(quote_texts(db_path)) == 3
    assert len(quote_texts(db_path, "--include-not-quotes")) == 4


def test_json_and_csv_carry_every_column(db_path):
    rows = [json.loads(line) for line in invoke(db_path, "quotes", "--json", "--speaker", "Scholz").stdout.splitlines()]
    assert rows[0]["speaker"] == "Olaf Scholz" and rows[0]["status"] == "verified" and rows[0]["url"] == "https://a.example/scholz"
    result = invoke(db_path, "quotes", "--csv", "--limit", "2")
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(table) == 2 and {"quote_id", "text", "speaker", "status", "verdict", "article_id"} <= set(table[0])


def test_table_fits_terminal_and_shows_no_control_characters(db_path):
    result = invoke(db_path, "quotes", env={"COLUMNS": "110"})
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "status", "kind", "speaker", "text"]
    assert len(lines) == 5 and all(len(line) <= 110 for line in lines)
    assert any("Olaf Scholz" in line and "verified" in line for line in lines)
    assert "\x1b" not in result.stdout and "Dazu äußern wir uns nicht.?[2J" in result.stdout
    assert "4 quotations" in result.stderr


def test_bad_option_and_bad_database_are_one_line_errors(db_path, tmp_path):
    result = invoke(db_path, "quotes", "--status", "maybe")
    assert result.exit_code == 2 and "'maybe' is not one of" in result.output
    notadb = tmp_path / "notes.txt"
    notadb.write_text("not a database " * 100)
    result = invoke(notadb, "quotes")
    assert result.exit_code == 1 and result.output.startswith(f"Error: {notadb}: file is not a database")
    result = invoke(tmp_path / "nothing.db", "stats")
    assert result.exit_code == 1 and "no database at" in result.output and not (tmp_path / "nothing.db").exists()


def test_stats(db_path):
    result = invoke(db_path, "stats", "--json")
    figures = json.loads(result.stdout)
    assert figures["database"] == {"articles": 2, "quotes": 4, "speakers": 3, "reviews": 1, "orphaned_reviews": 0, "clusters": 0,
                                   "outdated_articles": 2}  # stored by extractor "t", not this one
    q = figures["quotations"]
    assert (q["quotes"], q["articles"], q["speakers"]) == (4, 2, 3)
    assert q["status"] == {"unreviewed": 3, "verified": 1}
    assert q["kind"] == {"direct": 2, "indirect": 1, "partial": 1}
    assert q["verdict"] == {"richtig": 1}

    filtered = json.loads(invoke(db_path, "stats", "--json", "--kind", "direct").stdout)
    assert "database" not in filtered and filtered["quotations"]["quotes"] == 2

    text = invoke(db_path, "stats").stdout
    assert "quotations: 4 in 2 articles" in text and "status: unreviewed 3, verified 1" in text


def test_demo_fresh_database_each_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTCHECK_DB", raising=False)
    monkeypatch.setenv("COLUMNS", "160")  # the table is fitted to the terminal; keep the claims' text whole
    runner = CliRunner()
    first = runner.invoke(cli, ["demo"])
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("2 new, 0 updated, 0 unchanged, 0 failed;")
    assert "Öl ins Feuer" in first.stdout and f"database: {tmp_path / 'factcheck-demo.db'}" in first.stdout
    second = runner.invoke(cli, ["demo"])
    assert second.stdout.startswith("2 new,")  # recreated, not re-ingested into the old one


def test_demo_never_deletes_a_users_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTCHECK_DB", raising=False)
    (tmp_path / "factcheck-demo.db").write_bytes(b"someone's file")
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 1 and "is not a demo database" in result.output
    assert (tmp_path / "factcheck-demo.db").read_bytes() == b"someone's file"

    mine = tmp_path / "mine.db"
    db = open_db(mine)
    save_article(db, Article("Meine Notiz: „Bleibt.“"), [], extractor_version="t")
    db.close()
    result = CliRunner().invoke(cli, ["--db", str(mine), "demo"])
    assert result.exit_code == 0 and f"database: {mine}" in result.stdout
    assert open_db(mine)["articles"].count == 3
