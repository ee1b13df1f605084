"""Ingest: sources, decoding, cleanup, idempotence, updates that keep reviews, bad input, interruptions."""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from click.testing import CliRunner

import factcheck.nlp
from factcheck.cli import cli
from factcheck.ingest import Source, ingest
from factcheck.nlp import Quotation
from factcheck.store import (
    Article,
    fts_query,
    get_review,
    index_pending,
    open_db,
    save_article,
    set_correction,
    update_review,
)
from factcheck.store.fts import has_pending

from conftest import SEEDS

V1 = "Der Minister sagte: „Wir schaffen das.“ Die Opposition nannte das „naiv“.\n"
V2 = "Der Minister sagte: „Wir schaffen das.“ Später hieß es: „Es wird teuer.“\n"


def run(db_path, *args, input=None):
    return CliRunner().invoke(cli, ["--db", str(db_path), "ingest", *map(str, args)], input=input)


def counts(db):
    return {t: db[t].count for t in ("articles", "quotes", "speakers", "reviews")}


def texts(db):
    return [r[0] for r in db.execute("SELECT text FROM quotes ORDER BY article_id, start")]


def fts_ok(db):
    """FTS5 integrity check against the content tables (raises if the index is out of step)."""
    for fts in ("quotes_fts", "articles_fts"):
        db.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
    return True


def search(db, words):
    return [r[0] for r in db.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", [fts_query(words)])]


def test_seeds_twice_is_idempotent(db_path):
    first = run(db_path, SEEDS)
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("2 new, 0 updated, 0 unchanged, 0 failed;")
    db = open_db(db_path)
    before = counts(db)
    assert before["articles"] == 2 and before["quotes"] > 0

    second = run(db_path, SEEDS, SEEDS / "000_70cf65f2980469f9.txt")
    assert second.exit_code == 0, second.output
    assert second.stdout.startswith("0 new, 0 updated, 2 unchanged, 0 failed; 0 quotes")
    assert counts(db) == before
    assert fts_ok(db)


def test_seed_002_scraper_leftovers_removed(db_path):
    assert run(db_path, SEEDS / "002_ff69924a82ef382b.txt").exit_code == 0
    raw = (SEEDS / "002_ff69924a82ef382b.txt").read_text(encoding="utf-8")
    stored = open_db(db_path).execute("SELECT text FROM articles").fetchone()[0]
    assert stored.endswith("nicht in dicht besiedelten Gebieten einsetzen wird.")
    assert "Videoeditor" not in stored and "Share." not in stored and "Exit mobile version" not in stored
    assert raw.startswith(stored)  # only the end was cut: offsets stay valid


def test_quote_offsets_point_into_stored_text(db_path):
    run(db_path, SEEDS)
    db = open_db(db_path)
    for text, start, end, article in db.execute('SELECT q.text, q.start, q."end", a.text FROM quotes q JOIN articles a ON a.id = q.article_id'):
        assert article[start:end] == text


def test_stdin_text_and_jsonl(db_path):
    result = run(db_path, "-", input=V1)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 new,")
    jsonl = json.dumps({"text": V2, "url": "https://example.org/a"}) + "\n"
    result = run(db_path, "-", input=jsonl)
    assert result.exit_code == 0, result.output
    db = open_db(db_path)
    rows = list(db.query("SELECT source, url FROM articles ORDER BY pk"))
    assert rows == [{"source": None, "url": None}, {"source": None, "url": "https://example.org/a"}]
    assert "Es wird teuer." in texts(db)


def test_html_main_text_and_metadata(db_path, tmp_path):
    page = tmp_path / "artikel.html"
    body = "Der Bürgermeister sagte am Montag: „Die Brücke wird im Frühjahr fertig.“ " * 4
    page.write_text(
        "<html><head><title>Brücke fertig</title><link rel='canonical' href='https://zeitung.example/bruecke'></head>"
        f"<body><nav>Startseite | Politik | Sport</nav><article><h1>Brücke fertig</h1><p>{body}</p>"
        "<p>Die Stadt rechnet mit Kosten von zwölf Millionen Euro.</p></article>"
        "<footer>Impressum Datenschutz</footer></body></html>",
        encoding="utf-8",
    )
    result = run(db_path, page)
    assert result.exit_code == 0, result.output
    article = open_db(db_path).execute("SELECT text, title, url FROM articles").fetchone()
    assert "Die Brücke wird im Frühjahr fertig." in article[0] and "zwölf Millionen" in article[0]
    assert "Impressum" not in article[0] and "Politik | Sport" not in article[0]
    assert article[1] == "Brücke fertig" and article[2] == "https://zeitung.example/bruecke"


def test_jsonl_metadata_and_malformed_line(db_path, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"text": V1, "url": "https://a.example/1", "title": "Eins", "outlet": "A", "published": "2024-11-20"})
        + "\n{not json\n\n"
        + json.dumps({"text": V2, "title": "Zwei"}) + "\n"
        + json.dumps(["a list"]) + "\n"
        + json.dumps({"title": "kein Text"}) + "\n"
        + json.dumps({"text": "Text", "url": 7}) + "\n",
        encoding="utf-8",
    )
    result = run(db_path, feed)
    assert result.exit_code == 1
    assert result.stdout.startswith("2 new, 0 updated, 0 unchanged, 4 failed;")
    assert f"{feed}:2: not valid JSON" in result.stderr
    assert f"{feed}:5: expected a JSON object" in result.stderr
    assert f'{feed}:6: no "text" string' in result.stderr
    assert f'{feed}:7: "url" must be a string' in result.stderr
    rows = list(open_db(db_path).query("SELECT title, outlet, published, source FROM articles ORDER BY pk"))
    assert rows[0] == {"title": "Eins", "outlet": "A", "published": "2024-11-20", "source": f"{feed.resolve()}:1"}
    assert rows[1]["title"] == "Zwei"


