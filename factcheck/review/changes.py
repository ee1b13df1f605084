"""What the review UI writes, each as a `Change` that can be reverted: undo and redo are the same operation.

A Change records the state it replaced (`before`) and the state it left (`after`), for one kind of data:
- "review": review fields of one or more quotations; `after` holds the versions the write produced;
- "correction": corrections of the machine (speaker, speaker_type, kind, not_quote);
- "clusters": cluster membership, suggested pairs and splits (confirm, reject, split, merge).
`revert(change)` puts `before` back through the same locked paths, but only if the data is still as the change
left it: if someone else wrote in between, StaleWrite and nothing is changed. It returns the Change that
reverts the revert, so an undo stack and a redo stack just swap Changes.

Every write is one transaction and logged in review_events, reverts included.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlite_utils

from factcheck.match import clusters
from factcheck.match.decisions import confirm_suggestion, merge_clusters, reject_suggestion, split_quote
from factcheck.store import (
    StaleWrite, corrected_value, get_review, log_event, set_correction, update_review, write_transaction,
)


@dataclass(frozen=True)
class Change:
    kind: str                 # "review", "correction" or "clusters"
    quote_id: str             # the item the reviewer acted on: shown again on undo and redo
    action: str               # what was done ("verified", "note", "speaker", "confirm", ...), for messages
    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)


class StaleCluster(StaleWrite):
    """The clusters an undo would restore were changed since (by a match run or another reviewer)."""

    def __init__(self, quote_id: str):
        self.quote_id = quote_id
        super().__init__(f"the claim cluster of {quote_id} changed since; nothing undone")


# -- reviews ------------------------------------------------------------------------------------------------
def decide(db: sqlite_utils.Database, expected_versions: dict[str, int], *, reviewer: str, quote_id: str | None = None,
           action: str = "decide", **changes) -> Change:
    """Apply review `changes` to one or more quotations in one transaction: all, or (StaleReview, if any of
    them moved on since its version was read) none."""
    with write_transaction(db):
        before = {qid: {f: get_review(db, qid)[f] for f in changes} for qid in expected_versions}
        versions = {
            qid: update_review(db, qid, reviewer=reviewer, expected_version=version, **changes)["version"]
            for qid, version in expected_versions.items()
        }
    return Change("review", quote_id or next(iter(expected_versions)), action, before, versions)


def _revert_review(db, change: Change, reviewer: str, expected: dict[str, int] | None = None) -> Change:
    expected = {**change.after, **(expected or {})}
    with write_transaction(db):
        current = {qid: {f: get_review(db, qid)[f] for f in fields} for qid, fields in change.before.items()}
        versions = {
            qid: update_review(db, qid, reviewer=reviewer, expected_version=expected[qid], **fields)["version"]
            for qid, fields in change.before.items()
        }
    return Change("review", change.quote_id, change.action, current, versions)


# -- corrections -------------------------------------------------------------------------------------------
def correct(db: sqlite_utils.Database, quote_id: str, *, reviewer: str, expected: dict | None = None,
            action: str | None = None, **values) -> Change:
    """Correct the machine (speaker, speaker_type, kind, not_quote) in one transaction. `expected` maps each
    field to the value the reviewer saw: if another is shown now, StaleCorrection and nothing is written."""
    with write_transaction(db):
        before = {f: corrected_value(db, quote_id, f) for f in values}
        for f, value in (expected or {}).items():  # all checked before anything is written
            set_correction(db, quote_id, f, before[f], reviewer=reviewer, expected=value, dry_run=True)
        for f, value in values.items():
            set_correction(db, quote_id, f, value, reviewer=reviewer)
        after = {f: corrected_value(db, quote_id, f) for f in values}
    return Change("correction", quote_id, action or next(iter(values)), {quote_id: before}, {quote_id: after})


def _revert_correction(db, change: Change, reviewer: str, expected=None) -> Change:
    [(quote_id, values)] = change.before.items()
    return correct(db, quote_id, reviewer=reviewer, expected=change.after[quote_id], action=change.action, **values)


# -- clusters ------------------------------------------------------------------------------------------------
def confirm(db, quote_id: str, other: str, *, reviewer: str) -> Change:
    return _cluster_change(db, quote_id, "confirm", [quote_id, other], [(quote_id, other)],
                           lambda: confirm_suggestion(db, quote_id, other, reviewer=reviewer))


def reject(db, quote_id: str, other: str, *, reviewer: str) -> Change:
    return _cluster_change(db, quote_id, "reject", [quote_id, other], [(quote_id, other)],
                           lambda: reject_suggestion(db, quote_id, other, reviewer=reviewer))


def split(db, quote_id: str, *, reviewer: str) -> Change:
    if clusters.cluster_of(db, quote_id) is None:
        raise ValueError(f"quotation {quote_id} is in no claim cluster")
    return _cluster_change(db, quote_id, "split", [quote_id], [], lambda: split_quote(db, quote_id, reviewer=reviewer))


def merge(db, quote_id: str, cluster_a: int, cluster_b: int, *, reviewer: str) -> Change:
    members = [q for (q,) in db.execute("SELECT quote_id FROM cluster_members WHERE cluster_id IN (?, ?)",
                                       [cluster_a, cluster_b])]
    return _cluster_change(db, quote_id, "merge", members, [],
                           lambda: merge_clusters(db, cluster_a, cluster_b, reviewer=reviewer))


def _cluster_change(db, quote_id: str, action: str, quotes: list[str], pairs: list[tuple[str, str]], run) -> Change:
    """Run a cluster decision in one transaction, with the state of everything it can touch before and after:
    the clusters of `quotes` with all their members, the suggested `pairs` and the quotes' splits."""
    with write_transaction(db):
        keys = _cluster_keys(db, quotes, pairs)
        before = _snapshot(db, keys)
        run()
        keys = _cluster_keys(db, keys["quotes"], pairs, keys["clusters"])
        after = _snapshot(db, keys)
        before = _snapshot_like(before, keys)
    return Change("clusters", quote_id, action, before, after)


