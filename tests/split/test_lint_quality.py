"""Issue 12: a split adds no lint finding, no formatter change and no type difference.

tests/lintkit.py runs the project's own tools (ruff, pyflakes, flake8, the formatter,
isort, mypy, pyright) on the tree before and after `godsplit apply`, and reports what is
new. The first tests show the harness finds what a change adds and ignores what moved.
The issue-12 tests split the sample project, the fixture and (with GODSPLIT_NETWORK=1)
two real libraries, and assert no new finding under the project's own linters, no file
the formatter would change, and identical type diagnostics; a failure prints `counts()`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from godsplit.split.style import detect_style

from conftest import make_project
from lintkit import RUFF_DEFAULTS, Report, compare, snapshot

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
LEDGER = REPO / "tests" / "data" / "ledger"
FIXTURE = REPO / "fixtures" / "intelliwiz"


def godsplit(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    proc = subprocess.run([sys.executable, "-m", "godsplit", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc


def split_copy(source: Path, target: Path, commit: bool = False) -> Path:
    """A copy of `source` with its configured splits applied (committed to a new git
    repository first with `commit`, so `godsplit verify` can compare with HEAD)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    if commit:
        git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "before the split"]):
            subprocess.run([*git, *args], cwd=target, check=True, capture_output=True)
    godsplit(target, "apply")
    return target


def pytest_passed(root: Path, *args: str) -> int:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(root)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-p", "no:xdist", *args], cwd=root, env=env, capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    match = re.search(r"(\d+) passed", proc.stdout)
    assert match and " failed" not in proc.stdout, proc.stdout[-3000:]
    return int(match.group(1))


def test_the_harness_reports_what_a_change_adds_not_what_moved(tmp_path: Path) -> None:
    long_line = "VALUE = " + repr("x" * 90)
    before = tmp_path / "before"
    (before / "pkg").mkdir(parents=True)
    (before / "pkg" / "__init__.py").write_text("")
    (before / "pkg" / "big.py").write_text(
        f"import os\n\n{long_line}\n\n\ndef f() -> int:\n    return 'text'\n\n\n"
        "def g() -> str:\n    return os.sep\n"
    )
    after = tmp_path / "after"
    (after / "pkg").mkdir(parents=True)
    (after / "pkg" / "__init__.py").write_text("")
    (after / "pkg" / "big.py").write_text(
        "import os\nimport sys\n\nfrom pkg.moved import VALUE, f\n\n\n"
        "def g() -> str:\n    return os.sep\n"
    )
    (after / "pkg" / "moved.py").write_text(
        f"{long_line}\n\n\ndef f() -> int:\n    return 'text'\nx = [1,\n  2]\n"
    )
    tools = ("ruff", "pyflakes", "format", "mypy")
    report = compare(snapshot(before, ["pkg"], tools=tools), snapshot(after, ["pkg"], tools=tools))
    assert not report.failures, report.failures
    # E501 and the return-value error moved: not new. The unused imports are new.
    assert {(f.tool, f.code, f.text) for f in report.new} >= {
        ("ruff", "F401", "import sys"), ("ruff", "F401", "from pkg.moved import VALUE, f"),
    }
    assert all(f.code != "E501" for f in report.new), report.summary()
    assert report.reformatted == ("pkg/moved.py",)
    assert not report.types_added and not report.types_removed, report.summary()
    assert report.counts()["format files"] == 1


def test_the_sample_project_is_clean_before_a_split() -> None:
    """tests/data/ledger: ruff-, format- and mypy --strict-clean, and its tests pass."""
    snap = snapshot(LEDGER, ["ledger", "tests"], tools=("ruff", "format", "mypy"))
    assert not snap.failures and not snap.findings, [str(f) for f in snap.findings]
    assert snap.style.file("ruff") == LEDGER / "pyproject.toml"
    assert pytest_passed(LEDGER) == 7


