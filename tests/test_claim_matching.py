"""Matching that knows what a claim is: one test per normal-form rule and per guard, sentence-by-sentence
matching, the canonical text of a cluster, and the labelled set of tests/data/claims."""

from pathlib import Path

import pytest

from factcheck import match
from factcheck.match import core
from factcheck.match.evaluate import evaluate, load_pairs
from factcheck.match.normalize import GAP, claim_form, normalize, units

from test_match import add_article, add_quote, cluster

PAIRS = Path(__file__).parent / "data" / "claims" / "pairs.json"
DEV_PAIRS = Path(__file__).parent / "data" / "claims_dev" / "pairs.json"


def same_form(a: str, b: str) -> bool:
    return normalize(a) == normalize(b)


# --------------------------------------------------------------------------- normal form, one rule each


@pytest.mark.parametrize("a, b", [
    ("„Wir senken die Steuer.“", "»Wir senken die Steuer.«"),                   # quotation marks
    ("'Wir senken die Steuer.'", '"Wir senken die Steuer."'),
    ("WIR SENKEN DIE STEUER", "wir senken die steuer"),                        # case
    ("Die Straße wird gesperrt", "Die Strasse wird gesperrt"),                 # ß / ss (case folding)
    ("Die Schiffahrt ruht", "Die Schiﬀahrt ruht"),                             # Unicode compatibility (ligature)
    ("Es kostet ２０ Euro", "Es kostet 20 Euro"),                               # full-width digits
    ("Die Ganztags-Betreuung kommt", "Die Ganztagsbetreuung kommt"),           # hyphenated compound
    ("Die Grund-\nsteuer sinkt", "Die Grundsteuer sinkt"),                     # hyphenated at a line break
    ("Die Grund\u00adsteuer sinkt", "Die Grundsteuer sinkt"),                  # soft hyphen
    ("Die Steuer – sagt er – sinkt", "Die Steuer - sagt er - sinkt"),          # dashes
    ("Es entstehen 1.800 Stellen", "Es entstehen 1800 Stellen"),               # thousands separators
    ("Es entstehen 1 800 Stellen", "Es entstehen 1800 Stellen"),
    ("Es entstehen 400\u202f000 Stellen", "Es entstehen 400.000 Stellen"),
    ("Die Steuer sinkt um 30 Prozent", "Die Steuer sinkt um 30 %"),            # per cent
    ("Die Steuer sinkt um 30%", "Die Steuer sinkt um 30 Prozent"),
    ("Der Bund gibt 14,5 Mrd. Euro aus", "Der Bund gibt 14,5 Milliarden Euro aus"),  # abbreviations
    ("Das kostet 5 €", "Das kostet 5 Euro"),
    ("Es kommen zwei Millionen Menschen", "Es kommen 2 Millionen Menschen"),   # number words
    ("Man werde die Steuer senken", "Wir werden die Steuer senken"),           # Konjunktiv I, person
    ("Er habe nichts gewusst", "Ich habe nichts gewusst"),
    ("Die Lage sei ernst", "Die Lage ist ernst"),
    ("Sie könne nicht kommen", "Ich kann nicht kommen"),
    ("Die Kommunen bekämen einen Ausgleich", "Die Kommunen bekommen einen Ausgleich"),  # Konjunktiv II
    ("Ohne Hilfe würden Menschen frieren", "Ohne Hilfe werden Menschen frieren"),
    ("Russland habe seine Anlagen beschossen", "Russland hat unsere Anlagen beschossen"),  # possessives
    ("Man brauche umgehend Hilfe", "Wir brauchen sofort Hilfe"),               # swapped adverbs
    ("Die Regierung senke die Steuer", "Die Regierung senkt die Steuer"),       # regular verbs' endings
    ("Das Werk schließe Ende des Jahres", "Das Werk schließt Ende des Jahres"),    # a stem ending in s
    ("Er wisse nicht, wer die Akten vernichtet habe", "Ich weiß nicht, wer die Akten vernichtet hat"),  # ß in the forms
])
def test_normal_form_rule(a, b):
    assert same_form(a, b), (normalize(a), normalize(b))


def test_normal_form_keeps_what_a_claim_says():
    assert not same_form("Die Steuer sinkt um 30 Prozent", "Die Steuer sinkt um 3 Prozent")
    assert not same_form("Die Steuer sinkt", "Die Steuer sinkt nicht")
    assert not same_form("Die Steuer sinkt 2,4 Prozent", "Die Steuer sinkt 24 Prozent")  # decimal comma kept
    assert not same_form("Es kommen 2 Millionen", "Es kommen 2 Milliarden")
    assert same_form("Die Nacht war ruhig", "Die Nacht war ruhig") and "nacht" in normalize("Die Nacht war ruhig")


