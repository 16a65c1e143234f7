"""Round 9: the generated code of the round-7/8 real-library splits, linted under each
project's own config (benchmarks/lint_realworld.py). Each finding a maintainer would
reject, as a minimal `pkg/big.py` with the project's config: split, then the project's
rule checked on what godsplit wrote (the pinned ruff), and the behaviour compared where
the fix touches runtime code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from godsplit.split.normalize import Block, normalize
from godsplit.split.style import detect_style

from splitkit import apply, dedent, make_project, plan_texts
from splitkit import same_behaviour as _same


def ruff_codes(root: Path, *paths: str) -> list[tuple[str, str]]:
    """(file, code) of each finding the project's ruff config reports in `paths`."""
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--output-format", "json", "--no-cache",
         "--exit-zero", *paths], cwd=root, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return [(Path(f["filename"]).relative_to(root).as_posix(), f["code"])
            for f in json.loads(proc.stdout)]


def split_and_lint(root: Path, source: str, modules: dict[str, list[str]], pyproject: str,
                   **split: object) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Apply the split of `source` in a project with `pyproject`: the files written, and
    what its ruff reports in the package the god file became."""
    config = make_project(root, source, modules, files={"pyproject.toml": pyproject}, **split)
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    assert apply(config).written
    return texts, ruff_codes(root, "pkg/big")


DUNDER_FIRST = """
    import sys

    __all__ = ["first"]


    def first():
        return sys.platform


    if sys.version_info >= (3,):
        def extra():
            return 2

        __all__.append("extra")
"""


def test_reexports_after_a_kept_dunder_all_carry_no_e402_noqa(tmp_path: Path) -> None:
    """typing_extensions: a new module appends to `__all__`, so the facade keeps
    `__all__ = [...]` before its re-exports, and each re-export carried `# noqa: E402`.
    pycodestyle and ruff let a dunder assignment come before imports: E402 is never
    reported there, and ruff's RUF100 reported 47 unused noqa comments."""
    pyproject = '[tool.ruff.lint]\nselect = ["E", "F", "I", "RUF100"]\n'
    texts, found = split_and_lint(tmp_path, DUNDER_FIRST, {"one": ["first"], "two": ["extra"]},
                                  pyproject)
    facade = texts["pkg/big/__init__.py"]
    assert facade.index("__all__ = [") < facade.index("from .one import first")
    assert "noqa: E402" not in facade
    assert not found, found


def test_ruff_negated_per_file_ignores_apply_to_every_other_file(tmp_path: Path) -> None:
    """typing_extensions ignores E501 and B024 in every file but `src/typing_extensions.py`
    (`"!src/typing_extensions.py" = [...]`, ruff's negated pattern): the new modules are
    such files. godsplit read the pattern as a file name, so it thought E501 reported
    there and wrote `# noqa: E501` that ruff then called unused (RUF100). A leading `!`
    in flake8's per-file-ignores is no negation."""
    (tmp_path / "pyproject.toml").write_text(dedent("""
        [tool.ruff.lint]
        select = ["E", "B"]
        [tool.ruff.lint.per-file-ignores]
        "!pkg/big.py" = ["E501"]
    """))
    (tmp_path / "setup.cfg").write_text("[flake8]\nper-file-ignores = !odd.py:E501\n")
    style = detect_style(tmp_path / "pkg" / "big.py", stop=tmp_path)
    assert style.ruff is not None and style.flake8 is not None
    assert style.ruff.enables("E501", tmp_path / "pkg" / "big.py")
    assert not style.ruff.enables("E501", tmp_path / "pkg" / "big" / "one.py")
    assert style.ruff.enables("B024", tmp_path / "pkg" / "big" / "one.py")
    assert style.flake8.enables("E501", tmp_path / "pkg" / "big" / "one.py")


