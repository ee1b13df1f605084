"""Exports: JSONL, CSV, standalone SQLite and ClaimReview; filters, atomic files, the command line."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3

import pytest
from click.testing import CliRunner

from factcheck import export as export_package
from factcheck.cli import cli
from factcheck.config import Config, Verdict
from factcheck.export import ExportError, export
from factcheck.export.claimreview import slug
from factcheck.export.csvfile import neutralize
from factcheck.export.records import FIELDS
from factcheck.store import (
    QuoteFilter, index_pending, open_db, quote_id, set_correction, speaker_id, update_review, write_transaction,
)

ZEIT = (
    "Kremlsprecher Dmitri Peskow sagte am Montag, Washington gieße „Öl ins Feuer“. "
    "Die Bundesregierung wies das zurück: Man habe „=HYPERLINK(\"http://böse.example\")“ nie gesagt. "
    "Ein Regierungssprecher sagte, die Lage sei „unter Kontrolle“."
)
TAZ = "„Öl ins Feuer“, so Peskow 😀 in Moskau. Die NATO nannte das „-3 Prozent Wahrheit“."
LOCAL = "Laut Greenpeace ist der Wald „@kaputt“ und „\tverloren“."

URL_TEMPLATE = "https://faktencheck.example/{slug}-{claim_id}"


def add_article(db, article_id, text, **meta):
    db.execute(
        "INSERT INTO articles(id, content_hash, ingested_at, text, url, title, outlet, published) "
        "VALUES (?, ?, '2026-11-20T10:00:00+00:00', ?, ?, ?, ?, ?)",
        [article_id, article_id, text, meta.get("url"), meta.get("title"), meta.get("outlet"), meta.get("published")],
    )


def add_quote(db, article_id, text, speaker=None, speaker_type="person", kind="direct"):
    """Store the first occurrence of `text` in the article, as the detector would; returns its id."""
    article_text = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()[0]
    start = article_text.index(text)
    qid = quote_id(article_id, text)
    sid = speaker_id(db, speaker, speaker_type) if speaker else None
    db.execute(
        'INSERT INTO quotes(id, article_id, start, "end", text, kind, speaker_id, speaker_mention, cue, confidence, '
        "extractor_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'sagte', 0.9, 'test-1')",
        [qid, article_id, start, start + len(text), text, kind, sid, speaker],
    )
    index_pending(db)
    return qid


def add_cluster(db, cluster_id, canonical_text, members):
    db.execute("INSERT INTO clusters(id, canonical_text, size, created_at) VALUES (?, ?, ?, 'now')",
               [cluster_id, canonical_text, len(members)])
    for qid in members:
        db.execute("INSERT INTO cluster_members(quote_id, cluster_id, method, added_at) VALUES (?, ?, 'ratio', 'now')",
                   [qid, cluster_id])


def review(db, qid, when, **changes):
    update_review(db, qid, reviewer="anna", expected_version=0, **changes)
    db.execute("UPDATE reviews SET updated_at = ? WHERE quote_id = ?", [when, qid])
    db.conn.commit()


@pytest.fixture
def db(fresh_db):
    """Three articles, six quotations; one claim cluster whose two members were reviewed differently."""
    with write_transaction(fresh_db):
        add_article(fresh_db, "zeit", ZEIT, url="https://zeit.example/peskow", title="Peskow: „Öl ins Feuer“",
                    outlet="Die Zeit", published="2026-11-02")
        add_article(fresh_db, "taz", TAZ, url="https://taz.example/moskau", title="Moskau", outlet="taz",
                    published="2026-11-01")
        add_article(fresh_db, "local", LOCAL, published="2026-10-01")
        ids = {
            "oel_zeit": add_quote(fresh_db, "zeit", "Öl ins Feuer", "Dmitri Peskow"),
            "formula": add_quote(fresh_db, "zeit", '=HYPERLINK("http://böse.example")', "Bundesregierung", "organization"),
            "kontrolle": add_quote(fresh_db, "zeit", "unter Kontrolle", "ein Regierungssprecher", "anonymous", "partial"),
            "oel_taz": add_quote(fresh_db, "taz", "Öl ins Feuer", "Dmitri Peskow"),
            "nato": add_quote(fresh_db, "taz", "-3 Prozent Wahrheit", "NATO", "organization"),
            "wald": add_quote(fresh_db, "local", "@kaputt", "Greenpeace", "organization"),
        }
        add_cluster(fresh_db, 7, "Washington gießt Öl ins Feuer", [ids["oel_zeit"], ids["oel_taz"]])
    review(fresh_db, ids["oel_zeit"], "2026-11-03T09:00:00+00:00", status="verified", verdict="richtig",
           evidence=["https://kremlin.example/transcript"])
    review(fresh_db, ids["oel_taz"], "2026-11-04T09:00:00+00:00", status="disputed", verdict="größtenteils falsch",
           note="Zitat verkürzt")
    review(fresh_db, ids["kontrolle"], "2026-11-05T09:00:00+00:00", status="verified", verdict="unbelegt")
    review(fresh_db, ids["nato"], "2026-11-06T09:00:00+00:00", status="disputed", verdict="gelogen")
    review(fresh_db, ids["wald"], "2026-11-07T09:00:00+00:00", note="noch offen")
    set_correction(fresh_db, ids["formula"], "kind", "indirect", reviewer="anna")
    fresh_db.ids = ids
    return fresh_db


def written_files(folder):
    """What an export left in the folder, temporary files included (the test database aside)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("test.db"))


