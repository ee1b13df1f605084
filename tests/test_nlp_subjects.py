"""Speaker choice and resolution (rules/subjects.py, rules/resolve.py); more in test_nlp_speakers.py."""

import pytest

from factcheck.nlp import extract
from quote_helpers import find, speaker_mention


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


@pytest.mark.parametrize("text, claim, mention_text, name", [
    ("Nach Angaben der Polizei wurden drei Menschen verletzt.", "wurden drei", "Angaben der Polizei", "Polizei"),
    ("Verbraucher-Staatssekretär Matthias Berninger (Grüne) sagte, das Verbot komme.", "das Verbot",
     "Verbraucher-Staatssekretär Matthias Berninger (Grüne)", "Matthias Berninger"),
    ("Der Leiter des Programms, Klaus Stöhr, sagte, die Lage sei ernst.", "die Lage",
     "Der Leiter des Programms, Klaus Stöhr", "Leiter des Programms"),
    ("Das Gros der Nutzer sei vorsichtig, so Ursula Castrup, die Leiterin der Fachstelle.", "Das Gros",
     "Ursula Castrup, die Leiterin der Fachstelle", "Ursula Castrup"),
])
def test_speaker_span_covers_the_whole_mention(text, claim, mention_text, name):
    q = find(text, claim)
    assert speaker_mention(text, q) == mention_text and q.speaker == name


@pytest.mark.parametrize("text, claim, mention_text, name", [
    ("Nach Angaben von Augenzeugen wurden drei Menschen verletzt.", "wurden drei", "Angaben von Augenzeugen",
     "Augenzeugen"),
    ("Wie die Nachrichtenagentur „Nordpress“ berichtet, sei der Damm gebrochen.", "sei der Damm",
     "die Nachrichtenagentur „Nordpress“", "Nordpress"),
    ("Laut „Tagesbote“ ist der Damm gebrochen.", "ist der Damm", "„Tagesbote“", "Tagesbote"),
    ("Die Lage sei ernst, sagte der Sprecher der Fraktion im niedersächsischen Landtag, Jan Ott.", "Die Lage",
     "der Sprecher der Fraktion im niedersächsischen Landtag, Jan Ott", "Sprecher der Fraktion"),
    ("Die Lage sei ernst, sagte Ursula Berg, die Leiterin der Fachstelle für Suchtvorbeugung.", "Die Lage",
     "Ursula Berg, die Leiterin der Fachstelle für Suchtvorbeugung", "Ursula Berg"),
    ("Die Abgeordneten Jan Ott und Lea Berg forderten, die Schule zu erhalten.", "die Schule",
     "Die Abgeordneten Jan Ott und Lea Berg", "Lea Berg"),
    ("Der Betriebsrat und die Geschäftsleitung des Herstellers teilten mit, die Gespräche seien gescheitert.",
     "die Gespräche", "Der Betriebsrat und die Geschäftsleitung des Herstellers", "Geschäftsleitung des Herstellers"),
    ("Einer der 13 beteiligten Feuerwehrmänner sagte, das Feuer sei gelöscht.", "das Feuer",
     "Einer der 13 beteiligten Feuerwehrmänner", "beteiligten Feuerwehrmänner"),
])
def test_speaker_span_covers_owners_quoted_names_attachments_and_coordinated_subjects(text, claim, mention_text, name):
    q = find(text, claim)
    assert speaker_mention(text, q) == mention_text and q.speaker == name


@pytest.mark.parametrize("text, claim, speaker", [
    ("Auch die Ministerin Renate Schmidt (SPD) äußerte Vorbehalte und wagte die Prognose, die Wahl werde knapp.",
     "die Wahl werde", "Renate Schmidt"),
    ("Gegenüber der Zeitung berichtete der Reporter davon, dass er angerufen habe.", "dass er angerufen", "Reporter"),
    ("Des Weiteren verwies der Minister darauf, dass der Haushalt verfassungskonform sei.", "dass der Haushalt", "Minister"),
])
def test_subject_in_front_of_the_verb_after_adverbs(text, claim, speaker):
    assert find(text, claim).speaker == speaker


@pytest.mark.parametrize("text, claim, speaker", [
    ("Besorgt äußerte sich der Generalsekretär über die Gewalt, die in der Region zunehme.", "die in der Region",
     "Generalsekretär"),
    ("Erst am Montag hatte die Stadt zugesagt, die Brücke zu sanieren.", "die Brücke zu sanieren", "Stadt"),
])
def test_sentence_initial_adverbial_is_no_speaker(text, claim, speaker):
    assert find(text, claim).speaker == speaker


