"""Bugs found in round 16 splitting real god files not tried before (pycodestyle's
`pycodestyle.py`, docutils' `nodes.py`, fsspec's `spec.py`) and running each library's
own suite before and after, and its own linters on the generated code: each a minimal
`pkg/big.py`, planned and applied."""

from __future__ import annotations

from pathlib import Path

import pytest

from splitkit import make_project, plan_texts

KEPT_NAMES = """
    class Handler:
        def handle(self, some_argument_with_a_long_name, another_argument=None):
            return some_argument_with_a_long_name


    def handler_for_the_given_name_with_a_long_name(name):
        return Handler()


    def other():
        return 1
"""


@pytest.mark.parametrize("section", ["pycodestyle", "pep8"])
def test_pycodestyle_own_section_sets_the_line_limit(tmp_path: Path, section: str) -> None:
    """pycodestyle lints itself with its `[pycodestyle] max_line_length = 79` of setup.cfg
    (its `test_own_dog_food` runs it on `pycodestyle.__file__`). godsplit read flake8's,
    ruff's and pylint's limits, not pycodestyle's own section, so it wrote for 88: the
    facade's 80-column `def _godsplit_keep_module_name(...)` line failed that test after
    `suggest --write` set keep-module-name."""
    modules = {"handlers": ["Handler", "handler_for_the_given_name_with_a_long_name"],
               "rest": ["other"]}

    def long_lines(setup_cfg: str, name: str) -> list[str]:
        config = make_project(tmp_path / name, KEPT_NAMES, modules, **{"keep-module-name": True},
                              files={"setup.cfg": setup_cfg})
        plan, texts = plan_texts(config)
        assert not plan.errors, [f.render() for f in plan.errors]
        return [line for path, text in texts.items() if path.endswith(".py")
                for line in text.splitlines() if len(line) > 79 and "# noqa" not in line]

    assert long_lines("[metadata]\nname = pkg\n", "without")  # the control: lines over 79
    assert long_lines(f"[{section}]\nmax_line_length = 79\n", "with") == []
    assert long_lines(f"[{section}]\nmax-line-length = 79\nignore = E501\n", "ignored")
