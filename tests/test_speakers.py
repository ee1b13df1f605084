"""One speaker under many spellings: transliteration variants merged, with safeguards, and undoable."""

import pytest
from click.testing import CliRunner

from factcheck import match
from factcheck.cli import cli
from factcheck.match.names import parse_name, translit_key
from factcheck.match.speakers import list_merges, merge_variants
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
    keys = [parse_name(n) for n in ("Joe Biden", "Hunter Biden", "Dmitri Peskow", "Dmytro Kuleba", "Olaf Scholz")]
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


# --------------------------------------------------------------------------- names across articles

def test_titles_middle_initials_and_hyphenated_first_names_merge(fresh_db):
    title = reported(fresh_db, "a", "Die Zinsen werden bis zum Sommer nicht sinken.", "Prof. Dr. Hans-Peter Ebner")
    initial = reported(fresh_db, "b", "Der Wohnungsmarkt in München bleibt angespannt.", "Hans P. Ebner")
    hyphen = reported(fresh_db, "c", "Die Mieten steigen schneller als die Löhne.", "Hans-Peter Ebner")
    spaced = reported(fresh_db, "d", "Die Bauzinsen haben sich verdoppelt.", "Hans Peter Ebner")
    match.run(fresh_db)
    shown = speakers_of(fresh_db)
    assert shown[title] == shown[initial] == shown[hyphen] == shown[spaced]


@pytest.mark.parametrize("a, b", [
    ("Franz Josef Strauß", "Franz Josef Strauss"),
    ("Konstantin Tschernenko", "Konstantin Chernenko"),
    ("Gerhard Schröder", "Gerhard Schroeder"),
    ("Michail Gorbatschow", "Mikhail Gorbachev"),
])
def test_sharp_s_umlauts_and_transliterations_merge(fresh_db, a, b):
    first = reported(fresh_db, "a", "Die Verhandlungen sind gescheitert.", a)
    second = reported(fresh_db, "b", "Wir haben ein gutes Ergebnis erzielt.", b)
    match.run(fresh_db)
    shown = speakers_of(fresh_db)
    assert shown[first] == shown[second]


@pytest.mark.parametrize("a, b", [
    ("Jorinde Meier", "Jorinde Meyer"),
    ("Lutz Hofmann", "Lutz Hoffmann"),
    ("Ebba Kuhn", "Ebba Kühn"),
    ("Wendelin Wolf", "Wendelin Wolff"),
    ("Gunnar Schulz", "Gunnar Schultz"),
])
def test_german_family_names_spelled_differently_are_different_people(fresh_db, a, b):
    """Transliteration folds (y/i, doubled letters, tz/z, dropped dots) are for names from other scripts: a
    German family name has one spelling, Meier and Meyer are two families."""
    first = reported(fresh_db, "a", "Die Verhandlungen sind gescheitert.", a)
    second = reported(fresh_db, "b", "Wir haben ein gutes Ergebnis erzielt.", b)
    assert match.run(fresh_db).speaker_merges == []
    shown = speakers_of(fresh_db)
    assert (shown[first], shown[second]) == (a, b)


def test_a_surname_alone_joins_the_family_name_its_article_spells(fresh_db):
    meier = reported(fresh_db, "a", "Die Verhandlungen sind gescheitert.", "Jorinde Meier")
    meyer = reported(fresh_db, "b", "Wir haben ein gutes Ergebnis erzielt.", "Jorinde Meyer")
    add_article(fresh_db, "c", "Landrätin Jorinde Meyer eröffnete die Brücke. Meyer sagte, sie sei stolz.")
    bare = add_quote(fresh_db, "c", "Ich bin stolz auf diese Brücke.", "Meyer")
    match.run(fresh_db)
    shown = speakers_of(fresh_db)
    assert (shown[meier], shown[meyer], shown[bare]) == ("Jorinde Meier", "Jorinde Meyer", "Jorinde Meyer")


