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
A full run (a first run, `--all`, a large batch) writes the same in several transactions of a bounded number of
pairs each, so that its memory does not grow with what it writes; the pending work goes in the last one.
Quotes a reviewer split out of a cluster or marked as not a quotation take no part.
"""

from __future__ import annotations

import time

import numpy as np

from factcheck.store import utc_now, write_transaction

from . import candidates, clusters, guards, index, score, speakers
from .core import Pairs, Quotes, Units, components, match_quotes, verify
from .names import compatible, parse_name
from .work import MatchReport, check_thresholds, pending_work

DEFAULT_THRESHOLD = 90.0
DEFAULT_SUGGEST = 75.0
INCREMENTAL_MAX = 2000  # pending quotations the persisted index serves (more, or a twentieth of it: a full run)
FULL_RUN_CHUNK = 50_000  # pairs a full run writes per transaction (bounds what one transaction holds)
# The quotations that take part in matching: claims (no fragment of a claim, no scare quote), not marked "not
# a quotation", not split out of a cluster by a reviewer; with what the guards need to know about them.
_CLAIMS = """quotes q LEFT JOIN speakers s ON s.id = q.speaker_id LEFT JOIN speakers m ON m.id = s.merged_into
    WHERE q.not_quote = 0 AND q.part_of IS NULL AND q.kind != 'scare'
      AND q.id NOT IN (SELECT quote_id FROM cluster_splits)"""
_CLAIM_COLUMNS = 'q.pk, q.id, q.text, q.article_id, q.start, q."end", COALESCE(m.id, s.id), COALESCE(m.name, s.name)'


def run(db, *, threshold: float = DEFAULT_THRESHOLD, suggest: float = DEFAULT_SUGGEST,
        everything: bool = False, merge_speakers: bool = True, chunk: int | None = None,
        workers: int = 1) -> MatchReport:
    """Match the pending quotations (all quotations with `everything`) against all quotations, and (unless not
    `merge_speakers`) merge the name variants of their speakers. A full run writes about `chunk` pairs per
    transaction (default FULL_RUN_CHUNK); `workers`: processes that verify the candidates of a full run
    (core.verify) and read the articles of its speakers (speakers.merge_variants)."""
    check_thresholds(threshold, suggest)
    started = time.perf_counter()
    report = MatchReport()
    seen = pending_work(db)
    if not seen and not everything:
        report.seconds = time.perf_counter() - started
        return report
    pending = _pending(db, seen)
    if not pending and not everything:  # only clusters that lost a member
        with write_transaction(db):
            _refresh_stale_clusters(db)
    elif everything or not _incremental_fits(db, len(pending)):
        _full_run(db, report, seen, pending, everything, threshold=threshold, suggest=suggest,
                  merge_speakers=merge_speakers, chunk=chunk, workers=workers)
    else:
        with write_transaction(db):
            seen = pending_work(db)  # now that the database is ours: everything pending up to here
            pending = _pending(db, seen)
            _refresh_stale_clusters(db)
            rows, pairs = _match_with_index(db, pending, report, suggest)
            new_ids = [r[1] for r in rows[:report.new_quotes]] if merge_speakers else []
            _write(db, [r[1] for r in rows], pairs, report, threshold, new_ids, seen)
    report.seconds = time.perf_counter() - started
    return report


def _pending(db, seen: int) -> list[int]:
    return [pk for (pk,) in db.execute("SELECT DISTINCT quote_pk FROM match_pending WHERE id <= ? ORDER BY 1", [seen])]


def _incremental_fits(db, pending: int) -> bool:
    """The persisted index serves a run when it is current and the pending work is small next to it; a full
    run (which rebuilds the index) serves the rest, and now and then folds the delta into the sorted runs."""
    if not index.is_current(db):
        return False
    units = index.indexed_units(db)
    return pending <= max(INCREMENTAL_MAX, units // 20) and index.delta_size(db) <= max(units, 100_000) * 8


def _full_run(db, report: MatchReport, seen: int, pending: list[int], everything: bool, *, threshold: float,
              suggest: float, merge_speakers: bool, chunk: int | None = None, workers: int = 1) -> None:
    """Every quotation read and matched in memory (only pairs with a pending one scored, unless `everything`),
    outside any write transaction; then written in transactions of about `chunk` pairs each, so that what a
    transaction holds is bounded whatever the size of the run:
    1. stale clusters refreshed and the index rebuilt;
    2. the clusters, a slice of whole connected components at a time (each quotation's best edge is within
       its component, so slices make the same clusters as one pass);
    3. the suggestions, a slice of pairs at a time (checked against the clusters of step 2, as in one pass);
    4. speaker merges and the pending work consumed.
    A crash between transactions leaves the database as after the last committed one, with all the pending
    work still there: the next run redoes it (joins and suggestions already written are kept as they are)."""
    chunk = max(chunk or FULL_RUN_CHUNK, 1)
    rows = db.execute(f"SELECT {_CLAIM_COLUMNS} FROM {_CLAIMS} ORDER BY q.pk").fetchall()
    pks = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    ids = [r[1] for r in rows]
    quotes = claims_of(rows)
    del rows  # memory: the columns are in `quotes` now
    is_new = np.ones(len(ids), dtype=bool) if everything else np.isin(pks, np.array(pending, dtype=np.int64))
    report.new_quotes, report.compared_with = int(is_new.sum()), len(ids)
    pairs, units = match_quotes(quotes, is_new, suggest=suggest, index_bands=True, workers=workers)
    del quotes
    report.candidate_pairs = pairs.candidates if len(pairs) else 0
    with write_transaction(db):
        _refresh_stale_clusters(db)
        _rebuild_index(db, units, pks)
    del units
    auto = (pairs.scores >= threshold) & ~_rejected(db, ids, pairs)
    for part in _component_slices(pairs, auto, chunk):
        with write_transaction(db):
            _cluster(db, ids, _still_current(db, part, pks, seen), report)
    suggestions = np.flatnonzero(~auto)
    for begin in range(0, len(suggestions), chunk):
        with write_transaction(db):
            part = _still_current(db, _take(pairs, suggestions[begin:begin + chunk]), pks, seen)
            _suggest(db, ids, part, report)
    with write_transaction(db):
        new_ids = True if everything else [qid for qid, new in zip(ids, is_new.tolist()) if new]
        _finish(db, report, new_ids if merge_speakers else [], seen, workers)


def _rebuild_index(db, units: Units, pks: np.ndarray) -> None:
    eligible = np.flatnonzero(units.eligible)
    seq = units.seq[eligible]
    keep = seq < index.MAX_SEQ
    indexed = eligible[keep]
    keys = index.band_keys(units.bands[:, keep], [units.surface[u] for u in indexed.tolist()])
    index.rebuild(db, units.corpus, indexed, index.unit_ids(pks[units.quote[indexed]], seq[keep]), keys)


def _component_slices(pairs: Pairs, auto: np.ndarray, chunk: int):
    """The pairs that join clusters (`auto`), as slices of whole connected components of about `chunk` pairs."""
    edges = np.flatnonzero(auto)
    if not len(edges):
        return
    left, right = pairs.left[edges], pairs.right[edges]
    nodes = np.unique(np.r_[left, right])
    labels = components(len(nodes), np.searchsorted(nodes, left), np.searchsorted(nodes, right))
    label = labels[np.searchsorted(nodes, left)]
    order = np.argsort(label, kind="stable")  # by component, each in the pairs' order
    label = label[order]
    bounds = np.r_[np.flatnonzero(np.r_[True, label[1:] != label[:-1]]), len(order)]  # where components begin
    begin = 0
    while begin < len(order):
        end = int(bounds[min(np.searchsorted(bounds, begin + chunk), len(bounds) - 1)])
        yield _take(pairs, edges[np.sort(order[begin:end])])
        begin = end


def _rejected(db, ids: list[str], pairs: Pairs) -> np.ndarray:
    """Which pairs a reviewer rejected (they never join a cluster)."""
    rejected = db.execute("SELECT quote_a, quote_b FROM match_suggestions WHERE status = 'rejected'").fetchall()
    if not rejected or not len(pairs):
        return np.zeros(len(pairs), dtype=bool)
    wanted = {q for pair in rejected for q in pair}
    position = {qid: k for k, qid in enumerate(ids) if qid in wanted}
    n = len(ids)
    codes = [min(position[a], position[b]) * n + max(position[a], position[b]) for a, b in rejected
             if a in position and b in position]
    return np.isin(np.minimum(pairs.left, pairs.right) * n + np.maximum(pairs.left, pairs.right), codes)


def _match_with_index(db, pending: list[int], report: MatchReport, suggest: float):
    """The pending quotations against the persisted index: their old sentences out, candidates looked up by
    bucket and rare word, verified on the current texts, their sentences in. Inside the write transaction."""
    index.remove(db, pending)
    new_rows = _claim_rows(db, pending)
    report.new_quotes, report.compared_with = len(new_rows), index.indexed_units(db)
    if not new_rows:
        return [], None
    fresh = Units.of([r[2] for r in new_rows])
    new_pks = np.array([r[0] for r in new_rows], dtype=np.int64)
    eligible = np.flatnonzero(fresh.eligible & (fresh.seq < index.MAX_SEQ))
    corpus = fresh.corpus
    bands = candidates.band_hashes(corpus.subset(eligible))
    keys = index.bucket_keys(bands, [fresh.surface[u] for u in eligible.tolist()])
    words = [[corpus.vocab[w] for w in corpus.words_of(u).tolist()] for u in eligible.tolist()]
    found = index.lookup(db, keys, words)
    known = set(new_pks.tolist())
    others = sorted({uid // index.MAX_SEQ for ids in found for uid in ids} - known)
    rows = new_rows + _claim_rows(db, others)
    units = Units.of([r[2] for r in rows])  # the new quotations' sentences come first, numbered as in `fresh`
    first = np.searchsorted(units.quote, np.arange(len(rows)))
    count = np.diff(np.r_[first, len(units.quote)])
    row_of = {r[0]: k for k, r in enumerate(rows)}
    a, b = [], []
    for i, ids in zip(eligible.tolist(), found):
        for uid in ids:
            k = row_of.get(uid // index.MAX_SEQ)
            seq = uid % index.MAX_SEQ
            if k is not None and k >= len(new_rows) and seq < count[k]:
                a.append(i)
                b.append(int(first[k] + seq))
    # the new sentences among themselves: as a full run finds them
    exact_a, exact_b = [], []
    first_of: dict[str, int] = {}
    for i in eligible.tolist():
        j = first_of.setdefault(fresh.surface[i], i)
        if j != i:
            exact_a.append(j)
            exact_b.append(i)
    sub = corpus.subset(eligible)
    codes = candidates.union(candidates.lsh_pairs(bands),
                             candidates.rare_word_pairs(sub, score.MIN_CONTAINMENT_WORDS))
    m = max(len(eligible), 1)
    a += eligible[codes // m].tolist()
    b += eligible[codes % m].tolist()
    statistics = _index_statistics(db, units, eligible)
    pairs = verify(claims_of(rows), units, np.array(a, dtype=np.int64), np.array(b, dtype=np.int64), statistics,
                   suggest=suggest, exact=(np.array(exact_a, dtype=np.int64), np.array(exact_b, dtype=np.int64)))
    pairs.candidates = len(a)
    index.add(db, corpus, eligible, index.unit_ids(new_pks[fresh.quote[eligible]], fresh.seq[eligible]), keys)
    return rows, pairs


def _index_statistics(db, units: Units, new_eligible: np.ndarray):
    """Document frequencies for the guards: the index's, with the new sentences counted (they are indexed
    after the comparison, but a full run counts them too)."""
    cache: list = []

    def get():
        if not cache:
            corpus = units.corpus
            df = index.document_frequencies(db, corpus.vocab)
            owner = np.repeat(np.isin(np.arange(len(units.surface)), new_eligible), corpus.counts)
            df += np.bincount(corpus.words[owner], minlength=corpus.vocab_size)
            cache.append(guards.WordStatistics(df, guards.background_zipf(corpus.surface),
                                               index.indexed_units(db) + len(new_eligible)))
        return cache[0]

    return get


def _claim_rows(db, pks: list[int]) -> list:
    rows = []
    for i in range(0, len(pks), 500):
        batch = pks[i:i + 500]
        rows += db.execute(f"SELECT {_CLAIM_COLUMNS} FROM {_CLAIMS} AND q.pk IN ({','.join('?' * len(batch))}) "
                           "ORDER BY q.pk", batch).fetchall()
    return rows


def _write(db, ids: list[str], pairs, report: MatchReport, threshold: float, speakers_too, seen: int) -> None:
    """Clusters and suggestions from the pairs, speaker merges (`speakers_too`: True for all speakers, else the
    ids of the quotations whose speakers to look at), the pending work consumed: inside the caller's write
    transaction."""
    if pairs is not None and len(pairs):
        report.candidate_pairs = pairs.candidates
        auto = (pairs.scores >= threshold) & ~_rejected(db, ids, pairs)
        _cluster(db, ids, _take(pairs, np.flatnonzero(auto)), report)
        _suggest(db, ids, _take(pairs, np.flatnonzero(~auto)), report)
    _finish(db, report, speakers_too, seen)


def _finish(db, report: MatchReport, speakers_too, seen: int, workers: int = 1) -> None:
    if speakers_too:
        started = time.perf_counter()
        report.speaker_merges = speakers.merge_variants(db, None if speakers_too is True else speakers_too, workers)
        report.speaker_seconds = time.perf_counter() - started
    db.execute("DELETE FROM match_pending WHERE id <= ?", [seen])


def _take(pairs: Pairs, keep: np.ndarray) -> Pairs:
    """The pairs at positions `keep` (a boolean mask or ascending indices)."""
    positions = np.flatnonzero(keep) if keep.dtype == bool else keep
    return Pairs(pairs.left[positions], pairs.right[positions], pairs.scores[positions],
                 [pairs.methods[k] for k in positions.tolist()], pairs.candidates)


def _still_current(db, pairs: Pairs, pks: np.ndarray, seen: int) -> Pairs:
    """Leave out pairs with a quotation that changed or went away while the run computed (it is pending again and
    the next run matches it as it is now)."""
    changed = np.fromiter((pk for (pk,) in db.execute(
        "SELECT DISTINCT quote_pk FROM match_pending WHERE id > ?", [max(seen, 0)])), dtype=np.int64)
    if not len(changed) or not len(pairs):
        return pairs
    return _take(pairs, ~(np.isin(pks[pairs.left], changed) | np.isin(pks[pairs.right], changed)))


def claims_of(rows) -> Quotes:
    """Rows of _CLAIM_COLUMNS as the core's Quotes."""
    keys: dict = {}
    speakers = [keys[r[6]] if r[6] in keys else keys.setdefault(r[6], speaker_key(r[6], r[7])) for r in rows]
    return Quotes([r[2] for r in rows], speakers, [(r[3], r[4], r[5]) for r in rows])