def jsonl_rows(db, flt=None):
    out = io.StringIO()
    export_package.jsonl.write(db, flt, out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


# --- JSONL ----------------------------------------------------------------------------------------------


def test_jsonl_record_says_where_the_quotation_came_from(db, tmp_path):
    path = tmp_path / "out.jsonl"
    assert export(db, "jsonl", path) == 6
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert all(list(row) == list(FIELDS) for row in rows)
    oel = next(r for r in rows if r["quote_id"] == db.ids["oel_zeit"])
    start = ZEIT.index("Öl ins Feuer")
    assert oel == {
        "quote_id": db.ids["oel_zeit"], "article_id": "zeit", "url": "https://zeit.example/peskow",
        "title": "Peskow: „Öl ins Feuer“", "outlet": "Die Zeit", "published": "2026-11-02", "source": None,
        "start": start, "end": start + 12, "text": "Öl ins Feuer",
        "prefix": ZEIT[start - 40:start], "suffix": ZEIT[start + 12:start + 52],
        "speaker": "Dmitri Peskow", "speaker_type": "person", "speaker_mention": "Dmitri Peskow", "cue": "sagte",
        "kind": "direct", "confidence": 0.9, "fragments": [], "part_of": None, "cluster_id": 7,
        "canonical_text": "Washington gießt Öl ins Feuer",
        "status": "verified", "verdict": "richtig", "note": None, "evidence": ["https://kremlin.example/transcript"],
        "reviewer": "anna", "reviewed_at": "2026-11-03T09:00:00+00:00", "extractor_version": "test-1",
    }


def test_context_is_cut_by_characters_at_the_article_edges(db):
    """Offsets count characters (code points), 😀 and umlauts included."""
    for row in jsonl_rows(db):
        article = {"zeit": ZEIT, "taz": TAZ, "local": LOCAL}[row["article_id"]]
        start, end = row["start"], row["end"]
        assert article[start:end] == row["text"]
        assert row["prefix"] == article[max(0, start - 40):start]
        assert row["suffix"] == article[end:end + 40]
    taz_first = next(r for r in jsonl_rows(db) if r["quote_id"] == db.ids["oel_taz"])
    assert taz_first["prefix"] == "„" and taz_first["suffix"].startswith("“, so Peskow 😀 in Moskau.")


def test_evidence_that_is_not_a_json_list_is_kept_as_text(db):
    db.execute("UPDATE reviews SET evidence = 'siehe Protokoll' WHERE quote_id = ?", [db.ids["oel_taz"]])
    row = next(r for r in jsonl_rows(db) if r["quote_id"] == db.ids["oel_taz"])
    assert row["evidence"] == ["siehe Protokoll"]


# --- CSV ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cell, shown", [
    ("=SUM(A1:A9)", "'=SUM(A1:A9)"), ("+49 30 1234", "'+49 30 1234"), ("-3 Prozent", "'-3 Prozent"),
    ("@kaputt", "'@kaputt"), ("\tverloren", "'\tverloren"), ("\rx", "'\rx"),
    ("Öl ins Feuer", "Öl ins Feuer"), (" =1", " =1"), (0.9, 0.9), (None, None), (-1, -1),
    (["=x"], '["=x"]'),
])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralized(cell, shown):
    assert neutralize(cell) == shown


