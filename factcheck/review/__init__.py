"""The review UI: a Textual app for going through the extracted claims, deciding and correcting.

`ReviewApp(db_path, reviewer=...)` is the app; `factcheck.review.data` is the database work behind it,
usable without the UI.
"""

from .app import ReviewApp

__all__ = ["ReviewApp"]
