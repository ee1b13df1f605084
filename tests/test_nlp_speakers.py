"""Speaker phrases for the detector's quotations: passives, inversions, pronouns, quoted names."""

import pytest

from factcheck.nlp import extract
from quote_helpers import find


def mention(text, q):
    return text[q.speaker_start : q.speaker_end] if q.speaker_start is not None else None


def test_passive_agent_is_the_speaker():
    t = "Die Pläne wurden von Landrätin Petra Albers als überzogen bezeichnet, weil sie Geld kosten würden."
    assert "Petra Albers" in mention(t, find(t, "weil sie Geld"))


def test_passive_agent_in_quotation_marks_stays_a_name():
    t = "Der Trainer wird von der „Abendpost“ mit den Worten zitiert: „Wir haben heute gut gespielt.“"
    q = find(t, "Wir haben heute")
    assert mention(t, q) == "der „Abendpost“" and q.speaker == "Abendpost"
    assert all(x.kind == "scare" for x in extract(t) if x.text == "Abendpost")


def test_passive_in_a_document():
    t = "In einem Bericht der Stadtwerke wurde vermutet, dass die Leitung schon lange undicht gewesen sei."
    assert "Bericht der Stadtwerke" in mention(t, find(t, "dass die Leitung"))


def test_newspaper_name_in_quotation_marks():
    t = "Die „Neue Rundschau“ hatte am Montag berichtet, dass der Bürgermeister zurücktreten wolle."
    q = find(t, "dass der Bürgermeister")
    assert mention(t, q) == "Die „Neue Rundschau“" and q.speaker == "Neue Rundschau"


def test_demonstrative_and_lowercase_subjects():
    t = "Der Zeuge meldete sich bei der Polizei. Dieser behauptete, er habe den Täter gesehen."
    assert mention(t, find(t, "er habe den Täter")) == "Dieser"
    t = "Die taz vermutet, dass die Daten schon lange weitergegeben werden."
    assert mention(t, find(t, "dass die Daten")) == "Die taz"


def test_parenthesis_and_attachments_before_the_verb():
    t = "Die Ministerin Anna Berger (SPD) kündigte an, dass die Schulen im Herbst saniert würden."
    assert "Anna Berger" in mention(t, find(t, "dass die Schulen im Herbst"))
    t = "Jana Roth vom Institut für Meereskunde in Kiel erklärte, dass das Wasser wärmer geworden sei."
    assert mention(t, find(t, "dass das Wasser")).startswith("Jana Roth vom Institut")


def test_subject_after_the_verb():
    t = "Den Vorschlag der Opposition lehnte der Finanzminister am Abend ab: „Das können wir uns nicht leisten.“"
    assert mention(t, find(t, "Das können wir")) == "der Finanzminister"
    t = "Weil die Kosten steigen, warnte die Sprecherin der Verbraucherzentrale vor höheren Preisen: „Das trifft alle.“"
    assert "Sprecherin" in mention(t, find(t, "Das trifft alle"))


def test_addressee_is_not_the_speaker():
    t = "Der Gewerkschaftschef Paul Brandt sagte gegenüber der Nachrichtenagentur: „Wir streiken weiter.“"
    assert "Paul Brandt" in mention(t, find(t, "Wir streiken"))


def test_verbless_colon_frame():
    t = "Die Stimmung im Saal war angespannt. Ein Sprecher der Feuerwehr: „Wir haben alles unter Kontrolle.“"
    assert mention(t, find(t, "Wir haben alles")) == "Ein Sprecher der Feuerwehr"


def test_claim_pronoun_in_front_is_no_speaker():
    t = "Die Brücke bleibt bis Juni gesperrt. Dies bestätigte der Sprecher der Stadtverwaltung am Montag."
    assert [mention(t, q) for q in extract(t) if q.speaker_start is not None] == ["der Sprecher der Stadtverwaltung"]


