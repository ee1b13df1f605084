"""Source frames (rules/frames.py): laut, zufolge, nach Angaben, so X, wonach, Demnach, heißt es."""

import pytest

from factcheck.nlp import extract
from quote_helpers import find, speaker_mention


def test_so_frame_followed_by_a_clause_on_the_speaker():
    t = ("Der Vermieter habe die Heizung monatelang nicht repariert, so die Anwältin, die außerdem angab, "
         "dass ihr Mandant mehrfach Beschwerde eingelegt habe.")
    q = find(t, "Der Vermieter habe")
    assert q.text.endswith("nicht repariert") and q.speaker == "Anwältin"
    assert find(t, "dass ihr Mandant").kind == "indirect"


def test_nach_frame_needs_a_source_noun_as_head():
    t = "Die Polizei nahm nach Abschluss der Ermittlungen einen Verdächtigen in Bremen fest."
    assert not [q for q in extract(t) if q.cue == "nach"]
    t = "Nach Schneiders Meinung sei das Projekt schon vor Jahren gescheitert."
    assert find(t, "sei das Projekt").cue == "Nach"


def test_source_frame_in_relative_clause_frames_that_clause():
    t = "Die alte Brücke, die nach Angaben der Stadtwerke bereits 1890 gebaut wurde, soll im Sommer abgerissen werden."
    q = find(t, "die nach Angaben")
    assert q.text.endswith("gebaut wurde") and q.speaker == "Stadtwerke"


@pytest.mark.parametrize("text, claim", [
    ("Der Flug wurde gestrichen, weil die Maschine nach Angaben der Fluggesellschaft einen Defekt hatte.",
     "weil die Maschine nach Angaben der Fluggesellschaft einen Defekt hatte"),
    ("Die Polizei nahm zwei Männer fest, unter denen sich nach Einschätzung der Ermittler der Haupttäter befindet.",
     "unter denen sich nach Einschätzung der Ermittler der Haupttäter befindet"),
])
def test_source_frame_in_subordinate_clause_frames_that_clause(text, claim):
    assert [q.text for q in extract(text)] == [claim]


@pytest.mark.parametrize("text, claim", [
    ("Die Innenpolitik geht den Präsidenten laut Verfassung nichts an; seine Macht ergibt sich aus dem Recht, "
     "Neuwahlen auszurufen.", "Die Innenpolitik geht den Präsidenten laut Verfassung nichts an"),
    ("Laut Polizei kamen rund 3.000 Menschen; die Veranstalter zählten deutlich mehr Teilnehmer.",
     "kamen rund 3.000 Menschen"),
])
def test_source_frame_covers_its_part_between_semicolons(text, claim):
    assert [q.text for q in extract(text)] == [claim]


def test_hearsay_without_source_is_not_attributed():
    t = "Berichten zufolge setzte die Ukraine am Dienstag erstmals die Raketen ein."
    assert extract(t) == []


def test_nach_eigenen_angaben_names_the_subject():
    t = "Die Firma hat nach eigenen Angaben im vergangenen Jahr 300 Stellen abgebaut."
    assert find(t, "Die Firma hat").speaker == "Firma"
    t = "Nach eigenen Angaben hat der Verein inzwischen mehr als 500 Mitglieder."
    assert find(t, "hat der Verein").speaker == "Verein"


@pytest.mark.parametrize(
    "text, claim, speaker",
    [
        ("Laut Polizei wurden drei Menschen verletzt.", "wurden drei Menschen", "Polizei"),
        ("Der Polizei zufolge wurden drei Menschen verletzt.", "wurden drei Menschen", "Polizei"),
        ("Nach Angaben der Feuerwehr brannte das Haus vollständig aus.", "brannte das Haus", "Feuerwehr"),
        ("Gemäß der Feuerwehr brannte das Haus vollständig aus.", "brannte das Haus", "Feuerwehr"),  # ß in a frame
    ],
)
def test_source_frames(text, claim, speaker):
    q = find(text, claim)
    assert q.kind == "reported" and (q.speaker, q.speaker_type) == (speaker, "organization")


