"""Bugs found in round 11 (trial12) splitting peewee's `peewee.py`, sqlglot's
`dialects/dialect.py` and dill's `_dill.py` and running their own suites before and
after: each a minimal `pkg/big.py`, planned, and applied where behaviour is at stake."""

from __future__ import annotations

from pathlib import Path

from godsplit.config import parse_config
from godsplit.suggester.core import suggest

from splitkit import dedent, make_project, plan_texts, same_behaviour

METHODS = "".join(f"\n        def m{i}(self):\n            return {i}\n" for i in range(20))

# dill's `_dill.py`: `save_super` names the builtin `super` in a module-level function, and
# the module binds names through globals() elsewhere. CPython then gives the function an
# implicit `__class__` cell, which symtable lists as a global the function reads.
SUPER = """
    globals().update(FLAG=True)


    class Base:
        pass


    def reduce_super(obj):
        return (super, (obj.__thisclass__, obj.__self__))


    def describe():
        return reduce_super(super(Base, Base()))
"""


def test_naming_super_in_a_function_is_no_read_of_a_global_class(tmp_path: Path) -> None:
    """GS122 said `__class__: bound by no statement` for dill's save_super: the name is
    CPython's implicit cell for a zero-argument `super()`, not a global the code reads."""
    modules = {"reduce": ["reduce_super"], "other": ["Base", "describe"]}
    out = same_behaviour(tmp_path, SUPER, modules, """
        from pkg.big import FLAG, describe
        print(describe()[0] is super, FLAG)
    """)
    assert out == "True True\n"


# dill's `_dill.py`: `_create_function` reads `globals()["__builtins__"]` (so it stays in the
# old module), and `IS_IPYTHON = __IPYTHON__` is guarded by `except NameError` (here in a
# function). Nothing binds
# names through globals(): `__IPYTHON__` is as undefined in a new module as in the old one.
READ_ONLY = """
    def create(code):
        return globals()["__builtins__"], "x" in globals(), globals().get(code)


    def ipython():
        try:
            return __IPYTHON__
        except NameError:
            return False
"""


def test_globals_only_read_binds_no_name(tmp_path: Path) -> None:
    """GS122 was reported whenever a statement stays for calling globals(), though the
    check is about names bound through it; reading `globals()[...]`, `.get()` or `in`
    binds none."""
    modules = {"env": ["ipython"]}
    out = same_behaviour(tmp_path, READ_ONLY, modules, """
        from pkg.big import create, ipython
        print(ipython(), create("ipython")[1], create("ipython")[2] is ipython)
    """)
    assert out == "False False True\n"


def test_globals_written_in_a_function_still_reports_unbound_names(tmp_path: Path) -> None:
    """The same module, but the function writes through globals(): `__IPYTHON__` may be
    bound at run time in the old module only (GS122 then; round 31: `ipython` stays in the
    old module with it, and mapped it cannot move, GS101)."""
    source = READ_ONLY.replace('return globals()["__builtins__"], "x" in globals(), '
                               'globals().get(code)', 'globals()[code] = 1')
    plan, _ = plan_texts(make_project(tmp_path, source, {"env": ["ipython"]}))
    assert [f.code for f in plan.errors] == ["GS101"], [f.render() for f in plan.errors]
    assert "it reads __IPYTHON__, which no statement binds" in plan.errors[0].message


# dill's `_dill.py`: `__all__` and `__module__ = 'dill'` come before the imports, and
# `from .logger import adapter as logger` imports a module that imports `dill` (the
# package, which imports `_dill`) at its top: an import cycle through the project.
DUNDERS_FIRST = """
    \"\"\"Doc.\"\"\"
    __all__ = ["double", "LIMIT"]
    __module__ = "pkg"

    from pkg.log import trace

    LIMIT = 3


    @trace
    def double(x):
        return 2 * x
"""


def test_an_import_below_module_dunders_only_is_no_late_import(tmp_path: Path) -> None:
    """The import was taken for a late one (below the first statement that is not an
    import: `__all__`), kept in the old module only, and the new module that reads it at
    import time got GS112 ("before the old module binds it"). Module dunders stay in the
    old module, in order: no moved definition is above the import."""
    log = {"pkg/log.py": """
        import pkg.big


        def trace(function):
            function.traced = True
            return function
    """}
    out = same_behaviour(tmp_path, DUNDERS_FIRST, {"one": ["double", "LIMIT"]}, """
        import pkg.big
        print(pkg.big.double(2), pkg.big.double.traced, pkg.big.__all__, pkg.big.LIMIT)
    """, files=log)
    assert out == "4 True ['double', 'LIMIT'] 3\n"


# peewee's `peewee.py`: `__exception_wrapper__ = ExceptionWrapper(EXCEPTIONS)`, a module
# dunder made of moved definitions, read while the module loads by code that moves.
WRAPPER = f"""
    class ExceptionWrapper:
        def __init__(self, exceptions):
            self.exceptions = exceptions

        def __enter__(self):
            return self

        def __exit__(self, kind, value, traceback):
            return False


    EXCEPTIONS = {{"DataError": ValueError}}

    __exception_wrapper__ = ExceptionWrapper(EXCEPTIONS)


    class Database:
        wrapper = __exception_wrapper__

        def run(self):
            with __exception_wrapper__:
                return sorted(self.wrapper.exceptions)
{METHODS}

    class Other:
        def name(self):
            return "other"
{METHODS}
"""


