"""Speech-verb cues and their complement clauses (rules/cues.py, rules/complements.py)."""

import pytest

from factcheck.nlp import extract
from quote_helpers import find, nested, speaker_mention


def test_two_cues_framing_one_clause_give_one_claim():
    text = "Den Entwurf lobte der Verband der Bäcker und erklärte, er komme viel zu spät."
    claims = [q for q in extract(text) if q.text.startswith("er komme")]
    assert len(claims) == 1 and claims[0].kind == "indirect"


def test_indirect_dass_clause_with_inverted_subject():
    t = ("Auf die Frage nach neuen Waffen sagte ein hochrangiger Regierungsbeamter, dass sie keine Ankündigungen "
         "zu machen hätten.")
    q = find(t, "dass sie keine")
    assert (q.kind, q.speaker, q.speaker_type) == ("indirect", "hochrangiger Regierungsbeamter", "anonymous")


def test_two_cues_of_one_claim_give_one_quotation():
    t = "Die Stadtverwaltung gab am Montag bekannt, dass die Brücke bis zum Sommer gesperrt bleibe."
    q = find(t, "dass die Brücke")  # geben … bekannt and the participle bekannt frame the same clause
    assert q.kind == "indirect" and speaker_mention(t, q) == "Die Stadtverwaltung"
    t = "In einer von der Zeitung veröffentlichten Erklärung gab der Bürgermeister an, die Lage sei ruhig."
    q = find(t, "die Lage sei")
    assert speaker_mention(t, q) == "der Bürgermeister"


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
        "Der starke Regen hat dazu geführt, dass mehrere Straßen im Tal gesperrt werden mussten.",
        "Mit dem neuen Zaun soll verhindert werden, dass Wildschweine in die Gärten eindringen.",
        "Die Warnstufe drei bedeutet, dass der Pegel bald die Deichkrone erreicht.",
        "Das Problem der Stadt besteht darin, dass die Leitungen zu alt sind.",
        "Die Firma baut die Anlage mit dem Ziel, dass die Kosten sinken.",
        "Für die Reederei bestand die Möglichkeit, dass der Sturm den Hafen erreicht.",
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


def test_purpose_clause_is_no_claim():
    t = "Die Polizei sperrte die Straße, um die Bombe zu entschärfen."
    assert [q for q in extract(t) if q.kind != "scare"] == []


def test_purpose_clause_after_cue_verb_is_no_complement():
    t = "Die Regierung kündigte Neuwahlen für den Herbst an, um die Krise im Land zu beenden."
    assert not [q for q in extract(t) if q.text.startswith("um die Krise")]


def test_negated_cue_is_no_claim():
    t = "Das Weiße Haus hat nicht angegeben, welche Systeme Biden mit Selenskyj besprochen hat."
    assert extract(t) == []


@pytest.mark.parametrize("text", [
    "Der Minister erklärte, die Reform sei notwendig, und bemühte dafür das Bild vom sinkenden Schiff.",
    "Der Minister erklärte, die Reform sei notwendig und kündigte weitere Gespräche an.",
])
def test_indicative_past_verb_after_konjunktiv_claim_resumes_the_narrator(text):
    assert find(text, "die Reform").text == "die Reform sei notwendig"


def test_clause_final_past_verb_stays_in_the_claim():
    t = "Die Ministerin sagte, das Gesetz enthalte Regeln, die große Firmen begünstigten, und sei daher ungerecht."
    assert find(t, "das Gesetz").text.endswith("und sei daher ungerecht")


def test_bare_copula_before_dass_stays_a_fact():
    t = "Klar ist, dass die Brücke noch vor dem Winter saniert werden muss."
    assert not [q for q in extract(t) if q.text.startswith("dass die Brücke")]


def test_dass_clause_after_a_parenthesis_in_the_subject():
    t = "Die Deutsche Vereinigung für Mieterschutz (DVM) ist der Ansicht, dass das Gesetz zu höheren Mieten führe."
    q = find(t, "dass das Gesetz")
    assert q.speaker == "Deutsche Vereinigung für Mieterschutz"


