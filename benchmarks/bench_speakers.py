"""Benchmark of speaker merging (factcheck/match/speakers.py) as the database grows.

    python benchmarks/bench_speakers.py                          # 20k, 200k and 1M quotations
    python benchmarks/bench_speakers.py --sizes 20000 200000 --repeat 5

For each size, a database of synthetic articles (10 quotations each, about 400 words naming the speakers)
with speakers as news writes them: a person is quoted by full name, by surname alone (most of those in an
article that names them fully), with a role before the name, with a middle initial, by a first initial, or in
another transliteration; many people share a surname, and 5 % of the quotations are in clusters with a
quotation of the same person elsewhere. Then it times, in wall and CPU seconds, with the SQL statements run:
- the full pass, `merge_variants(db)`: what the first match after an upgrade of the name rules does;
- one new article of 10 quotations (known and new people, a surname-only mention, a spelling variant, one
  quotation joining an existing cluster): `merge_variants(db, its quotation ids)`, as `match.run` calls it;
- a run with nothing new: `merge_variants(db, [])`.
Timings on a shared machine are noisy: the load average is printed with them, and CPU time beside wall time.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from factcheck.match.names import given_names, translit_key
from factcheck.match.speakers import merge_variants
from factcheck.store import open_db

FIRST = ("Anna Hans Peter Karin Lena Thomas Michael Andreas Stefan Sabine Claudia Petra Monika Jürgen Klaus Wolfgang "
         "Uwe Dieter Frank Markus Christian Carsten Julia Katharina Laura Sophie Maximilian Felix Jonas Lukas Paul "
         "Leon Elias Mia Emma Hannah Lea Marie Johanna Ursula Angela Olaf Friedrich Robert Annalena Christine "
         "Volodymyr Dmitri Sergei Wladimir Olena Natalia Jewgeni Joe Hunter Kamala Emmanuel Giorgia Pedro Recep "
         "Benjamin Ali Fatima Mehmet Ayse Ahmed Leila Jean Pierre Marco Luca Giulia Carlos Jorge").split()
SYLLABLES = ("berg mann schul wag ner bau mei ster lau ter bach eb sel ens kow ski witz hof feld brand roth "
             "stein mül kel ler schmidt fisch zim mer wolf neu haus kraus lang koch rich ter klein heid fried "
             "schen ko wal dow jew tsch").split()
ROLES = ("Ministerin Minister Präsident Bürgermeisterin Sprecher Virologin Ökonom Prof. Dr. Abgeordnete "
         "Landrat Trainer Vorsitzende").split()
FILLER = ("die der das und in zu den mit von auf für ist im dem nicht ein eine als auch es an werden aus er hat "
          "dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber "
          "Stadt Land Regierung Bericht Woche Jahr Euro Prozent Polizei Gericht Schule Bahn Klima Haushalt").split()


def variant(surname: str) -> str:
    """Another transliteration of a surname, as agencies write it."""
    for old, new in (("w", "v"), ("sch", "sh"), ("j", "y"), ("tz", "z"), ("ü", "ue"), ("ow", "ov")):
        if old in surname:
            return surname.replace(old, new, 1)
    return surname


def people(n: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """n persons (first name, middle initial or '', surname): surnames shared by several of them, but no two
    with the same first name and surname, nor with names that are spellings of one name (those no rule could
    tell apart)."""
    made = sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
                   for _ in range(max(50, n // 3))})
    surnames = sorted({translit_key(name): name for name in made}.values())  # Enster/Ensster: one name
    firsts = sorted({given_names(name)[0].key: name for name in FIRST}.values())  # Wladimir/Volodymyr: one name
    persons: dict[tuple[str, str], str] = {}
    while len(persons) < n:
        persons.setdefault((rng.choice(firsts), rng.choice(surnames)),
                           rng.choice("ABCDEFGHJKLMNPRSTW") + "." if rng.random() < 0.1 else "")
    return [(first, middle, last) for (first, last), middle in persons.items()]


def rendering(person: tuple[str, str, str], rng: random.Random, alone: bool) -> tuple[str, str]:
    """How one article names a person: (speaker name, sentence naming them in the text). Only a person
    `alone` with that surname in the article is named by surname or first initial alone."""
    first, middle, last = person
    if rng.random() < 0.5:
        middle = ""  # a middle initial is often left out
    full = f"{first} {middle} {last}".replace("  ", " ")
    roll = rng.random()
    if roll < 0.15 and alone:  # surname only; most articles name the person fully elsewhere
        return last, (f"{full} kam am Morgen an. " if rng.random() < 0.7 else "") + f"{last} sagte"
    if roll < 0.20:
        role = rng.choice(ROLES)
        return f"{role} {full}", f"{role} {full} sagte"
    if roll < 0.25:
        name = f"{first} {variant(last)}"
        return name, f"{name} sagte"
    if roll < 0.30 and alone:
        name = f"{first[0]}. {last}"
        return name, f"{name} sagte"
    return full, f"{full} sagte"


class Builder:
    def __init__(self, db, persons, rng):
        self.db, self.persons, self.rng = db, persons, rng
        self.speakers: dict[str, int] = {}
        self.persons_named: dict[str, set[int]] = {}  # speaker name -> the people quoted under it
        self.articles = self.quotes = 0
        weights = [1 / (k + 10) for k in range(len(persons))]  # a few people are quoted very often
        self.cumulative = list(_accumulate(weights))

    def speaker(self, name: str) -> int:
        if name not in self.speakers:
            self.speakers[name] = self.db.execute(
                "INSERT INTO speakers(name, type, variants) VALUES (?, 'person', '[]')", [name]).lastrowid
        return self.speakers[name]

    def article(self, quotes_per_article: int = 10) -> list[tuple[str, int]]:
        """Store one article; returns its (quote id, person index) pairs."""
        self.articles += 1
        aid = f"a{self.articles}"
        picks = self.rng.choices(range(len(self.persons)), cum_weights=self.cumulative, k=quotes_per_article)
        sentences, rows = [], []
        surnames = [self.persons[p][2] for p in set(picks)]
        for person in picks:
            name, said = rendering(self.persons[person], self.rng, surnames.count(self.persons[person][2]) == 1)
            self.quotes += 1
            qid = f"q{self.quotes}"
            text = " ".join(self.rng.choices(FILLER, k=self.rng.randint(6, 20))).capitalize() + "."
            sentences.append(" ".join(self.rng.choices(FILLER, k=30)).capitalize() + f". {said}: „{text}“")
            rows.append((qid, aid, text, self.speaker(name), person))
            self.persons_named.setdefault(name, set()).add(person)
        self.db.execute("INSERT INTO articles(id, content_hash, ingested_at, text) VALUES (?, ?, '2024-01-01', ?)",
                        [aid, aid, " ".join(sentences)])
        self.db.conn.executemany(
            'INSERT INTO quotes(id, article_id, start, "end", text, kind, speaker_id, extractor_version) '
            "VALUES (?, ?, 0, 0, ?, 'direct', ?, 'bench')", [r[:4] for r in rows])
        return [(r[0], r[4]) for r in rows]


def _accumulate(weights):
    total = 0.0
    for w in weights:
        total += w
        yield total


def cluster(db, quote_ids: list[str]) -> None:
    cid = db.execute("INSERT INTO clusters(canonical_text, size, created_at) VALUES ('', ?, '2024-01-01')",
                     [len(quote_ids)]).lastrowid
    db.conn.executemany("INSERT OR IGNORE INTO cluster_members(quote_id, cluster_id, added_at) VALUES (?, ?, '2024-01-01')",
                        [(q, cid) for q in quote_ids])


def build(path: Path, n_quotes: int, seed: int) -> tuple[object, Builder, dict[int, list[str]]]:
    rng = random.Random(seed)
    db = open_db(path)
    builder = Builder(db, people(max(100, n_quotes // 8), rng), rng)
    by_person: dict[int, list[str]] = {}
    with db.conn:
        while builder.quotes < n_quotes:
            for qid, person in builder.article():
                by_person.setdefault(person, []).append(qid)
                if rng.random() < 0.025 and len(by_person[person]) > 1:  # a claim repeated in another article
                    cluster(db, [by_person[person][-2], qid])
    return db, builder, by_person


def quality(db, builder: Builder) -> str:
    """Merges into a name none of whose people the merged name was used for are wrong; and how many root
    names each person is still quoted under (1.0 = every person one speaker)."""
    names = dict(db.execute("SELECT id, name FROM speakers"))
    wrong = sum(1 for sid, into in db.execute("SELECT speaker_id, into_id FROM speaker_merges")
                if not builder.persons_named[names[sid]] & builder.persons_named[names[into]])
    roots_of: dict[int, set[int]] = {}
    for sid, root in db.execute("SELECT id, COALESCE(merged_into, id) FROM speakers"):
        for person in builder.persons_named[names[sid]]:
            roots_of.setdefault(person, set()).add(root)
    per_person = statistics.mean(len(r) for r in roots_of.values())
    return f"{wrong} merges of different people; {per_person:.2f} speakers per person (1.0 = all merged)"


def timed(db, run) -> tuple[float, float, int]:
    statements = []
    db.conn.set_trace_callback(statements.append)
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        with db.conn:
            run()
    finally:
        db.conn.set_trace_callback(None)
    return time.perf_counter() - wall, time.process_time() - cpu, len(statements)


def bench(n_quotes: int, repeat: int, seed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        db, builder, by_person = build(Path(tmp) / "speakers.db", n_quotes, seed)
        print(f"\n{builder.quotes:,} quotations, {builder.articles:,} articles, {len(builder.speakers):,} speaker "
              f"names of {len(builder.persons):,} people: built in {time.perf_counter() - t0:.0f}s")
        merges: list = []
        wall, cpu, sql = timed(db, lambda: merges.extend(merge_variants(db)))
        print(f"  full pass:            {wall:7.2f}s wall {cpu:7.2f}s CPU, {sql:,} statements, {len(merges):,} merges"
              f"  (load {os.getloadavg()[0]:.1f})")
        print(f"  {quality(db, builder)}")
        walls, cpus, sqls, made = [], [], [], 0
        for _ in range(repeat):
            with db.conn:
                new = builder.article()
                qid, person = new[0]
                if by_person.get(person):
                    cluster(db, [by_person[person][0], qid])  # joins a claim of the same person
            merges = []
            wall, cpu, sql = timed(db, lambda: merges.extend(merge_variants(db, [q for q, _ in new])))
            walls.append(wall), cpus.append(cpu), sqls.append(sql)
            made += len(merges)
        print(f"  one new article (10): {statistics.median(walls):7.3f}s wall {statistics.median(cpus):7.3f}s CPU "
              f"median of {repeat} (max {max(walls):.3f}s wall), {statistics.median(sqls):.0f} statements, "
              f"{made} merges  (load {os.getloadavg()[0]:.1f})")
        wall, cpu, sql = timed(db, lambda: merge_variants(db, []))
        print(f"  nothing new:          {wall:7.4f}s wall {cpu:7.4f}s CPU, {sql} statements")
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5, help="new articles timed per size")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for n in args.sizes:
        bench(n, args.repeat, args.seed)


if __name__ == "__main__":
    main()