@pytest.mark.parametrize(
    "text, claim",
    [
        # ", heißt es." closes the sentence like ", sagte X."
        ("Feierlichkeiten seien nicht vorgesehen, heißt es.", "Feierlichkeiten seien nicht vorgesehen"),
        # a source frame inside the clause keeps the whole sentence
        ("Erst am Montag sei dies nach Angaben von Vattenfall Europe möglich.", "Erst am Montag sei dies nach Angaben"),
        # a partial quotation at the end of the claim does not make the claim a direct quote
        ("Das Gros der Nutzer handhabe den Gebrauch „maßvoll“, so Ursula Castrup, die Leiterin der Fachstelle.",
         "Das Gros der Nutzer"),
    ],
)
def test_frame_claim_spans(text, claim):
    assert find(text, claim).kind == "indirect"


@pytest.mark.parametrize("text, claim, source", [
    ("Er verwies auf Studien der Charité, nach denen Homöopathie oft wirksam sei.", "Homöopathie oft wirksam sei",
     "Studien der Charité"),
    ("Die Partei legte einen Antrag vor, nach welchem die Fahne ersetzt werden sollte.", "die Fahne ersetzt", "Antrag"),
])
def test_relative_source_frame(text, claim, source):
    q = find(text, claim)
    assert q.kind == "indirect" and q.speaker == source
    assert text[q.speaker_start : q.speaker_end] in ("denen", "welchem")


@pytest.mark.parametrize("text, claim", [
    ("Nach Angaben der Behörden, die sich nicht überprüfen lassen, wurden am Montag zwölf Menschen festgenommen.",
     "wurden am Montag zwölf Menschen festgenommen"),
    ("Laut Anna Berg, der Sprecherin des Zoos, ist der Tiger wohlauf.", "ist der Tiger wohlauf"),
])
def test_clause_on_the_source_of_an_opening_frame_is_not_the_claim(text, claim):
    assert find(text, claim).text == claim


def test_frame_after_a_colon_frames_the_part_after_it():
    t = "Die Bilanz der Nacht ist ernüchternd: Nach Angaben der Polizei wurden zwölf Autos beschädigt."
    assert find(t, "wurden zwölf Autos").text == "wurden zwölf Autos beschädigt"


def test_source_of_a_frame_takes_the_phrases_coordinated_to_it():
    t = "Nach Meinung vieler Ärzte und Apotheker wird die Reform scheitern."
    assert find(t, "wird die Reform").text == "wird die Reform scheitern"


def test_frame_in_parentheses_frames_the_parenthesis():
    t = "Das Feuer zerstörte drei Häuser in der Altstadt (nach Angaben der Feuerwehr entstand ein Schaden von einer Million Euro)."
    assert find(t, "entstand ein Schaden").text == "entstand ein Schaden von einer Million Euro"


@pytest.mark.parametrize("text, claim", [
    ("Der Umbau des Bahnhofs, so schätzen die Planer, werde mindestens zwei Jahre dauern.", "Der Umbau des Bahnhofs"),
    ("Die Brücke werde im Mai fertig, so erklärte die Stadtverwaltung am Montag.", "Die Brücke werde"),
])
def test_so_frame_with_a_speech_verb(text, claim):
    q = find(text, claim)
    assert q.kind == "indirect" and q.speaker in ("Planer", "Stadtverwaltung") and q.cue.startswith("so ")


@pytest.mark.parametrize("text, claim", [
    ("Geprüft wird eine Regel, die nach Angaben des Ministeriums nur dann zulässig ist, wenn ein Richter zustimmt.",
     "die nach Angaben des Ministeriums nur dann zulässig ist, wenn ein Richter zustimmt"),
    ("Zerstört wurde ein Büro, das nach Angaben der Armee der Planung, Finanzierung und Lagerung von Waffen diene.",
     "das nach Angaben der Armee der Planung, Finanzierung und Lagerung von Waffen diene"),
])
def test_frame_in_a_relative_clause_frames_the_whole_clause(text, claim):
    assert find(text, claim.split(",")[0]).text == claim


