"""What a split adds under each real library's OWN lint, sort, format and type tools, at the
versions its pre-commit config (or CI) pins: round 9's measure of the round-7/8 trials.

    python benchmarks/lint_realworld.py TREES [NAME ...] [--prepare] [--verbose]
        [--project-ruff]

TREES holds, per project of benchmarks/realworld/projects.toml, `TREES/<id>/pristine` (the
sdist, plus any lint config the sdist lacks, taken from the repository at the release tag)
and `TREES/<id>/<mode>` (a copy split by `godsplit suggest --write` or the spec's mapping);
`--prepare` makes them (the sdists are cached as benchmarks/realworld.py caches them).
Each toolchain below is installed once into its own virtualenv (TREES/.tools/<id>). The
god file is checked in `pristine`, the generated files (the facade and the new modules,
the package the god file became) in each split; a finding is new unless the god file
had one of the same tool, code and line text (tests/lintkit.py's matching), so code that
moved keeps its findings. A file the project's config excludes is linted all the same, before
and after (flake8's `exclude`/`extend-exclude`, ruff's `force-exclude`): httplib2's
`exclude = ..._*` skips its god file `__init__.py` but not the new modules, so the moved
code's old findings were counted as new. Fixers with no check mode (pyupgrade) run on a copy and count
the lines they would rewrite, as the formatters do.

With `--project-ruff`, `--prepare` gives each copy a `.venv/bin/ruff`, the toolchain's (the
version the project pins), before it is split, as a project's virtualenv would: godsplit
then sorts and formats with it (GS222) instead of its own ruff (GS221 where they differ).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "tests"), str(HERE)]

from godsplit.split.style import detect_style  # noqa: E402

import realworld  # noqa: E402
from lintkit import (  # noqa: E402
    _LOCATED,
    Finding,
    Snapshot,
    _diff_changes,
    _mypy,
    _Runner,
    compare,
)


@dataclass(frozen=True)
class Tool:
    name: str  # ruff, flake8, isort, black, ruff-format, pyupgrade, mypy
    argv: tuple[str, ...]  # after the toolchain's bin/<executable>; targets are appended
    kind: str  # ruff (JSON), flake8 (path:line:col: CODE; pylint too), diff, fixer, mypy
    executable: str = ""  # default: the name


@dataclass(frozen=True)
class Chain:
    requirements: tuple[str, ...]
    tools: tuple[Tool, ...]
    source: str  # where the config and the versions come from
    typed: tuple[str, ...] = ()  # mypy's targets (the whole package, before and after)
    mypy_args: tuple[str, ...] = ()  # the flags the project's CI passes (`--strict`)


MYPY = Tool("mypy", (), "mypy")
RUFF = Tool("ruff", ("check", "--output-format", "json", "--no-cache", "--exit-zero"), "ruff")


def _ruff_format() -> Tool:
    return Tool("ruff-format", ("format", "--diff", "--no-cache"), "diff", "ruff")


def _pyupgrade(flag: str) -> Tool:
    return Tool("pyupgrade", (flag,), "fixer")


CHAINS: dict[str, Chain] = {
    "typing_extensions": Chain(("ruff==0.4.5",), (RUFF,),
                               "pyproject [tool.ruff]; CI: ruff==0.4.5 `ruff check`"),
    "arrow": Chain(
        ("flake8==6.1.0", "flake8-bugbear", "flake8-annotations", "isort==5.12.0",
         "black==23.9.1", "pyupgrade==3.13.0", "mypy==1.5.1", "types-python-dateutil",
         "python-dateutil"),
        (Tool("flake8", (), "flake8"), Tool("isort", ("--check-only", "--diff", "--quiet"), "diff"),
         Tool("black", ("--diff", "--quiet", "--target-version=py36"), "diff"),
         _pyupgrade("--py36-plus")),
        "tox.ini [flake8] [isort], setup.cfg [mypy]; .pre-commit-config.yaml: flake8 6.1.0 "
        "(+bugbear, annotations), isort 5.12.0, black 23.9.1, pyupgrade 3.13.0, mypy 1.5.1",
        typed=("arrow",)),
    "python-dateutil-parser": Chain(
        ("black==23.3.0", "isort==5.12.0"),
        (Tool("isort", ("--check-only", "--diff", "--quiet"), "diff"),
         Tool("black", ("--diff", "--quiet"), "diff")),
        "pyproject [tool.black] [tool.isort]; pre-commit: darker 1.7.1 --isort (black, "
        "isort>5.9; darker formats changed lines, and every generated line is changed)"),
    "paramiko": Chain(
        ("flake8==4.0.1", "black==22.8.0"),
        (Tool("flake8", (), "flake8"), Tool("black", ("--diff", "--quiet", "-l", "79"), "diff")),
        "repo .flake8 (not in the sdist); dev-requirements: flake8>=4,<5, black>=22.8,<22.9 "
        "(invocations' blacken: line length 79)"),
    "babel": Chain(("ruff==0.5.1",), (RUFF,),
                   "pyproject [tool.ruff]; pre-commit: ruff v0.5.1"),
    "tomlkit": Chain(
        ("ruff==0.15.21", "pyupgrade==3.21.2", "mypy==1.19.1"),
        (RUFF, _ruff_format(), _pyupgrade("--py39-plus")),
        "pyproject [tool.ruff]; pre-commit (repo at 0.15.1): ruff v0.15.21 check + format, "
        "pyupgrade v3.21.2 --py39-plus; mypy 1.19.1 (strict)", typed=("tomlkit",)),
    "astroid-node-classes": Chain(
        ("ruff==0.16.3", "black==26.5.1", "pyupgrade==3.21.2"),
        (RUFF, Tool("black", ("--diff", "--quiet"), "diff"), _pyupgrade("--py310-plus")),
        "pyproject [tool.ruff]; pre-commit (repo after 4.3.1): ruff v0.16.3, black 26.5.1, "
        "pyupgrade v3.21.2 --py310-plus (pylint not run)"),
    "fastapi-routing-by-hand": Chain(
        ("ruff==0.15.22", "mypy==2.3.0", "fastapi==0.165.0"), (RUFF, _ruff_format()),
        "pyproject [tool.ruff] [tool.mypy]; pre-commit: `uv run ruff check`, `ruff format`, "
        "`mypy fastapi` (uv.lock: ruff 0.15.22, mypy 2.3.0; strict, pydantic plugin); its ty "
        "hook not run", typed=("fastapi",)),
    "drf-fields-by-hand": Chain(
        ("flake8==7.3.0", "flake8-pyproject", "flake8-tidy-imports", "flake8-bugbear",
         "isort==7.0.0", "pyupgrade==3.21.2"),
        (Tool("flake8", (), "flake8"), Tool("isort", ("--check-only", "--diff", "--quiet"), "diff"),
         Tool("pyupgrade", ("--py310-plus", "--keep-percent-format"), "fixer")),
        "pyproject [tool.flake8] [tool.isort]; pre-commit: flake8 7.3.0 (+pyproject, "
        "tidy-imports, bugbear), isort 7.0.0, pyupgrade v3.21.2 --py310-plus "
        "--keep-percent-format (django-upgrade not run)"),
    "black-linegen-by-hand": Chain(
        ("isort==9.0.1", "flake8==7.3.0", "flake8-bugbear", "flake8-comprehensions",
         "flake8-simplify", "black==26.10.1"),
        (Tool("flake8", (), "flake8"), Tool("isort", ("--check-only", "--diff", "--quiet"), "diff"),
         Tool("black", ("--diff", "--quiet"), "diff")),
        "sdist .flake8, pyproject [tool.isort] [tool.black]; .pre-commit-config.yaml: isort "
        "9.0.1, flake8 7.3.0 (+bugbear, comprehensions, simplify); tox run_self: black "
        "--check (itself, 26.10.1); its mypy hook not run"),
    "coverage": Chain(
        ("ruff==0.17.5", "pylint==4.1.3", "mypy==2.4.1"),
        (_ruff_format(), Tool("pylint", ("--notes=", "--exit-zero", "--msg-template",
                                         "{path}:{line}:{column}: {symbol} {msg}"), "flake8")),
        "pyproject [tool.ruff] [tool.pylint] [tool.mypy]; tox lint: ruff format --check, "
        "pylint 4.1.3 --notes= (requirements/dev.txt); tox mypy: mypy 2.4.1 --strict "
        "--python-version=3.14 (requirements/mypy.txt; run on `coverage` only)",
        typed=("coverage",), mypy_args=("--strict", "--python-version=3.14")),
    "sqlglot-dialect-by-hand": Chain(
        ("ruff==0.15.6", "mypy==2.4.1"), (RUFF, _ruff_format()),
        "pyproject [tool.ruff]; .pre-commit-config.yaml: `ruff check`, `ruff format`, `mypy "
        "sqlglot tests` (setup.py dev extras: ruff==0.15.6, mypy>=2.4.0)", typed=("sqlglot",)),
    "peewee-by-hand": Chain((), (), "no lint config in the sdist or the repository at 4.3.0"),
    "dill-by-hand": Chain((), (), "no lint config in the sdist"),
    "boltons": Chain((), (), "no lint config in the sdist or the repository"),
    "boltons-urlutils-by-hand": Chain((), (), "no lint config in the sdist or the repository"),
    "twisted-defer-by-hand": Chain(
        ("isort==5.12.0", "black==23.9.1", "mypy==2.4.0", "mypy-zope==1.0.17", "twisted==26.10.0",
         "hypothesis", "PyHamcrest"),
        (Tool("isort", ("--check-only", "--diff", "--quiet"), "diff"),
         Tool("black", ("--diff", "--quiet"), "diff")),
        "pyproject [tool.isort] [tool.black] [tool.mypy]; tox lint: pre-commit (not in the "
        "sdist; the repository's: isort 5.12.0, black 23.9.1, flake8 and yesqa not run); tox "
        "mypy: mypy 2.4.0 + mypy-zope 1.0.17 (its `mypy` extra), here on src/twisted/internet "
        "with --follow-imports=silent", typed=("src/twisted/internet",),
        mypy_args=("--follow-imports=silent",)),
    "sympy-function-by-hand": Chain(
        ("ruff==0.11.8",), (RUFF,),
        "pyproject [tool.ruff] (ruff check only; the sdist pins no version: 0.11.8, of the "
        "release's month); its mypy not run"),
    "beautifulsoup4": Chain((), (), "no lint config in the sdist"),
    "sqlalchemy-functions-by-hand": Chain(
        ("flake8==7.3.0", "flake8-pyproject", "flake8-import-order", "flake8-builtins",
         "flake8-future-annotations", "flake8-docstrings", "flake8-import-single==0.1.5",
         "flake8-rst-docstrings", "pydocstyle", "pygments", "black==26.10.1", "mypy==2.4.0",
         "greenlet", "types-greenlet", "typing_extensions"),
        (Tool("flake8", (), "flake8", "flake8p"), Tool("black", ("--diff", "--quiet"), "diff")),
        "pyproject [tool.flake8] [tool.black] [tool.mypy]; tox lint: flake8p (flake8 7.3.0 "
        "and its plugins), black 26.10.1 (its tools/*.py --check scripts, zimports and "
        "slotscheck not run); tox pep484: mypy (>=2.4: 2.4.0) on lib/sqlalchemy",
        typed=("lib/sqlalchemy",)),
    "param-parameterized-by-hand": Chain(
        ("ruff==0.15.6", "mypy==2.4.0"), (RUFF,),
        "pyproject [tool.ruff] [tool.mypy] (its param.mypy_plugin); the sdist pins no "
        "version (pixi in the repository): ruff 0.15.6, mypy 2.4.0; pyright, ty and pyrefly "
        "not run", typed=("param",)),
    "networkx-backends-by-hand": Chain(
        ("ruff==0.15.6",), (RUFF, _ruff_format()),
        "pyproject [tool.ruff]; pre-commit (not in the sdist): ruff check and ruff format; the "
        "sdist pins no version: 0.15.6"),
    "pillow-image-by-hand": Chain(
        ("ruff==0.16.10", "black==26.10.0", "mypy==2.4.0"),
        (RUFF, Tool("black", ("--diff", "--quiet"), "diff")),
        "pyproject [tool.ruff] [tool.mypy]; .pre-commit-config.yaml: ruff-check v0.16.10, "
        "black 26.10.0 (bandit and the non-Python hooks not run); tox mypy (its "
        ".ci/requirements-mypy.txt is not in the sdist: mypy 2.4.0) on src/PIL",
        typed=("src/PIL",)),
    "html5lib-parser-by-hand": Chain(
        ("flake8==3.8.4",), (Tool("flake8", (), "flake8"),),
        "setup.cfg [flake8]; requirements-test.txt: flake8>=3.8.1,<3.9; tox: `flake8 .`"),
    "xlsxwriter-worksheet-by-hand": Chain(
        ("ruff==0.13.0", "flake8==7.3.0", "black==25.1.0"),
        (RUFF, Tool("flake8", ("--max-line-length=88", "--ignore=E203,W503"), "flake8"),
         Tool("black", ("--diff", "--quiet"), "diff")),
        "repository Makefile (no config file): `lint`: ruff check (default rules), black "
        "--check; `test_flake8`: flake8 --max-line-length=88 --ignore=E203,W503; no versions "
        "pinned: those of the release's month (pylint with the repository's .pylintrc not "
        "run)"),
    "pycodestyle-by-hand": Chain(
        ("flake8==7.2.0", "pyupgrade==3.20.0", "reorder-python-imports==3.15.0"),
        (Tool("flake8", (), "flake8"), _pyupgrade("--py39-plus"),
         Tool("reorder-python-imports", ("--py39-plus",), "fixer"),
         Tool("pycodestyle", (), "flake8")),
        "no [flake8] config; .pre-commit-config.yaml at 2.14.0: reorder-python-imports "
        "v3.15.0 --py39-plus, pyupgrade v3.20.0 --py39-plus, flake8 7.2.0; tox: `python -m "
        "pycodestyle --statistics pycodestyle.py` (setup.cfg [pycodestyle]: max_doc_length "
        "72; here the pycodestyle flake8 7.2.0 installs) and `flake8 pycodestyle.py`"),
    "docutils-nodes-by-hand": Chain(
        ("flake8==7.3.0",), (Tool("flake8", (), "flake8"),),
        "the repository's .flake8 (not in the sdist; its ignore list and nodes.py's E701); "
        "tox style: `flake8 {toxinidir}` (no version pinned: 7.3.0)"),
    "fsspec-spec-by-hand": Chain(
        ("ruff==0.14.3",), (RUFF, _ruff_format()),
        "pyproject [tool.ruff]; .pre-commit-config.yaml at 2026.7.0: ruff-check and "
        "ruff-format v0.14.3 (codespell not run)"),
    "gunicorn-config-by-hand": Chain(
        ("pylint==3.3.2", "pycodestyle==2.15.0"),
        (Tool("pylint", ("--max-line-length=120", "--exit-zero", "--msg-template",
                         "{path}:{line}:{column}: {symbol} {msg}"), "flake8"),
         Tool("pycodestyle", (), "flake8")),
        "sdist .pylintrc and tox.ini [pycodestyle]; tox lint: pylint 3.3.2 "
        "--max-line-length=120; tox pycodestyle: `pycodestyle gunicorn` (unpinned: 2.15.0)"),
    "pyflakes-checker-by-hand": Chain(
        ("flake8==6.1.0",), (Tool("flake8", (), "flake8"),),
        "tox.ini [flake8] (not in the sdist: the repository's, at 3.4.0, its newest there); "
        "tox: flake8==6.1.0 `flake8 pyflakes setup.py`"),
    "configobj-by-hand": Chain(
        ("flake8==7.1.1",), (Tool("flake8", (), "flake8"),),
        "setup.cfg [flake8] (max-line-length 132); no version pinned: that of the "
        "release's month (7.1.1)"),
    "deepdiff-diff-by-hand": Chain(
        ("flake8==7.3.0", "flake8-pyproject==1.2.4"), (Tool("flake8", (), "flake8"),),
        "pyproject [tool.flake8]; noxfile flake8 session: flake8~=7.3.0, "
        "flake8-pyproject~=1.2.4 `flake8 deepdiff` (its mypy session not run)"),
    "cmd2-by-hand": Chain(
        ("ruff==0.17.1", "mypy==2.3.1", "prompt-toolkit", "pyperclip", "rich",
         "rich-argparse"),
        (RUFF, _ruff_format()),
        "ruff.toml, pyproject [tool.mypy]; .pre-commit-config.yaml: ruff-format and "
        "ruff-check v0.17.1; Makefile: `mypy .` (dev group: mypy>=2.3.1; here `mypy "
        "cmd2`)", typed=("cmd2",)),
    "pyopenssl-ssl-by-hand": Chain(
        ("ruff==0.17.6", "mypy==2.4.0", "cryptography", "typing_extensions", "pretend",
         "pytest"),
        (RUFF, _ruff_format()),
        "pyproject [tool.ruff] [tool.mypy] (strict); noxfile lint: `ruff check .`, `ruff "
        "format --check .` (unpinned: the 0.17.6 godsplit pins), mypy: `mypy src/ tests/` "
        "(unpinned: 2.4.0)", typed=("src/OpenSSL",)),
    "yt-dlp-utils-by-hand": Chain(
        ("ruff==0.17.6", "autopep8==2.3.2"),
        (RUFF, Tool("autopep8", ("--diff",), "diff")),
        "pyproject [tool.ruff] [tool.autopep8]; static-analysis group: ruff~=0.17.0 "
        "(`ruff check`), autopep8~=2.0 (`autopep8 --diff`, its format check)"),
    "pytest-python-by-hand": Chain(
        ("ruff==0.17.2", "mypy==2.4.0", "iniconfig>=1.1.0", "attrs>=19.2.0", "pluggy>=1.5.0",
         "packaging", "tomli", "types-setuptools", "types-tabulate", "pygments"),
        (RUFF, _ruff_format()),
        "pyproject [tool.ruff] [tool.mypy]; .pre-commit-config.yaml at 9.2.0: ruff-check and "
        "ruff-format v0.17.2, mirrors-mypy v2.4.0 with its additional dependencies",
        typed=("src/_pytest",)),
    "sh-by-hand": Chain(
        ("ruff==0.17.6", "mypy==2.4.0"),
        (RUFF, _ruff_format()),
        "pyproject [tool.ruff]; tox's lint env: `ruff check src/sh/ tests/`, `ruff format "
        "--check src/sh tests/`, `mypy src/sh/` (dev group unpinned: ruff>=0.4, mypy>=1.4.1; "
        "here 0.17.6 and 2.4.0)", typed=("src/sh",)),
    "autopep8-by-hand": Chain(
        ("pycodestyle==2.15.0",),
        (Tool("pycodestyle", (), "flake8"),),
        "no lint config in the sdist; the checker it is built on, pycodestyle (2.15.0, as "
        "its suite ran), at its defaults"),
    "dulwich-objects-by-hand": Chain(
        ("ruff==0.17.3",),
        (RUFF, _ruff_format()),
        "pyproject [tool.ruff]; dev group: ruff==0.17.3; Makefile: `ruff check`, `ruff "
        "format` (its strict `mypy dulwich` not run here)"),
    "graphql-core-definition-by-hand": Chain(
        ("ruff==0.17.6", "mypy==2.4.1", "pytest>=9.2,<10", "anyio", "pytest-benchmark",
         "pytest-describe", "pytest-timeout"),
        (RUFF, _ruff_format()),
        "pyproject [tool.ruff] [tool.mypy]; tox ruff: `ruff check src tests`, `ruff format "
        "--check src tests` (lint group: ruff>=0.17.4,<0.18: 0.17.6); tox mypy: `mypy src "
        "tests` (mypy>=2.4.1,<3: 2.4.1; here on src)", typed=("src",)),
    "prettytable-by-hand": Chain(
        ("ruff==0.15.9", "black==26.3.1", "mypy==2.4.0", "types-colorama", "wcwidth",
         "pytest", "pytest-lazy-fixtures"),
        (RUFF, Tool("black", ("--diff", "--quiet"), "diff")),
        "pyproject [tool.ruff] [tool.mypy]; the repository's .pre-commit-config.yaml (no "
        "3.19.0 tag in the mirror: its newest): ruff-check v0.15.9, black 26.3.1; tox mypy: "
        "requirements-mypy.txt mypy==2.4.0, types-colorama, `mypy .` (here on src and tests)",
        typed=("src", "tests")),
    "soupsieve-css-match-by-hand": Chain(
        ("ruff==0.17.6", "mypy==2.4.1", "beautifulsoup4"),
        (RUFF,),
        "pyproject [tool.ruff] [tool.mypy] (strict, files = soupsieve); hatch dev scripts: "
        "`ruff check .`, `mypy` (no versions pinned: ruff 0.17.6, mypy 2.4.1)",
        typed=("soupsieve",)),
    "traitlets-by-hand": Chain(
        ("ruff==0.15.22", "mypy==2.3.0", "argcomplete>=3.1"),
        (RUFF, _ruff_format()),
        "pyproject [tool.ruff] [tool.mypy] (strict, files = traitlets); sdist "
        ".pre-commit-config.yaml: ruff-check and ruff-format v0.15.22, mirrors-mypy v2.3.0 "
        "(+argcomplete)", typed=("traitlets",)),
    "mock-by-hand": Chain((), (), "no lint config in the sdist (setup.cfg has none)"),
    "pyasn1-univ-by-hand": Chain((), (), "no lint config in the sdist (pyproject, setup.cfg)"),
    "pyasn1-ber-decoder-by-hand": Chain((), (), "no lint config in the sdist"),
    "icalendar-attr-by-hand": Chain(
        ("ruff==0.15.2",), (RUFF, _ruff_format()),
        "pyproject [tool.ruff] (select ALL); formatting group: ruff==0.15.2; Makefile `format`: "
        "`ruff format`, `ruff check --fix`"),
    "asn1crypto-core-by-hand": Chain(
        ("flake8==3.7.9", "pycodestyle==2.5.0", "pyflakes==2.1.1", "mccabe==0.6.1",
         "entrypoints==0.3"), (Tool("flake8", (), "flake8"),),
        "repo tox.ini [flake8] max-line-length = 120 (not in the sdist); requires/lint at tag "
        "1.5.1: flake8 3.7.9, pycodestyle 2.5.0, pyflakes 2.1.1 (dev/lint.py)"),
    "webob-acceptparse-by-hand": Chain(
        ("flake8==7.1.1",), (Tool("flake8", (), "flake8"),),
        "setup.cfg [flake8] max-line-length = 89; tox pep8: `flake8 src/webob/` (unpinned: "
        "7.1.1, the newest when 1.8.9 was released)"),
    "rich-console-by-hand": Chain(
        ("black==23.11.0", "isort==5.12.0", "mypy>=1.11,<2", "pygments", "markdown-it-py",
         "typing_extensions", "attrs"),
        (Tool("black", ("--diff", "--quiet"), "diff"),
         Tool("isort", ("--profile", "black", "--check-only", "--diff", "--quiet"), "diff")),
        "pyproject [tool.mypy] (strict, files = rich); .pre-commit-config.yaml at v14.3.3: "
        "black 23.11.0, isort 5.12.0 --profile black (pycln not run); dev deps: mypy ^1.11",
        typed=("rich",)),
    "h2-connection-by-hand": Chain(
        ("ruff==0.17.6", "mypy>=1.16.0,<2", "typing_extensions", "hyperframe", "hpack"),
        (RUFF,),
        "pyproject [tool.ruff] (select ALL) [tool.mypy] (strict); tox lint: `ruff check src/`, "
        "`mypy --strict-bytes src/` (linting group unpinned: ruff>=0.8.0,<1 -> the 0.17.6 "
        "godsplit pins, mypy>=1.16.0,<2)", typed=("src/h2",), mypy_args=("--strict-bytes",)),
    "alembic-ops-by-hand": Chain(
        ("flake8==7.3.0", "flake8-import-order>=0.19.2", "flake8-import-single==0.1.5",
         "flake8-builtins", "flake8-docstrings", "flake8-rst-docstrings", "pydocstyle",
         "pygments", "black==26.5.1", "mypy>=2.3.0", "sqlalchemy>=2", "mako",
         "typing_extensions", "pytest>8,<10"),
        (Tool("flake8", (), "flake8"), Tool("black", ("--diff", "--quiet"), "diff")),
        "setup.cfg [flake8] (import-order google, per-file ignores), pyproject [tool.black] "
        "[tool.mypy] (strict for alembic.*); noxfile lint: `flake8 ./alembic/`, `black "
        "--check` with the lint group (black==26.5.1, flake8 and plugins unpinned); mypy "
        "group: mypy>=2.3.0 (`mypy ./alembic/`)", typed=("alembic",)),
    "cerberus-validator-by-hand": Chain(
        ("black==23.7.0", "flake8==6.1.0"),
        (Tool("black", ("--diff", "--quiet"), "diff"), Tool("flake8", (), "flake8")),
        "pyproject [tool.black], the repository's tox.ini [flake8] at 1.3.5 (not in the "
        "sdist); .pre-commit-config.yaml: black `stable`, pre-commit-hooks v1.4.0's flake8 "
        "(the release's month: black 23.7.0, flake8 6.1.0)"),
    "uncertainties-core-by-hand": Chain(
        (), (), "no lint config in the sdist (setup.cfg: egg_info only) nor in the repository "
        "at 3.1.7"),
    "markdown2-by-hand": Chain(
        (), (), "no lint config in the sdist nor in the repository at 2.5.1 (tox.ini and CI run "
        "only `make testone`)"),
    "mpmath-gammazeta-by-hand": Chain(
        ("pycodestyle==2.10.0",), (Tool("pycodestyle", (), "flake8"),),
        "setup.cfg [pycodestyle] select = E101,W191,W291,W293,E111,E112,E113,W292,W391; "
        "`develop` extra: pycodestyle unpinned (2.10.0, the newest at 1.3.0's release)"),
    "zope-interface-interfaces-by-hand": Chain(
        ("isort==5.13.2", "autopep8==2.3.1", "pyupgrade==3.17.0", "flake8==7.1.1",
         "flake8-debugger==4.1.2"),
        (Tool("isort", ("--check-only", "--diff", "--quiet"), "diff"),
         Tool("autopep8", ("--diff", "--aggressive", "--aggressive"), "diff"),
         _pyupgrade("--py38-plus"), Tool("flake8", (), "flake8")),
        "setup.cfg [flake8] [isort]; the repository's .pre-commit-config.yaml at 7.1.1 (not in "
        "the sdist): isort 5.13.2, autopep8 v2.3.1 --aggressive --aggressive, pyupgrade "
        "v3.17.0 --py38-plus, flake8 7.1.1 (+flake8-debugger 4.1.2); teyit not run"),
    "mutagen-id3-frames-by-hand": Chain(
        ("flake8==7.3.0",), (Tool("flake8", (), "flake8"),),
        "the repository's .flake8 (not in the sdist); CI `poetry run flake8`, pyproject dev "
        "group flake8>=7.1.0,<8 (7.3.0); its `mypy .` (mypy 1.18.2) not run"),
    "httplib2-init-by-hand": Chain(
        ("flake8==7.3.0", "black==25.1.0"),
        (Tool("flake8", (), "flake8"), Tool("black", ("--diff", "--quiet"), "diff")),
        "setup.cfg [flake8] (max-line-length 121), pyproject [tool.black] line-length 121; "
        "requirements-test.txt: flake8==7.3.0; black unpinned (25.1.0)"),
    "ecdsa-ellipticcurve-by-hand": Chain(
        ("flake8==6.1.0", "black==22.3.0"),
        (Tool("flake8", (), "flake8"),
         Tool("black", ("--diff", "--quiet", "--line-length", "79"), "diff")),
        "tox.ini [flake8] and its codechecks env: flake8==6.1.0, black==22.3.0 "
        "`--check --line-length 79`"),
    "dnspython-message-by-hand": Chain(
        ("ruff==0.16.0", "black==26.5.0"),
        (RUFF, Tool("black", ("--diff", "--quiet"), "diff")),
        "pyproject [tool.ruff.lint] [tool.black]; dev extra ruff>=0.16.0, black>=26.5 (their "
        "lowest versions)"),
    "httpx-client-by-hand": Chain(
        ("ruff", "mypy", "httpcore", "anyio", "certifi", "idna"), (RUFF, _ruff_format()),
        "pyproject [tool.ruff.lint] (E, F, I, B, PIE; combine-as-imports), [tool.mypy] strict; "
        "its scripts/check runs `ruff format --check`, `ruff check`, `mypy` (unpinned here: "
        "the latest)", typed=("httpx",)),
    "urllib3-response-by-hand": Chain(
        ("flake8==6.1.0", "flake8-2020", "isort==5.12.0", "black==23.1.0", "pyupgrade==3.3.1"),
        (Tool("flake8", (), "flake8"), Tool("isort", ("--check-only", "--diff", "--quiet"), "diff"),
         Tool("black", ("--diff", "--quiet", "--target-version", "py38"), "diff"),
         _pyupgrade("--py38-plus")),
        "the repository's .pre-commit-config.yaml (pyupgrade 3.3.1 --py38-plus, black 23.1.0, "
        "isort 5.12.0 with pyproject [tool.isort] (`add_imports`), flake8 6.1.0 + flake8-2020) "
        "and .flake8 (not in the sdist)"),
    "invoke-runners-by-hand": Chain(
        ("flake8==7.3.0",), (Tool("flake8", (), "flake8"),),
        "the repository's .flake8 (not in the sdist: max-line-length 79); pyproject dev group "
        "flake8~=7.3.0 (black>=23.3.0 is listed but configured nowhere: not run)"),
    "reportlab-flowables-by-hand": Chain((), (), "no lint config in the sdist"),
    "textual-geometry-by-hand": Chain(
        ("black==24.4.2",), (Tool("black", ("--diff", "--quiet"), "diff"),),
        "pyproject [tool.poetry.group.dev.dependencies] black 24.4.2 (no other lint config)"),
    "redis-commands-core-by-hand": Chain(
        ("ruff==0.9.6",), (RUFF, _ruff_format()),
        "pyproject [tool.ruff] (E, F, FLY, I, N, W; E501 ignored, 'taken care of with ruff "
        "format'); dev_requirements.txt ruff==0.9.6"),
    "botocore-credentials-by-hand": Chain(
        ("ruff==0.4.8",), (RUFF, _ruff_format()),
        "the repository's .pre-commit-config.yaml (not in the sdist): ruff v0.4.8 (`ruff "
        "--fix`, `ruff-format`) under pyproject [tool.ruff] (E4, E7, E9, F, I, UP, G; "
        "line-length 79; quote-style preserve); its isort 5.12.0 hook is not run: no isort "
        "config in the release, and the god file itself fails isort's defaults"),
    "billiard-pool-by-hand": Chain(
        ("flake8==7.3.0",), (Tool("flake8", (), "flake8"),),
        "setup.cfg [flake8] (ignore N806, N802, N801, N803, E305); requirements/pkgutils.txt "
        "flake8>=4.0.1 (7.3.0 here; its tox lint env runs `flake8 -j 2 billiard t`)"),
    "pylint-variables-by-hand": Chain(
        ("ruff==0.16.3", "isort==9.0.0b5", "black==26.5.1"),
        (RUFF, Tool("isort", ("--check-only", "--diff", "--quiet"), "diff"),
         Tool("black", ("--diff", "--quiet"), "diff")),
        "pyproject [tool.ruff] [tool.isort] (profile black); the repository's "
        ".pre-commit-config.yaml (its newest snapshot here, August 2026; the 4.1.5 tag is not "
        "in it): ruff v0.16.3, isort 9.0.0b5, black 26.5.1 (its pylint, mypy and pyright "
        "hooks not run)"),
    "sphinx-autodoc-by-hand": Chain(
        ("ruff==0.6.9", "flake8==7.3.0"),
        (RUFF, _ruff_format(), Tool("flake8", (), "flake8")),
        "the repository's .ruff.toml and .flake8 at v8.1.3 (not in the sdist: the spec's "
        "git_paths); lint.yml: ruff 0.6.9 (pyproject's lint extra) `ruff check`, `ruff "
        "format --diff`, `flake8>=6.0` (mypy 1.11.1 not run)"),
    "sqlite-utils-db-by-hand": Chain(
        ("flake8==7.3.0", "flake8-pyproject==1.2.4", "black==26.3.1"),
        (Tool("flake8", (), "flake8"), Tool("black", ("--diff", "--quiet"), "diff")),
        "pyproject [tool.flake8] (max-line-length 160, read by flake8-pyproject); its dev "
        "group: black>=26.3.1, flake8, flake8-pyproject (mypy, pyright and ty not run)"),
    "pypdf-page-by-hand": Chain(
        ("ruff==0.12.7",), (RUFF,),
        "pyproject [tool.ruff] (select ALL, line-length 120); the repository's "
        ".pre-commit-config.yaml: ruff-pre-commit v0.12.7 (its pyupgrade and mypy hooks "
        "not run)"),
    "distlib-util-by-hand": Chain((), (), "no lint config in the sdist (tox runs the tests only)"),
    "falcon-errors-by-hand": Chain(
        ("ruff==0.16.7", "mypy==1.19.1"),
        (RUFF, _ruff_format(),
         Tool("ruff-docstrings", ("check", "--output-format", "json", "--no-cache", "--exit-zero",
                                  "--select=D205,D212,D400,D401,D403,D404"), "ruff", "ruff")),
        "pyproject [tool.ruff] (isort: force-single-line, force-sort-within-sections); tox.ini: "
        "pep8 `ruff check`, pep8-docstrings (D205, D212, D400, D401, D403, D404), ruff `ruff "
        "format --check` (ruff>=0.16.7: 0.16.7 here), mypy `mypy --strict falcon` (unpinned: "
        "1.19.1 here)", typed=("falcon",), mypy_args=("--strict",)),
    "netaddr-ip-by-hand": Chain(
        ("ruff==0.1.11",), (_ruff_format(),),
        "pyproject [tool.ruff] [tool.ruff.format] (line-length 100, single quotes); Makefile "
        "`lint`: `ruff format --check` (requirements-dev.txt: ruff==0.1.11; no `ruff check`)"),
    "pydash-arrays-by-hand": Chain(
        ("ruff==0.17.6", "mypy==1.19.1"),
        (RUFF, _ruff_format()),
        "pyproject [tool.ruff] (F, E, W, B, PL, I; isort force-sort-within-sections, "
        "lines-after-imports 2) [tool.ruff.format] [tool.mypy]; tasks.py `lint`: `ruff check`, "
        "`ruff format --check`, `mypy src tests` (ruff and mypy unpinned in the dev extra: "
        "0.17.6 and 1.19.1 here)", typed=("src/pydash",)),
    "diskcache-core-by-hand": Chain((), (), "no lint config in the sdist (setup.cfg holds "
                                    "egg_info only; the repository's tox.ini is not in it)"),
}

CHAINS["twisted-defer-kept-by-hand"] = CHAINS["twisted-defer-by-hand"]
CHAINS["tomlkit-items-by-hand"] = CHAINS["tomlkit"]
CHAINS["babel-numbers-by-hand"] = CHAINS["babel"]


def toolchain(trees: Path, key: str, chain: Chain) -> Path:
    """bin/ of a virtualenv holding the chain's pinned tools (made once)."""
    env = trees / ".tools" / key
    stamp = env / "requirements.txt"
    wanted = "\n".join(chain.requirements)
    if not (stamp.exists() and stamp.read_text() == wanted):
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(env)], check=True)
        subprocess.run([str(env / "bin" / "pip"), "install", "-q", *chain.requirements],
                       check=True)
        stamp.write_text(wanted)
    return env / "bin"


