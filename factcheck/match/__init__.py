"""Near-duplicate claims across articles, and one speaker under many spellings.

    run(db, threshold=90, suggest=75) -> MatchReport   incremental: pending quotes against all
    pending_work(db)                                   is there matching to do?
    confirm_suggestion / reject_suggestion / split_quote / pending_suggestions / undo_speaker_merge
    cluster_speakers(db, cluster_id)                   everyone who made a clustered claim

The in-memory core (`core.match_quotes`) works on plain texts and is what benchmarks/bench_match.py
measures; `pipeline.run` adds the SQLite side.
"""

from .clusters import cluster_speakers
from .decisions import confirm_suggestion, pending_suggestions, reject_suggestion, split_quote, undo_speaker_merge
from .pipeline import DEFAULT_SUGGEST, DEFAULT_THRESHOLD, MatchReport, pending_work, run

__all__ = [
    "DEFAULT_SUGGEST", "DEFAULT_THRESHOLD", "MatchReport", "cluster_speakers", "confirm_suggestion",
    "pending_suggestions", "pending_work", "reject_suggestion", "run", "split_quote", "undo_speaker_merge",
]