def test_csv_export_is_flat_utf8_and_injection_safe(db, tmp_path):
    plain, with_bom = tmp_path / "plain.csv", tmp_path / "bom.csv"
    assert export(db, "csv", plain) == 6
    export(db, "csv", with_bom, bom=True)
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    assert with_bom.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(plain.read_text(encoding="utf-8"), newline="")))
    assert tuple(rows[0]) == FIELDS and len(rows) == 6
    by_id = {r["quote_id"]: r for r in rows}
    assert by_id[db.ids["formula"]]["text"] == "'=HYPERLINK(\"http://böse.example\")"
    assert by_id[db.ids["nato"]]["text"] == "'-3 Prozent Wahrheit"
    assert by_id[db.ids["wald"]]["text"] == "'@kaputt"
    assert by_id[db.ids["oel_zeit"]]["evidence"] == '["https://kremlin.example/transcript"]'
    assert by_id[db.ids["oel_zeit"]]["text"] == "Öl ins Feuer"
    for row in rows:  # no cell anywhere starts a formula
        assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in row.values())


# --- filters --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("args, expected", [
    (["--status", "verified"], ["oel_zeit", "kontrolle"]),
    (["--status", "disputed", "--status", "unreviewed"], ["oel_taz", "nato", "formula", "wald"]),
    (["--verdict", "richtig", "--verdict", "unbelegt"], ["oel_zeit", "kontrolle"]),
    (["--since", "2026-11-05"], ["kontrolle", "nato", "wald"]),
    (["--speaker", "peskow"], ["oel_zeit", "oel_taz"]),
    (["--cluster", "7"], ["oel_zeit", "oel_taz"]),
    (["--cluster", "7", "--status", "disputed"], ["oel_taz"]),
    (["--kind", "indirect"], ["formula"]),
])
def test_filters_select_the_exported_quotations(db, db_path, args, expected):
    result = CliRunner().invoke(cli, ["--db", str(db_path), "export", "jsonl", *args])
    assert result.exit_code == 0, result.output
    exported = [json.loads(line)["quote_id"] for line in result.stdout.splitlines()]
    assert sorted(exported) == sorted(db.ids[name] for name in expected)
    assert f"{len(expected)} quotations exported to stdout" in result.stderr


# --- SQLite ---------------------------------------------------------------------------------------------

COPIED_TABLES = ("articles", "speakers", "quotes", "clusters", "cluster_members", "reviews", "review_events", "corrections")


def table_rows(conn, table, where="1", params=()):
    return sorted(conn.execute(f"SELECT * FROM {table} WHERE {where}", params).fetchall(), key=repr)


