"""Quotation marks (rules/quoted.py, rules/titles.py): direct, partial and scare quotes, names and titles."""

import pytest

from factcheck.nlp import extract
from quote_helpers import find, nested, speaker_mention


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


def test_role_and_name():
    t = "Zu Bidens Entscheidung sagte Wladimir Putins Pressesprecher Dmitri Peskow, Washington gieße „Öl ins Feuer“."
    ind = find(t, "Washington gieße")
    assert ind.kind == "indirect" and ind.speaker == "Dmitri Peskow" and ind.speaker_type == "person"
    assert speaker_mention(t, ind) == "Wladimir Putins Pressesprecher Dmitri Peskow"
    part = find(t, "Öl ins Feuer")
    assert part.kind == "partial" and part.speaker == "Dmitri Peskow"


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


def test_quoted_word_after_a_separable_core_verb_is_the_speakers_own():
    for cue in ("sagte", "teilte mit", "fügte hinzu"):
        verb, _, particle = cue.partition(" ")
        t = f"Der Minister {verb}{' ' + particle if particle else ''}, solche Behauptungen seien „Unsinn“."
        if particle:
            t = f"Der Minister {verb} am Abend {particle}, solche Behauptungen seien „Unsinn“."
        assert find(t, "Unsinn").kind == "partial", t


def test_single_quoted_noun_inside_a_claim_is_a_term_not_a_quotation():
    t = "Der Anwalt widersprach, die Band „Landser“ habe niemanden verunglimpft."
    assert [q.kind for q in extract(t)] == ["indirect", "scare"]
    ship = "Der Reeder widersprach, die „Nordstern 2“ habe den Hafen nie verlassen."
    assert [q.kind for q in extract(ship)] == ["indirect", "scare"]
    said = "Die Ministerin sagte, solche Vorwürfe seien „Unsinn“."  # after a core verb of saying, the speaker's word
    assert find(said, "Unsinn").kind == "partial" and find(said, "Unsinn").speaker == "Ministerin"


def test_subject_with_quoted_name_before_cue_is_no_claim():
    t = "Maria Kowalski, Sprecherin der Initiative „Clean Air Alliance“, kritisierte die Entscheidung des Rates."
    assert all(q.kind == "scare" or "kritisierte" in q.text for q in extract(t))


@pytest.mark.parametrize("text, name", [
    ("Der Hersteller teilte mit, betroffen seien die Beiwagen „c4“ und „c5“.", "c4"),
    ("Laut Polizei fuhr der Bus der Linie „m7“ zu schnell.", "m7"),
])
def test_quoted_word_with_a_digit_is_a_name(text, name):
    assert find(text, name).kind == "scare"


def test_a_quoted_phrase_after_an_indefinite_article_is_no_name():
    t = "Der Landrat sprach von einer „Gefahr für Leib und Leben“."
    q = find(t, "Gefahr für Leib und Leben")
    assert (q.kind, q.speaker) == ("partial", "Landrat")


@pytest.mark.parametrize("text, term", [
    # a name the subject gives itself
    ("Die Messe zieht im Herbst nach Leipzig. Dann nennt sie sich „Buchwelt 24“ und dauert fünf Tage.", "Buchwelt 24"),
    # a name listed as the object of "nennen"
    ("Der Jahresbericht des Verbands nennt „Pixelhaus“ als wichtigsten Anbieter.", "Pixelhaus"),
    # a term in an agentless passive
    ("Die Forscher messen den Strom, der von der Sonne ausgeht und als „Glutwind“ bezeichnet wird.", "Glutwind"),
    # a title noun in the plural
    ("Die Firma teilte mit, sie baue die Modelle „Falke“ weiter.", "Falke"),
    ("Der Sprecher sagte, die Zeitungen „Morgenruf“ und „Abendblatt“ würden eingestellt.", "Morgenruf"),
])
def test_quotation_named_by_a_naming_verb_is_no_speech(text, term):
    q = find(text, term)
    assert (q.kind, q.speaker) == ("scare", None)


