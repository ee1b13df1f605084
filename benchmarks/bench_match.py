"""Benchmark of claim matching on synthetic German quotations.

    python benchmarks/bench_match.py --n 200000
    python benchmarks/bench_match.py --n 1000000 --sample 100
    python benchmarks/bench_match.py --n 200000 --sqlite      # the same through SQLite (match.run, with speakers)

Generates n quotations, about 20 % of them near-duplicates of an earlier one (other quotation marks,
case and spacing, a soft hyphen, one word changed, cut to a partial quote), then times the in-memory
matching core (normal form, sentences, candidate generation, rapidfuzz verification, guards, connected
components) and prints quotes/s and peak RSS (of the whole process, and while matching alone: at millions of
quotations the generator's own peak can be the higher one). Every quotation has a speaker (a pool of n/20 names); a
variant keeps its original's speaker four times in five, else another (the spread guard then weighs it). Recall is measured against brute force with the same scorer and
threshold: for a random sample of quotes, fuzz.ratio against every other quote (rapidfuzz cdist); a
brute-force pair counts as found if matching put both in one cluster. Containment (partial quotes) is
too slow to brute-force at this size, so it is measured on the planted variants instead.

Memory at archive scale (issue 14: 5M quotations within 8 GB), measured on 2 cores shared with six other
engineers (load 6-14), the matching core (`--sample 0`):
    --n 1000000: peak 1,656 MB while matching (635 MB of it the texts held before; 2,270 MB before the
                 matching was made to run in bounded memory), identical pairs and clusters
    --n 2000000: peak 2,888 MB while matching (1,183 MB of it the texts), 376 s CPU, 6,414,039 candidates,
                 411,342 pairs >= 75, 253,038 clusters: memory per quotation flat (1.66 -> 1.44 KB)
    --n 5000000: under `prlimit --as=9000000000`: the generator peaked at 3.25 GB (was 3.8 GB) and held 1,391 MB
                 after (the texts); 5.0M sentences, 4,348,972 distinct eligible ones; CPU per stage (load 6-14,
                 sampled with py-spy): sentences and exact pairs ~200 s, bands ~24 s, LSH ~39 s, rare words ~77 s
                 (the old channel was stopped after 600 s there); 24,875,093 candidates; peak RSS 6,264,544 kB
                 (6.0 GiB) while matching, reached in the rare-word channel. Run again alone (load 1, same cap):
                 peak RSS 6,269,940 kB for the whole run, 1,142 s CPU matching (nearly all of it verification,
                 a million candidates a chunk: each chunk makes the claim forms of most sentences anew),
                 1,028,959 pairs >= 75, 631,405 clusters, planted variants found as at 1M (99.3 % marks,
                 92.4 % one word, 83.6 % partial).

What grows faster than the quotations (CPU per stage, measured with the old rare-word channel, load 5-9):
                   sentences  exact  bands  LSH            rare words            verify  total
    --n  500000       15.1 s  0.7 s  2.6 s  1.6 s  0.9M    8.3 s (47k pairs)     19.2 s  48.9 s
    --n 1000000       33.7 s  1.7 s  5.2 s  4.3 s  2.3M   28.4 s (96k pairs)     53.7 s  129.5 s
The rare-word channel expands each short sentence into the postings of its rarest word (at most 500): with a
fixed vocabulary those postings grow with the corpus (21 million rows at 1M, 25 a sentence), and each row was a
random search into the (sentence, word) codes (1.7 us). It now costs 7.5 s instead of 26.7 s on the same 1M
corpus (same pairs) and about 75 s at 5M, where the old one was stopped after 600 s. What still grows faster
than the quotations is the number of LSH candidates (0.9M, 2.3M, 6.4M at 0.5M, 1M, 2M): this generator draws
from a fixed vocabulary of 200,000 words, so short sentences of common words agree on a band by chance more
often the more of them there are (likely; not measured pair by pair), and verification, which scores each
candidate and makes claim forms for each chunk of them, grows with them.

With --sqlite the quotes are stored with their speakers in a temporary database (10 per article) and
`match.run` is timed on it (speaker merging included), then: a run with nothing pending, and one new article
of 10 quotations (the incremental case), each as a user's `factcheck match` would run it.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from array import array
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from factcheck.match import core
from factcheck.match.normalize import stopwords

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
VARIANT_KINDS = ("marks", "case+spacing", "soft hyphen", "one word", "partial")


def vocabulary(size: int, rng) -> list[str]:
    """Real words from the seed articles, then made-up German-looking words up to `size`."""
    real = []
    for path in sorted(SEEDS.glob("*.txt")):
        real += [w for w in path.read_text(encoding="utf-8").split() if w.isalpha() and w.lower() not in stopwords()]
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
    """n quotations; returns texts (a `Texts`), base[i] (the quotation i is a variant of, or i), kind[i] and
    speaker[i].

    Memory (5M quotations within 8 GB for the whole run): the words are drawn as indices into one table of
    words (int32), not as arrays and lists of 125 million word objects, and the texts are kept as UTF-8 in
    one buffer; the random draws, and so the texts, are the same as when they were lists of strings."""
    rng = np.random.default_rng(seed)
    vocab = np.array(vocabulary(200_000, rng), dtype=object)
    # Zipf-Mandelbrot: the commonest content word is about 0.5 % of content words (as "Ukraine" in
    # war coverage), the long tail is names and compounds.
    zipf = 1.0 / (np.arange(1, len(vocab) + 1) + 20.0)
    zipf /= zipf.sum()
    stop = np.array(sorted(stopwords()), dtype=object)
    table = vocab.tolist() + stop.tolist()  # word index -> word: the vocabulary, then the stopwords
    texts = Texts()
    base = np.arange(n)
    kind = np.full(n, "", dtype=object)
    lengths = rng.integers(6, 45, size=n)
    total = int(lengths.sum())
    is_stop = rng.random(total) < 0.4
    word_index = np.where(is_stop, len(vocab) + rng.integers(0, len(stop), size=total),
                          rng.choice(len(vocab), size=total, p=zipf)).astype(np.int32)
    del is_stop
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
            texts.append("„" + " ".join(map(table.__getitem__, word_index[pos:pos + k].tolist())) + ".“")
        pos += k
    speakers = rng.integers(0, max(n // 20, 1), size=n)
    other = rng.random(n) < 0.2
    speakers = np.where((base != np.arange(n)) & ~other, speakers[base], speakers)
    return texts, base, kind, speakers


class Texts(Sequence):
    """A list of texts kept as UTF-8 in one growing buffer (about half the memory of the strings at 5M
    quotations, most of which hold „“ and so take two bytes a character as str); a slice is a list."""

    def __init__(self):
        self._buffer = bytearray()
        self._ends = array("q")

    def append(self, text: str) -> None:
        self._buffer += text.encode("utf-8")
        self._ends.append(len(self._buffer))

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        start = self._ends[i - 1] if i else 0
        return self._buffer[start:self._ends[i]].decode("utf-8")


FIRST_NAMES = ("Anna", "Bernd", "Clara", "Dieter", "Eva", "Frank", "Gerda", "Hans", "Ilse", "Jonas", "Karin",
               "Lukas", "Marion", "Nils", "Olga", "Peter", "Renate", "Stefan", "Tanja", "Uwe")
_SURNAME_SYLLABLES = ("ber", "dor", "fel", "gan", "hol", "kem", "lin", "mau", "nor", "pet", "ros", "sal", "tem",
                      "vol", "wen", "zim", "bau", "dre", "fri", "gro")


def speaker_name(k: int) -> str:
    """A person's name for speaker k: a first name and a surname made of syllables (distinct for each k)."""
    first, rest = FIRST_NAMES[k % len(FIRST_NAMES)], k // len(FIRST_NAMES)
    syllables = []
    while True:
        syllables.append(_SURNAME_SYLLABLES[rest % len(_SURNAME_SYLLABLES)])
        rest //= len(_SURNAME_SYLLABLES)
        if not rest:
            break
    return f"{first} {''.join(syllables).capitalize()}mann"


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