def unexcluded(tool: Tool, bin_dir: Path) -> tuple[str, ...]:
    """Arguments that make `tool` lint the files it is given even where the project's
    config excludes them: the same rules for the god file and the files made from it."""
    executable = str(bin_dir / (tool.executable or tool.name))
    if tool.kind == "ruff":
        return ("--no-force-exclude",)
    if tool.kind != "flake8" or not (tool.executable or tool.name).startswith("flake8"):
        return ()
    usage = subprocess.run([executable, "--help"], capture_output=True, text=True).stdout
    # `.git` (matches no target) replaces the config's lists; extend-exclude: flake8 >= 3.8
    return ("--exclude=.git", *(["--extend-exclude=.git"] if "--extend-exclude" in usage else []))


def findings(root: Path, bin_dir: Path, tools: Sequence[Tool], targets: Sequence[str]
             ) -> Snapshot:
    failures: list[str] = []
    runner = _Runner(root, failures)
    found: list[Finding] = []
    for tool in tools:
        command = [str(bin_dir / (tool.executable or tool.name)), *tool.argv,
                   *unexcluded(tool, bin_dir), *targets]
        if tool.kind == "ruff":
            for item in json.loads(runner.run(command) or "[]"):
                path = runner.relative(item["filename"])
                row = item["location"]["row"]
                found.append(Finding("ruff", item["code"] or "syntax", path, row,
                                     item["message"], runner.text(path, row)))
        elif tool.kind == "flake8":
            for line in runner.run(command, ok=(0, 1)).splitlines():
                match = _LOCATED.match(line)
                if match:
                    code, _, message = match["rest"].partition(" ")
                    path, row = runner.relative(match["path"]), int(match["line"])
                    found.append(Finding(tool.name, code, path, row, message,
                                         runner.text(path, row)))
        elif tool.kind == "diff":
            found += _diff_changes(runner, tool.name, runner.run(command, ok=(0, 1)))
        elif tool.kind == "fixer":
            found += _diff_changes(runner, tool.name, _fixer_diff(root, command, targets))
        elif tool.kind == "mypy":
            found += _mypy(runner, targets, tool.argv, str(bin_dir / "python"))
    return Snapshot(root, detect_style(root / "__probe__.py", stop=root), tuple(found),
                    tuple(failures))