def test_different_first_names_with_one_surname_stay_apart(fresh_db):
    """A mother and her daughter, two mayors Schulz: and a bare "Schulz" where both are named."""
    mother = reported(fresh_db, "a", "Der Stadtrat hat die Schule im Stich gelassen.", "Karin Schulz")
    daughter = reported(fresh_db, "b", "Ich werde die Firma meiner Mutter weiterführen.", "Lena Schulz")
    mayor = reported(fresh_db, "c", "Der Haushalt für 2025 ist ausgeglichen.", "Bürgermeister Peter Schulz")
    other_mayor = reported(fresh_db, "d", "Unsere Stadt baut drei neue Kitas.", "Bürgermeister Thomas Schulz")
    add_article(fresh_db, "e", "Karin Schulz und ihre Tochter Lena Schulz führen den Betrieb. Schulz sagte, es gehe gut.")
    bare = add_quote(fresh_db, "e", "Es geht uns gut.", "Schulz")
    report = match.run(fresh_db)
    assert report.speaker_merges == []
    shown = speakers_of(fresh_db)
    assert len({shown[q] for q in (mother, daughter, mayor, other_mayor, bare)}) == 5


def test_a_surname_alone_quoted_where_no_one_of_that_name_is_named_stays_apart(fresh_db):
    """„Ramelow“ in an article naming Petra Ramelow and in one naming no Ramelow: the second may be Hendrik
    Ramelow, so the one article does not decide for all."""
    petra = reported(fresh_db, "a", "Die Brücke wird gebaut.", "Petra Ramelow")
    add_article(fresh_db, "b", "Die Ökonomin Petra Ramelow war da. Ramelow sagte, die Zahl sei falsch.")
    named = add_quote(fresh_db, "b", "Die Zahl ist falsch.", "Ramelow")
    add_article(fresh_db, "c", "Ramelow sagte, der Haushalt sei solide.")
    unnamed = add_quote(fresh_db, "c", "Der Haushalt ist solide.", "Ramelow")
    assert match.run(fresh_db).speaker_merges == []
    shown = speakers_of(fresh_db)
    assert (shown[petra], shown[named], shown[unnamed]) == ("Petra Ramelow", "Ramelow", "Ramelow")


def test_a_surname_alone_joins_the_one_person_written_after_the_same_role(fresh_db):
    """„Oberbürgermeisterin Sandner“ in one article, „Oberbürgermeisterin Ulrike Sandner“ in another: one person,
    unless two people of that surname carry the role (two mayors Schulz), or only another role names her."""
    add_article(fresh_db, "a", "Oberbürgermeisterin Ulrike Sandner (CDU) verteidigte den Haushalt. Sandner sagte, er sei solide.")
    full = add_quote(fresh_db, "a", "Dieser Haushalt ist solide.", "Ulrike Sandner")
    reported(fresh_db, "b", "Wir bauen eine Brücke.", "Jana Sandner")  # another Sandner, no role
    add_article(fresh_db, "c", "„Wir erhöhen keine Gebühren“, sagte Oberbürgermeisterin Sandner am Abend.")
    bare = add_quote(fresh_db, "c", "Wir erhöhen keine Gebühren", "Sandner")
    for article, text, name in (("d", "Bürgermeister Peter Schulz eröffnete.", "Peter Schulz"),
                                ("e", "Bürgermeister Thomas Schulz eröffnete.", "Thomas Schulz"),
                                ("f", "„Die Kitas kommen“, sagte Bürgermeister Schulz.", "Schulz"),
                                ("g", "„Die Lage ist ernst“, sagte Landrätin Mahler.", "Mahler"),
                                ("h", "Ministerin Eva Mahler eröffnete.", "Eva Mahler")):
        add_article(fresh_db, article, text)
        add_quote(fresh_db, article, text, name)
    merges = match.run(fresh_db).speaker_merges
    assert [(m["speaker"], m["into"]) for m in merges] == [("Sandner", "Ulrike Sandner")]
    assert speakers_of(fresh_db)[bare] == speakers_of(fresh_db)[full] == "Ulrike Sandner"


def test_a_role_left_in_a_name_is_no_first_name(fresh_db):
    christian = reported(fresh_db, "a", "Die Inflation sinkt im nächsten Jahr.", "Ökonomin Christian Lauterbach")
    carsten = reported(fresh_db, "b", "Die Inflation bleibt hoch.", "Ökonomin Carsten Lauterbach")
    plain = reported(fresh_db, "c", "Der Euro ist stabil.", "Christian Lauterbach")
    match.run(fresh_db)
    shown = speakers_of(fresh_db)
    assert shown[christian] != shown[carsten]
    assert shown[christian] == shown[plain]


def test_a_city_is_not_merged_into_a_club(fresh_db):
    club = reported(fresh_db, "a", "Wir wollen die Meisterschaft gewinnen.", "Bayern München")
    add_article(fresh_db, "b", "Der FC Bayern München spielt am Samstag. München teilte mit, die Straßen würden gesperrt.")
    city = add_quote(fresh_db, "b", "Die Straßen werden gesperrt.", "München")
    match.run(fresh_db)
    shown = speakers_of(fresh_db)
    assert (shown[club], shown[city]) == ("Bayern München", "München")


