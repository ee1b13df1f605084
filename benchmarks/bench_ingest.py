"""Ingest throughput on synthetic German articles, through the real library path.

    python benchmarks/bench_ingest.py                 # 10,000 articles, bulk mode
    python benchmarks/bench_ingest.py --articles 2000 --incremental

Writes the articles as one JSONL file in a temporary folder, ingests it into a fresh database with
`factcheck.ingest.ingest` (reading, cleanup, the current detector, `save_article`; in bulk mode the FTS
indexes are rebuilt once at the end), then ingests it again (everything unchanged) and prints
articles/s, quote rows/s and the FTS build time. The detector is whatever `factcheck.nlp` is now; its
version is printed with the figures.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

import factcheck.nlp
from factcheck.ingest import iter_ingest
from factcheck.store import open_db, quote_stats

SPEAKERS = ["Olaf Scholz", "Friedrich Merz", "Annalena Baerbock", "Robert Habeck", "Christian Lindner", "Nancy Faeser",
            "Karl Lauterbach", "Boris Pistorius", "ein Regierungssprecher", "die Bundesbank", "der Verband", "Markus Söder"]
CUES = ["sagte", "erklärte", "betonte", "kritisierte", "warnte", "räumte ein", "versicherte"]
NOUNS = ["Haushalt", "Inflation", "Rente", "Energiepreise", "Bundeswehr", "Migration", "Klimaschutz", "Schuldenbremse",
         "Wirtschaft", "Bahn", "Digitalisierung", "Pflege", "Wohnungsbau", "Steuerreform", "Grenze", "Ukraine"]
ADJECTIVES = ["notwendig", "falsch", "überfällig", "gefährlich", "richtig", "unbezahlbar", "alternativlos", "riskant"]
FILLER = ("Die Debatte im Bundestag dauerte bis in den späten Abend. Mehrere Abgeordnete meldeten sich zu Wort, "
          "Beobachter sprachen von einer angespannten Stimmung. ")


def article(rng: random.Random, number: int) -> dict:
    paragraphs = [f"Berlin. Im Streit um die {rng.choice(NOUNS)} gibt es neue Entwicklungen (Meldung {number})."]
    for _ in range(rng.randint(3, 8)):
        speaker, cue, noun, adjective = rng.choice(SPEAKERS), rng.choice(CUES), rng.choice(NOUNS), rng.choice(ADJECTIVES)
        claim = f"Die Politik bei der {noun} ist {adjective}, und das wissen alle seit Jahren ({rng.randint(1, 10**6)})."
        if rng.random() < 0.5:
            paragraphs.append(f"{speaker} {cue}: „{claim}“ " + FILLER)
        else:
            paragraphs.append(f"„{claim}“, {cue} {speaker}. " + FILLER * rng.randint(1, 2))
    return {"text": "\n\n".join(paragraphs), "url": f"https://nachrichten.example/{number}", "title": f"Meldung {number}"}


def timed_ingest(db, path: Path, bulk: bool) -> tuple[dict, float, float, float]:
    """(outcome counts, seconds until the last article was stored, seconds in the detector, seconds in total)."""
    detector_seconds = 0.0
    extract = factcheck.nlp.extract

    def timed_extract(text, nlp=None):
        nonlocal detector_seconds
        t = time.perf_counter()
        try:
            return extract(text, nlp)
        finally:
            detector_seconds += time.perf_counter() - t

    counts: dict = {}
    factcheck.nlp.extract = timed_extract
    try:
        start = last = time.perf_counter()
        for outcome in iter_ingest(db, [str(path)], bulk=bulk):
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
            last = time.perf_counter()
        total = time.perf_counter() - start
    finally:
        factcheck.nlp.extract = extract
    return counts, last - start, detector_seconds, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--incremental", action="store_true", help="index per article instead of bulk mode")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "articles.jsonl"
        with feed.open("w", encoding="utf-8") as out:
            for number in range(args.articles):
                out.write(json.dumps(article(rng, number), ensure_ascii=False) + "\n")
        db = open_db(Path(folder) / "bench.db")
        t = time.perf_counter()
        factcheck.nlp.extract("Er sagte: „Aufwärmen.“", factcheck.nlp.load())  # load outside the timing
        load_seconds = time.perf_counter() - t

        counts, until_last, detector_seconds, total = timed_ingest(db, feed, bulk=not args.incremental)
        quotes = db["quotes"].count
        assert counts == {"new": args.articles}, counts
        mode = "incremental FTS" if args.incremental else "bulk, FTS rebuilt at the end"
        print(f"factcheck ingest benchmark: {args.articles} synthetic articles ({feed.stat().st_size / 1e6:.1f} MB JSONL), "
              f"{quotes} quotes, detector {factcheck.nlp.EXTRACTOR_VERSION} (loaded in {load_seconds:.2f} s), {mode}")
        rest = total - detector_seconds
        print(f"  first ingest:   {total:.2f} s  = {args.articles / total:,.0f} articles/s, {quotes / total:,.0f} quote rows/s")
        print(f"    of which detector {detector_seconds:.2f} s; without it (read, clean, store, index) {rest:.2f} s "
              f"= {args.articles / rest:,.0f} articles/s, {quotes / rest:,.0f} quote rows/s")
        if not args.incremental:
            print(f"  FTS build:      {total - until_last:.2f} s (included above)")

        counts, _, _, again = timed_ingest(db, feed, bulk=False)
        assert counts == {"unchanged": args.articles}, counts
        print(f"  re-ingest:      {again:.2f} s  = {args.articles / again:,.0f} articles/s (all unchanged)")

        t = time.perf_counter()
        quote_stats(db)
        print(f"  stats query:    {time.perf_counter() - t:.2f} s over {quotes} quotes")


if __name__ == "__main__":
    main()
