"""What a person's name says: given names and surname as spelling-independent keys.

`parse_name("Prof. Dr. Hans-Peter Ebner")` gives the given names hans, peter (the second joined to the first
by a hyphen) and the surname ebner. Roles and titles before a name ("Virologin", "Prof. Dr.", the lexicon
roles.txt) honorifics and suffixes ("Sir", "jr.", name_titles.txt) are no part of it, so a role left in a display name
is never read as a first name. A phrase that is no one's name (a role alone, a lowercase phrase, an acronym)
gives None.

Keys fold the usual German/English renderings of names together: Selenskyj / Zelensky / Selenskij /
Zelenskyy, Medwedew / Medvedev, Tschernenko / Chernenko, Wolodymyr / Volodymyr, Strauß / Strauss,
Müller / Mueller; given names that are one name in another language are one key (Dmytro / Dmitry, the
lexicon given_names.txt). Those folds are for names from other scripts: a German family name (the lexicon
surnames.txt) has one spelling, so Meier / Meyer, Hofmann / Hoffmann and Kuhn / Kühn stay different surnames
(only ß/ss and ä/ae, ö/oe, ü/ue are the same letters). `compatible` says whether two names can be one person.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from factcheck.nlp.lexicons import WordSet, load_lexicons, read_lines

# Ordered: longer patterns first, so "tsch" is not read as "t" + "sch".
_FOLDS = (("tsch", "ch"), ("sch", "sh"), ("zh", "sh"), ("kh", "ch"), ("ts", "z"), ("tz", "z"),
          ("w", "v"), ("z", "s"), ("j", "i"), ("y", "i"), ("ph", "f"))
_UMLAUT_DIGRAPH = re.compile(r"(?<=[^aeiou])([aou])e")  # Mueller, Schroeder (Müller, Schröder lose the dots)
_RUSSIAN_ENDING = re.compile(r"[eo]v$")  # Gorbatschow / Gorbachev: ё is o in German, e in English
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def translit_key(word: str) -> str:
    """A spelling-independent key for one name word: selenskyj, zelensky, selenskij → 'selenski'."""
    return _translit_key(word)


@lru_cache(maxsize=65536)
def _translit_key(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.casefold().replace("ß", "ss"))
    word = "".join(c for c in word if not unicodedata.combining(c))
    word = _UMLAUT_DIGRAPH.sub(r"\1", word)
    for old, new in _FOLDS:
        word = word.replace(old, new)
    word = re.sub(r"(.)\1+", r"\1", word)  # doubled letters: zelenskyy, selenskii
    return _RUSSIAN_ENDING.sub("ov", word)


def written_form(word: str) -> str:
    """A word as written, up to case, ß/ss, ä/ae, ö/oe, ü/ue and other accents: Weiß / Weiss, Müller / Mueller
    (not Muller), Erdoğan / Erdogan."""
    word = word.casefold().replace("ß", "ss").replace("ı", "i")
    for umlaut, digraph in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        word = word.replace(umlaut, digraph)
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def surname_spelling(surname: str) -> str:
    """The written form of a German family name (surnames.txt), which has one spelling; '' for a name whose
    spellings are transliterations of one name (Selenskyj / Zelensky)."""
    form = written_form(surname)
    return form if form in _lexicon().surnames else ""


@dataclass(frozen=True)
class Given:
    """One given name (or one half of a hyphenated one), as a key."""

    key: str
    initial: bool = False  # only its first letter was written ("P.")
    joined: bool = False   # hyphenated to the given name before it (the "Peter" of "Hans-Peter")


@dataclass(frozen=True)
class PersonName:
    given: tuple[Given, ...]
    surname: str  # transliteration key
    spelling: str = ""  # the written form of a German family name, whose other spellings are other names

    @property
    def weak(self) -> bool:
        """Without a written-out first name ("Ebner", "H. Ebner") a name cannot tell two people apart:
        only context links it to a person."""
        return not self.given or self.given[0].initial

    @property
    def detail(self) -> tuple[int, int]:
        """How much of the name is written: given names, and of those written out."""
        return len(self.given), sum(not g.initial for g in self.given)

    @property
    def parts(self) -> tuple:
        """The given names without the hyphenation ("Hans-Peter" and "Hans Peter" are one name), and the
        surname's spelling where it has one."""
        return (*((g.key, g.initial) for g in self.given), self.spelling)


def compatible(a: PersonName, b: PersonName) -> bool:
    """Can `a` and `b` be one person? Same surname (a German family name as written: Meier is not Meyer); the
    given names agree one by one (an initial agrees with the names it begins: "P." with "Peter"), and the
    longer may go on with middle names the shorter leaves out (Hans P. Ebner / Hans Ebner), but never with the
    second half of a hyphenated name (Hans-Peter Ebner is not Hans Ebner). A surname alone agrees with every
    name of that surname."""
    if a.surname != b.surname or a.spelling != b.spelling:
        return False
    short, long_ = sorted((a.given, b.given), key=len)
    if not all(_agree(s, g) for s, g in zip(short, long_)):
        return False
    return not short or not any(g.joined for g in long_[len(short):])