def test_ellipsis_and_brackets_are_a_gap():
    for cut in ("Die Lage ist ernst, aber […] beherrschbar", "Die Lage ist ernst, aber [...] beherrschbar",
                "Die Lage ist ernst, aber (...) beherrschbar", "Die Lage ist ernst, aber … beherrschbar",
                "Die Lage ist ernst, aber ... beherrschbar"):
        form = claim_form(units(cut)[0])
        assert form.has_gap and GAP in form.text.split(), cut
        assert GAP not in form.content
    score, method = core.pair_score("Die Lage ist ernst, aber […] beherrschbar",
                                    "Die Lage ist ernst, aber sie ist beherrschbar.")
    assert (score, method) == (100, "gap")
    # the gap may stand for any words, but what is around it must be there, in order
    assert core.pair_score("Die Lage ist ernst, aber […] beherrschbar", "Die Lage ist beherrschbar, aber ernst")[0] < 90


def test_a_quotation_is_cut_into_sentences():
    assert units("Das ist gut. Das ist schlecht! Ist das so? Ja.") == [
        "das ist gut.", "das ist schlecht!", "ist das so?", "ja."]
    # no sentence ends after an abbreviation, an initial or a day of the month
    assert len(units("Prof. Dr. Ilse Brandt sagt, Hans P. Ebner komme am 3. März. Dann geht es los.")) == 2


# --------------------------------------------------------------------------- matching in the database


def quote(db, article, text, speaker=None, kind="direct", start=0):
    add_article(db, article)
    qid = add_quote(db, article, text, speaker, kind=kind)
    db.execute('UPDATE quotes SET start = ?, "end" = ? WHERE id = ?', [start, start + len(text), qid])
    return qid


def test_one_sentence_of_a_longer_quotation_joins_it(fresh_db):
    full = quote(fresh_db, "a", "Wir werden die Grundsteuer bis Ende 2027 um 30 Prozent senken. Die Kommunen "
                                "bekommen dafür einen Ausgleich aus dem Landeshaushalt. Das ist ein Versprechen.",
                 "Gerd Hollmann")
    one = quote(fresh_db, "b", "Die Kommunen bekommen dafür einen Ausgleich aus dem Landeshaushalt", "Gerd Hollmann")
    match.run(fresh_db)
    assert cluster(fresh_db, full) is not None and cluster(fresh_db, full) == cluster(fresh_db, one)


def test_direct_and_indirect_speech_are_one_claim(fresh_db):
    direct = quote(fresh_db, "a", "Wir werden die Grundsteuer bis Ende 2027 um 30 Prozent senken.", "Gerd Hollmann")
    indirect = quote(fresh_db, "b", "man werde die Grundsteuer bis zum Ende des Jahres 2027 um 30 % senken",
                     "Gerd Hollmann", kind="indirect")
    match.run(fresh_db)
    assert cluster(fresh_db, direct) == cluster(fresh_db, indirect) is not None


QUANTITIES_DIFFER = [
    ("Wir bauen ab 2027 ein neues Quartier mit 1.200 Wohnungen", "Wir bauen ab 2029 ein neues Quartier mit 1.200 Wohnungen"),
    ("Die Mieten steigen in diesem Jahr um 12 Prozent", "Die Mieten steigen in diesem Jahr um 21 Prozent"),
    ("Wir rechnen mit dem Höhepunkt der Welle Mitte Februar", "Wir rechnen mit dem Höhepunkt der Welle Mitte März"),
    ("Die Sitzung des Ausschusses findet am Montag statt", "Die Sitzung des Ausschusses findet am Dienstag statt"),
    ("Der Bund gibt dafür 1,2 Millionen Euro aus", "Der Bund gibt dafür 1,2 Milliarden Euro aus"),
    ("Ein Drittel der Schulen hat keinen Internetanschluss", "Zwei Drittel der Schulen haben keinen Internetanschluss"),
    ("Er habe lediglich einen Liter Bier getrunken", "Er habe lediglich 12 Liter Bier getrunken"),   # ein = 1
    ("Das war die erste Entscheidung dieser Art", "Das war die zweite Entscheidung dieser Art"),     # ordinals
    ("Der Tunnel wird Anfang März für den Verkehr eröffnet", "Der Tunnel wird Ende März für den Verkehr eröffnet"),
    ("Die Sanierung kostet mehr als 5 Millionen Euro", "Die Sanierung kostet weniger als 5 Millionen Euro"),
    ("Ab 2027 fahren die Züge wieder im Stundentakt", "Bis 2027 fahren die Züge wieder im Stundentakt"),
]
NEGATED = [
    ("Die Mieten in den Städten werden dadurch sinken", "Die Mieten in den Städten werden dadurch nicht sinken"),
    ("Die Regierung wird die Mieten senken", "Die Regierung wird keine Mieten senken"),
    ("Wir haben mit dieser Entwicklung gerechnet", "Wir haben niemals mit dieser Entwicklung gerechnet"),
]


