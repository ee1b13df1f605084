"""The database reads behind the review UI's detail, article and dialogs, usable without the UI.

Everything here takes a sqlite_utils.Database and returns plain dicts and lists, so it can be tested and
scripted on its own. The queue's rows are in pages.py, the writes in changes.py.
"""

from __future__ import annotations

import difflib
import threading
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from factcheck.match.decisions import pending_suggestions
from factcheck.store import get_review, history, open_db
from factcheck.store.query import speaker_ids


PARAGRAPH_LIMIT = 2000  # characters of context shown around a quotation at most


def quote_detail(db: sqlite_utils.Database, quote_id: str) -> dict | None:
    """Everything the detail view shows about one quotation, or None if it is gone.

    `paragraph` is the article paragraph around the quotation; `spans` gives the quotation, speaker mention
    and cue as (start, end) offsets into that paragraph (None where unknown)."""
    row = db.execute(
        "SELECT v.*, a.text AS article_text FROM quotes_view v JOIN articles a ON a.id = v.article_id "
        "WHERE v.quote_id = ?",
        [quote_id],
    )
    names = [d[0] for d in row.description]
    found = row.fetchone()
    if found is None:
        return None
    detail = dict(zip(names, found))
    article_text = detail.pop("article_text")
    spans = {
        "quote": (detail["start"], detail["end"]),
        "speaker": (detail["speaker_start"], detail["speaker_end"]),
        "cue": (detail["cue_start"], detail["cue_end"]),
    }
    # The verbatim fragments quoted inside this claim (or, for a fragment, the claim around it).
    detail["parts"] = _rows(db, "SELECT quote_id, start, \"end\", text FROM quotes_view WHERE part_of = ? "
                                "ORDER BY start", [quote_id])
    detail["claim"] = None
    if detail["part_of"]:
        claims = _rows(db, "SELECT quote_id, start, \"end\", text, kind FROM quotes_view WHERE quote_id = ?",
                       [detail["part_of"]])
        detail["claim"] = claims[0] if claims else None
    anchors = [s for s in spans.values() if None not in s]
    if detail["claim"]:
        anchors.append((detail["claim"]["start"], detail["claim"]["end"]))
    begin, end = paragraph_bounds(article_text, *anchors)
    detail["paragraph"] = article_text[begin:end]

    def local(s, e):
        return (max(s - begin, 0), min(e - begin, end - begin)) if s is not None and e is not None and s < end and e > begin else None

    detail["spans"] = {name: local(s, e) for name, (s, e) in spans.items()}
    detail["spans"]["parts"] = [span for span in (local(p["start"], p["end"]) for p in detail["parts"]) if span]
    detail["spans"]["claim"] = local(detail["claim"]["start"], detail["claim"]["end"]) if detail["claim"] else None
    detail["review"] = get_review(db, quote_id)
    detail["history"] = history(db, quote_id)
    detail["appearances"] = appearances(db, quote_id, detail["cluster_id"])
    detail["suggestions"] = pending_suggestions(db, quote_id)  # the matcher owns that query
    return detail


def paragraph_bounds(text: str, *spans: tuple[int, int]) -> tuple[int, int]:
    """The paragraph(s) of `text` holding all `spans`: from the line break before the first to the one
    after the last, at most PARAGRAPH_LIMIT characters around them."""
    if not spans:
        return 0, min(len(text), PARAGRAPH_LIMIT)
    first = min(s for s, _ in spans)
    last = max(e for _, e in spans)
    begin = text.rfind("\n", 0, first) + 1
    end = text.find("\n", last)
    end = len(text) if end == -1 else end
    margin = max(PARAGRAPH_LIMIT - (last - first), 0) // 2
    return max(begin, first - margin), min(end, last + margin)


def appearances(db: sqlite_utils.Database, quote_id: str, cluster_id: int | None) -> list[dict]:
    """The other members of the quotation's cluster: where else the claim turns up, said by whom, worded how,
    decided how."""
    if cluster_id is None:
        return []
    return _rows(
        db,
        "SELECT quote_id, text, speaker, title, source, url, article_id, published, status, verdict, reviewer, "
        "review_version, not_quote FROM quotes_view WHERE cluster_id = ? AND quote_id != ? "
        "ORDER BY COALESCE(published, ''), quote_pk",
        [cluster_id, quote_id],
    )


def article_claims(db: sqlite_utils.Database, article_id: str) -> dict | None:
    """An article's text and every claim in it (with scare quotes and fragments, marked as such), in reading
    order: what the whole-article view shows."""
    article = _rows(db, "SELECT id AS article_id, title, source, url, outlet, published, text FROM articles WHERE id = ?",
                    [article_id])
    if not article:
        return None
    claims = _rows(
        db,
        "SELECT quote_id, start, \"end\", text, kind, speaker, status, verdict, part_of, not_quote FROM quotes_view "
        "WHERE article_id = ? ORDER BY start, quote_pk",
        [article_id],
    )
    return {**article[0], "claims": claims}


def _rows(db, sql: str, params: list) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def known_speakers(db: sqlite_utils.Database, text: str = "", limit: int = 50) -> list[tuple[str, str]]:
    """(name, type) of known speakers whose name or a spelling merged into them contains `text`, names that
    start with it first, then the most quoted."""
    sql, params = speaker_ids(text)
    return [
        (name, type_)
        for name, type_ in db.execute(
            "SELECT s.name, s.type FROM speakers s LEFT JOIN quotes q ON q.speaker_id = s.id "
            f"WHERE s.merged_into IS NULL AND s.id IN ({sql}) "
            "GROUP BY s.id ORDER BY lower(s.name) NOT LIKE lower(?) || '%', count(q.pk) DESC, s.name LIMIT ?",
            [*params, text, limit],
        ).fetchall()
    ]


def wording_diff(ours: str, theirs: str) -> list[tuple[str, str]]:
    """`theirs` as (kind, words) pieces against `ours`: kind is "same", "added" (only in theirs) or
    "removed" (only in ours)."""
    a, b = ours.split(), theirs.split()
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=[_word_key(w) for w in a], b=[_word_key(w) for w in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("added", " ".join(b[j1:j2])))
    return pieces


def _word_key(word: str) -> str:
    """What counts as the same word in a wording comparison: case and surrounding punctuation ignored."""
    return word.strip(".,;:!?„“”\"'»«()–-").casefold()


class Connections:
    """The UI's database connections, one per kind of work, each used by one thread at a time.

    `read` serves queue pages and details, `count` the slow filtered counts (interruptible, so a new
    filter never waits for the old count), `write` the decisions. Separate connections mean a running
    count never delays the first paint or a decision.
    """

    def __init__(self, path: str | Path):
        self.path = str(path)
        self._dbs = {name: open_db(self.path, check_same_thread=False) for name in ("read", "count", "write")}
        self._locks = {name: threading.Lock() for name in self._dbs}

    @contextmanager
    def use(self, name: str):
        with self._locks[name]:
            yield self._dbs[name]

    def interrupt_count(self) -> None:
        self._dbs["count"].conn.interrupt()

    def interrupt_reads(self) -> None:
        """Stop what the read and count connections run (quitting: their workers are cancelled, and a page read
        or a count still running would hold up closing). Writes always finish."""
        for name in ("read", "count"):
            self._dbs[name].conn.interrupt()

    def close(self) -> None:
        for name, db in self._dbs.items():
            with self._locks[name]:
                db.close()