@pytest.mark.parametrize(
    "text, claim, speaker",
    [
        ("Wie die Staatsanwaltschaft mitteilte, wurde der Mann festgenommen.", "wurde der Mann", "Staatsanwaltschaft"),
        ("Russland hat am Montag 84 Marschflugkörper abgefeuert, teilte der Generalstab der Streitkräfte der Ukraine mit.",
         "Russland hat am Montag", "Generalstab der Streitkräfte der Ukraine"),
    ],
)
def test_wie_and_closing_frames_report_the_clause(text, claim, speaker):
    q = find(text, claim)
    assert q.kind == "reported" and (q.speaker, q.speaker_type) == (speaker, "organization")


def test_dass_clause_after_a_verb_outside_the_lexicon():
    text = "Der Kreml warnt seit langem davor, dass der Einsatz solcher Waffen eine Eskalation bedeuten würde."
    q = find(text, "dass der Einsatz")
    assert q.kind == "indirect" and (q.speaker, q.speaker_type) == ("Kreml", "organization")


def test_zu_infinitive_after_a_noun_of_demanding():
    text = "Der Minister wies die Forderung der Opposition, die Steuern zu senken, am Montag zurück."
    assert find(text, "die Steuern zu senken").kind == "indirect"


@pytest.mark.parametrize(
    "text",
    [
        "Bei der Prüfung der Unterlagen fiel auf, dass mehrere Akten fehlten.",
        "Es gilt als ausgeschlossen, dass die Brücke rechtzeitig fertig wird.",
    ],
)
def test_dass_clause_of_a_predicate_without_a_holder_is_no_claim(text):
    assert [q for q in extract(text) if q.kind != "scare"] == []


def test_dass_clause_of_a_predicate_with_a_holder_is_a_claim():
    t = "Die Gewerkschaft legte Wert darauf, dass die Löhne steigen."
    assert find(t, "dass die Löhne").kind == "indirect"


def test_zu_claim_keeps_its_trailing_subordinate_clause():
    t = "Die Gewerkschaft richtete einen Appell an die Stadt, die Bäder zu öffnen, solange es heiß bleibe."
    assert find(t, "die Bäder zu öffnen").text.endswith("solange es heiß bleibe")


@pytest.mark.parametrize(
    "text, claim",
    [
        ("Der Angeklagte erklärte, er sei unschuldig, erkannte das Gericht nicht an und verließ den Saal.", "er sei unschuldig"),
        ("Die Ministerin sagte, die Lage sei ernst, und verglich die Flut mit dem Hochwasser von 2002.", "die Lage sei ernst"),
    ],
)
def test_narrator_clause_in_the_past_ends_the_claim(text, claim):
    assert find(text, claim).text == claim
    t = "Die Ministerin sagte, die Lage sei ernst, und die Helfer seien erschöpft."
    assert find(t, "die Lage sei").text.endswith("seien erschöpft")


@pytest.mark.parametrize(
    "text, claim, speaker",
    [
        ("Der Bürgermeister wies den Vorwurf der Opposition, er habe die Kosten verschwiegen, am Montag zurück.",
         "er habe die Kosten verschwiegen", "den Vorwurf der Opposition"),
        ("Wegen der Berichte von Reisenden, die Grenze sei geschlossen, fuhren viele Busse nicht ab.",
         "die Grenze sei geschlossen", "der Berichte von Reisenden"),
        ("Die Staatsanwaltschaft hegt den Verdacht, der Kassierer könnte Geld unterschlagen haben.",
         "der Kassierer könnte Geld unterschlagen haben", "Die Staatsanwaltschaft"),
        ("Einige Forscher vertreten die Auffassung, das Klima ändere sich schneller als erwartet.",
         "das Klima ändere sich schneller als erwartet", "Einige Forscher"),
        ("Der Minister gab nur die knappe Äußerung ab, er werde sich später äußern, wenn die Akten geprüft seien.",
         "er werde sich später äußern, wenn die Akten geprüft seien", "Der Minister"),
    ],
)
def test_konjunktiv_clause_after_a_noun_of_saying_is_its_content(text, claim, speaker):
    q = find(text, claim)
    assert (q.text, q.kind) == (claim, "indirect") and speaker_mention(text, q).endswith(speaker)


def test_relative_clause_after_a_noun_of_saying_is_no_claim():
    assert [q for q in extract("Die Berichte, die seit Montag vorliegen, werden geprüft.") if q.kind != "scare"] == []


