"""Constants shared by the ledger (star-imported by `ledger.core`)."""

from decimal import Decimal

__all__ = ["DEFAULT_CURRENCY", "MAX_AMOUNT", "QUANTUM"]

DEFAULT_CURRENCY = "EUR"
MAX_AMOUNT = Decimal("1000000000")
QUANTUM = Decimal("0.01")
