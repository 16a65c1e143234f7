"""Round 23 (smalls23): `godsplit check` skips what the project's linters skip, as they
skip it (README item 19(d)).

- A nested ruff config (a monorepo's `apps/api/pyproject.toml` below `godsplit.toml`)
  governs its subtree, as ruff's own hierarchy does: its excludes apply there, and
  (not extending the one above) it replaces the excludes above it.
- flake8's `exclude`/`extend-exclude` (setup.cfg, tox.ini, .flake8), matched as flake8
  does (basename or absolute path, `fnmatch`).
- A project configured for both linters: skipped only when both skip it.
- A baselined file that an exclude now covers no longer vanishes from the report silently.

The expected file lists were checked against ruff 0.17.6 (`ruff check --show-files`) and
flake8 7.4.1 (which files it reports) on these trees.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from godsplit.cli import main
from godsplit.config import load_config
from godsplit.sizegate.core import CheckOptions, find_targets, update_baseline


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def targets(root: Path, *paths: Path) -> list[str]:
    found = find_targets(load_config(None, root), CheckOptions(paths=paths))
    return sorted(rel for _, rel in found)


def lines(n: int) -> str:
    return "".join(f"x{i} = {i}\n" for i in range(n))


def test_a_nested_ruff_config_governs_its_subtree(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, {
        "godsplit.toml": "",
        "pyproject.toml": '[tool.ruff]\nextend-exclude = ["**/migrations/*"]\n',
        # the monorepo's app: its own ruff config, which excludes its generated code
        "apps/api/pyproject.toml": '[tool.ruff]\nextend-exclude = ["gen"]\n',
        "apps/api/gen/schema.py": "", "apps/api/db/migrations/0001.py": "",
        "apps/api/db/models.py": "",
        # a config that extends the one above keeps its excludes too
        "apps/web/ruff.toml": 'extend = "../../pyproject.toml"\nline-length = 99\n',
        "apps/web/db/migrations/0001.py": "", "apps/web/views.py": "",
        # not a ruff config: the root's excludes still apply below it
        "libs/core/pyproject.toml": '[project]\nname = "core"\n',
        "libs/core/migrations/0001.py": "", "libs/core/api.py": "",
        "db/migrations/0001.py": "",
    })
    expected = ["apps/api/db/migrations/0001.py", "apps/api/db/models.py",
                "apps/web/views.py", "libs/core/api.py"]
    assert targets(tmp_path) == expected
    # the walk started below the root, and files named on the command line, alike
    assert targets(tmp_path, tmp_path / "apps/api") == expected[:2]
    assert targets(tmp_path, tmp_path / "apps/api/gen/schema.py",
                   tmp_path / "apps/api/db/models.py") == ["apps/api/db/models.py"]


def test_a_nested_ruff_config_without_excludes_lints_its_subtree(tmp_path: Path) -> None:
    write(tmp_path, {"godsplit.toml": "",
                     "ruff.toml": 'extend-exclude = ["**/migrations/*"]\n',
                     "sub/pyproject.toml": "[tool.ruff]\nline-length = 100\n",
                     "sub/migrations/m.py": "", "a/migrations/m.py": "", "a/k.py": ""})
    assert targets(tmp_path) == ["a/k.py", "sub/migrations/m.py"]


FLAKE8 = ("[flake8]\nmax-line-length = 120\nexclude =\n    .git,\n    */migrations/*,\n"
          "    vendor,\n    docs/conf.py\nextend_exclude = pkg/sub/gen_*.py, build_x\n")
FLAKE8_TREE = ["app/migrations/0001.py", "app/m.py", "vendor/x/v.py", "docs/conf.py",
               "docs/other.py", "pkg/sub/gen_a.py", "pkg/sub/real.py", "pkg/gen_b.py",
               "build_x/b.py"]


@pytest.mark.parametrize("name", ["setup.cfg", "tox.ini", ".flake8"])
def test_flake8_excludes_are_skipped_as_flake8_skips_them(tmp_path: Path, name: str) -> None:
    write(tmp_path, {"godsplit.toml": "", name: FLAKE8, **{f: "" for f in FLAKE8_TREE}})
    assert targets(tmp_path) == ["app/m.py", "docs/other.py", "pkg/gen_b.py", "pkg/sub/real.py"]


def test_a_setup_cfg_without_a_flake8_section_is_not_flake8s(tmp_path: Path) -> None:
    write(tmp_path, {"godsplit.toml": "", "setup.cfg": "[tool:pytest]\nexclude = app\n",
                     "app/m.py": ""})
    assert targets(tmp_path) == ["app/m.py"]


@pytest.mark.parametrize(("ruff", "expected"), [
    ('extend-exclude = ["**/migrations/*"]', ["app/m.py", "vendor/v.py"]),
    # ruff configured without excludes: it lints everything, so nothing is skipped
    ("line-length = 99", ["app/m.py", "app/migrations/0001.py", "vendor/v.py"]),
])
def test_with_both_linters_a_file_is_skipped_only_when_both_skip_it(
    tmp_path: Path, ruff: str, expected: list[str],
) -> None:
    write(tmp_path, {"godsplit.toml": "",
                     "setup.cfg": "[flake8]\nexclude = */migrations/*,vendor\n",
                     "pyproject.toml": f"[tool.ruff]\n{ruff}\n",
                     "app/migrations/0001.py": "", "vendor/v.py": "", "app/m.py": ""})
    assert targets(tmp_path) == expected


def test_a_baselined_file_now_excluded_is_said_and_update_drops_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    write(tmp_path, {"godsplit.toml": 'max-lines = 10\nbaseline = "base.json"\n',
                     "app/migrations/0001.py": lines(30), "app/big.py": lines(30),
                     "other/big.py": lines(30)})
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["check", "--update-baseline"]).exit_code == 0
    recorded = json.loads((tmp_path / "base.json").read_text())
    assert "app/migrations/0001.py" in json.dumps(recorded)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ruff]\nextend-exclude = ["**/migrations/*"]\n')
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert ("1 baselined file now excluded, not checked (app/migrations/0001.py)"
            in result.output), result.output
    # checking another directory: the migration is not under it, so nothing to say
    result = CliRunner().invoke(main, ["check", "other"])
    assert "now excluded" not in result.output
    update = update_baseline(load_config(None, tmp_path), CheckOptions(), tmp_path / "base.json")
    assert update.removed == ("app/migrations/0001.py",)
    assert "now excluded" not in CliRunner().invoke(main, ["check"]).output