def test_auxiliary_post_frame():
    t = "„Wir bauen das Werk aus“, hatte der Firmenchef Jonas Weber in einem Interview erklärt. Das Werk wächst."
    assert "Jonas Weber" in mention(t, find(t, "Wir bauen das Werk"))


def test_verb_with_an_adjective_ending_is_the_cue_of_a_dass_clause():
    t = "Die Sprecherin verwies darauf, dass die Regierung keinen Rückhalt im Parlament hat."
    assert mention(t, find(t, "dass die Regierung")) == "Die Sprecherin"
    t = "Der Bürgermeister Karl Sommer erteilte der Feuerwehr den Auftrag, die Straße zu räumen."
    assert "Karl Sommer" in mention(t, find(t, "die Straße zu räumen"))


def test_parenthesis_with_a_comma_inside_the_speaker_phrase():
    t = "Anna Berg von der Behörde für Umwelt (Environment Agency, EA) sagte, die Flüsse seien sauberer geworden."
    assert mention(t, find(t, "die Flüsse seien")).startswith("Anna Berg")


def test_relative_clause_inside_the_speaker_phrase():
    t = "Ein hoher Beamter, den die Zeitung Le Monde zitiert, kommentierte, die Erklärung sei überflüssig."
    q = find(t, "die Erklärung sei")
    assert mention(t, q) == "Ein hoher Beamter"
    t = "Jan Ober von der Erdbebenwarte, die die Stärke zuerst mit 5,1 angegeben hatte, sagte, dass solche Beben selten seien."
    q = find(t, "dass solche Beben")
    assert mention(t, q).startswith("Jan Ober")


def test_demnach_is_the_mention_of_the_previous_source():
    t = "Die Jury hat am Abend ihre Entscheidung bekannt gegeben. Demnach erhält der Film aus Polen den Hauptpreis."
    q = find(t, "erhält der Film")
    assert mention(t, q) == "Demnach" and q.speaker == "Jury"


def test_so_frame_with_a_prepositional_phrase_after_the_speaker():
    t = "„Wir wollen auch den jungen Fans etwas bieten“, so Vereinschef Paul Neumann zu den Gründen des Vereins."
    assert mention(t, find(t, "Wir wollen auch")) == "Vereinschef Paul Neumann"
    t = "Ein solches Verfahren sei unüblich, so Anna Berg gegenüber der Zeitung."
    assert mention(t, find(t, "Ein solches Verfahren")) == "Anna Berg"


def test_relative_frame_takes_the_subject_after_the_relative_pronoun():
    t = "Festgenommen wurde ein 30-jähriger Mann, von dem die Polizei glaubt, er sei für den Überfall verantwortlich."
    assert mention(t, find(t, "er sei für den")) == "die Polizei"


def test_lowercase_channel_name_ends_the_speaker_phrase():
    t = "Ein Reporter des Senders n-tv berichtete, dass die Regierung keinen Rückhalt mehr habe."
    assert mention(t, find(t, "dass die Regierung")) == "Ein Reporter des Senders n-tv"


def test_object_in_front_of_a_colon_frame():
    t = "Die Anwendung der Regel stellte der Vorsitzende Franz Maier ebenfalls in Frage: „Das ist nicht lebensnah.“"
    assert mention(t, find(t, "Das ist nicht")) == "der Vorsitzende Franz Maier"
    t = "Die Hilfe für Kranke lehnt er jedoch ab: „Wir lassen das nicht zu.“"
    assert mention(t, find(t, "Wir lassen das")) == "er"


def test_adverb_and_verb_before_the_subject():
    t = "Auch lehnte Angela Berger den Vorschlag ab: „Das kommt nicht in Frage.“"
    q = find(t, "Das kommt nicht")
    assert mention(t, q) == "Angela Berger" and q.speaker == "Angela Berger"


def test_plural_verb_after_the_subject_noun():
    t = "Beobachter halten es jedoch für unwahrscheinlich, dass das Gericht die Entscheidung aufhebt."
    assert mention(t, find(t, "dass das Gericht")) == "Beobachter"