def test_agentless_passive_subject_is_what_was_said():
    t = ("Die Stadtverwaltung hat ihre Gebühren um sieben Prozent erhöht. Als Begründung wurde angegeben, die Bürger "
         "nutzten immer kleinere Tonnen.")
    q = find(t, "Als Begründung wurde angegeben")
    assert q.speaker == "Stadtverwaltung" and speaker_mention(t, q) == "Die Stadtverwaltung"


def test_passive_agents_vom_and_durch():
    t = "Zudem wurde die Regierung vom Lesbenverband aufgefordert, dem Sänger die Einreise zu verweigern."
    q = find(t, "dem Sänger")
    assert q.speaker == "Lesbenverband" and speaker_mention(t, q) == "vom Lesbenverband"
    t = "Die Beschwerde wurde durch den Sprecher des Vereins zurückgewiesen, die Vorwürfe seien haltlos."
    assert find(t, "die Vorwürfe seien").speaker == "Sprecher des Vereins"


@pytest.mark.parametrize("text, claim, name, mention", [
    # the passive agent after the auxiliary of a verb outside the lexicon
    ("Die Anwohner wurden von der Feuerwehr angewiesen, ihre Fenster geschlossen zu halten.", "ihre Fenster",
     "Feuerwehr", "der Feuerwehr"),
    # a speech noun after "als" is a predicate, not the source
    ("Die Autoren des Berichts sehen als wichtigste Aussage der Untersuchung, dass die Mieten weiter steigen.",
     "dass die Mieten", "Autoren des Berichts", "Die Autoren des Berichts"),
])
def test_passive_agent_after_the_auxiliary_and_speech_noun_after_als(text, claim, name, mention):
    q = find(text, claim)
    assert q.speaker == name and speaker_mention(text, q) == mention


def test_accusative_phrase_after_the_verb_is_no_subject_and_es_before_it_is():
    t = "Das Landgericht tagte drei Tage. Es wies den Antrag als unbegründet zurück, die Zeugen hätten sich widersprochen."
    q = find(t, "die Zeugen hätten")
    assert speaker_mention(t, q) == "Es" and q.speaker == "Landgericht"
    t = "Der Regen hielt an. Es wies den Antrag als unbegründet zurück, die Zeugen hätten sich widersprochen."
    q = find(t, "die Zeugen hätten")
    assert speaker_mention(t, q) == "Es" and q.speaker is None


def test_subject_of_a_verb_final_cue_stands_in_its_dass_clause():
    t = "Von Panikmache durch die Opposition wird gesprochen und dass eine kleine Gruppe behauptet, die Mehrheit zu vertreten."
    q = find(t, "die Mehrheit zu vertreten")
    assert speaker_mention(t, q) == "eine kleine Gruppe"


def test_es_after_the_verb_with_only_its_particle_following_is_the_subject():
    t = "Das Landgericht tagte drei Tage. Am Ende stellte es fest, dass die Zeugen sich widersprochen hätten."
    q = find(t, "dass die Zeugen")
    assert speaker_mention(t, q) == "es" and q.speaker == "Landgericht"


def test_passive_in_document_opening_the_sentence_before_a_relative_clause():
    t = ("In einer Stellungnahme des Ministeriums, auf die sich mehrere Medien berufen, wird die Entscheidung damit "
         "begründet, dass das Land vom Fischfang abhängig sei.")
    assert speaker_mention(t, find(t, "dass das Land")) == "einer Stellungnahme des Ministeriums"


def test_passive_in_a_document_of_intent():
    t = "Alle Mitarbeiter wurden gestern in einer Anweisung der Geschäftsleitung aufgefordert, das Gebäude zu verlassen."
    assert speaker_mention(t, find(t, "das Gebäude")) == "einer Anweisung der Geschäftsleitung"


def test_passive_in_a_relative_clause_of_a_document_is_said_in_the_document():
    t = "Die Bank schickte ihm ein Schreiben der Rechtsabteilung, in dem er darüber informiert wird, dass sein Konto gesperrt wurde."
    assert speaker_mention(t, find(t, "dass sein Konto")) == "ein Schreiben der Rechtsabteilung"


def test_relative_clause_closing_the_sentence_speaks_for_its_antecedent():
    t = "Die Angreifer hinterließen eine kurze Nachricht, welche die Techniker als „einen Haufen Anfänger“ bezeichnete."
    assert speaker_mention(t, find(t, "einen Haufen")) == "eine kurze Nachricht"


