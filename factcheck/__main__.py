"""`python -m factcheck`: the command line, as the `factcheck` script runs it."""

from factcheck.cli import cli

cli(prog_name="factcheck")
