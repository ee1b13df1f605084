"""One person under many spellings: merging speaker name variants across articles.

Names are compared by a transliteration key that folds the usual German/English renderings of Slavic
names together (Selenskyj / Zelensky / Selenskij / Zelenskyy, Medwedew / Medvedev, Wolodymyr /
Volodymyr, Dmitri / Dmitrij / Dmitry). Safeguards, because a wrong merge misattributes claims:
- names must agree on the surname key, and on the first-name key when both have a first name
  (Joe Biden and Hunter Biden are never merged);
- a surname-only name ("Medwedew") is merged only with supporting context: the full name appears in an
  article where the surname-only speaker is quoted, or the two speakers have quotes in the same cluster;
  and only if that context points at exactly one person;
- merges are rows of speaker_merges (status auto), undone with `decisions.undo_speaker_merge`; an
  undone or rejected merge is never made again.

Only persons (and speakers of unknown type) are merged; a merged speaker points at the root speaker
directly (`speakers.merged_into`), which is what quotes_view displays.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from factcheck.store import log_event, utc_now

_LETTERS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Ordered: longer patterns first, so "tsch" is not read as "t" + "sch".
_FOLDS = (("tsch", "ch"), ("sch", "sh"), ("zh", "sh"), ("kh", "ch"), ("ts", "z"), ("tz", "z"),
          ("w", "v"), ("z", "s"), ("j", "i"), ("y", "i"), ("ph", "f"))
_MERGEABLE_TYPES = ("person", "unknown")


def translit_key(word: str) -> str:
    """A spelling-independent key for one name word: selenskyj, zelensky, selenskij → 'selenski'."""
    word = unicodedata.normalize("NFKD", word.casefold().replace("ß", "ss"))
    word = "".join(c for c in word if not unicodedata.combining(c))
    for old, new in _FOLDS:
        word = word.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", word)  # doubled letters: zelenskyy, selenskii


def name_key(name: str) -> tuple[str, ...]:
    return tuple(translit_key(w) for w in _LETTERS.findall(name))


@dataclass
class _Speaker:
    id: int
    name: str
    key: tuple[str, ...]
    quotes: int

    @property
    def surname(self) -> str:
        return self.key[-1]

    @property
    def first(self) -> str | None:
        return self.key[0] if len(self.key) > 1 else None


def merge_variants(db) -> list[dict]:
    """Merge the speakers that are the same person under another spelling; returns the merges made
    (id, speaker, into, reason). Writes inside the caller's transaction."""
    blocked = {(a, b) for a, b in db.execute(
        "SELECT speaker_id, into_id FROM speaker_merges WHERE status IN ('undone', 'rejected')")}
    rows = db.execute(
        f"""SELECT s.id, s.name, (SELECT count(*) FROM quotes q JOIN speakers x ON x.id = q.speaker_id
                                  WHERE x.id = s.id OR x.merged_into = s.id)
            FROM speakers s WHERE s.merged_into IS NULL
              AND s.type IN ({','.join('?' * len(_MERGEABLE_TYPES))}) ORDER BY s.id""",
        _MERGEABLE_TYPES,
    ).fetchall()
    by_surname: dict[str, list[_Speaker]] = {}
    for sid, name, quotes in rows:
        key = name_key(name)
        if key and len(key[-1]) > 1:
            by_surname.setdefault(key[-1], []).append(_Speaker(sid, name, key, quotes))

    made = []
    for group in by_surname.values():
        if len(group) < 2:
            continue
        # people with a first name: one identity per first-name key
        people: dict[str, list[_Speaker]] = {}
        for sp in group:
            if sp.first:
                people.setdefault(sp.first, []).append(sp)
        surname_only = [sp for sp in group if not sp.first]
        for same_person in people.values():
            target = _fullest(same_person)
            for sp in same_person:
                if sp is not target:
                    made += _merge(db, sp, target, "same first name and surname, spelled differently", blocked)
        if not surname_only:
            continue
        if people:
            for sp in surname_only:
                supported = [p for p in people.values() if _context(db, sp, p)]
                if len(supported) == 1:
                    target = _fullest(supported[0])
                    made += _merge(db, sp, target, "surname only; the full name occurs in its context", blocked)
        else:  # only surname spellings: merge those seen in each other's context
            target = _fullest(surname_only)
            for sp in surname_only:
                if sp is not target and _context(db, sp, [target]):
                    made += _merge(db, sp, target, "same surname, spelled differently, in a shared context", blocked)
    return made


def list_merges(db) -> list[dict]:
    """Every speaker merge, newest first, with the names: for a reviewer to check and undo."""
    return list(db.query(
        """SELECT m.id, s.name AS speaker, t.name AS "into", m.reason, m.status, m.created_at, m.decided_by
           FROM speaker_merges m JOIN speakers s ON s.id = m.speaker_id JOIN speakers t ON t.id = m.into_id
           ORDER BY m.id DESC"""))


def _fullest(speakers: list[_Speaker]) -> _Speaker:
    return max(speakers, key=lambda sp: (len(sp.key), sp.quotes, -sp.id))


def _merge(db, speaker: _Speaker, into: _Speaker, reason: str, blocked: set) -> list[dict]:
    if (speaker.id, into.id) in blocked:
        return []
    merge_id = db.execute(
        "INSERT INTO speaker_merges(speaker_id, into_id, score, reason, status, created_at) "
        "VALUES (?, ?, 100, ?, 'auto', ?)",
        [speaker.id, into.id, reason, utc_now()],
    ).lastrowid
    db.execute("UPDATE speakers SET merged_into = ? WHERE id = ? OR merged_into = ?", [into.id, speaker.id, speaker.id])
    log_event(db, None, "speaker_merge", None, {"merge": merge_id, "speaker": speaker.name, "into": into.name})
    return [{"id": merge_id, "speaker": speaker.name, "into": into.name, "reason": reason}]


def _context(db, speaker: _Speaker, person: list[_Speaker]) -> bool:
    """Is there evidence that the surname-only `speaker` is `person`: quotes of both in one cluster, or
    the person's first name and surname in an article quoting the speaker?"""
    person_ids = [p.id for p in person]
    marks = ",".join("?" * len(person_ids))
    shared_cluster = db.execute(
        f"""SELECT 1 FROM quotes q1 JOIN speakers s1 ON s1.id = q1.speaker_id
            JOIN cluster_members c1 ON c1.quote_id = q1.id
            JOIN cluster_members c2 ON c2.cluster_id = c1.cluster_id
            JOIN quotes q2 ON q2.id = c2.quote_id JOIN speakers s2 ON s2.id = q2.speaker_id
            WHERE (s1.id = ? OR s1.merged_into = ?)
              AND (s2.id IN ({marks}) OR s2.merged_into IN ({marks})) LIMIT 1""",
        [speaker.id, speaker.id, *person_ids, *person_ids],
    ).fetchone()
    if shared_cluster:
        return True
    wanted = {(p.key[0], p.key[-1]) for p in person if len(p.key) > 1}
    if not wanted:  # a surname alone always "occurs" in an article quoting someone by that surname
        return False
    for (text,) in db.execute(
        """SELECT DISTINCT a.text FROM quotes q JOIN speakers s ON s.id = q.speaker_id
           JOIN articles a ON a.id = q.article_id WHERE s.id = ? OR s.merged_into = ?""",
        [speaker.id, speaker.id],
    ):
        keys = [translit_key(w) for w in _LETTERS.findall(text)]
        if wanted & set(zip(keys, keys[1:])):
            return True
    return False
