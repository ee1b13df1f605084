"""CPU of the detector's rule finder (factcheck/nlp/rules, ``find_quotations``) against the whole detector, per
article, on the realistic synthetic articles of bench_ingest (benchmarks/articles.py).

Each article goes through the pipeline once (which warms the per-word caches, as a long ingest does); the Docs
are kept, and the rule finder alone runs over all of them ``--rounds`` times. Prints the CPU per article of the
whole detector (first pass) and of the rule finder (min and median of the rounds: on a busy machine the min is
the steadier figure; report ``uptime`` with it).

    python benchmarks/bench_rules.py [--articles 1000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from articles import generate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()

    import factcheck.nlp.components as components
    from factcheck.nlp import extract, load

    texts = [a["text"] for a in generate(args.articles, seed=1)]
    nlp = load()
    extract(texts[0], nlp)  # warm up
    find_quotations = components.find_quotations
    prepared = []
    copying = [0.0]

    def keep(doc, lex, marks, sentences):  # the rule finder's input, kept for the timed rounds
        c = time.process_time()
        prepared.append((doc, lex, marks, copy.deepcopy(sentences)))
        copying[0] += time.process_time() - c
        return find_quotations(doc, lex, marks, sentences)

    components.find_quotations = keep
    c0 = time.process_time()
    for text in texts:
        extract(text, nlp)
    detector = time.process_time() - c0 - copying[0]
    components.find_quotations = find_quotations

    rounds = []
    for _ in range(args.rounds):
        inputs = [(doc, lex, marks, copy.deepcopy(sentences)) for doc, lex, marks, sentences in prepared]
        c0 = time.process_time()
        for doc, lex, marks, sentences in inputs:
            find_quotations(doc, lex, marks, sentences)
        rounds.append(time.process_time() - c0)
    n = len(texts)
    print(f"articles {n}, words {sum(len(t.split()) for t in texts)}")
    print(f"detector (extract, first pass)  {1000 * detector / n:6.2f} ms cpu per article")
    print(f"rule finder (find_quotations)   {1000 * min(rounds) / n:6.2f} ms cpu per article (min of {args.rounds}), "
          f"median {1000 * statistics.median(rounds) / n:.2f}")


if __name__ == "__main__":
    main()
