"""`run`: incremental matching of the quotations in a database.

What is new is the database's pending work (`match_pending`, written by triggers in the same transaction as
the quotation rows: added, deleted or changed quotations; `match_stale_clusters`: clusters that lost a member).
With none, a run returns at once. Otherwise it loads the texts of all quotes that take part in matching, but
generates and scores only the candidate pairs that involve a pending quote, then in one write transaction:
- pairs scoring >= threshold join clusters (connected components; existing clusters grow or merge),
  unless a reviewer rejected the pair;
- pairs scoring in [suggest, threshold) become suggestions, unless already decided or in one cluster;
- speaker name variants are merged (speakers.py), looking at the speakers of the pending quotes only;
- clusters that lost quotations to re-extraction are brought up to date (pending suggestions of a deleted
  quotation went with it);
- the pending work it saw is consumed. Work recorded meanwhile stays for the next run (pairs of a quotation
  that changed meanwhile are left to it), and an interrupted run consumed nothing.
Quotes a reviewer split out of a cluster or marked as not a quotation take no part.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

import numpy as np

from factcheck.store import utc_now, write_transaction

from . import clusters, speakers
from .core import Pairs, Quotes, components, match_quotes
from .speakers import translit_key

DEFAULT_THRESHOLD = 90.0
DEFAULT_SUGGEST = 75.0
# The quotations that take part in matching: claims (no fragment of a claim, no scare quote), not marked "not
# a quotation", not split out of a cluster by a reviewer; with what the guards need to know about them.
_CLAIMS = """quotes q LEFT JOIN speakers s ON s.id = q.speaker_id LEFT JOIN speakers m ON m.id = s.merged_into
    WHERE q.not_quote = 0 AND q.part_of IS NULL AND q.kind != 'scare'
      AND q.id NOT IN (SELECT quote_id FROM cluster_splits)"""
_CLAIM_COLUMNS = 'q.pk, q.id, q.text, q.article_id, q.start, q."end", COALESCE(m.id, s.id), COALESCE(m.name, s.name)'


@dataclass
class MatchReport:
    new_quotes: int = 0
    compared_with: int = 0           # quotes taking part in matching
    candidate_pairs: int = 0
    clustered: int = 0               # quotes newly put into a cluster
    clusters_formed: int = 0
    clusters_grown: int = 0          # existing clusters that got members (or absorbed another)
    suggestions: int = 0
    speaker_merges: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{self.new_quotes} new quotes matched against {self.compared_with} "
            f"({self.candidate_pairs} candidate pairs scored) in {self.seconds:.1f}s: "
            f"{self.clustered} clustered, {self.clusters_formed} clusters formed, {self.clusters_grown} grown, "
            f"{self.suggestions} suggestions, {len(self.speaker_merges)} speaker merges"
        )


def run(db, *, threshold: float = DEFAULT_THRESHOLD, suggest: float = DEFAULT_SUGGEST,
        everything: bool = False) -> MatchReport:
    """Match the pending quotations (all quotations with `everything`) against all quotations."""
    if not 0 <= suggest <= threshold <= 100:
        raise ValueError(f"need 0 <= suggest ({suggest}) <= threshold ({threshold}) <= 100")
    started = time.perf_counter()
    report = MatchReport()
    seen = pending_work(db)
    if not seen and not everything:
        report.seconds = time.perf_counter() - started
        return report
    pending = {pk for (pk,) in db.execute("SELECT DISTINCT quote_pk FROM match_pending WHERE id <= ?", [seen])}
    rows = db.execute(f"SELECT {_CLAIM_COLUMNS} FROM {_CLAIMS} ORDER BY q.pk").fetchall()
    pks = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    ids = [r[1] for r in rows]
    is_new = np.ones(len(rows), dtype=bool) if everything else np.isin(pks, np.fromiter(pending, dtype=np.int64))
    report.new_quotes, report.compared_with = int(is_new.sum()), len(rows)
    pairs = match_quotes(claims_of(rows), is_new, suggest=suggest)[0] if report.new_quotes else None

    with write_transaction(db):
        _refresh_stale_clusters(db)
        if pairs is not None and len(pairs):
            pairs = _still_current(db, pairs, pks, seen)
            report.candidate_pairs = pairs.candidates
            rejected = set(db.execute("SELECT quote_a, quote_b FROM match_suggestions WHERE status = 'rejected'"))
            pair_ids = [tuple(sorted((ids[i], ids[j]))) for i, j in zip(pairs.left, pairs.right)]
            auto = np.array([s >= threshold and p not in rejected for s, p in zip(pairs.scores, pair_ids)], dtype=bool)
            _cluster(db, ids, pairs, auto, report)
            _suggest(db, pair_ids, pairs, ~auto, report)
        if pending or everything:
            new_ids = None if everything else [qid for qid, new in zip(ids, is_new.tolist()) if new]
            report.speaker_merges = speakers.merge_variants(db, new_ids)
        db.execute("DELETE FROM match_pending WHERE id <= ?", [seen])
    report.seconds = time.perf_counter() - started
    return report


def pending_work(db) -> int:
    """The last pending-work row a run would consume now (0: nothing to do). Stale clusters count as work."""
    seen = db.execute("SELECT COALESCE(max(id), 0) FROM match_pending").fetchone()[0]
    if not seen and db.execute("SELECT 1 FROM match_stale_clusters LIMIT 1").fetchone():
        return -1
    return seen


def _still_current(db, pairs, pks: np.ndarray, seen: int):
    """Leave out pairs with a quotation that changed or went away while the run computed (it is pending again and
    the next run matches it as it is now)."""
    changed = np.fromiter((pk for (pk,) in db.execute(
        "SELECT DISTINCT quote_pk FROM match_pending WHERE id > ?", [max(seen, 0)])), dtype=np.int64)
    if not len(changed):
        return pairs
    keep = ~(np.isin(pks[pairs.left], changed) | np.isin(pks[pairs.right], changed))
    return Pairs(pairs.left[keep], pairs.right[keep], pairs.scores[keep],
                 [m for m, k in zip(pairs.methods, keep) if k], pairs.candidates)


def claims_of(rows) -> Quotes:
    """Rows of _CLAIM_COLUMNS as the core's Quotes."""
    return Quotes([r[2] for r in rows], [speaker_key(r[6], r[7]) for r in rows], [(r[3], r[4], r[5]) for r in rows])


