"""The detector on real German news sentences (issue 3, items 2-6)."""

import pytest

from factcheck.nlp import extract
from quote_helpers import find


def speaker_mention(text, q):
    return text[q.speaker_start : q.speaker_end]


# --- 2. direct quotes -------------------------------------------------------------------------

def test_direct_speaker_before_with_colon():
    t = "Kuleba schrieb in einem Tweet: „Putin ist verzweifelt wegen der Niederlagen auf dem Schlachtfeld.“"
    q = find(t, "Putin ist verzweifelt")
    assert (q.kind, q.speaker, q.speaker_type) == ("direct", "Kuleba", "person")


def test_direct_speaker_after_and_so():
    t = "„Wir werden nicht aufgeben“, sagte der Bürgermeister am Abend. „Das ist ein Erfolg“, so Olaf Scholz."
    a = find(t, "Wir werden")
    assert a.kind == "direct" and speaker_mention(t, a) == "der Bürgermeister"
    b = find(t, "Das ist ein Erfolg")
    assert b.kind == "direct" and b.speaker == "Olaf Scholz" and b.cue == "so"


def test_direct_interrupted_by_frame():
    t = "„Wir sind bereit“, sagte Peskow, „aber wir warten auf Washington.“"
    assert find(t, "Wir sind bereit").speaker == "Peskow"
    assert find(t, "aber wir warten").speaker == "Peskow"


def test_direct_speaker_in_neighbouring_sentence():
    t = (
        "Laut einer auf ihrer Website veröffentlichten Erklärung hat die US-Botschaft in Kiew vorübergehend geschlossen.\n\n"
        "„Aus größter Vorsicht wird die Botschaft geschlossen.“ In der Erklärung hieß es weiter, dass auch US-Bürger "
        "bereit sein sollten, Schutz zu suchen."
    )
    q = find(t, "Aus größter Vorsicht")
    assert q.kind == "direct" and q.speaker == "US-Botschaft in Kiew" and q.speaker_type == "organization"
    ind = find(t, "dass auch US-Bürger")
    assert ind.kind == "indirect" and ind.speaker == "US-Botschaft in Kiew"


def test_role_and_name():
    t = "Zu Bidens Entscheidung sagte Wladimir Putins Pressesprecher Dmitri Peskow, Washington gieße „Öl ins Feuer“."
    ind = find(t, "Washington gieße")
    assert ind.kind == "indirect" and ind.speaker == "Dmitri Peskow" and ind.speaker_type == "person"
    assert speaker_mention(t, ind) == "Wladimir Putins Pressesprecher Dmitri Peskow"
    part = find(t, "Öl ins Feuer")
    assert part.kind == "partial" and part.speaker == "Dmitri Peskow"


# --- 3. partial and scare quotes ------------------------------------------------------------------

def test_partial_quote_takes_the_sentence_speaker():
    t = "Präsident Joe Biden verurteilte die Angriffe und versprach weitere Hilfe „einschließlich fortschrittlicher Luftverteidigungssysteme“."
    q = find(t, "einschließlich")
    assert (q.kind, q.speaker) == ("partial", "Joe Biden")


def test_scare_quote_without_speech_act():
    t = "Die Minen sind „nicht persistent“, das heißt, sie werden nach einer Zeit inaktiv."
    q = find(t, "nicht persistent")
    assert q.kind == "scare" and q.speaker is None and q.speaker_type == "unknown"


@pytest.mark.parametrize(
    "text,title",
    [
        ("Der Regisseur sagte, die Arbeit an dem Film „Stille Wasser“ sei fast beendet.", "Stille Wasser"),
        ("Die Demonstranten zogen unter dem Motto „Kein Frieden ohne Gerechtigkeit“ durch die Innenstadt.", "Kein Frieden"),
        ("Nach Angaben der Polizei gehörte das Boot der Reederei, einer Tochter der Firma „Nordlicht Shipping“.", "Nordlicht"),
        ("Ihr zweiter Roman erscheint im Herbst, der Titel: „Wo die Straßen enden“.", "Wo die Straßen"),
        ("Die Gewerkschaft der Lokführer (kurz: „GDL Nord“) rief zu einem Streik auf.", "GDL Nord"),
        ("Der Abgeordnete schrieb in der „Gazeta do Povo“, die Wahl sei manipuliert worden.", "Gazeta do Povo"),
        ("Vor allem die französische „L’Union pour la Mer“ hatte zu den Protesten aufgerufen.", "L’Union"),
        ("Unter dem Motto „Genug ist genug!“ zogen am Samstag mehrere tausend Bauern durch Berlin.", "Genug ist"),
        ("Die Firma (so steht es auf einem Banner über dem Eingang: „Wir bauen für Generationen“) ist insolvent.", "Wir bauen"),
    ],
)
def test_title_after_naming_noun_is_no_quotation(text, title):
    q = find(text, title)
    assert q.kind == "scare" and q.speaker is None


