"""Bugs found in round 16 splitting real god files not tried before (pycodestyle's
`pycodestyle.py`, docutils' `nodes.py`, fsspec's `spec.py`) and running each library's
own suite before and after, and its own linters on the generated code: each a minimal
`pkg/big.py`, planned and applied."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from splitkit import make_project, plan_texts, run_python

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


PRIVATE_USED = """
    import os

    try:
        if os.name == "nt":
            CONFIG_HOME = os.path.expanduser("~")
        else:
            CONFIG_HOME = os.path.join(os.getenv("XDG_CONFIG_HOME") or "~", "pkg")
    except ImportError:
        CONFIG_HOME = None
    _REGISTRY = {}


    def _get_parameters(function):
        return list(function.__code__.co_varnames)


    def register_check(check):
        _REGISTRY[check] = _get_parameters(check)
        return check


    def other():
        return 1
"""

PRE_COMMIT = """
    repos:
    -   repo: https://github.com/pycqa/flake8
        rev: 7.2.0
        hooks:
        -   id: flake8
    -   repo: https://github.com/asottile/pyupgrade
        rev: v3.20.0
        hooks:
        -   id: pyupgrade
            args: [--py39-plus]
"""


def _flake8(root: Path, *paths: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-m", "flake8", *paths], cwd=root,
                          capture_output=True, text=True, check=False)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout.splitlines()


def test_pre_commit_flake8_hook_without_config_is_the_projects_flake8(tmp_path: Path) -> None:
    """pycodestyle lints with a pre-commit `- id: flake8` hook and no `[flake8]` anywhere
    (flake8's defaults). godsplit saw no flake8 and wrote for ruff's defaults, where `_x as
    _x` is a re-export: flake8 reported F401 on each private re-export of the facade (10
    with the hand mapping). The hook is now the project's flake8: `# noqa: F401` there,
    also on the import of a name bound under `try:` (`USER_CONFIG`), which the facade
    imports in a `try:` of its own and lists in `__all__` only if bound."""
    modules = {"registry": ["_REGISTRY", "_get_parameters", "register_check"],
               "rest": ["other", "CONFIG_HOME"]}

    def found(name: str, files: dict[str, str]) -> list[str]:
        config = make_project(tmp_path / name, PRIVATE_USED, modules, files=files)
        plan, texts = plan_texts(config)
        assert not plan.errors, [f.render() for f in plan.errors]
        for path, text in texts.items():
            (tmp_path / name / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name / path).write_text(text)
        return _flake8(tmp_path / name, "pkg/big")

    assert any("F401" in f for f in found("without", {}))  # the control
    assert found("with", {".pre-commit-config.yaml": PRE_COMMIT}) == []


TYPE_CHECKING_KEPT = """
    from __future__ import annotations

    TYPE_CHECKING = False
    if TYPE_CHECKING:
        from collections.abc import Iterable, Sequence
        from typing import Any

        Names = Sequence[str]


    def names(values: Iterable[Any]) -> Names:
        return [str(v) for v in values]


    def other() -> int:
        return 1
"""


def test_type_checking_block_kept_whole_gets_the_f401_noqa(tmp_path: Path) -> None:
    """docutils' `nodes.py` has an `if TYPE_CHECKING:` block of imports and type aliases,
    which the facade keeps whole; its imports that only moved code reads become `X as X`
    re-exports there, which pyflakes takes for unused: 14 F401 under docutils' flake8
    (the `try:` and top-level re-exports had the noqa, this block's did not)."""
    modules = {"naming": ["names"], "rest": ["other", "TYPE_CHECKING"]}
    config = make_project(tmp_path, TYPE_CHECKING_KEPT, modules,
                          files={".flake8": "[flake8]\nmax-line-length = 79\n"})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    for path, text in texts.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    assert "Iterable as Iterable" in texts["pkg/big/__init__.py"]
    assert _flake8(tmp_path, "pkg/big") == []


PROPERTY_NAMED_AS_CLASS = """
    from __future__ import annotations


    class Node:
        _document: document | None = None

        @property
        def document(self) -> document | None:
            return self._document

        @document.setter
        def document(self, value: document) -> None:
            self._document = value


    class document(Node):
        pass
"""


def test_import_pyflakes_resolves_to_a_class_attribute_gets_the_f401_noqa(
        tmp_path: Path) -> None:
    """docutils' `Node.document` is a property whose annotations name the class
    `document`. Moved apart, `base.py` imports `document` (late: a cycle) for
    `typing.get_type_hints`; pyflakes resolves the annotations to the property in the
    class body and reported the import unused (F401), where the god file, which defined
    the class, had nothing to report."""
    modules = {"base": ["Node"], "documents": ["document"]}
    config = make_project(tmp_path, PROPERTY_NAMED_AS_CLASS, modules,
                          files={".flake8": "[flake8]\nmax-line-length = 79\n"})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    for path, text in texts.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    assert "import document" in texts["pkg/big/base.py"]
    assert _flake8(tmp_path, "pkg/big") == []
    hints = run_python(tmp_path, """
        import typing
        import pkg.big as m
        print(typing.get_type_hints(m.Node.document.fget)["return"])
    """)
    assert "document" in hints


CONDITIONAL_LONG = """
    import os
    import weakref

    FORK_AVAILABLE = hasattr(os, "register_at_fork")

    if FORK_AVAILABLE:
        _registered_classes = weakref.WeakSet()


    def register(cls):
        if FORK_AVAILABLE:
            _registered_classes.add(cls)
        return cls


    def other():
        return 1
"""


def test_conditional_reexport_noqa_too_long_is_written_in_parentheses(tmp_path: Path) -> None:
    """fsspec (ruff for isort, a legacy `[flake8]` in setup.cfg) binds
    `_registered_classes` only `if FORK_AVAILABLE:`; the facade imports it in a `try:`.
    With its F401 noqa the line was 100 columns, ended `# noqa: F401, E501`, and fsspec's
    ruff 0.14.3 re-wrapped it (I001, twice). Written `from m import (  # noqa: F401`, one
    name a line, as the top-level re-exports are."""
    modules = {"abstract_file_system": ["FORK_AVAILABLE", "_registered_classes",
                                        "register"], "rest": ["other"]}
    files = {"pyproject.toml": '[tool.ruff]\nline-length = 88\n[tool.ruff.lint]\nselect = ["F", "I"]\n',
             "setup.cfg": "[flake8]\nmax-line-length = 88\n[isort]\nmulti_line_output=3\n"
                          "include_trailing_comma=True\ncombine_as_imports=True\nline_length=88\n"}
    config = make_project(tmp_path, CONDITIONAL_LONG, modules, files=files)
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    facade = texts["pkg/big/__init__.py"]
    assert "import (  # noqa: F401\n        _registered_classes as" in facade
    assert max(len(line) for line in facade.splitlines()) <= 88
    for path, text in texts.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    assert _flake8(tmp_path, "pkg/big") == []