def speaker_key(speaker_id: int | None, name: str | None) -> SpeakerKey | None:
    return SpeakerKey(speaker_id, name) if speaker_id is not None and name else None


class SpeakerKey:
    """Who said a quotation, as far as the spread guard needs it: the same (root) speaker, or names that can be
    one person (names.compatible: "Hollmann" can be "Gerd Hollmann", "Petra Hollmann" cannot)."""

    __slots__ = ("id", "name")

    def __init__(self, speaker_id: int, name: str):
        self.id = speaker_id
        self.name = parse_name(name)

    def __eq__(self, other) -> bool:
        if not isinstance(other, SpeakerKey):
            return NotImplemented
        if self.id == other.id:
            return True
        return self.name is not None and other.name is not None and compatible(self.name, other.name)

    def __hash__(self) -> int:
        return hash(self.name.surname if self.name is not None else self.id)


def _refresh_stale_clusters(db) -> None:
    """Clusters that lost members (a quotation deleted by re-extraction or an update; their memberships went
    with it by foreign key): size, canonical text and dates brought up to date, or dissolved."""
    for (cluster_id,) in db.execute("SELECT cluster_id FROM match_stale_clusters").fetchall():
        if db.execute("SELECT 1 FROM clusters WHERE id = ?", [cluster_id]).fetchone():
            clusters.refresh(db, cluster_id)
    db.execute("DELETE FROM match_stale_clusters")


def _cluster(db, ids: list[str], pairs: Pairs, report: MatchReport) -> None:
    """Join the quotations of these pairs (all scoring >= threshold) into clusters, a connected component each."""
    if not len(pairs):
        return
    left, right, scores, methods = pairs.left, pairs.right, pairs.scores, pairs.methods
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


def _suggest(db, ids: list[str], pairs: Pairs, report: MatchReport) -> None:
    """These pairs (scoring in [suggest, threshold), or rejected) as suggestions, unless already in one cluster."""
    now = utc_now()
    left, right = pairs.left.tolist(), pairs.right.tolist()
    cluster = clusters.clusters_of(db, [ids[q] for q in set(left) | set(right)])
    rows = []
    for i, j, s, m in zip(left, right, pairs.scores.tolist(), pairs.methods):
        a, b = sorted((ids[i], ids[j]))
        ca = cluster.get(a)
        if ca is not None and ca == cluster.get(b):
            continue
        rows.append((a, b, round(float(s), 1), m, now))
    if rows:
        report.suggestions += db.conn.executemany(
            "INSERT OR IGNORE INTO match_suggestions(quote_a, quote_b, score, method, created_at) VALUES (?, ?, ?, ?, ?)",
            rows).rowcount
