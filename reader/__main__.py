"""`python -m reader` behaves exactly like the `reader` console script."""

from reader.cli import main

# Guarded: the process that annotates a book imports the main module again, and must not run the CLI.
if __name__ == "__main__":
    main()
