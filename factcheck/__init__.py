"""factcheck: find, attribute, match, review and export quotations in German news."""

__version__ = "0.1.0"
