"""Linking: find mentions of context entries in text. Pure functions, no I/O, no UI."""
