"""Bugs found in round 6 running `godsplit suggest` and `apply` on real god files of
installed packages (benchmarks/installed_god_files.py): each a minimal `pkg/big.py`,
planned and applied; a clean plan must not roll back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from splitkit import make_project, plan_texts
from splitkit import same_behaviour as _same


def _ruff(root: Path) -> str:
    """ruff (pyflakes, import sorting, PLC0414) on the new modules of `pkg/big`: its
    report ('' when clean)."""
    paths = [str(p) for p in sorted((root / "pkg/big").glob("*.py")) if p.name != "__init__.py"]
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache",
                           "--select", "F,I,PLC0414", *paths],
                          cwd=root, capture_output=True, text=True)
    return "" if done.returncode == 0 else done.stdout


ALIASES = """
    from typing import Dict, List, Union

    JsonValue = Union[int, str, List["JsonValue"], "JsonDict"]
    JsonDict = Dict[str, JsonValue]
    Parent = Union["Document", "Element"]
"""

IMPORTED_ALIAS_SOURCE = """
    from .aliases import JsonDict, JsonValue


    def dedupe(schemas: list[JsonDict]) -> list[JsonDict]:
        return schemas


    def hashable(value: JsonValue) -> str:
        return str(value)
"""


def test_forward_refs_of_an_imported_alias_resolve_in_the_new_module(tmp_path: Path) -> None:
    """pydantic's json_schema.py: `from .config import JsonDict, JsonValue`, whose values
    hold the strings 'JsonDict' and 'JsonValue'. get_type_hints resolves them in the globals
    of the function's module: a new module that imported only `JsonDict` raised NameError
    ('JsonValue') where the source resolved them (GS408 at apply after a clean plan). The
    new module imports them too, each with a targeted noqa (its text never names them)."""
    code = ("import typing, pkg.big as b\n"
            "for f in (b.dedupe, b.hashable):\n"
            "    print(sorted(typing.get_type_hints(f)))\n")
    _same(tmp_path, IMPORTED_ALIAS_SOURCE, {"dedupes": ["dedupe"], "hashables": ["hashable"]},
          code, files={"pkg/aliases.py": ALIASES})
    texts = {p.name: p.read_text() for p in (tmp_path / "after/pkg/big").glob("*.py")}
    assert "JsonValue,  # noqa: F401" in texts["dedupes.py"], texts["dedupes.py"]
    assert "JsonDict,  # noqa: F401" in texts["hashables.py"], texts["hashables.py"]
    assert _ruff(tmp_path / "after") == ""


MODULE_ALIAS_SOURCE = """
    from typing import Optional

    import pkg.aliases as ta


    class Node:
        parent: Optional[ta.Parent] = None


    class Document(Node):
        pass


    class Element(Node):
        pass