def _agree(a: Given, b: Given) -> bool:
    return a.key == b.key or a.initial and b.key.startswith(a.key) or b.initial and a.key.startswith(b.key)


@lru_cache(maxsize=65536)  # a run reads the same names for many quotations; PersonName is frozen
def parse_name(name: str) -> PersonName | None:
    """The given names and surname of a person's display name, or None when it is no person's name."""
    lex = _lexicon()
    words = _PARENTHESIS.sub(" ", name).replace(",", " ").split()
    words = [w for w in words[:-1] if w.casefold() not in lex.titles] + words[-1:]  # not "Steffi Graf"
    # a role cuts off what comes before it ("Berlins Innensenator Frank Henkel"); the last word is the
    # surname, never a role ("Anna Baumeister"), unless it stands alone ("Bürgermeister")
    roles = [k for k, w in enumerate(words[:-1]) if is_role(w)]
    if roles:
        words = words[roles[-1] + 1:]
        if words[0][:1].islower():
            return None  # the role's attachment, whose owner is someone else: "Exstellvertreter von Timoschenko"
    while len(words) > 1 and words[-1].casefold() in lex.suffixes:
        words.pop()
    if not words or len(words) == 1 and is_role(words[0]):
        return None
    surname = words.pop()
    while words and words[-1].casefold() in lex.particles:  # "Ursula von der Leyen"
        words.pop()
    if not _is_name_word(surname) or surname.casefold() in lex.particles or not words and surname in lex.places:
        return None
    if any(w in lex.places for w in words):
        return None  # "Bayern München", "Borussia Dortmund": a club
    given = given_names(" ".join(words))
    return PersonName(given, translit_key(surname), surname_spelling(surname)) if given is not None else None


def given_names(text: str) -> tuple[Given, ...] | None:
    """Given names as written ("Hans P.", "Hans-Peter"), as `parse_name` reads them; None if one cannot be."""
    given: list[Given] = []
    for word in text.split():
        parts = _given_parts(word)
        if parts is None:
            return None
        given += parts
    return tuple(given)


def given_text(given: tuple[Given, ...]) -> str:
    """The keys of given names as text that `given_from_text` reads back ("hans-peter", "hans p.")."""
    out = ""
    for g in given:
        out += ("-" if g.joined else " " if out else "") + g.key + ("." if g.initial else "")
    return out


def given_from_text(text: str) -> tuple[Given, ...]:
    return tuple(Given(part.rstrip("."), initial=part.endswith("."), joined=k > 0)
                 for word in text.split() for k, part in enumerate(word.split("-")))


def is_role(word: str) -> bool:
    """A role or title before a name: "Präsident", "Präsidenten", "SPD-Abgeordnete", "Prof.", "Sohn"."""
    lex = _lexicon()
    if not word[:1].isupper():
        return False
    if word in lex.roles or word.casefold() in lex.before:
        return True
    for ending in ("s", "n", "en"):  # inflected: "des Außenministers", "dem Präsidenten", "den Kollegen"
        if word.endswith(ending) and (word[:-len(ending)] in lex.roles or word[:-len(ending)].casefold() in lex.before):
            return True
    return "-" in word and word.rsplit("-", 1)[1].capitalize() in lex.roles  # "SPD-Abgeordnete", "Ex-Minister"


def _given_parts(word: str) -> list[Given] | None:
    """"Hans-Peter" -> hans, peter (joined); "P." -> p (initial); "B.N." -> b, n (initials); None for a word
    that cannot be a given name (lowercase, digits, an acronym)."""
    if re.fullmatch(r"(?:[^\W\d_]\.)+", word):  # initials: "P.", "B.N."
        return [Given(translit_key(c), initial=True) for c in word if c != "."]
    if len(word) == 1 and word.isupper():
        return [Given(translit_key(word), initial=True)]
    if not _is_name_word(word):
        return None
    variants = _lexicon().given_variants
    return [Given(variants.get(key, key), joined=k > 0) for k, key in enumerate(map(translit_key, word.split("-")))]


def _is_name_word(word: str) -> bool:
    """Letters (and hyphens, apostrophes), capitalised, no acronym: "Müller", "al-Omair", "D'Alema"."""
    if not WORD.fullmatch(word):
        return False
    if word.isupper() and len(word) > 1:
        return False  # SPD, EU
    return word[:1].isupper() or any(h[:1].isupper() for h in word.split("-")[1:])


_PARENTHESIS = re.compile(r"\([^)]*\)")  # "Anna Berg (SPD)"