def reset_peak_rss() -> float:
    """Start measuring the peak anew (Linux: VmHWM is reset to the current RSS); returns the current RSS in MB,
    or NaN where that is not possible. With it the peak of matching is told apart from the generator's."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return _proc_status_mb("VmRSS")
    except OSError:
        return float("nan")


def peak_rss_since_reset_mb() -> float:
    try:
        return _proc_status_mb("VmHWM")
    except OSError:
        return float("nan")


def _proc_status_mb(field: str) -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise OSError(field)


def cpu_seconds() -> float:
    """CPU time of this process (all threads): wall time alone misleads on a shared, busy machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def recall_against_brute_force(forms, labels, eligible, sample: int, cutoff: float, rng) -> tuple[int, int]:
    """Brute-force fuzz.ratio >= cutoff pairs (on claim forms) of `sample` eligible quotes against all eligible
    quotes; how many of them ended in one cluster."""
    candidates = np.flatnonzero(eligible)
    queries = rng.choice(candidates, size=min(sample, len(candidates)), replace=False)
    choices = [forms[i] for i in candidates]
    found = total = 0
    for start in range(0, len(queries), 20):
        block = queries[start:start + 20]
        scores = process.cdist([forms[q] for q in block], choices, scorer=fuzz.ratio,
                               score_cutoff=cutoff, workers=-1, dtype=np.uint8)
        for row, q in enumerate(block):
            hits = candidates[np.flatnonzero(scores[row] >= cutoff)]
            hits = hits[hits != q]
            total += len(hits)
            found += int((labels[hits] == labels[q]).sum())
    return found, total


