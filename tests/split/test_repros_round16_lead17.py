"""Round 16, the lead's own findings: each bug a minimal `pkg/big.py`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from godsplit import api
from godsplit.types import GodsplitError

from splitkit import make_project, plan_texts, same_behaviour

# The comment above an import placed last in a module (a call-time cycle) said "used only
# inside functions" also where the names are read only in annotations, which is untrue.
ANNOTATION_CYCLE = """
    from __future__ import annotations


    class Account:
        def open(self) -> int:
            return audit()


    def audit(account: Account | None = None) -> int:
        return 1
"""


def test_a_deferred_import_read_only_by_annotations_says_so(tmp_path: Path) -> None:
    modules = {"accounts": ["Account"], "audits": ["audit"]}
    _, texts = plan_texts(make_project(tmp_path, ANNOTATION_CYCLE, modules))
    accounts, audits = texts["pkg/big/accounts.py"], texts["pkg/big/audits.py"]
    assert "imported last (an import cycle); used only inside functions.\n" in accounts
    assert "imported last (an import cycle); read only in annotations.\n" in audits
    assert "used only inside functions" not in audits
    printed = same_behaviour(tmp_path / "run", ANNOTATION_CYCLE, modules, """
        import typing
        import pkg.big
        hint = typing.get_type_hints(pkg.big.audit)["account"]
        print(pkg.big.Account().open(), hint.__args__[0] is pkg.big.Account)
    """)
    assert printed == "1 True\n"


# scipy's `stats/_discrete_distns.py` (a fifth installed environment): its `__all__` is
# computed from a snapshot of the namespace, `pairs = list(globals().copy().items())`.
# The plan moved that statement into a new module (0 errors), where it listed that
# module's names only: `import *` lost `binom`, and suggest found no mapping (GS405 at
# the import check, then GS406 in `scipy.stats`).
SNAPSHOT = """
    class Dist:
        pass


    class AGen(Dist):
        pass


    a = AGen()


    class BGen(Dist):
        pass


    b = BGen()
    pairs = list(globals().copy().items())
    names = [n for n, v in pairs if isinstance(v, Dist)]
    __all__ = names
"""


def test_a_snapshot_of_the_namespace_stays_in_the_old_module(tmp_path: Path) -> None:
    modules = {"agens": ["AGen", "a"], "bgens": ["BGen", "b"]}
    printed = same_behaviour(tmp_path, SNAPSHOT, modules, """
        from pkg.big import *
        import pkg.big
        print(sorted(pkg.big.__all__), type(b).__name__, len(pkg.big.pairs) > 4)
    """)
    assert printed == "['a', 'b'] BGen True\n"


def test_mapping_a_snapshot_of_the_namespace_is_refused(tmp_path: Path) -> None:
    modules = {"agens": ["AGen", "a"], "bgens": ["BGen", "b", "pairs", "names"]}
    plan, _ = plan_texts(make_project(tmp_path, SNAPSHOT, modules))
    assert [(f.code, f.line) for f in plan.errors] == [("GS101", 17), ("GS101", 18)]
    assert "finds the module it runs in (globals()" in plan.errors[0].message
    assert "it reads pairs while the module is imported" in plan.errors[1].message


MIDDLE = """
    class AGen:
        def make(self):
            return 1


    early = sorted(n for n in globals() if not n.startswith("_"))


    class BGen:
        pass
"""


def test_a_snapshot_before_names_that_move_is_refused_and_suggest_keeps_them(
    tmp_path: Path,
) -> None:
    plan, _ = plan_texts(make_project(tmp_path / "p", MIDDLE, {"a": ["AGen"], "b": ["BGen"]}))
    assert [(f.code, f.line) for f in plan.errors] == [("GS127", 6)]
    assert "(line 9 (BGen))" in plan.errors[0].message
    assert plan.errors[0].names == ("BGen",)
    # kept below it, the snapshot is the same (but for the package's new submodule, which
    # GS225 names)
    kept = make_project(tmp_path / "k", MIDDLE, {"a": ["AGen"]}, keep=["BGen"])
    plan, _ = plan_texts(kept)
    assert not plan.errors
    assert [f.code for f in plan.findings if f.code == "GS225"] == ["GS225"]
    assert "(a)" in next(f.message for f in plan.findings if f.code == "GS225")
    root = tmp_path / "s"
    make_project(root, MIDDLE, {"a": ["AGen"]})
    (root / "godsplit.toml").write_text("max-lines = 5\n")
    found = api.suggest(root / "pkg/big.py", config=root / "godsplit.toml", max_lines=5)
    assert found.errors == () and "BGen" in found.keep, found.notes


# bokeh's `palettes.py` (the fifth environment): `__palettes__: list[str] = []`, then a
# loop adding each palette's names to it. The dunder stayed in the old module (a module
# dunder moves only when mapped by name) and the loop moved: the new module read
# `__palettes__` unbound (GS411 at plan), and suggest found no mapping.
DUNDER_LOOP = """
    ALL = {"a": [1, 2], "b": [3]}


    def helper():
        return 1


    __names__: list[str] = []
    for key, values in sorted(ALL.items()):
        __names__ += [key + str(v) for v in values]
"""


def test_a_module_dunder_goes_with_the_loop_that_adds_to_it(tmp_path: Path) -> None:
    modules = {"tables": ["ALL"], "loops": ["key", "values"], "helpers": ["helper"]}
    printed = same_behaviour(tmp_path, DUNDER_LOOP, modules, """
        import pkg.big
        print(pkg.big.__names__, pkg.big.key)
    """)
    assert printed == "['a1', 'a2', 'b3'] b\n"
    root = tmp_path / "s"
    make_project(root, DUNDER_LOOP, {"a": ["ALL"]})
    (root / "godsplit.toml").write_text("max-lines = 4\n")
    found = api.suggest(root / "pkg/big.py", config=root / "godsplit.toml", max_lines=4)
    assert found.errors == (), found.notes


# psutil's `__init__.py` (the fifth environment): suggest kept all 73 names that could
# move (they run at import time with code that stays) and wrote an entry with no module,
# which `apply` then refused ("maps no names"). A suggestion that maps nothing is refused
# by suggest itself, saying why.
def test_a_suggestion_that_maps_nothing_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dataclasses import replace

    from godsplit.suggester import checked

    real = checked._suggest

    def everything_kept(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        return replace(found, modules=tuple(replace(m, mapped=()) for m in found.modules),
                       keep=("a", "b"))

    make_project(tmp_path, DUNDER_LOOP, {"a": ["ALL"]})
    (tmp_path / "godsplit.toml").write_text("max-lines = 4\n")
    monkeypatch.setattr(checked, "_suggest", everything_kept)
    with pytest.raises(GodsplitError, match="nothing to split: the 2 names that could move"):
        api.suggest(tmp_path / "pkg/big.py", config=tmp_path / "godsplit.toml", max_lines=4)
    assert not (tmp_path / "pkg/big").exists()
