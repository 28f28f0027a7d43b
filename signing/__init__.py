"""Minutes writers, PAdES signing and validation, key stores, the audit chain (later issues)."""
