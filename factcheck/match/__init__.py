"""Near-duplicate claims across articles, and one speaker under many spellings.

    run(db, threshold=90, suggest=75) -> MatchReport   incremental: pending quotes against all
    pending_work(db)                                   is there matching to do?
    confirm_suggestion / reject_suggestion / split_quote / pending_suggestions / undo_speaker_merge
    cluster_speakers(db, cluster_id)                   everyone who made a clustered claim

The in-memory core (`core.match_quotes`) works on plain texts and is what benchmarks/bench_match.py
measures; `pipeline.run` adds the SQLite side.

The names below (and the submodules) are imported when first used: `pending_work` and `MatchReport` (work.py)
need neither numpy nor rapidfuzz, so that a command with nothing to match never loads the matcher.
"""

from __future__ import annotations

import importlib

_HOMES = {  # name -> the module that defines it
    "cluster_speakers": "clusters",
    "confirm_suggestion": "decisions", "pending_suggestions": "decisions", "reject_suggestion": "decisions",
    "split_quote": "decisions", "undo_speaker_merge": "decisions",
    "DEFAULT_SUGGEST": "pipeline", "DEFAULT_THRESHOLD": "pipeline", "run": "pipeline",
    "MatchReport": "work", "pending_work": "work",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name in _HOMES:
        value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    else:
        try:
            value = importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as err:
            if err.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value
    return value
