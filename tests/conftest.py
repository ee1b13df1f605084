"""Shared fixtures. Stage-specific fixtures live in their own test files."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck import match
from factcheck.nlp import Quotation
from factcheck.store import Article, index_pending, open_db, save_article, update_review

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


CLAIM = "Die Regierung wird die Renten im kommenden Jahr um fünf Prozent erhöhen"
ARTICLES = [
    # (outlet, title, text, quotations as (text, kind, speaker[, index of the claim it is a fragment of]))
    ("Die Zeit", "Scholz verspricht Rentenplus", f"Olaf Scholz sagte: „{CLAIM}.“ Die Opposition sprach von „Wahlkampfgetöse“.",
     [(CLAIM, "direct", "Olaf Scholz"), ("Wahlkampfgetöse", "scare", None)]),
    ("taz", "Fünf Prozent mehr Rente?", f"„{CLAIM}“, sagte Scholz in Berlin.", [(CLAIM, "direct", "Olaf Scholz")]),
    ("Der Spiegel", "Rentenstreit in Hamburg",
     f"Scholz sagte in Hamburg: „{CLAIM}.“ Friedrich Merz sagte, die Schuldenbremse bleibe „unangetastet“.",
     [(CLAIM, "direct", "Olaf Scholz"), ("die Schuldenbremse bleibe „unangetastet“", "indirect", "Friedrich Merz"),
      ("unangetastet", "partial", "Friedrich Merz", 1)]),
]


def quotations(text, found):
    """Quotation objects for (wording, kind, speaker[, part_of]) found in `text`."""
    for wording, kind, speaker, *part_of in found:
        start = text.index(wording)
        yield Quotation(start, start + len(wording), wording, kind, speaker, "person" if speaker else "unknown",
                        part_of=part_of[0] if part_of else None)


@pytest.fixture
def desk_db(tmp_path):
    """Three articles from three outlets with one claim repeated in all, a scare quote and a claim by Merz with
    a verbatim fragment in it; anna disputed the claim in the taz and the scare quote, ben verified the claim in Die Zeit."""
    path = tmp_path / "desk.db"
    db = open_db(path)
    for n, (outlet, title, text, found) in enumerate(ARTICLES):
        article = Article(text, url=f"https://example.org/{n}", title=title, outlet=outlet,
                          published=f"2026-11-0{n + 1}")
        save_article(db, article, quotations(text, found), extractor_version="test")
    index_pending(db)
    match.run(db)
    ids = {(outlet, text): qid for qid, outlet, text in db.execute("SELECT quote_id, outlet, text FROM quotes_view")}
    update_review(db, ids["taz", CLAIM], reviewer="anna", expected_version=0, status="disputed", verdict="falsch",
                  evidence=["https://destatis.example/renten"])
    update_review(db, ids["Die Zeit", "Wahlkampfgetöse"], reviewer="anna", expected_version=0, status="disputed")
    update_review(db, ids["Die Zeit", CLAIM], reviewer="ben", expected_version=0, status="verified")
    db.close()
    return path


@pytest.fixture
def review_db(tmp_path):
    """The review UI tests' small fixed database (review_helpers.build_review_db), as a path."""
    from review_helpers import build_review_db

    path = tmp_path / "review.db"
    build_review_db(path)
    return path


@pytest.fixture
def review_database(review_db):
    """The same database, opened."""
    db = open_db(review_db)
    yield db
    db.close()


@pytest.fixture(autouse=True)
def berlin_time(monkeypatch):
    """Times shown to people are local: the tests read them in one fixed time zone."""
    import time

    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