def bench_core(n: int, sample: int, threshold: float, suggest: float, seed: int) -> None:
    t0 = time.perf_counter()
    texts, base, kind, speakers = generate(n, seed)
    print(f"generated {n:,} quotations ({(base != np.arange(n)).mean():.1%} near-duplicates) "
          f"in {time.perf_counter() - t0:.1f}s")

    held = reset_peak_rss()
    t0, cpu0 = time.perf_counter(), cpu_seconds()
    pairs, units = core.match_quotes(core.Quotes(texts, speakers.tolist()), suggest=suggest)
    t1 = time.perf_counter()
    auto = pairs.scores >= threshold
    labels = core.components(n, pairs.left[auto], pairs.right[auto])
    t2 = time.perf_counter()
    total = t2 - t0
    print(f"matched in {total:.1f}s = {n / total:,.0f} quotes/s (normal form, candidates, verification "
          f"{t1 - t0:.1f}s, components {t2 - t1:.1f}s); CPU {cpu_seconds() - cpu0:.1f}s; peak RSS "
          f"{peak_rss_mb():,.0f} MB (while matching {peak_rss_since_reset_mb():,.0f} MB, of which {held:,.0f} MB "
          f"held before: the texts); load average {os.getloadavg()[0]:.1f}")
    methods = {m: int(c) for m, c in zip(*np.unique(np.array(pairs.methods, dtype=object), return_counts=True))}
    print(f"{pairs.candidates:,} candidate sentence pairs scored; {len(pairs):,} pairs >= {suggest:g} "
          f"({int(auto.sum()):,} >= {threshold:g}); by method {methods}")

    eligible = np.zeros(n, dtype=bool)
    eligible[units.quote[units.eligible]] = True
    variants = np.flatnonzero((base != np.arange(n)) & eligible & eligible[base])
    rng = np.random.default_rng(seed + 1)
    # the scorer's verdict on a sample of planted pairs, asked directly: what perfect candidate generation gives
    asked = rng.choice(variants, size=min(2000, len(variants)), replace=False)
    direct = {int(v): core.pair_score(texts[base[v]], texts[v])[0] for v in asked}
    print(f"planted variants in the cluster of their original (eligible ones); and among a sample the scorer "
          f"puts at >= {threshold:g} when asked directly:")
    for name in VARIANT_KINDS:
        of_kind = kind[variants] == name
        together = labels[variants] == labels[base[variants]]
        sampled = [v for v in asked.tolist() if kind[v] == name and direct[v] >= threshold]
        kept = np.mean([labels[v] == labels[base[v]] for v in sampled]) if sampled else float("nan")
        print(f"  {name:<13} {together[of_kind].mean():7.2%} of {of_kind.sum():,};   "
              f"{kept:7.2%} of the {len(sampled):,} sampled the scorer accepts")
    families = {}
    for i in np.flatnonzero(np.bincount(labels, minlength=n)[labels] > 1):
        families.setdefault(int(labels[i]), set()).add(int(base[i]))
    mixed = sum(1 for f in families.values() if len(f) > 1)
    print(f"{len(families):,} clusters; {mixed:,} of them join different originals")

    if not sample:
        return
    t0 = time.perf_counter()
    forms = [" ".join(units.form(u).text for u in range(a, b)) for a, b in zip(
        np.searchsorted(units.quote, np.arange(n)), np.searchsorted(units.quote, np.arange(n), side="right"))]
    for cutoff in (threshold, suggest):
        found, expected = recall_against_brute_force(forms, labels if cutoff == threshold else _suggest_labels(
            n, pairs, suggest), eligible, sample, cutoff, rng)
        recall = found / expected if expected else float("nan")
        print(f"recall vs brute force fuzz.ratio >= {cutoff:g} on {sample} sampled quotes: "
              f"{recall:.2%} ({found}/{expected} pairs)")
    print(f"(brute force took {time.perf_counter() - t0:.0f}s)")


