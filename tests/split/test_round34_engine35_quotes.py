"""Round 34 (engine35, README item 31 (a), trial34): the strings godsplit writes into moved
code follow the project's quote style.

wger (`quote-style = "single"` under ruff format): a pinned Celery task's `name="..."`, a
module logger's copied `getLogger("...")`, a task class's `name = "..."`, `__name__` and
`__file__` replaced by the old module's name and path were written double-quoted, and
`ruff format --check` with the project's settings reformatted the new modules. Where the
formatter keeps the quotes it finds (black's `skip-string-normalization`, ruff's
`quote-style = "preserve"`), the written strings take the source module's quotes (or the
project's flake8-quotes `inline-quotes`, where ruff reports Q000)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from godsplit.split.quotes import prevailing_quote

from splitkit import apply, make_project, plan_texts, run_python

SOURCE = """
    import logging
    import os

    from celery import Celery, Task, shared_task

    app = Celery('shop', broker='memory://', set_as_current=False)
    logger = logging.getLogger(__name__)
    HERE = os.path.dirname(__file__)


    @shared_task
    def send(x):
        logger.info('send %s', x)
        return x


    @shared_task(queue='web')
    def ping():
        return 'pong'


    class Cleanup(Task):
        def run(self, x):
            logger.info('cleanup %s', x)
            return __name__, x


    cleanup = app.register_task(Cleanup())


    def where():
        return HERE, f'{__name__}'


    DATA = os.path.join(os.path.dirname(__file__), 'data')