def _no_new_findings(
    source: Path, tmp_path: Path, targets: list[str], allowed: tuple[str, ...] = ()
) -> Report:
    # the project's own linters: ruff (configured, or the default set), flake8 when it is
    # configured (pyflakes through it); bare pyflakes is not these projects' linter
    tools = ("ruff", "flake8", "format", "isort", "mypy")
    pristine = tmp_path / "before" / source.name  # beside the split copy: the same parent
    shutil.copytree(source, pristine, ignore=shutil.ignore_patterns("__pycache__"))
    before = snapshot(pristine, targets, tools=tools)  # configs (mypy's) are found alike
    after = snapshot(split_copy(source, tmp_path / "after" / source.name), targets, tools=tools)
    report = compare(before, after)
    assert not report.failures, report.failures
    new = [f for f in report.new if f.code not in allowed]
    assert not new and not report.reformatted and not report.types_changed, report.summary()
    return report


def test_splitting_the_sample_project_adds_no_finding(tmp_path: Path) -> None:
    _no_new_findings(LEDGER, tmp_path, ["ledger", "tests"])


def test_splitting_a_project_linted_by_flake8_adds_no_finding(tmp_path: Path) -> None:
    """The sample, linted by flake8 too: pyflakes takes no `X as X` as a re-export, so the
    facade's re-exports that `__all__` does not list carry a targeted `# noqa: F401`."""
    source = tmp_path / "flaked" / "ledger"
    shutil.copytree(LEDGER, source, ignore=shutil.ignore_patterns("__pycache__"))
    (source / "setup.cfg").write_text("[flake8]\nmax-line-length = 88\nextend-ignore = E203\n")
    _no_new_findings(source, tmp_path / "split", ["ledger", "tests"])
    facade = (tmp_path / "split" / "after" / "ledger" / "ledger" / "core" / "__init__.py")
    assert "import _round_amount as _round_amount  # noqa: F401\n" in facade.read_text()


def test_splitting_a_project_sorted_by_isort_adds_no_finding(tmp_path: Path) -> None:
    """The sample, sorted by standalone isort (profile black) instead of ruff's I rules:
    the facade's grouped `X as X` imports sit in an `# isort: off`/`on` block that isort
    leaves alone, sorted as isort sorts."""
    source = tmp_path / "isorted" / "ledger"
    shutil.copytree(LEDGER, source, ignore=shutil.ignore_patterns("__pycache__"))
    pyproject = source / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"W", "I", "UP"', '"W", "UP"'))
    (source / ".isort.cfg").write_text("[settings]\nprofile = black\nknown_first_party = ledger\n")
    subprocess.run([sys.executable, "-m", "isort", "--quiet", "ledger", "tests"], cwd=source,
                   check=True)  # isort orders `Decimal as Decimal` apart from ruff
    config = source / "godsplit.toml"  # a module facade beside a package: no `__all__`
    config.write_text(config.read_text().replace(
        'source = "ledger/core.py"\n', 'source = "ledger/core.py"\npackage = "ledger/books"\n'))
    snap = snapshot(source, ["ledger", "tests"], tools=("isort",))
    assert snap.style.sorter == "isort" and not snap.findings, [str(f) for f in snap.findings]
    _no_new_findings(source, tmp_path / "split", ["ledger", "tests"])
    facade = (tmp_path / "split" / "after" / "ledger" / "ledger" / "core.py").read_text()
    # short names: one `X as X` statement a line is shorter than grouping them by module
    assert "from ledger.books.reports import trial_balance as trial_balance\n" in facade


LONG_NAMES = [f"{verb}_{thing}_for_tenants" for verb in ("process", "refresh")
              for thing in ("daily_journal", "weekly_reports", "escalations")]


