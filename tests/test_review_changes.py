"""The review UI's writes and their undo / redo (factcheck.review.changes), without the UI."""

from __future__ import annotations

import pytest

from factcheck.review.changes import StaleCluster, confirm, correct, decide, merge, reject, revert, split
from factcheck.store import StaleCorrection, StaleReview, get_review, history



@pytest.fixture
def db(review_database):
    return review_database


def clusters_of(db) -> dict[str, int]:
    return dict(db.execute("SELECT quote_id, cluster_id FROM cluster_members ORDER BY quote_id").fetchall())


def test_a_decision_undone_and_redone(db):
    change = decide(db, {"q1": 0}, reviewer="anna", status="verified", verdict="richtig")
    assert (change.before, change.after) == ({"q1": {"status": "unreviewed", "verdict": None}}, {"q1": 1})
    undone = revert(db, change, reviewer="anna")
    assert (get_review(db, "q1")["status"], get_review(db, "q1")["verdict"]) == ("unreviewed", None)
    redone = revert(db, undone, reviewer="anna")
    assert (get_review(db, "q1")["status"], get_review(db, "q1")["verdict"]) == ("verified", "richtig")
    decide(db, {"q1": redone.after["q1"]}, reviewer="bert", status="disputed")
    with pytest.raises(StaleReview):  # bert wrote after the redo: undoing it would overwrite bert
        revert(db, redone, reviewer="anna")
    assert [e["field"] for e in history(db, "q1")][-1] == "status"


def test_a_cluster_decision_and_a_confirmed_match_undone_in_order(db):
    """Review defect 2: the decision on the cluster, then a confirmed match; z, z undoes the match first."""
    before = clusters_of(db)
    applied = decide(db, {"q1": 0, "q4": 0}, reviewer="anna", status="disputed", verdict="falsch")
    matched = confirm(db, "q1", "q3", reviewer="anna")
    assert clusters_of(db) == {"q1": 1, "q3": 1, "q4": 1}
    revert(db, matched, reviewer="anna")
    assert clusters_of(db) == before
    assert db.execute("SELECT status FROM match_suggestions").fetchone()[0] == "pending"
    assert get_review(db, "q4")["status"] == "disputed"  # the earlier decision is still there
    revert(db, applied, reviewer="anna")
    assert [get_review(db, q)["status"] for q in ("q1", "q4")] == ["unreviewed", "unreviewed"]


def test_reject_split_and_merge_are_undone_exactly(db):
    rejected = reject(db, "q3", "q1", reviewer="anna")
    undone = revert(db, rejected, reviewer="anna")
    assert db.execute("SELECT status FROM match_suggestions").fetchone()[0] == "pending"
    revert(db, undone, reviewer="anna")
    assert db.execute("SELECT status FROM match_suggestions").fetchone()[0] == "rejected"

    separated = split(db, "q4", reviewer="anna")
    assert clusters_of(db) == {} and db.execute("SELECT count(*) FROM clusters").fetchone()[0] == 0
    assert db.execute("SELECT quote_id FROM cluster_splits").fetchall() == [("q4",)]
    revert(db, separated, reviewer="anna")
    assert clusters_of(db) == {"q1": 1, "q4": 1} and db.execute("SELECT count(*) FROM cluster_splits").fetchone()[0] == 0
    assert db.execute("SELECT size, canonical_quote_id FROM clusters").fetchall() == [(2, "q1")]

    db.execute("INSERT INTO clusters(id, canonical_quote_id, canonical_text, size, created_at) VALUES (2, 'q3', 'x', 2, 'now')")
    db.execute("INSERT INTO cluster_members(quote_id, cluster_id, added_at) VALUES ('q3', 2, 'now'), ('q2', 2, 'now')")
    db.conn.commit()
    merged = merge(db, "q1", 1, 2, reviewer="anna")
    assert clusters_of(db) == {"q1": 1, "q2": 1, "q3": 1, "q4": 1}
    revert(db, merged, reviewer="anna")
    assert clusters_of(db) == {"q1": 1, "q2": 2, "q3": 2, "q4": 1}


def test_an_undo_never_overwrites_what_changed_since(db):
    matched = confirm(db, "q1", "q3", reviewer="anna")
    split(db, "q3", reviewer="bert")
    with pytest.raises(StaleCluster):
        revert(db, matched, reviewer="anna")
    assert clusters_of(db) == {"q1": 1, "q4": 1}

    fixed = correct(db, "q2", reviewer="anna", expected={"speaker": None}, speaker="Friedrich Merz",
                    speaker_type="person")
    correct(db, "q2", reviewer="bert", speaker="Olaf Scholz")
    with pytest.raises(StaleCorrection):
        revert(db, fixed, reviewer="anna")
    with pytest.raises(StaleCorrection):  # a correction made on what bert already changed
        correct(db, "q2", reviewer="anna", expected={"speaker": "Friedrich Merz"}, speaker="Annalena Baerbock")


def test_clusters_split_and_merge_commands(db, tmp_path):
    from click.testing import CliRunner

    from factcheck.cli import cli

    path = db.execute("PRAGMA database_list").fetchone()[2]
    run = lambda *args: CliRunner().invoke(cli, ["--db", path, "clusters", *args, "--reviewer", "anna"])  # noqa: E731
    result = run("split", "q4")
    assert result.exit_code == 0 and result.output == "quotation q4 split out of claim cluster 1\n"
    assert clusters_of(db) == {}
    for args, message in ((("split", "q4"), "quotation q4 is in no claim cluster"), (("split", "nope"), "no quotation nope"),
                          (("merge", "1", "2"), "no claim cluster 1")):
        result = run(*args)
        assert (result.exit_code, result.output) == (1, f"Error: {message}\n")
    db.execute("INSERT INTO clusters(id, canonical_text, size, created_at) VALUES (3, 'x', 2, 'now'), (4, 'y', 2, 'now')")
    db.execute("INSERT INTO cluster_members(quote_id, cluster_id, added_at) VALUES "
               "('q1', 3, 'now'), ('q2', 3, 'now'), ('q3', 4, 'now'), ('q4', 4, 'now')")
    db.conn.commit()
    result = run("merge", "4", "3")
    assert result.exit_code == 0 and result.output == "claim clusters 4 and 3 merged into 3 (4 quotations)\n"
    assert set(clusters_of(db).values()) == {3}
    assert [e["field"] for e in history(db, "q3")] == ["cluster"]