def test_less_written_out_names_join_only_the_one_fuller_name_they_fit(fresh_db):
    hyphen = reported(fresh_db, "a", "Die Bahn muss pünktlicher werden.", "Hans-Peter Ebner")
    first_half = reported(fresh_db, "b", "Die Brücke wird saniert.", "Hans Ebner")  # Hans is not Hans-Peter
    match.run(fresh_db)
    assert speakers_of(fresh_db)[first_half] == "Hans Ebner"
    reported(fresh_db, "c", "Der Tunnel wird teurer.", "Hans K. Ebner")
    reported(fresh_db, "d", "Der Bahnhof wird neu gebaut.", "Hans M. Ebner")
    match.run(fresh_db)  # two fuller names fit "Hans Ebner": no merge
    shown = speakers_of(fresh_db)
    assert (shown[hyphen], shown[first_half]) == ("Hans-Peter Ebner", "Hans Ebner")


def test_middle_name_left_out_joins_the_one_name_it_fits(fresh_db):
    full = reported(fresh_db, "a", "Die Wahl ist entschieden.", "Angela Dorothea Kasner")
    short = reported(fresh_db, "b", "Wir schaffen das.", "Angela Kasner")
    match.run(fresh_db)
    shown = speakers_of(fresh_db)
    assert shown[full] == shown[short] == "Angela Dorothea Kasner"


# --------------------------------------------------------------------------- costs follow the new work

def statements(db, run):
    seen = []
    db.conn.set_trace_callback(seen.append)
    try:
        run()
    finally:
        db.conn.set_trace_callback(None)
    return seen


def test_nothing_new_reads_no_quotation_and_no_article(fresh_db):
    reported(fresh_db, "a", "Russland wird für alle Verbrechen bezahlen müssen.", "Volodymyr Selenskyj")
    reported(fresh_db, "b", "Die Ukraine wird sich verteidigen, solange es nötig ist.", "Zelensky")
    match.run(fresh_db)
    seen = statements(fresh_db, lambda: merge_variants(fresh_db, []))
    assert len(seen) <= 2 and not any("quotes" in s or "articles" in s for s in seen)


def test_one_new_article_reads_its_own_text_only(fresh_db):
    for k in range(20):
        reported(fresh_db, f"old{k}", f"Die Lage im Bezirk {k} ist ruhig.", f"Anna Berg{k}")
    match.run(fresh_db)
    add_article(fresh_db, "new", "Wolodymyr Selenskyj sprach in Kiew. Selenskyj sagte, die Lage sei ernst.")
    new = [add_quote(fresh_db, "new", "Die Lage ist ernst.", "Selenskyj"),
           add_quote(fresh_db, "new", "Wir verteidigen uns.", "Wolodymyr Selenskyj")]
    seen = statements(fresh_db, lambda: merge_variants(fresh_db, new))
    assert sum("FROM articles" in s for s in seen) == 1
    assert speakers_of(fresh_db)[new[0]] == "Wolodymyr Selenskyj"


def test_context_is_kept_for_a_person_quoted_later(fresh_db):
    """The article naming the full name was matched before anyone quoted that person by full name."""
    add_article(fresh_db, "a", "Kanzlerkandidat Friedrich Merz besuchte Kiel. Merz sagte, er sei zuversichtlich.")
    short = add_quote(fresh_db, "a", "Ich bin zuversichtlich.", "Merz")
    match.run(fresh_db)
    full = reported(fresh_db, "b", "Die Union wird die Wahl gewinnen.", "Friedrich Merz")
    match.run(fresh_db)
    shown = speakers_of(fresh_db)
    assert shown[short] == shown[full] == "Friedrich Merz"


def test_context_naming_two_people_stays_ambiguous_in_later_runs(fresh_db):
    reported(fresh_db, "a", "Wir stehen fest an der Seite der Ukraine.", "Joe Biden")
    reported(fresh_db, "b", "Ich habe nichts mit den Geschäften zu tun.", "Hunter Biden")
    add_article(fresh_db, "c", "Joe Biden und sein Sohn Hunter Biden äußerten sich. Biden sagte, alles sei gut.")
    bare = add_quote(fresh_db, "c", "Alles ist gut und bleibt so.", "Biden")
    match.run(fresh_db)
    add_article(fresh_db, "d", "Präsident Joe Biden reiste nach Kiew. Biden sagte, die Hilfe gehe weiter.")
    add_quote(fresh_db, "d", "Die Hilfe geht weiter.", "Biden")
    assert match.run(fresh_db).speaker_merges == []
    assert speakers_of(fresh_db)[bare] == "Biden"