"""


def test_an_alias_read_through_a_module_passes_its_forward_refs_on(tmp_path: Path) -> None:
    """elementpath's xpath_nodes.py: `import elementpath.aliases as ta` and `parent:
    Optional[ta.ParentNodeType]`, where the alias is `Union['DocumentNode', 'ElementNode']`.
    get_type_hints(ElementNode) resolves the strings in the module of the base class that
    holds the annotation: moved apart from DocumentNode, NameError (GS408)."""
    code = ("import typing, pkg.big as b\n"
            "hint = typing.get_type_hints(b.Element)['parent']\n"
            "print([t.__name__ for t in typing.get_args(hint)])\n")
    output = _same(tmp_path, MODULE_ALIAS_SOURCE, {"nodes": ["Node"],
                                                    "documents": ["Document", "Element"]},
                   code, files={"pkg/aliases.py": ALIASES})
    assert output == "['Document', 'Element', 'NoneType']\n"
    assert _ruff(tmp_path / "after") == ""


REWRITTEN_MODULE_SOURCE = """
    def rewrite_module(obj):
        obj.__module__ = "pkg"
        return obj


    @rewrite_module
    class URL:
        def join(self, other: "URL") -> "URL":
            return other


    def build() -> URL:
        return URL()
"""


def test_keep_module_name_leaves_a_module_the_code_set_itself(tmp_path: Path) -> None:
    """yarl's _url.py: `@rewrite_module class URL` sets `URL.__module__ = "yarl"`.
    keep-module-name renamed every moved class reporting its class's own module, so URL
    said `yarl._url` after the split (its repr, pickles; GS408 at apply)."""
    code = ("import pkg.big as b\n"
            "print(b.URL.__module__, b.URL.join.__module__, b.build.__module__, b.URL)\n")
    output = _same(tmp_path, REWRITTEN_MODULE_SOURCE, {"urls": ["URL", "rewrite_module"],
                                                             "misc": ["build"]},
                   code, **{"keep-module-name": True})
    assert output == "pkg pkg.big pkg.big <class 'pkg.URL'>\n"


def test_hint_only_imports_need_no_noqa_where_f401_is_off(tmp_path: Path) -> None:
    """The targeted noqa is only written where the project's linter reports F401."""
    config = make_project(tmp_path, IMPORTED_ALIAS_SOURCE, {"dedupes": ["dedupe"],
                                                            "hashables": ["hashable"]},
                          files={"pkg/aliases.py": ALIASES,
                                 "ruff.toml": '[lint]\nselect = ["E", "I"]\n'})
    _, texts = plan_texts(config)
    text = texts["pkg/big/dedupes.py"]
    assert "JsonValue" in text and "noqa" not in text, text


EVERY_BRANCH_SOURCE = """
    import sys

    if sys.version_info >= (3, 0):
        class Tuple:
            kind = "new"
    else:
        class Tuple:
            kind = "old"


    TUPLE_TYPES = {Tuple, None}


    def kinds():
        return sorted(t.kind for t in TUPLE_TYPES if t is not None)
"""


def test_a_name_every_branch_binds_is_imported_unguarded(tmp_path: Path) -> None:
    """typing_extensions.py binds `TypeVarTuple` in each branch of an if/elif/else. It was
    taken for a name bound under a condition, so a reader imported it in `try: ... except
    ImportError: pass`, and that guard swallowed the ImportError of an import cycle: a
    NameError later instead (GS406 at apply after a clean plan)."""
    config = make_project(tmp_path / "plan", EVERY_BRANCH_SOURCE,
                          {"tuples": ["Tuple"], "readers": ["TUPLE_TYPES", "kinds"]})
    _, texts = plan_texts(config)
    text = texts["pkg/big/readers.py"]
    assert "from .tuples import Tuple\n" in text and "except ImportError" not in text, text
    output = _same(tmp_path, EVERY_BRANCH_SOURCE,
                   {"tuples": ["Tuple"], "readers": ["TUPLE_TYPES", "kinds"]},
                   "import pkg.big as b\nprint(b.kinds(), b.Tuple.kind)\n")
    assert output == "['new'] new\n"


DELETED_SOURCE = """
    NEEDED = True

    if NEEDED:
        class Singleton(type):
            def __call__(cls):
                return cls


    class NoDefault(metaclass=Singleton):
        pass


    if NEEDED:
        del Singleton
"""


def test_a_name_deleted_under_a_condition_stays_with_its_import_time_readers(
        tmp_path: Path) -> None:
    """typing_extensions.py: `if _NEEDS_SINGLETONMETA: class SingletonMeta`, classes using
    it as their metaclass, then `if _NEEDS_SINGLETONMETA: del SingletonMeta`. Only a `del`
    at the top counted: moved with its `del`, the metaclass was gone before another new
    module read it at import time (NameError at apply after a clean plan). Now the mapping
    is refused with its cause (GS103), as for a `del` at the top; together, they work."""
    config = make_project(tmp_path, DELETED_SOURCE, {"metas": ["Singleton"],
                                                     "defaults": ["NoDefault"]})
    plan, _ = plan_texts(config)
    [error] = [f for f in plan.errors if f.code == "GS103"]
    assert "one deletes Singleton, which the others read at import time" in error.message
    _same(tmp_path / "together", DELETED_SOURCE, {"metas": ["Singleton", "NoDefault"]},
          "import pkg.big as b\nprint(b.NoDefault() is b.NoDefault, hasattr(b, 'Singleton'))\n")


GLOBALS_SOURCE = """
    import typing

    __all__ = ["Mapping", "Sequence", "names"]

    _typing_names = ["Mapping", "Sequence"]

    globals().update({name: getattr(typing, name) for name in _typing_names})


    def names():
        return list(_typing_names)
"""


def test_a_statement_writing_globals_stays_in_the_old_module(tmp_path: Path) -> None:
    """typing_extensions.py: `globals().update({name: getattr(typing, name) for name in
    _typing_names})` binds names no statement names. It joined `_typing_names`, the
    definition it reads, and bound them in a new module: the old module no longer had
    `AbstractSet` (GS406 at apply after a clean plan). It stays in the old module."""
    output = _same(tmp_path, GLOBALS_SOURCE, {"listing": ["_typing_names", "names"]},
                   "import pkg.big as b\nprint(b.Mapping, b.names())\n")
    assert output == "typing.Mapping ['Mapping', 'Sequence']\n"
    assert "globals().update" in (tmp_path / "after/pkg/big/__init__.py").read_text()


MAIN_REIMPORT = """
    from collections import OrderedDict as Table


    class Grid(Table):
        pass


    def build():
        return Grid()


    if __name__ == "__main__":
        from collections import OrderedDict as Table

        print(build(), Table())
"""


def test_an_import_the_main_block_repeats_is_not_taken_from_the_main_module(
        tmp_path: Path) -> None:
    """pip's vendored rich/progress.py: the `__main__` block imports `Table` again. The
    new module read it `from .__main__ import Table` (a module that only binds it when run
    as a script: suggest found an import-time cycle through `__main__` and gave up, and a
    hand mapping imported the package's `__main__.py`); it imports it as the source did."""
    modules = {"grid": ["Grid"], "make": ["build"]}
    _, texts = plan_texts(make_project(tmp_path / "plan", MAIN_REIMPORT, modules))
    assert "from collections import OrderedDict as Table\n" in texts["pkg/big/grid.py"]
    assert "__main__" not in texts["pkg/big/grid.py"]
    _same(tmp_path / "run", MAIN_REIMPORT, modules,
          "from pkg.big import build, Grid; print(type(build()).__mro__[1].__name__)")


NAMESPACE_ALIAS = """
    def _build(descriptor, namespace):
        namespace["Made"] = type("Made", (), {"descriptor": descriptor})


    DESCRIPTOR = "d"
    _globals = globals()
    _build(DESCRIPTOR, _globals)
"""


def test_a_namespace_handed_to_a_call_stays_in_the_old_module(tmp_path: Path) -> None:
    """protobuf's generated descriptor_pb2.py: `_globals = globals()`, then
    `_builder.BuildTopDescriptorsAndMessages(DESCRIPTOR, ..., _globals)` binds the message
    classes. The call joined DESCRIPTOR's module and bound them there (GS403 at apply
    after a clean plan); it stays in the old module, and so does the alias only it reads."""
    out = _same(tmp_path, NAMESPACE_ALIAS, {"desc": ["DESCRIPTOR", "_build"]},
                "import pkg.big as m; print(m.Made.descriptor, 'Made' in vars(m))")
    assert out.strip() == "d True"


def test_a_comment_above_a_type_checking_block_the_facade_drops_stays(tmp_path: Path) -> None:
    """Found by the fuzzer: a comment line above `if TYPE_CHECKING:` whose imports no code
    left in the facade reads was lost with the block (the new modules keep no comments of
    the import block)."""
    source = """
        from typing import TYPE_CHECKING
        # a note about the block below


        if TYPE_CHECKING:
            from decimal import Decimal


        def total(x: Decimal) -> Decimal:
            return x
    """
    _, texts = plan_texts(make_project(tmp_path, source, {"money": ["total"]}))
    assert "# a note about the block below\n" in "".join(texts.values())