"""
MAPPING = {"core": ["app", "HERE", "where"], "jobs": ["send", "ping", "Cleanup", "cleanup"]}
SINGLE = '[tool.ruff.format]\nquote-style = "single"\n'


def _ruff(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    ruff = Path(sys.executable).with_name("ruff")
    return subprocess.run([str(ruff), *args], cwd=root, capture_output=True, text=True,
                          timeout=120)


def _written(tmp_path: Path, pyproject: str, source: str = SOURCE) -> dict[str, str]:
    pytest.importorskip("celery")
    config = make_project(tmp_path, source, MAPPING, files={"pyproject.toml": pyproject},
                          keep=["DATA"])
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    for path, text in texts.items():
        if text == "<delete>":
            (tmp_path / path).unlink()
        else:
            (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / path).write_text(text)
    return texts


def test_strings_written_under_ruffs_single_quote_style_are_single_quoted(
        tmp_path: Path) -> None:
    texts = _written(tmp_path, SINGLE)
    jobs, core = texts["pkg/big/jobs.py"], texts["pkg/big/core.py"]
    assert "@shared_task(name='pkg.big.send')\n" in jobs
    assert "@shared_task(queue='web', name='pkg.big.ping')\n" in jobs
    assert "    name = 'pkg.big.Cleanup'\n" in jobs
    assert "logger = logging.getLogger('pkg.big')\n" in jobs
    assert "return 'pkg.big', x" in jobs
    assert "os.path.join(os.path.dirname(os.path.dirname(__file__)), 'big.py')" in core
    assert "return HERE, 'pkg.big'\n" in core  # the f-string's quote
    # the package facade keeps a read of `__file__`: the old path, one directory up
    assert "os.path.join(os.path.dirname((__path__[0] + '.py')), 'data')" in texts[
        "pkg/big/__init__.py"]
    checked = _ruff(tmp_path, "format", "--check", "--diff", "pkg")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_default_style_is_double_quotes(tmp_path: Path) -> None:
    texts = _written(tmp_path, '[tool.ruff]\nline-length = 88\n')
    jobs = texts["pkg/big/jobs.py"]
    assert '@shared_task(name="pkg.big.send")\n' in jobs
    assert '    name = "pkg.big.Cleanup"\n' in jobs
    assert 'logger = logging.getLogger("pkg.big")\n' in jobs


@pytest.mark.parametrize("pyproject", [
    "[tool.black]\nskip-string-normalization = true\n",
    '[tool.ruff.format]\nquote-style = "preserve"\n',
], ids=["black", "ruff"])
def test_a_formatter_that_keeps_quotes_gets_the_source_modules(
        tmp_path: Path, pyproject: str) -> None:
    jobs = _written(tmp_path, pyproject)["pkg/big/jobs.py"]
    assert "@shared_task(name='pkg.big.send')\n" in jobs
    assert "    name = 'pkg.big.Cleanup'\n" in jobs
    assert "logger = logging.getLogger('pkg.big')\n" in jobs
    # a source written with double quotes gets double quotes
    double = SOURCE.replace("'", '"')
    jobs = _written(tmp_path / "double", pyproject, double)["pkg/big/jobs.py"]
    assert '@shared_task(name="pkg.big.send")\n' in jobs


def test_flake8_quotes_inline_quotes_decide_where_the_formatter_keeps_quotes(
        tmp_path: Path) -> None:
    pyproject = ('[tool.ruff.format]\nquote-style = "preserve"\n\n[tool.ruff.lint]\n'
                 'select = ["Q000"]\n\n[tool.ruff.lint.flake8-quotes]\ninline-quotes = "single"\n')
    double = SOURCE.replace("'", '"')  # the source's own lines are Q000's to report, not ours
    texts = _written(tmp_path, pyproject, double)
    assert "@shared_task(name='pkg.big.send')\n" in texts["pkg/big/jobs.py"]
    checked = _ruff(tmp_path, "check", "--output-format", "concise", "pkg/big/jobs.py")
    reported = [line for line in checked.stdout.splitlines() if "Q000" in line]
    assert len(reported) == double.count('"pong"') + double.count('"web"') + double.count(
        '"send %s"') + double.count('"cleanup %s"'), checked.stdout  # the source's, not ours


def test_the_prevailing_quote() -> None:
    assert prevailing_quote("x = 'a'\ny = 'b'\nz = \"c\"\n") == "'"
    assert prevailing_quote('x = "a"\n"""doc"""\n') == '"'
    assert prevailing_quote("'''doc'''\nx = 1\n") == '"'  # docstrings do not count; none: "
    assert prevailing_quote("x = b'a' + rb'b'\n") == "'"
    assert prevailing_quote("x = (\n") == '"'  # text that does not tokenize


@pytest.mark.slow
def test_the_single_quoted_split_applies_and_keeps_the_task_names(tmp_path: Path) -> None:
    pytest.importorskip("celery")
    code = """
        import logging
        from pkg import big
        print(sorted(n for n in big.app.tasks if n.startswith('pkg')), big.logger.name)
        print(big.where()[1], big.DATA.endswith('pkg/data'))
    """
    before = run_python(make_project(tmp_path / "before", SOURCE, MAPPING).root, code)
    config = make_project(tmp_path / "after", SOURCE, MAPPING, files={"pyproject.toml": SINGLE},
                          keep=["DATA"])
    result = apply(config)
    assert result.written and not result.errors, result.errors
    assert all(s.imported for s in result.splits), result  # "verified"
    assert run_python(tmp_path / "after", code) == before
    assert "pkg.big.send" in before
    checked = _ruff(tmp_path / "after", "format", "--check", "pkg")
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.slow
def test_a_patch_target_rewritten_from_an_object_patch_keeps_the_attributes_quote(
        tmp_path: Path) -> None:
    """`--rewrite-references` turns `mock.patch.object(big, 'helper')` into a patch by
    path: it wrote `"pkg.big.b.helper"` in double quotes beside `'helper'`'s file."""
    from test_repros_round27_refs27 import CONFIG
    from test_repros_round27_refs27 import SOURCE as REFS

    from godsplit.config import load_config
    from godsplit.split.apply import apply_splits

    fakes = ("from unittest import mock\n\nfrom . import big\n\n\ndef faked():\n"
             "    with mock.patch.object(big, 'helper', return_value='fake'):\n"
             "        return big.user()\n")
    make_project(tmp_path, REFS, {"a": ["helper"], "b": ["user"]}, files={"pkg/fakes.py": fakes})
    (tmp_path / "godsplit.toml").write_text(
        CONFIG.replace("[split.modules]", 'facade = "static"\n[split.modules]'))
    result = apply_splits(load_config(tmp_path / "godsplit.toml"), rewrite_references=True)
    assert result.written, result.errors
    assert "mock.patch('pkg.big.b.helper', return_value='fake')" in (
        tmp_path / "pkg/fakes.py").read_text()
    assert run_python(tmp_path, "from pkg import fakes\nprint(fakes.faked())\n") == "fake\n"
