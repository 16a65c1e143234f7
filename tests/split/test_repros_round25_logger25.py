"""Round 25 (logger25): README item 21(a), a module logger imported by the new modules.

MIT Learn's `learning_resources_search/tasks.py` binds `log = logging.getLogger(__name__)`
and logs in `except Exception:` handlers (`log.exception(...)`). After the split the new
modules imported `log` from a sibling, and ruff takes an imported name for a logger only
when it is `logging` itself or listed in `logger-objects`: three handlers that passed
BLE001 in the source failed it. Now each new module that reads such a logger binds its
own copy with the old module's name: the same object (`getLogger` keeps one logger per
name), so names, levels, handlers and `assertLogs("pkg.big")` are unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from splitkit import dedent, make_project, plan_texts, ruff_check, same_behaviour

TASKS = '''\
    """Tasks."""

    import logging

    log = logging.getLogger(__name__)


    def first():
        try:
            return 1 / 0
        except Exception:
            log.exception("first failed")
            return None


    def second():
        try:
            return 2 / 0
        except Exception:
            log.exception("second failed")
            return None


    def third():
        log.info("third")
        return [first(), second()]
    '''

MODULES = {"one": ["first"], "two": ["second"], "three": ["third", "log"]}


def _imports_log(text: str) -> bool:
    return re.search(r"^from [.\w]+ import .*\blog\b", text, re.MULTILINE) is not None


RUFF = """\
[tool.ruff.lint]
select = ["BLE", "TRY400", "G", "LOG", "F", "I", "E"]
"""


def test_handlers_that_log_through_the_module_logger_stay_lint_clean(tmp_path: Path) -> None:
    config = make_project(tmp_path, TASKS, MODULES, files={"pyproject.toml": RUFF})
    assert ruff_check(tmp_path, "pkg/big.py").returncode == 0  # the source passes
    plan, texts = plan_texts(config)
    assert not plan.errors
    for module in ("one", "two"):
        text = texts[f"pkg/big/{module}.py"]
        assert 'log = logging.getLogger("pkg.big")\n' in text, text
        assert not _imports_log(text), text
    assert [f.code for f in plan.findings if f.code == "GS138"] == ["GS138"]
    for path, text in texts.items():
        if text != "<delete>":
            (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / path).write_text(text)
    (tmp_path / "pkg/big.py").unlink()
    result = ruff_check(tmp_path, "pkg")
    assert result.returncode == 0, result.stdout


def test_the_copies_are_the_same_logger(tmp_path: Path) -> None:
    """The same object in every module and the facade, its name the old module's, a
    handler set on it (as `assertLogs("pkg.big")` and caplog do) sees every record, and a
    patch of the old module's `log` reaches every module's code."""
    out = same_behaviour(tmp_path, TASKS, MODULES, """\
        import logging
        import sys
        import unittest

        import pkg.big
        log = logging.getLogger("pkg.big")
        assert pkg.big.log is log
        for name in ("one", "two", "three"):
            module = sys.modules.get(f"pkg.big.{name}")
            if module is not None:
                assert module.log is log, name
        case = unittest.TestCase()
        with case.assertLogs("pkg.big", level="INFO") as logs:
            pkg.big.third()
        print(log.name, [(r.name, r.getMessage()) for r in logs.records])
        from unittest import mock
        with mock.patch("pkg.big.log") as fake:  # the live facade patches every copy
            pkg.big.third()
        print("patched", fake.exception.call_count, fake.info.call_count)
        """)
    assert "('pkg.big', 'first failed')" in out and "('pkg.big', 'third')" in out
    assert "patched 2 1" in out


def test_a_logger_kept_in_the_old_module_is_copied_too(tmp_path: Path) -> None:
    config = make_project(tmp_path, TASKS, {"one": ["first"], "two": ["second", "third"]},
                          keep=["log"])
    plan, texts = plan_texts(config)
    assert not plan.errors
    assert 'log = logging.getLogger("pkg.big")\n' in texts["pkg/big/one.py"]
    assert not _imports_log(texts["pkg/big/one.py"] + texts["pkg/big/two.py"])


@pytest.mark.parametrize(("head", "line"), [
    ("from logging import getLogger\n\nlog = getLogger(__name__)\n",
     'log = getLogger("pkg.big")\n'),
    ("import logging as lg\n\nlog = lg.getLogger('app.audit')\n",
     'log = lg.getLogger("app.audit")\n'),
    ("import logging\n\nlog: logging.Logger = logging.getLogger()\n",
     "log: logging.Logger = logging.getLogger()\n"),
    ("from celery.utils.log import get_task_logger\n\nlog = get_task_logger(__name__)\n",
     'log = get_task_logger("pkg.big")\n'),
], ids=["from-logging", "alias-literal", "annotated-root", "celery"])
def test_each_form_of_a_same_name_logger_is_copied(tmp_path: Path, head: str, line: str) -> None:
    source = head + "\n\n" + dedent(TASKS).split("\n\n\n", 1)[1]
    plan, texts = plan_texts(make_project(tmp_path, source, MODULES))
    assert not plan.errors
    assert line in texts["pkg/big/one.py"].replace("'", '"'), texts["pkg/big/one.py"]


@pytest.mark.parametrize("extra", [
    "\n\ndef reset():\n    global log\n    log = logging.getLogger('other')\n",  # rebound
    "\n\nlog = log.getChild('x')\n",  # bound twice
    "\n\ndel log\nlog = logging.getLogger('other')\n",  # deleted
], ids=["global", "rebound", "deleted"])
def test_a_logger_the_module_rebinds_is_imported(tmp_path: Path, extra: str) -> None:
    modules = {**MODULES, "three": ["third", "log", "reset"] if "reset" in extra else [
        "third", "log"]}
    plan, texts = plan_texts(make_project(tmp_path, dedent(TASKS) + extra, modules))
    assert "getLogger" not in texts["pkg/big/one.py"], texts["pkg/big/one.py"]
    assert not [f for f in plan.findings if f.code == "GS138"]


@pytest.mark.parametrize("head", [
    "import logging\n\nNAME = 'app'\nlog = logging.getLogger(NAME)\n",  # not a literal
    "import logging\n\nlog = logging.getLogger(__name__).getChild('x')\n",
    "import logging\n\n__name__ = 'other'\nlog = logging.getLogger(__name__)\n",
    "import logging\n\nlog = logging.LoggerAdapter(logging.getLogger(__name__), {})\n",
], ids=["variable", "child", "name-rebound", "adapter"])
def test_a_logger_a_copy_might_not_repeat_is_imported(tmp_path: Path, head: str) -> None:
    source = head + "\n\n" + dedent(TASKS).split("\n\n\n", 1)[1]
    modules = {**MODULES, "three": ["third", "log", "NAME"] if "NAME" in head else
               MODULES["three"]}
    plan, texts = plan_texts(make_project(tmp_path, source, modules))
    assert not [f for f in plan.findings if f.code == "GS138"]
    assert _imports_log(texts["pkg/big/one.py"]), texts["pkg/big/one.py"]