def _revert_clusters(db, change: Change, reviewer: str, expected=None) -> Change:
    with write_transaction(db):
        keys = {"quotes": list(change.after["members"]), "clusters": [int(c) for c in change.after["clusters"]],
                "pairs": [tuple(p.split("|")) for p in change.after["pairs"]]}
        if _snapshot(db, keys) != change.after:
            raise StaleCluster(change.quote_id)
        _restore(db, change.before, change.after, reviewer)
    return Change("clusters", change.quote_id, change.action, change.after, change.before)


def _cluster_keys(db, quotes: list[str], pairs: list[tuple[str, str]], cluster_ids=()) -> dict:
    found = set(cluster_ids)
    for quote in quotes:
        cluster = clusters.cluster_of(db, quote)
        if cluster is not None:
            found.add(cluster)
    members = set(quotes)
    for cluster in found:
        members.update(q for (q,) in db.execute("SELECT quote_id FROM cluster_members WHERE cluster_id = ?", [cluster]))
    return {"quotes": sorted(members), "clusters": sorted(found), "pairs": [tuple(sorted(p)) for p in pairs]}


_CLUSTER_COLUMNS = "canonical_quote_id, canonical_text, size, first_seen, last_seen, created_at, updated_at"


def _snapshot(db, keys: dict) -> dict:
    """Membership of the quotes, the cluster rows, the pairs' suggestion rows and the quotes' splits."""
    members = {}
    for quote in keys["quotes"]:
        row = db.execute("SELECT cluster_id, score, method, added_at FROM cluster_members WHERE quote_id = ?",
                         [quote]).fetchone()
        members[quote] = list(row) if row else None
    cluster_rows = {}
    for cluster in keys["clusters"]:
        row = db.execute(f"SELECT {_CLUSTER_COLUMNS} FROM clusters WHERE id = ?", [cluster]).fetchone()
        cluster_rows[str(cluster)] = list(row) if row else None
    pairs = {}
    for a, b in keys["pairs"]:
        row = db.execute("SELECT score, method, status, created_at, decided_by, decided_at FROM match_suggestions "
                         "WHERE quote_a = ? AND quote_b = ?", [a, b]).fetchone()
        pairs[f"{a}|{b}"] = list(row) if row else None
    splits = {}
    for quote in keys["quotes"]:
        row = db.execute("SELECT reviewer, at FROM cluster_splits WHERE quote_id = ?", [quote]).fetchone()
        splits[quote] = list(row) if row else None
    return {"members": members, "clusters": cluster_rows, "pairs": pairs, "splits": splits}


