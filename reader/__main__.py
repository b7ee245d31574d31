"""`python -m reader` behaves exactly like the `reader` console script."""

from reader.cli import main

main()
