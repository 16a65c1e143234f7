"""Round 22 (smalls22): `godsplit check` and the files the project's ruff excludes.

Plane's ruff config excludes `**/migrations/*`; the gate still listed its 622-line
generated migration as over the limit and suggested splitting it. Code the project does
not lint is not code it keeps small: the gate skips what ruff's `exclude` and
`extend-exclude` skip, as it skips its own `exclude`."""

from __future__ import annotations

from pathlib import Path

from godsplit.config import load_config
from godsplit.sizegate.core import CheckOptions, find_targets, run_check


def lines(n: int) -> str:
    return "".join(f"x{i} = {i}\n" for i in range(n))


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def targets(root: Path, **options: object) -> list[str]:
    found = find_targets(load_config(None, root), CheckOptions(**options))  # type: ignore[arg-type]
    return sorted(rel for _, rel in found)


PLANE = '[tool.ruff]\nexclude = [".git", "venv", "**/migrations/*"]\nline-length = 120\n'


def test_a_migration_ruff_excludes_is_not_gated(tmp_path: Path) -> None:
    write(tmp_path, {"godsplit.toml": "max-lines = 10\n", "pyproject.toml": PLANE,
                     "plane/db/migrations/0021_auto.py": lines(30),
                     "plane/bgtasks/tasks.py": lines(30), "plane/db/models.py": lines(3)})
    result = run_check(load_config(None, tmp_path), CheckOptions())
    assert [m.path for m in result.modules] == ["plane/bgtasks/tasks.py"]
    assert result.files_checked == 2
    # named on the command line too (ruff's pre-commit hook runs with --force-exclude)
    assert targets(tmp_path, paths=(tmp_path / "plane/db/migrations/0021_auto.py",)) == []


def test_extend_exclude_and_a_config_above_the_root(tmp_path: Path) -> None:
    # the gate's config in a subproject; ruff's in the repository above it, whose
    # patterns are relative to their own directory; `extend` adds its own
    (tmp_path / ".git").mkdir()
    write(tmp_path, {
        "ruff.toml": 'extend = "base.toml"\nextend-exclude = ["apps/api/gen/"]\n',
        "base.toml": 'exclude = ["**/migrations/*"]\nextend-exclude = ["vendored.py"]\n',
        "apps/api/godsplit.toml": "max-lines = 10\n",
        "apps/api/gen/a.py": "", "apps/api/app/migrations/0001.py": "",
        "apps/api/app/vendored.py": "", "apps/api/app/models.py": "",
    })
    assert targets(tmp_path / "apps/api") == ["app/models.py"]


def test_a_nearer_exclude_replaces_the_extended_one(tmp_path: Path) -> None:
    write(tmp_path, {"godsplit.toml": "", "base.toml": 'exclude = ["**/migrations/*"]\n',
                     ".ruff.toml": 'extend = "base.toml"\nexclude = ["build_x"]\n',
                     "app/migrations/0001.py": "", "build_x/m.py": "", "app/m.py": ""})
    assert targets(tmp_path) == ["app/m.py", "app/migrations/0001.py"]


def test_without_ruff_excludes_everything_is_gated(tmp_path: Path) -> None:
    write(tmp_path, {"godsplit.toml": "", "pyproject.toml": "[tool.ruff]\nline-length = 99\n",
                     "app/migrations/0001.py": "", "app/m.py": ""})
    assert targets(tmp_path) == ["app/m.py", "app/migrations/0001.py"]