def _snapshot_like(before: dict, keys: dict) -> dict:
    """`before` covering the same keys as the snapshot after: what was not there before did not exist."""
    return {
        "members": {q: before["members"].get(q) for q in keys["quotes"]},
        "clusters": {str(c): before["clusters"].get(str(c)) for c in keys["clusters"]},
        "pairs": {f"{a}|{b}": before["pairs"].get(f"{a}|{b}") for a, b in keys["pairs"]},
        "splits": {q: before["splits"].get(q) for q in keys["quotes"]},
    }


def _restore(db, state: dict, current: dict, reviewer: str) -> None:
    """Put the clusters back as in `state` (a snapshot), logging every membership it changes."""
    quotes = list(state["members"])
    db.conn.executemany("DELETE FROM cluster_members WHERE quote_id = ?", [(q,) for q in quotes])
    for cluster, row in state["clusters"].items():
        if row is None:
            db.execute("DELETE FROM clusters WHERE id = ?", [int(cluster)])
        elif db.execute("SELECT 1 FROM clusters WHERE id = ?", [int(cluster)]).fetchone():
            db.execute(f"UPDATE clusters SET ({_CLUSTER_COLUMNS}) = ({','.join('?' * 7)}) WHERE id = ?",
                       [*row, int(cluster)])
        else:
            db.execute(f"INSERT INTO clusters(id, {_CLUSTER_COLUMNS}) VALUES (?, {','.join('?' * 7)})",
                       [int(cluster), *row])
    for quote, member in state["members"].items():
        if member is not None:
            db.execute("INSERT INTO cluster_members(quote_id, cluster_id, score, method, added_at) VALUES (?, ?, ?, ?, ?)",
                       [quote, *member])
        old = (current["members"].get(quote) or [None])[0]
        new = (member or [None])[0]
        if old != new:
            log_event(db, reviewer, "cluster", old, new, quote_id=quote, cluster_id=new or old)
    for pair, row in state["pairs"].items():
        a, b = pair.split("|")
        if row is None:
            db.execute("DELETE FROM match_suggestions WHERE quote_a = ? AND quote_b = ?", [a, b])
        else:
            db.execute("INSERT OR REPLACE INTO match_suggestions(quote_a, quote_b, score, method, status, created_at, "
                       "decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [a, b, *row])
        old_status = (current["pairs"].get(pair) or [None, None, None])[2]
        new_status = (row or [None, None, None])[2]
        if old_status != new_status:
            for quote, other in ((a, b), (b, a)):
                log_event(db, reviewer, "match_suggestion", {"with": other, "status": old_status},
                          {"with": other, "status": new_status}, quote_id=quote)
    for quote, row in state["splits"].items():
        if row is None:
            db.execute("DELETE FROM cluster_splits WHERE quote_id = ?", [quote])
        else:
            db.execute("INSERT OR REPLACE INTO cluster_splits(quote_id, reviewer, at) VALUES (?, ?, ?)", [quote, *row])


# -- undo and redo ----------------------------------------------------------------------------------------
def revert(db: sqlite_utils.Database, change: Change, *, reviewer: str, versions: dict[str, int] | None = None) -> Change:
    """Undo `change` (or redo it, if it is itself a revert); returns the Change that reverts this one.

    A review change expects the versions it left, or the newer `versions` of reviews this reviewer wrote since
    (their own later changes, undone before this one)."""
    return {"review": _revert_review, "correction": _revert_correction, "clusters": _revert_clusters}[change.kind](
        db, change, reviewer, versions)
