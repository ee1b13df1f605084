"""`factcheck eval --by-category`: each error of the scoring gets the category its rule names (categories.py)."""

from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.nlp import Quotation
from factcheck.nlp.categories import CATEGORIES
from factcheck.nlp.evaluate import GoldDoc, GoldQuote, Scores, score_doc

SEEDS_GOLD = Path(__file__).resolve().parents[1] / "data" / "seeds.gold.jsonl"


def span(text, part, after=0):
    start = text.index(part, after)
    return start, start + len(part)


def pred(text, part, kind="indirect", speaker=None, cue=None):
    s, e = span(text, part)
    sp = span(text, speaker) if speaker else (None, None)
    cs = span(text, cue) if cue else (None, None)
    return Quotation(s, e, part, kind, speaker=speaker, speaker_start=sp[0], speaker_end=sp[1],
                     cue=cue, cue_start=cs[0], cue_end=cs[1])


def gold(text, part, kind="Indirect", speaker=None, **extra):
    s, e = span(text, part)
    return GoldQuote(s, e, kind, [span(text, speaker)] if speaker else [], speaker=speaker, **extra)


def categories(text, golds, preds):
    scores = Scores()
    score_doc(GoldDoc("d", text, golds), preds, scores, "wikinews")
    return {k: n for k, n in scores.categories.items() if n}


def test_wrong_speakers():
    t = "Bevor die Sitzung begann, erklärte der Vorsitzende Jan Ott, die Lage sei ernst."
    g = gold(t, "die Lage sei ernst", speaker="der Vorsitzende Jan Ott")
    assert categories(t, [g], [pred(t, "die Lage sei ernst", speaker="Bevor")]) == {"speaker.not_a_speaker": 1}
    assert categories(t, [g], [pred(t, "die Lage sei ernst", speaker="die Sitzung")]) == {"speaker.same_sentence": 1}
    t2 = "Die Polizei kam. " + t
    assert categories(t2, [gold(t2, "die Lage sei ernst", speaker="der Vorsitzende Jan Ott")],
                      [pred(t2, "die Lage sei ernst", speaker="Die Polizei")]) == {"speaker.carried_over": 1}


def test_no_speaker_by_cue():
    t = "Das Gericht hat am 19. Mai entschieden, die Klage sei abgewiesen."
    g = gold(t, "die Klage sei abgewiesen", speaker="Das Gericht")
    assert categories(t, [g], [pred(t, "die Klage sei abgewiesen", cue="19.")]) == {"speaker.none_number_cue": 1}
    assert categories(t, [g], [pred(t, "die Klage sei abgewiesen", cue="entschieden")]) == {"speaker.none_passive_perfect": 1}


def test_short_speaker_span_is_counted_apart_from_errors():
    t = "Der Sprecher des Ministeriums, Jan Ott, sagte, die Lage sei ernst."
    g = gold(t, "die Lage sei ernst", speaker="Der Sprecher des Ministeriums, Jan Ott")
    assert categories(t, [g], [pred(t, "die Lage sei ernst", speaker="Jan Ott")]) == {"speaker_span.short": 1}


def test_misses():
    t = "Der Minister nannte den Plan „einen Schritt zurück“. Die Brücke ist laut Polizei gesperrt."
    outer = gold(t, "Der Minister nannte den Plan „einen Schritt zurück“", "Reported", has_nested=True)
    inner = gold(t, "„einen Schritt zurück“", "Direct", nested=True)
    found_inner = pred(t, "einen Schritt zurück", "partial")
    assert categories(t, [outer, inner], [found_inner]) == {"miss.nested_outer": 1}
    assert categories(t, [outer, inner], [pred(t, "einen Schritt zurück", "scare")]) == {
        "miss.nested_inner": 1, "miss.reported_act": 1}
    bridge = gold(t, "Die Brücke ist laut Polizei gesperrt", pieces=2)
    assert categories(t, [bridge], []) == {"miss.discontinuous": 1}
    whole = gold(t, "Die Brücke ist laut Polizei gesperrt")
    assert categories(t, [whole], [pred(t, "gesperrt")]) == {"miss.boundary": 1, "false.boundary": 1}


def test_misses_by_frame_and_form():
    t = "Die Polizei nahm zwei Männer fest. Einer soll bewaffnet gewesen sein. Es heißt, der Fall sei klar."
    hearsay = gold(t, "Einer soll bewaffnet gewesen sein", speaker="Die Polizei")
    assert categories(t, [hearsay], []) == {"miss.continuation": 1}
    assert categories(t, [gold(t, "der Fall sei klar")], []) == {"miss.impersonal": 1}
    t = "Der Verband forderte die Regierung auf, die Steuern zu senken."
    assert categories(t, [gold(t, "die Steuern zu senken")], []) == {"miss.zu_infinitive": 1}


def test_false_hits():
    t = "Die Studie zeigt, dass die Zahl steigt. Die Firma gab ihre Zahlen bekannt. Der Film „Stille Wasser“ läuft."
    preds = [pred(t, "dass die Zahl steigt"), pred(t, "Die Firma gab ihre Zahlen bekannt", "reported"),
             pred(t, "Stille Wasser", "partial")]
    assert categories(t, [], preds) == {"false.no_speech_predicate": 1, "false.reported_narrative": 1, "false.title_or_term": 1}


def test_every_category_is_described_and_the_cli_prints_them():
    result = CliRunner().invoke(cli, ["eval", "--by-category", str(SEEDS_GOLD)])
    assert result.exit_code == 0, result.output
    assert "errors by category:" in result.output
    for key in CATEGORIES:
        assert key in result.output


def test_errors_name_their_category(tmp_path):
    text = "Die Firma gab ihre Zahlen bekannt."
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(text, encoding="utf-8")
    gold_file = tmp_path / "gold.jsonl"
    gold_file.write_text('{"doc": "a", "kind": "direct", "start": 0, "end": 4, "text": "Die ", "speaker": null}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--errors", "--texts", str(tmp_path / "texts"), str(gold_file)])
    assert result.exit_code == 0, result.output
    assert "[miss." in result.output