def test_konjunktiv_auxiliary_before_the_participle_cue():
    t = "Die Zeugin berichtete vom Prozess. Ihre Mandantin sei davon ausgegangen, dass der Richter die Polizei rufe."
    assert mention(t, find(t, "dass der Richter")) == "Ihre Mandantin"


def test_subject_of_a_waehrend_clause():
    t = "Während Premierminister Paul Berger ankündigte, den Vorschlag prüfen zu lassen, lehnt die Partei ihn ab."
    assert mention(t, find(t, "den Vorschlag prüfen")) == "Premierminister Paul Berger"


def test_double_space_before_the_verb():
    t = "Der spanische Innenminister Paul Berger  sagte gestern, man erwäge rechtliche Schritte."
    assert mention(t, find(t, "man erwäge")) == "Der spanische Innenminister Paul Berger"


def test_wie_frame_with_a_quoted_or_web_name():
    t = "Wie die „Aktion Mensch“ heute mitteilte, werde die Hilfe fortgesetzt."
    q = find(t, "werde die Hilfe")
    assert mention(t, q) == "die „Aktion Mensch“" and q.speaker == "Aktion Mensch"
    t = "Wie t-online.de berichtet, ist der neue Trailer veröffentlicht worden."
    assert mention(t, find(t, "ist der neue Trailer")) == "t-online.de"


def test_claim_of_a_speech_or_intent_noun_is_the_noun_phrase():
    t = "Der Ausbruch gelang trotz einer Warnung der Wärter, auf fliehende Häftlinge zu schießen."
    assert mention(t, find(t, "auf fliehende")) == "einer Warnung der Wärter"
    t = "Der Präsident erteilte der Armee den Befehl, den Menschen im Süden zu helfen."
    assert mention(t, find(t, "den Menschen im Süden")) == "Der Präsident"


def test_singular_sie_after_an_organisation_names_the_organisation():
    t = "Der Minister Paul Berger will Soldaten einsetzen. Der Plan wurde von der Gewerkschaft der Polizei abgelehnt. Sie bezeichnet diese Lösung als Irrweg."
    q = find(t, "Sie bezeichnet")
    assert mention(t, q) == "Sie" and q.speaker == "Gewerkschaft der Polizei"
    t = "Die Ministerin Anna Berger sprach in Berlin. Sie sagte, das Geld reiche nicht."
    assert find(t, "das Geld reiche").speaker == "Anna Berger"


def test_subject_after_the_conjunction_of_a_verb_final_clause():
    t = "Der Streit begann, nachdem die Partei auf nationaler Ebene entschieden hatte, die Delegierten zu bestrafen."
    assert mention(t, find(t, "die Delegierten zu")) == "die Partei"


def test_heisst_es_with_a_prepositional_source():
    t = "Aus Paris hieß es, das Vorgehen sei eine schwere Verletzung des Abkommens."
    assert mention(t, find(t, "das Vorgehen sei")) == "Paris"
    t = "Die Lage sei ruhig, hieß es beim Sender Radio Nord."
    assert mention(t, find(t, "Die Lage sei")) == "Sender Radio Nord"
    t = "Der Preis geht nach Kiel. „Sie hat die Medizin vorangebracht“, heißt es auf der Webseite der Stiftung."
    assert mention(t, find(t, "Sie hat die Medizin")) == "der Webseite der Stiftung"


def test_sentence_ending_in_a_speech_verb_announces_the_next_quotation():
    t = "Die Armee will die Stellungen räumen. Die Sprecherin Anna Berg fügte hinzu. „Wir werden einige Gebiete aufgeben.“"
    assert mention(t, find(t, "Wir werden einige")) == "Die Sprecherin Anna Berg"


def test_pronoun_after_a_fronted_adverb_is_the_subject():
    t = "Bei den Kundgebungen kam es zu Rangeleien. Auch sie forderten den Rücktritt der Regierung."
    assert mention(t, find(t, "Auch sie forderten")) == "sie"