def test_changed_name_rules_remake_the_keys_once(fresh_db):
    a = reported(fresh_db, "a", "Russland wird für alle Verbrechen bezahlen müssen.", "Volodymyr Selenskyj")
    b = reported(fresh_db, "b", "Die Ukraine wird sich verteidigen, solange es nötig ist.", "Wolodymyr Selenskyj")
    with fresh_db.conn:
        fresh_db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('match.speaker_keys', 'old rules')")
        fresh_db.execute("UPDATE speakers SET surname_key = 'stale'")
    assert len(merge_variants(fresh_db, [])) == 1
    assert speakers_of(fresh_db)[a] == speakers_of(fresh_db)[b]


def test_new_rules_withdraw_the_automatic_merges_they_no_longer_make(fresh_db):
    """A database matched by older rules (which merged Meier into Meyer) is put right by the first run of the
    new ones; the merges they make again keep their ids, a reviewer's undo stays."""
    right = [reported(fresh_db, "a", "Russland wird für alle Verbrechen bezahlen müssen.", "Volodymyr Selenskyj"),
             reported(fresh_db, "b", "Die Ukraine wird sich verteidigen, solange es nötig ist.", "Wolodymyr Selenskyj")]
    meier = reported(fresh_db, "c", "Die Verhandlungen sind gescheitert.", "Jorinde Meier")
    meyer = reported(fresh_db, "d", "Wir haben ein gutes Ergebnis erzielt.", "Jorinde Meyer")
    [kept] = match.run(fresh_db).speaker_merges
    ids = {row["name"]: row["id"] for row in fresh_db["speakers"].rows}
    with fresh_db.conn:  # what older rules made
        wrong = fresh_db.execute("INSERT INTO speaker_merges(speaker_id, into_id, reason, status, created_at) "
                                 "VALUES (?, ?, 'same name, spelled differently', 'auto', '2024-01-01')",
                                 [ids["Jorinde Meier"], ids["Jorinde Meyer"]]).lastrowid
        fresh_db.execute("UPDATE speakers SET merged_into = ? WHERE id = ?", [ids["Jorinde Meyer"], ids["Jorinde Meier"]])
        fresh_db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('match.speaker_keys', 'older rules')")
    assert speakers_of(fresh_db)[meier] == "Jorinde Meyer"
    assert merge_variants(fresh_db, []) == []  # nothing new: the right merge is made again, the wrong one not
    shown = speakers_of(fresh_db)
    assert (shown[meier], shown[meyer]) == ("Jorinde Meier", "Jorinde Meyer")
    assert shown[right[0]] == shown[right[1]]
    assert [m["id"] for m in list_merges(fresh_db)] == [kept["id"]]
    event = fresh_db.execute("SELECT old_value, new_value FROM review_events ORDER BY id DESC LIMIT 1").fetchone()
    assert f'"merge": {wrong}' in event[0] and event[1] == "withdrawn"
    match.undo_speaker_merge(fresh_db, kept["id"], reviewer="anna")
    assert match.run(fresh_db, everything=True).speaker_merges == []
    assert speakers_of(fresh_db)[right[1]] == "Wolodymyr Selenskyj"


def test_one_given_name_in_two_languages_merges(fresh_db):
    ukrainian = reported(fresh_db, "a", "Russland hat 47 Drohnen abgefeuert.", "Dmytro Tschernenko")
    english = reported(fresh_db, "b", "Wir brauchen sofort mehr Luftabwehr.", "Dmitry Chernenko")
    other = reported(fresh_db, "c", "Millionen Menschen werden frieren.", "Olena Tschernenko")
    match.run(fresh_db)
    shown = speakers_of(fresh_db)
    assert shown[ukrainian] == shown[english] != shown[other]


def test_the_article_outweighs_a_cluster_shared_with_another_person(fresh_db):
    """A claim repeated by another person of that surname is no evidence against the article's own naming."""
    claim = "Ohne Hilfe werden Millionen Menschen im Winter frieren und die Städte werden dunkel sein."
    full = reported(fresh_db, "a", "Russland hat in dieser Nacht 47 Drohnen abgefeuert.", "Dmytro Tschernenko")
    reported(fresh_db, "b", claim, "Olena Tschernenko")
    add_article(fresh_db, "c", "Dmytro Tschernenko hat nicht geschlafen. Tschernenko sagte, Millionen würden frieren.")
    short = add_quote(fresh_db, "c", claim, "Tschernenko")
    match.run(fresh_db)
    shown = speakers_of(fresh_db)
    assert shown[short] == shown[full] == "Dmytro Tschernenko"


