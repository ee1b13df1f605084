"""The review UI: a Textual app for going through the extracted claims, deciding and correcting.

`ReviewApp(db_path, reviewer=..., config=...)` is the app (app.py, with its actions in decide.py, edit.py and
navigate.py). The database work behind it is usable without the UI: pages.py reads the queue by key,
data.py the detail, changes.py writes and reverts.
"""

from .app import ReviewApp

__all__ = ["ReviewApp"]