def test_quoted_paper_name_after_a_closing_frame():
    t = "„Er war der kreative Kopf der Band“, schrieb „Die Woche“ in einem Nachruf."
    assert mention(t, find(t, "Er war der kreative")) == "„Die Woche“"


def test_so_frame_with_a_demonstrative():
    t = "Die Aktivistin verteilte Flugblätter. „Das Elend der Tiere geht weiter“, so letztere."
    assert mention(t, find(t, "Das Elend der Tiere")) == "letztere"


def test_fronted_adverb_or_preposition_is_no_speaker():
    t = "Sinngemäß hofft der Firmenchef also, dass der nächste Start bald erfolgt."
    assert mention(t, find(t, "dass der nächste Start")) == "der Firmenchef"
    t = "Bezüglich des Startortes meldet die Nachrichtenagentur Xinhua, die Maschine sei in Jayapura gestartet."
    assert mention(t, find(t, "die Maschine sei")) == "die Nachrichtenagentur Xinhua"


def test_apposition_between_the_verb_and_its_particle():
    t = "Zu dieser Zeit ging Anna Berg, die Anwältin der Frau, noch davon aus, dass der Haftbefehl vollstreckt würde."
    q = find(t, "dass der Haftbefehl")
    assert mention(t, q) == "Anna Berg, die Anwältin der Frau" and q.speaker == "Anna Berg"  # the whole mention


def test_quotation_after_a_sentence_with_a_named_subject():
    t = "Die Gewerkschaft will am Streik festhalten. „Wir wollen einen fairen Abschluss.“"
    assert mention(t, find(t, "Wir wollen einen")) == "Die Gewerkschaft"


def test_relative_pronoun_subject_with_a_long_middle_field():
    t = "Gewählt wurde Paul Berger, der in einer ersten Stellungnahme vor dem Parlament betonte, er gehöre keiner Partei an."
    assert mention(t, find(t, "er gehöre keiner")) == "der"


def test_quoted_name_opening_the_sentence():
    t = "„Datenfuchs42“ erwähnte auch, dass er weiteren Quellcode veröffentlichen werde."
    assert mention(t, find(t, "dass er weiteren")) == "„Datenfuchs42“"


def test_time_word_inside_a_quoted_paper_name():
    t = "Die Wochenzeitung „Die Woche“ meldet, die Journalistin habe die Angaben des Militärs bezweifelt."
    assert mention(t, find(t, "die Journalistin habe")) == "Die Wochenzeitung „Die Woche“"


# ---------------------------------------------------------------- display names and speaker types


def test_attachment_after_a_name_is_dropped_from_the_display_name():
    t = "Jana Korte von der Landesbehörde für Wasserwirtschaft sagte, der Fluss sei wieder sauber."
    q = find(t, "der Fluss sei")
    assert (q.speaker, q.speaker_type) == ("Jana Korte", "person")
    t = "Paul Seidel von Human Rights Watch sagte, die Gefangenen würden schlecht behandelt."
    assert find(t, "die Gefangenen").speaker == "Paul Seidel"


def test_name_with_particle_at_the_sentence_start():
    t = "Von der Heyden betonte, die Stadt werde den Bau des Bades fortsetzen."
    q = find(t, "die Stadt werde")
    assert mention(t, q) == "Von der Heyden" and q.speaker_type == "person"


def test_name_with_particle_in_the_middle():
    t = "Die Sitzung begann spät. Karl von Weizsäcker sagte, die Kommission habe gute Arbeit geleistet."
    assert find(t, "die Kommission habe").speaker == "Karl von Weizsäcker"


def test_quoted_name_after_a_kind_noun_keeps_its_article():
    t = "Die Zeitschrift „Die Gartenwelt“ berichtete, der Sommer sei für Rosen zu trocken gewesen."
    q = find(t, "der Sommer sei")
    assert (q.speaker, q.speaker_type) == ("Die Gartenwelt", "organization")