@pytest.mark.parametrize(
    "text, claim",
    [
        ("Die Behörden überlegten kurz, die Straße wieder zu öffnen.", "die Straße wieder zu öffnen"),
        ("Die Parteien hatten vereinbart, die Gespräche im Herbst fortzusetzen.", "die Gespräche im Herbst fortzusetzen"),
    ],
)
def test_zu_claim_after_a_weak_past_form_of_an_intent_verb(text, claim):
    assert find(text, claim).kind == "indirect"


def test_result_clause_after_a_speech_verb_is_no_claim_of_it():
    t = "Nach Angaben der Polizei sollen die Täter falsche Gerüchte verbreitet haben, sodass Panik entstanden sei."
    q = find(t, "sollen die Täter")
    assert q.text.endswith("Panik entstanden sei") and q.speaker == "Polizei"


def test_past_verb_after_a_dass_claim_resumes_the_narrator():
    t = "Der Wetterdienst teilte mit, dass die Regenfälle anhalten und warnte vor neuen Überschwemmungen im Süden."
    assert find(t, "dass die Regenfälle").text == "dass die Regenfälle anhalten"


def test_zu_infinitive_after_an_als_phrase_belongs_to_its_noun():
    t = "Der Direktor des Senders bezeichnete die Sperre als einen Versuch der Behörden, die Presse zu behindern."
    assert not [q for q in extract(t) if q.text == "die Presse zu behindern"]
    assert find(t, "Der Direktor").kind == "reported"


@pytest.mark.parametrize(
    "text, claim",
    [
        ("Die Tarifparteien hatten vereinbart, bis Ende Mai „alle befristeten Verträge“ zu verlängern.",
         "bis Ende Mai „alle befristeten Verträge“ zu verlängern"),
        ("Beide Vereine konnten sich darauf einigen, die Saison gemeinsam zu beenden.", "die Saison gemeinsam zu beenden"),
        ("Die Sender bestehen jedoch darauf, Programme für alle Zuschauer zu machen.", "Programme für alle Zuschauer zu machen"),
        ("Die Regierung ist dennoch zuversichtlich, im nächsten Jahr Mitglied des Bündnisses zu werden.",
         "im nächsten Jahr Mitglied des Bündnisses zu werden"),
    ],
)
def test_zu_claim_with_a_quotation_inside_or_a_head_of_insisting(text, claim):
    q = find(text, claim)
    assert (q.text, q.kind) == (claim, "indirect")


def test_a_quoted_name_after_the_cue_verb_is_no_direct_quotation():
    t = "Am Montag forderte das Parlament die Rückgabe der im Museum ausgestellten „Krone Montezumas“."
    assert find(t, "Am Montag").kind == "reported"


def test_closing_frame_with_a_relative_clause_on_its_source():
    t = "Die Schulen sind seit Montag geschlossen, heißt es in dem Bericht, der am Montag erschien."
    assert find(t, "Die Schulen").text == "Die Schulen sind seit Montag geschlossen"


def test_closing_frame_after_a_clause_whose_only_verb_forms_end_in_en():
    t = "Die Grenzen des Landes werden bis auf weiteres geschlossen, kündigte die Regierung an."
    q = find(t, "Die Grenzen")
    assert (q.text, q.speaker) == ("Die Grenzen des Landes werden bis auf weiteres geschlossen", "Regierung")


def test_closing_frame_after_spaces_and_with_the_particle_before_the_subject():
    t = "„Er war ein großer Künstler“,      schrieb „Die Woche“ in einem Nachruf."
    assert speaker_mention(t, find(t, "Er war ein großer")) == "„Die Woche“"
    t = "„Wir werden weiter verhandeln“, fügte hinzu Anna Berg."
    assert find(t, "Wir werden weiter").speaker == "Anna Berg"
    t = "„Das war ein Fehler“, räumte ein Jan Ott, der Sprecher des Ministeriums."
    assert find(t, "Das war ein Fehler").speaker == "Jan Ott"
    # "ein" before a role is an article
    t = "„Das war ein Fehler“, räumte ein Sprecher des Ministeriums ein."
    assert speaker_mention(t, find(t, "Das war ein Fehler")) == "ein Sprecher des Ministeriums"