def test_quoted_sentence_after_colon_is_speech_even_after_naming_noun():
    t = "Am Abend warnte die Sprecherin eines Radiosenders: „Die Straßen sind spiegelglatt.“"
    q = find(t, "Die Straßen")
    assert q.kind == "direct" and speaker_mention(t, q).startswith("die Sprecherin")


# --- 4. indirect and free indirect speech --------------------------------------------------------

def test_indirect_with_konjunktiv_and_free_indirect_continuation():
    t = (
        "Der Staatsanwalt sagte, der Sohn habe sich „bewusst und gewollt stranguliert“. "
        "Dies sei eindeutig nachzuweisen gewesen. Die Beerdigung findet im engsten Familienkreis statt."
    )
    ind = find(t, "der Sohn habe")
    assert ind.kind == "indirect" and speaker_mention(t, ind) == "Der Staatsanwalt" and ind.cue == "sagte"
    assert find(t, "bewusst und gewollt").kind == "partial"
    free = find(t, "Dies sei")
    assert free.kind == "free_indirect" and free.speaker == ind.speaker
    assert free.speaker_start == ind.speaker_start  # the mention in the frame it continues
    assert not [q for q in extract(t) if q.text.startswith("Die Beerdigung")]


def test_free_indirect_clause_after_narrator_main_clause_is_not_merged():
    t = ("Der Trainer Karl Berger sagte, die Mannschaft sei in guter Form. Sie habe hart trainiert. "
         "Für das Spiel am Samstag gilt trotzdem höchste Vorsicht, weil der Gegner sehr stark sei.")
    assert find(t, "Sie habe").text == "Sie habe hart trainiert"
    clause = find(t, "weil der Gegner")
    assert clause.text == "weil der Gegner sehr stark sei" and clause.speaker == "Karl Berger"


def test_first_person_sentence_is_no_reported_claim():
    said = "Der Forscher Paul Kern sagte, das Projekt sei gescheitert. "
    assert find(said + "Das Militär habe ihn angetrieben.", "Das Militär").kind == "free_indirect"
    assert [q.text for q in extract(said + "Ich habe das Gefühl, das Militär treibe ihn an.")] == ["das Projekt sei gescheitert"]


def test_free_indirect_keeps_its_subject_clause():
    t = "Der Abgeordnete Tom Lee sagte, die Wahl sei nicht frei. Was die Bürger wirklich wollten, sei ein offenes Verfahren."
    assert find(t, "Was die Bürger").text == "Was die Bürger wirklich wollten, sei ein offenes Verfahren"


def test_konjunktiv_cue_after_reported_speech_continues_the_passage():
    said = "Der Arzt Jan Olsen sagte, die Daten seien lückenhaft. "
    free = find(said + "So gebe es Hinweise, dass die Zahl der Erkrankungen steige.", "So gebe es")
    assert free.kind == "free_indirect" and free.speaker == "Jan Olsen"
    other = find(said + "Die Behörde erklärte dagegen, dass die Zahl der Erkrankungen sinke.", "dass die Zahl")
    assert other.kind == "indirect" and other.speaker == "Behörde"


def test_speech_verb_inside_free_indirect_speech_is_no_frame():
    # "zu rechnen" is an infinitive inside the reported speech: the Konjunktiv sentence continues the speaker
    t = "Die Ministerin sagte, die Lage sei ernst. Bei einem Ausbruch sei mit vielen Toten zu rechnen."
    free = find(t, "Bei einem Ausbruch")
    assert free.kind == "free_indirect" and free.speaker == "Ministerin"


def test_konjunktiv_of_ieren_verb_unknown_to_the_lemmatizer():
    t = "Der Sprecher sagte, die Anlage sei repariert. Der Zugang funktioniere wieder ohne Einschränkungen."
    free = find(t, "Der Zugang")
    assert free.kind == "free_indirect" and free.speaker == "Sprecher"


