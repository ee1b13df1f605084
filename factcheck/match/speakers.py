"""One person under many names: merging speaker name variants across articles.

Names are read by `names.parse_name` (given names and surname as transliteration keys, roles and titles left
out) and merged by these rules, because a wrong merge misattributes claims:
- the same name spelled differently (Volodymyr / Wolodymyr Selenskyj, Strauß / Strauss, Hans-Peter /
  Hans Peter) is one person, but a German family name only as written (Meier and Meyer are two families);
- a name with less written out (Hans P. Ebner, Hans Ebner) joins the one fuller name it fits (Hans-Peter
  Ebner), and only when exactly one fits: different first names never fit (Karin Schulz, Lena Schulz), nor a
  hyphenated name its first half (Hans-Peter is not Hans);
- a name without a first name ("Medwedew", "D. Medwedew") needs context that points at exactly one person:
  that person's name in every article quoting it, or quotations of both in one cluster, or the same role
  written before both names ("Oberbürgermeisterin Sandner", "Oberbürgermeisterin Ulrike Sandner");
- merges are rows of speaker_merges (status auto), undone with `decisions.undo_speaker_merge`; an undone or
  rejected merge is never made again.

Costs follow the new work: a run looks only at the speakers of the new or changed quotations (and those of
their clusters), finds the other spellings by an indexed surname key (`speakers.surname_key`), and keeps what
it read in those quotations' articles and clusters in `speaker_context`, so that no later run reads them again.

Only persons (and speakers of unknown type) are merged; a merged speaker points at the root speaker directly
(`speakers.merged_into`), which is what quotes_view displays.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations
from typing import Iterable, Iterator

from factcheck.nlp.lexicons import read_lines
from factcheck.store import log_event, utc_now

from . import forked
from .names import PersonName, compatible, given_from_text, given_text, names_before, parse_name, roles_before

__all__ = ["list_merges", "merge_variants"]

_MERGEABLE_TYPES = ("person", "unknown")
_TYPES_SQL = "(" + ", ".join(f"'{t}'" for t in _MERGEABLE_TYPES) + ")"
_KEYS_VERSION = "match.speaker_keys"  # meta key: the name rules the stored keys and context were made with
_BATCH = 500  # ids per IN (...) list
_UNNAMED = "-"  # speaker_context.given: an article quoting a name without a first name names no one of it
_ROLE = "@"  # speaker_context.given of a role written before a name without a first name ("@oberbürgermeisterin")
_ROLE_ARTICLES = 200  # the articles of a person read for the roles written before their name
_GROUP = 40  # batches of quotations whose articles are read at once
_ARTICLES_PER_JOB = 64  # articles a worker process reads per item
_PARALLEL_MIN_ARTICLES = 256  # fewer are read here: forking would cost more than it saves


def merge_variants(db, quote_ids: Iterable[str] | None = None, workers: int = 1) -> list[dict]:
    """Merge the speakers that are the same person under another name; returns the merges made (id, speaker,
    into, reason). Looks at the speakers of `quote_ids`, the new or changed quotations, and of their clusters;
    None looks at every quotation, keys and context made anew (a full pass, made by itself once when the name
    rules or their own word lists changed), in which the automatic merges are made again by the current rules:
    one they no longer make is withdrawn (a reviewer's undo stays). Writes inside the caller's transaction;
    `workers`: processes that read the articles, when they are many."""
    stale = db.execute("SELECT value FROM meta WHERE key = ?", [_KEYS_VERSION]).fetchone() != (_rules_version(),)
    full = stale or quote_ids is None
    if full:  # keys and context made anew, automatic merges released
        db.execute("UPDATE speakers SET surname_key = NULL")
        db.execute("DELETE FROM speaker_context")
        db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [_KEYS_VERSION, _rules_version()])
        db.execute("""UPDATE speakers SET merged_into = NULL WHERE merged_into IS NOT NULL
                      AND id NOT IN (SELECT speaker_id FROM speaker_merges WHERE status = 'confirmed')""")
        quote_ids = None
    touched = _key_new_speakers(db)
    if quote_ids is None:
        quote_ids = (qid for (qid,) in db.execute("SELECT id FROM quotes WHERE speaker_id IS NOT NULL"))
    touched |= _read_context(db, quote_ids, workers)
    surnames = _surnames_of_roots(db, touched)
    made = []
    for surname in sorted(surnames):
        made += _merge_group(db, surname)
    if full:
        _withdraw_unmade(db)
    return made


def list_merges(db) -> list[dict]:
    """Every speaker merge, newest first, with the names: for a reviewer to check and undo."""
    return list(db.query(
        """SELECT m.id, s.name AS speaker, t.name AS "into", m.reason, m.status, m.created_at, m.decided_by
           FROM speaker_merges m JOIN speakers s ON s.id = m.speaker_id JOIN speakers t ON t.id = m.into_id
           ORDER BY m.id DESC"""))


# --------------------------------------------------------------------------- keys and context


@lru_cache(maxsize=1)
def _rules_version() -> str:
    """Changes when the name rules or their own word lists change: stored keys and context are then remade.
    The detector's lists (roles.txt, function_words.txt) change often and touch few keys: an edit of them
    applies to the speakers keyed after it, and to all with `factcheck match --all`."""
    data = "\n".join(["5", *(line for f in _LEXICONS for line in read_lines(f))])
    return hashlib.sha1(data.encode()).hexdigest()[:12]


_LEXICONS = ("name_titles.txt", "places.txt", "given_names.txt", "surnames.txt")


def _key_new_speakers(db) -> set[int]:
    """Give every speaker without a surname key one ('' for no person's name); returns their ids."""
    rows = db.execute("SELECT id, name, type FROM speakers WHERE surname_key IS NULL").fetchall()
    for sid, name, typ in rows:
        parsed = parse_name(name) if typ in _MERGEABLE_TYPES else None
        db.execute("UPDATE speakers SET surname_key = ? WHERE id = ?", [parsed.surname if parsed else "", sid])
    return {sid for sid, _, _ in rows}


def _read_context(db, quote_ids: Iterable[str], workers: int = 1) -> set[int]:
    """Record in speaker_context what the quotations' articles and clusters say about their speakers named
    without a first name; returns the speakers of the quotations and of their clusters. The articles of a group
    of batches are read at once, by `workers` forked processes when they are many (reading an article for the
    names written before a surname is most of this)."""
    touched: set[int] = set()
    clusters_read: set[int] = set()
    for group in _slices(_slices(quote_ids, _BATCH), _GROUP):
        rows_of = [_context_rows(db, batch) for batch in group]
        weak_of = [_weak_in_articles(rows) for rows in rows_of]
        jobs = [(db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()[0], list(weak.items()))
                for weak_in_article in weak_of for article_id, weak in weak_in_article.items()]
        parts = [jobs[k:k + _ARTICLES_PER_JOB] for k in range(0, len(jobs), _ARTICLES_PER_JOB)]
        here = len(jobs) < _PARALLEL_MIN_ARTICLES  # forking would cost more than it saves
        found = iter([article for part in forked.forked_map(_articles_context, parts, 1 if here else workers)
                      for article in part])
        for rows, weak_in_article in zip(rows_of, weak_of):
            touched |= {sid for _, sid, _, _, _ in rows}
            for _ in weak_in_article:
                for sid, named, roles in next(found):
                    for given in named:
                        _add_context(db, sid, given, 0)
                    if not named:
                        _add_context(db, sid, _UNNAMED, 0)
                    for role in roles:
                        _add_context(db, sid, _ROLE + role, 0)
            for cluster_id in {c for *_, c in rows if c is not None} - clusters_read:
                touched |= _read_cluster(db, cluster_id)
                clusters_read.add(cluster_id)  # a large cluster has quotations in many batches: read once a run
    return touched


def _slices(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _context_rows(db, quote_ids: list[str]) -> list[tuple]:
    marks = ",".join("?" * len(quote_ids))
    return db.execute(
        f"""SELECT q.article_id, q.speaker_id, s.name, s.type, cm.cluster_id FROM quotes q
            JOIN speakers s ON s.id = q.speaker_id LEFT JOIN cluster_members cm ON cm.quote_id = q.id
            WHERE q.id IN ({marks})""", quote_ids).fetchall()


def _weak_in_articles(rows: list[tuple]) -> dict[str, dict[int, PersonName]]:
    """The speakers named without a first name, by article."""
    weak_in_article: dict[str, dict[int, PersonName]] = {}
    for article_id, sid, name, typ, _ in rows:
        parsed = parse_name(name) if typ in _MERGEABLE_TYPES else None
        if parsed is not None and parsed.weak:
            weak_in_article.setdefault(article_id, {})[sid] = parsed
    return weak_in_article


def _articles_context(jobs: list[tuple[str, list[tuple[int, PersonName]]]]) -> list[list[tuple[int, list, list]]]:
    """For each (article text, its speakers named without a first name): each speaker's given names written before
    the surname in the text and the roles written before it."""
    # "J. Biden" says no more than Biden: initials are no given name here
    return [[(sid, [given_text(given) for given in names_before(text, parsed) if not given[0].initial],
              sorted(roles_before(text, parsed))) for sid, parsed in weak] for text, weak in jobs]


def _read_cluster(db, cluster_id: int) -> set[int]:
    """Speakers of one surname quoted in one cluster are each other's context."""
    speakers = db.execute(
        f"""SELECT DISTINCT s.id, s.name FROM cluster_members cm JOIN quotes q ON q.id = cm.quote_id
            JOIN speakers s ON s.id = q.speaker_id WHERE cm.cluster_id = ? AND s.type IN {_TYPES_SQL}""",
        [cluster_id]).fetchall()
    by_surname: dict[str, list[tuple[int, PersonName]]] = {}
    for sid, name in speakers:
        parsed = parse_name(name)
        if parsed is not None:
            by_surname.setdefault(parsed.surname, []).append((sid, parsed))
    for group in by_surname.values():
        for (a, name_a), (b, name_b) in combinations(group, 2):
            if name_a.weak:
                _add_context(db, a, "", b)
            if name_b.weak:
                _add_context(db, b, "", a)
    return {sid for sid, _ in speakers}


def _add_context(db, speaker_id: int, given: str, other_id: int) -> None:
    db.execute("INSERT OR IGNORE INTO speaker_context(speaker_id, given, other_id) VALUES (?, ?, ?)",
               [speaker_id, given, other_id])


def _surnames_of_roots(db, speaker_ids: set[int]) -> set[str]:
    surnames: set[str] = set()
    ids = sorted(speaker_ids)
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start:start + _BATCH]
        surnames.update(key for (key,) in db.execute(
            f"""SELECT r.surname_key FROM speakers s JOIN speakers r ON r.id = COALESCE(s.merged_into, s.id)
                WHERE s.id IN ({",".join("?" * len(chunk))}) AND r.surname_key != ''""", chunk))
    return surnames


# --------------------------------------------------------------------------- the merge rules


@dataclass
class _Speaker:
    id: int
    name: str
    parsed: PersonName
    merged: bool = False


def _merge_group(db, surname: str) -> list[dict]:
    """Apply the merge rules to the root speakers of one surname key."""
    group = [_Speaker(sid, name, parsed) for sid, name in db.execute(
        f"""SELECT id, name FROM speakers WHERE surname_key = ? AND merged_into IS NULL AND type IN {_TYPES_SQL}
            ORDER BY id""", [surname]) if (parsed := parse_name(name)) is not None]
    if len(group) < 2:
        return []
    made: list[dict] = []
    full = [sp for sp in group if not sp.parsed.weak]
    # the same name spelled differently: into the spelling with most quotations
    spellings: dict[tuple, list[_Speaker]] = {}
    for sp in full:
        spellings.setdefault(sp.parsed.parts, []).append(sp)
    for same in spellings.values():
        if len(same) > 1:
            target = max(same, key=lambda sp: (_quote_count(db, sp.id), -sp.id))
            for sp in same:
                if sp is not target:
                    made += _merge(db, sp, target, "same name, spelled differently")
    # less written out: into the one fuller name it fits, the fullest names first
    full = [sp for sp in full if not sp.merged]
    by_initial: dict[str, list[_Speaker]] = {}
    for sp in full:
        by_initial.setdefault(sp.parsed.given[0].key[0], []).append(sp)
    for sp in sorted(full, key=lambda sp: sp.parsed.detail, reverse=True):
        fuller = [o for o in by_initial[sp.parsed.given[0].key[0]] if not o.merged
                  and o.parsed.detail > sp.parsed.detail and compatible(sp.parsed, o.parsed)]
        target = _one_person(db, fuller)
        if target is not None:
            made += _merge(db, sp, target, "the same name with a middle name or initial left out")
    # no first name: the one person its context points at
    people = [sp for sp in full if not sp.merged]
    for sp in sorted((sp for sp in group if sp.parsed.weak), key=lambda sp: sp.parsed.detail, reverse=True):
        made += _merge_weak(db, sp, people, group)
    return made


def _merge_weak(db, sp: _Speaker, people: list[_Speaker], group: list[_Speaker]) -> list[dict]:
    """A name without a first name joins the one person its context points at: the people of that surname its
    articles name (the strongest context; when one of its articles names no one of that surname, it may be
    someone else there, and nothing is merged), else the speakers it shares a cluster with (weaker: another person
    may repeat a claim), else the one person of that surname written after a role its articles write before it
    ("Oberbürgermeisterin Sandner" / "Oberbürgermeisterin Ulrike Sandner"; two mayors Schulz are no one)."""
    named: list[PersonName] = []  # the people its articles name with that surname
    linked: set[int] = set()  # the roots of the speakers it shares a cluster with
    roles: set[str] = set()  # the roles its articles write before it ("Oberbürgermeisterin Sandner")
    unnamed = False  # an article quoting it names no one of that surname: it may be someone else there
    for given, other in db.execute(
            """SELECT given, other_id FROM speaker_context
               WHERE speaker_id IN (SELECT id FROM speakers WHERE id = ? OR merged_into = ?)""", [sp.id, sp.id]):
        if other:
            linked.add(_root(db, other))
        elif given == _UNNAMED:
            unnamed = True
        elif given.startswith(_ROLE):
            roles.add(given[len(_ROLE):])
        elif compatible(name := replace(sp.parsed, given=given_from_text(given)), sp.parsed):
            named.append(name)
    if any(not compatible(a, b) for a, b in combinations(named, 2)):
        return []  # two people of that name in its articles
    if named and unnamed:
        return []  # its articles name someone, but not all of them: the others may mean another person
    if named:
        fitting = [p for p in people if compatible(sp.parsed, p.parsed) and all(compatible(n, p.parsed) for n in named)]
        target, reason = _one_person(db, fitting), "no first name; the full name occurs in its article"
    else:
        fitting = [p for p in people if compatible(sp.parsed, p.parsed) and p.id in linked]
        target, reason = _one_person(db, fitting), "no first name; the full name is quoted in a shared cluster"
    if target is None and not named and not fitting and roles:
        fitting = [p for p in people if compatible(sp.parsed, p.parsed) and roles & _roles_of(db, p)]
        target, reason = _one_person(db, fitting), "no first name; the full name is written after the same role"
    if target is None and not named and not fitting:  # other spellings without a first name, in one cluster
        fitting = [o for o in group if o.parsed.weak and not o.merged and o.id in linked
                   and o.parsed.detail >= sp.parsed.detail and compatible(sp.parsed, o.parsed)]
        target = max(fitting + [sp], key=lambda o: (o.parsed.detail, _quote_count(db, o.id), -o.id))
        reason = "same name without a first name, spelled differently, in a shared cluster"
    return _merge(db, sp, target, reason) if target is not None and target is not sp else []


def _roles_of(db, person: _Speaker) -> set[str]:
    """The roles written right before the person's name in (some of) the articles quoting them."""
    roles: set[str] = set()
    for (text,) in db.execute(
            """SELECT text FROM articles WHERE id IN (SELECT article_id FROM quotes WHERE speaker_id IN
               (SELECT id FROM speakers WHERE id = ? OR merged_into = ?)) LIMIT ?""",
            [person.id, person.id, _ROLE_ARTICLES]):
        roles |= roles_before(text, person.parsed)
    return roles


def _one_person(db, candidates: list[_Speaker]) -> _Speaker | None:
    """The fullest of candidates that can all be one person, or None (no candidate, or two people)."""
    if not candidates or any(not compatible(a.parsed, b.parsed) for a, b in combinations(candidates, 2)):
        return None
    return max(candidates, key=lambda sp: (sp.parsed.detail, _quote_count(db, sp.id), -sp.id))


def _quote_count(db, speaker_id: int) -> int:
    return db.execute(
        "SELECT count(*) FROM quotes WHERE speaker_id IN (SELECT id FROM speakers WHERE id = ? OR merged_into = ?)",
        [speaker_id, speaker_id]).fetchone()[0]


def _root(db, speaker_id: int) -> int:
    return db.execute("SELECT COALESCE(merged_into, id) FROM speakers WHERE id = ?", [speaker_id]).fetchone()[0]


def _merge(db, speaker: _Speaker, into: _Speaker, reason: str) -> list[dict]:
    """Merge `speaker` into `into`, unless a reviewer undid or rejected that merge; an automatic merge a full
    pass makes again keeps its row (and id) and is not returned as new."""
    statuses = dict(db.execute("SELECT status, id FROM speaker_merges WHERE speaker_id = ? AND into_id = ?",
                               [speaker.id, into.id]))
    if "undone" in statuses or "rejected" in statuses:
        return []
    merge_id = statuses.get("auto")
    if merge_id is None:
        merge_id = db.execute(
            "INSERT INTO speaker_merges(speaker_id, into_id, score, reason, status, created_at) "
            "VALUES (?, ?, 100, ?, 'auto', ?)",
            [speaker.id, into.id, reason, utc_now()],
        ).lastrowid
        log_event(db, None, "speaker_merge", None, {"merge": merge_id, "speaker": speaker.name, "into": into.name})
    db.execute("UPDATE speakers SET merged_into = ? WHERE id = ? OR merged_into = ?", [into.id, speaker.id, speaker.id])
    speaker.merged = True
    return [] if "auto" in statuses else [{"id": merge_id, "speaker": speaker.name, "into": into.name, "reason": reason}]


def _withdraw_unmade(db) -> None:
    """After a full pass: the automatic merges the current rules did not make again are withdrawn (deleted, the
    withdrawal logged), so that a wrong merge of older rules does not outlive them."""
    for merge_id, name, into_name in db.execute(
            """SELECT m.id, s.name, t.name FROM speaker_merges m
               JOIN speakers s ON s.id = m.speaker_id JOIN speakers t ON t.id = m.into_id
               WHERE m.status = 'auto' AND COALESCE(s.merged_into, s.id) != COALESCE(t.merged_into, t.id)""").fetchall():
        db.execute("DELETE FROM speaker_merges WHERE id = ?", [merge_id])
        log_event(db, None, "speaker_merge", {"merge": merge_id, "speaker": name, "into": into_name}, "withdrawn")
