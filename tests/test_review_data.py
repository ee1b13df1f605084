"""The review UI's database work (factcheck.review.data) and literal text, without the UI."""

from __future__ import annotations

import pytest

from factcheck.review.data import (
    QueueQuery,
    correct,
    decide,
    known_speakers,
    paragraph_bounds,
    queue_counts,
    queue_page,
    quote_detail,
    undo,
    wording_diff,
)
from factcheck.review.literal import literal, literal_str
from factcheck.store import QuoteFilter, StaleReview, get_review, history, open_db
from factcheck.store.reviews import update_reviews

from test_review_app import build_review_db


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "review.db"
    build_review_db(path)
    database = open_db(path)
    yield database
    database.close()


def ids(rows):
    return [row["quote_id"] for row in rows]


def test_queue_orders_modes_and_filters(db):
    assert ids(queue_page(db, QueueQuery(), 0, 10)) == ["q4", "q3", "q2", "q1"]
    assert ids(queue_page(db, QueueQuery(), 1, 2)) == ["q3", "q2"]
    assert ids(queue_page(db, QueueQuery(sort="lowest confidence"), 0, 10)) == ["q2", "q4", "q3", "q1"]
    # clustered first (cluster 1: q1, q4, newest first), then the rest, newest first; pages join up
    by_appearances = QueueQuery(sort="most appearances")
    assert ids(queue_page(db, by_appearances, 0, 10)) == ["q4", "q1", "q3", "q2"]
    assert ids(queue_page(db, by_appearances, 0, 1) + queue_page(db, by_appearances, 1, 2)
               + queue_page(db, by_appearances, 3, 2)) == ["q4", "q1", "q3", "q2"]
    clusters = QueueQuery(mode="clusters")
    assert [(r["quote_id"], r["appearances"]) for r in queue_page(db, clusters, 0, 10)] == [("q1", 2)]
    search = QueueQuery(QuoteFilter(search="renten sicher", speaker="scholz"))
    assert ids(queue_page(db, search, 0, 10)) == ["q4", "q1"]
    assert queue_counts(db, search) == (2, 0)


def test_counts_follow_decisions(db):
    decide(db, {"q1": 0, "q3": 0}, reviewer="anna", status="verified")
    assert queue_counts(db, QueueQuery()) == (4, 2)
    assert queue_counts(db, QueueQuery(QuoteFilter(only_unreviewed=True))) == (2, 0)


def test_detail_has_paragraph_spans_appearances_and_suggestions(db):
    detail = quote_detail(db, "q1")
    paragraph = detail["paragraph"]
    assert paragraph == "Scholz sagte: „Die Renten sind sicher.“ Das sei klar."
    quote, speaker, cue = (detail["spans"][k] for k in ("quote", "speaker", "cue"))
    assert paragraph[slice(*quote)] == "Die Renten sind sicher."
    assert paragraph[slice(*speaker)] == "Scholz" and paragraph[slice(*cue)] == "sagte"
    assert [(a["quote_id"], a["article"]) for a in detail["appearances"]] == [("q4", "Rentendebatte")]
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


def test_decide_is_all_or_nothing_and_undo_is_audited(db):
    first = decide(db, {"q1": 0}, reviewer="anna", status="verified", verdict="richtig")
    assert first.versions == {"q1": 1} and first.before == {"q1": {"status": "unreviewed", "verdict": None}}
    with pytest.raises(StaleReview) as stale:  # q1 is at version 1 now: the whole batch is refused
        decide(db, {"q4": 0, "q1": 0}, reviewer="bert", status="disputed")
    assert stale.value.current["reviewer"] == "anna"
    assert get_review(db, "q4")["version"] == 0
    with pytest.raises(StaleReview):
        update_reviews(db, {"q4": 0, "q1": 0}, reviewer="bert", status="disputed")
    assert get_review(db, "q4")["version"] == 0

    undone = undo(db, first, reviewer="anna")
    review = get_review(db, "q1")
    assert (review["status"], review["verdict"], review["version"]) == ("unreviewed", None, 2)
    assert [(e["field"], e["new_value"]) for e in history(db, "q1")] == [
        ("status", "verified"), ("verdict", "richtig"), ("status", "unreviewed"), ("verdict", None)]
    decide(db, {"q1": 2}, reviewer="bert", status="disputed")
    with pytest.raises(StaleReview):  # bert wrote after the undo: redoing it would overwrite bert
        undo(db, undone, reviewer="anna")


def test_corrections_and_their_undo(db):
    decision = correct(db, "q2", reviewer="anna", speaker="Friedrich Merz", speaker_type="person")
    assert decision.before == {"q2": {"speaker": None, "speaker_type": None}}
    assert quote_detail(db, "q2")["speaker"] == "Friedrich Merz"
    correct(db, "q2", reviewer="anna", kind="scare")
    assert quote_detail(db, "q2")["kind"] == "scare"
    undo(db, decision, reviewer="anna")
    assert quote_detail(db, "q2")["speaker"] is None
    with pytest.raises(ValueError):
        correct(db, "q2", reviewer="anna", kind="poem")


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