@pytest.mark.parametrize("text, mention", [
    ("Die Stadtwerke wurden gestern im „Kurier“ als „ein Staat im Staate“ bezeichnet.", "„Kurier“"),
    ("Die Stadtwerke wurden gestern in der „Neuen Presse“ als „ein Staat im Staate“ bezeichnet.", "der „Neuen Presse“"),
])
def test_passive_said_in_a_medium_named_in_quotation_marks(text, mention):
    assert speaker_mention(text, find(text, "ein Staat")) == mention


def test_subject_before_parentheses_with_commas():
    t = ("Bundespräsidentin Anna Beck (SPD) hat in einem Gespräch mit Jan Ott (Awoda, dt. etwa Arbeiterpartei) "
         "bekräftigt, das Land bekenne sich zu seiner Verantwortung.")
    assert find(t, "das Land bekenne").speaker == "Anna Beck"


def test_subject_of_a_verb_final_subordinate_clause():
    t = ("Obwohl der Finanzminister mit Mehreinnahmen von bis zu 3,5 Milliarden Euro rechnet, sei man von einer "
         "Entschuldung weit entfernt.")
    assert speaker_mention(t, find(t, "sei man")) == "der Finanzminister"
    t = ("Die Initiative Nord lehnt den Vorschlag ab, während die Initiative Süd den Plan unterstützt und fordert, "
         "dass der Löwe zur Flagge wird.")
    assert speaker_mention(t, find(t, "dass der Löwe")) == "die Initiative Süd"


def test_subject_before_an_apposition_that_precedes_the_participle():
    t = ("Erst vor zwei Tagen hatte der Investor für den Neubau, Lars Bergmann, zugesagt, nicht weiter über den Turm "
         "bestimmen zu wollen.")
    assert speaker_mention(t, find(t, "nicht weiter")).startswith("der Investor")


def test_adverb_and_prepositional_phrase_opening_the_sentence_is_no_subject():
    t = "Stellvertretend für die Kommission empfahl der EU-Kommissar Jan Fiala, Verhandlungen über einen Beitritt einzuleiten."
    assert find(t, "Verhandlungen über").speaker == "Jan Fiala"


def test_speech_noun_in_the_verbs_prepositional_object_is_no_source():
    t = "Die Forscher kamen zu dem Ergebnis, dass der Schmuck nie getragen worden sei."
    assert speaker_mention(t, find(t, "dass der Schmuck")) == "Die Forscher"


@pytest.mark.parametrize("text, claim, mention_text", [
    # "war" builds no perfect with a finite verb: "und die Anwohner befürchten" is a clause of its own
    ("Dies war nicht die erste Auseinandersetzung und die Anwohner befürchten, dass es nicht die letzte sein wird.",
     "dass es nicht", "die Anwohner"),
    # adverbs between the subject and its verb: seinerseits, selbst
    ("Die Behörde übergab dem Verband die Akten und der Verband seinerseits versprach, sich darum zu kümmern.",
     "sich darum", "der Verband"),
    ("Anna Berg selbst schrieb in einer Erklärung, sie wolle den Kollegen eine Abstimmung ersparen.", "sie wolle",
     "Anna Berg"),
])
def test_subject_of_a_coordinated_clause_and_after_adverbs(text, claim, mention_text):
    assert speaker_mention(text, find(text, claim)) == mention_text


def test_demonstrative_pronoun_after_the_verb_is_the_speaker():
    t = "Die Sängerin Anna Berg tritt im Finale auf. Für Anna Berg, so schrieb diese in einer Stellungnahme, sei es eine Ehre."
    q = find(t, "sei es eine Ehre")
    assert speaker_mention(t, q) == "diese" and q.speaker == "Anna Berg"


def test_relative_pronoun_speaker_is_named_after_its_antecedent():
    t = "Am Ende sprach Jan Ott, der erklärt hat, gegen das Paket stimmen zu wollen."
    q = find(t, "gegen das Paket")
    assert speaker_mention(t, q) == "der" and q.speaker == "Jan Ott"


@pytest.mark.parametrize("text, fragment, mention", [
    ("Der Sender zitierte den Minister mit den Worten: „Wir bleiben hart.“", "Wir bleiben", "den Minister"),
    ("„Wir bleiben hart“, zitierte man Anna Berg vom Sender Nordfunk.", "Wir bleiben", "Anna Berg vom Sender Nordfunk"),
    ("„Das ist falsch“, zitiert die Zeitung dazu den Bürgermeister.", "Das ist falsch", "den Bürgermeister"),
])
def test_active_zitieren_names_the_person_quoted(text, fragment, mention):
    assert speaker_mention(text, find(text, fragment)) == mention


