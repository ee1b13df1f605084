"""Benchmark of claim matching on synthetic German quotations.

    python benchmarks/bench_match.py --n 200000
    python benchmarks/bench_match.py --n 1000000 --sample 100
    python benchmarks/bench_match.py --n 200000 --sqlite      # also: the same through SQLite (match.run)

Generates n quotations, about 20 % of them near-duplicates of an earlier one (other quotation marks,
case and spacing, a soft hyphen, one word changed, cut to a partial quote), then times the in-memory
matching core (normalisation, candidate generation, rapidfuzz verification, connected components) and
prints quotes/s and peak RSS. Recall is measured against brute force with the same scorer and
threshold: for a random sample of quotes, fuzz.ratio against every other quote (rapidfuzz cdist); a
brute-force pair counts as found if matching put both in one cluster. Containment (partial quotes) is
too slow to brute-force at this size, so it is measured on the planted variants instead.

With --sqlite the quotes are also stored in a temporary database (10 per article) and `match.run` is
timed on it, then once more after adding 100 new quotes (the incremental case).
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from factcheck.match import core, score
from factcheck.match.normalize import STOPWORDS, content_words, normalize_all

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
VARIANT_KINDS = ("marks", "case+spacing", "soft hyphen", "one word", "partial")


def vocabulary(size: int, rng) -> list[str]:
    """Real words from the seed articles, then made-up German-looking words up to `size`."""
    real = []
    for path in sorted(SEEDS.glob("*.txt")):
        real += [w for w in path.read_text(encoding="utf-8").split() if w.isalpha() and w.lower() not in STOPWORDS]
    words = list(dict.fromkeys(real))
    syllables = ["ver", "ge", "be", "ent", "kraft", "land", "stadt", "rat", "recht", "schutz", "krieg", "frie",
                 "den", "wirt", "schaft", "ung", "heit", "keit", "lich", "isch", "an", "ab", "aus", "zu", "mit",
                 "ost", "west", "bund", "staat", "volk", "wahl", "geld", "preis", "markt", "lage", "front", "hilfe"]
    while len(words) < size:
        parts = rng.integers(0, len(syllables), size=(2 * size, 4))
        cut = rng.integers(2, 5, size=2 * size)
        capital = rng.random(2 * size) < 0.4
        made = ("".join(syllables[s] for s in row[:k]) for row, k in zip(parts.tolist(), cut.tolist()))
        words = list(dict.fromkeys(words + [w.capitalize() if c else w for w, c in zip(made, capital.tolist())]))
    return words[:size]


def generate(n: int, seed: int = 1, near_duplicates: float = 0.2):
    """n quotations; returns texts, base[i] (the quotation i is a variant of, or i) and kind[i]."""
    rng = np.random.default_rng(seed)
    vocab = np.array(vocabulary(200_000, rng), dtype=object)
    # Zipf-Mandelbrot: the commonest content word is about 0.5 % of content words (as "Ukraine" in
    # war coverage), the long tail is names and compounds.
    zipf = 1.0 / (np.arange(1, len(vocab) + 1) + 20.0)
    zipf /= zipf.sum()
    stop = np.array(sorted(STOPWORDS), dtype=object)
    texts: list[str] = []
    base = np.arange(n)
    kind = np.full(n, "", dtype=object)
    lengths = rng.integers(6, 45, size=n)
    total = int(lengths.sum())
    all_words = np.where(rng.random(total) < 0.4, stop[rng.integers(0, len(stop), size=total)],
                         vocab[rng.choice(len(vocab), size=total, p=zipf)]).tolist()
    pos = 0
    for i in range(n):
        k = lengths[i]
        if i > 100 and rng.random() < near_duplicates:
            j = int(rng.integers(0, i))
            while base[j] != j:
                j = base[j]
            base[i] = j
            kind[i] = VARIANT_KINDS[i % len(VARIANT_KINDS)]
            texts.append(_variant(texts[j], kind[i], rng, vocab))
        else:
            texts.append("„" + " ".join(all_words[pos:pos + k]) + ".“")
        pos += k
    return texts, base, kind


def _variant(text: str, kind: str, rng, vocab) -> str:
    inner = text.strip("„“")
    words = inner.split()
    if kind == "marks":
        return f"»{inner}«"
    if kind == "case+spacing":
        return "  ".join(inner.upper().split(" "))
    if kind == "soft hyphen":
        k = int(rng.integers(0, len(words)))
        words[k] = words[k][:2] + "\u00ad" + words[k][2:]
        return " ".join(words)
    if kind == "one word":
        words[int(rng.integers(0, len(words)))] = vocab[int(rng.integers(0, len(vocab)))]
        return f"„{' '.join(words)}“"
    # partial: a contiguous 50-90 % of the words
    size = max(3, int(len(words) * rng.uniform(0.5, 0.9)))
    start = int(rng.integers(0, len(words) - size + 1))
    return " ".join(words[start:start + size])


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process (all threads): wall time alone misleads on a shared, busy machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def recall_against_brute_force(normalized, labels, eligible, sample: int, cutoff: float, rng) -> tuple[int, int]:
    """Brute-force fuzz.ratio >= cutoff pairs of `sample` eligible quotes against all eligible quotes;
    how many of them ended in one cluster."""
    candidates = np.flatnonzero(eligible)
    queries = rng.choice(candidates, size=min(sample, len(candidates)), replace=False)
    choices = [normalized[i] for i in candidates]
    found = total = 0
    for start in range(0, len(queries), 20):
        block = queries[start:start + 20]
        scores = process.cdist([normalized[q] for q in block], choices, scorer=fuzz.ratio,
                               score_cutoff=cutoff, workers=-1, dtype=np.uint8)
        for row, q in enumerate(block):
            hits = candidates[np.flatnonzero(scores[row] >= cutoff)]
            hits = hits[hits != q]
            total += len(hits)
            found += int((labels[hits] == labels[q]).sum())
    return found, total


def bench_core(n: int, sample: int, threshold: float, suggest: float, seed: int) -> None:
    t0 = time.perf_counter()
    texts, base, kind = generate(n, seed)
    print(f"generated {n:,} quotations ({(base != np.arange(n)).mean():.1%} near-duplicates) "
          f"in {time.perf_counter() - t0:.1f}s")

    t0, cpu0 = time.perf_counter(), cpu_seconds()
    normalized = normalize_all(texts)
    t1 = time.perf_counter()
    pairs = core.match_texts(normalized, suggest=suggest)
    t2 = time.perf_counter()
    auto = pairs.scores >= threshold
    labels = core.components(n, pairs.left[auto], pairs.right[auto])
    t3 = time.perf_counter()
    total = t3 - t0
    print(f"matched in {total:.1f}s = {n / total:,.0f} quotes/s "
          f"(normalise {t1 - t0:.1f}s, candidates+verification {t2 - t1:.1f}s, components {t3 - t2:.1f}s); "
          f"CPU {cpu_seconds() - cpu0:.1f}s; peak RSS {peak_rss_mb():,.0f} MB; load average {os.getloadavg()[0]:.1f}")
    methods = {m: int(c) for m, c in zip(*np.unique(np.array(pairs.methods, dtype=object), return_counts=True))}
    print(f"{pairs.candidates:,} candidate pairs scored; {len(pairs):,} pairs >= {suggest:g} "
          f"({int(auto.sum()):,} >= {threshold:g}); by method {methods}")

    eligible = np.array([score.eligible(t) for t in normalized])
    variants = np.flatnonzero((base != np.arange(n)) & eligible & eligible[base])
    # the scorer's verdict on each planted pair, computed directly: what perfect candidate generation gives
    counts = np.array([len(set(content_words(normalized[i]))) if eligible[i] else 0 for i in range(n)])
    direct, _ = score.score_pairs(normalized, counts, base[variants], variants)
    print(f"planted variants in the cluster of their original (eligible ones); and among those the scorer "
          f"puts at >= {threshold:g} when asked directly:")
    for name in VARIANT_KINDS:
        of_kind = kind[variants] == name
        together = labels[variants] == labels[base[variants]]
        accepted = of_kind & (direct >= threshold)
        print(f"  {name:<13} {together[of_kind].mean():7.2%} of {of_kind.sum():,};   "
              f"{together[accepted].mean():7.2%} of the {accepted.sum():,} the scorer accepts")
    # precision: clusters should never join two different originals
    families = {}
    for i in np.flatnonzero(np.bincount(labels, minlength=n)[labels] > 1):
        families.setdefault(int(labels[i]), set()).add(int(base[i]))
    mixed = sum(1 for f in families.values() if len(f) > 1)
    print(f"{len(families):,} clusters; {mixed:,} of them join different originals")

    if not sample:
        return
    rng = np.random.default_rng(seed + 1)
    t0 = time.perf_counter()
    for cutoff in (threshold, suggest):
        found, expected = recall_against_brute_force(normalized, labels if cutoff == threshold else _suggest_labels(
            n, pairs, suggest), eligible, sample, cutoff, rng)
        recall = found / expected if expected else float("nan")
        print(f"recall vs brute force fuzz.ratio >= {cutoff:g} on {sample} sampled quotes: "
              f"{recall:.2%} ({found}/{expected} pairs)")
    print(f"(brute force took {time.perf_counter() - t0:.0f}s)")


def _suggest_labels(n, pairs, suggest):
    """Components over every pair >= suggest: a brute-force pair is 'found' at the suggestion level if
    matching clustered or suggested it (directly or through others)."""
    return core.components(n, pairs.left, pairs.right)


def bench_sqlite(n: int, threshold: float, suggest: float, seed: int) -> None:
    from factcheck import match
    from factcheck.store import open_db, quote_id

    texts, _, _ = generate(n + 100, seed)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        _store(db, texts[:n], quote_id)
        print(f"sqlite: stored {n:,} quotes in {time.perf_counter() - t0:.1f}s (not part of matching)")
        t0 = time.perf_counter()
        report = match.run(db, threshold=threshold, suggest=suggest)
        took = time.perf_counter() - t0
        print(f"sqlite: match.run on {n:,} quotes {took:.1f}s = {n / took:,.0f} quotes/s; peak RSS "
              f"{peak_rss_mb():,.0f} MB\n  {report.summary()}")
        _store(db, texts[n:], quote_id, first_article=n // 10 + 1)
        report = match.run(db, threshold=threshold, suggest=suggest)
        print(f"sqlite: incremental run with 100 new quotes: {report.seconds:.1f}s\n  {report.summary()}")
        db.close()


def _store(db, texts, quote_id, first_article: int = 0) -> None:
    with db.conn:
        for start in range(0, len(texts), 10):
            article = f"a{first_article + start // 10}"
            db.execute("INSERT INTO articles(id, content_hash, ingested_at, text) VALUES (?, ?, '2024-01-01', '')",
                       [article, article])
            db.conn.executemany(
                'INSERT INTO quotes(id, article_id, start, "end", text, kind, extractor_version) '
                "VALUES (?, ?, 0, 0, ?, 'direct', 'bench')",
                [(quote_id(article, t, k), article, t) for k, t in enumerate(texts[start:start + 10])],
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--sample", type=int, default=200, help="quotes compared by brute force for recall (0: skip)")
    parser.add_argument("--threshold", type=float, default=90)
    parser.add_argument("--suggest", type=float, default=75)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sqlite", action="store_true", help="time match.run through SQLite instead")
    args = parser.parse_args()
    if args.sqlite:
        bench_sqlite(args.n, args.threshold, args.suggest, args.seed)
    else:
        bench_core(args.n, args.sample, args.threshold, args.suggest, args.seed)


if __name__ == "__main__":
    main()
