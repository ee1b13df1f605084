"""An article's identity and provenance: a stable key (its file, or a feed record's url; else its text, never
a line number), earlier versions kept on update with their reviews, and a url that a page or record claims
recorded without letting it take over another article."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.store import get_review, migrate, open_db, update_review

A = "Die Ministerin sagte: „Die Brücke wird im Frühjahr fertig.“ Der Stadtrat widersprach."
B = "Der Bürgermeister erklärte: „Wir sparen bei den Schulen nicht.“ Die Opposition zweifelt."
C = "Die Polizei teilte mit: „Der Täter ist gefasst.“ Die Ermittlungen dauern an."
D = "Ein Sprecher sagte: „Die Preise steigen weiter.“ Verbraucher sind besorgt."


def ingest(db_path, *args):
    return CliRunner().invoke(cli, ["--db", str(db_path), "ingest", "--no-match", *map(str, args)])


def review_all(db, status="verified"):
    for (qid,) in db.execute("SELECT id FROM quotes").fetchall():
        update_review(db, qid, reviewer="anna", expected_version=0, status=status)


def article_texts(db):
    return sorted(r[0] for r in db.execute("SELECT text FROM articles"))


def test_feed_without_urls_is_identified_by_content_not_line_numbers(db_path, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"text": t}) + "\n" for t in (A, B, C)), encoding="utf-8")
    assert ingest(db_path, feed).stdout.startswith("3 new,")
    db = open_db(db_path)
    review_all(db)

    feed.write_text("".join(json.dumps({"text": t}) + "\n" for t in (D, A, B, C)), encoding="utf-8")  # one prepended
    result = ingest(db_path, feed)
    assert result.stdout.startswith("1 new, 0 updated, 3 unchanged, 0 failed;"), result.output
    assert article_texts(db) == sorted([A, B, C, D])
    reviews = list(db.query("SELECT status, orphaned FROM reviews"))
    assert len(reviews) == 3 and all(r == {"status": "verified", "orphaned": 0} for r in reviews)


def test_update_by_url_keeps_the_earlier_version_and_its_reviews(db_path, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": A, "url": "https://zeitung.example/bruecke", "title": "Brücke"}) + "\n")
    ingest(db_path, feed)
    db = open_db(db_path)
    review_all(db, "disputed")
    [(quote,)] = db.execute("SELECT id FROM quotes").fetchall()

    feed.write_text(json.dumps({"text": B, "url": "https://zeitung.example/bruecke", "title": "Schulen"}) + "\n")
    result = ingest(db_path, feed)
    assert result.stdout.startswith("0 new, 1 updated,"), result.output
    assert "updated to version 2 (version 1 kept; 1 review of quotations it no longer has kept as orphaned)" in result.stderr
    assert db.execute("SELECT text, version FROM articles").fetchall() == [(B, 2)]
    assert list(db.query("SELECT version, text, title, url FROM article_versions")) == [
        {"version": 1, "text": A, "title": "Brücke", "url": "https://zeitung.example/bruecke"}]
    review = get_review(db, quote)
    assert review["status"] == "disputed" and review["orphaned"] == 1
    assert review["quote_text"] == "Die Brücke wird im Frühjahr fertig."
    # the earlier text, seen again from elsewhere, is known: no new article
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"text": A, "url": "https://mirror.example/x"}) + "\n")
    assert ingest(db_path, other).stdout.startswith("0 new, 0 updated, 1 unchanged")


def html_page(canonical, body):
    return (f"<html><head><title>Seite</title><link rel='canonical' href='{canonical}'></head>"
            f"<body><article><p>{body}</p><p>{body}</p></article></body></html>")


def test_a_page_claiming_another_articles_url_does_not_take_it_over(db_path, tmp_path):
    (tmp_path / "a.html").write_text(html_page("https://zeitung.example/a", A), encoding="utf-8")
    (tmp_path / "b.html").write_text(html_page("https://zeitung.example/a", B), encoding="utf-8")
    assert ingest(db_path, tmp_path / "a.html").stdout.startswith("1 new,")
    db = open_db(db_path)
    review_all(db)

    result = ingest(db_path, tmp_path / "b.html")
    assert result.stdout.startswith("1 new, 0 updated,"), result.output
    assert "its url https://zeitung.example/a is also that of the article from" in result.stderr
    rows = list(db.query("SELECT url, version, text FROM articles ORDER BY pk"))
    assert [(r["url"], r["version"]) for r in rows] == [("https://zeitung.example/a", 1)] * 2
    assert A in rows[0]["text"] and B in rows[1]["text"]
    assert [(r["status"], r["orphaned"]) for r in db.query("SELECT status, orphaned FROM reviews")] == [("verified", 0)]


def test_a_feed_record_claiming_a_files_url_does_not_take_it_over(db_path, tmp_path):
    (tmp_path / "a.html").write_text(html_page("https://zeitung.example/a", A), encoding="utf-8")
    ingest(db_path, tmp_path / "a.html")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": B, "url": "https://zeitung.example/a"}) + "\n")
    assert ingest(db_path, feed).stdout.startswith("1 new, 0 updated,")
    assert open_db(db_path)["articles"].count == 2


def test_migration_8_keys_old_articles_by_file_or_feed_url_never_by_line(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    migrate(conn, target=7)
    rows = [("a", "/data/artikel.txt", None), ("b", "/data/feed.jsonl:3", "https://x.example/b"),
            ("c", "/data/feed.jsonl:4", None), ("d", None, "https://x.example/d"), ("e", "/data/seite.html", "https://x.example/e")]
    conn.executemany("INSERT INTO articles(id, content_hash, source, url, ingested_at, text) VALUES (?, ?, ?, ?, 'then', ?)",
                     [(i, i, s, u, i) for i, s, u in rows])
    conn.commit()
    conn.close()
    db = open_db(path)
    assert dict(db.execute("SELECT id, key FROM articles").fetchall()) == {
        "a": "file:/data/artikel.txt", "b": "url:https://x.example/b", "c": None, "d": "url:https://x.example/d",
        "e": "file:/data/seite.html"}