@pytest.mark.parametrize("text, label, speaker", [
    ("Die Ministerin nannte den Plan „einen Schritt zurück“.", "einen Schritt zurück", "Die Ministerin"),
    ("Der Verband bezeichnete die Reform als „verfehlt“.", "verfehlt", "Der Verband"),
    ("Der Plan wird von Kritikern als „Luftschloss“ bezeichnet.", "Luftschloss", "Kritikern"),
    # after "als", with no verb of naming: the words of the sentence's named subject
    ("Die Gewerkschaft feierte das Urteil als „großen Sieg für die Beschäftigten“.", "großen Sieg", "Die Gewerkschaft"),
    ("Die Justizministerin wies den Vorwurf am Montag als „Unfug“ zurück.", "Unfug", "Die Justizministerin"),
    ("Der Landrat verspottete den Entwurf als einen „Papiertiger“.", "Papiertiger", "Der Landrat"),
])
def test_quoted_label_stays_speech(text, label, speaker):
    q = find(text, label)
    assert q.kind == "partial" and speaker in text[q.speaker_start : q.speaker_end]


def test_direct_quotation_that_ends_a_complement_clause_is_part_of_the_claim():
    t = "Die Ministerin betonte, unter den Bewerbern seien „viele Frauen, die Erfahrung im Umgang mit Kindern haben.“"
    claim, quoted = nested(t, "unter den Bewerbern", "viele Frauen")
    assert claim.kind == "indirect" and claim.cue == "betonte" and quoted.kind == "direct"


@pytest.mark.parametrize("text, term", [
    ("Der Abgeordnete galt lange als „Rebell der Fraktion“.", "Rebell der Fraktion"),
    ("Der Minister ist in der Partei als „Zahlenmensch“ beliebt.", "Zahlenmensch"),
    ("Die Stadt wurde als „Hauptstadt des Radsports“ ausgezeichnet.", "Hauptstadt des Radsports"),
    ("Die Ministerin präsentiert sich gern als „Anwältin der Pendler“.", "Anwältin der Pendler"),
])
def test_quoted_status_after_als_stays_scare(text, term):
    q = find(text, term)
    assert (q.kind, q.speaker) == ("scare", None)


def test_quoted_gloss_in_parentheses_after_a_quoted_name_is_no_speech():
    t = "Nach UNO-Angaben stieg die Zahl der Toten der Operation „Stählerne Wand“ („steel wall“) auf 900."
    q = find(t, "steel wall")
    assert (q.kind, q.speaker) == ("scare", None)


def test_quotation_listed_after_a_quoted_name_is_a_name_too():
    t = "Als Beispiele nannte der Hersteller die Modelle „Falke“ und „Adler“."
    assert [(q.kind, q.speaker) for q in (find(t, "Falke"), find(t, "Adler"))] == [("scare", None), ("scare", None)]


def test_inverted_closing_frame_with_a_verb_outside_the_lexicon_names_the_speaker():
    t = "Der Kandidat gab sich kämpferisch. „Ich trete an als ein Konservativer“, strich Romney in seiner Rede heraus."
    q = find(t, "Ich trete an")
    assert q.speaker == "Romney" and t[q.speaker_start : q.speaker_end] == "Romney"
    t = "Er war früher Trainer in München. „Guten Tag, ich bin wieder da“, mit diesen Worten meldete er sich zurück."
    q = find(t, "Guten Tag")
    assert t[q.speaker_start : q.speaker_end] == "er"
    t = "Die Proteste gehen weiter. „Wo ist meine Stimme?“, wollen die Demonstranten in der Hauptstadt wissen."
    q = find(t, "Wo ist meine Stimme")
    assert t[q.speaker_start : q.speaker_end] == "die Demonstranten"
    t = "„Wir werden siegen“, so lautet der Titel einer Studie."
    assert find(t, "Wir werden").speaker is None  # "so" opens no frame here