def test_cp1252_and_latin1_files_decoded(db_path, tmp_path):
    text = "Müller sagte: „Das Gesetz ist größtenteils überflüssig.“ – so der Abgeordnete aus Köln."
    (tmp_path / "win.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "latin.txt").write_bytes("Die Bäckerin erklärte, das Mehl sei teurer geworden. Öl auch.".encode("latin-1"))
    result = run(db_path, tmp_path / "win.txt", tmp_path / "latin.txt")
    assert result.exit_code == 0, result.output
    stored = [r[0] for r in open_db(db_path).execute("SELECT text FROM articles ORDER BY pk")]
    assert stored == [text, "Die Bäckerin erklärte, das Mehl sei teurer geworden. Öl auch."]


def test_every_bad_input_reported_and_batch_goes_on(db_path, tmp_path):
    (tmp_path / "bild.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)))
    (tmp_path / "leer.txt").write_bytes(b"")
    (tmp_path / "nur-leerzeichen.txt").write_text(" \n\t\n")
    (tmp_path / "kaputt.txt").write_bytes(bytes(range(0x80, 0x100)) * 4)
    (tmp_path / "gross.txt").write_text("Er sagte: „Zu lang.“ " * 100)
    (tmp_path / "gut.txt").write_text(V1, encoding="utf-8")
    result = run(db_path, "--max-size", "1KB", *(tmp_path / n for n in
                 ("bild.txt", "leer.txt", "nur-leerzeichen.txt", "kaputt.txt", "gross.txt", "fehlt.txt", "gut.txt")))
    assert result.exit_code == 1
    assert result.stdout.startswith("1 new, 0 updated, 0 unchanged, 6 failed;")
    errors = result.stderr.splitlines()
    assert errors == [
        f"{tmp_path / 'bild.txt'}: binary file, not text",
        f"{tmp_path / 'leer.txt'}: empty file",
        f"{tmp_path / 'nur-leerzeichen.txt'}: empty file",
        f"{tmp_path / 'kaputt.txt'}: cannot decode: not UTF-8 and no known text encoding fits",
        f"{tmp_path / 'gross.txt'}: file is {(tmp_path / 'gross.txt').stat().st_size} bytes, over the size limit of 1024 bytes",
        f"{tmp_path / 'fehlt.txt'}: no such file or folder",
    ]
    assert "Traceback" not in result.output
    assert open_db(db_path)["articles"].count == 1


def test_jsonl_line_over_the_limit_skipped(db_path, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "x " * 800}) + "\n" + json.dumps({"text": V1}) + "\n", encoding="utf-8")
    result = run(db_path, "--max-size", "1kb", feed)
    assert result.exit_code == 1
    assert f"{feed}:1: line is 1613 bytes, over the size limit of 1024 bytes" in result.stderr
    assert open_db(db_path)["articles"].count == 1


