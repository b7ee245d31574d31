"""Knowledge: the YAML schema, its build into SQLite, and the read-only store."""
