"""Speaker names and merges on generated articles, checked against the generator's truth.

    python benchmarks/bench_speaker_truth.py --articles 5000 --seed 2          # generate, ingest, match, check
    python benchmarks/bench_speaker_truth.py --articles 5000 --seed 2 --db g.db --check-only

The articles of benchmarks/articles.py name their people as news does: role and full name first („die
Sprecherin der Polizei Julia Thomas“), then surname, full name or pronoun; many of them share a surname (Julia
and Dorothee Thomas), some surnames are spellings of others (Meier/Meyer, Kuhn/Kühn), and some are also
roles or given names (Richter, Thomas, Friedrich). The generator knows who said each quotation, so this
counts what a user would see after the real commands (`factcheck ingest` of the JSONL, which matches):
- wrong merges: an automatic speaker merge of two speakers whose quotations were said by people of two
  different names (a merge of two generated people of one written name cannot be told apart and is counted
  on its own), and right merges;
- quotations of named persons shown under their own name, by their surname alone, or under the name of
  another person of that surname (a surname alone read as the wrong person inside an article);
- display names of named persons that still hold a role or organisation word of the generator
  („Sprecher der Feuerwehr Hendrik Beck“), by quotations and by names.
"""

from __future__ import annotations

import argparse
import collections
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import articles as gen  # noqa: E402

ROLE_WORDS = {w for phrases in gen.ROLES.values() for phrase in phrases for w in phrase.split() if w[:1].isupper()}
GIVEN = {name for names in gen.FIRST.values() for name in names}


class _Recording(gen.Generator):
    """The generator, remembering who said each quotation sentence."""

    def __init__(self, seed: int):
        super().__init__(seed)
        self.said: list[tuple[str, int]] = []

    def _quotation(self, speaker, mention):
        sentence = super()._quotation(speaker, mention)
        self.said.append((sentence, self.speakers.index(speaker)))
        return sentence


def truth(count: int, seed: int) -> tuple[_Recording, dict[str, list[tuple[str, int]]], list[dict]]:
    """The generator, each article's (url) quotation sentences with their speaker's index, and the articles."""
    generator, said, articles = _Recording(seed), {}, []
    for number in range(count):
        generator.said = []
        article = generator.article(number)
        said[article["url"]] = list(generator.said)
        articles.append(article)
    return generator, said, articles


def check(db_path: Path, generator: _Recording, said: dict) -> dict:
    people = generator.speakers

    def full(k: int) -> str:
        return f"{people[k].first} {people[k].last}" if people[k].kind == "person" else people[k].name

    db = sqlite3.connect(db_path)
    truths: dict[int, collections.Counter] = collections.defaultdict(collections.Counter)  # speaker id -> people
    role_names: collections.Counter = collections.Counter()
    shown: collections.Counter = collections.Counter()  # (the person's own name, surname alone) -> quotations
    named_quotes = role_quotes = 0
    for url, text in db.execute("SELECT url, text FROM articles"):
        spans, pos = [], 0
        for sentence, who in said.get(url, []):
            at = text.find(sentence, pos)
            at = at if at >= 0 else text.find(sentence)
            if at >= 0:
                spans.append((at, at + len(sentence), who))
                pos = at
        for start, speaker_id, name in db.execute(
                """SELECT q.start, q.speaker_id, v.speaker FROM quotes q JOIN quotes_view v ON v.quote_id = q.id
                   JOIN articles a ON a.id = q.article_id WHERE a.url = ? AND q.speaker_id IS NOT NULL""", [url]):
            who = next((w for a, b, w in spans if a <= start < b), None)
            if who is None:
                continue
            truths[speaker_id][who] += 1
            words = name.split()
            if people[who].kind == "person" and words[-1:] == [people[who].last]:
                shown[name == full(who), len(words) == 1] += 1
            if people[who].kind == "person" and people[who].first in words and people[who].last in words:
                named_quotes += 1
                if any(w.rstrip("s") in ROLE_WORDS or w in ROLE_WORDS for w in words):
                    role_quotes += 1
                    role_names[name] += 1
    names = dict(db.execute("SELECT id, name FROM speakers"))
    right, wrong, same_written = 0, [], 0
    for merge_id, speaker, into, reason in db.execute(
            "SELECT id, speaker_id, into_id, reason FROM speaker_merges WHERE status = 'auto'"):
        if not truths[speaker] or not truths[into]:
            continue
        a, b = truths[speaker].most_common(1)[0][0], truths[into].most_common(1)[0][0]
        if a == b or a in truths[into]:
            right += 1
        elif full(a) == full(b):
            same_written += 1
        else:
            wrong.append(f"{names[speaker]} ({full(a)}) -> {names[into]} ({full(b)}): {reason}")
    return {"right": right, "wrong": wrong, "same_written": same_written, "role_names": role_names, "shown": shown,
            "role_quotes": role_quotes, "named_quotes": named_quotes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--db", type=Path, help="database to write (kept) or, with --check-only, to check")
    parser.add_argument("--check-only", action="store_true", help="check --db as it is (ingested from the same "
                        "--articles and --seed)")
    args = parser.parse_args()
    generator, said, articles = truth(args.articles, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "generated.db"
        if not args.check_only:
            db.unlink(missing_ok=True)
            path = Path(tmp) / "articles.jsonl"
            gen.write_jsonl(path, articles)
            started, cpu = time.perf_counter(), os.times()
            subprocess.run(["factcheck", "--db", str(db), "ingest", "--bulk", str(path)], check=True)
            spent = os.times()
            print(f"ingest + match: {time.perf_counter() - started:.0f} s wall, "
                  f"{spent.children_user - cpu.children_user:.0f} s CPU (load {os.getloadavg()[0]:.1f})")
        result = check(db, generator, said)
    print(f"{args.articles} articles, seed {args.seed}")
    print(f"automatic speaker merges: {result['right']} right, {len(result['wrong'])} wrong "
          f"(+{result['same_written']} between two generated people of one written name)")
    for line in result["wrong"]:
        print(f"  WRONG {line}")
    shown = result["shown"]
    print(f"quotations of named persons shown with their surname: {sum(shown.values())}, of them "
          f"{shown[True, False]} under their own name, {shown[False, True]} by the surname alone, "
          f"{shown[False, False]} under another person's name of that surname")
    print(f"display names of named persons with a role word: {len(result['role_names'])} names, "
          f"{result['role_quotes']} of {result['named_quotes']} quotations")
    for name, n in result["role_names"].most_common(15):
        print(f"  {n:5d}  {name}")


if __name__ == "__main__":
    main()