@pytest.mark.parametrize("sorter", ["isort", "ruff"])
def test_a_facade_of_long_names_groups_them_by_module(sorter: str, tmp_path: Path) -> None:
    """Names whose `X as X` line would wrap onto three lines: the facade imports them one
    statement per module, in an `# isort: off`/`on` block sorted as the project's sorter
    sorts (standalone isort, or ruff's isort), and the split adds no finding."""
    functions = "".join(f"\n\ndef {name}() -> int:\n    return {i}\n"
                        for i, name in enumerate(LONG_NAMES))
    source = tmp_path / "source" / "proj"
    config = ({".isort.cfg": "[settings]\nprofile = black\nknown_first_party = pkg\n"}
              if sorter == "isort" else
              {"ruff.toml": '[lint]\nselect = ["E", "F", "I"]\n'})
    make_project(source, {"pkg/__init__.py": "", **config,
                          "pkg/big.py": f'"""Big."""\n\nimport os\nfrom typing import Any\n{functions}'},
                 config='[[split]]\nsource = "pkg/big.py"\npackage = "pkg/parts"\n[split.modules]\n'
                        f'daily = ["{LONG_NAMES[0]}", "{LONG_NAMES[3]}"]\n'
                        'rest = ["process_*", "refresh_*"]\n')
    _no_new_findings(source, tmp_path / "split", ["pkg"])
    facade = (tmp_path / "split" / "after" / "proj" / "pkg" / "big.py").read_text()
    assert detect_style(source / "pkg" / "big.py").sorter == sorter
    assert "\n# isort: off\nimport os as os\nimport sys as _godsplit_sys\n" in facade, facade
    assert (f"from .parts.daily import (\n    {LONG_NAMES[0]} as {LONG_NAMES[0]},\n"
            f"    {LONG_NAMES[3]} as {LONG_NAMES[3]},\n)\n") in facade, facade


@pytest.mark.skipif(not FIXTURE.is_dir(), reason="fixture project missing")
def test_splitting_the_fixture_adds_no_finding(tmp_path: Path) -> None:
    # no config: ruff 0.17's default rules plus I and E501. Among them PLC0414: the module
    # facades' `X as X` re-exports carry a file-level noqa for it. What is added: the
    # source's deprecated `from typing import Callable, Iterable` (UP035), now also in
    # each new module that uses those names, and in the facade's rewritten import (the
    # lines' text differs, so they do not count as moved): 5 on the fixture
    report = _no_new_findings(FIXTURE, tmp_path, ["."], allowed=("UP035",))
    assert all(f.text.startswith("from typing import") for f in report.new), report.summary()


@pytest.mark.skipif(not FIXTURE.is_dir(), reason="fixture project missing")
def test_autofix_and_format_after_the_split_keep_the_fixture_working(tmp_path: Path) -> None:
    pytest.importorskip("django")
    pytest.importorskip("celery")
    root = split_copy(FIXTURE, tmp_path / "intelliwiz", commit=True)
    ruff = [sys.executable, "-m", "ruff"]
    # ruff's own default rules plus I and E501: PLC0414's unsafe fix would drop the
    # facades' `X as X` aliases, and F401 the imports, without the facades' file-level noqa
    subprocess.run([*ruff, "check", "--fix", "--unsafe-fixes", "--exit-zero", "--no-cache",
                    *RUFF_DEFAULTS, "."], cwd=root, capture_output=True, check=True)
    subprocess.run([*ruff, "format", "--isolated", "--no-cache", "."], cwd=root,
                   capture_output=True, check=True)
    assert pytest_passed(root) == 128
    godsplit(root, "verify")  # the facades still export every name they had at HEAD