@dataclass(frozen=True)
class _NameLexicon:
    roles: WordSet
    titles: frozenset[str]  # honorifics and degrees, wherever they stand (Sir, Graf, Dipl.-Ing.)
    before: frozenset[str]  # relation nouns that end a name's left edge as a role does (Sohn, Ehefrau)
    places: frozenset[str]  # never a given name, nor a surname alone (Bayern, München)
    given_variants: dict[str, str]  # key of a given name's spelling -> key of the name (dmitro -> dmitri)
    surnames: frozenset[str]  # written forms of German family names, which have one spelling
    suffixes: frozenset[str]
    particles: frozenset[str]
    not_given: frozenset[str]  # closed-class words that are capitalised at a sentence start (Auch, Laut)


@lru_cache(maxsize=1)
def _lexicon() -> _NameLexicon:
    lex = load_lexicons()
    titles: dict[str, set[str]] = {}
    for line in read_lines("name_titles.txt"):
        where, _, word = line.partition("\t")
        titles.setdefault(where, set()).add(word.casefold())
    particles = frozenset(lex.closed["surname_particle"] | lex.closed["surname_article"])
    closed = {w.casefold() for words in lex.closed.values() for w in words}
    variants = {}
    for line in read_lines("given_names.txt"):
        names = [translit_key(n) for n in line.split("\t") if n.strip()]
        variants.update((n, names[0]) for n in names)
    return _NameLexicon(lex.roles, frozenset(titles["title"]), frozenset(titles["before"]),
                        frozenset(read_lines("places.txt")), variants,
                        frozenset(written_form(n) for n in read_lines("surnames.txt")), frozenset(titles["after"]),
                        particles, frozenset(closed - particles))


def names_before(text: str, name: PersonName) -> set[tuple[Given, ...]]:
    """The given names written right before the surname of `name` anywhere in `text`: "Joe" of "Präsident Joe
    Biden", "Hans P." of "Hans P. Ebner", "Ursula" of "Ursula von der Leyen". Roles, titles and
    function words before the surname are no given names ("Präsident Biden", "Laut Biden"); a German family
    name counts only as written ("Thomas Meyer" names no Meier)."""
    return {given for given, _ in _named(text, name) if given}


def roles_before(text: str, name: PersonName) -> set[str]:
    """The roles written right before `name` in `text` ("Oberbürgermeisterin" of "Oberbürgermeisterin Ulrike
    Sandner" for Ulrike Sandner, of "Oberbürgermeisterin Sandner" for Sandner), casefolded: where given names
    stand between, they are the name's own."""
    return {role for given, role in _named(text, name)
            if role and (given == name.given or given and compatible(replace(name, given=given), name))}


@lru_cache(maxsize=64)
def _named(text: str, name: PersonName) -> tuple[tuple[tuple[Given, ...], str], ...]:
    """Each place `text` writes the surname of `name`: the given names right before it, and the role word right
    before those ('' if none). Cached: names_before and roles_before ask for the same, article by article."""
    lex = _lexicon()
    words, gaps, keys = _words(text)
    found = []
    surname, spelling = name.surname, name.spelling
    for k in sorted(_positions(keys, surname) + _positions(keys, surname + "s")):
        if spelling and written_form(words[k]) not in (spelling, spelling + "s"):
            continue
        given: list[str] = []
        role = ""
        for j in range(k - 1, max(0, k - 5) - 1, -1):  # the words before, nearest first
            w, gap = words[j], gaps[j]  # gap: what stands between it and the word after it
            initial = len(w) == 1 and gap.startswith(".")
            if gap[1 if initial else 0:].strip() or not gap[1 if initial else 0:]:
                break  # not adjacent: punctuation between, or no space
            if w.casefold() in lex.particles and not given:
                continue
            if is_role(w):
                role = w.casefold()
                break
            if not w[:1].isupper() or w.casefold() in lex.titles | lex.not_given or len(given) == 3:
                break
            given.insert(0, w + "." if initial else w)
        parsed = given_names(" ".join(given)) if given else ()
        if parsed is not None:
            found.append((parsed, role))
    return tuple(found)


_WORD_SPLIT = re.compile(f"({WORD.pattern})")


@lru_cache(maxsize=16)
def _words(text: str) -> tuple[list[str], list[str], list[str | None]]:
    """The words of `text`, what stands after each (up to the next word), and each capitalized word's
    transliteration key (None for the others): an article is read once for all the speakers it names, not once
    per speaker, by one split of the text (no match object per word)."""
    parts = _WORD_SPLIT.split(text)  # text before the first word, then each word and what follows it
    words = parts[1::2]
    return words, parts[2::2], list(map(_capitalized_key, words))


@lru_cache(maxsize=65536)
def _capitalized_key(word: str) -> str | None:
    return translit_key(word) if word[:1].isupper() else None


def _positions(items: list, value) -> list[int]:
    """Where `value` stands in `items` (list.index scans in C)."""
    found, k = [], -1
    while True:
        try:
            k = items.index(value, k + 1)
        except ValueError:
            return found
        found.append(k)