def test_free_indirect_after_stance_sentence_with_prefixed_konjunktiv_ii():
    # "befänden" is "fänden" behind the prefix "be"; the warning sentence is the claim it continues
    t = ("Die Regierung warnt vor weiteren Überschwemmungen im ganzen Land. "
         "Die Dämme befänden sich nahe der Grenze ihrer Belastbarkeit.")
    assert find(t, "Die Regierung warnt").kind == "reported"
    free = find(t, "Die Dämme")
    assert free.kind == "free_indirect" and free.speaker == "Regierung"


def test_quoted_word_after_a_separable_core_verb_is_the_speakers_own():
    for cue in ("sagte", "teilte mit", "fügte hinzu"):
        verb, _, particle = cue.partition(" ")
        t = f"Der Minister {verb}{' ' + particle if particle else ''}, solche Behauptungen seien „Unsinn“."
        if particle:
            t = f"Der Minister {verb} am Abend {particle}, solche Behauptungen seien „Unsinn“."
        assert find(t, "Unsinn").kind == "partial", t


def test_two_cues_framing_one_clause_give_one_claim():
    text = "Den Entwurf lobte der Verband der Bäcker und erklärte, er komme viel zu spät."
    claims = [q for q in extract(text) if q.text.startswith("er komme")]
    assert len(claims) == 1 and claims[0].kind == "indirect"


def test_indirect_dass_clause_with_inverted_subject():
    t = ("Auf die Frage nach neuen Waffen sagte ein hochrangiger Regierungsbeamter, dass sie keine Ankündigungen "
         "zu machen hätten.")
    q = find(t, "dass sie keine")
    assert (q.kind, q.speaker, q.speaker_type) == ("indirect", "hochrangiger Regierungsbeamter", "anonymous")


# --- 5. reported statements --------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, claim, speaker",
    [
        ("Laut Polizei wurden drei Menschen verletzt.", "wurden drei Menschen", "Polizei"),
        ("Der Polizei zufolge wurden drei Menschen verletzt.", "wurden drei Menschen", "Polizei"),
        ("Nach Angaben der Feuerwehr brannte das Haus vollständig aus.", "brannte das Haus", "Feuerwehr"),
        ("Wie die Staatsanwaltschaft mitteilte, wurde der Mann festgenommen.", "wurde der Mann", "Staatsanwaltschaft"),
        ("Russland hat am Montag 84 Marschflugkörper abgefeuert, teilte der Generalstab der Streitkräfte der Ukraine mit.",
         "Russland hat am Montag", "Generalstab der Streitkräfte der Ukraine"),
        ("Der Kreml warnt seit langem davor, dass der Einsatz solcher Waffen eine Eskalation bedeuten würde.",
         "dass der Einsatz", "Kreml"),
    ],
)
def test_reported_frames(text, claim, speaker):
    q = find(text, claim)
    assert q.kind in ("reported", "indirect")
    assert q.speaker == speaker
    assert q.speaker_type == "organization"


@pytest.mark.parametrize(
    "text, claim",
    [
        # "Dies bestätigte X": the demonstrative takes up the previous sentence (the claim ends there)
        ("Die Partei schließt eine Koalition mit der SPD aus. Dies bestätigte der Parteivorsitzende am Abend.",
         "Die Partei schließt eine Koalition mit der SPD aus"),
        ("Medwedew schwieg. Das meldete die Agentur.", "Medwedew schwieg"),
        # ", zu-Infinitiv" after a noun of demanding
        ("Der Minister wies die Forderung der Opposition, die Steuern zu senken, am Montag zurück.", "die Steuern zu senken"),
        # ", heißt es." closes the sentence like ", sagte X."
        ("Feierlichkeiten seien nicht vorgesehen, heißt es.", "Feierlichkeiten seien nicht vorgesehen"),
        # a source frame inside the clause keeps the whole sentence
        ("Erst am Montag sei dies nach Angaben von Vattenfall Europe möglich.", "Erst am Montag sei dies nach Angaben"),
        # a partial quotation at the end of the claim does not make the claim a direct quote
        ("Das Gros der Nutzer handhabe den Gebrauch „maßvoll“, so Ursula Castrup, die Leiterin der Fachstelle.",
         "Das Gros der Nutzer"),
    ],
)
def test_reported_claim_spans(text, claim):
    q = find(text, claim)
    assert q.kind in ("reported", "indirect")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Der Deutsche Wetterdienst warnt vor heftigen Gewittern im Süden des Landes.", "Deutsche Wetterdienst"),
        ("Umweltschützer befürchten eine Verschmutzung des Grundwassers durch die neue Anlage.", "Umweltschützer"),
    ],
)
def test_stance_verb_with_speaker_subject_reports_the_sentence(text, speaker):
    q = find(text, text.split()[0])
    assert (q.kind, q.speaker, q.text) == ("reported", speaker, text[:-1])


