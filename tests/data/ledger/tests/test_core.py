"""The sample project's own tests: they import through `ledger.core` and patch it."""

from __future__ import annotations

from datetime import date
from unittest import mock

import pytest

from ledger import core
from ledger.core import (
    Account,
    AccountType,
    ChartOfAccounts,
    Decimal,
    Entry,
    Journal,
    Money,
    Posting,
    UnbalancedEntryError,
)


def make_journal() -> Journal:
    chart = ChartOfAccounts(
        [
            Account("1000", "Cash", AccountType.ASSET),
            Account("3000", "Capital", AccountType.EQUITY),
            Account("4000", "Sales", AccountType.INCOME),
            Account("5000", "Rent", AccountType.EXPENSE),
        ]
    )
    journal = Journal(chart)
    journal.post(
        Entry(
            date(2024, 1, 1),
            "capital",
            [
                Posting("1000", debit=Money("1000")),
                Posting("3000", credit=Money("1000")),
            ],
        )
    )
    journal.post(
        Entry(
            date(2024, 1, 5),
            "sale",
            [Posting("1000", debit=Money("250")), Posting("4000", credit=Money("250"))],
        )
    )
    journal.post(
        Entry(
            date(2024, 1, 9),
            "rent",
            [Posting("5000", debit=Money("100")), Posting("1000", credit=Money("100"))],
        )
    )
    return journal


def test_money_rounds_and_adds() -> None:
    assert Money("1.005") + Money("2") == Money(Decimal("3.00"))
    assert core.format_amount(Money("1234.5"), symbol=True) == "€1,234.50"
    assert core.parse_amount("12.50 USD") == Money("12.5", "USD")
    with pytest.raises(ValueError):
        core.parse_amount("twelve")


def test_reports() -> None:
    journal = make_journal()
    assert core.income_statement(journal) == (Money("250"), Money("100"), Money("150"))
    sheet = core.balance_sheet(journal)
    assert [(a.code, m) for a, m in sheet["asset"]] == [("1000", Money("1150"))]
    assert "Cash" in core.render_report("trial", core.trial_balance(journal))


def test_unbalanced_entries_are_refused() -> None:
    journal = make_journal()
    with pytest.raises(UnbalancedEntryError):
        journal.post(Entry(date(2024, 2, 1), "bad", [Posting("1000", Money("1"))]))


def test_serialization_round_trip() -> None:
    journal = make_journal()
    again = core.from_json(core.to_json(journal), journal.chart)
    assert core.to_json(again) == core.to_json(journal)
    assert core.export_csv(journal).count("\n") == 7


def test_patched_rate_reaches_convert() -> None:
    with mock.patch("ledger.core.fetch_rate", return_value=Decimal("2")) as rate:
        assert core.convert(Money("10"), "USD") == Money("20", "USD")
    rate.assert_called_once_with("EUR", "USD")


def test_patched_notify_sees_every_posting() -> None:
    with mock.patch("ledger.core.notify") as notify:
        make_journal()
    assert [call.args[0] for call in notify.call_args_list] == ["posted"] * 3


def test_chart_summary_and_exchange() -> None:
    journal = make_journal()
    assert journal.chart.summary(journal).count("\n") == 4
    with mock.patch("ledger.core.fetch_rate", return_value=Decimal("1.5")):
        postings = core.exchange_postings(Money("10"), "USD", "1000", "1000")
    assert [p.signed() for p in postings] == [Money("15", "USD"), -Money("15", "USD")]