def test_lines_after_imports_is_the_projects(tmp_path: Path) -> None:
    """tomlkit sets ruff's `lines-after-imports = 2`: two blank lines after every import
    block, not only before a def. The new modules and the facade had one before other
    statements: I001 on three files."""
    source = """
        import os

        LIMIT = len(os.sep)


        def first():
            return LIMIT


        def second():
            return os.sep
    """
    pyproject = dedent("""
        [tool.ruff.lint]
        select = ["E", "F", "I"]
        [tool.ruff.lint.isort]
        lines-after-imports = 2
    """)
    texts, found = split_and_lint(tmp_path, source, {"one": ["LIMIT", "first"], "two": ["second"]},
                                  pyproject)
    assert "import os\n\n\nLIMIT = " in texts["pkg/big/one.py"]
    assert not found, found
    for name, setting, lines in (("set", "lines_after_imports = 2", 2),
                                 ("profile", "profile = attrs", 2), ("none", "profile = black", -1)):
        isort = tmp_path / "isort" / name
        isort.mkdir(parents=True)
        (isort / "setup.cfg").write_text(f"[isort]\n{setting}\n")
        assert detect_style(isort / "big.py", stop=isort).lines_after_imports == lines


MIXED_TYPE_CHECKING = """
    from __future__ import annotations

    from typing import TYPE_CHECKING, Any

    if TYPE_CHECKING:
        from collections import OrderedDict
        from decimal import Decimal
        from typing import Protocol

        class Encoder(Protocol):
            def __call__(self, value: Any, /) -> Decimal: ...


    ENCODERS: list[Encoder] = []


    def ordered(value: OrderedDict[str, int]) -> int:
        return len(value)
"""


def test_a_type_checking_block_with_a_class_is_filtered_in_new_modules(tmp_path: Path) -> None:
    """tomlkit's `if TYPE_CHECKING:` holds imports and `class Encoder(Protocol)`: such a
    block was copied whole into every new module that read one of its names, with
    imports the module does not use (F401 three times). A new module's copy keeps the
    classes it reads and the imports it or they read."""
    pyproject = '[tool.ruff.lint]\nselect = ["E", "F", "I"]\n'
    texts, found = split_and_lint(tmp_path, MIXED_TYPE_CHECKING,
                                  {"encoders": ["ENCODERS"], "dicts": ["ordered"]}, pyproject)
    encoders, dicts = texts["pkg/big/encoders.py"], texts["pkg/big/dicts.py"]
    assert "class Encoder(Protocol)" in encoders and "from decimal import Decimal" in encoders
    assert "OrderedDict" not in encoders
    assert "from collections import OrderedDict" in dicts
    assert "Encoder" not in dicts and "Decimal" not in dicts and "Protocol" not in dicts
    assert "class Encoder(Protocol)" in texts["pkg/big/__init__.py"]  # the facade's: whole
    assert not found, found


SHADOWED = """
    def item(value):
        return [value]


    def ref(value):
        return item(value)


    class Holder:
        def get(self):
            return ref(1)
"""


def test_generated_runtime_locals_do_not_shadow_the_modules_names(tmp_path: Path) -> None:
    """tomlkit has a function `item`; keep-module-name's runtime loops `for item in ...`
    in the facade, which imports `item` (F402, import shadowed by loop variable); the
    live facade's `for ref in ...` would do the same to a name `ref`. The runtime's
    locals that a module name would shadow get a trailing underscore."""
    pyproject = '[tool.ruff.lint]\nselect = ["E", "F", "PLW2901"]\n'
    modules = {"items": ["item", "ref"], "holders": ["Holder"]}
    texts, found = split_and_lint(tmp_path / "lint", SHADOWED, modules, pyproject,
                                  **{"keep-module-name": True})
    facade = texts["pkg/big/__init__.py"]
    assert "for item_ in" in facade and "for ref_ in" in facade
    assert not found, found
    code = """
        import pkg.big as m
        from unittest import mock
        print(m.item.__module__, m.Holder.__module__, m.Holder().get())
        with mock.patch.object(m, "ref", lambda v: "patched"):
            print(m.Holder().get())
    """
    out = _same(tmp_path / "run", SHADOWED, modules, code, **{"keep-module-name": True})
    assert out.split() == ["pkg.big", "pkg.big", "[1]", "patched"]


