# Copyright (c) 2024 The Ledger Authors.
# SPDX-License-Identifier: MIT
"""The ledger's god module: money, accounts, journal entries, reports and serialization.

godsplit's lint-clean sample: ruff-, format- and mypy --strict-clean before a split.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_EVEN, InvalidOperation
from decimal import Decimal as Decimal  # re-exported: callers build amounts with it
from enum import Enum
from typing import TYPE_CHECKING, Any

from ledger.constants import *  # noqa: F403
from ledger.rates import fetch_rate

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from ledger.rates import RateTable

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------


class Money:
    """An amount in one currency, rounded to the currency's quantum."""

    __slots__ = ("amount", "currency")

    def __init__(self, amount: Decimal | int | str, currency: str = "") -> None:
        value = Decimal(amount)
        if abs(value) > MAX_AMOUNT:  # noqa: F405
            raise ValueError(f"amount out of range: {value}")
        self.amount = _round_amount(value)
        self.currency = currency or DEFAULT_CURRENCY  # noqa: F405

    @classmethod
    def zero(cls, currency: str = "") -> Money:
        return cls(0, currency)

    def __add__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return (self.amount, self.currency) == (other.amount, other.currency)

    def __hash__(self) -> int:
        return hash((self.amount, self.currency))

    def __repr__(self) -> str:
        return f"Money({str(self.amount)!r}, {self.currency!r})"

    def _check(self, other: Money) -> None:
        if other.currency != self.currency:
            raise ValueError(f"currency mismatch: {self.currency} != {other.currency}")

    def is_zero(self) -> bool:
        return self.amount == 0


def _round_amount(value: Decimal) -> Decimal:
    return value.quantize(QUANTUM, rounding=ROUND_HALF_EVEN)  # noqa: F405


def parse_amount(text: str, currency: str = "") -> Money:
    """`"12.50"` or `"12.50 EUR"` -> Money."""
    number, _, unit = text.strip().partition(" ")
    try:
        return Money(Decimal(number.replace(",", "")), unit or currency)
    except InvalidOperation:
        raise ValueError(f"not an amount: {text!r}") from None


def format_amount(money: Money, *, symbol: bool = False) -> str:
    symbols = {"EUR": "€", "USD": "$", "GBP": "£"}
    if symbol and money.currency in symbols:
        return f"{symbols[money.currency]}{money.amount:,.2f}"
    return f"{money.amount:,.2f} {money.currency}"


def convert(money: Money, currency: str, rates: RateTable | None = None) -> Money:
    """Convert with the given rates, or the current rate (`fetch_rate`)."""
    if money.currency == currency:
        return money
    if rates is not None and (money.currency, currency) in rates:
        rate = rates[(money.currency, currency)]
    else:
        rate = fetch_rate(money.currency, currency)
    logger.debug("converting %s to %s at %s", money, currency, rate)
    return Money(money.amount * rate, currency)


def exchange_postings(
    money: Money, currency: str, source: str, target: str
) -> list[Posting]:
    """The two postings that move `money` from `source` to `target` in `currency`."""
    converted, zero = convert(money, currency), Money.zero(currency)
    return [
        Posting(target, debit=converted, credit=zero),
        Posting(source, debit=zero, credit=converted),
    ]


# ---------------------------------------------------------------------------
# Accounts
# ---------------------------------------------------------------------------


class AccountType(Enum):
    ASSET = "asset"
    LIABILITY = "liability"
    EQUITY = "equity"
    INCOME = "income"
    EXPENSE = "expense"

    @property
    def debit_normal(self) -> bool:
        return self in (AccountType.ASSET, AccountType.EXPENSE)


@dataclass(frozen=True)
class Account:
    code: str
    name: str
    kind: AccountType
    currency: str = field(default_factory=lambda: DEFAULT_CURRENCY)  # noqa: F405

    def balance(self, journal: Journal) -> Money:
        """The account's balance in `journal`, positive on its normal side."""
        total = Money.zero(self.currency)
        for posting in journal.postings_for(self.code):
            total = total + posting.signed()
        return total if self.kind.debit_normal else -total


class ChartOfAccounts:
    """The accounts a journal may post to, by code."""

    def __init__(self, accounts: Iterable[Account] = ()) -> None:
        self._accounts: dict[str, Account] = {}
        for account in accounts:
            self.add(account)

    def add(self, account: Account) -> None:
        if account.code in self._accounts:
            raise KeyError(f"duplicate account {account.code}")
        self._accounts[account.code] = account

    def __getitem__(self, code: str) -> Account:
        return self._accounts[code]

    def __contains__(self, code: object) -> bool:
        return code in self._accounts

    def __iter__(self) -> Iterator[Account]:
        return iter(sorted(self._accounts.values(), key=lambda a: a.code))

    def of_kind(self, kind: AccountType) -> list[Account]:
        return [account for account in self if account.kind is kind]

    def summary(self, journal: Journal) -> str:
        """The trial balance of `journal`, rendered."""
        return render_report("trial", trial_balance(journal))


# ---------------------------------------------------------------------------
# Journal
# ---------------------------------------------------------------------------


