"""What a match run has to do and what it did: `pending_work(db)`, `check_thresholds` and `MatchReport`.

Kept apart from the matcher (no numpy, no rapidfuzz), so that a command finds out that there is nothing to match
without loading it: `factcheck match` with nothing new, `ingest --no-match`."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    speaker_seconds: float = 0.0     # of which merging speakers

    def summary(self) -> str:
        return (
            f"{self.new_quotes} new quotes matched against {self.compared_with} "
            f"({self.candidate_pairs} candidate pairs scored) in {self.seconds:.1f}s: "
            f"{self.clustered} clustered, {self.clusters_formed} clusters formed, {self.clusters_grown} grown, "
            f"{self.suggestions} suggestions, {len(self.speaker_merges)} speaker merges"
        )


def pending_work(db) -> int:
    """The last pending-work row a run would consume now (0: nothing to do). Stale clusters count as work."""
    seen = db.execute("SELECT COALESCE(max(id), 0) FROM match_pending").fetchone()[0]
    if not seen and db.execute("SELECT 1 FROM match_stale_clusters LIMIT 1").fetchone():
        return -1
    return seen


def check_thresholds(threshold: float, suggest: float) -> None:
    if not 0 <= suggest <= threshold <= 100:
        raise ValueError(f"need 0 <= suggest ({suggest}) <= threshold ({threshold}) <= 100")
