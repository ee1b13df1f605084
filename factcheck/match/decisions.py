"""What a reviewer decides about the matcher's work: confirm or reject a suggested pair, split a quote
out of its cluster, merge two clusters, undo a speaker merge.

Each decision is one write transaction, logged in review_events, and sticks: `run` never suggests a
rejected pair again, never puts a split quote back into a cluster and never redoes an undone merge.
"""

from __future__ import annotations

from factcheck.store import log_event, utc_now, write_transaction

from . import clusters
from .core import pair_score


def confirm_suggestion(db, quote_a: str, quote_b: str, *, reviewer: str) -> int:
    """The two quotes are the same claim: both end up in one cluster (their clusters merge if both
    had one). Works for any pair, suggested or not. Returns the cluster id."""
    with write_transaction(db):
        a, b, old_status = _decide(db, quote_a, quote_b, "confirmed", reviewer)
        before = {q: clusters.cluster_of(db, q) for q in (a, b)}
        cluster_id = clusters.join(db, {a: (None, "confirmed"), b: (None, "confirmed")})
        _log_decision(db, reviewer, a, b, old_status, "confirmed", cluster_id)
        for q, old_cluster in before.items():
            if old_cluster != cluster_id:
                log_event(db, reviewer, "cluster", old_cluster, cluster_id, quote_id=q, cluster_id=cluster_id)
        return cluster_id


def reject_suggestion(db, quote_a: str, quote_b: str, *, reviewer: str) -> None:
    """The two quotes are not the same claim: the pair is never suggested or auto-joined again."""
    with write_transaction(db):
        a, b, old_status = _decide(db, quote_a, quote_b, "rejected", reviewer)
        _log_decision(db, reviewer, a, b, old_status, "rejected", None)


def split_quote(db, quote_id: str, *, reviewer: str) -> None:
    """Take the quote out of its cluster for good: automatic matching leaves it alone from now on
    (a reviewer can still confirm it into a cluster)."""
    with write_transaction(db):
        _require_quotes(db, [quote_id])
        cluster_id = clusters.remove(db, quote_id)
        db.execute("INSERT OR REPLACE INTO cluster_splits(quote_id, reviewer, at) VALUES (?, ?, ?)",
                   [quote_id, reviewer, utc_now()])
        log_event(db, reviewer, "cluster", cluster_id, None, quote_id=quote_id, cluster_id=cluster_id)


def merge_clusters(db, cluster_a: int, cluster_b: int, *, reviewer: str) -> int:
    """The two clusters are one claim: all their quotations end up in the older one (lower id), which is
    returned. Like a confirmed pair, the merge sticks: matching never splits a cluster."""
    with write_transaction(db):
        members = {}
        for cluster_id in (cluster_a, cluster_b):
            rows = db.execute("SELECT quote_id FROM cluster_members WHERE cluster_id = ?", [cluster_id]).fetchall()
            if not rows:
                raise ValueError(f"no claim cluster {cluster_id}")
            members[cluster_id] = [quote for (quote,) in rows]
        if cluster_a == cluster_b:
            raise ValueError(f"cannot merge claim cluster {cluster_a} with itself")
        target = clusters.join(db, {q: (None, "confirmed") for quotes in members.values() for q in quotes})
        for cluster_id, quotes in members.items():
            if cluster_id != target:
                for quote in quotes:
                    log_event(db, reviewer, "cluster", cluster_id, target, quote_id=quote, cluster_id=target)
        return target


def pending_suggestions(db, quote_id: str) -> list[dict]:
    """Undecided suggestions involving `quote_id`, best first. Each dict describes the other quote:
    other_quote_id, text, speaker, article_title, cluster_id, score, method, status."""
    rows = db.execute(
        """SELECT s.other, v.text, v.speaker, v.title, v.cluster_id, s.score, s.method, s.status
           FROM (SELECT quote_b AS other, score, method, status FROM match_suggestions
                 WHERE quote_a = :q AND status = 'pending'
                 UNION ALL
                 SELECT quote_a, score, method, status FROM match_suggestions
                 WHERE quote_b = :q AND status = 'pending') s
           JOIN quotes_view v ON v.quote_id = s.other
           WHERE v.cluster_id IS NULL
              OR v.cluster_id IS NOT (SELECT cluster_id FROM cluster_members WHERE quote_id = :q)
           ORDER BY s.score DESC, s.other""",
        {"q": quote_id},
    ).fetchall()
    keys = ("other_quote_id", "text", "speaker", "article_title", "cluster_id", "score", "method", "status")
    return [dict(zip(keys, row)) for row in rows]


def undo_speaker_merge(db, merge_id: int, *, reviewer: str) -> None:
    """Separate a speaker from the one it was merged into; the merge is not made again automatically."""
    with write_transaction(db):
        row = db.execute(
            """SELECT m.speaker_id, m.into_id, m.status, s.name, t.name FROM speaker_merges m
               JOIN speakers s ON s.id = m.speaker_id JOIN speakers t ON t.id = m.into_id WHERE m.id = ?""",
            [merge_id],
        ).fetchone()
        if row is None:
            raise ValueError(f"no speaker merge {merge_id}")
        speaker, into, status, name, into_name = row
        if status not in ("auto", "confirmed"):
            raise ValueError(f"speaker merge {merge_id} ({name} → {into_name}) is {status}, nothing to undo")
        db.execute("UPDATE speaker_merges SET status = 'undone', decided_by = ?, decided_at = ? WHERE id = ?",
                   [reviewer, utc_now(), merge_id])
        db.execute("UPDATE speakers SET merged_into = NULL WHERE id = ? AND merged_into = ?", [speaker, into])
        log_event(db, reviewer, "speaker_merge", {"merge": merge_id, "speaker": name, "into": into_name}, "undone")


def _decide(db, quote_a: str, quote_b: str, status: str, reviewer: str) -> tuple[str, str, str | None]:
    """Record the reviewer's decision on the pair (creating the suggestion row if the matcher never
    proposed it); returns the ordered pair and the previous status."""
    if quote_a == quote_b:
        raise ValueError(f"cannot pair quotation {quote_a} with itself")
    texts = _require_quotes(db, [quote_a, quote_b])
    a, b = sorted((quote_a, quote_b))
    old = db.execute("SELECT status FROM match_suggestions WHERE quote_a = ? AND quote_b = ?", [a, b]).fetchone()
    now = utc_now()
    if old is None:
        score, method = pair_score(texts[a], texts[b])
        db.execute(
            "INSERT INTO match_suggestions(quote_a, quote_b, score, method, status, created_at, decided_by, decided_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [a, b, score, method, status, now, reviewer, now],
        )
    else:
        db.execute("UPDATE match_suggestions SET status = ?, decided_by = ?, decided_at = ? WHERE quote_a = ? AND quote_b = ?",
                   [status, reviewer, now, a, b])
    return a, b, old[0] if old else None


def _log_decision(db, reviewer, a: str, b: str, old_status, status: str, cluster_id) -> None:
    """In the history of both quotes: what was decided about the pair."""
    for quote, other in ((a, b), (b, a)):
        log_event(db, reviewer, "match_suggestion", {"with": other, "status": old_status},
                  {"with": other, "status": status}, quote_id=quote, cluster_id=cluster_id)


def _require_quotes(db, quote_ids: list[str]) -> dict[str, str]:
    texts = {}
    for qid in quote_ids:
        row = db.execute("SELECT text FROM quotes WHERE id = ?", [qid]).fetchone()
        if row is None:
            raise ValueError(f"no quotation with id {qid}")
        texts[qid] = row[0]
    return texts
