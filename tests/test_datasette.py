"""Datasette on factcheck databases: the FTS indexes as sqlite-utils declares them (so datasette and
`sqlite-utils search` find them), the migration of older files, and the metadata file (search on the main
view, facets, canned queries) checked through datasette's own Python client."""

from __future__ import annotations

import asyncio
import html
import json
import re
import sqlite3
import urllib.parse

import pytest
import sqlite_utils
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.export import datasette as datasette_metadata
from factcheck.store import KINDS, SCHEMA_VERSION, Article, index_pending, migrate, open_db, save_article
from factcheck.store.schema import MIGRATIONS

from conftest import CLAIM, quotations

datasette_app = pytest.importorskip("datasette.app", reason="datasette is installed by the test extras")

@pytest.fixture
def exported(desk_db, tmp_path):
    """`factcheck export sqlite` of everything in the desk database (scare quotes and fragments too, so that
    datasette must tell the claims apart): the file and its metadata."""
    out = tmp_path / "zitate.db"
    every_kind = [option for kind in KINDS for option in ("--kind", kind)]
    result = CliRunner().invoke(cli, ["--db", str(desk_db), "export", "sqlite", "-o", str(out), "--include-parts",
                                      *every_kind])
    assert result.exit_code == 0, result.output
    assert "datasette metadata in" in result.stderr
    return out, tmp_path / "zitate.metadata.json"


def get(database, metadata_file, path):
    """GET `path` from datasette serving `database` with `metadata_file`, through its Python client."""
    datasette = datasette_app.Datasette([str(database)], metadata=json.loads(metadata_file.read_text()))

    async def fetch():
        return await datasette.client.get(path)

    response = asyncio.run(fetch())
    assert response.status_code == 200, response.text
    return response


def get_json(database, metadata_file, path):
    return get(database, metadata_file, path).json()


# --- the full-text indexes -----------------------------------------------------------------------------------


def test_fts_tables_are_declared_as_sqlite_utils_declares_them(fresh_db):
    reference = sqlite_utils.Database(memory=True)
    reference["quotes"].create({"pk": int, "text": str}, pk="pk")
    reference["articles"].create({"pk": int, "title": str, "text": str}, pk="pk")
    reference["quotes"].enable_fts(["text"])
    reference["articles"].enable_fts(["title", "text"])
    for fts in ("quotes_fts", "articles_fts"):
        assert fresh_db[fts].schema == reference[fts].schema
    assert fresh_db["quotes"].detect_fts() == "quotes_fts"
    assert fresh_db["articles"].detect_fts() == "articles_fts"


def test_sqlite_utils_search_finds_a_quotation(desk_db):
    db = sqlite_utils.Database(desk_db)
    hits = {row["text"] for row in db["quotes"].search("Renten")}
    assert hits == {CLAIM}
    assert [row["outlet"] for row in db["articles"].search("Hamburg")] == ["Der Spiegel"]


def test_store_keeps_the_index_in_step_on_update(desk_db):
    """The store's own index maintenance (store/fts.py) works with the new declaration: a changed
    article's old words leave the index, its new ones arrive; the FTS integrity check passes."""
    db = open_db(desk_db)
    text = "Olaf Scholz sagte: „Die Rente mit 70 kommt nicht.“"
    save_article(db, Article(text, url="https://example.org/0", outlet="Die Zeit"),
                 quotations(text, [("Die Rente mit 70 kommt nicht", "direct", "Olaf Scholz")]), extractor_version="t")
    index_pending(db)
    for fts in ("quotes_fts", "articles_fts"):
        db.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
    assert [row["text"] for row in db["quotes"].search("Rente")] == ["Die Rente mit 70 kommt nicht"]
    assert [row["outlet"] for row in db["articles"].search("Opposition")] == []