def test_attributive_participle_is_no_cue():
    t = "Die Stiftung gibt in einer gestern veröffentlichten Erklärung bekannt, dass sie neue Programme entwickeln wolle."
    q = find(t, "dass sie neue Programme")
    assert q.cue != "veröffentlichten" and speaker_mention(t, q) == "Die Stiftung"
    t = "Die Minister erklärten Journalisten, dass die Lage ernst sei."
    assert find(t, "dass die Lage").cue == "erklärten"


def test_a_second_frame_after_jedoch_ends_the_first_claim():
    t = ("Der Minister hatte Fehler eingeräumt und angegeben, er habe nicht sorgfältig gearbeitet, "
         "jedoch stets beteuert, nichts verschwiegen zu haben.")
    assert find(t, "er habe").text == "er habe nicht sorgfältig gearbeitet"
    assert find(t, "nichts verschwiegen").cue == "beteuert"


def test_konjunktiv_inside_a_quoted_fragment_makes_the_clause_a_claim():
    t = "Der Sprecher äußerte sich dahingehend, das Gespräch „sei freundlich verlaufen“."
    outer, inner = nested(t, "das Gespräch", "sei freundlich")
    assert outer.kind == "indirect" and outer.cue == "äußerte" and inner.kind == "partial"


@pytest.mark.parametrize("text, claim", [
    ("In einer Mitteilung erklärte der Eigentümer, das große Medienhaus Lensing, dass das Blatt in einer schwierigen "
     "Lage stecke.", "dass das Blatt"),
    ("Am Montag sagte der Sprecher der Stadt, ein erfahrener Beamter, die Lage sei ernst.", "die Lage sei ernst"),
])
def test_an_apposition_to_the_speaker_is_not_part_of_the_claim(text, claim):
    assert find(text, claim).kind == "indirect"



def test_konjunktiv_clause_after_a_colon_is_the_claim_of_the_cue_verb():
    t = "Der Generalanwalt kritisierte die Regierung in scharfer Form: Das Gesetz beschränke den freien Kapitalverkehr."
    q = find(t, "Das Gesetz")
    assert q.kind == "indirect" and q.cue == "kritisierte" and q.speaker == "Generalanwalt"


def test_wie_clause_with_a_complement_of_its_own_is_no_comment_frame():
    t = "Der Journalist sagte, er verstehe nicht, wie der Sprecher behaupten konnte, der Bericht sei falsch."
    assert not [q for q in extract(t) if q.text.startswith("Der Journalist")]  # not the part before "wie"
    # an indirect question inside the journalist's claim: the claim does not end before it
    q = find(t, "er verstehe")
    assert q.text == t[t.index("er verstehe") : -1] and speaker_mention(t, q) == "Der Journalist"


@pytest.mark.parametrize(
    "text, claim, speaker",
    [
        ("Die Stadtwerke denken darüber nach, die Preise im Winter zu senken.", "die Preise im Winter zu senken",
         "Stadtwerke"),
        ("Der Besucher gab vor, eine Aussprache herbeiführen zu wollen.", "eine Aussprache herbeiführen zu wollen",
         "Besucher"),
    ],
)
def test_zu_claim_after_a_verb_of_intent_with_its_particle_separated(text, claim, speaker):
    q = find(text, claim)
    assert (q.text, q.kind, q.speaker) == (claim, "indirect", speaker)


def test_zu_clause_after_a_separated_particle_of_no_intent_verb_is_no_claim():
    assert not [q for q in extract("Die Stadt gab das Geld rasch aus, die Brücke endlich zu bauen.")
                if q.kind == "indirect"]


@pytest.mark.parametrize("text", [
    "Der ursprüngliche Plan der Stadt, eine neue Brücke zu bauen, scheiterte am Geld.",
    "Das Angebot der Firma, die Kosten zu übernehmen, kam zu spät.",
])
def test_zu_clause_after_a_noun_of_planning_or_offering_is_no_claim(text):
    assert not [q for q in extract(text) if q.kind == "indirect"]


@pytest.mark.parametrize("text", [
    "Der Minister plant ein Gesetz mit dem Ziel, die Rechte der Mieter zu stärken.",
    "Die Behörde plant einen Ausbau mit der Möglichkeit, später weitere Gleise zu legen.",
])
def test_zu_clause_attribute_of_a_noun_of_aim_or_attempt_is_no_claim(text):
    assert not [q for q in extract(text) if q.kind == "indirect"]


