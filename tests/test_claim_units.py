"""Claim units: a verbatim fragment quoted inside an indirect or reported claim belongs to that claim.

It is found and stored (with `part_of`, the enclosing claim), but it is no claim of its own: not a row of the
default selection (queue, `quotes`, exports) and no member of a cluster. Scare quotes are stored and hidden
the same way."""

from __future__ import annotations

import sqlite3

from factcheck.match import run as match
from factcheck.nlp import extract
from factcheck.store import Article, QuoteFilter, save_article, select_quotes
from factcheck.store.schema import migrate

CLAIM = "Der Minister Jan Ott sagte, der Plan sei „ein Schritt zurück in die Vergangenheit“. "
OWN_PARTIAL = "Er nannte ihn „einen völlig unsinnigen Vorschlag der Regierung“."
SCARE = " Die sogenannte „Schuldenbremse“ bleibt umstritten."


def test_fragment_inside_a_claim_points_at_it():
    quotations = extract(CLAIM + OWN_PARTIAL)
    kinds = [(q.kind, q.text) for q in quotations]
    claim = kinds.index(("indirect", "der Plan sei „ein Schritt zurück in die Vergangenheit“"))
    fragment = kinds.index(("partial", "ein Schritt zurück in die Vergangenheit"))
    assert quotations[fragment].part_of == claim
    assert quotations[claim].part_of is None
    # a partial quotation that stands in a sentence of its own is a claim itself
    own = kinds.index(("partial", "einen völlig unsinnigen Vorschlag der Regierung"))
    assert quotations[own].part_of is None


def test_only_a_fragment_of_the_same_speaker_is_part_of_the_claim():
    import spacy
    from spacy.tokens import Span

    from factcheck.nlp.components import link_parts

    doc = spacy.blank("de")("Die Ministerin erklärte , die Kritik am „ Desaster “ der Opposition sei falsch .")
    claim, fragment = Span(doc, 3, 14, label="indirect"), Span(doc, 8, 9, label="partial")
    claim._.kind, claim._.speaker, fragment._.kind = "indirect", "Ministerin", "partial"
    fragment._.speaker = "Opposition"
    link_parts([claim, fragment])
    assert fragment._.part_of is None
    fragment._.speaker = "Ministerin"
    link_parts([claim, fragment])
    assert fragment._.part_of == claim


def _store(db, text: str, url: str) -> None:
    save_article(db, Article(text, url=url), extract(text), extractor_version="test")


def test_store_links_the_fragment_and_hides_it_by_default(fresh_db):
    _store(fresh_db, CLAIM + OWN_PARTIAL + SCARE, "https://a.example/1")
    rows = {r["text"]: r for r in select_quotes(fresh_db, QuoteFilter(include_parts=True, kind=()))}
    fragment = rows["ein Schritt zurück in die Vergangenheit"]
    claim = rows["der Plan sei „ein Schritt zurück in die Vergangenheit“"]
    assert fragment["part_of"] == claim["quote_id"]

    shown = {r["text"] for r in select_quotes(fresh_db)}
    assert claim["text"] in shown and "einen völlig unsinnigen Vorschlag der Regierung" in shown
    assert fragment["text"] not in shown and "Schuldenbremse" not in shown
    # asked for, they are there
    assert "Schuldenbremse" in {r["text"] for r in select_quotes(fresh_db, QuoteFilter(kind=("scare",)))}
    assert fragment["text"] in {r["text"] for r in select_quotes(fresh_db, QuoteFilter(include_parts=True))}


def test_a_claim_never_clusters_with_its_own_fragment(fresh_db):
    text = ("Der Minister Jan Ott sagte, die Regierung werde „die Grundsteuer für alle Familien im ganzen Land "
            "deutlich senken“.")
    _store(fresh_db, text, "https://a.example/1")
    report = match(fresh_db)
    assert report.clusters_formed == 0
    assert fresh_db.execute("SELECT count(*) FROM cluster_members").fetchone()[0] == 0
    # the same claim in another article still clusters with the claim (not with the fragment)
    _store(fresh_db, text.replace("Jan Ott", "Jan Ott am Montag"), "https://b.example/2")
    match(fresh_db)
    members = fresh_db.execute(
        "SELECT q.kind FROM cluster_members m JOIN quotes q ON q.id = m.quote_id ORDER BY q.kind"
    ).fetchall()
    assert members == [("indirect",), ("indirect",)]