def test_two_cues_of_one_claim_give_one_quotation():
    t = "Die Stadtverwaltung gab am Montag bekannt, dass die Brücke bis zum Sommer gesperrt bleibe."
    q = find(t, "dass die Brücke")  # geben … bekannt and the participle bekannt frame the same clause
    assert q.kind == "indirect" and speaker_mention(t, q) == "Die Stadtverwaltung"
    t = "In einer von der Zeitung veröffentlichten Erklärung gab der Bürgermeister an, die Lage sei ruhig."
    q = find(t, "die Lage sei")
    assert speaker_mention(t, q) == "der Bürgermeister"


def test_so_frame_followed_by_a_clause_on_the_speaker():
    t = ("Der Vermieter habe die Heizung monatelang nicht repariert, so die Anwältin, die außerdem angab, "
         "dass ihr Mandant mehrfach Beschwerde eingelegt habe.")
    q = find(t, "Der Vermieter habe")
    assert q.text.endswith("nicht repariert") and q.speaker == "Anwältin"
    assert find(t, "dass ihr Mandant").kind == "indirect"


def test_comment_clause_in_konjunktiv_stays_in_the_claim():
    t = "Der Netzbetreiber erklärte, ein Kabel sei beschädigt worden, wodurch der Strom ausgefallen sei."
    assert find(t, "ein Kabel sei").text.endswith("ausgefallen sei")
    t = "Der Netzbetreiber erklärte, ein Kabel sei beschädigt worden, wodurch am Abend der Strom ausfiel."
    assert find(t, "ein Kabel sei").text.endswith("beschädigt worden")


def test_causal_main_clause_in_indicative_ends_the_claim():
    t = "Die Wirtin hofft, dass im Sommer mehr Gäste kommen, denn im letzten Jahr blieben viele Zimmer leer."
    assert find(t, "dass im Sommer").text.endswith("mehr Gäste kommen")
    t = "Die Wirtin sagte, sie sei zufrieden, denn die Saison sei gut gelaufen."
    assert find(t, "sie sei zufrieden").text.endswith("gut gelaufen")


def test_negated_head_of_dass_clause_is_no_claim():
    t = "Ein Sprecher der Polizei wollte am Abend nicht bestätigen, dass der Täter bereits gefasst wurde."
    assert [q for q in extract(t) if q.kind != "scare"] == []
    t = "Der Finanzminister schloss nicht aus, dass die Steuern im kommenden Jahr steigen."
    assert find(t, "dass die Steuern").kind == "indirect"


@pytest.mark.parametrize(
    "text",
    [
        "Das Gerät warnt vor Frost auf der Fahrbahn.",  # a thing, not a speaker
        "Die Zahl der Opfer wird auf mehrere Hundert geschätzt.",  # passive: the subject is no speaker
    ],
)
def test_stance_verb_without_speaker_subject_is_no_claim(text):
    assert [q for q in extract(text) if q.kind != "scare"] == []


def test_reported_whole_sentence_with_apposition_after_the_subject():
    t = "Lars Schauer, Manager des Vereins, bezeichnete die Entscheidung als verantwortungsbewusst."
    q = find(t, "Lars Schauer")
    assert (q.kind, q.speaker, q.text) == ("reported", "Lars Schauer", t[:-1])


@pytest.mark.parametrize(
    "text",
    [
        "Der starke Regen hat dazu geführt, dass mehrere Straßen im Tal gesperrt werden mussten.",
        "Mit dem neuen Zaun soll verhindert werden, dass Wildschweine in die Gärten eindringen.",
        "Die Warnstufe drei bedeutet, dass der Pegel bald die Deichkrone erreicht.",
    ],
)
def test_dass_clause_of_cause_or_result_is_no_claim(text):
    assert [q for q in extract(text) if q.kind != "scare"] == []