def test_a_generated_all_is_sorted_where_ruff_checks_it(tmp_path: Path) -> None:
    """A package facade gets an `__all__` (so `import *` does not export the new
    submodules), in the old module's order: RUF022 (unsorted `__all__`) on tomlkit,
    astroid and boltons. Where the project's ruff enables RUF022 it is sorted as ruff
    sorts it; `import *` gives the same names."""
    source = """
        import os

        ZETA = os.sep


        def beta():
            return ZETA


        class Alpha:
            pass


        def alpha():
            return Alpha()
    """
    pyproject = '[tool.ruff.lint]\nselect = ["E", "F", "I", "RUF022"]\n'
    modules = {"one": ["ZETA", "beta"], "two": ["Alpha", "alpha"]}
    texts, found = split_and_lint(tmp_path / "lint", source, modules, pyproject)
    assert "__all__ = [" in texts["pkg/big/__init__.py"]
    assert not found, found
    code = "from pkg.big import *\nprint(sorted(k for k in dir() if not k.startswith('__')))\n"
    assert "'Alpha', 'ZETA', 'alpha', 'beta', 'os'" in _same(tmp_path / "run", source, modules,
                                                             code)


def test_wrapped_generated_calls_get_the_trailing_comma_com812_asks_for(tmp_path: Path) -> None:
    """babel selects ruff's COM rules: the hand-over block a mixed cycle writes
    (`vars(sys.modules[...]).update(a=a, b=b)`), wrapped by the formatter onto one
    indented line without a trailing comma, is COM812 (6 on babel's suggest split).
    Where the project enables COM812, generated blocks get the comma, and are then
    formatted one argument a line, as the formatter does with a magic trailing comma."""
    (tmp_path / "pyproject.toml").write_text('[tool.ruff.lint]\nselect = ["E", "F", "COM"]\n')
    (tmp_path / "pkg").mkdir()
    style = detect_style(tmp_path / "pkg" / "big.py", stop=tmp_path)
    text = ('if "pkg.big.dates" in sys.modules:\n    vars(sys.modules["pkg.big.dates"]).update('
            "DateTimeFormat=DateTimeFormat, get_date_format=get_date_format)\n")
    [out] = normalize([Block(text)], style, tmp_path / "pkg" / "big.py", tmp_path)
    assert out.endswith("        get_date_format=get_date_format,\n    )\n"), out
    (tmp_path / "pkg" / "out.py").write_text("import sys\n\nDateTimeFormat = get_date_format "
                                             "= 1\n" + out)
    assert not ruff_codes(tmp_path, "pkg/out.py")
    other = tmp_path / "plain"
    (other / "pkg").mkdir(parents=True)
    (other / "pyproject.toml").write_text('[tool.ruff.lint]\nselect = ["E", "F"]\n')
    plain = detect_style(other / "pkg" / "big.py", stop=other)
    [out] = normalize([Block(text)], plain, other / "pkg" / "big.py", other)
    assert "get_date_format=get_date_format\n    )" in out  # the formatter's own form


def test_per_file_ignores_the_new_modules_do_not_get_are_a_warning(tmp_path: Path) -> None:
    """typing_extensions ignores B024 in every file but its god file, which carries a
    `# noqa: B024`: in the new module that comment is unused (RUF100), in moved code
    godsplit does not touch. A configuration that ignores rules for the split file's path
    (`"pkg/big.py" = ["E501"]`) loses them for the new modules. Only the configuration can
    fix either: GS120 says which. The common `"__init__.py" = ["F401"]` alone says
    nothing (no noqa of the source becomes unused)."""
    source = """
        import abc


        class Base(abc.ABC):  # noqa: B024
            pass


        def other():
            return Base
    """
    modules = {"one": ["Base"], "two": ["other"]}

    def gs120(name: str, pyproject: str) -> list[str]:
        config = make_project(tmp_path / name, source, modules,
                              files={"pyproject.toml": pyproject})
        plan, _ = plan_texts(config)
        return [f.message for f in plan.findings if f.code == "GS120"]

    [negated] = gs120("negated", '[tool.ruff.lint]\nselect = ["E", "B", "RUF100"]\n'
                      '[tool.ruff.lint.per-file-ignores]\n"!pkg/big.py" = ["B024"]\n')
    assert "B024 ignored: the source's noqa comments for them become unused" in negated
    [lost] = gs120("lost", '[tool.ruff.lint]\nselect = ["E", "B"]\n'
                   '[tool.ruff.lint.per-file-ignores]\n"pkg/big.py" = ["E501"]\n')
    assert "E501 no longer ignored" in lost and "(and 2 more new files)" in lost
    assert not gs120("init", '[tool.ruff.lint]\nselect = ["E", "F", "RUF100"]\n'
                     '[tool.ruff.lint.per-file-ignores]\n"__init__.py" = ["F401"]\n')