@pytest.mark.network
@pytest.mark.skipif(os.environ.get("GODSPLIT_NETWORK") != "1", reason="GODSPLIT_NETWORK=1")
@pytest.mark.parametrize("name", ["click", "more-itertools"])
def test_splitting_real_libraries_adds_no_finding(name: str, tmp_path: Path) -> None:
    """click 8.1.8 (ruff, mypy --strict; the hand mapping of benchmarks/realworld) and
    more-itertools 11.2.1 (ruff, ruff format, mypy with .pyi stubs; `godsplit suggest`)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import lint_quality

    report = lint_quality.measure(name, tmp_path, pyright=False)
    assert not report.failures, report.failures
    new = [f for f in report.new if f.tool != "pyflakes"]  # both lint with ruff, not pyflakes
    assert not new and not report.reformatted and not report.types_changed, report.summary()


FLAKE8_ONLY = '''"""Jobs."""
import os


# Helpers
def _normalised_path_of_the_tenant_export(name):
    return os.sep + name


def export_one(name):
    return _normalised_path_of_the_tenant_export(name)


def export_two(name):
    return export_one(name) + _normalised_path_of_the_tenant_export(name)


def export_three(name):
    return export_two(name) + export_one(name)
'''


def test_a_project_with_only_flake8_at_80_columns_gets_no_new_finding(tmp_path: Path) -> None:
    """readthedocs.org: flake8 with max-line-length 80 and no formatter godsplit reads
    (yapf). The generated code is written for 80 columns, not ruff format's 88; a re-export
    its `# noqa: F401` makes too long is wrapped by the sorter, or also carries E501 where
    the sorter leaves it whole (isort 6+); the runtime code and its comments fit 79; a
    comment leading into a def after the imports gets two blank lines (E302)."""
    source = tmp_path / "source" / "proj"
    make_project(source, {"pkg/__init__.py": "", "pkg/jobs.py": FLAKE8_ONLY,
                          ".flake8": "[flake8]\nmax-line-length = 80\n"},
                 '[[split]]\nsource = "pkg/jobs.py"\nfacade = "live"\n[split.modules]\n'
                 'one = ["_normalised_path_of_the_tenant_export", "export_one", "export_three"]\n'
                 'two = ["export_two"]\n')
    before = snapshot(source, ["pkg"], tools=("flake8",))
    assert not before.findings and not before.failures, [str(f) for f in before.findings]
    after_root = split_copy(source, tmp_path / "after" / "proj")
    after = snapshot(after_root, ["pkg"], tools=("flake8",))
    assert not after.failures and not after.findings, [str(f) for f in after.findings]
    facade = (after_root / "pkg" / "jobs" / "__init__.py").read_text()
    assert "_normalised_path_of_the_tenant_export as _normalised_path_of_the_tenant_export" in facade
    assert "# godsplit: live facade" in facade
    assert "import os\n\n\n# Helpers\ndef" in (after_root / "pkg/jobs/one.py").read_text()


PRETIX_STYLE = {
    # pretix's src/setup.cfg: isort wraps at 79 with combine_as_imports; flake8 at 160
    "setup.cfg": "[isort]\ncombine_as_imports = true\ninclude_trailing_comma = true\n"
                 "known_first_party = pkg\nmulti_line_output = 5\nline_length = 79\n"
                 "honor_noqa = true\n\n[flake8]\nmax-line-length = 160\n",
    "pkg/__init__.py": "",
    "pkg/checkin_answers.py": "def _save_the_answers(p):\n    return p\n",
    "pkg/cart.py": '''"""Cart."""
from gettext import (
    dgettext, dngettext, gettext as _, ldgettext, lgettext, ngettext,
)

from pkg.checkin_answers import _save_the_answers


class CartError(Exception):
    pass


def clear_cart(n):
    raise CartError(_("gone") + ngettext("a", "b", n))


def add_to_cart(p):
    return _save_the_answers(p), dgettext, dngettext, ldgettext, lgettext
''',
}


def test_a_facade_under_isort_combine_as_at_79_columns_passes_isort_check(
    tmp_path: Path,
) -> None:
    """pretix's cart.py: the facade's unused `gettext as _` (a `# noqa: F401` statement of
    its own) is merged into `from gettext import ngettext` by isort's second pass only, and
    the re-export its noqa makes longer than 79 is wrapped by isort: the project's `isort
    --check` and flake8 find nothing new in what godsplit writes."""
    source = make_project(tmp_path / "source" / "proj", PRETIX_STYLE,
                          '[[split]]\nsource = "pkg/cart.py"\n[split.modules]\n'
                          'errors = ["CartError", "clear_cart"]\nadd = ["add_to_cart"]\n')
    before = snapshot(source, ["pkg"], tools=("flake8", "isort"))  # pretix's own linters
    after = split_copy(source, tmp_path / "after" / "proj")
    report = compare(before, snapshot(after, ["pkg"], tools=("flake8", "isort")))
    assert not report.failures and not report.new and not report.reformatted, report.summary()
    check = subprocess.run([sys.executable, "-m", "isort", "--check", "--diff", "pkg"], cwd=after,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    facade = (after / "pkg" / "cart" / "__init__.py").read_text()
    assert "from gettext import (  # noqa: F401\n    dgettext, dngettext, gettext as _," in facade
    assert ("from pkg.checkin_answers import (  # noqa: F401\n"
            "    _save_the_answers as _save_the_answers,\n)\n") in facade, facade