def test_so_frame_with_an_abbreviation_in_parentheses_after_its_source():
    t = "Die meisten vermissten Kinder werden schnell gefunden, so eine Auskunft des Bundeskriminalamtes (BKA) in Wiesbaden."
    q = find(t, "Die meisten")
    assert (q.text, q.speaker) == ("Die meisten vermissten Kinder werden schnell gefunden", "Auskunft des Bundeskriminalamtes")


def test_speech_verb_inside_a_frame_claim_keeps_its_own_claim_nested_in_it():
    t = "Laut CNN hat der Minister am Montag verkündet, der Rat wolle mehr Geld."
    outer = find(t, "hat der Minister")
    assert outer.text.endswith("mehr Geld") and outer.speaker == "CNN"
    inner = find(t, "der Rat wolle")
    assert inner.kind == "indirect" and inner.speaker == "Minister" and inner.cue == "verkündet"


@pytest.mark.parametrize("text, claim, source", [
    ("Nach einer ersten Analyse der Ingenieure riss das Seil wegen Materialermüdung.", "riss das Seil",
     "Ingenieure"),
    ("Nach Schätzung der Weltbank leben dort zwei Millionen Menschen ohne Strom.", "leben dort", "Weltbank"),
    ("Nach den bisherigen Planungen der Stadt wird die Halle im Herbst eröffnet.", "wird die Halle", "Stadt"),
    ("Nach bisherigem Erkenntnisstand der Ermittler war der Fahrer zu schnell.", "war der Fahrer", "Ermittler"),
    ("Nach einem Fernsehbericht des Senders brannte das Lager zwei Tage lang.", "brannte das Lager", "Senders"),
    # laws, documents, experience (a numbered source keeps its number and genitive)
    ("Nach dem Grundgesetz hat der Präsident nur wenige Vollmachten.", "hat der Präsident", "Grundgesetz"),
    ("Nach einem internen Dokument der Behörde fehlen dort zweihundert Stellen.", "fehlen dort", "Behörde"),
    ("Nach dem Artikel 5 des Vertrags darf die Stadt keine Gebühren erheben.", "darf die Stadt", "Artikel 5 des Vertrags"),
    ("Nach dem Landesjagdgesetz darf der Bär geschossen werden.", "darf der Bär", "Landesjagdgesetz"),
    ("Nach bisherigen Erfahrungen der Ärzte heilt die Wunde in zwei Wochen.", "heilt die Wunde", "Ärzte"),
])
def test_nach_frame_with_a_noun_of_analysis_planning_law_or_document(text, claim, source):
    q = find(text, claim)
    assert q.kind == "reported" and q.cue == "Nach" and source in q.speaker


def test_demonstrative_emerging_from_a_document_hands_it_the_previous_sentence():
    t = "Die Firma plant einen Umzug nach Berlin. Dies geht aus einer Mitteilung des Konzerns hervor."
    q = find(t, "Die Firma plant")
    assert q.kind == "reported" and q.text == "Die Firma plant einen Umzug nach Berlin"
    assert speaker_mention(t, q).endswith("des Konzerns")
    assert not [q for q in extract("Das Paket ging aus der Version 5 des Programms hervor.") if q.kind != "scare"]


def test_wie_aus_x_hervorgeht_frames_the_main_clause():
    t = "Wie aus einem Bericht der Armee hervorgeht, wurden fünf Zivilisten getötet."
    q = find(t, "wurden fünf")
    assert q.kind == "reported" and q.speaker == "Armee"


def test_hearsay_noun_with_a_named_source_is_a_frame():
    t = "Berichten verschiedener US-Medien zufolge fand gestern ein Treffen der beiden Kandidaten statt."
    q = find(t, "fand gestern")
    assert q.kind == "reported" and "US-Medien" in q.speaker
    assert not [q for q in extract("Ersten Medienberichten zufolge fand gestern ein Treffen statt.") if q.kind != "scare"]