def test_zu_clause_after_a_noun_of_asking_with_a_prepositional_phrase_stays_a_claim():
    assert find("Mehrere Anfragen an den neuen Anbieter, die Seite zu sperren, blieben ohne Antwort.",
                "die Seite zu sperren").kind == "indirect"


@pytest.mark.parametrize("text", [
    "Der Gewerkschafter, der genau wusste, dass die Regierung nachgeben würde, forderte mehr Geld.",
    "Als der Student erfuhr, dass seine Freundin ihn betrogen hatte, beendete er die Beziehung.",
    "Lange konnten sich die Banden darauf verlassen, dass die Polizei nicht genau hinschaute.",
])
def test_dass_clause_after_a_verb_of_knowing_or_relying_is_no_claim(text):
    assert not [q for q in extract(text) if q.text.startswith("dass")]


@pytest.mark.parametrize("text, claim, speaker", [
    ("Der Hersteller hat angekündigt die Preise ab Oktober zu erhöhen.", "die Preise ab Oktober zu erhöhen", "Hersteller"),
    ("Die Firma bietet an den Lohn um 150 Euro zu erhöhen.", "den Lohn um 150 Euro zu erhöhen", "Firma"),
])
def test_zu_claim_after_a_verb_of_intent_without_the_comma(text, claim, speaker):
    q = find(text, claim)
    assert (q.text, q.kind, q.speaker) == (claim, "indirect", speaker)
    assert not [q for q in extract("Der Mann versuchte die Tür mit Gewalt zu öffnen.") if q.kind == "indirect"]


@pytest.mark.parametrize("text", [
    "In einem Schreiben, das er an den Stadtrat geschickt hat, kritisierte er die Pläne der Verwaltung.",
    "Im Bericht, auf den sich die Zeitung beruft, erklärt der Verband: „Wir sind enttäuscht.“",
    "Gereizt, offenbar auf die Kritik antwortend, schrieb die Sprecherin einen Brief an die Zeitung.",
])
def test_first_place_before_the_verb_is_no_claim(text):
    # a phrase with only a relative clause or a participle before ", VERB X" is the sentence's first place
    assert not [q for q in extract(text) if text.startswith(q.text)]


def test_reporting_verb_after_its_first_place_reports_the_sentence():
    t = "In einem Bericht, der dem Stadtrat vorgelegt wurde, fordert die Bürgermeisterin ein Ende der Bauarbeiten."
    q = find(t, "In einem Bericht")
    assert (q.kind, q.text, speaker_mention(t, q)) == ("reported", t[:-1], "die Bürgermeisterin")


def test_reason_for_a_passive_act_is_no_claim():
    t = "Der Händler war zu einer Geldstrafe verurteilt worden, weil er verdorbenes Fleisch verkauft hatte."
    assert not [q for q in extract(t) if q.text.startswith("weil")]
    t = "Vom Betriebsrat wird der Plan kritisiert, weil er die Schichtarbeit verlängert."
    assert find(t, "weil er").kind == "indirect"  # an agent says why


@pytest.mark.parametrize("text, name", [
    ("Die Festnahme bestätigte am Abend der Sprecher der Stadt, Jan Ottmann.", "Jan Ottmann"),
    ("Nach dem Spiel sagte Lena Berg, Kapitänin der Mannschaft: „Wir haben gekämpft.“", "Kapitänin der Mannschaft"),
])
def test_apposition_after_the_speaker_is_no_claim(text, name):
    assert not [q for q in extract(text) if q.text == name]


@pytest.mark.parametrize("text, main", [
    ("Nachdem der Verband die Zahlen bestätigt hatte, wurde die Sitzung beendet, um die Lage zu prüfen.", "wurde die"),
    ("Wenn die Polizei den Bericht bestätigt, wird der Prozess neu aufgerollt.", "wird der Prozess"),
    ("Sollte der Antrag angenommen werden, könnte die Seite wieder online gehen.", "könnte die Seite"),
])
def test_main_clause_after_an_adverbial_clause_is_no_claim(text, main):
    assert not [q for q in extract(text) if q.text.startswith(main)]
    t = "Obwohl der Minister mit höheren Einnahmen rechnet, sei das Land von einem Ausgleich weit entfernt."
    assert find(t, "sei das Land").kind == "indirect"  # in Konjunktiv I it is reported speech


