"""Exchange rates (tests patch `ledger.core.fetch_rate`)."""

from __future__ import annotations

from decimal import Decimal

RateTable = dict[tuple[str, str], Decimal]

_RATES: RateTable = {("EUR", "USD"): Decimal("1.10"), ("USD", "EUR"): Decimal("0.91")}


def fetch_rate(source: str, target: str) -> Decimal:
    """The rate from `source` to `target` (a network call in a real library)."""
    if source == target:
        return Decimal(1)
    return _RATES[(source, target)]