def _fixer_diff(root: Path, command: list[str], targets: Sequence[str]) -> str:
    """A unified diff of what a fixer without a check mode would rewrite (run on a copy)."""
    files = [p for t in targets for p in ([root / t] if (root / t).is_file()
                                          else sorted((root / t).rglob("*.py")))]
    out: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            copy = Path(tmp) / path.relative_to(root)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, copy)
        copies = [str(Path(tmp) / p.relative_to(root)) for p in files]
        subprocess.run([*command[: -len(targets)], *copies], capture_output=True)
        for path in files:
            old = path.read_text(encoding="utf-8").splitlines(keepends=True)
            new = (Path(tmp) / path.relative_to(root)).read_text(
                encoding="utf-8").splitlines(keepends=True)
            name = str(path.relative_to(root))
            out += difflib.unified_diff(old, new, name, name, n=1)
    return "".join(out)


def _suggested_package(split: Path) -> str:
    """The sibling package `suggest --write` chose (a script run by its path, a test
    module), or ""."""
    config = split / "godsplit.toml"
    if not config.is_file():
        return ""
    tables = tomllib.loads(config.read_text(encoding="utf-8")).get("split", [])
    return str(tables[0].get("package", "")) if tables else ""


def generated(split: Path, module: str, sibling: str = "") -> list[str]:
    """The files a split wrote: the package the god file became (facade and modules), or,
    with a sibling package (`package` in the split table), the facade and that package."""
    if not sibling and Path(module).name == "__init__.py":  # split beside it, always
        sibling = Path(module).parent.as_posix()
    package = split / (sibling or module.removesuffix(".py"))
    if not package.is_dir():
        return []
    files = sorted(str(p.relative_to(split)) for p in package.rglob("*.py"))
    return [module, *files] if sibling else files