def test_sqlite_round_trip_keeps_rows_and_reviews(db, tmp_path):
    path = tmp_path / "export.db"
    assert export(db, "sqlite", path) == 6
    copy = open_db(path)
    for table in COPIED_TABLES:
        assert table_rows(copy, table) == table_rows(db, table), table
    assert table_rows(copy, "quotes_view") == table_rows(db, "quotes_view")
    fts = "SELECT q.id FROM quotes_fts JOIN quotes q ON q.pk = quotes_fts.rowid WHERE quotes_fts MATCH ?"
    assert copy.execute(fts, ['"feuer"*']).fetchall() == db.execute(fts, ['"feuer"*']).fetchall() != []
    assert copy.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'greenpeace'").fetchone() == (1,)
    meta = dict(copy.execute("SELECT key, value FROM meta").fetchall())
    assert meta["exported_from"] == str(tmp_path / "test.db") and meta["exported_at"]
    assert json.loads(meta["export_filter"])["status"] == []
    assert copy.execute("PRAGMA foreign_key_check").fetchall() == []
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_sqlite_export_is_one_self_contained_file(db, tmp_path):
    path = tmp_path / "export.db"
    export(db, "sqlite", path)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("export")) == ["export.db"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert conn.execute("SELECT count(*) FROM quotes_view").fetchone() == (6,)


def test_filtered_sqlite_export_takes_only_what_belongs_to_the_selection(db, tmp_path):
    path = tmp_path / "verified.db"
    assert export(db, "sqlite", path, QuoteFilter(status=("verified",))) == 2
    copy = open_db(path)
    selected = (db.ids["oel_zeit"], db.ids["kontrolle"])
    assert sorted(r[0] for r in copy.execute("SELECT id FROM quotes")) == sorted(selected)
    assert [r[0] for r in copy.execute("SELECT id FROM articles")] == ["zeit"]
    assert sorted(r[0] for r in copy.execute("SELECT name FROM speakers")) == ["Dmitri Peskow", "ein Regierungssprecher"]
    assert table_rows(copy, "reviews") == table_rows(db, "reviews", "quote_id IN (?, ?)", selected)
    assert table_rows(copy, "review_events") == table_rows(db, "review_events", "quote_id IN (?, ?)", selected)
    assert table_rows(copy, "cluster_members") == table_rows(db, "cluster_members", "quote_id = ?", [db.ids["oel_zeit"]])
    assert table_rows(copy, "clusters") == table_rows(db, "clusters")
    assert table_rows(copy, "corrections") == []
    assert copy.execute("PRAGMA foreign_key_check").fetchall() == []
    assert export(db, "sqlite", tmp_path / "search.db", QuoteFilter(search="feuer")) == 2  # FTS of the source


def test_sqlite_export_follows_speaker_merges(db, tmp_path):
    """A merged speaker is shown under the name it was merged into: that speaker travels along."""
    with write_transaction(db):
        into = speaker_id(db, "Dmitri S. Peskow", "person")
        merged = db.execute("SELECT id FROM speakers WHERE name = 'Dmitri Peskow'").fetchone()[0]
        db.execute("UPDATE speakers SET merged_into = ? WHERE id = ?", [into, merged])
        db.execute("INSERT INTO speaker_merges(speaker_id, into_id, status, created_at) VALUES (?, ?, 'confirmed', 'now')",
                   [merged, into])
    path = tmp_path / "peskow.db"
    export(db, "sqlite", path, QuoteFilter(cluster=7))
    copy = open_db(path)
    assert {r[0] for r in copy.execute("SELECT speaker FROM quotes_view")} == {"Dmitri S. Peskow"}
    assert table_rows(copy, "speaker_merges") == table_rows(db, "speaker_merges")


def test_export_never_overwrites_the_database_it_reads(db, db_path):
    with pytest.raises(ExportError, match="database being exported"):
        export(db, "sqlite", db_path)
    assert db.execute("SELECT count(*) FROM quotes").fetchone() == (6,)


# --- ClaimReview ----------------------------------------------------------------------------------------


def claim_reviews(db, tmp_path, **options):
    path = tmp_path / "claims.json"
    options = {"organization": "Faktencheck-Redaktion", "url_template": URL_TEMPLATE, "config": Config(), **options}
    count = export(db, "claimreview", path, **options)
    reviews = json.loads(path.read_text(encoding="utf-8"))
    assert len(reviews) == count
    return {r["claimReviewed"]: r for r in reviews}


def test_claimreview_has_every_required_and_recommended_field(db, tmp_path):
    warnings = []
    reviews = claim_reviews(db, tmp_path, warn=warnings.append)
    cluster = reviews["Washington gießt Öl ins Feuer"]
    assert cluster == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://faktencheck.example/washington-giesst-oel-ins-feuer-7",
        "claimReviewed": "Washington gießt Öl ins Feuer",
        "reviewRating": {"@type": "Rating", "alternateName": "größtenteils falsch", "ratingValue": 2,
                         "bestRating": 7, "worstRating": 1},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Dmitri Peskow"},
            "appearance": [
                {"@type": "CreativeWork", "url": "https://taz.example/moskau", "headline": "Moskau",
                 "datePublished": "2026-11-01", "publisher": {"@type": "Organization", "name": "taz"}},
                {"@type": "CreativeWork", "url": "https://zeit.example/peskow", "headline": "Peskow: „Öl ins Feuer“",
                 "datePublished": "2026-11-02", "publisher": {"@type": "Organization", "name": "Die Zeit"}},
            ],
            "datePublished": "2026-11-01",
        },
        "author": {"@type": "Organization", "name": "Faktencheck-Redaktion"},
        "datePublished": "2026-11-04",
    }
    assert warnings == [f"claim {db.ids['nato']}: verdict 'gelogen' is not on the verdict scale; skipped",
                        "1 reviewed claim not exported: 1 with a verdict that is not on the verdict scale"]