def test_open_question_is_no_claim_but_reported_question_is():
    t = "Die Behörde prüft derzeit, ob die alte Brücke für den Verkehr gesperrt werden muss."
    assert [q for q in extract(t) if q.kind != "scare"] == []
    t = "Die Reporterin erklärte den Zuschauern, wo die Tiere im Winter ihre Nahrung finden."
    assert not [q for q in extract(t) if q.text.startswith("wo die Tiere")]
    t = "Die Abgeordnete fragte im Ausschuss, ob der Minister die Öffentlichkeit getäuscht habe."
    assert find(t, "ob der Minister").kind == "indirect"


def test_subject_with_quoted_name_before_cue_is_no_claim():
    t = "Maria Kowalski, Sprecherin der Initiative „Clean Air Alliance“, kritisierte die Entscheidung des Rates."
    assert all(q.kind == "scare" or "kritisierte" in q.text for q in extract(t))


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


def test_purpose_clause_is_no_claim():
    t = "Die Polizei sperrte die Straße, um die Bombe zu entschärfen."
    assert [q for q in extract(t) if q.kind != "scare"] == []


def test_purpose_clause_after_cue_verb_is_no_complement():
    t = "Die Regierung kündigte Neuwahlen für den Herbst an, um die Krise im Land zu beenden."
    assert not [q for q in extract(t) if q.text.startswith("um die Krise")]


def test_hearsay_without_source_is_not_attributed():
    t = "Berichten zufolge setzte die Ukraine am Dienstag erstmals die Raketen ein."
    assert extract(t) == []


def test_negated_cue_is_no_claim():
    t = "Das Weiße Haus hat nicht angegeben, welche Systeme Biden mit Selenskyj besprochen hat."
    assert extract(t) == []


def test_naming_verb_with_quoted_label_makes_the_label_the_claim():
    t = "Von einem „beispiellosen Versagen“ sprach der Landrat Peter Krause."
    assert [q.kind for q in extract(t)] == ["partial"]
    assert find(t, "beispiellosen Versagen").speaker == "Landrat Peter Krause"
    plain = "Der Landrat Peter Krause sprach von einem Versagen der Behörden."
    assert find(plain, "Der Landrat").kind == "reported"


def test_demonstrative_hands_the_claim_to_the_previous_sentence_only():
    t = ("Der Präsident kündigte neue Hilfen für Familien an. "
         "Das wurde vom Presseamt der Regierung am Montag bekannt gegeben.")
    assert [q.text for q in extract(t)] == ["Der Präsident kündigte neue Hilfen für Familien an"]


@pytest.mark.parametrize("text", [
    "Der Minister erklärte, die Reform sei notwendig, und bemühte dafür das Bild vom sinkenden Schiff.",
    "Der Minister erklärte, die Reform sei notwendig und kündigte weitere Gespräche an.",
])
def test_indicative_past_verb_after_konjunktiv_claim_resumes_the_narrator(text):
    assert find(text, "die Reform").text == "die Reform sei notwendig"


def test_clause_final_past_verb_stays_in_the_claim():
    t = "Die Ministerin sagte, das Gesetz enthalte Regeln, die große Firmen begünstigten, und sei daher ungerecht."
    assert find(t, "das Gesetz").text.endswith("und sei daher ungerecht")


def test_single_quoted_noun_inside_a_claim_is_a_term_not_a_quotation():
    t = "Der Anwalt widersprach, die Band „Landser“ habe niemanden verunglimpft."
    assert [q.kind for q in extract(t)] == ["indirect", "scare"]
    ship = "Der Reeder widersprach, die „Nordstern 2“ habe den Hafen nie verlassen."
    assert [q.kind for q in extract(ship)] == ["indirect", "scare"]
    said = "Die Ministerin sagte, solche Vorwürfe seien „Unsinn“."  # after a core verb of saying, the speaker's word
    assert find(said, "Unsinn").kind == "partial" and find(said, "Unsinn").speaker == "Ministerin"


# --- 6. speakers ------------------------------------------------------------------------------

def test_pronoun_resolves_to_person_and_keeps_the_pronoun_mention():
    t = ("Der russische Präsident Wladimir Putin sprach am Montag in Moskau. Er sagte, die Streiks seien eine Reaktion "
         "auf die Explosion.")
    q = find(t, "die Streiks seien")
    assert speaker_mention(t, q) == "Er" and q.speaker == "Wladimir Putin" and q.speaker_type == "person"


def test_document_resolves_to_issuer():
    t = ("Während des Anrufs hieß es in einer Erklärung des Weißen Hauses, Biden habe „seine Verurteilung der "
         "Angriffe zum Ausdruck gebracht.“")
    q = find(t, "seine Verurteilung")
    assert q.kind == "direct" and q.speaker == "Weißes Haus" and q.speaker_type == "organization"
    assert speaker_mention(t, q) == "einer Erklärung des Weißen Hauses"


