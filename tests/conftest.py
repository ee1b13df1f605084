"""Shared fixtures. Stage-specific fixtures live in their own test files."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.store import open_db

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
WIKINEWS = SHARED / "data" / "wikinews-quotes"


@pytest.fixture
def fresh_db(tmp_path):
    """An empty, fully migrated database in a temporary file."""
    db = open_db(tmp_path / "test.db")
    yield db
    db.close()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.db"
