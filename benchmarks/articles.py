"""Realistic synthetic German news articles for the benchmarks (no corpus text: everything is generated).

    from articles import generate, write_jsonl
    write_jsonl(path, generate(5000, seed=1))

What makes them realistic for ingest and matching: lengths vary (log-normal, about 425 words on average),
so does the number of quotations (about 5.8 per article: direct with the cue before or after, indirect
speech in the subjunctive, partial quotations, reported speech); the speakers come from a few thousand
people, organisations and anonymous sources with a long tail (a few are quoted very often), introduced with
role and full name and then named by surname or pronoun; and about one claim in six travels: the same claim,
sometimes cut, re-worded or turned into indirect speech, turns up in other articles (what `match` clusters).
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Iterator

FIRST = {"f": ["Anna", "Sabine", "Julia", "Katrin", "Petra", "Claudia", "Franziska", "Ricarda", "Svenja", "Manuela",
               "Lisa", "Heike", "Ursula", "Marie", "Johanna", "Bettina", "Yasmin", "Aylin", "Dorothee", "Christine"],
         "m": ["Thomas", "Michael", "Andreas", "Stefan", "Markus", "Jens", "Hubertus", "Cem", "Volker", "Karl",
               "Boris", "Tobias", "Florian", "Matthias", "Olaf", "Friedrich", "Winfried", "Bodo", "Hendrik", "Omid"]}
LAST = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger",
        "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann", "Köhler", "Herrmann",
        "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Vogel", "Friedrich",
        "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht",
        "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto",
        "Sommer", "Groß", "Seidel", "Heinrich", "Brandt", "Haas", "Schreiber", "Graf", "Dietrich", "Ziegler",
        "Kuhn", "Kühn", "Pohl", "Engel", "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff",
        "Pfeiffer", "Yılmaz", "Özdemir", "Kowalski", "Nowak", "Al-Wazir", "Selenskyj", "Kretschmann", "Ramelow"]
ROLES = {"f": ["Bundesinnenministerin", "die Grünen-Politikerin", "die SPD-Abgeordnete", "die Bürgermeisterin",
               "die Verbandspräsidentin", "die Ökonomin", "die Landrätin", "die Gewerkschaftschefin",
               "die Vorsitzende des Ausschusses", "die Virologin", "die Staatsanwältin", "die Sprecherin der Polizei"],
         "m": ["Bundesfinanzminister", "der CDU-Politiker", "der FDP-Fraktionschef", "der Bürgermeister",
               "der Verbandspräsident", "der Ökonom", "der Landrat", "der Gewerkschaftschef", "der Ministerpräsident",
               "der Bahnchef", "der Staatsanwalt", "der Sprecher der Feuerwehr"]}
ORGANISATIONS = ["das Bundesinnenministerium", "die Deutsche Bahn", "der Deutsche Gewerkschaftsbund",
                 "das Statistische Bundesamt", "die Bundesnetzagentur", "der Städtetag", "die Verbraucherzentrale",
                 "das Robert Koch-Institut", "der Bund der Steuerzahler", "die Bundesagentur für Arbeit",
                 "der Verband kommunaler Unternehmen", "die Polizei"]
ANONYMOUS = ["ein Sprecher", "eine Sprecherin des Ministeriums", "Beobachter", "mehrere Abgeordnete", "ein Anwohner",
             "Kritiker", "ein hoher Beamter", "Experten"]
CUES_PAST = ["sagte", "erklärte", "betonte", "warnte", "kritisierte", "versicherte", "räumte ein", "fügte hinzu",
             "sagte am Montag", "erklärte in Berlin", "schrieb auf X", "sagte der Zeitung"]
CUES_INDIRECT = ["sagte", "erklärte", "betonte", "warnte", "kündigte an", "teilte mit", "behauptete", "räumte ein"]
PREFIXES = ["Energie", "Wohnungs", "Steuer", "Renten", "Klima", "Bahn", "Schul", "Kranken", "Grenz", "Haushalts",
            "Bildungs", "Verkehrs", "Agrar", "Digital", "Pflege", "Arbeits", "Kinder", "Wasser", "Strom", "Gas",
            "Miet", "Polizei", "Justiz", "Hafen", "Flughafen", "Landes", "Stadt", "Kommunal", "Wahl", "Medien",
            "Forschungs", "Kultur", "Sport", "Wald", "Zoll", "Asyl", "Hochschul", "Lehrer", "Kita", "Tarif"]
SUFFIXES = ["reform", "politik", "krise", "förderung", "abgabe", "bremse", "strategie", "debatte", "behörde",
            "verordnung", "initiative", "regelung", "wende", "planung", "offensive", "quote", "pauschale", "prämie",
            "umlage", "versorgung", "aufsicht", "novelle", "finanzierung", "sanierung"]
TOPICS = [p + s for p in PREFIXES for s in SUFFIXES]  # 960 feminine compounds ("die Mietpreisbremse" style)
ADJECTIVES = ["notwendig", "falsch", "überfällig", "gefährlich", "richtig", "unbezahlbar", "alternativlos", "riskant",
              "ungerecht", "vernünftig", "verfassungswidrig", "halbherzig"]
PLACES = ["Berlin", "München", "Hamburg", "Köln", "Dresden", "Stuttgart", "Hannover", "Erfurt", "Kiel", "Mainz"]
OUTLETS = ["Tagesblatt", "Rundschau", "Morgenpost", "Anzeiger", "Kurier", "Nachrichten", "Allgemeine", "Presse"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember"]

DIRECT = [  # claims as spoken (indicative): {t}, {u} topics, {a} adjective, {n} number, {p} place, {y} year
    "Die Politik bei der {t} ist {a}, und bei der {u} sieht es nicht besser aus",
    "Wir werden bis {y} insgesamt {n} Millionen Euro in die {t} investieren",
    "Ich halte die Pläne zur {t} für {a}, die {u} dagegen für überfällig",
    "Niemand in {p} hat bei der {t} mit diesen Zahlen gerechnet",
    "Die {t} kostet die Steuerzahler jedes Jahr {n} Milliarden Euro",
    "Wir lassen uns bei der {t} von niemandem erpressen, auch nicht von der {u}",
    "Das ist kein gutes Signal für die {t} in {p}",
    "Die Lage bei der {t} ist ernst, aber die {u} ist nicht hoffnungslos",
    "Bei der {t} haben wir in den letzten {n} Jahren zu wenig getan",
    "Es wird mit der {t} keine Erhöhung der {u} geben",
    "Wer jetzt bei der {t} spart, zahlt später bei der {u} doppelt",
    "Die Zahl der Fälle in der {t} ist um {n} Prozent gestiegen",
    "Ohne die {t} wird die {u} in {p} nicht gelingen",
    "Die {t} ist {a}, das sage ich seit {y}",
]
TAILS = [  # a second clause for most claims, so that two claims rarely share most of their words
    "weil die {u} in {p} seit {y} stockt", "und das gilt genauso für die {u}", "das zeigen die Zahlen aus {p}",
    "auch wenn die {u} etwas anderes behauptet", "solange die {u} nicht kommt", "und zwar schon im {m}",
    "was die {u} in {p} längst beweist", "bei {n} offenen Verfahren", "denn die {u} ist {a}",
    "obwohl {n} Kommunen in {p} dagegen sind", "bis die {u} endlich greift", "wie jeder in {p} weiß",
]
INDIRECT = [  # the same kinds of claim in reported speech (subjunctive)
    "die Politik bei der {t} sei {a}",
    "man werde bis {y} insgesamt {n} Millionen Euro in die {t} investieren",
    "die Pläne zur {t} seien {a}, die {u} dagegen überfällig",
    "niemand in {p} habe bei der {t} mit diesen Zahlen gerechnet",
    "die {t} koste die Steuerzahler jedes Jahr {n} Milliarden Euro",
    "es werde mit der {t} keine Erhöhung der {u} geben",
    "die Zahl der Fälle in der {t} sei um {n} Prozent gestiegen",
    "die Regierung habe bei der {t} zu lange gezögert",
    "ohne die {t} werde die {u} in {p} nicht gelingen",
]
FILLER = [  # sentences without speech, each with slots so that they do not repeat across articles
    "Die Debatte über die {t} dauerte im Landtag von {p} bis in den späten Abend.",
    "Der Ausschuss will sich im {m} erneut mit der {t} befassen.",
    "Im {m} lag der Wert bei {n} Prozent, im Vorjahr noch deutlich darunter.",
    "In {p} demonstrierten am Wochenende {n} Menschen gegen die {t}.",
    "Im Plenum blieben während der Aussprache zur {t} viele Plätze leer.",
    "Ein Gesetzentwurf zur {t} soll bis zum {m} vorliegen.",
    "Seit {y} ist die Zahl der Anträge bei der {t} deutlich gestiegen.",
    "Die Länder verhandeln seit {n} Wochen mit dem Bund über die {t}.",
    "Wie es mit der {t} in {p} weitergeht, ist offen.",
    "Die Verhandlungen über die {t} waren zuletzt ins Stocken geraten.",
    "Bereits im {m} hatte es in {p} ein erstes Treffen zur {t} gegeben, das ohne Ergebnis blieb.",
    "Die Kosten für die {t} werden auf {n} Millionen Euro geschätzt.",
    "Die Kommunen müssen einen Teil der Kosten für die {t} selbst tragen.",
    "Am Dienstag soll das Kabinett in {p} über die {t} beraten.",
]


class Speaker:
    def __init__(self, rng: random.Random, number: int):
        kind = rng.random()
        if kind < 0.8:
            self.sex = rng.choice("fm")
            self.first, self.last = rng.choice(FIRST[self.sex]), LAST[number % len(LAST)]
            self.role = rng.choice(ROLES[self.sex])
            self.kind = "person"
        else:
            self.sex, self.kind = "n", "organization" if kind < 0.93 else "anonymous"
            self.first = self.last = self.role = None
            self.name = rng.choice(ORGANISATIONS if self.kind == "organization" else ANONYMOUS)

    def first_mention(self) -> str:
        return f"{self.role} {self.first} {self.last}" if self.kind == "person" else self.name

    def later_mention(self, rng: random.Random) -> str:
        if self.kind != "person":
            return self.name
        return rng.choice([self.last, self.last, f"{self.first} {self.last}", "sie" if self.sex == "f" else "er"])


def _fill(template: str, rng: random.Random) -> str:
    return template.format(t=rng.choice(TOPICS), u=rng.choice(TOPICS), a=rng.choice(ADJECTIVES), n=rng.randint(2, 950),
                           p=rng.choice(PLACES), y=rng.randint(2015, 2031), m=rng.choice(MONTHS))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class Generator:
    """Articles one after another; the same seed gives the same articles."""

    def __init__(self, seed: int = 1, speakers: int = 3000):
        self.rng = random.Random(seed)
        self.speakers = [Speaker(self.rng, n) for n in range(speakers)]
        self.weights = [1 / (rank + 1) for rank in range(speakers)]  # Zipf: a few are quoted very often
        self.travelling = [_fill(self.rng.choice(DIRECT), self.rng) for _ in range(400)]

    def article(self, number: int) -> dict:
        return self.article_with_quotations(number)[0]

    def article_with_quotations(self, number: int) -> tuple[dict, list[dict]]:
        """The article, and the quotations written into it as `factcheck.nlp.Quotation` fields (offsets into
        its text, the speaker by full name): what a bulk load stores without running the detector."""
        rng = self.rng
        words_wanted = max(80, int(rng.lognormvariate(5.95, 0.45)))  # median ~385, mean ~425 words
        cast = rng.choices(self.speakers, self.weights, k=rng.randint(1, 4))
        introduced: set[int] = set()
        place = rng.choice(PLACES)
        paragraphs, words = [f"{place}. " + _fill(rng.choice(FILLER), rng)], 0
        offset, quotations = len(paragraphs[0]) + 2, []
        while words < words_wanted:
            speaker = rng.choice(cast)
            mention = speaker.later_mention(rng) if id(speaker) in introduced else speaker.first_mention()
            introduced.add(id(speaker))
            sentence, found = self._quotation(speaker, mention) if rng.random() < 0.5 else ("", [])
            filler = " ".join(_fill(rng.choice(FILLER), rng) for _ in range(rng.randint(1, 5)))
            paragraph = f"{sentence} {filler}".strip()
            if paragraph:
                quotations += [_shifted(q, offset) for q in found]
                paragraphs.append(paragraph)
                offset += len(paragraph) + 2
                words += len(paragraph.split())
        outlet = rng.choice(OUTLETS)
        article = {"text": "\n\n".join(paragraphs), "url": f"https://{outlet.lower()}.example/{number}",
                   "title": f"{rng.choice(TOPICS)}: Streit geht weiter ({number})", "outlet": outlet,
                   "published": f"20{rng.randint(19, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}
        return article, quotations

    def _claim(self) -> str:
        """A claim's words (without the final stop): one in six travels, sometimes cut."""
        if self.rng.random() < 0.17:
            claim = self.rng.choice(self.travelling)
            if self.rng.random() < 0.3:
                claim = " ".join(claim.split()[: max(4, len(claim.split()) - 3)])
            return claim
        claim = _fill(self.rng.choice(DIRECT), self.rng)
        return f"{claim}, {_fill(self.rng.choice(TAILS), self.rng)}" if self.rng.random() < 0.7 else claim

    def _quotation(self, speaker: Speaker, mention: str) -> tuple[str, list[dict]]:
        """A sentence with a quotation, and the quotation (offsets into the sentence)."""
        rng, style = self.rng, self.rng.random()
        said = _capital(mention)
        after_said = len(said) + 1
        if style < 0.35:
            cue, claim = rng.choice(CUES_PAST), self._claim()
            return (f"{said} {cue}: „{claim}.“",
                    [_quote(f"{claim}.", after_said + len(cue) + 3, "direct", speaker, said, 0, cue, after_said, 0.9)])
        if style < 0.65:
            claim, cue = self._claim(), rng.choice(CUES_PAST)
            sentence = f"„{claim}“, {cue} {mention}."
            return sentence, [_quote(claim, 1, "direct", speaker, mention, len(sentence) - 1 - len(mention), cue,
                                     len(claim) + 4, 0.9)]
        if style < 0.85:
            cue = rng.choice(CUES_INDIRECT)
            clause = _fill(rng.choice(INDIRECT), rng)
            return (f"{said} {cue}, {clause}.",
                    [_quote(clause, after_said + len(cue) + 2, "indirect", speaker, said, 0, cue, after_said, 0.7)])
        if style < 0.95:
            topic, adjective = rng.choice(TOPICS), rng.choice(ADJECTIVES)
            sentence = f"{said} nannte die Pläne zur {topic} „{adjective}“."
            return sentence, [_quote(adjective, sentence.index("„") + 1, "partial", speaker, said, 0, "nannte",
                                     after_said, 0.6)]
        source = speaker.last if speaker.kind == "person" else speaker.name
        clause = _fill(rng.choice(INDIRECT), rng).replace('man werde', 'werde man')
        cue = "Nach Angaben von"
        return (f"{cue} {source} {clause}.",
                [_quote(clause, len(cue) + len(source) + 2, "reported", speaker, source, len(cue) + 1, cue, 0, 0.6)])


def _quote(text: str, start: int, kind: str, speaker: Speaker, mention: str, mention_start: int, cue: str,
           cue_start: int, confidence: float) -> dict:
    name = f"{speaker.first} {speaker.last}" if speaker.kind == "person" else speaker.name
    return {"start": start, "end": start + len(text), "text": text, "kind": kind, "speaker": name,
            "speaker_type": speaker.kind, "speaker_start": mention_start, "speaker_end": mention_start + len(mention),
            "cue": cue, "cue_start": cue_start, "cue_end": cue_start + len(cue), "confidence": confidence}


def _shifted(quotation: dict, offset: int) -> dict:
    return quotation | {k: quotation[k] + offset for k in ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end")}


def generate(count: int, seed: int = 1, start: int = 0) -> Iterator[dict]:
    """`count` articles (numbered from `start`: numbers make urls and titles unique)."""
    generator = Generator(seed)
    for number in range(start, start + count):
        yield generator.article(number)


def write_jsonl(path: Path, articles) -> int:
    """Write articles as JSON lines; returns how many."""
    n = 0
    with Path(path).open("w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
            n += 1
    return n