class UnbalancedEntryError(ValueError):
    """An entry whose debits and credits differ."""


@dataclass(frozen=True)
class Posting:
    account: str
    debit: Money = field(default_factory=Money.zero)
    credit: Money = field(default_factory=Money.zero)

    def signed(self) -> Money:
        return self.debit - self.credit


@dataclass
class Entry:
    day: date
    memo: str
    postings: list[Posting] = field(default_factory=list)

    def total(self) -> tuple[Money, Money]:
        debit = sum((p.debit for p in self.postings), Money.zero())
        credit = sum((p.credit for p in self.postings), Money.zero())
        return debit, credit

    def is_balanced(self) -> bool:
        debit, credit = self.total()
        return debit == credit


class Journal:
    """Entries posted against a chart of accounts."""

    def __init__(self, chart: ChartOfAccounts) -> None:
        self.chart = chart
        self.entries: list[Entry] = []

    def post(self, entry: Entry) -> None:
        if not entry.is_balanced():
            debit, credit = entry.total()
            raise UnbalancedEntryError(
                f"{entry.memo}: debits {format_amount(debit)} != "
                f"credits {format_amount(credit)}"
            )
        for posting in entry.postings:
            if posting.account not in self.chart:
                raise KeyError(f"unknown account {posting.account}")
        self.entries.append(entry)
        notify("posted", entry)

    def postings_for(self, code: str) -> Iterator[Posting]:
        for entry in self.entries:
            for posting in entry.postings:
                if posting.account == code:
                    yield posting

    def between(self, start: date, end: date) -> list[Entry]:
        return [entry for entry in self.entries if start <= entry.day <= end]


def notify(event: str, entry: Entry) -> None:
    """A hook for integrations; tests patch it (`ledger.core.notify`)."""
    logger.info("%s: %s", event, entry.memo)


# ---------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------

# fmt: off
REPORT_COLUMNS = {
    "trial":   ("Code", "Account",   "Debit",  "Credit"),
    "balance": ("Code", "Account",   "Amount", ""),
    "income":  ("Code", "Account",   "Amount", ""),
}
# fmt: on


def trial_balance(journal: Journal) -> list[tuple[str, str, Money, Money]]:
    rows = []
    for account in journal.chart:
        totals: dict[str, Money] = defaultdict(Money.zero)
        for posting in journal.postings_for(account.code):
            totals["debit"] += posting.debit
            totals["credit"] += posting.credit
        rows.append((account.code, account.name, totals["debit"], totals["credit"]))
    return rows


def balance_sheet(journal: Journal) -> dict[str, list[tuple[Account, Money]]]:
    sheet: dict[str, list[tuple[Account, Money]]] = {}
    for kind in (AccountType.ASSET, AccountType.LIABILITY, AccountType.EQUITY):
        sheet[kind.value] = [
            (a, a.balance(journal)) for a in journal.chart.of_kind(kind)
        ]
    return sheet


def income_statement(journal: Journal) -> tuple[Money, Money, Money]:
    income = sum(
        (a.balance(journal) for a in journal.chart.of_kind(AccountType.INCOME)),
        Money.zero(),
    )
    expenses = sum(
        (a.balance(journal) for a in journal.chart.of_kind(AccountType.EXPENSE)),
        Money.zero(),
    )
    return income, expenses, income - expenses


def render_report(kind: str, rows: Iterable[tuple[Any, ...]]) -> str:
    header = REPORT_COLUMNS[kind]
    lines = [" | ".join(f"{h:<10}" for h in header)]
    for row in rows:
        cells = [format_amount(c) if isinstance(c, Money) else str(c) for c in row]
        lines.append(" | ".join(f"{c:<10}" for c in cells))
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Serialization
# ---------------------------------------------------------------------------


def _money_dict(money: Money) -> dict[str, str]:
    return {"amount": str(money.amount), "currency": money.currency}


def to_json(journal: Journal) -> str:
    data = [
        {
            "day": entry.day.isoformat(),
            "memo": entry.memo,
            "postings": [
                {
                    "account": p.account,
                    "debit": _money_dict(p.debit),
                    "credit": _money_dict(p.credit),
                }
                for p in entry.postings
            ],
        }
        for entry in journal.entries
    ]
    return json.dumps(data, indent=2, sort_keys=True)


def from_json(text: str, chart: ChartOfAccounts) -> Journal:
    journal = Journal(chart)
    for item in json.loads(text):
        postings = [
            Posting(
                p["account"],
                Money(p["debit"]["amount"], p["debit"]["currency"]),
                Money(p["credit"]["amount"], p["credit"]["currency"]),
            )
            for p in item["postings"]
        ]
        journal.post(Entry(date.fromisoformat(item["day"]), item["memo"], postings))
    return journal


def export_csv(journal: Journal) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["day", "memo", "account", "debit", "credit"])
    for entry in journal.entries:
        for p in entry.postings:
            writer.writerow(
                [entry.day, entry.memo, p.account, p.debit.amount, p.credit.amount]
            )
    return out.getvalue()