def test_migration_declares_the_index_anew_and_rebuilds_it(tmp_path):
    """A file from before (content='quotes', content_rowid='pk') is found by neither datasette nor sqlite-utils;
    after the upgrade both find the index, with every row in it."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    before = next(n for n, script in enumerate(MIGRATIONS) if 'content="quotes"' in script)  # the version before it
    migrate(conn, target=before)
    conn.execute("INSERT INTO articles(id, content_hash, ingested_at, text, title) VALUES ('a1', 'h', 'then', 'Text', 'Rentenpläne')")
    conn.execute('INSERT INTO quotes(id, article_id, start, "end", text, kind, extractor_version) '
                 "VALUES ('q1', 'a1', 0, 4, 'Renten steigen', 'direct', 'old')")
    conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")
    conn.commit()
    assert sqlite_utils.Database(conn)["quotes"].detect_fts() is None
    conn.close()

    db = open_db(path)
    assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    assert db["quotes"].detect_fts() == "quotes_fts"
    assert [row["id"] for row in db["quotes"].search("Renten")] == ["q1"]
    assert [row["id"] for row in db["articles"].search("Rentenpläne")] == ["a1"]


# --- datasette on an exported database ------------------------------------------------------------------------


def test_search_finds_a_quotation_by_a_word(exported):
    database, metadata = exported
    table = get_json(database, metadata, "/zitate/quotes.json?_search=Renten&_shape=objects")
    assert {row["text"] for row in table["rows"]} == {CLAIM}
    view = get_json(database, metadata, "/zitate/quotes_view.json?_search=Schuldenbremse&_shape=objects")
    assert [(row["speaker"], row["outlet"]) for row in view["rows"]] == [("Friedrich Merz", "Der Spiegel")]
    articles = get_json(database, metadata, "/zitate/articles.json?_search=Hamburg&_shape=objects")
    assert [row["outlet"] for row in articles["rows"]] == ["Der Spiegel"]


def test_main_table_facets_count_the_claims(exported):
    database, metadata = exported
    view = get_json(database, metadata, f"/zitate/quotes_view.json?{datasette_metadata.CLAIMS_FILTER}")
    facets = {name: {f["value"]: f["count"] for f in facet["results"]} for name, facet in view["facet_results"].items()}
    assert facets == {
        "status": {"unreviewed": 2, "disputed": 1, "verified": 1},
        "verdict": {"falsch": 1},
        "kind": {"direct": 3, "indirect": 1},
        "speaker": {"Olaf Scholz": 3, "Friedrich Merz": 1},
        "outlet": {"Der Spiegel": 2, "Die Zeit": 1, "taz": 1},
    }
    everything = get_json(database, metadata, "/zitate/quotes_view.json")
    assert everything["filtered_table_rows_count"] == 6  # the scare quote and the fragment are no claims


def canned(exported, query, **params):
    database, metadata = exported
    query_string = "&".join(f"{key}={value}" for key, value in params.items())
    result = get_json(database, metadata, f"/zitate/{query}.json?_shape=objects&{query_string}")
    return result["rows"]


def test_canned_query_disputed_claims_with_verdict_and_evidence(exported):
    rows = canned(exported, "disputed_claims")
    assert [(r["text"], r["outlet"], r["verdict"], json.loads(r["evidence"]), r["reviewer"]) for r in rows] == [
        (CLAIM, "taz", "falsch", ["https://destatis.example/renten"], "anna")
    ]  # the disputed scare quote is no claim


def test_canned_query_claims_by_speaker(exported):
    assert [(r["speaker"], r["text"]) for r in canned(exported, "claims_by_speaker", speaker="Merz")] == [
        ("Friedrich Merz", "die Schuldenbremse bleibe „unangetastet“")
    ]  # not its fragment „unangetastet“
    assert [r["outlet"] for r in canned(exported, "claims_by_speaker", speaker="Scholz")] == ["Der Spiegel", "taz", "Die Zeit"]


def test_canned_query_claims_in_more_than_n_articles(exported):
    rows = canned(exported, "repeated_claims", more_than_articles=2)
    assert [(r["canonical_text"].rstrip("."), r["articles"], r["outlets"], r["speakers"], r["verified"], r["disputed"])
            for r in rows] == [(CLAIM, 3, 3, "Olaf Scholz", 1, 1)]
    assert canned(exported, "repeated_claims", more_than_articles=3) == []


def test_canned_query_reviews_by_reviewer_and_day(exported):
    rows = canned(exported, "reviews_by_reviewer_and_day", reviewer="")
    by_reviewer = {r["reviewer"]: (r["quotations"], r["verified"], r["disputed"], r["verdicts"]) for r in rows}
    assert by_reviewer == {"anna": (2, 0, 2, 1), "ben": (1, 1, 0, 0)}
    assert {r["reviewer"] for r in canned(exported, "reviews_by_reviewer_and_day", reviewer="ben")} == {"ben"}


def test_every_table_and_column_is_described(exported):
    """The metadata describes the schema as it is: a new table or column needs its line in datasette.py."""
    database, _ = exported
    db = sqlite_utils.Database(database)
    tables = datasette_metadata.TABLES
    for name in [*db.table_names(), *db.view_names()]:
        if name.endswith("_fts") or "_fts_" in name or name.startswith("sqlite_"):  # SQLite's own (sqlite_sequence)
            continue
        assert name in tables, f"describe table {name} in factcheck/export/datasette.py"
        missing = {c.name for c in db[name].columns} - set(tables[name]["columns"])
        assert not missing, f"describe {name}.{sorted(missing)} in factcheck/export/datasette.py"


def test_database_page_lists_the_queries_and_links_to_the_claims(exported):
    database, metadata = exported
    page = get_json(database, metadata, "/zitate.json")
    assert {"disputed_claims", "claims_by_speaker", "repeated_claims", "reviews_by_reviewer_and_day"} <= {
        q["name"] for q in page["queries"]}
    for start in ("/", "/zitate"):
        links = re.findall(r'href="([^"]*quotes_view\?[^"]*)"', get(database, metadata, start).text)
        assert len(links) == 1, links
        target = urllib.parse.urljoin(f"http://localhost{start}", html.unescape(links[0]))
        path, query = urllib.parse.urlsplit(target)[2:4]
        claims = get_json(database, metadata, f"{path}.json?{query}")
        assert claims["filtered_table_rows_count"] == 4  # everything but the scare quote and the fragment


def test_database_names_are_encoded_as_datasette_encodes_them():
    from datasette.utils import tilde_encode

    for name in ["zitate", "zitate 2024.11", "Prüfung~alt", "a/b"]:
        assert datasette_metadata.tilde_encode(name) == tilde_encode(name)


def test_datasette_metadata_command_for_the_live_database(desk_db, tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(desk_db), "datasette-metadata"])
    assert result.exit_code == 0, result.output
    metadata = tmp_path / "desk.metadata.json"
    assert result.stderr.strip().endswith(f"datasette {desk_db} -m {metadata}")
    rows = get_json(desk_db, metadata, "/desk/disputed_claims.json?_shape=objects")["rows"]
    assert [r["outlet"] for r in rows] == ["taz"]
    stdout = CliRunner().invoke(cli, ["--db", str(desk_db), "datasette-metadata", "-o", "-"])
    assert json.loads(stdout.stdout)["databases"].keys() == {"desk"}


def test_datasette_metadata_needs_a_database(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "datasette-metadata"])
    assert result.exit_code == 1 and "no database at" in result.output
    assert not (tmp_path / "none.db").exists()


def test_export_metadata_option(desk_db, tmp_path):
    out, metadata = tmp_path / "x.db", tmp_path / "meta" / "m.json"
    metadata.parent.mkdir()
    result = CliRunner().invoke(cli, ["--db", str(desk_db), "export", "sqlite", "-o", str(out), "--metadata", str(metadata)])
    assert result.exit_code == 0, result.output
    assert json.loads(metadata.read_text())["databases"].keys() == {"x"}
    assert not (tmp_path / "x.metadata.json").exists()
    wrong = CliRunner().invoke(cli, ["--db", str(desk_db), "export", "jsonl", "--metadata", str(metadata)])
    assert wrong.exit_code == 2 and "--metadata goes with a sqlite export" in wrong.output
