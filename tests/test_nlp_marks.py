"""Quotation-mark pairing and the sentence segmentation that keeps quotations whole."""

import pytest

from factcheck.nlp import load
from factcheck.nlp.marks import find_marks


def contents(text):
    return [(text[m.open + 1 : m.close], m.depth) for m in find_marks(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Er sagte: „Wir kommen.“", "Wir kommen."),
        ("Er sagte: ‚Wir kommen.‘", "Wir kommen."),
        ("Er sagte: »Wir kommen.«", "Wir kommen."),
        ("Er sagte: «Wir kommen.»", "Wir kommen."),
        ('Er sagte: "Wir kommen."', "Wir kommen."),
        ("Er sagte: 'Wir kommen.'", "Wir kommen."),
        ("Er sagte: “Wir kommen.”", "Wir kommen."),
    ],
)
def test_every_mark_style_pairs(text, expected):
    assert contents(text) == [(expected, 0)]


def test_quote_inside_quote():
    text = "Sie sagte: „Er nannte das ‚Unsinn‘, und ging.“"
    assert contents(text) == [("Er nannte das ‚Unsinn‘, und ging.", 0), ("Unsinn", 1)]


def test_apostrophes_are_not_quotes():
    assert contents("Wie geht's? Putins' Berater und Jens' Auto.") == []
    assert contents("Putins' Berater sagte „nein“.") == [("nein", 0)]


def test_paragraph_reopened_with_mark_continues_the_quotation():
    text = "Er sagte: „Erster Absatz.\n\n„Zweiter Absatz.“ Danach."
    assert contents(text) == [("Erster Absatz.\n\n„Zweiter Absatz.", 0)]


def test_stray_mark_does_not_swallow_the_article():
    text = "Ein „verirrtes Zeichen.\n\nNeuer Absatz mit „echtem Zitat“ hier. " + "Mehr Text. " * 50
    assert contents(text) == [("echtem Zitat", 0)]
    assert contents("Nur ein Zeichen “ hier und » dort.") == []


def sentences(text):
    return [s.text.strip() for s in load()(text).sents]


def test_segmentation_keeps_quotations_whole():
    text = "Er sagte: „Wir kommen. Wir bleiben.“ Dann ging er. Sie blieb."
    assert sentences(text) == ["Er sagte: „Wir kommen. Wir bleiben.“", "Dann ging er.", "Sie blieb."]


def test_segmentation_after_quote_with_frame():
    text = "„Wir kommen.“, sagte er. „Gut.“ In der Erklärung hieß es weiter, dass alles gut sei."
    assert sentences(text) == ["„Wir kommen.“, sagte er.", "„Gut.“", "In der Erklärung hieß es weiter, dass alles gut sei."]


def test_segmentation_abbreviations_and_paragraphs():
    text = "Am 25. Mai sagte Dr. Müller etwas.\n\nNeuer Absatz ohne Punkt\nZeile"
    assert sentences(text)[0] == "Am 25. Mai sagte Dr. Müller etwas."
    assert "Neuer Absatz ohne Punkt" in sentences(text)[1]
