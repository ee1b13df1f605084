"""A role mention stands for the person the article names in that role.

"sagte der Bürgermeister" is Torsten Schulz when the article named him "Bürgermeister Torsten Schulz" before and
names no other person whose role fits; "die Ministerin" fits "Bundesbauministerin Katrin Weißhaupt" (a compound
ending in the role, of the same gender), "der Leiter des Gesundheitsamts" fits the apposition "Der Leiter des
Gesundheitsamts Hannover, Hans P. Ebner, sagte", and "der 61-Jährige" fits "Karl Huber (61)" or "der 61-jährige
Karl Huber". With two candidates, or none, the mention keeps its role as its name. The quotation's speaker is
then the person's name; the role stays its mention (the speaker span).
"""

from __future__ import annotations

from .speakers import AGE_NOUN as _AGE
from .speakers import Mention, Tokens, _capitalised, _role_base, role_base
from .tokenizer import mapped


def link_roles(tk: Tokens, mentions: list[Mention]) -> None:
    """Give each role mention that one named person of the article fits that person's name (in place)."""
    people = named_roles(tk)
    if not people:
        return
    for m in mentions:
        if m is None or m.type not in ("person", "anonymous") or tk.text[m.start] in tk.pronouns:
            continue
        if any(tk.text[k].lower() in tk.indefinite or tk.text[k].lower().startswith("beide") for k in range(m.start, m.end)):
            continue  # "ein Sprecher", "die beiden Politiker": someone, or several, not the one named
        key = _role_key(tk, m)
        if key is None:
            continue
        qualifiers = _qualifiers(tk, m.start, m.end)
        fitting = {name for pos, role, name in people if pos < m.end and _fits(role, key)
                   and not _conflict(qualifiers, _qualifiers(tk, max(0, pos - 3), pos))}
        if len(fitting) == 1:
            m.name, m.type = fitting.pop(), "person"


def named_roles(tk: Tokens) -> list[tuple[int, str, str]]:
    """(position, role key, person's name) of every person the article names with a role or an age."""
    found = []
    for i in _role_or_age_positions(tk):
        age = _AGE.match(tk.text[i])
        role = age and f"age:{age.group(1)}" or (role_base(tk, i) if tk.cap[i] else None)
        if role is None:
            continue
        name = _name_run(tk, i + 1)
        if not name and not age:
            name = _apposition(tk, i)
        if name:
            found.append((i, role, name))
    for i in range(1, tk.n - 2):  # "Karl Huber (61)"
        if tk.text[i] == "(" and tk.text[i + 1].isdigit() and tk.text[i + 2] == ")" and tk.cap[i - 1]:
            start = i - 1
            while start > 0 and tk.is_noun(start - 1) and role_base(tk, start - 1) is None:
                start -= 1
            name = _name_run(tk, start, stop=i)
            if name:
                found.append((i, f"age:{tk.text[i + 1]}", name))
    return found


def _role_or_age_positions(tk: Tokens) -> list[int]:
    """The positions (before the last token) of the words named_roles may find a role at: an age noun, or a
    capitalised word that _role_base takes for a role (role_base is None for any other word, whatever its
    context). Decided once per distinct word: most tokens are neither."""
    roles = tk.lex.roles
    flags = mapped(tk.text, _ROLE_OR_AGE.setdefault(roles, {}),
                   lambda t: bool(_AGE.match(t)) or _capitalised(t) and _role_base(t, roles) is not None)
    return [i for i in range(tk.n - 1) if flags[i]]


_ROLE_OR_AGE: dict = {}  # roles lexicon -> word -> whether it is an age noun or a capitalised role word


def _qualifiers(tk: Tokens, start: int, end: int) -> set[str]:
    """Stems of the adjectives before a role: "der brasilianische Präsident" -> {"brasilianisch"}."""
    out = set()
    for k in range(start, end):
        if role_base(tk, k) is not None or _AGE.match(tk.text[k]):
            break
        if tk.is_adjective(k) and not tk.cap[k]:
            out.add(tk.text[k].rstrip("nmrs").rstrip("e"))
    return out


def _conflict(mention: set[str], person: set[str]) -> bool:
    """"der brasilianische Präsident" is not "der venezolanische Präsident Hugo Chávez"; a role introduced
    without adjectives fits any."""
    return bool(mention and person and not mention & person)


def _role_key(tk: Tokens, m: Mention) -> str | None:
    """The role of a mention that names no one ("der Bürgermeister", "der 61-Jährige"), else None."""
    roles = [k for k in range(m.start, m.end) if role_base(tk, k) is not None or _AGE.match(tk.text[k])]
    if not roles or any(tk.cap[k] and tk.is_noun(k) for k in range(m.start, roles[0])):
        return None  # "Sergei Voznyak, der Sprecher von …" names its person first
    if not m.name or tk.text[roles[0]] not in m.name.split():
        return None  # the mention names its person already: "Bürgermeister Torsten Schulz" is Torsten Schulz
    age = _AGE.match(tk.text[roles[0]])
    return f"age:{age.group(1)}" if age else role_base(tk, roles[0])


def _fits(person_role: str, mention_role: str) -> bool:
    """"Bundesbauministerin" fits "Ministerin", "Oberbürgermeister" fits "Bürgermeister"; a feminine role does
    not fit the masculine one ("Sprecherin" is not "Sprecher")."""
    if person_role.startswith("age:") or mention_role.startswith("age:"):
        return person_role == mention_role
    return person_role.casefold().endswith(mention_role.casefold())


def _name_run(tk: Tokens, i: int, stop: int | None = None) -> str:
    """Two to four capitalised name words starting at ``i`` (before ``stop``), with initials: "Hans P. Ebner"."""
    stop = tk.n if stop is None else stop
    words = []
    j = i
    while j < stop and len(words) < 4 and (tk.is_noun(j) and role_base(tk, j) is None or _initial(tk, j)):
        words.append(tk.text[j])
        j += 1
    if len(words) < 2 or not tk.cap[i] or tk.text[i].endswith("s") and len(words) == 2:
        return ""
    return " ".join(words)


def _initial(tk: Tokens, j: int) -> bool:
    return len(tk.text[j]) == 2 and tk.text[j][0].isupper() and tk.text[j][1] == "."


def _apposition(tk: Tokens, i: int) -> str:
    """"Der Leiter des Gesundheitsamts Hannover, Hans P. Ebner, sagte": the name between commas after a role
    and its attachment."""
    j = i + 1
    while j < tk.n and j - i <= 8 and (tk.is_noun(j) or tk.is_det(j) or tk.is_adjective(j)
                                       or tk.text[j] in ("von", "vom", "für", "in", "im", "aus")):
        j += 1
    if j >= tk.n or tk.text[j] != ",":
        return ""
    name = _name_run(tk, j + 1)
    end = j + 1 + len(name.split())
    return name if name and end < tk.n and tk.text[end] in (",", "(") else ""
