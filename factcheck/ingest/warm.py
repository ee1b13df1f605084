"""Imported once by the fork server that starts the detector's worker processes (see executors.LocalPool):
the default pipeline is loaded here, before any worker is forked, so that every worker (also one started
again after another died) begins with it loaded instead of loading it itself."""

from .. import nlp

nlp.load()