def test_zitieren_aus_names_the_source_quoted_from():
    t = "Der Sender zitiert aus einem Bericht des Ministeriums, wonach die Schuld bei den Nachbarländern liege."
    q = find(t, "wonach die Schuld")
    assert speaker_mention(t, q) == "einem Bericht des Ministeriums" and q.speaker == "Ministeriums"


def test_zitieren_without_object_keeps_the_medium():
    t = "„Das ist falsch“, zitiert die Zeitung aus einem Bericht."
    assert speaker_mention(t, find(t, "Das ist falsch")) == "die Zeitung"


def test_possessive_object_after_the_verb_is_no_speaker():
    t = "Jan Ott, der am Abend Gelb sah, nannte seinen Platzverweis „überzogen“."
    q = find(t, "überzogen")
    assert speaker_mention(t, q) == "Jan Ott"
    assert not any(o.kind == "reported" for o in extract(t))


def test_fronted_possessive_object_leaves_the_subject_after_the_verb():
    t = ("Ihren Gegner Tom Rieger von der Opposition forderte Anna Berg auf, über einen Rücktritt nachzudenken. "
         "Sie habe ihre Niederlage akzeptiert und frage Rieger, ob nicht auch für ihn der Zeitpunkt gekommen sei.")
    q = find(t, "Sie habe ihre Niederlage")
    assert q.speaker == "Anna Berg"


@pytest.mark.parametrize("text, fragment, mention, name", [
    ("Der Minister Jan Ott bestritt diese Überlegungen jedoch, indem er sagte, eine engere Zusammenarbeit würde "
     "die Partnerschaft nicht ersetzen.", "eine engere Zusammenarbeit", "er", "Jan Ott"),
    ("Die Vorsitzenden des Vereins haben gegen die Erhöhung protestiert, da sie befürchten, viele Halter könnten "
     "sich die Tiere nicht mehr leisten.", "viele Halter könnten", "sie", None),
])
def test_speech_verb_of_an_adverbial_clause_has_the_claim(text, fragment, mention, name):
    q = find(text, fragment)
    assert q.kind == "indirect" and speaker_mention(text, q) == mention
    if name:
        assert q.speaker == name


def test_er_opening_an_adverbial_clause_is_the_main_subject():
    t = ("Präsident Tom Rieger bestritt die Pläne von Bundeskanzler Hans Berg, indem er sagte, eine engere "
         "Zusammenarbeit würde nichts ersetzen.")
    assert find(t, "eine engere Zusammenarbeit").speaker == "Tom Rieger"


def test_date_in_commas_does_not_end_the_clause_of_the_cue():
    t = ("Ein Hacker habe den Code geknackt. Dieses wurde von einem Vertreter der Firma am Donnerstag, dem "
         "28. Dezember 2006, angegeben.")
    q = find(t, "Ein Hacker habe")
    assert speaker_mention(t, q) == "einem Vertreter der Firma"


def test_possessive_in_er_opens_no_subject():
    t = "Zur Lage des Vereins und seiner neuen Aufgabe wird Ott auf der Internetseite wie folgt zitiert: „Es wird schwer.“"
    assert speaker_mention(t, find(t, "Es wird schwer")) == "Ott"


@pytest.mark.parametrize("text, fragment, mention", [
    ("Es gibt auch Stimmen, die dem früheren Minister vorwerfen, die Akten zu lange zurückgehalten zu haben.",
     "die Akten zu lange", "Stimmen"),
    ("Im Rat fand eine Resolution, die die Regierung auffordert, das Gesetz zurückzunehmen, eine Mehrheit.",
     "das Gesetz zurückzunehmen", "eine Resolution"),
])
def test_relative_pronoun_before_an_object_is_the_subject(text, fragment, mention):
    assert speaker_mention(text, find(text, fragment)) == mention


@pytest.mark.parametrize("text, fragment, mention", [
    ("Vor zwei Wochen hatte die Firma den Behörden angeboten, den Müll zu entsorgen.", "den Müll", "die Firma"),
    ("Vor fünf Wochen hatte die Firma den Behörden angeboten, den Müll zu entsorgen.", "den Müll", "die Firma"),
    ("Im März hatte Jan Ott ein Buch veröffentlicht. Seit August 2013 vertritt er die These, dass die Partei versagt "
     "habe.", "dass die Partei", "er"),
])
def test_number_or_year_is_no_clause_verb(text, fragment, mention):
    assert speaker_mention(text, find(text, fragment)) == mention


def test_time_phrase_with_a_degree_adverb_is_no_speaker():
    t = "Vor etwa vier Jahren hatte die Firma den Behörden angeboten, den Müll zu entsorgen."
    assert speaker_mention(t, find(t, "den Müll")) == "die Firma"


