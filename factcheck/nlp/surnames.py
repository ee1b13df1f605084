"""A surname alone inside an article: which person the text named with it ("Thomas" after "Julia Thomas"), and
whether two full names of one surname can be one person ("J. Thomas" / "Julia Thomas", not "Dorothee Thomas")."""

from __future__ import annotations

from .speakers import INITIAL, PLACES, Tokens, is_organisation, role_word
from .wordclass import is_name


def one_person(a: str, b: str) -> bool:
    """Can the full names `a` and `b` (of one surname) be one person: the same first given name, or its initial
    ("Julia Thomas", "J. Thomas", "Julia M. Thomas"), not two given names ("Julia Thomas", "Dorothee Thomas").
    A surname alone stands for no one in particular."""
    if " " not in a or " " not in b:
        return a == b
    return _one_given_name(a.split()[0], b.split()[0])


def _one_given_name(x: str, y: str) -> bool:
    return x == y or any(i.endswith(".") and len(i) == 2 and n.startswith(i[0]) for i, n in ((x, y), (y, x)))


def person_of_surname(tk: Tokens, surname: str, at: int) -> str | None:
    """The person a surname alone at token `at` means: the one the text names with it before `at` ("Julia
    Thomas", after a role and its attachment too: "Sprecherin der Polizei Julia Thomas"), or anywhere when
    nothing before; the surname itself when two people of that name are named there (Julia and Dorothee
    Thomas: it means neither); None when the text names no one with it."""
    if not surname[:1].isupper():
        return None
    if surname not in tk.named_before:
        tk.named_before[surname] = [(i, given) for i in range(1, tk.n)
                                    if tk.text[i] == surname and (given := _given_before(tk, i))]
    named = tk.named_before[surname]
    given = {g for i, g in named if i < at} or {g for _, g in named}
    if not given:
        return None
    if not all(_one_given_name(x.split()[0], y.split()[0]) for x in given for y in given):
        return surname
    return f"{max(given, key=lambda g: (not g.split()[0].endswith('.'), len(g.split()), g))} {surname}"  # "Hanna M."


def _given_before(tk: Tokens, i: int) -> str:
    """The given names written right before the surname at `i` ("Hanna M." of "Dr. Hanna M. Oberhuber"), or ''."""
    start = i
    while start > 0 and start > i - 3 and INITIAL.fullmatch(tk.text[start - 1]):
        start -= 1
    if start > 0 and not INITIAL.fullmatch(tk.text[start - 1]) and _given_name_at(tk, start - 1):
        start -= 1
    return " ".join(tk.text[start:i])


def _given_name_at(tk: Tokens, i: int) -> bool:
    """Can the word at `i`, before a surname (or its middle initial), be a given name: capitalised, no role, no
    acronym or abbreviation ("Dr."), not after an article or preposition ("der Polizei Thomas", "am Montag
    Wagner"), no function or time word ("Laut Thomas"), no place, no organisation, and a name to the tagger
    ("Zeitung Haaretz", "Milliarden Euro" are none)."""
    w = tk.text[i]
    after_article = i > 0 and (tk.is_det(i - 1) or tk.text[i - 1].lower() in tk.prepositions)
    return (tk.is_noun(i) and not w.isupper() and not w.endswith(".") and role_word(tk, i) is None
            and w not in tk.time and w not in PLACES and not after_article and not is_organisation(tk.lex, w)
            and is_name(w))
