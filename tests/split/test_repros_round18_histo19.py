"""Round 18 (histo19): found applying the maintainers' grouping of mypy's `main.py` split
(benchmarks/maintainers/mypy-main.toml) with benchmarks/maintainers_apply.py."""

from __future__ import annotations

from pathlib import Path

from splitkit import apply, make_project, plan_texts, ruff_check, same_behaviour

# mypy's `main.py` (0.701): `MYPY = False` / `if MYPY: from typing_extensions import Final`,
# and a top-level loop (`for a, b in flag_prefix_pairs:`) whose variables move, so the
# facade's `__all__` is not a plain list and `import *` is read from what it binds. The
# flag moving to a new module made the old module's `if MYPY:` look like code that runs
# (the new module was not on disk yet to say `MYPY = False`): a false GS113 ("`import *`
# gained Final"), though the import check found the same `import *`.
GUARDED = """
    MYPY = False
    if MYPY:
        from typing_extensions import Final

    PAIRS = [("allow", "disallow")]  # type: Final
    FLIPPED = {}  # type: Final
    for a, b in PAIRS:
        FLIPPED[a] = b


    def parse(text):
        return text.split()[: len(PAIRS)]


    def show(text):
        return " ".join(parse(text))
"""
MODULES = {"flags": ["MYPY", "a", "b"], "parsing": ["parse"]}
KEEP = ["PAIRS", "FLIPPED", "show"]


def test_a_moved_mypy_flag_still_guards_the_old_modules_block(tmp_path: Path) -> None:
    config = make_project(tmp_path, GUARDED, MODULES, keep=KEEP, **{"verify-import": False})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    assert "if MYPY:" in texts["pkg/big/__init__.py"]
    # (round 18, trial19a: the module's own flag is copied where its block is, not moved)
    assert "MYPY = False\nif MYPY:" in texts["pkg/big/__init__.py"]


def test_the_split_with_a_moved_mypy_flag_behaves_the_same(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, GUARDED, MODULES, """
        from pkg.big import *
        import pkg.big as big
        print(sorted(n for n in dir() if not n.startswith("_")))
        print("Final" in vars(big), big.show("x y z"), big.FLIPPED)
    """, keep=KEEP)
    assert "False x {'allow': 'disallow'}" in out


# beets 2.3.0 (`[tool.ruff.lint] select = [..., "TCH", ...]`): the maintainers' grouping of
# `importer.py`, applied by benchmarks/realworld.py, left `from beets.importer.session
# import ImportSession` (read only in annotations, at run time on purpose) unmarked, and
# the project's ruff reported TC001 twice. Ruff renamed flake8-type-checking's TCH codes to
# TC (0.8) and still reads `TCH` as `TC`; godsplit took `TCH` for another prefix, so it saw
# TC001 as not selected and wrote no targeted noqa.
ANNOTATED = """
    from __future__ import annotations


    class Session:
        name = "s"


    def describe(session: Session) -> str:
        return "session"
"""


def test_ruffs_old_tch_prefix_selects_tc001_for_the_targeted_noqa(tmp_path: Path) -> None:
    files = {"pyproject.toml": '[tool.ruff.lint]\nselect = ["F", "I", "TCH"]\n'}
    config = make_project(tmp_path, ANNOTATED, {"session": ["Session"], "uses": ["describe"]},
                          files=files)
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    assert "from .session import Session  # noqa: TC001\n" in texts["pkg/big/uses.py"], \
        texts["pkg/big/uses.py"]


def test_an_absolute_import_of_a_new_module_is_marked_as_ruff_reports_it_once_written(
        tmp_path: Path) -> None:
    # beets writes absolute imports: ruff, asked while `pkg/big.py` still stands where the
    # package `pkg/big/` will be, calls `pkg.big.session` third-party (TC002); once the
    # split is written it is first-party, and ruff reports TC001 on the line marked TC002
    files = {"pyproject.toml": '[tool.ruff.lint]\nselect = ["F", "I", "TC", "RUF100"]\n'}
    config = make_project(tmp_path, ANNOTATED, {"session": ["Session"], "uses": ["describe"]},
                          files=files, **{"import-style": "absolute"})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    uses = texts["pkg/big/uses.py"]
    assert "from pkg.big.session import Session  # noqa: TC001\n" in uses, uses
    result = apply(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    found = ruff_check(tmp_path, "pkg/big")
    assert found.returncode == 0, found.stdout
