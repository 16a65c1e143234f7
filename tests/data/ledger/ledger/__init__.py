"""Ledger: a small double-entry bookkeeping library (godsplit's lint-clean sample)."""
