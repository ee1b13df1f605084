"""Speech over several sentences (rules/continuation.py): free indirect speech, quotations standing alone, demonstratives."""

import pytest

from factcheck.nlp import extract
from quote_helpers import find, speaker_mention


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


def test_demonstrative_hands_the_claim_to_the_previous_sentence_only():
    t = ("Der Präsident kündigte neue Hilfen für Familien an. "
         "Das wurde vom Presseamt der Regierung am Montag bekannt gegeben.")
    assert [q.text for q in extract(t)] == ["Der Präsident kündigte neue Hilfen für Familien an"]


@pytest.mark.parametrize(
    "text, claim",
    [
        ("Die Partei schließt eine Koalition mit der SPD aus. Dies bestätigte der Parteivorsitzende am Abend.",
         "Die Partei schließt eine Koalition mit der SPD aus"),
        ("Medwedew schwieg. Das meldete die Agentur.", "Medwedew schwieg"),
    ],
)
def test_demonstrative_takes_up_the_previous_sentence_as_claim(text, claim):
    q = find(text, claim)
    assert q.kind == "reported" and q.text == claim


def test_a_konjunktiv_claim_after_a_main_clause_with_a_speaker_subject_is_that_subjects():
    t = ("Der Fahrgastverband Pro Bahn kritisierte die Maßnahme. "
         "Die BVG begegnet der Kritik mit dem Argument, die Züge seien meist unterirdisch unterwegs.")
    q = find(t, "die Züge seien")
    assert q.speaker == "BVG"  # indirect: the clause after „mit dem Argument“ is the noun's content (content_nouns.txt)


def test_modal_of_wish_after_reported_speech_is_no_continuation():
    said = "Der Sprecher Ole Brandt sagte, der Verein sei schuldenfrei. "
    assert [q.text for q in extract(said + "Der Trainer möchte im Sommer neue Spieler verpflichten.")] == ["der Verein sei schuldenfrei"]
    free = find(said + "Der Trainer könnte im Sommer neue Spieler verpflichten.", "Der Trainer")
    assert free.kind == "free_indirect" and free.speaker == "Ole Brandt"


def test_free_indirect_after_a_subject_that_cannot_speak_has_no_speaker():
    t = "Ein erster Versuch scheiterte am Montag. Die Maschine sei zu schwer gewesen."
    q = find(t, "Die Maschine")
    assert (q.kind, q.speaker, q.speaker_start) == ("free_indirect", None, None)
    assert find("Die Feuerwehr löschte den Brand am Montag. Die Maschine sei zu schwer gewesen.", "Die Maschine").speaker == "Feuerwehr"


def test_free_indirect_with_fronted_phrase_starts_with_the_sentence():
    t = ("Die Sprecherin der Feuerwehr sagte, das Feuer sei gelöscht. "
         "Bei dem Einsatz, der bis zum Morgen dauerte, sei niemand verletzt worden.")
    free = find(t, "Bei dem Einsatz")  # the verb-second Konjunktiv clause owns what is fronted before its comma
    assert free.kind == "free_indirect" and free.text.endswith("verletzt worden")


def test_free_indirect_after_fronted_phrases_without_a_verb_starts_with_the_sentence():
    t = ("Der Sprecher der Stadt sagte, die Lage sei ernst. "
         "Angesichts der hohen Kosten, der langen Dauer und der vielen Risiken sei das Projekt nicht zu halten.")
    assert find(t, "Angesichts der hohen Kosten").kind == "free_indirect"  # no narrator clause before the comma


def test_an_adjective_after_a_determiner_is_no_konjunktiv():
    t = ("Der Sprecher sagte, die Klage sei eingereicht. "
         "Die Vertreter der Kläger erwarten keine schnelle Entscheidung des Gerichts.")  # "schnelle", not Konjunktiv I
    assert not [q for q in extract(t) if q.text.startswith("Die Vertreter")]


def test_speech_verb_participle_under_a_konjunktiv_main_clause_continues_the_speaker():
    # "bestätigt" is a participle under "sei": the sentence is the lawyer's reported speech, not a frame
    t = ("Der Anwalt Jan Ott sagte, sein Mandant sei unschuldig. "
         "Diese Angabe sei durch ein Gutachten der Klinik bestätigt worden.")
    free = find(t, "Diese Angabe")
    assert free.kind == "free_indirect" and free.speaker == "Jan Ott"


def test_speech_verb_after_a_konjunktiv_subordinate_clause_is_the_narrators():
    t = ("Der Anwalt Jan Ott sagte, sein Mandant sei unschuldig. "
         "Während der Verband nichts ändern wolle, bestätigte das Gericht das Urteil gegen den Mann.")
    assert not [q for q in extract(t) if q.text.startswith("Während")]


def test_konjunktiv_cue_of_a_demonstrative_subject_frames_its_own_claim():
    t = ("Die Staatsanwaltschaft gibt an, der Mann werde von seinem Fahrer belastet. "
         "Dieser behaupte, der Mann sei ihm mit einer Pistole entgegengekommen.")
    q = find(t, "der Mann sei")
    assert q.text == "der Mann sei ihm mit einer Pistole entgegengekommen" and speaker_mention(t, q) == "Dieser"