def test_folders_recursive_and_globs(db_path, tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / ".versteckt").mkdir()
    (tmp_path / "a" / "eins.txt").write_text(V1)
    (tmp_path / "a" / "b" / "zwei.md").write_text(V2)
    (tmp_path / "a" / "b" / "bild.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / "a" / ".versteckt" / "drei.txt").write_text("Versteckt.")
    result = run(db_path, tmp_path / "a")
    assert result.stdout.startswith("2 new,") and result.exit_code == 0
    result = run(db_path, str(tmp_path / "a" / "**" / "*.md"), str(tmp_path / "nichts*.txt"))
    assert result.stdout.startswith("0 new, 0 updated, 1 unchanged, 1 failed;")
    assert "nichts*.txt: no files match this pattern" in result.stderr
    (tmp_path / "leer").mkdir()
    result = run(db_path, tmp_path / "leer")
    assert result.exit_code == 1 and "leer: no .txt, .md, .html, .htm, .jsonl files in this folder" in result.stderr


def test_byte_order_marks(db_path, tmp_path):
    (tmp_path / "utf16.txt").write_bytes("Sie sagte: „Grüße aus Köln.“".encode("utf-16"))
    (tmp_path / "utf8bom.txt").write_bytes("\ufeffEr sagte: „Moin.“".encode("utf-8"))
    assert run(db_path, tmp_path / "utf16.txt", tmp_path / "utf8bom.txt").exit_code == 0
    db = open_db(db_path)
    assert sorted(texts(db)) == ["Grüße aus Köln.", "Moin."]
    assert sorted(r[0] for r in db.execute("SELECT substr(text, 1, 3) FROM articles")) == ["Er ", "Sie"]


def test_article_text_is_data(db_path, tmp_path):
    text = "Er schrieb: „<script>alert(1)</script> '); DROP TABLE quotes; --“ und \x1b[31mrot\x1b[0m \\n %s."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    assert run(db_path, tmp_path / "a.txt").exit_code == 0
    db = open_db(db_path)
    assert texts(db) == ["<script>alert(1)</script> '); DROP TABLE quotes; --"]
    assert db.execute("SELECT text FROM articles").fetchone()[0] == text.replace("\x1b", "")  # control characters go


def test_changed_article_keeps_reviews_and_flags_orphans(db_path, tmp_path):
    article = tmp_path / "artikel.txt"
    article.write_text(V1)
    run(db_path, article)
    db = open_db(db_path)
    ids = {r["text"]: (r["id"], r["pk"]) for r in db.query("SELECT id, pk, text FROM quotes")}
    kept, dropped = ids["Wir schaffen das."], ids["naiv"]
    update_review(db, kept[0], reviewer="anna", expected_version=0, status="verified", verdict="richtig")
    update_review(db, dropped[0], reviewer="anna", expected_version=0, status="disputed")
    set_correction(db, kept[0], "kind", "partial", reviewer="anna")

    article.write_text(V2)
    result = run(db_path, article)
    assert result.stdout.startswith("0 new, 1 updated, 0 unchanged, 0 failed; 2 quotes")
    assert db["articles"].count == 1
    assert db.execute("SELECT text FROM articles").fetchone()[0] == V2.strip()
    assert sorted(texts(db)) == ["Es wird teuer.", "Wir schaffen das."]
    survivor = db.execute("SELECT pk, kind FROM quotes WHERE id = ?", [kept[0]]).fetchone()
    assert survivor == (kept[1], "partial")  # same row, the reviewer's correction re-applied
    assert get_review(db, kept[0])["status"] == "verified" and get_review(db, kept[0])["orphaned"] == 0
    assert get_review(db, dropped[0])["status"] == "disputed" and get_review(db, dropped[0])["orphaned"] == 1
    assert search(db, "teuer") and not search(db, "naiv") and fts_ok(db)

    article.write_text(V1)  # the edit is reverted: the quotation comes back, and so does its review
    assert run(db_path, article).stdout.startswith("0 new, 1 updated")
    assert get_review(db, dropped[0])["orphaned"] == 0 and db["articles"].count == 1


def test_same_url_new_text_updates_same_text_elsewhere_unchanged(fresh_db):
    assert ingest(fresh_db, [jsonl_source(V1, "https://x.example/1")]).counts["new"] == 1
    assert ingest(fresh_db, [jsonl_source(V2, "https://x.example/1")]).counts["updated"] == 1
    assert ingest(fresh_db, [jsonl_source(V2, "https://mirror.example/1")]).counts["unchanged"] == 1
    # the first version, seen again elsewhere, is already known: not a second article, no flip back
    assert ingest(fresh_db, [jsonl_source(V1, "https://mirror.example/2")]).counts["unchanged"] == 1
    assert fresh_db["articles"].count == 1
    assert fresh_db.execute("SELECT text FROM articles").fetchone()[0] == V2.strip()


def jsonl_source(text, url):
    data = (json.dumps({"text": text, "url": url}) + "\n").encode()
    return Source("feed", "jsonl", lambda: contextlib.nullcontext(io.BytesIO(data)))


QUOTES = [Quotation(20, 37, "Wir schaffen das.", "direct", "Olaf Scholz", "person")]


def test_interrupted_save_leaves_previous_state(fresh_db, monkeypatch):
    import factcheck.store.articles as articles

    save_article(fresh_db, Article(V1, source="a.txt"), factcheck.nlp.extract(V1), extractor_version="t")
    before = (counts(fresh_db), texts(fresh_db), fresh_db.execute("SELECT text FROM articles").fetchall())

    def crash(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(articles, "apply_corrections", crash)  # after the article row and its quotes are written
    with pytest.raises(RuntimeError):
        save_article(fresh_db, Article(V2, source="a.txt"), factcheck.nlp.extract(V2), extractor_version="t")
    with pytest.raises(RuntimeError):
        save_article(fresh_db, Article("Ganz neu: „Hallo.“", source="b.txt"), factcheck.nlp.extract("Ganz neu: „Hallo.“"),
                     extractor_version="t")
    assert (counts(fresh_db), texts(fresh_db), fresh_db.execute("SELECT text FROM articles").fetchall()) == before
    assert not fresh_db.conn.in_transaction
    index_pending(fresh_db)  # what the first save left to index, and nothing of the two that failed
    assert fts_ok(fresh_db)


def test_what_an_interrupted_run_left_unindexed_is_indexed_by_the_next_ingest(fresh_db, tmp_path):
    save_article(fresh_db, Article(V1), factcheck.nlp.extract(V1), extractor_version="t")  # a run cut off here
    assert has_pending(fresh_db) and not search(fresh_db, "schaffen")
    (tmp_path / "b.txt").write_text(V2)
    ingest(fresh_db, [str(tmp_path / "b.txt")])
    assert not has_pending(fresh_db)
    assert len(search(fresh_db, "schaffen")) == 2 and fts_ok(fresh_db)


def test_ingest_of_a_folder_indexes_it_at_the_end(fresh_db, tmp_path):
    (tmp_path / "a.txt").write_text(V1)
    (tmp_path / "b.txt").write_text(V2)
    report = ingest(fresh_db, [str(tmp_path)])
    assert report.counts["new"] == 2 and not has_pending(fresh_db)
    assert len(search(fresh_db, "schaffen")) == 2 and fts_ok(fresh_db)


def test_detector_failure_reported_batch_goes_on(fresh_db, tmp_path, monkeypatch):
    real = factcheck.nlp.extract

    def flaky(text, nlp=None):
        if "kaputt" in text:
            raise ValueError("unexpected token")
        return real(text, nlp)

    monkeypatch.setattr(factcheck.nlp, "extract", flaky)
    (tmp_path / "1.txt").write_text("Das ist kaputt.")
    (tmp_path / "2.txt").write_text(V1)
    report = ingest(fresh_db, [str(tmp_path)])
    assert report.counts["new"] == 1 and report.errors == [f"{tmp_path / '1.txt'}: detector failed: ValueError: unexpected token"]


def test_speakers_and_mentions_stored(fresh_db):
    text = "Bundeskanzler Scholz sagte: „Wir schaffen das.“"
    quote = Quotation(28, 45, "Wir schaffen das.", "direct", "Olaf Scholz", "person", 14, 20, "sagte", 21, 26, 0.9)
    save_article(fresh_db, Article(text), [quote, quote], extractor_version="t")
    rows = list(fresh_db.query("SELECT id, speaker_mention, speaker_id FROM quotes"))
    assert len({r["id"] for r in rows}) == 2  # the same wording twice: two occurrences, two ids
    assert rows[0]["speaker_mention"] == "Scholz"
    assert fresh_db["speakers"].get(rows[0]["speaker_id"])["variants"] == '["Olaf Scholz", "Scholz"]'