def test_claimreview_rules_for_clusters_speakers_and_unreviewed_quotes(db, tmp_path):
    reviews = claim_reviews(db, tmp_path)
    # one per reviewed claim: the cluster, and the reviewed quotation in no cluster; not the unreviewed ones,
    # not the one without a verdict, not the one whose verdict is off the scale
    assert sorted(reviews) == ["Washington gießt Öl ins Feuer", "unter Kontrolle"]
    anonymous = reviews["unter Kontrolle"]
    assert "author" not in anonymous["itemReviewed"]
    assert anonymous["url"] == f"https://faktencheck.example/unter-kontrolle-{db.ids['kontrolle']}"
    assert anonymous["reviewRating"]["ratingValue"] == 5
    # the most recent review decides; when the older one is made newer, it decides instead
    db.execute("UPDATE reviews SET updated_at = '2026-11-09T00:00:00+00:00' WHERE quote_id = ?", [db.ids["oel_zeit"]])
    db.conn.commit()
    cluster = claim_reviews(db, tmp_path)["Washington gießt Öl ins Feuer"]
    assert (cluster["reviewRating"]["alternateName"], cluster["datePublished"]) == ("richtig", "2026-11-09")


def test_claimreview_filters_choose_the_deciding_reviews_but_keep_every_appearance(db, tmp_path):
    reviews = claim_reviews(db, tmp_path, flt=QuoteFilter(status=("verified",)))
    assert sorted(reviews) == ["Washington gießt Öl ins Feuer", "unter Kontrolle"]
    cluster = reviews["Washington gießt Öl ins Feuer"]
    assert cluster["reviewRating"]["alternateName"] == "richtig"
    assert len(cluster["itemReviewed"]["appearance"]) == 2


def test_claimreview_can_be_embedded_in_html_as_it_is(db, tmp_path):
    """Quoted text is data: it cannot close the <script> element a CMS puts the JSON-LD in."""
    hostile = 'Er sagte: </script><script>alert("&")</script>\u2028'
    db.execute("UPDATE clusters SET canonical_text = ? WHERE id = 7", [hostile])
    db.conn.commit()
    path = tmp_path / "claims.json"
    export(db, "claimreview", path, organization="X", url_template=URL_TEMPLATE, config=Config())
    raw = path.read_text(encoding="utf-8")
    assert not any(char in raw for char in "<>&\u2028")
    assert hostile in [review["claimReviewed"] for review in json.loads(raw)]


def test_claimreview_uses_the_configured_scale_and_writes_it_out(db, tmp_path):
    scale = Config(verdicts=(Verdict("stimmt", 3), Verdict("gelogen", 1), Verdict("größtenteils falsch", 2)))
    reviews = claim_reviews(db, tmp_path, config=scale, scale_out=tmp_path / "scale.json")
    assert sorted(reviews) == ["-3 Prozent Wahrheit", "Washington gießt Öl ins Feuer"]
    assert reviews["-3 Prozent Wahrheit"]["reviewRating"] == {
        "@type": "Rating", "alternateName": "gelogen", "ratingValue": 1, "bestRating": 3, "worstRating": 1}
    assert reviews["-3 Prozent Wahrheit"]["itemReviewed"]["author"] == {"@type": "Organization", "name": "NATO"}
    written = json.loads((tmp_path / "scale.json").read_text(encoding="utf-8"))
    assert written["bestRating"] == 3 and written["worstRating"] == 1
    assert written["ratings"] == [{"alternateName": "stimmt", "ratingValue": 3}, {"alternateName": "gelogen", "ratingValue": 1},
                                  {"alternateName": "größtenteils falsch", "ratingValue": 2}]


@pytest.mark.parametrize("options, message", [
    ({"organization": None}, "needs the fact-checking organization"),
    ({"url_template": None}, "needs the URL"),
    ({"url_template": "https://x.example/{title}"}, "unknown placeholder {title}"),
    ({"url_template": "https://x.example/{slug.__class__}"}, r"unknown placeholder \{slug.__class__\}"),
    ({"url_template": "https://x.example/{slug!r}"}, r"unknown placeholder \{slug!r\}"),
    ({"url_template": "https://x.example/{slug"}, "expected '}'"),
])
def test_claimreview_settings_are_checked_before_anything_is_written(db, tmp_path, options, message):
    with pytest.raises(ExportError, match=message):
        claim_reviews(db, tmp_path, **options)
    assert written_files(tmp_path) == []


