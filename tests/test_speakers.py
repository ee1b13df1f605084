"""One speaker under many spellings: transliteration variants merged, with safeguards, and undoable."""

import pytest
from click.testing import CliRunner

from factcheck import match
from factcheck.cli import cli
from factcheck.match.speakers import name_key, translit_key
from factcheck.store import open_db, select_quotes

from conftest import SEEDS
from test_match import KULEBA, MEDWEDEW, add_article, add_quote, reported

SEED_000 = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize("spellings", [
    ("Selenskyj", "Zelensky", "Selenskij", "Zelenskyy", "Selensky"),
    ("Medwedew", "Medvedev", "Medvedew"),
    ("Wolodymyr", "Volodymyr"),
    ("Dmitri", "Dmitrij", "Dmitry"),
    ("Peskow", "Peskov"),
])
def test_transliteration_variants_share_a_key(spellings):
    assert len({translit_key(s) for s in spellings}) == 1


def test_different_names_keep_different_keys():
    keys = [name_key(n) for n in ("Joe Biden", "Hunter Biden", "Dmitri Peskow", "Dmytro Kuleba", "Olaf Scholz")]
    assert len(set(keys)) == len(keys)


def speakers_of(db):
    return {row["quote_id"]: row["speaker"] for row in select_quotes(db)}


def test_full_name_variants_merge(fresh_db):
    a = reported(fresh_db, "a", "Russland wird für alle Verbrechen bezahlen müssen.", "Volodymyr Selenskyj")
    b = reported(fresh_db, "b", "Die Ukraine wird sich verteidigen, solange es nötig ist.", "Wolodymyr Selenskyj")
    c = reported(fresh_db, "c", "Der ukrainische Staat ist eine Bedrohung für Russland.", "Dmitri Medwedew")
    d = reported(fresh_db, "d", "Das Ziel ist der vollständige Abbau des Regimes.", "Dmitry Medvedev")
    report = match.run(fresh_db)
    assert len(report.speaker_merges) == 2
    shown = speakers_of(fresh_db)
    assert shown[a] == shown[b] and shown[c] == shown[d] and shown[a] != shown[c]


def test_surname_only_merges_with_the_full_name_in_its_article(fresh_db):
    """Seed 000 names Volodymyr Selenskyj and later says Zelensky; Dmitri Medwedew, later Medwedew."""
    add_article(fresh_db, "seed000", SEED_000)
    full = add_quote(fresh_db, "seed000", "einschließlich fortschrittlicher Luftverteidigungssysteme", "Volodymyr Selenskyj")
    short = add_quote(fresh_db, "seed000", "Wir werden uns weiter verteidigen und nicht aufgeben.", "Zelensky")
    medw_full = add_quote(fresh_db, "seed000", "vollständige Demontage", "Dmitri Medwedew")
    medw = add_quote(fresh_db, "seed000", MEDWEDEW, "Medwedew")
    # elsewhere, in an article that does not name him fully: not enough context on its own
    lone = reported(fresh_db, "other", "Die Lage an der Front ist schwierig, aber stabil.", "Selenskij")
    match.run(fresh_db)
    shown = speakers_of(fresh_db)
    assert shown[short] == shown[full] == "Volodymyr Selenskyj"
    assert shown[medw] == shown[medw_full] == "Dmitri Medwedew"
    assert shown[lone] == "Selenskij"


def test_surname_only_merges_through_a_shared_claim(fresh_db):
    full = reported(fresh_db, "a", KULEBA, "Dmytro Kuleba")
    short = reported(fresh_db, "b", f"»{KULEBA}«", "Kuleba")
    match.run(fresh_db)
    shown = speakers_of(fresh_db)
    assert shown[short] == shown[full] == "Dmytro Kuleba"


def test_people_sharing_only_a_surname_are_not_merged(fresh_db):
    joe = reported(fresh_db, "a", "Wir stehen fest an der Seite der Ukraine.", "Joe Biden")
    hunter = reported(fresh_db, "b", "Ich habe nichts mit den Geschäften zu tun.", "Hunter Biden")
    # a surname-only mention in an article naming both is ambiguous
    add_article(fresh_db, "c", "Joe Biden und sein Sohn Hunter Biden äußerten sich. Biden sagte, alles sei gut.")
    ambiguous = add_quote(fresh_db, "c", "Alles ist gut und bleibt so.", "Biden")
    report = match.run(fresh_db)
    assert report.speaker_merges == []
    shown = speakers_of(fresh_db)
    assert (shown[joe], shown[hunter], shown[ambiguous]) == ("Joe Biden", "Hunter Biden", "Biden")


def test_undo_speaker_merge_sticks(fresh_db):
    a = reported(fresh_db, "a", "Russland wird für alle Verbrechen bezahlen müssen.", "Volodymyr Selenskyj")
    b = reported(fresh_db, "b", "Die Ukraine wird sich verteidigen, solange es nötig ist.", "Wolodymyr Selenskyj")
    [merge] = match.run(fresh_db).speaker_merges
    assert speakers_of(fresh_db)[a] == speakers_of(fresh_db)[b]
    match.undo_speaker_merge(fresh_db, merge["id"], reviewer="anna")
    assert speakers_of(fresh_db)[b] == "Wolodymyr Selenskyj"
    assert match.run(fresh_db, everything=True).speaker_merges == []
    assert speakers_of(fresh_db)[b] == "Wolodymyr Selenskyj"
    row = fresh_db["speaker_merges"].get(merge["id"])
    assert (row["status"], row["decided_by"]) == ("undone", "anna")
    event = fresh_db.execute("SELECT reviewer, field, new_value FROM review_events ORDER BY id DESC LIMIT 1").fetchone()
    assert event == ("anna", "speaker_merge", "undone")
    with pytest.raises(ValueError, match="is undone, nothing to undo"):
        match.undo_speaker_merge(fresh_db, merge["id"], reviewer="anna")


def test_speakers_commands(tmp_path):
    path = tmp_path / "s.db"
    db = open_db(path)
    reported(db, "a", "Russland wird für alle Verbrechen bezahlen müssen.", "Volodymyr Selenskyj")
    reported(db, "b", "Die Ukraine wird sich verteidigen, solange es nötig ist.", "Wolodymyr Selenskyj")
    db.close()
    runner = CliRunner()
    assert "1 speaker merges" in runner.invoke(cli, ["--db", str(path), "match"]).output
    listed = runner.invoke(cli, ["--db", str(path), "speakers", "merges"])
    assert listed.exit_code == 0 and "Wolodymyr Selenskyj → Volodymyr Selenskyj" in listed.output
    undone = runner.invoke(cli, ["--db", str(path), "speakers", "undo", "1"])
    assert undone.exit_code == 0 and "undone" in undone.output
    again = runner.invoke(cli, ["--db", str(path), "speakers", "undo", "1"])
    assert again.exit_code == 1 and "Error: speaker merge 1" in again.output and "Traceback" not in again.output
