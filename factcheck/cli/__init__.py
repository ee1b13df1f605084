"""The `factcheck` command line: one click group (base.py); each command only wires the stage packages
together. The commands live in modules by what they are about; importing them registers them on `cli`."""

from .base import cli
from . import check, clusters, demo, detector, export, ingest, match, quotes, review, serve  # noqa: F401  (register the commands)

__all__ = ["cli"]