def _suggest_labels(n, pairs, suggest):
    """Components over every pair >= suggest: a brute-force pair is 'found' at the suggestion level if
    matching clustered or suggested it (directly or through others)."""
    return core.components(n, pairs.left, pairs.right)


def bench_sqlite(n: int, threshold: float, suggest: float, seed: int, merge_speakers: bool = True) -> None:
    from factcheck import match
    from factcheck.store import open_db

    texts, _, _, speakers = generate(n + 5, seed)
    # the new article: 5 new quotations and 5 variants of stored ones (other marks, one word changed, cut)
    rng = np.random.default_rng(seed + 2)
    vocab = np.array(vocabulary(200_000, rng), dtype=object)
    for k in rng.integers(0, n, size=5).tolist():
        texts.append(_variant(texts[k], VARIANT_KINDS[k % len(VARIANT_KINDS)], rng, vocab))
        speakers = np.r_[speakers, speakers[k]]
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        _store(db, texts[:n], speakers[:n])
        print(f"sqlite: stored {n:,} quotes with {len(set(speakers[:n].tolist())):,} speakers in "
              f"{time.perf_counter() - t0:.1f}s (not part of matching)")
        for label, run_it in (("match.run on all", True), ("nothing pending", False), ("one new article", None)):
            if run_it is None:
                _store(db, texts[n:], speakers[n:], first_article=n // 10 + 1)
            t0, cpu0 = time.perf_counter(), cpu_seconds()
            report = match.run(db, threshold=threshold, suggest=suggest, merge_speakers=merge_speakers)
            took = time.perf_counter() - t0
            print(f"sqlite: {label}: {took:.2f}s (CPU {cpu_seconds() - cpu0:.2f}s), of which speaker merging "
                  f"{report.speaker_seconds:.2f}s; peak RSS {peak_rss_mb():,.0f} MB; "
                  f"load average {os.getloadavg()[0]:.1f}\n  {report.summary()}")
        db.close()


def _store(db, texts, speakers, first_article: int = 0) -> None:
    from factcheck.store import quote_id, speaker_id

    with db.conn:
        ids = {k: speaker_id(db, speaker_name(k), "person") for k in sorted(set(speakers.tolist()))}
        for start in range(0, len(texts), 10):
            article = f"a{first_article + start // 10}"
            db.execute("INSERT INTO articles(id, content_hash, ingested_at, text) VALUES (?, ?, '2024-01-01', '')",
                       [article, article])
            db.conn.executemany(
                'INSERT INTO quotes(id, article_id, start, "end", text, kind, speaker_id, extractor_version) '
                "VALUES (?, ?, ?, ?, ?, 'direct', ?, 'bench')",
                [(quote_id(article, t, k), article, 1000 * k, 1000 * k + len(t), t, ids[s])
                 for k, (t, s) in enumerate(zip(texts[start:start + 10], speakers[start:start + 10].tolist()))],
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--sample", type=int, default=200, help="quotes compared by brute force for recall (0: skip)")
    parser.add_argument("--threshold", type=float, default=90)
    parser.add_argument("--suggest", type=float, default=75)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sqlite", action="store_true", help="time match.run through SQLite instead")
    parser.add_argument("--no-speaker-merging", action="store_true",
                        help="--sqlite: quotations keep their speakers (the spread guard weighs them) but match.run "
                             "merges no name variants: the matcher's own cost")
    args = parser.parse_args()
    if args.sqlite:
        bench_sqlite(args.n, args.threshold, args.suggest, args.seed, not args.no_speaker_merging)
    else:
        bench_core(args.n, args.sample, args.threshold, args.suggest, args.seed)


if __name__ == "__main__":
    main()