@pytest.mark.parametrize("a, b", [*QUANTITIES_DIFFER, *NEGATED])
def test_guard_quantities_or_negation_differ(fresh_db, a, b):
    """Whatever the thresholds: neither clustered nor suggested."""
    qa, qb = quote(fresh_db, "a", a, "Anna Berg"), quote(fresh_db, "b", b, "Anna Berg")
    report = match.run(fresh_db, threshold=50, suggest=10)
    assert cluster(fresh_db, qa) is None and cluster(fresh_db, qb) is None and report.suggestions == 0


@pytest.mark.parametrize("a, b", [
    ("Die Sanierung kostet mehr als 5 Millionen Euro", "Die Sanierung kostet über 5 Millionen Euro"),
    ("Die Firma will bis zu 300 Stellen streichen", "Die Firma will bis 300 Stellen streichen"),
    ("Wir bauen ab dem Jahr 2027 neue Wohnungen", "Wir bauen seit dem Jahr 2027 neue Wohnungen"),
    ("Der Tunnel wird am dritten März eröffnet", "Der Tunnel wird am 3. März eröffnet"),
    ("Das kostet eine Million Euro", "Das kostet 1 Million Euro"),
])
def test_quantity_written_two_ways_is_one_quantity(a, b):
    fa, fb = claim_form(units(a)[0]), claim_form(units(b)[0])
    assert fa.quantities == fb.quantities, (fa.quantities, fb.quantities)


def test_guard_a_cut_may_drop_a_number(fresh_db):
    qa = quote(fresh_db, "a", "Wir werden die Grundsteuer bis Ende 2027 um 30 Prozent senken", "Anna Berg")
    qb = quote(fresh_db, "b", "Wir werden die Grundsteuer […] um 30 Prozent senken", "Anna Berg")
    match.run(fresh_db)
    assert cluster(fresh_db, qa) == cluster(fresh_db, qb) is not None


def test_guard_quantities_of_whole_quotations(fresh_db):
    """Two quotations sharing a sentence word for word, whose other sentences disagree on a number."""
    qa = quote(fresh_db, "a", "Die Steuer sinkt 2027 deutlich. Die Kommunen bekommen einen Ausgleich vom Land.", "Anna Berg")
    qb = quote(fresh_db, "b", "Die Steuer sinkt 2029 deutlich. Die Kommunen bekommen einen Ausgleich vom Land.", "Anna Berg")
    match.run(fresh_db)
    assert cluster(fresh_db, qa) is None and cluster(fresh_db, qb) is None


def test_guard_generic_sentence_from_two_speakers(fresh_db):
    a = quote(fresh_db, "a", "Das ist ein wichtiger Schritt in die richtige Richtung", "Bernd Quast")
    b = quote(fresh_db, "b", "Das ist ein wichtiger Schritt in die richtige Richtung", "Renate Kowalski")
    c = quote(fresh_db, "c", "„Das ist ein wichtiger Schritt in die richtige Richtung.“", "Quast")
    report = match.run(fresh_db, threshold=50, suggest=10)
    assert cluster(fresh_db, b) is None
    assert cluster(fresh_db, a) == cluster(fresh_db, c) is not None  # the same speaker repeating it is one claim
    assert report.suggestions == 0


def test_guard_a_shared_month_or_date_word_is_not_distinctive(fresh_db):
    a = quote(fresh_db, "a", "Im März geht es mit den Gesprächen weiter", "Bernd Quast")
    b = quote(fresh_db, "b", "Im März geht es mit den Gesprächen weiter", "Renate Kowalski")
    c = quote(fresh_db, "c", "Am Ende des Tages zählt nur das Ergebnis", "Bernd Quast")
    d = quote(fresh_db, "d", "Am Ende des Tages zählt nur das Ergebnis", "Renate Kowalski")
    match.run(fresh_db, threshold=50, suggest=10)
    assert all(cluster(fresh_db, q) is None for q in (a, b, c, d))


