"""Throughput of the default quotation pipeline on the WIKINEWS train texts (one core).

Prints words/s of ``factcheck.nlp.load()`` and of spaCy's bare German tokenizer on the same texts in the
same run, and their ratio, by wall clock and by the CPU time of this process (on a busy machine the CPU
figure is the steadier one; report ``uptime`` with either). The corpus is read from ../shared/data/wikinews-quotes/train (never copied).

    python benchmarks/bench_extract.py [--corpus PATH] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikinews-quotes" / "train"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    files = sorted(args.corpus.glob("*.json"))
    if not files:
        raise SystemExit(f"no WIKINEWS json files in {args.corpus}")
    texts = [json.loads(f.read_text(encoding="utf-8"))["originalText"] for f in files]

    import spacy

    from factcheck.nlp import extract, load

    nlp = load()
    tokenizer = spacy.blank("de").tokenizer
    extract(texts[0], nlp)  # warm up
    words = sum(len(t.split()) for t in texts) * args.repeat

    t0, c0 = time.perf_counter(), time.process_time()
    n_quotes = 0
    for _ in range(args.repeat):
        for text in texts:
            n_quotes += len(extract(text, nlp))
    pipeline, pipeline_cpu = time.perf_counter() - t0, time.process_time() - c0

    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(args.repeat):
        for text in texts:
            tokenizer(text)
    bare, bare_cpu = time.perf_counter() - t0, time.process_time() - c0

    print(f"texts {len(texts) * args.repeat}, words {words}, quotations {n_quotes}")
    print(f"factcheck pipeline   {words / pipeline:>10,.0f} words/s  ({pipeline:.2f} s)")
    print(f"spaCy de tokenizer   {words / bare:>10,.0f} words/s  ({bare:.2f} s)")
    print(f"ratio pipeline/tokenizer  {bare / pipeline:.3f}  (pipeline is {pipeline / bare:.1f}x slower)")
    print(f"CPU time: pipeline {words / pipeline_cpu:,.0f} words/s ({pipeline_cpu:.2f} s), "
          f"tokenizer {words / bare_cpu:,.0f} words/s ({bare_cpu:.2f} s), ratio {bare_cpu / pipeline_cpu:.3f}")


if __name__ == "__main__":
    main()
