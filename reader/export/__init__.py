"""Export: cards and articles out of the reader, to a terminal or (later) other formats."""