def test_a_role_of_someone_is_not_that_person(fresh_db):
    owner = reported(fresh_db, "a", "Die Regierung hat versagt.", "Julia Timoschenko")
    add_article(fresh_db, "b", "Julia Timoschenko war nicht da. Ihr Exstellvertreter von Timoschenko sagte, es gehe gut.")
    deputy = add_quote(fresh_db, "b", "Es geht gut.", "Exstellvertreter von Timoschenko")
    match.run(fresh_db)
    assert speakers_of(fresh_db)[deputy] != speakers_of(fresh_db)[owner]


def test_articles_read_by_worker_processes_give_the_same_context_and_merges(tmp_path, monkeypatch):
    """`workers` > 1: the articles of the speakers named without a first name are read in forked processes, for
    the same context and the same merges."""
    from factcheck.match import speakers

    def build(path):
        db = open_db(path)
        add_article(db, "seed000", SEED_000)
        add_quote(db, "seed000", "einschließlich fortschrittlicher Luftverteidigungssysteme", "Volodymyr Selenskyj")
        add_quote(db, "seed000", "Wir werden uns weiter verteidigen und nicht aufgeben.", "Zelensky")
        add_quote(db, "seed000", "vollständige Demontage", "Dmitri Medwedew")
        add_quote(db, "seed000", MEDWEDEW, "Medwedew")
        add_article(db, "c", "„Wir erhöhen keine Gebühren“, sagte Oberbürgermeisterin Sandner am Abend.")
        add_quote(db, "c", "Wir erhöhen keine Gebühren", "Sandner")
        add_article(db, "a", "Oberbürgermeisterin Ulrike Sandner (CDU) verteidigte den Haushalt.")
        add_quote(db, "a", "Dieser Haushalt ist solide.", "Ulrike Sandner")
        return db

    def outcome(db, workers):
        merges = [(m["speaker"], m["into"]) for m in match.run(db, workers=workers).speaker_merges]
        return merges, sorted(db.execute("SELECT speaker_id, given, other_id FROM speaker_context").fetchall())

    here = outcome(build(tmp_path / "here.db"), 1)
    calls, real_map = [], speakers.forked.forked_map
    monkeypatch.setattr(speakers, "_PARALLEL_MIN_ARTICLES", 1)
    monkeypatch.setattr(speakers, "_ARTICLES_PER_JOB", 1)
    monkeypatch.setattr(speakers.forked, "forked_map", lambda f, items, workers: calls.append(len(items)) or real_map(f, items, workers))
    forked = outcome(build(tmp_path / "forked.db"), 2)
    assert calls == [2] and len(here[0]) == 3 and len(here[1]) > 3
    assert forked == here


def test_speaker_ids_of_an_article_write_what_one_lookup_per_quotation_writes(tmp_path):
    from factcheck.store.db import speaker_id, speaker_ids

    wanted = [("Olaf Lang", "person", "Bahnchef Olaf Lang"), ("Polizei", "organization", "Polizei"),
              ("Olaf Lang", "person", "Lang"), ("Anna Berg", "weird type", None), ("Olaf Lang", "person", "Lang"),
              ("Polizei", "unknown", "die Polizei"), ("Anna Berg", "unknown", "Frau Berg")]
    dbs = [open_db(tmp_path / f"{n}.db") for n in range(2)]
    for db in dbs:  # stored before: a variant list out of order is kept as it is unless it grows
        db.execute("INSERT INTO speakers(name, type, variants) VALUES ('Polizei', 'organization', '[\"b\", \"a\"]')")
        db.execute("INSERT INTO speakers(name, type, variants) VALUES ('Olaf Lang', 'person', '[\"Olaf Lang\"]')")
    one_by_one = [speaker_id(dbs[0], name, type, variant=variant) for name, type, variant in wanted]
    assert speaker_ids(dbs[1], wanted) == one_by_one
    rows = [db.execute("SELECT id, name, type, variants FROM speakers ORDER BY id").fetchall() for db in dbs]
    assert rows[0] == rows[1] and len(rows[0]) == 4