def test_source_before_zufolge_keeps_its_abbreviation_in_parentheses():
    t = "Einer Erklärung des Lehrerverbandes (VDL) zufolge nahmen an der Kundgebung 500 Lehrer teil."
    q = find(t, "nahmen an der")
    assert q.kind == "reported" and speaker_mention(t, q).endswith("(VDL)")


def test_frame_opening_the_sentence_frames_a_cue_verb_after_it():
    t = "Nach Angaben der Polizei habe der Mann verlangt, die Tür sofort zu öffnen."
    q = find(t, "habe der Mann")
    assert q.kind == "indirect" and q.speaker == "Polizei" and q.text.endswith("zu öffnen")
    # a frame inside the verb's claim still belongs to it
    t = "Der Sprecher sagte, nach neuesten Erkenntnissen habe der Mann allein gehandelt."
    assert find(t, "nach neuesten").speaker == "Sprecher"


@pytest.mark.parametrize(
    "text, source",
    [
        ("Sie entstammen Zeitungsberichten zufolge armen Familien aus dem Norden.", "Zeitungsberichten"),
        ("Die Firma erwirtschaftete einem Bericht der Zeitung zufolge einen Verlust.", "einem Bericht der Zeitung"),
    ],
)
def test_source_before_zufolge_stops_at_the_finite_verb(text, source):
    q = find(text, text[:12])
    assert q.text == text[:-1] and speaker_mention(text, q) == source


@pytest.mark.parametrize("site", ["ndr.de", "faz.net", "t-online.de"])
def test_a_web_site_is_a_source(site):
    t = f"Laut {site} wurden bei dem Brand drei Menschen verletzt."
    q = find(t, "wurden")
    assert q.kind == "reported" and speaker_mention(t, q) == site


@pytest.mark.parametrize(
    "text, quotation, speaker",
    [
        ("In der Sitzung sagte die Kanzlerin einigen Teilnehmern zufolge: „Wir schaffen das nicht allein.“",
         "Wir schaffen", "die Kanzlerin"),
        ("„Das ist ein Skandal“, sagte der Sprecher der Demonstranten laut CNN.", "Das ist", "der Sprecher der Demonstranten"),
    ],
)
def test_frame_after_a_speech_verb_leaves_the_quotation_to_the_verb(text, quotation, speaker):
    q = find(text, quotation)
    assert q.kind == "direct" and speaker_mention(text, q) == speaker


@pytest.mark.parametrize(
    "text, claim, source",
    [
        # a closing ", so X" speaks for the part after a colon
        ("Die Richterin ließ sich auf keinen Handel ein: Eine Bewährungsstrafe sei nicht vermittelbar, so Richterin Ute "
         "Bader.", "Eine Bewährungsstrafe sei nicht vermittelbar", "Richterin Ute Bader"),
        # a genitive with "eines" belongs to the source, its relative clause comes before the claim
        ("Nach der Einschätzung eines Experten, der vom Sender befragt wurde, würde dies für einen Anschlag sprechen.",
         "würde dies für einen Anschlag sprechen", "der Einschätzung eines Experten"),
        # ", so X, der …," with the Konjunktiv claim going on after it is a parenthesis
        ("Vom 2. April bis zum 20. Juni, so die Ergebnisse eines Amtsrichters, der bei der Zentralen Stelle gegen ihn "
         "ermittelt, seien 500 Menschen deportiert worden.",
         "Vom 2. April bis zum 20. Juni, so die Ergebnisse eines Amtsrichters, der bei der Zentralen Stelle gegen ihn "
         "ermittelt, seien 500 Menschen deportiert worden", "die Ergebnisse eines Amtsrichters"),
    ],
)
def test_extent_of_the_claim_of_a_source_frame(text, claim, source):
    q = find(text, claim[:12])
    assert q.text == claim and speaker_mention(text, q).endswith(source)
