"""Round 29 (celery30): openedx/license-manager's `apps/api/tasks.py` split with
`apply --rewrite-references`. The rewritten patch targets are longer
(`'...tasks.BulkEnrollmentJob.upload_results'` -> `'...tasks.bulk_enrollment.
BulkEnrollmentJob.upload_results'`), and five lines of its tests went over the 120
columns its `pylintrc` allows: 5 new pylint C0301 where the project runs no formatter.
`migrate` wrapped such calls (round 25) but `apply --rewrite-references` wrote its edits
as they came, and neither wrapped a call already written over several lines whose long
line holds two of its arguments (`@mock.patch(` / `'target', return_value=...` / `)`)."""

from __future__ import annotations

from pathlib import Path

from godsplit.config import load_config
from godsplit.migration.long_lines import wrap_long_calls
from godsplit.split.apply import apply_splits

from splitkit import make_project

SOURCE = """
    def _send_the_message(x):
        return f"sent {x}"


    def deliver(x):
        return _send_the_message(x)


    def report():
        return 1
"""
TESTS = '''
    from unittest import mock

    from pkg.big import deliver


    class TestDelivery:
        @mock.patch(
            "pkg.big._send_the_message", return_value="x", autospec=False
        )
        def test_broken_call(self, send):
            assert deliver(1) == "x"

        @mock.patch("pkg.big._send_the_message", return_value="yy")
        def test_one_line(self, send):
            assert deliver(1) == "yy"

        @mock.patch(
            "pkg.big._send_the_message", return_value="z"  # a comment stays put
        )
        def test_commented(self, send):
            assert deliver(1) == "z"
'''


def test_apply_rewrite_references_keeps_rewritten_calls_within_the_linters_limit(
        tmp_path: Path) -> None:
    make_project(tmp_path, SOURCE, {"delivery": ["deliver", "_send_the_message"],
                                    "reporting": ["report"]},
                 files={"tests/test_pkg.py": TESTS, "pylintrc": "[FORMAT]\nmax-line-length = 60\n"})
    (tmp_path / "godsplit.toml").write_text(
        'verify-import = false\n[[split]]\nsource = "pkg/big.py"\nfacade = "static"\n'
        '[split.modules]\ndelivery = ["deliver", "_send_the_message"]\nreporting = ["report"]\n')
    result = apply_splits(load_config(tmp_path / "godsplit.toml"), rewrite_references=True)
    assert result.written, result.splits[0].findings
    text = (tmp_path / "tests/test_pkg.py").read_text()
    assert ('    @mock.patch(\n        "pkg.big.delivery._send_the_message",\n'
            '        return_value="x",\n        autospec=False,\n    )\n') in text
    assert ('    @mock.patch(\n        "pkg.big.delivery._send_the_message",\n'
            '        return_value="yy",\n    )\n') in text
    assert ('    @mock.patch(\n        "pkg.big.delivery._send_the_message", return_value="z"'
            '  # a comment stays put\n    )\n') in text  # a comment: left for a hand edit
    assert [line for line in text.splitlines() if len(line) > 60] == [
        '        "pkg.big.delivery._send_the_message", return_value="z"  # a comment stays put']


def test_without_a_linters_limit_the_rewrite_is_left_as_it_is(tmp_path: Path) -> None:
    make_project(tmp_path, SOURCE, {"delivery": ["deliver", "_send_the_message"],
                                    "reporting": ["report"]}, files={"tests/test_pkg.py": TESTS})
    (tmp_path / "godsplit.toml").write_text(
        'verify-import = false\n[[split]]\nsource = "pkg/big.py"\nfacade = "static"\n'
        '[split.modules]\ndelivery = ["deliver", "_send_the_message"]\nreporting = ["report"]\n')
    before = (tmp_path / "tests/test_pkg.py").read_text()
    assert apply_splits(load_config(tmp_path / "godsplit.toml"), rewrite_references=True).written
    assert (tmp_path / "tests/test_pkg.py").read_text() == before.replace(
        '"pkg.big._send', '"pkg.big.delivery._send')


def test_a_broken_call_with_one_argument_a_line_already_is_left_alone() -> None:
    before = 'f(\n    "a.b.c",\n    x=1,\n)\n'
    after = before.replace("a.b.c", "a.b.c.d.e.f.g.h.i")
    assert wrap_long_calls(before, after, 10) == after
