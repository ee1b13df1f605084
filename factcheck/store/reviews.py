"""Reviews, the audit log and reviewers' corrections of the machine.

Every change is one write transaction that also appends to `review_events`. Writes use optimistic
locking: the caller says which version (of a review) or value (of a correction) it has seen; if another
reviewer wrote in between, `StaleReview` / `StaleCorrection` carries what is there now and nothing is written.
A refused write is logged too (`log_refused`), so the history shows what a reviewer tried.
"""

from __future__ import annotations

import json
import sqlite3

import sqlite_utils

from .db import speaker_id, utc_now, write_transaction

STATUSES = ("unreviewed", "verified", "disputed")
REVIEW_FIELDS = ("status", "verdict", "note", "evidence")
CORRECTION_FIELDS = ("speaker", "speaker_type", "kind", "not_quote")
KINDS = ("direct", "partial", "indirect", "free_indirect", "reported", "scare")


class StaleWrite(Exception):
    """Someone changed what a write was about since the writer read it: nothing was written."""

    quote_id: str | None = None
    reviewer: str | None = None  # who changed it, if known


class StaleReview(StaleWrite):
    """Another reviewer changed this review since it was read."""

    def __init__(self, current: dict):
        self.current = current
        self.quote_id = current.get("quote_id")
        self.reviewer = current.get("reviewer")
        who = current.get("reviewer") or "another reviewer"
        verdict = f", {current['verdict']}" if current.get("verdict") else ""
        super().__init__(
            f"{who} changed this review at {current.get('updated_at')} "
            f"(now {current['status']}{verdict}, version {current['version']}); reload and decide again"
        )


class QuotationGone(StaleReview):
    """The quotation was removed (a re-ingest or re-extraction no longer finds it) since it was read: a
    decision on it is refused, never stored detached. Its earlier review, if any, is kept as orphaned."""

    def __init__(self, current: dict):
        self.current = current
        Exception.__init__(self, "this quotation is no longer in its article (an ingest or re-extraction removed it "
                                 "since it was shown); reload: nothing was saved")


class StaleCorrection(StaleWrite):
    """Another reviewer corrected this field since it was read: `current` is its value now."""

    def __init__(self, quote_id: str, field: str, current, reviewer: str | None, at: str | None):
        self.quote_id, self.field, self.current, self.reviewer, self.at = quote_id, field, current, reviewer, at
        super().__init__(
            f"{reviewer or 'another reviewer'} corrected {field} at {at} (now {_text(current) or '–'}); "
            "reload and correct again"
        )


def get_review(db: sqlite_utils.Database, quote_id: str) -> dict:
    cursor = db.execute("SELECT * FROM reviews WHERE quote_id = ?", [quote_id])
    row = cursor.fetchone()
    if row is None:
        return {"quote_id": quote_id, "status": "unreviewed", "verdict": None, "note": None, "evidence": [],
                "reviewer": None, "updated_at": None, "version": 0, "orphaned": 0}
    review = dict(zip([d[0] for d in cursor.description], row))
    review["evidence"] = json.loads(review["evidence"] or "[]")
    return review


def update_review(
    db: sqlite_utils.Database, quote_id: str, *, reviewer: str, expected_version: int, **changes
) -> dict:
    """Apply `changes` (status, verdict, note, evidence) if the review is still at `expected_version`.

    Returns the new review; raises StaleReview (writing nothing) if someone else wrote first."""
    unknown = set(changes) - set(REVIEW_FIELDS)
    if unknown:
        raise ValueError(f"not review fields: {', '.join(sorted(unknown))}")
    if "status" in changes and changes["status"] not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    with write_transaction(db):
        old = get_review(db, quote_id)
        if old["version"] != expected_version:
            raise StaleReview(old)
        quote = db.execute("SELECT article_id, text FROM quotes WHERE id = ?", [quote_id]).fetchone()
        if quote is None:  # checked in the write transaction: no ingest can remove it before this commits
            raise QuotationGone(old)
        new = {**old, **changes, "reviewer": reviewer, "updated_at": utc_now(), "version": old["version"] + 1}
        row = {k: new[k] for k in ("quote_id", *REVIEW_FIELDS, "reviewer", "updated_at", "version")}
        row["evidence"] = json.dumps(new["evidence"], ensure_ascii=False)
        row["article_id"], row["quote_text"] = quote
        try:
            if expected_version == 0:
                db.table("reviews").insert(row)
            else:
                db.table("reviews").update(quote_id, row)
        except sqlite3.IntegrityError:  # a concurrent first review of the same quote won the insert
            raise StaleReview(get_review(db, quote_id)) from None
        for field in REVIEW_FIELDS:
            if field in changes and changes[field] != old[field]:
                log_event(db, reviewer, field, old[field], changes[field], quote_id=quote_id)
        return new


def log_event(db, reviewer: str | None, field: str, old, new, *, quote_id=None, cluster_id=None) -> None:
    """Append one change to the audit log (values stored as text, lists and dicts as JSON)."""
    db.execute(
        "INSERT INTO review_events(at, reviewer, quote_id, cluster_id, field, old_value, new_value) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [utc_now(), reviewer, quote_id, cluster_id, field, _text(old), _text(new)],
    )


