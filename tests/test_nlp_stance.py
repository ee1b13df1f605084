"""Stances and reported speech acts (rules/stance.py)."""

import pytest

from factcheck.nlp import extract
from quote_helpers import find


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Der Deutsche Wetterdienst warnt vor heftigen Gewittern im Süden des Landes.", "Deutsche Wetterdienst"),
        ("Umweltschützer befürchten eine Verschmutzung des Grundwassers durch die neue Anlage.", "Umweltschützer"),
        ("Analysten halten den Ölpreis derzeit für deutlich überhöht.", "Analysten"),
        ("Experten sehen in dem Abkommen einen ersten Schritt zum Frieden.", "Experten"),
    ],
)
def test_stance_verb_with_speaker_subject_reports_the_sentence(text, speaker):
    q = find(text, text.split()[0])
    assert (q.kind, q.speaker, q.text) == ("reported", speaker, text[:-1])


@pytest.mark.parametrize(
    "text",
    [
        "Das Gerät warnt vor Frost auf der Fahrbahn.",  # a thing, not a speaker
        "Die Zahl der Opfer wird auf mehrere Hundert geschätzt.",  # passive: the subject is no speaker
        "Der Minister hält sich für Gespräche zurzeit in Paris auf.",  # "aufhalten", not "halten für"
        "Die Touristen sehen in der Altstadt viele alte Kirchen.",  # a place, not a speaker's judgement
    ],
)
def test_stance_verb_without_speaker_subject_is_no_claim(text):
    assert [q for q in extract(text) if q.kind != "scare"] == []


def test_reported_whole_sentence_with_apposition_after_the_subject():
    t = "Lars Schauer, Manager des Vereins, bezeichnete die Entscheidung als verantwortungsbewusst."
    q = find(t, "Lars Schauer")
    assert (q.kind, q.speaker, q.text) == ("reported", "Lars Schauer", t[:-1])


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Die Regierungspartei des Landes, die Volksfront, bezeichnete die Angriffe als Notwehr.", "Regierungspartei des Landes"),
        ("Die Leitung des Museums, die ihre Verluste noch prüft, spricht von rund 300 gestohlenen Bildern.", "Leitung des Museums"),
    ],
)
def test_reported_whole_sentence_with_a_relative_clause_after_the_subject(text, speaker):
    q = find(text, "Die ")
    assert (q.kind, q.speaker, q.text) == ("reported", speaker, text[:-1])


def test_naming_verb_with_quoted_label_makes_the_label_the_claim():
    t = "Von einem „beispiellosen Versagen“ sprach der Landrat Peter Krause."
    assert [q.kind for q in extract(t)] == ["partial"]
    assert find(t, "beispiellosen Versagen").speaker == "Peter Krause"  # the role is no part of the name
    plain = "Der Landrat Peter Krause sprach von einem Versagen der Behörden."
    assert find(plain, "Der Landrat").kind == "reported"


def test_copula_with_a_stance_noun_heads_a_claim():
    t = "Der Bürgermeister ist der Ansicht, dass die Brücke noch vor dem Winter saniert werden muss."
    q = find(t, "dass die Brücke")
    assert q.kind == "indirect" and q.speaker == "Bürgermeister"
    t = "Die Gewerkschaft war der festen Überzeugung, dass die Löhne zu niedrig seien."
    assert find(t, "dass die Löhne").speaker == "Gewerkschaft"


def test_stance_noun_subject_after_a_comma():
    t = "Zwar sind viele Mieter zufrieden, 40 Prozent sind jedoch der Meinung, dass die Nebenkosten zu hoch seien."
    assert find(t, "dass die Nebenkosten").speaker == "40 Prozent"


@pytest.mark.parametrize(
    "text",
    [
        "Die Polizei gab am Abend weitere Einzelheiten bekannt.",  # information without content
        "Das Erdbeben in der Provinz forderte mehr als 30 Todesopfer.",  # a toll, no demand
        "Die Zeitung berichtete ausführlich über die Proteste in der Hauptstadt.",  # a topic, not what happened
        "Als Gigabyte bezeichnet man eine Milliarde Byte.",  # a definition
        "Als Zeichen gegen den Lärm gingen am Abend in der Altstadt die Lichter aus.",  # "ausgehen" without "von"
    ],
)
def test_reporting_verb_whose_clause_states_no_content_is_no_claim(text):
    assert [q for q in extract(text) if q.kind != "scare"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Die Polizei gab am Abend die Festnahme eines Verdächtigen bekannt.",
        "Die Gewerkschaft forderte höhere Löhne für alle Beschäftigten.",
        "Die Zeitung berichtete von schweren Unruhen in der Hauptstadt.",
    ],
)
def test_reporting_verb_with_content_reports_the_sentence(text):
    assert [q.kind for q in extract(text)] == ["reported"]


@pytest.mark.parametrize(
    "text",
    [
        "„Der Bär“, wie der Stürmer von seinen Fans genannt wird, schoss am Samstag zwei Tore.",
        "Paul Berger, wie er sich selbst gerne nannte, ist gestorben.",
        "Die Kapelle ist, wie man sagt, über dreihundert Jahre alt.",
    ],
)
def test_naming_aside_in_a_wie_clause_is_no_speech(text):
    assert [q for q in extract(text) if q.kind != "scare"] == []


def test_stance_with_a_quotation_before_its_predicate_reports_the_sentence_and_its_fragment():
    t = "Der Staatsanwalt hält den Angeklagten „unter bestimmten Umständen“ für gefährlich."
    q = find(t, "Der Staatsanwalt")
    assert (q.kind, q.speaker) == ("reported", "Staatsanwalt")
    assert find(t, "unter bestimmten Umständen").kind == "partial"


@pytest.mark.parametrize("text", [
    "Die Einzelheiten wurden am Dienstag auf einer Tagung in Bonn bekanntgegeben.",
    "Die Identität des Mannes gab die Polizei nicht bekannt.",
    "Das Ergebnis wird am Montag bekannt gegeben.",
])
def test_information_noun_as_subject_or_fronted_object_states_no_content(text):
    assert not [q for q in extract(text) if q.kind == "reported"]


def test_demonstrative_object_takes_up_what_was_said_before():
    t = "Der Verband will klagen. Der Vorsitzende hatte dies am Montag in Berlin bekannt gegeben."
    assert not [q for q in extract(t) if q.text.startswith("Der Vorsitzende")]
    t = "Die Gewerkschaft forderte das Ende der Blockade."
    assert find(t, "Die Gewerkschaft").kind == "reported"  # "das" before its noun is an article
