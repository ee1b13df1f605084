"""Clusters of quotations that are the same claim, kept in SQLite.

A cluster has at least two members. Its canonical text is its fullest verbatim form: the longest direct
quotation (else partial quotation) among the members, and only when there is none the longest indirect or
reported one (such a span may carry narrative around the claim); first and last seen come from the members' articles (published, else ingested_at). The speakers
who made the claim are the members' speakers: see `cluster_speakers`. Every function here writes inside
the caller's transaction.
"""

from __future__ import annotations

from factcheck.store import utc_now


def cluster_of(db, quote_id: str) -> int | None:
    row = db.execute("SELECT cluster_id FROM cluster_members WHERE quote_id = ?", [quote_id]).fetchone()
    return row[0] if row else None


def clusters_of(db, quote_ids: list[str]) -> dict[str, int]:
    """{quote id: its cluster id} of those of `quote_ids` in a cluster (`cluster_of` of many, a query per 500)."""
    found: dict[str, int] = {}
    for start in range(0, len(quote_ids), 500):
        chunk = quote_ids[start:start + 500]
        found.update(db.execute(f"SELECT quote_id, cluster_id FROM cluster_members WHERE quote_id IN "
                                f"({','.join('?' * len(chunk))})", chunk).fetchall())
    return found


def join(db, members: dict[str, tuple[float | None, str]]) -> int:
    """Put the quotes into one cluster and return its id. `members` maps each quote id to the score
    and method that joined it (recorded for quotes not in a cluster yet).

    Quotes already in clusters bring their whole cluster along: the clusters merge into the oldest one
    (lowest id), so whatever refers to it keeps its id."""
    quote_ids = list(members)
    marks = ",".join("?" * len(quote_ids))
    existing = sorted({r[0] for r in db.execute(
        f"SELECT cluster_id FROM cluster_members WHERE quote_id IN ({marks})", quote_ids)})
    now = utc_now()
    if existing:
        target = existing[0]
        for other in existing[1:]:
            db.execute("UPDATE cluster_members SET cluster_id = ? WHERE cluster_id = ?", [target, other])
            db.execute("DELETE FROM clusters WHERE id = ?", [other])
    else:
        target = db.execute(
            "INSERT INTO clusters(canonical_text, created_at) VALUES ('', ?)", [now]).lastrowid
    db.conn.executemany(
        "INSERT OR IGNORE INTO cluster_members(quote_id, cluster_id, score, method, added_at) VALUES (?, ?, ?, ?, ?)",
        [(qid, target, score, method, now) for qid, (score, method) in members.items()],
    )
    refresh(db, target)
    return target


def remove(db, quote_id: str) -> int | None:
    """Take a quote out of its cluster; a cluster left with one member is dissolved. Returns the
    cluster id it was in."""
    cluster_id = cluster_of(db, quote_id)
    if cluster_id is not None:
        db.execute("DELETE FROM cluster_members WHERE quote_id = ?", [quote_id])
        refresh(db, cluster_id)
    return cluster_id


def refresh(db, cluster_id: int) -> None:
    """Recompute size, canonical text and first/last seen from the members (or dissolve the cluster
    if fewer than two are left)."""
    size, first_seen, last_seen = db.execute(
        """SELECT count(*), min(COALESCE(a.published, a.ingested_at)), max(COALESCE(a.published, a.ingested_at))
           FROM cluster_members cm JOIN quotes q ON q.id = cm.quote_id JOIN articles a ON a.id = q.article_id
           WHERE cm.cluster_id = ?""",
        [cluster_id],
    ).fetchone()
    if size < 2:
        db.execute("DELETE FROM cluster_members WHERE cluster_id = ?", [cluster_id])
        db.execute("DELETE FROM clusters WHERE id = ?", [cluster_id])
        return
    canonical_id, canonical_text = db.execute(
        """SELECT q.id, q.text FROM cluster_members cm JOIN quotes q ON q.id = cm.quote_id
           WHERE cm.cluster_id = ?
           ORDER BY CASE q.kind WHEN 'direct' THEN 0 WHEN 'partial' THEN 1 ELSE 2 END, length(q.text) DESC, q.pk
           LIMIT 1""",
        [cluster_id],
    ).fetchone()
    db.execute(
        "UPDATE clusters SET canonical_quote_id = ?, canonical_text = ?, size = ?, first_seen = ?, last_seen = ?, "
        "updated_at = ? WHERE id = ?",
        [canonical_id, canonical_text, size, first_seen, last_seen, utc_now(), cluster_id],
    )


def cluster_speakers(db, cluster_id: int) -> list[str]:
    """Everyone who made the claim (speaker merges applied), in order of first appearance."""
    rows = db.execute(
        """SELECT speaker FROM quotes_view WHERE cluster_id = ? AND speaker IS NOT NULL
           GROUP BY speaker ORDER BY min(COALESCE(published, '')), min(quote_pk)""",
        [cluster_id],
    ).fetchall()
    return [r[0] for r in rows]