def test_kind_noun_before_an_agency_name_is_dropped():
    t = "Die türkische Nachrichtenagentur Anadolu meldete, die Brücke sei eingestürzt."
    q = find(t, "die Brücke sei")
    assert (q.speaker, q.speaker_type) == ("Anadolu", "organization")


def test_unnamed_role_holders_and_groups_are_anonymous():
    t = "Ein Mitarbeiter des Rathauses sagte, die Akten seien verschwunden."
    q = find(t, "die Akten seien")
    assert (q.speaker, q.speaker_type) == ("Mitarbeiter des Rathauses", "anonymous")
    t = "Beobachter rechnen damit, dass die Regierung bald zurücktritt."
    assert find(t, "dass die Regierung").speaker_type == "anonymous"
    t = "Aus Regierungskreisen hieß es, der Haushalt werde verschoben."
    assert find(t, "der Haushalt werde").speaker_type == "anonymous"


def test_definite_role_holder_is_a_person():
    t = "Der Angeklagte sagte, er habe das Auto nicht gestohlen."
    q = find(t, "er habe das Auto")
    assert (q.speaker, q.speaker_type) == ("Angeklagte", "person")


def test_things_are_no_persons():
    t = "Das Ergebnis zeigte, dass die Brücke saniert werden muss."
    q = find(t, "dass die Brücke")
    assert (q.speaker, q.speaker_type) == ("Ergebnis", "unknown")


def test_organisation_by_ending_and_genitive():
    t = "Nach Angaben des Bundesnachrichtendienstes sei der Anschlag vereitelt worden."
    q = find(t, "sei der Anschlag")
    assert q.speaker_type == "organization"
    t = "Das Landesamt für Statistik teilte mit, die Zahl der Geburten sei gestiegen."
    assert find(t, "die Zahl der Geburten").speaker_type == "organization"


def test_media_name_is_an_organisation():
    t = "Die Chicago Tribune berichtete, der Senator wolle zurücktreten."
    q = find(t, "der Senator wolle")
    assert (q.speaker, q.speaker_type) == ("Chicago Tribune", "organization")


def test_possessive_source_names_the_person():
    t = "Die Abgeordnete Maria Lindner hielt eine Rede. Der Plan sei ihrer Meinung nach zu teuer."
    q = find(t, "Der Plan sei")
    assert q.speaker == "Maria Lindner"


def test_surname_of_a_named_person_stays_a_person():
    t = "Der Abgeordnete Heinz Kessel kam zu spät. „Die Bahn war voll“, so Kessel."
    q = find(t, "Die Bahn war voll")
    assert (q.speaker, q.speaker_type) == ("Heinz Kessel", "person")


def test_name_before_a_quoted_organisation_is_the_speaker():
    t = "Lena Vogt von der „Initiative Saubere Stadt“ sagte, die Parks seien voller Müll."
    q = find(t, "die Parks seien")
    assert mention(t, q) == "Lena Vogt von der „Initiative Saubere Stadt“" and q.speaker == "Lena Vogt"


def test_phrase_ending_in_a_name_particle_keeps_the_claim():
    # "Le" reads as a name but is a particle: no name is left, and the document's claims must survive
    t = "Die Kühlschrank Händler Le sagten, das sei teuer. Der Minister erklärte, die Preise seien bald niedriger."
    assert find(t, "das sei teuer").kind == "indirect"
    assert find(t, "die Preise seien").speaker == "Minister"


def test_speech_noun_in_a_newspaper_name():
    t = "Die Washington Post berichtete, der Senator habe die Spenden nicht angegeben."
    q = find(t, "der Senator habe")
    assert mention(t, q) == "Die Washington Post" and q.speaker == "Washington Post"


def test_speech_noun_as_a_surname():
    t = "Hans-Jürgen Papier, Präsident des Gerichts, sagte, das Gesetz sei verfassungswidrig. Papier sagte, es sei nichtig."
    assert find(t, "das Gesetz sei").speaker == "Hans-Jürgen Papier"
    assert find(t, "es sei nichtig").speaker == "Hans-Jürgen Papier"