_URLLIB3_HOOKS = """\
repos:
  - repo: https://github.com/asottile/pyupgrade
    rev: v3.3.1
    hooks:
      - id: pyupgrade
        args: ["--py38-plus"]

  - repo: https://github.com/psf/black
    rev: 23.1.0
    hooks:
      - id: black
        args: ["--target-version", "py38"]

  - repo: https://github.com/PyCQA/isort
    rev: 5.12.0
    hooks:
      - id: isort

  - repo: https://github.com/PyCQA/flake8
    rev: 6.1.0
    hooks:
      - id: flake8
        additional_dependencies: [flake8-2020]
"""

# What the sdist lacks that the measure needs: the lint config from the repository at the
# release tag (paramiko's .flake8, its lint settings only), and bs4's one-line change that
# GS117 asks for (without it no split of bs4/element.py is safe).
EXTRA_FILES = {"urllib3-response-by-hand": {".flake8": "[flake8]\nignore = E501, E203, W503, W504\n",
                                            # its Python hooks (isort 5.12.0: GS150/GS147)
                                            ".pre-commit-config.yaml": _URLLIB3_HOOKS},
               "invoke-runners-by-hand": {".flake8": "[flake8]\nexclude = invoke/vendor,sites,.git,"
                                          "build,dist,alt_env,appveyor\nignore = E124,E125,E128,"
                                          "E261,E301,E302,E303,E306,W503,E731\n"
                                          "max-line-length = 79\n"},
"mutagen-id3-frames-by-hand": {".flake8": "[flake8]\nignore=E128,W601,E402,E731,"
                                              "W503,E741,E305,E121,E124,W504\n"
                                              "exclude=build,dist\nmax-line-length=88\n"},
               "asn1crypto-core-by-hand": {"tox.ini": "[flake8]\nmax-line-length = 120\n"},
               "cerberus-validator-by-hand": {"tox.ini": "[flake8]\nmax-line-length=88\n"
                                              "ignore=E203,W503,W605\n"},
               "paramiko": {".flake8": "[flake8]\nexclude = sites,.git,build,dist,demos\n"
                            "ignore = E124,E125,E128,E261,E301,E302,E303,E402,E721,W503,E203,"
                            "E722\nmax-line-length = 79\n"},
               "docutils-nodes-by-hand": {".flake8": "[flake8]\nignore = E123,E125,E126,E129,"
                                          "E226,E228,W503\nper-file-ignores =\n"
                                          "  docutils/nodes.py:E701\n"},
               "pyflakes-checker-by-hand": {"tox.ini": "[flake8]\nbuiltins = unicode\n"
                                            "max_line_length = 89\n"}}