def test_name_variants_become_one_display_name():
    t = ("Präsident Joe Biden sprach am Montag mit Selenskyj. Biden sagte, die Hilfe werde fortgesetzt. "
         "Bidens Sprecherin war nicht zu erreichen.")
    assert find(t, "die Hilfe werde").speaker == "Joe Biden"


def test_anonymous_plural_source():
    t = "Aber mehrere US-Beamte sagten, der Kommentar beruhe nicht auf neuen Erkenntnissen."
    q = find(t, "der Kommentar beruhe")
    assert (q.speaker, q.speaker_type) == ("mehrere US-Beamte", "anonymous")


def test_apposition_subject():
    t = ("Dmitri Medwedew, der stellvertretende Vorsitzende des russischen Sicherheitsrates, sagte kürzlich, "
         "er denke, Moskau sollte die „vollständige Demontage“ anstreben.")
    q = find(t, "er denke")
    assert q.speaker == "Dmitri Medwedew" and q.kind == "indirect"
    assert find(t, "vollständige Demontage").speaker == "Dmitri Medwedew"


# --- the --model path: entities of a statistical pipeline type the speakers ----------------------

def test_model_entities_name_and_type_speakers(tmp_path):
    import spacy

    from factcheck.nlp import load

    base = spacy.blank("de")
    ruler = base.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "Acme"}, {"label": "PER", "pattern": [{"TEXT": "Anna"}, {"TEXT": "Beck"}]}])
    path = tmp_path / "tiny_de"
    base.to_disk(path)
    nlp = load(str(path))
    assert "entity_ruler" in nlp.pipe_names and "factcheck_quotes" in nlp.pipe_names
    t = "Die Firma Acme sagte, die Lage sei ernst. Anna Beck erklärte, sie sei zufrieden."
    qs = extract(t, nlp)
    first = [q for q in qs if q.text.startswith("die Lage")][0]
    assert (first.speaker, first.speaker_type) == ("Acme", "organization")
    second = [q for q in qs if q.text.startswith("sie sei")][0]
    assert (second.speaker, second.speaker_type) == ("Anna Beck", "person")


def test_final_wie_frame_with_an_apposition():
    t = "Die Anlage stand unter Druck, wie Anna Berg, Chefin der Firma Solar Systems, mitteilte. Die Ursache sei noch unklar."
    q = find(t, "Die Anlage stand")
    assert q.kind == "reported" and q.speaker == "Anna Berg"
    assert find(t, "Die Ursache sei").speaker == "Anna Berg"


def test_copula_with_a_stance_noun_heads_a_claim():
    t = "Der Bürgermeister ist der Ansicht, dass die Brücke noch vor dem Winter saniert werden muss."
    q = find(t, "dass die Brücke")
    assert q.kind == "indirect" and q.speaker == "Bürgermeister"
    t = "Die Gewerkschaft war der festen Überzeugung, dass die Löhne zu niedrig seien."
    assert find(t, "dass die Löhne").speaker == "Gewerkschaft"


def test_stance_noun_subject_after_a_comma():
    t = "Zwar sind viele Mieter zufrieden, 40 Prozent sind jedoch der Meinung, dass die Nebenkosten zu hoch seien."
    assert find(t, "dass die Nebenkosten").speaker == "40 Prozent"


def test_bare_copula_before_dass_stays_a_fact():
    t = "Klar ist, dass die Brücke noch vor dem Winter saniert werden muss."
    assert not [q for q in extract(t) if q.text.startswith("dass die Brücke")]


def test_nach_eigenen_angaben_names_the_subject():
    t = "Die Firma hat nach eigenen Angaben im vergangenen Jahr 300 Stellen abgebaut."
    assert find(t, "Die Firma hat").speaker == "Firma"
    t = "Nach eigenen Angaben hat der Verein inzwischen mehr als 500 Mitglieder."
    assert find(t, "hat der Verein").speaker == "Verein"


def test_dass_clause_after_a_parenthesis_in_the_subject():
    t = "Die Deutsche Vereinigung für Mieterschutz (DVM) ist der Ansicht, dass das Gesetz zu höheren Mieten führe."
    q = find(t, "dass das Gesetz")
    assert q.speaker == "Deutsche Vereinigung für Mieterschutz"
