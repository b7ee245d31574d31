"""Formats: files and streams in, each read into one plain text the rest of the reader trusts."""
