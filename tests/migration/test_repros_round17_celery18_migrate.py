"""Round 17 (celery18): `migrate` on paperless-ngx's tests, which ruff formats for
`target-version = "py311"` and lints with `COM` (flake8-commas): the rewritten file must
pass the project's `ruff format --check` and `ruff check` again."""

from __future__ import annotations

import subprocess
from pathlib import Path

from test_migrate_forms import left, migrated

from godsplit.split.ruff_tool import ruff_binary

PY311 = '[tool.ruff]\ntarget-version = "py311"\nline-length = 88\n'


def _ruff(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ruff_binary(), *args, "app/use.py"], cwd=root, capture_output=True,
                          text=True, env={"RUFF_NO_CACHE": "true", "PATH": ""}, check=False)


def test_a_with_of_two_patches_is_formatted_for_the_projects_python(tmp_path: Path) -> None:
    """paperless-ngx's `test_tasks.py`: a patch of a name two new modules look up becomes
    two patches in one `with`, which ruff's formatter parenthesizes for Python 3.9+. It
    was formatted for Python 3.8 whatever the project declared, so `ruff format --check`
    failed on the file right after `migrate`."""
    (tmp_path / "pyproject.toml").write_text(PY311)
    after, _ = migrated(tmp_path, """
        from unittest import mock


        def test_a():
            with mock.patch("pkg.big.Thing.first_attribute") as x, mock.patch("pkg.big.b"):
                pass
    """)
    assert "    with (\n" in after
    assert _ruff(tmp_path, "format", "--check").returncode == 0, after


def test_requires_python_is_the_declared_python(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "p"\nrequires-python = ">=3.10"\n\n[tool.ruff]\nline-length = 88\n')
    after, _ = migrated(tmp_path, """
        from unittest import mock


        def test_a():
            with mock.patch("pkg.big.Thing.first_attribute") as x, mock.patch("pkg.big.b"):
                pass
    """)
    assert "    with (\n" in after


def test_a_call_the_formatter_wraps_gets_the_trailing_comma_com812_wants(tmp_path: Path) -> None:
    """paperless-ngx: `return mocker.patch("documents.tasks.sanity_checker.check_sanity")`
    grew past 88 columns; ruff's formatter wraps a lone argument without a trailing comma,
    which the project's COM812 reports (its pre-commit `ruff check --fix` adds it)."""
    (tmp_path / "pyproject.toml").write_text(PY311 + '\n[tool.ruff.lint]\nextend-select = ["COM"]\n')
    after, _ = migrated(tmp_path, """
        def mock_thing(mocker):
            return mocker.patch("pkg.big.Thing.attribute_with_a_much_much_longer_name_xyz")
    """)
    assert '        "pkg.parts.alpha.Thing.attribute_with_a_much_much_longer_name_xyz",\n' in after
    assert _ruff(tmp_path, "check", "--no-fix").returncode == 0, after
    assert _ruff(tmp_path, "format", "--check").returncode == 0, after


def test_code_in_a_string_importing_the_new_modules_is_not_a_use(tmp_path: Path) -> None:
    """paperless-ngx's `test_lazy_imports.py` runs `import documents.tasks` in a fresh
    interpreter (code in a string, left for a person). Edited by hand to import the new
    modules, it was still counted as a use of the old module, so `retire` refused for ever.
    The old module's own import is still a use."""
    _, result = migrated(tmp_path, """
        CODE = "import pkg.big.alpha  # noqa: F401\\nfrom pkg.big import beta, gamma as g\\n"
        OLD = "import os, sys\\nimport pkg.big\\n"
    """, layout="package")
    assert left(result) == [(2, "module", "pkg.big")]