def test_guard_distinctive_claim_spreads_to_another_speaker(fresh_db):
    a = quote(fresh_db, "a", "Wer zur Risikogruppe gehört, sollte sich sofort impfen lassen", "Ilse Brandt")
    b = quote(fresh_db, "b", "Wer zur Risikogruppe gehört, sollte sich sofort impfen lassen", "Hans-Peter Ebner")
    c = quote(fresh_db, "c", "Der Bund gebe dafür 14,5 Milliarden Euro aus", "Katrin Weißhaupt")
    d = quote(fresh_db, "d", "Der Bund gibt dafür 14,5 Milliarden Euro aus", "Ministerin")  # a shared amount
    match.run(fresh_db)
    assert cluster(fresh_db, a) == cluster(fresh_db, b) is not None
    assert cluster(fresh_db, c) == cluster(fresh_db, d) is not None


def test_a_quotation_never_clusters_with_its_own_nested_part(fresh_db):
    add_article(fresh_db, "a")
    outer = add_quote(fresh_db, "a", "Wir werden die Grundsteuer bis Ende 2027 um 30 Prozent senken", "Anna Berg")
    inner = add_quote(fresh_db, "a", "die Grundsteuer bis Ende 2027 um 30 Prozent senken", "Anna Berg", kind="partial")
    fresh_db.execute('UPDATE quotes SET start = 10, "end" = 60 WHERE id = ?', [outer])
    fresh_db.execute('UPDATE quotes SET start = 20, "end" = 60 WHERE id = ?', [inner])
    elsewhere = quote(fresh_db, "b", "Wir werden die Grundsteuer bis Ende 2027 um 30 Prozent senken", "Anna Berg")
    match.run(fresh_db)
    assert cluster(fresh_db, outer) == cluster(fresh_db, elsewhere) is not None
    assert cluster(fresh_db, inner) is None


def test_canonical_text_is_the_fullest_verbatim_form(fresh_db):
    claim = "Wir rechnen mit dem Höhepunkt der Welle Mitte Februar"
    reported = quote(fresh_db, "a", "Man rechne mit dem Höhepunkt der Welle Mitte Februar, sagte Brandt im Interview "
                                    "mit Radio Nord", "Ilse Brandt", kind="reported")
    direct = quote(fresh_db, "b", claim, "Ilse Brandt")
    match.run(fresh_db)
    cid = cluster(fresh_db, direct)
    assert cid is not None and cid == cluster(fresh_db, reported)
    assert fresh_db["clusters"].get(cid)["canonical_text"] == claim


def test_containment_is_the_share_of_the_shorter_claim_found_in_the_longer():
    """A claim inside a reported span with narrative around it joins; a span that shares all but one content
    word of the claim (here its verb) is at most a suggestion."""
    claim = "Die Notaufnahmen in Cochem und Zell bleiben geöffnet"
    inside = "Nun hat sich die Ministerin festgelegt: Die Notaufnahmen in Cochem und Zell bleiben geöffnet, sagte sie"
    other_verb = "Die Ministerin wird die Notaufnahmen in Cochem und Zell schließen, sobald die Wahl vorbei ist"
    assert core.pair_score(claim, inside) == (100.0, "containment")
    assert core.pair_score("Die Notaufnahmen in Cochem und Zell bleiben", other_verb)[0] < match.DEFAULT_THRESHOLD


@pytest.mark.parametrize("path, suggested_traps", [(PAIRS, 0), (DEV_PAIRS, 1)], ids=["claims", "claims_dev"])
def test_labelled_set_recall_and_traps(path, suggested_traps):
    """Done when: same-claim recall >= 0.9 (clustered or suggested), every trap kept apart. claims_dev was written
    independently of the set the rules were tuned on; its one suggested trap differs in a verb (bleiben /
    schließen), which only a reviewer can tell."""
    metrics = evaluate(load_pairs(path)).metrics()
    assert metrics["same_claim"]["recall"] >= 0.9, metrics["same_claim"]
    assert metrics["different_claim"]["clustered"] == 0, metrics["different_claim"]
    assert metrics["different_claim"]["suggested"] <= suggested_traps, metrics["different_claim"]
