"""Speaker phrases for the detector's quotations: passives, inversions, pronouns, quoted names."""

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
