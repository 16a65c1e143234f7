"""Round 23 (trial23b): `godsplit check` and pre-commit's top-level `exclude`.

CourtListener's `.pre-commit-config.yaml` starts with `exclude: migrations`, and its ruff
configuration excludes nothing. Its `godsplit-check` hook is never given a migration, but
`godsplit check cl/search` run by hand listed 7 generated migrations (600 to 1,039 lines),
each with "godsplit suggest cl/search/migrations/0011_....py" as the way out. The gate now
skips the files pre-commit's top-level `exclude` keeps from every hook (`re.search` on
the path from the repository's top, files only)."""

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


COURTLISTENER = "exclude: migrations\ndefault_language_version:\n  python: python3.13\nrepos: []\n"


def test_a_migration_pre_commit_excludes_is_not_gated(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, {"godsplit.toml": "max-lines = 10\n", ".pre-commit-config.yaml": COURTLISTENER,
                     "cl/search/migrations/0011_add_event_tables.py": lines(30),
                     "cl/search/tasks.py": lines(30), "cl/search/models.py": lines(3)})
    result = run_check(load_config(None, tmp_path), CheckOptions())
    assert [m.path for m in result.modules] == ["cl/search/tasks.py"]
    assert result.files_checked == 2
    # named on the command line too: pre-commit would not have passed it
    assert targets(tmp_path, paths=(tmp_path / "cl/search/migrations/0011_add_event_tables.py",)) == []


def test_a_verbose_block_pattern_from_a_subproject(tmp_path: Path) -> None:
    # the gate's config in a subdirectory: the pattern is matched from the repository top
    (tmp_path / ".git").mkdir()
    write(tmp_path, {
        ".pre-commit-config.yaml": ("exclude: |\n  (?x)^(\n    api/gen/.*|\n"
                                    "    .*/vendored\\.py\n  )$\nrepos: []\n"),
        "api/godsplit.toml": "", "api/gen/a.py": "", "api/app/vendored.py": "",
        "api/app/models.py": "", "api/app/vendored_not.py": "",
    })
    assert targets(tmp_path / "api") == ["app/models.py", "app/vendored_not.py"]


def test_a_quoted_pattern_a_hook_level_exclude_and_no_repository(tmp_path: Path) -> None:
    config = ("repos:\n  - repo: local\n    hooks:\n      - id: x\n        exclude: models\n"
              "exclude: '^gen/'  # generated\n")
    write(tmp_path, {"godsplit.toml": "", ".pre-commit-config.yaml": config,
                     "gen/a.py": "", "app/gen/b.py": "", "app/models.py": ""})
    # outside a repository pre-commit does not run: nothing is skipped for it
    assert targets(tmp_path) == ["app/gen/b.py", "app/models.py", "gen/a.py"]
    (tmp_path / ".git").mkdir()
    # only the top-level key counts (a hook's own `exclude` is that hook's)
    assert targets(tmp_path) == ["app/gen/b.py", "app/models.py"]
