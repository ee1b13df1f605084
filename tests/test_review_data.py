"""The review UI's database work (factcheck.review.data) and literal text, without the UI."""

from __future__ import annotations

import pytest

from factcheck.review.data import article_claims, known_speakers, paragraph_bounds, quote_detail, wording_diff
from factcheck.review.literal import literal, literal_str



@pytest.fixture
def db(review_database):
    return review_database


def ids(rows):
    return [row["quote_id"] for row in rows]


def test_detail_has_paragraph_spans_appearances_and_suggestions(db):
    detail = quote_detail(db, "q1")
    paragraph = detail["paragraph"]
    assert paragraph == "Scholz sagte: „Die Renten sind sicher.“ Das sei klar."
    quote, speaker, cue = (detail["spans"][k] for k in ("quote", "speaker", "cue"))
    assert paragraph[slice(*quote)] == "Die Renten sind sicher."
    assert paragraph[slice(*speaker)] == "Scholz" and paragraph[slice(*cue)] == "sagte"
    assert [(a["quote_id"], a["title"]) for a in detail["appearances"]] == [("q4", "Rentendebatte")]
    assert [(s["other_quote_id"], s["score"]) for s in detail["suggestions"]] == [("q3", 0.81)]
    assert detail["review"]["status"] == "unreviewed" and detail["history"] == []
    assert quote_detail(db, "nope") is None


def test_paragraph_bounds_are_limited():
    text = "a" * 10_000 + "\n" + "b" * 50 + "QUOTE" + "c" * 10_000
    begin, end = paragraph_bounds(text, (10_051, 10_056))
    assert begin == 10_001 and end - begin <= 2000 and text[begin:end].count("QUOTE") == 1


def test_wording_diff_ignores_case_and_punctuation():
    assert wording_diff("Die Renten sind sicher.", "die Renten sind sicher") == [("same", "die Renten sind sicher")]
    assert wording_diff("Die Renten sind sicher.", "Die Renten sind nicht sicher.") == [
        ("same", "Die Renten sind"), ("added", "nicht"), ("same", "sicher.")]
    assert wording_diff("wir schaffen das", "wir das") == [("same", "wir"), ("removed", "schaffen"), ("same", "das")]


def test_detail_highlights_the_verbatim_fragments_of_a_claim(db):
    """A fragment (part_of) is no row of its own: its claim's detail shows it, and its own detail names the claim."""
    db.execute("UPDATE quotes SET kind = 'indirect' WHERE id = 'q1'")
    db.execute('INSERT INTO quotes(id, article_id, start, "end", text, kind, extractor_version, part_of) '
               "SELECT 'q5', article_id, start + 4, start + 10, 'Renten', 'partial', 'test', 'q1' FROM quotes WHERE id = 'q1'")
    db.conn.commit()
    detail = quote_detail(db, "q1")
    assert [p["text"] for p in detail["parts"]] == ["Renten"]
    (begin, end), = detail["spans"]["parts"]
    assert detail["paragraph"][begin:end] == "Renten"
    fragment = quote_detail(db, "q5")
    assert fragment["claim"]["quote_id"] == "q1"
    begin, end = fragment["spans"]["claim"]
    assert fragment["paragraph"][begin:end] == "Die Renten sind sicher."
    claims = article_claims(db, "a1")
    assert [(c["quote_id"], c["part_of"]) for c in claims["claims"]] == [("q1", None), ("q5", "q1"), ("q2", None)]


def test_known_speakers(db):
    assert known_speakers(db) == [("Olaf Scholz", "person"), ("Friedrich Merz", "person")]
    assert known_speakers(db, "merz") == [("Friedrich Merz", "person")]
    assert known_speakers(db, "%") == []


def test_literal_text_never_reaches_the_terminal_as_control():
    raw = "[bold]x[/bold] \x1b[31mrot\x1b[0m\tTab\r\x07\x9b\u202eevil\nnext"
    shown = literal_str(raw)
    assert len(shown) == len(raw)  # offsets stay valid for highlighting
    assert shown == "[bold]x[/bold] ␛[31mrot␛[0m Tab␍␇\ufffd\ufffdevil\nnext"
    assert literal_str(raw, single_line=True).endswith("evil next")
    text = literal(raw)
    assert text.plain == shown and not text.spans  # markup not parsed into styles
    assert all(ord(c) >= 0x20 or c == "\n" for c in shown)


def test_every_text_is_in_both_languages_with_the_same_placeholders():
    import string

    from factcheck.review.i18n import TEXTS
    from factcheck.review.keys import KEYS, text_key

    def fields(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, (english, german) in TEXTS.items():
        assert (bool(english), bool(german)) == (bool(english), bool(english)), key
        assert fields(english) == fields(german), key
    for key in KEYS:  # every key has its footer text and its help
        assert f"key.{text_key(key.action)}" in TEXTS and f"help.{text_key(key.action)}" in TEXTS, key.action