def history(db: sqlite_utils.Database, quote_id: str) -> list[dict]:
    return list(db.query("SELECT * FROM review_events WHERE quote_id = ? ORDER BY id", [quote_id]))


_UNSET = object()


def set_correction(
    db: sqlite_utils.Database, quote_id: str, field: str, value, *, reviewer: str, expected=_UNSET, dry_run: bool = False
) -> None:
    """Record a reviewer's correction (speaker, speaker_type, kind, not_quote) and apply it to the quote.
    Corrections are keyed by the stable quote id, so re-extraction applies them again.

    `expected` is the value the reviewer saw (see `corrected_value`); if the quotation shows another one now,
    StaleCorrection and nothing is written. The log records the value shown before and after. With `dry_run`
    only the checks are made (to check several fields before correcting any)."""
    if field not in CORRECTION_FIELDS:
        raise ValueError(f"cannot correct {field!r}; one of {', '.join(CORRECTION_FIELDS)}")
    if field == "kind" and value not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    with write_transaction(db):
        old = corrected_value(db, quote_id, field)
        if expected is not _UNSET and old != expected:
            row = db.execute("SELECT reviewer, updated_at FROM corrections WHERE quote_id = ? AND field = ?",
                             [quote_id, field]).fetchone()
            raise StaleCorrection(quote_id, field, old, *(row or (None, None)))
        if dry_run:
            return
        db.table("corrections").upsert(
            {"quote_id": quote_id, "field": field, "value": _text(value), "reviewer": reviewer, "updated_at": utc_now()},
            pk=("quote_id", "field"),
        )
        log_event(db, reviewer, f"correction.{field}", old, value, quote_id=quote_id)
        apply_corrections(db, [quote_id])


def corrected_value(db: sqlite_utils.Database, quote_id: str, field: str):
    """The quotation's speaker (as shown: merged spellings under one name), speaker_type, kind or not_quote."""
    if field not in CORRECTION_FIELDS:
        raise ValueError(f"cannot correct {field!r}; one of {', '.join(CORRECTION_FIELDS)}")
    row = db.execute(f"SELECT {field} FROM quotes_view WHERE quote_id = ?", [quote_id]).fetchone()
    if row is None:
        raise ValueError(f"no quotation with id {quote_id}")
    return bool(row[0]) if field == "not_quote" else row[0]


def log_refused(db: sqlite_utils.Database, reviewer: str | None, quote_id: str | None, action: str,
                attempted: dict, reason: str) -> None:
    """Log a write that was refused (someone else wrote first, or the input was wrong), in its own transaction:
    the history shows what the reviewer tried and why it was not saved."""
    with write_transaction(db):
        log_event(db, reviewer, "refused", None, {"action": action, **attempted, "reason": reason}, quote_id=quote_id)


def apply_corrections(db: sqlite_utils.Database, quote_ids: list[str] | None = None) -> None:
    """Write the recorded corrections onto the quote rows (all, or those listed)."""
    sql = "SELECT quote_id, field, value FROM corrections"
    params: list = []
    if quote_ids is not None:
        if not quote_ids:
            return
        sql += f" WHERE quote_id IN ({','.join('?' * len(quote_ids))})"
        params = list(quote_ids)
    by_quote: dict[str, dict] = {}
    for qid, field, value in db.execute(sql, params).fetchall():
        by_quote.setdefault(qid, {})[field] = value
    for qid, fields in by_quote.items():
        row = db.execute(
            "SELECT q.speaker_id, s.name, s.type FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id WHERE q.id = ?",
            [qid],
        ).fetchone()
        if row is None:
            continue
        updates = {}
        if "kind" in fields:
            updates["kind"] = fields["kind"]
        if "not_quote" in fields:
            updates["not_quote"] = 1 if fields["not_quote"] in ("1", "true", "True") else 0
        if "speaker" in fields or "speaker_type" in fields:
            name = fields.get("speaker", row[1])
            if name:
                updates["speaker_id"] = speaker_id(db, name, fields.get("speaker_type", row[2] or "unknown"))
            else:
                updates["speaker_id"] = None
        if updates:
            sets = ", ".join(f"{k} = ?" for k in updates)
            db.execute(f"UPDATE quotes SET {sets} WHERE id = ?", [*updates.values(), qid])


def _text(value) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def update_reviews(
    db: sqlite_utils.Database, expected_versions: dict[str, int], *, reviewer: str, **changes
) -> list[dict]:
    """Apply the same `changes` to several reviews (e.g. every member of a claim cluster) in one
    transaction: all of them or, if any was changed by someone else since it was read (StaleReview),
    none. `expected_versions` maps quote id to the version the caller has seen."""
    with write_transaction(db):
        return [
            update_review(db, qid, reviewer=reviewer, expected_version=version, **changes)
            for qid, version in expected_versions.items()
        ]
