"""Core services: each function takes a SQLAlchemy Session and does one user-level thing.
They never commit; the caller (a server route, the CLI, the seed) owns the transaction."""
