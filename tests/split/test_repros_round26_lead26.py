"""Round 25 (lead26): a definition whose name an import rebinds further down.

`def join(*a)`, then `from os.path import join`: the module's `join` is `os.path.join`.
Mapping `join` to a module moved the definition there without the import, so the
facade's `join` became the definition: a split that said "verified" and changed what
`pkg.big.join` is (found when the import check began pairing objects by the name the
old module binds them under, which rolled it back instead)."""
from __future__ import annotations

from pathlib import Path

import pytest

from splitkit import make_project, plan_texts, same_behaviour

SOURCE = """
    def join(*a):
        return "mine"


    def reader():
        return join("a", "b")


    from os.path import join
"""


@pytest.mark.parametrize("modules", [
    {"one": ["reader"], "two": ["join"]},
    {"two": ["join", "reader"]},
], ids=["apart", "together"])
def test_the_facade_s_name_is_the_import_that_rebinds_the_definition(
        tmp_path: Path, modules: dict[str, list[str]]) -> None:
    out = same_behaviour(tmp_path, SOURCE, modules,
                         "import pkg.big as m\nprint(m.join.__module__, m.join('a', 'b'), m.reader())")
    assert out.split()[1:] == ["a/b", "a/b"]


def test_the_definition_s_module_copies_the_import_after_it(tmp_path: Path) -> None:
    _, texts = plan_texts(make_project(tmp_path, SOURCE, {"one": ["reader"], "two": ["join"]}))
    two = texts["pkg/big/two.py"]
    assert two.index("def join") < two.index("from os.path import join")
