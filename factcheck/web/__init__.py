"""The review UI in a browser: `ReviewServer` serves `factcheck review` through textual-serve, one app
process and reviewer name per browser session, all on one database file (see server.py)."""

from .server import ReviewServer, is_loopback, reviewer_name

__all__ = ["ReviewServer", "is_loopback", "reviewer_name"]