@pytest.mark.parametrize("text, claim, speaker", [
    ("Als wichtigste Aufgabe sah es der Minister an, die Renten zu sichern.", "die Renten zu sichern", "der Minister"),
    ("Die Gewerkschaft sieht es als ihre Pflicht an, die Beschäftigten zu schützen.", "die Beschäftigten zu schützen",
     "Die Gewerkschaft"),
])
def test_zu_infinitive_after_a_verb_of_judging_with_es(text, claim, speaker):
    q = find(text, claim)
    assert (q.kind, q.text, speaker_mention(text, q)) == ("indirect", claim, speaker)


def test_zu_infinitive_of_what_is_said_of_someone():
    t = "Dem Verein wird nachgesagt, den Rechten nahe zu stehen."
    assert find(t, "den Rechten").kind == "indirect"


def test_nicht_inside_a_noun_phrase_does_not_negate_the_cue():
    t = "Unter Berufung auf nicht genannte Quellen gab die Zeitung an, der Minister sei zurückgetreten."
    q = find(t, "der Minister sei")
    assert q.kind == "indirect" and t[q.speaker_start : q.speaker_end] == "die Zeitung"


def test_wie_frame_after_a_sentence_initial_conjunction():
    t = "Der Sänger sagte alle Konzerte ab. Denn wie die Agentur am Montag mitteilte, ist er schwer erkrankt."
    q = find(t, "ist er schwer erkrankt")
    assert t[q.speaker_start : q.speaker_end] == "die Agentur"


def test_weak_past_form_unknown_to_the_lemmatizer_is_a_cue():
    t = "Die Ursache des Unglücks sei noch unklar, verlautbarte der Direktor der Reederei am Abend."
    q = find(t, "Die Ursache")
    assert q.kind == "indirect" and q.text == "Die Ursache des Unglücks sei noch unklar"
    assert speaker_mention(t, q).startswith("der Direktor der Reederei")


def test_zu_infinitive_complement_ends_before_a_dash():
    t = "Die Behörden haben die Einwohner aufgefordert, ihre Häuser zu verlassen – die Hälfte davon in der Hauptstadt."
    q = find(t, "ihre Häuser")
    assert q.kind == "indirect" and q.text == "ihre Häuser zu verlassen"


@pytest.mark.parametrize(
    "text, claim",
    [
        ("Bei ihrem Auftritt in Brüssel sagte die Ministerin, die USA hielten sich an die Konvention.",
         "die USA hielten sich an die Konvention"),
        ("Später sagte der Minister, die Regierung arbeitet an einer Lösung.", "die Regierung arbeitet an einer Lösung"),
    ],
)
def test_complement_opening_with_article_noun_and_verb_is_no_relative_clause(text, claim):
    q = find(text, claim[:12])
    assert q.kind == "indirect" and q.text == claim


@pytest.mark.parametrize("text", ["Ich glaube, die Künstler wollen auf den Bildern einfach nur gut aussehen.",
                                  "Wir sagen, die Regierung arbeitet an der falschen Reform."])
def test_a_cue_in_the_first_person_frames_no_claim(text):
    assert not extract(text)


def test_wie_frame_without_its_comma_frames_the_main_clause():
    t = "Wie die lokalen Sender berichten sind zwei Polizisten ums Leben gekommen, die in ihrem Wagen saßen."
    q = find(t, "sind zwei")
    assert q.text == t[t.index("sind") : -1] and speaker_mention(t, q) == "die lokalen Sender"


def test_a_comma_inside_a_parenthesis_ends_no_clause_of_the_cue():
    t = ("Beobachter werten den Sieg als Rückschlag für die linken Kräfte (Hugo Chávez, Evo Morales), "
         "die mit einem Sieg weiteren Auftrieb erfahren hätten.")
    q = find(t, "die mit")
    assert q.text == "die mit einem Sieg weiteren Auftrieb erfahren hätten"


def test_a_subject_with_a_number_is_no_claim_before_its_verb():
    t = ("Die Sprecherin von Bündnis 90/Die Grünen, Anna Berg, kritisierte die Pläne der Regierung zum Thema Rente. "
         "Hier seien die Mittel „völlig unrealistisch“.")
    assert not [q for q in extract(t) if q.text.startswith("Die Sprecherin")]
    assert speaker_mention(t, find(t, "Hier seien")).startswith("Die Sprecherin")
