"""Imported once by the fork server that starts the detector's worker processes (see pool.LocalPool):
the default pipeline and the word-class tagger it asks on its first speaker are loaded here, before any
worker is forked, so that every worker (also one started again after another died) begins with them loaded
instead of loading them itself."""

from .. import nlp
from ..nlp.wordclass import load_tagger

nlp.load()
load_tagger()