def test_slug_is_ascii_and_short():
    assert slug("Öl ins Feuer gießen!") == "oel-ins-feuer-giessen"
    assert slug("„…“") == "claim"
    assert len(slug("Wort " * 40)) <= 60
    assert slug("x" * 100) == "x" * 60


# --- atomic files ---------------------------------------------------------------------------------------


def failing_after(n, error):
    """A stand-in for the record stream that yields `n` real records and then fails."""
    real = export_package.records.records

    def records(db, flt=None):
        for i, record in enumerate(real(db, flt)):
            if i == n:
                raise error
            yield record
    return records


@pytest.mark.parametrize("fmt, module", [("jsonl", "jsonl"), ("csv", "csvfile")])
@pytest.mark.parametrize("error", [RuntimeError("disk on fire"), KeyboardInterrupt()])
def test_interrupted_export_leaves_no_file(db, tmp_path, monkeypatch, fmt, module, error):
    monkeypatch.setattr(f"factcheck.export.{module}.records", failing_after(3, error))
    with pytest.raises(type(error)):
        export(db, fmt, tmp_path / f"out.{fmt}")
    assert written_files(tmp_path) == []


def test_interrupted_export_keeps_the_previous_file(db, tmp_path, monkeypatch):
    path = tmp_path / "out.jsonl"
    export(db, "jsonl", path)
    before = path.read_bytes()
    monkeypatch.setattr("factcheck.export.jsonl.records", failing_after(3, RuntimeError("disk on fire")))
    with pytest.raises(RuntimeError):
        export(db, "jsonl", path)
    assert path.read_bytes() == before and written_files(tmp_path) == ["out.jsonl"]


def test_interrupted_sqlite_export_leaves_no_file_and_the_source_untouched(db, tmp_path, monkeypatch):
    rows_before = {t: table_rows(db, t) for t in COPIED_TABLES}
    broken = list(export_package.sqlite.ROWS_TO_COPY)
    broken.insert(5, ("reviews", "no_such_column = 1"))  # fails after articles, speakers and quotes were copied
    monkeypatch.setattr("factcheck.export.sqlite.ROWS_TO_COPY", broken)
    with pytest.raises(sqlite3.OperationalError):  # a filter: the tables are copied as ROWS_TO_COPY says
        export(db, "sqlite", tmp_path / "out.db", QuoteFilter(include_not_quotes=True))
    assert written_files(tmp_path) == []
    assert {t: table_rows(db, t) for t in COPIED_TABLES} == rows_before
    monkeypatch.undo()
    assert export(db, "sqlite", tmp_path / "out.db") == 6  # the connection is usable again


def test_exported_file_gets_normal_permissions(db, tmp_path):
    path = tmp_path / "out.jsonl"
    export(db, "jsonl", path)
    assert path.stat().st_mode & 0o044  # readable by others, as the umask allows (not mkstemp's 0600)


# --- command line ---------------------------------------------------------------------------------------


def run(db_path, *args):
    return CliRunner().invoke(cli, ["--db", str(db_path), "export", *map(str, args)])


def test_cli_writes_each_format_to_stdout(db, db_path):
    jsonl_out = run(db_path, "jsonl", "-o", "-")
    assert jsonl_out.exit_code == 0 and len(jsonl_out.stdout.splitlines()) == 6
    csv_out = run(db_path, "csv", "--bom")
    assert csv_out.stdout_bytes.startswith(b"\xef\xbb\xbfquote_id,article_id,")
    claims = run(db_path, "claimreview", "--org", "Faktencheck-Redaktion", "--url-template", URL_TEMPLATE)
    assert claims.exit_code == 0, claims.output
    assert len(json.loads(claims.stdout)) == 2 and "2 claim reviews exported to stdout" in claims.stderr
    assert "'gelogen' is not on the verdict scale" in claims.stderr
    sqlite_out = run(db_path, "sqlite", "-o", "-")
    assert sqlite_out.exit_code == 0 and sqlite_out.stdout_bytes.startswith(b"SQLite format 3\x00")