def test_carried_over_speaker_takes_the_nearest_mention_of_its_name():
    t = ("Finanzministerin Anna Berg sagte am Montag, der Haushalt sei ausgeglichen. Vor dem Ausschuss hatte Berg "
         "zuvor neue Zahlen vorgelegt. Erstmals seit Jahren sei die Verschuldung gesunken.")
    q = find(t, "Erstmals seit Jahren")
    assert q.speaker == "Anna Berg" and q.speaker_start == t.index("Berg zuvor") and speaker_mention(t, q) == "Berg"
    # after a preposition the name is no mention of the speaker
    t = ("Finanzministerin Anna Berg sagte am Montag, der Haushalt sei ausgeglichen. Im Ausschuss gab es Streit mit "
         "Berg. Erstmals seit Jahren sei die Verschuldung gesunken.")
    assert speaker_mention(t, find(t, "Erstmals seit Jahren")) == "Finanzministerin Anna Berg"


def test_fronted_thing_before_a_bare_name_is_the_object():
    t = "Eine Verschiebung der Wahl bezeichnete Berg als fatal, weil die Bürger seit Jahren warteten."
    assert speaker_mention(t, find(t, "weil die Bürger")) == "Berg"
    # a pronoun or a group of people in front is the subject
    t = "Einige Abgeordnete der Partei haben Berg geschrieben, dass die Wahl verschoben werden müsse."
    assert speaker_mention(t, find(t, "dass die Wahl")) == "Einige Abgeordnete der Partei"


def test_free_indirect_speech_after_a_sentence_whose_subject_is_a_bare_name():
    t = ("„Wir sind ein offenes Buch.“ Dies sagte der Präsident des Unternehmens am Montag. Larson gab sich in seiner "
         "Stellungnahme betont optimistisch. Man sei für die Zukunft gut aufgestellt.")
    q = find(t, "Man sei für die Zukunft")
    assert q.kind == "free_indirect" and speaker_mention(t, q) == "Larson"
    # a thing opening the sentence before names no one: the last speaker goes on
    t = ("„Wir sind ein offenes Buch.“ Dies sagte der Präsident des Unternehmens am Montag. Besondere Probleme "
         "machten die Triebwerke. Man sei für die Zukunft gut aufgestellt.")
    assert speaker_mention(t, find(t, "Man sei für die Zukunft")) == "der Präsident des Unternehmens"


def test_colon_frame_with_a_fronted_thing_and_a_name_after_the_verb():
    t = "Jegliche Mitverantwortung an der Affäre weist Hartmann von sich: „Das ist nicht meine Aufgabe.“"
    assert speaker_mention(t, find(t, "Das ist nicht")) == "Hartmann"
    t = "Ein Sprecher der Polizei im Bezirk: „Das ist nicht unsere Aufgabe.“"
    assert speaker_mention(t, find(t, "Das ist nicht")) == "Ein Sprecher der Polizei"


def test_subject_after_an_expletive_es():
    t = "Weil der Fahrer betrunken war, sah es das Gericht als erwiesen an, dass er den Unfall verursacht habe."
    assert speaker_mention(t, find(t, "dass er den Unfall")) == "das Gericht"


def test_dative_addressee_after_the_verb_is_no_speaker():
    t = "„Wir sind zufrieden“, sagte der Zeitung die Sprecherin des Verbands, Petra Horn."
    assert speaker_mention(t, find(t, "Wir sind zufrieden")) == "die Sprecherin des Verbands, Petra Horn"
    t = "„Das war ein Fehler“, sagte dem Sender der Minister."
    assert speaker_mention(t, find(t, "Das war ein Fehler")) == "der Minister"
    # "der" before a thing is the subject's article
    t = "„Das war ein Fehler“, sagte der Berliner das Spiel."
    assert speaker_mention(t, find(t, "Das war ein Fehler")) == "der Berliner"


def test_speech_noun_before_its_addressee_is_the_source():
    t = "Hier besteht lediglich der Vorwurf der Regierung an die Firma, Steuern zu hinterziehen."
    q = find(t, "Steuern zu hinterziehen")
    assert speaker_mention(t, q) == "der Vorwurf der Regierung"


def test_quoted_name_after_the_verb_is_the_subject():
    t = "Ende Januar verkündete die „Aktion Mensch“ dann offiziell, dass man sich bewerben werde."
    q = find(t, "dass man sich")
    assert q.speaker == "Aktion Mensch" and t[q.speaker_start : q.speaker_end] == "die „Aktion Mensch“"