def test_migration_links_fragments_of_stored_articles(tmp_path):
    conn = sqlite3.connect(tmp_path / "old.db")
    migrate(conn, target=3)
    conn.execute("INSERT INTO articles(id, content_hash, ingested_at, text) VALUES ('a', 'a', 'now', 'x')")
    conn.execute("INSERT INTO speakers(id, name, type) VALUES (1, 'Jan Ott', 'person'), (2, 'Eva Berg', 'person')")
    rows = [
        ("claim", 10, 60, "indirect", 1),
        ("own", 30, 50, "partial", 1),      # inside the claim, same speaker: a fragment of it
        ("other", 52, 58, "partial", 2),    # inside, but someone else's words
        ("alone", 70, 90, "partial", 1),    # outside any claim
    ]
    conn.executemany(
        'INSERT INTO quotes(id, article_id, start, "end", text, kind, speaker_id, extractor_version) '
        "VALUES (?, 'a', ?, ?, ?, ?, ?, 'old')",
        [(qid, start, end, qid, kind, speaker) for qid, start, end, kind, speaker in rows],
    )
    conn.commit()
    migrate(conn)
    assert dict(conn.execute("SELECT id, part_of FROM quotes")) == {
        "claim": None, "own": "claim", "other": None, "alone": None,
    }
    assert conn.execute("SELECT part_of FROM quotes_view WHERE quote_id = 'own'").fetchone() == ("claim",)


def test_exports_list_a_claims_fragments_with_it(tmp_path):
    """jsonl/csv: a field with the claim's verbatim fragments; export sqlite carries the fragments of the
    selected claims, so the exported database is complete."""
    import csv
    import io
    import json

    from factcheck.export import export
    from factcheck.ingest import ingest
    from factcheck.store import QuoteFilter, open_db

    text = ("Berlin. Der Minister sagte, der Plan sei „ein Schritt zurück“ und werde „so nicht kommen“.\n\n"
            "„Wir halten an dem Plan fest“, sagte die Sprecherin der Regierung.")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    db = open_db(tmp_path / "db.sqlite")
    ingest(db, [str(tmp_path / "a.txt")])
    claim = db.execute("SELECT id, text FROM quotes WHERE kind = 'indirect'").fetchone()
    parts = [r[0] for r in db.execute("SELECT text FROM quotes WHERE part_of = ? ORDER BY start", [claim[0]])]
    assert parts == ["ein Schritt zurück", "so nicht kommen"]

    out = io.StringIO()
    from factcheck.export import jsonl
    jsonl.write(db, None, out)
    rows = {r["quote_id"]: r for r in map(json.loads, out.getvalue().splitlines())}
    assert [f["text"] for f in rows[claim[0]]["fragments"]] == parts
    assert all(f["start"] >= 0 and text[f["start"]:f["end"]] == f["text"] for f in rows[claim[0]]["fragments"])
    assert not any(r["part_of"] for r in rows.values())  # fragments are no rows of their own

    export(db, "csv", tmp_path / "out.csv")
    with open(tmp_path / "out.csv", encoding="utf-8", newline="") as f:
        csv_rows = {r["quote_id"]: r for r in csv.DictReader(f)}
    assert [f["text"] for f in json.loads(csv_rows[claim[0]]["fragments"])] == parts

    assert export(db, "sqlite", tmp_path / "out.db", QuoteFilter(kind=("indirect",))) == 1
    exported = open_db(tmp_path / "out.db")
    assert sorted(r[0] for r in exported.execute("SELECT text FROM quotes")) == sorted([claim[1], *parts])
    assert exported.execute("SELECT count(*) FROM quotes WHERE part_of = ?", [claim[0]]).fetchone()[0] == 2
