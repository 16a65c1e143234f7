"""Round 22 (trial22b): SEED Platform's `seed/data_importer/tasks.py` (2,149 lines, 24
Celery tasks), split by hand and applied: "verified", yet the project's own ruff (0.12.8,
pinned in `.pre-commit-config.yaml`, `fix = true` in `ruff.toml`) found RUF100 in the
facade: its `# ruff: noqa: PLC0414` exempted nothing.

godsplit asked the pinned ruff whether it reports `import os as os` in an `__init__.py`
(0.4.5 does, 0.14.4 does not) and wrote the noqa when it does. Ruff 0.12.8 reports that
plain import but exempts `from m import a as a` there, and the facade's `X as X` imports
are all from-imports. The probe now asks about the kinds of import the facade has.
"""

from __future__ import annotations

import os
from pathlib import Path
from textwrap import dedent

import pytest

from godsplit.split.apply import apply_splits
from godsplit.split.ruff_tool import ruff_binary

from splitkit import make_project

PRE_COMMIT = """\
repos:
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.12.8
    hooks:
      - id: ruff
"""

RUFF_TOML = 'line-length = 140\n[lint]\nextend-select = ["F", "I", "PLC", "RUF"]\n'

# `_log` is shared and private: the facade re-exports it as `_log as _log`
SOURCE = """
    import logging

    _log = logging.getLogger(__name__)


    def one():
        _log.info("one")
        return 1


    def two():
        _log.info("two")
        return one() + 1
"""


@pytest.fixture(autouse=True)
def _no_ruff_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "nobin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "nobin") + os.pathsep + os.defpath)
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-cache"))


def _ruff_0_12(root: Path) -> None:
    """A `.venv/bin/ruff` that says it is 0.12.8 and, like it, reports PLC0414 in an
    `__init__.py` for `import a as a` only; everything else is the real ruff's."""
    fake = root / ".venv" / "bin" / "ruff"
    fake.parent.mkdir(parents=True)
    fake.write_text(dedent(f"""\
        #!/bin/sh
        if [ "$1" = "--version" ]; then echo "ruff 0.12.8"; exit 0; fi
        case "$*" in
        *"--select PLC0414"*__init__.py*)
            if grep -qE '^import [a-z]+ as '; then echo '[{{"code": "PLC0414"}}]';
            else echo '[]'; fi
            exit 0;;
        esac
        exec {ruff_binary()} "$@"
    """))
    fake.chmod(0o755)


@pytest.mark.parametrize(("source", "noqa"), [
    (SOURCE, False),
    (SOURCE.replace("import logging\n", "import logging\n    import json as json\n"), True),
])
def test_the_facade_has_a_plc0414_noqa_only_where_the_pinned_ruff_reports_its_imports(
        tmp_path: Path, source: str, noqa: bool) -> None:
    _ruff_0_12(tmp_path)
    config = make_project(tmp_path, source, {"a": ["one"], "b": ["two"]}, files={
        "ruff.toml": RUFF_TOML, ".pre-commit-config.yaml": PRE_COMMIT})
    (tmp_path / ".git").mkdir()
    assert apply_splits(config).written
    init = (tmp_path / "pkg/big/__init__.py").read_text()
    assert "_log as _log" in init, init
    assert ("# ruff: noqa: PLC0414" in init) is noqa, init


# SEED's tests, one broken while the split is planned: GS212 named line 1 and LibCST's own
# words ("Syntax Error @ 1:1." and a second line) for a `)` on line 20; a file not in UTF-8
# got its absolute path and ":1:" again inside the message
BROKEN = ('from unittest import mock\n\n\ndef test_one():\n    with mock.patch("pkg.big.one")):\n'
          '        pass\n')


@pytest.mark.parametrize(("data", "line", "cause"), [
    (BROKEN.encode(), 5, "cannot parse: tokenizer error: unmatched ')'"),
    (b"# caf\xe9\n" + BROKEN.replace(")):", "):").encode(), 1,
     "cannot decode as utf-8: invalid continuation byte (add a PEP 263 coding cookie?)"),
])
def test_a_file_not_searched_for_patch_targets_is_named_at_its_line_with_its_cause(
        tmp_path: Path, data: bytes, line: int, cause: str) -> None:
    from godsplit.split.apply import plan_splits

    config = make_project(tmp_path, SOURCE, {"a": ["one"], "b": ["two"]})
    (tmp_path / "test_big.py").write_bytes(data)
    result = plan_splits(config, import_check=False)
    found = [f for s in result.splits for f in s.findings if f.code == "GS212"]
    assert [(f.path, f.line, f.message) for f in found] == [
        (str(tmp_path / "test_big.py"), line, f"not searched for patch targets: {cause}")]


# Nautobot's `nautobot/extras/jobs.py` (1,508 lines): `@nautobot_task(bind=True)`, where
# `nautobot.core.celery` says `nautobot_task = shared_task`. Not a configured task
# decorator, so the two tasks were neither pinned nor warned about: `plan --static` said
# 0 errors, and Celery would have renamed `nautobot.extras.jobs.run_job`, the name its
# scheduler and queued messages use
CELERY_HOME = "from celery import shared_task\n\nmy_task = shared_task\n"
TASKS = '''
    {imports}


    @{decorator}(bind=True)
    def one(self):
        return 1


    def two():
        return one() + 1
'''


@pytest.mark.parametrize(("imports", "decorator", "home"), [
    ("from pkg.tasking import my_task", "my_task", CELERY_HOME),
    ("from celery import shared_task as job", "job", None),
    ("from celery import shared_task\n\n    job = shared_task", "job", None),
])
def test_an_alias_of_a_celery_task_decorator_is_pinned(
        tmp_path: Path, imports: str, decorator: str, home: str | None) -> None:
    from godsplit.split.apply import plan_splits

    files = {"pkg/tasking.py": home} if home else {}
    config = make_project(tmp_path, TASKS.format(imports=imports, decorator=decorator),
                          {"a": ["one"], "b": ["two"]}, files=files)
    plan = plan_splits(config, import_check=False).splits[0]
    assert [(f.code, f.message) for f in plan.findings if f.code in ("GS200", "GS219")] == [
        ("GS200", "Celery task name pinned to 'pkg.big.one'")]
    text = "".join(c.data.decode() for c in plan.plan.changes if c.path.name == "a.py" and c.data)
    assert f'@{decorator}(bind=True, name="pkg.big.one")' in text, text