def test_suggest_lists_a_module_dunder_that_moved_code_reads_while_loading(
        tmp_path: Path) -> None:
    """Module dunders stay in the old module unless mapped by name; suggest mapped none, so
    this one was bound only after the new module reading it was imported: GS112, and
    "no mapping without plan errors was found" on peewee. Suggest lists it now."""
    source = tmp_path / "pkg" / "big.py"
    source.parent.mkdir()
    (source.parent / "__init__.py").touch()
    source.write_text(dedent(WRAPPER))
    result = suggest(source, parse_config({}, tmp_path / "godsplit.toml"), modules=2)
    assert result.errors == (), [f.render() for f in result.errors]
    modules = {m.name: list(m.mapped) for m in result.modules}
    assert any("__exception_wrapper__" in names for names in modules.values()), modules
    out = same_behaviour(tmp_path / "run", WRAPPER, modules, """
        import pkg.big
        print(pkg.big.Database().run(), pkg.big.__exception_wrapper__.exceptions)
    """, default=result.default, shared=result.shared)
    assert out == "['DataError'] {'DataError': <class 'ValueError'>}\n"


# dill's suite after a split of `_dill.py` (verified, no plan error): 12 tests failed with
# "cannot pickle '_GodsplitFacade' object". dill pickles a function's globals, and a module
# among them through its reducer for `ModuleType`, found by the exact type; the live
# facade's module is of a subclass. cloudpickle finds its reducers the same way.
PICKLED = """
    def double(x):
        return 2 * x


    def triple(x):
        return 3 * x
"""


def test_a_pickler_with_a_reducer_for_modules_pickles_the_live_facade(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, PICKLED, {"one": ["double"], "two": ["triple"]}, """
        import copyreg, importlib, io, pickle, types
        import pkg.big

        def reduce_module(module):
            return importlib.import_module, (module.__name__,)

        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer)
        pickler.dispatch_table = {**copyreg.dispatch_table, types.ModuleType: reduce_module}
        pickler.dump([pkg.big, pkg.big.double])
        module, function = pickle.loads(buffer.getvalue())
        print(module is pkg.big, function(2))
    """)
    assert out == "True 4\n"


# dill's `_dill.py` defines Sentinel, then `from . import _shims`; `_shims.py` finds the
# module with `sys.modules['dill._dill']` (no import statement) and makes a Sentinel.
SHIMS = """
    def no_default():
        return shims.NO_DEFAULT.name


    class Sentinel:
        finder = no_default

        def __init__(self, name):
            self.name = name


    from pkg import shims
"""


def test_a_module_found_in_sys_modules_closes_a_late_import_cycle(tmp_path: Path) -> None:
    """The import was copied to the top of the new module that reads `shims`; imported
    before the old module bound Sentinel, shims failed (GS406, a rollback after a clean
    plan). A literal `sys.modules[...]` lookup now counts as an import of that module:
    the late import stays in the old module."""
    shims = {"pkg/shims.py": """
        import sys

        _big = sys.modules["pkg.big"]
        NO_DEFAULT = _big.Sentinel("NO_DEFAULT")
    """}
    out = same_behaviour(tmp_path, SHIMS, {"reads": ["no_default"], "base": ["Sentinel"]}, """
        import pkg.big
        print(pkg.big.no_default())
    """, files=shims)
    assert out == "NO_DEFAULT\n"


# dill's `_dill.py`: `_reverse_typemap = dict(...)` and `if sys.hexversion < ...:
# _reverse_typemap.update(...)` are one unit; the name is bound on every run.
TYPEMAP = """
    import sys

    TYPEMAP = {"int": int}
    if sys.version_info >= (3,):
        TYPEMAP.update({"str": str})

    EXTRA = {}
    if sys.version_info >= (3,):
        EXTRA["bytes"] = bytes


    def lookup(name):
        return TYPEMAP[name]
"""


def test_a_name_an_if_block_only_changes_is_no_conditional_name(tmp_path: Path) -> None:
    """The unit's names minus what the `if` surely binds counted as bound only under a
    condition, so sibling imports of TYPEMAP were wrapped in try/except ImportError,
    which in dill swallowed a circular import's ImportError (then a NameError)."""
    config = make_project(tmp_path, TYPEMAP, {"maps": ["TYPEMAP", "EXTRA"], "use": ["lookup"]})
    _, texts = plan_texts(config)
    assert "from .maps import TYPEMAP\n" in texts["pkg/big/use.py"], texts["pkg/big/use.py"]
    assert "ImportError" not in texts["pkg/big/use.py"]


def test_the_live_facade_imports_nothing_more_for_pickling(tmp_path: Path) -> None:
    """The pickling support imports `importlib` only when the module is pickled: a
    `from importlib import ...` at the facade's end was an E402 (peewee), and a hoisted
    `import importlib` made `import click` load a module click's test_light_imports
    forbids (round 11's re-run)."""
    _, texts = plan_texts(make_project(tmp_path, PICKLED, {"one": ["double"], "two": ["triple"]}))
    facade = texts["pkg/big/__init__.py"]
    assert "\nimport importlib" not in facade and "\nfrom importlib" not in facade, facade
    assert "        from importlib import import_module as _godsplit_import_module\n" in facade