def test_wie_clause_with_a_named_newspaper():
    t = "Wie die Zeitung Le Monde berichtet, will der Präsident noch in diesem Jahr zurücktreten."
    assert find(t, "will der Präsident").speaker == "Le Monde"
    t = "Wie die Süddeutsche Zeitung berichtete, soll der Vertrag bald unterschrieben werden."
    assert find(t, "soll der Vertrag").speaker == "Süddeutsche Zeitung"


def test_genitive_owner_before_a_source_noun_is_no_name():
    t = "Nach Müllers Angaben wurde das Lager in der Nacht geräumt."
    q = find(t, "wurde das Lager")
    assert q.speaker != "Müllers Angaben"


def test_passive_wie_clause_names_the_agent_not_the_addressee():
    t = "Wie der Zeitung „Abendpost“ von der Feuerwehr berichtet wird, brannte die Lagerhalle völlig aus."
    q = find(t, "brannte die Lagerhalle")
    assert mention(t, q) == "der Feuerwehr" and q.speaker == "Feuerwehr"


@pytest.mark.parametrize("text, whole", [
    ("Anna Berg, Fraktionschefin von Bündnis 90/Die Grünen, kritisierte, der Minister sei überfordert.",
     "Anna Berg, Fraktionschefin von Bündnis 90/Die Grünen"),
    ("Die Sprecherin der Stiftung, Heike van Laak, sagte, der Test sei korrekt.",
     "Die Sprecherin der Stiftung, Heike van Laak"),
])
def test_apposition_with_a_slash_or_a_surname_particle_belongs_to_the_mention(text, whole):
    q = next(q for q in extract(text) if q.kind == "indirect")
    assert mention(text, q) == whole


def test_agent_of_a_passive_speech_verb_speaks_the_next_konjunktiv_sentence():
    t = "Die Reform wurde vom Bundesverband der Landwirte als verfehlt kritisiert. Sie werde die kleinen Höfe ruinieren."
    q = find(t, "Sie werde")
    assert q.kind == "free_indirect" and mention(t, q) == "vom Bundesverband der Landwirte"
    t = "Am Montag wurden die Arbeiter durch den Betriebsrat des Werkes entlassen. Die Lage sei ernst."
    assert find(t, "Die Lage").speaker is None  # no speech: "entlassen"


def test_speaker_of_a_speech_verb_without_claim_speaks_the_next_konjunktiv_sentence():
    t = ("Die Ministerin sagte, der Haushalt sei solide. Der Ölpreis stieg am Montag stark. "
         "Einen Rückgang erwarten Analysten nicht. Das Preisniveau sei trotzdem zu hoch.")
    q = find(t, "Das Preisniveau")
    assert q.kind == "free_indirect" and mention(t, q) == "Analysten"


def test_agentless_passive_speech_verb_right_after_a_claim_is_the_last_speakers():
    t = "Der Mieterverband erklärte, die Preise seien zu hoch. Insbesondere kritisiert wird, dass die Mieten weiter steigen."
    q = find(t, "dass die Mieten")
    assert q.speaker == "Mieterverband" and mention(t, q) == "Der Mieterverband"


@pytest.mark.parametrize("text, phrase", [
    ("Sie nannte den Plan „sehr mutig“ und", None),  # words quoted after a noun: no name
    ("Sie las die „Süddeutsche Zeitung“ und", "die „Süddeutsche Zeitung“"),
    ("Sie las die „taz“ und", "die „taz“"),
])
def test_noun_phrase_before_a_quotation_is_a_quoted_name_only_when_it_reads_as_one(text, phrase):
    from factcheck.nlp import load
    from factcheck.nlp.lexicons import load_lexicons
    from factcheck.nlp.speakers import Tokens, np_backward

    doc = load()(text)
    m = np_backward(Tokens(doc, load_lexicons()), len(doc) - 1, 0)
    assert (doc[m.start : m.end].text if m is not None else None) == phrase