_NAME_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def speaker_key(speaker_id: int | None, name: str | None) -> SpeakerKey | None:
    return SpeakerKey(speaker_id, name) if speaker_id is not None and name else None


class SpeakerKey:
    """Who said a quotation, as far as the spread guard needs it: the same (root) speaker, or one name that can
    be the other's (the same surname, and the same first name where both have one: "Hollmann" is "Gerd
    Hollmann", "Petra Hollmann" is not)."""

    __slots__ = ("id", "first", "surname")

    def __init__(self, speaker_id: int, name: str):
        words = [translit_key(w) for w in _NAME_WORD.findall(name)]
        self.id = speaker_id
        self.surname = words[-1] if words else None
        self.first = words[0] if len(words) > 1 else None

    def __eq__(self, other) -> bool:
        if not isinstance(other, SpeakerKey):
            return NotImplemented
        if self.id == other.id:
            return True
        return self.surname is not None and self.surname == other.surname and (
            self.first is None or other.first is None or self.first == other.first)

    def __hash__(self) -> int:
        return hash(self.surname)


def _refresh_stale_clusters(db) -> None:
    """Clusters that lost members (a quotation deleted by re-extraction or an update; their memberships went
    with it by foreign key): size, canonical text and dates brought up to date, or dissolved."""
    for (cluster_id,) in db.execute("SELECT cluster_id FROM match_stale_clusters").fetchall():
        if db.execute("SELECT 1 FROM clusters WHERE id = ?", [cluster_id]).fetchone():
            clusters.refresh(db, cluster_id)
    db.execute("DELETE FROM match_stale_clusters")


def _cluster(db, ids: list[str], pairs, auto: np.ndarray, report: MatchReport) -> None:
    left, right, scores = pairs.left[auto], pairs.right[auto], pairs.scores[auto]
    methods = [m for m, a in zip(pairs.methods, auto) if a]
    if not len(left):
        return
    # each quote's best edge is what joined it
    best: dict[int, tuple[float, str]] = {}
    for i, j, s, m in zip(left.tolist(), right.tolist(), scores.tolist(), methods):
        for q in (i, j):
            if q not in best or s > best[q][0]:
                best[q] = (round(s, 1), m)
    nodes = np.array(sorted(best), dtype=np.int64)
    labels = components(len(nodes), np.searchsorted(nodes, left), np.searchsorted(nodes, right))
    groups: dict[int, list[int]] = {}
    for node, label in zip(nodes.tolist(), labels.tolist()):
        groups.setdefault(label, []).append(node)
    for members in groups.values():
        before = {clusters.cluster_of(db, ids[q]) for q in members} - {None}
        newcomers = sum(1 for q in members if clusters.cluster_of(db, ids[q]) is None)
        clusters.join(db, {ids[q]: best[q] for q in members})
        report.clustered += newcomers
        if before:
            report.clusters_grown += 1
        else:
            report.clusters_formed += 1


def _suggest(db, pair_ids: list[tuple[str, str]], pairs, candidates: np.ndarray, report: MatchReport) -> None:
    now = utc_now()
    for k in np.flatnonzero(candidates).tolist():
        a, b = pair_ids[k]
        ca, cb = clusters.cluster_of(db, a), clusters.cluster_of(db, b)
        if ca is not None and ca == cb:
            continue
        cur = db.execute(
            "INSERT OR IGNORE INTO match_suggestions(quote_a, quote_b, score, method, created_at) VALUES (?, ?, ?, ?, ?)",
            [a, b, round(float(pairs.scores[k]), 1), pairs.methods[k], now],
        )
        report.suggestions += cur.rowcount
