"""Search and the speaker filter (defect 15 of the review issue): phrases, OR, German spellings without umlauts
or ß, no "list everything" for a search without words, merged speaker spellings."""

from __future__ import annotations

import pytest

from factcheck.store import QuoteFilter, fts_query, index_pending, select_quotes

QUOTES = {
    "q1": ("Washington gieße Öl ins Feuer", "Dmitri Peskow"),
    "q2": ("Das war sein größter Fehler", "Wolodymyr Selenskyj"),
    "q3": ("Putin sagte, die Straße bleibt gesperrt", "Wolodymyr Zelensky"),
    "q4": ("Biden sprach von Feuer und Öl", "Joe Biden"),
    "q5": ("Olaf Scholz sprach von Ölpreisen", "Olaf Scholz"),
}


@pytest.fixture
def db(fresh_db):
    with fresh_db.conn:
        fresh_db.execute("INSERT INTO articles(id, content_hash, ingested_at, text) VALUES ('a1', 'a1', 'now', 'x')")
        ids = {}
        for name in dict.fromkeys(speaker for _, speaker in QUOTES.values()):
            ids[name] = fresh_db.execute("INSERT INTO speakers(name, type, variants) VALUES (?, 'person', ?)",
                                         [name, f'["{name}"]']).lastrowid
        # the matcher merged the spelling Zelensky into Selenskyj
        fresh_db.execute("UPDATE speakers SET merged_into = ? WHERE id = ?",
                         [ids["Wolodymyr Selenskyj"], ids["Wolodymyr Zelensky"]])
        for n, (qid, (text, speaker)) in enumerate(QUOTES.items()):
            fresh_db.execute(
                'INSERT INTO quotes(id, article_id, start, "end", text, kind, speaker_id, extractor_version) '
                "VALUES (?, 'a1', ?, ?, ?, 'direct', ?, 't')", [qid, n, n + 1, text, ids[speaker]])
        index_pending(fresh_db)
    return fresh_db


def found(db, **filters) -> list[str]:
    return sorted(row["quote_id"] for row in select_quotes(db, QuoteFilter(**filters)))


def test_phrase_search_needs_the_words_in_that_order(db):
    assert found(db, search='"Feuer Öl"') == []
    assert found(db, search='"Öl ins Feuer"') == ["q1"]
    assert found(db, search="„Öl ins Feuer“") == ["q1"]
    assert found(db, search="Feuer Öl") == ["q1", "q4"]  # words alone: anywhere, any order


def test_or_between_terms(db):
    assert found(db, search="Putin OR Biden") == ["q3", "q4"]
    assert found(db, search="sprach Biden OR Scholz") == ["q4", "q5"]
    assert found(db, search="Feuer -Biden") == ["q1"]


def test_german_spellings_without_umlauts_and_sharp_s(db):
    assert found(db, search="grosster") == ["q2"]
    assert found(db, search="groesster") == ["q2"]
    assert found(db, search="Oel") == ["q1", "q4"]  # „Öl“, not „Olaf“
    assert found(db, search="Oelpreise") == ["q5"]
    assert found(db, search="Strasse") == ["q3"]
    assert found(db, search="Straße") == ["q3"]


@pytest.mark.parametrize("nothing", ['"', "*", '""', "-Feuer", "  "])
def test_a_search_without_words_finds_nothing_instead_of_everything(db, nothing):
    assert fts_query(nothing) == ""
    if nothing.strip():
        assert found(db, search=nothing) == []


def test_user_text_never_becomes_fts_syntax(db):
    for text in ['Feuer" OR x', "NEAR(a b)", "a AND", "(", "x:y", "^a", "Feuer*"]:
        db.execute("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?", [fts_query(text) or '""']).fetchone()
    assert found(db, search="Feuer*") == ["q1", "q4"]


def test_speaker_filter_finds_spellings_merged_into_one_person(db):
    assert found(db, speaker="Zelensky") == ["q2", "q3"]
    assert found(db, speaker="selenskyj") == ["q2", "q3"]
    assert found(db, speaker="Peskow") == ["q1"]


def test_pending_suggestions_filter(db):
    with db.conn:
        db.execute("INSERT INTO match_suggestions(quote_a, quote_b, score, status, created_at) "
                   "VALUES ('q1', 'q4', 80, 'pending', 'now'), ('q2', 'q3', 80, 'rejected', 'now')")
    assert found(db, has_suggestions=True) == ["q1", "q4"]
