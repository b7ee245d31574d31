"""Benchmarks for the reader: `python -m bench` from the repository root."""