EDITS = {"beautifulsoup4": (
    "bs4/element.py", "and frameinfo.frame.f_globals.get('__name__', '') != \"bs4.element\"",
    "and not frameinfo.frame.f_globals.get('__name__', '').startswith(\"bs4.element\")")}


def prepare(trees: Path, spec: realworld.Spec, ruff: Path | None = None) -> None:
    """TREES/<id>/pristine from the sdist, and its splits (the import check off: the
    measure needs none of the project's dependencies)."""
    base = trees / spec.key
    shutil.rmtree(base, ignore_errors=True)
    root = realworld.unpack(realworld.download(spec), base / "unpacked")
    realworld.add_from_git(spec, root)
    for name, text in EXTRA_FILES.get(spec.key, {}).items():
        (root / name).write_text(text)
    if spec.key in EDITS:
        path, old, new = EDITS[spec.key]
        source = (root / path).read_text(encoding="utf-8")
        (root / path).write_text(source.replace(old, new, 1), encoding="utf-8")
    root.rename(base / "pristine")
    for mode in ("suggest", "mapping") if spec.split else ("suggest",):
        tree = base / mode
        shutil.copytree(base / "pristine", tree, symlinks=True)
        config = realworld._config(spec, tree) if mode == "mapping" else ""
        (tree / "godsplit.toml").write_text("verify-import = false\n" + config)
        if ruff is not None and ruff.is_file():  # the project's virtualenv holds its ruff
            (tree / ".venv" / "bin").mkdir(parents=True, exist_ok=True)
            (tree / ".venv" / "bin" / "ruff").symlink_to(ruff)
        godsplit = [sys.executable, "-m", "godsplit"]
        for args in ([["suggest", spec.module, "--write"]] if mode == "suggest" else []) + [
                ["apply"]]:
            if subprocess.run([*godsplit, *args], cwd=tree, capture_output=True).returncode:
                shutil.rmtree(tree)  # a plan error: no split to measure
                break


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", type=Path)
    parser.add_argument("names", nargs="*", default=list(CHAINS))
    parser.add_argument("--prepare", action="store_true", help="download and split first")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--project-ruff", action="store_true",
                        help="split with the pinned ruff in the copy's .venv (see above)")
    args = parser.parse_args()
    specs = {s.key: s for s in realworld.load_specs()}
    for key in args.names:
        chain, spec = CHAINS[key], specs[key]
        bin_dir = toolchain(args.trees, key, chain) if chain.requirements else Path(
            sys.executable).parent
        if args.prepare:
            prepare(args.trees, spec, bin_dir / "ruff" if args.project_ruff else None)
        base = args.trees / key
        tools = chain.tools or (
            Tool("ruff", ("check", "--output-format", "json", "--no-cache", "--exit-zero",
                          "--isolated", "--extend-select", "I,E501,E4,E7,E9,F",
                          "--line-length", "88"), "ruff"),
            Tool("ruff-format", ("format", "--isolated", "--diff", "--no-cache"), "diff",
                 "ruff"))
        mypy = replace(MYPY, argv=chain.mypy_args)
        before = findings(base / "pristine", bin_dir, tools, [spec.module])
        typed_before = before if not chain.typed else replace(before, findings=(
            *before.findings, *findings(base / "pristine", bin_dir, (mypy,), chain.typed).findings))
        for mode in ("suggest", "mapping"):
            split = base / mode
            files = generated(split, spec.module, spec.split.get("package", "") if (
                mode == "mapping") else _suggested_package(split)) if split.is_dir() else []
            # a sibling package beside an __init__.py facade holds the package's other,
            # untouched modules too: only what the split wrote or changed is measured
            files = [f for f in dict.fromkeys(files) if not (
                (base / "pristine" / f).is_file()
                and (base / "pristine" / f).read_bytes() == (split / f).read_bytes())]
            if not files:
                print(f"## {key} {mode}: no split")
                continue
            after = findings(split, bin_dir, tools, files)
            if chain.typed:  # the whole package: a type error may show where code is used
                typed = findings(split, bin_dir, (mypy,), chain.typed)
                after = replace(after, findings=after.findings + typed.findings)
            report = compare(typed_before, after)
            print(f"## {key} {mode} ({len(files)} files; {chain.source})")
            print(report.summary(limit=10_000 if args.verbose else 0))
            sys.stdout.flush()


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    # a project's `num_workers` (Pillow's 4) runs mypy 2.4's parallel mode, which crashed
    # here ("Failed to establish connection with worker"): one process, the same result
    os.environ.setdefault("MYPY_NUM_WORKERS", "0")
    main()
