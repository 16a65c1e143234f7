"""Round 18 (trial19a): real-code trials on prettytable, graphql-core and soupsieve.

prettytable's `prettytable.py` binds `TYPE_CHECKING = False` itself (its ruff config bans
`typing.TYPE_CHECKING`) and tests it with `if TYPE_CHECKING:`. That binding was a
definition to map: unmapped, the plan failed (GS102, "not used by any mapped definition",
though every module's block tests it); mapped (as suggest did), the other new modules
imported `TYPE_CHECKING` from that one."""

from __future__ import annotations

from pathlib import Path

from godsplit.split.plan import plan_split

from splitkit import dedent, make_project, plan_texts, ruff_check, same_behaviour

SOURCE = '''\
    from __future__ import annotations

    import enum

    TYPE_CHECKING = False
    if TYPE_CHECKING:
        from collections.abc import Sequence


    class Style(enum.Enum):
        PLAIN = 1

        def width(self, cells: Sequence[str]) -> int:
            return sum(len(c) for c in cells)


    def render(cells: Sequence[str], style: Style = Style.PLAIN) -> str:
        return "|".join(cells).ljust(style.width(cells))
    '''

RUFF = '''\
    [tool.ruff.lint]
    extend-select = ["E", "F", "I", "TID251"]
    flake8-tidy-imports.banned-api."typing.TYPE_CHECKING".msg = "use TYPE_CHECKING = False"
    '''


def test_a_module_own_type_checking_false_is_copied_not_mapped(tmp_path: Path) -> None:
    """No error to map `TYPE_CHECKING`: each new module whose block tests it binds its own
    `TYPE_CHECKING = False`, after its imports; none imports it from another."""
    config = make_project(tmp_path, SOURCE, {"styles": ["Style"], "rendering": ["render"]},
                          files={"pyproject.toml": RUFF})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    for name in ("styles", "rendering"):
        text = texts[f"pkg/big/{name}.py"]
        assert "TYPE_CHECKING = False\nif TYPE_CHECKING:\n" in text, text
        assert "import TYPE_CHECKING" not in text, text
    rendering = texts["pkg/big/rendering.py"]
    assert rendering.index("from .styles import Style") < rendering.index("TYPE_CHECKING"), rendering


def test_split_with_type_checking_false_behaves_and_lints_clean(tmp_path: Path) -> None:
    """Written, verified, the same behaviour; no E402 (an import after the assignment), no
    banned `typing.TYPE_CHECKING`, imports sorted, in the new modules and the facade."""
    out = same_behaviour(tmp_path, SOURCE, {"styles": ["Style"], "rendering": ["render"]},
                         "import pkg.big as m\nprint(m.render(['a', 'bc']), m.TYPE_CHECKING)\n",
                         files={"pyproject.toml": RUFF})
    assert out == "a|bc False\n"
    lint = ruff_check(tmp_path / "after", "pkg")
    assert lint.returncode == 0, lint.stdout


def test_mypy_false_is_copied_too(tmp_path: Path) -> None:
    """`MYPY = False` (mypy takes `MYPY` as true by its name, as `TYPE_CHECKING`)."""
    source = dedent(SOURCE).replace("TYPE_CHECKING", "MYPY")
    config = make_project(tmp_path, source, {"styles": ["Style"], "rendering": ["render"]})
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]



# graphql-core selects flake8-type-checking by its old prefix, `TCH` (ruff redirects it to
# `TC` since 0.8): godsplit read the rules as off, and wrote no noqa on the imports a new
# module reads only in annotations (44 TC001 and 3 TC003 on suggest's split of
# `type/definition.py`).
ANNOTATED = '''\
    from __future__ import annotations


    class Node:
        pass


    def describe(node: Node) -> str:
        return type(node).__name__
    '''


def test_ruffs_old_tch_prefix_selects_the_type_checking_rules(tmp_path: Path) -> None:
    pyproject = '[tool.ruff.lint]\nselect = ["F", "TCH"]\n'
    same_behaviour(tmp_path, ANNOTATED, {"nodes": ["Node"], "describing": ["describe"]},
                   "import pkg.big as m\nprint(m.describe(m.Node()))\n",
                   files={"pyproject.toml": pyproject})
    lint = ruff_check(tmp_path / "after", "pkg")
    assert lint.returncode == 0, lint.stdout


# graphql-core's `type/definition.py` declares `Self` under `if TYPE_CHECKING:` in a nested
# `try: from typing import Self / except ImportError: from typing_extensions import Self`:
# a new module's copy of the block kept that `try:` whole though it reads no `Self` (F401
# under the project's ruff, in three new modules).
SELF_IN_TRY = '''\
    from __future__ import annotations

    from typing import TYPE_CHECKING

    if TYPE_CHECKING:
        from collections.abc import Sequence

        try:
            from typing import Self
        except ImportError:
            from typing_extensions import Self


    class Builder:
        def again(self) -> Self:
            return self


    def total(values: Sequence[int]) -> int:
        return sum(values)
    '''


def test_a_try_of_imports_under_type_checking_goes_only_where_it_is_read(tmp_path: Path) -> None:
    config = make_project(tmp_path, SELF_IN_TRY, {"building": ["Builder"], "totals": ["total"]})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    assert "Self" not in texts["pkg/big/totals.py"], texts["pkg/big/totals.py"]
    assert "from typing_extensions import Self" in texts["pkg/big/building.py"]
    assert "Sequence" not in texts["pkg/big/building.py"]
