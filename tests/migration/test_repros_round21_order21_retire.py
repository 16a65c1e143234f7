"""Round 21 (order21): `retire` of a package whose `__init__.py` (the facade) imports its
modules in the order that keeps registrations in source order (GS153). Retiring removes
those imports: the modules would then run in the order their importers import them, and
`default_commands` would change order. Refused (GS154), nothing changed."""

from __future__ import annotations

from pathlib import Path

from godsplit.config import load_config
from godsplit.migration.core import migrate
from godsplit.migration.retire import retire
from godsplit.split.apply import apply_splits

from conftest import tree_hash
from splitkit import make_project

REGISTRY = """
    HANDLERS = []


    def handler(f):
        HANDLERS.append(f)
        return f


    @handler
    def alpha(x):
        return "alpha"


    @handler
    def beta(x):
        return "beta"
"""


def test_retire_refuses_to_remove_imports_that_order_registrations(tmp_path: Path) -> None:
    modules = {"a_core": ["HANDLERS", "handler"], "b_alpha": ["alpha"], "c_beta": ["beta"]}
    make_project(tmp_path, REGISTRY, modules)
    (tmp_path / "godsplit.toml").write_text(
        '[[split]]\nsource = "pkg/big.py"\n\n[split.modules]\n' + "".join(
            f"{m} = {names!r}\n".replace("'", '"') for m, names in modules.items()))
    config = load_config(tmp_path / "godsplit.toml")
    assert apply_splits(config).written
    before = tree_hash(tmp_path)
    result = retire(load_config(tmp_path / "godsplit.toml"))
    assert result.refused and not result.written
    assert [f.code for s in result.splits for f in s.findings] == ["GS154"]
    assert tree_hash(tmp_path) == before


def test_migrate_says_when_importers_now_name_the_ordered_submodules(tmp_path: Path) -> None:
    modules = {"a_core": ["HANDLERS", "handler"], "b_alpha": ["alpha"], "c_beta": ["beta"]}
    make_project(tmp_path, REGISTRY, modules, files={"app.py": "from pkg.big import beta\n"})
    (tmp_path / "godsplit.toml").write_text(
        '[[split]]\nsource = "pkg/big.py"\n\n[split.modules]\n' + "".join(
            f"{m} = {names!r}\n".replace("'", '"') for m, names in modules.items()))
    config = load_config(tmp_path / "godsplit.toml")
    assert apply_splits(config).written
    result = migrate(config)
    assert (tmp_path / "app.py").read_text() == "from pkg.big.c_beta import beta\n"
    [note] = [f for f in result.notes if f.code == "GS154"]
    assert note.severity == "warning" and "app.py now imports its submodules" in note.message