def test_cli_writes_a_file(db, db_path, tmp_path):
    result = run(db_path, "sqlite", "-o", tmp_path / "out.db", "--status", "verified")
    assert result.exit_code == 0 and f"2 quotations exported to {tmp_path / 'out.db'}" in result.stderr
    assert open_db(tmp_path / "out.db").execute("SELECT count(*) FROM quotes").fetchone() == (2,)


@pytest.mark.parametrize("args, code, message", [
    (["jsonl", "--since", "2026-13-01"], 2, "Invalid value for '--since'"),
    (["xml"], 2, "Invalid value for 'FORMAT'"),
    (["jsonl", "-o", "/no/such/folder/out.jsonl"], 1, "cannot write /no/such/folder/out.jsonl: No such file or directory"),
    (["jsonl", "-o", "."], 1, "cannot write .: . is a directory"),
    (["jsonl", "-o", "DB"], 1, "is the database being exported"),
    (["claimreview", "--org", "X"], 1, "ClaimReview needs the URL of each fact check"),
    (["claimreview", "--org", "X", "--url-template", "https://x/{id}"], 1, "unknown placeholder {id}"),
])
def test_cli_errors_are_one_clear_line(db, db_path, args, code, message):
    result = run(db_path, *[db_path if a == "DB" else a for a in args])
    assert result.exit_code == code
    assert message in result.stderr and "Traceback" not in result.output
    if code == 1:
        assert result.stderr.count("\n") == 1


def test_cli_refuses_a_missing_database(tmp_path):
    result = run(tmp_path / "missing.db", "jsonl")
    assert result.exit_code == 1 and "no database at" in result.stderr
    assert not (tmp_path / "missing.db").exists()


def test_cli_interrupt_says_nothing_was_written(db, db_path, tmp_path, monkeypatch):
    monkeypatch.setattr("factcheck.export.csvfile.records", failing_after(2, KeyboardInterrupt()))
    result = run(db_path, "csv", "-o", tmp_path / "out.csv")
    assert result.exit_code == 130 and "interrupted: nothing written" in result.stderr
    assert written_files(tmp_path) == []


def test_cli_cleans_up_when_killed(db, db_path, tmp_path, monkeypatch):
    real = export_package.records.records

    def killed_mid_way(db, flt=None):
        for i, record in enumerate(real(db, flt)):
            if i == 2:
                os.kill(os.getpid(), signal.SIGTERM)
            yield record

    monkeypatch.setattr("factcheck.export.jsonl.records", killed_mid_way)
    result = run(db_path, "jsonl", "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 130 and "interrupted: nothing written" in result.stderr
    assert written_files(tmp_path) == []
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL



def test_cli_claimreview_takes_organization_and_scale_from_the_config(db, db_path, tmp_path, monkeypatch):
    config = tmp_path / "factcheck.toml"
    config.write_text('organization = "Correctiv"\n[[verdicts]]\nlabel = "richtig"\nrating = 5\n'
                      '[[verdicts]]\nlabel = "unbelegt"\nrating = 3\n', encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_CONFIG", str(config))
    result = run(db_path, "claimreview", "--url-template", URL_TEMPLATE, "--scale-out", tmp_path / "scale.json")
    assert result.exit_code == 0, result.output
    (only,) = json.loads(result.stdout)  # the cluster's deciding verdict is off this scale; the other claim remains
    assert only["author"] == {"@type": "Organization", "name": "Correctiv"}
    assert only["reviewRating"] == {"@type": "Rating", "alternateName": "unbelegt", "ratingValue": 3,
                                    "bestRating": 5, "worstRating": 3}
    assert json.loads((tmp_path / "scale.json").read_text(encoding="utf-8"))["scaleSource"] == str(config)


def test_cli_claimreview_says_how_many_reviewed_claims_it_skipped_and_why(db, db_path):
    """Review defect 4: a claim decided without a verdict gave "0 claim reviews exported" and nothing else."""
    review(db, db.ids["formula"], "2026-11-05T09:00:00+00:00", status="verified")
    claims = run(db_path, "claimreview", "--org", "X", "--url-template", URL_TEMPLATE)
    assert claims.exit_code == 0 and "2 claim reviews exported" in claims.stderr
    assert ("2 reviewed claims not exported: 1 without a verdict (ClaimReview needs a rating: give them one in the "
            "review); 1 with a verdict that is not on the verdict scale") in claims.stderr
