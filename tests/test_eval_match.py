"""`factcheck eval-match`: scoring matching and speaker merging on a labelled set of article pairs."""

import json

from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.match.evaluate import load_pairs

CLAIM = "Die Brücke über die Weser wird im kommenden Frühjahr vollständig gesperrt"
OTHER = "Der Haushalt der Stadt Bremen hat ein Loch von vierzig Millionen Euro"
ARTICLES = {
    "agentur": f"Bremen. „{CLAIM}“, sagte Senatorin Maike Brandes am Montag.",
    "zeitung": f"Bremen. Senatorin Maike Brandes kündigte an: „{CLAIM}.“",
    "sender": f"Bremen. „{OTHER}“, sagte Kämmerer Jens Brandes am Dienstag.",
}


def write_set(tmp_path, lists, articles=ARTICLES, folder="articles"):
    (tmp_path / folder).mkdir(exist_ok=True)
    for stem, text in articles.items():
        (tmp_path / folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "pairs.json"
    path.write_text(json.dumps(lists, ensure_ascii=False), encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(cli, ["eval-match", *map(str, args)])


def test_eval_match_prints_recall_and_precision_per_list(tmp_path):
    path = write_set(tmp_path, {
        "same_claim": [["agentur", "Brücke über die Weser", "zeitung", "im kommenden Frühjahr"]],
        "different_claim": [["agentur", "Brücke über die Weser", "sender", "Haushalt der Stadt", "a note"]],
        "same_speaker": [["agentur", "Brücke", "zeitung", "Brücke"]],
        "different_speaker": [["zeitung", "Brücke", "sender", "Haushalt"]],
    })
    result = run(path, "--errors")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:5] == ["same_claim", "1", "pairs", "recall", "1.00"]
    assert "precision 1.00" in lines[0] and "[1 clustered, 0 suggested, 0 apart, 0 missing]" in lines[0]
    assert lines[1].split()[:5] == ["different_claim", "1", "pairs", "recall", "1.00"]
    assert "[0 clustered, 0 suggested, 1 apart, 0 missing]" in lines[1]
    assert "[1 merged, 0 apart, 0 missing]" in lines[2] and "[0 merged, 1 apart, 0 missing]" in lines[3]
    assert len(lines) == 4  # --errors: nothing to list


def test_eval_match_lists_what_went_wrong(tmp_path):
    path = write_set(tmp_path, {"same_claim": [["agentur", "Brücke über die Weser", "sender", "Haushalt", "not really"]]})
    result = run(path, "--errors")
    assert result.exit_code == 0, result.output
    assert "recall 0.00" in result.output and "same_claim: 1 not as labelled" in result.output
    assert "apart  (not really)" in result.output
    assert f"agentur: {CLAIM}  — Maike Brandes" in result.output


def test_eval_match_finds_the_articles_beside_the_file(tmp_path):
    path = write_set(tmp_path, {"same_claim": [["agentur", "Brücke", "zeitung", "Brücke"]]}, folder="pairs")
    assert load_pairs(path).articles["agentur"] == tmp_path / "pairs" / "agentur.txt"
    other = tmp_path / "elsewhere"
    other.mkdir()
    write_set(other, {}, folder="texts")
    assert load_pairs(path, other / "texts").articles["agentur"] == other / "texts" / "agentur.txt"


def test_eval_match_input_errors_are_one_line(tmp_path):
    cases = [
        ({"same_claim": [["agentur", "Brücke", "nirgends", "Brücke"]]}, "same_claim pair 1: no article 'nirgends' in"),
        ({"same_claim": [["agentur", "Brücke", "zeitung"]]}, "same_claim pair 1: expected [stem, snippet, stem, snippet]"),
        ({"same_claim": "agentur"}, "same_claim must be a list of pairs"),
        ({"pairs": []}, "expected a JSON object with lists same_claim, different_claim"),
        ({"same_claim": [["agentur", "Tunnel", "zeitung", "Brücke"]]}, "snippet „Tunnel“ is not in the text of article 'agentur'"),
    ]
    for lists, message in cases:
        result = run(write_set(tmp_path, lists))
        assert result.exit_code == 1, result.output
        assert result.output.startswith("Error: ") and message in result.output, result.output
        assert len(result.output.strip().splitlines()) == 1
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    result = run(tmp_path / "broken.json")
    assert result.exit_code == 1 and "not valid JSON" in result.output
    result = run(tmp_path / "absent.json")
    assert result.exit_code == 1 and "absent.json: cannot read" in result.output
