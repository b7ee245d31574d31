"""A terminal reader with inline historical context."""

__version__ = "0.1.0"
