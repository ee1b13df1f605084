"""Sentence ends after numbers, abbreviations and a missing space (factcheck/nlp/segment.py)."""

import pytest

from factcheck.nlp import load


def sentences(text):
    return [s.text for s in load()(text).sents]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Das Beben hatte eine Stärke von 6,4. Nach Angaben der Behörden gab es keine Toten.",
            ["Das Beben hatte eine Stärke von 6,4.", "Nach Angaben der Behörden gab es keine Toten."],
        ),
        (
            "Die Polizei zählte rund 2.500. Zu dem Protest hatten mehrere Gruppen aufgerufen.",
            ["Die Polizei zählte rund 2.500.", "Zu dem Protest hatten mehrere Gruppen aufgerufen."],
        ),
        (
            "Die Brücke wurde im Jahr 1974 gebaut, saniert erst 2019. Der Verkehr rollt wieder.",
            ["Die Brücke wurde im Jahr 1974 gebaut, saniert erst 2019.", "Der Verkehr rollt wieder."],
        ),
        (
            "Die Mannschaft landete auf Platz 14. Trainer Huber zeigte sich enttäuscht.",
            ["Die Mannschaft landete auf Platz 14.", "Trainer Huber zeigte sich enttäuscht."],
        ),
    ],
)
def test_number_with_full_stop_ends_the_sentence(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Am 7. Mai öffnet die neue Halle ihre Türen.",
        "Der Verein feiert seinen 75. Geburtstag mit einem Fest.",
        "Im 4. Quartal stieg der Umsatz deutlich.",
        "Die Kirche stammt aus dem späten 13. Jahrhundert und wurde oft umgebaut.",
        "Sie belegten den 2. und 3. Platz im Wettbewerb.",
        "Die Frist endet am 30.06. Danach entscheidet der Rat.",
    ],
)
def test_ordinal_number_does_not_end_the_sentence(text):
    assert len(sentences(text)) == 1


def test_missing_space_after_full_stop():
    text = "Die Straße wurde gesperrt.Die Feuerwehr war mit drei Wagen vor Ort."
    assert sentences(text) == ["Die Straße wurde gesperrt.", "Die Feuerwehr war mit drei Wagen vor Ort."]


def test_abbreviations_do_not_end_the_sentence():
    assert len(sentences("Die Klage stützt sich auf Art. 12 der Verfassung.")) == 1
    assert len(sentences("Die Rede hielt Mag. Petra Gruber aus Linz.")) == 1
    assert len(sentences("Das betrifft z. B. Dr. Weber und Prof. Lang.")) == 1


def test_quotation_stays_whole_across_numbers():
    text = "Er sagte: „Wir haben 2019. Das war ein gutes Jahr.“ Dann ging er."
    assert sentences(text) == ["Er sagte: „Wir haben 2019. Das war ein gutes Jahr.“", "Dann ging er."]


def test_abbreviation_at_the_end_of_a_sentence():
    text = "Im Laden gab es Brot, Milch, Käse usw. Die Regale waren trotzdem halb leer."
    assert sentences(text) == ["Im Laden gab es Brot, Milch, Käse usw.", "Die Regale waren trotzdem halb leer."]
    text = "Betreiber ist die Stadtwerke Nord GmbH. Der Vertrag läuft zehn Jahre."
    assert sentences(text) == ["Betreiber ist die Stadtwerke Nord GmbH.", "Der Vertrag läuft zehn Jahre."]
