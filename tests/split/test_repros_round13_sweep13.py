"""Round 13's sweep of a new installed environment (sympy, scipy, scikit-learn, astropy,
twisted, ...): each bug a minimal `pkg/big.py`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from splitkit import apply, make_project, plan_texts, same_behaviour

# scipy's `stats/_distn_infrastructure.py` builds docstrings from `_doc_*` strings, then
# deletes them all: `for obj in [s for s in dir() if s.startswith('_doc_')]: exec('del '
# + obj)`. Moved into the new module with `obj`, the loop deleted them there, and the
# facade's `from .doc import _doc_a` failed (GS406, rolled back after a clean plan).
# `exec(text)` with no namespace at the top level binds or deletes module names no
# analysis sees: the statement stays in the old module.
EXEC_DEL = """
    _doc_a = "a"
    _doc_b = "b" + _doc_a
    docdict = {"a": _doc_a, "b": _doc_b}

    for obj in [s for s in dir() if s.startswith("_doc_")]:
        exec("del " + obj)
    del obj


    def f():
        return docdict["a"]


    def g():
        return 2
"""


def test_a_top_level_exec_stays_in_the_old_module(tmp_path: Path) -> None:
    modules = {"doc": ["_doc_a", "_doc_b", "docdict"], "funcs": ["f", "g"]}
    out = same_behaviour(tmp_path, EXEC_DEL, modules, """
        import pkg.big
        print(sorted(n for n in vars(pkg.big) if n.startswith("_doc")), pkg.big.f(),
              pkg.big.docdict["b"], hasattr(pkg.big, "obj"))
    """)
    assert out == "[] a ba False\n"


def test_mapping_the_name_an_exec_loop_binds_is_refused(tmp_path: Path) -> None:
    modules = {"doc": ["_doc_a", "_doc_b", "docdict", "obj"], "funcs": ["f", "g"]}
    plan, _ = plan_texts(make_project(tmp_path, EXEC_DEL, modules))
    [error] = plan.errors
    assert error.code == "GS101" and "'obj' cannot be mapped" in error.message
    assert "exec without a namespace" in error.message


# sympy's `integrals/manualintegrate.py`: `@dataclass class Rule` with `variable: Symbol`
# (under `from __future__ import annotations`), and `@dataclass class PowerRule(Rule)`.
# The `__init__` dataclass writes for the subclass is annotated with the inherited fields'
# strings too, resolved in the subclass's module by `get_type_hints`; that module did not
# import `Symbol` (its own code does not name it): GS408 NameError after a clean plan.
DATACLASS = """
    from __future__ import annotations

    import dataclasses
    from dataclasses import dataclass

    from pkg.types import Expr, Symbol


    @dataclass
    class Rule:
        integrand: Expr
        variable: Symbol


    class Mixin:
        pass


    @dataclass
    class Atomic(Rule, Mixin):
        pass


    @dataclasses.dataclass(eq=True)
    class Power(Atomic):
        base: "Expr"
        exp: Expr
"""
TYPES = """
    class Expr:
        pass


    class Symbol(Expr):
        pass
"""


def test_a_dataclass_subclass_imports_what_inherited_fields_name(tmp_path: Path) -> None:
    modules = {"rules": ["Rule", "Mixin"], "atomic": ["Atomic", "Power"]}
    _, texts = plan_texts(make_project(tmp_path / "plan", DATACLASS, modules,
                                       files={"pkg/types.py": TYPES}))
    assert "Symbol,  # noqa: F401" in texts["pkg/big/atomic.py"]
    out = same_behaviour(tmp_path / "run", DATACLASS, modules, """
        import typing, pkg.big
        for cls in (pkg.big.Atomic, pkg.big.Power):
            print(sorted((k, v.__name__) for k, v in typing.get_type_hints(cls.__init__).items()))
    """, files={"pkg/types.py": TYPES})
    assert out == (
        "[('integrand', 'Expr'), ('return', 'NoneType'), ('variable', 'Symbol')]\n"
        "[('base', 'Expr'), ('exp', 'Expr'), ('integrand', 'Expr'), ('return', 'NoneType'), "
        "('variable', 'Symbol')]\n")


# sympy's `core/numbers.py`: `class Infinity(Number, metaclass=Singleton)`, whose
# metaclass registers it on `S` by name, and `_illegal = (S.NaN, S.Infinity)` at the end.
# Moved to a module imported before the classes' module, `S.Infinity` raised
# AttributeError (GS406 after a clean plan): no name tied the read to the class.
REGISTRY = """
    class Registry:
        def __init__(self):
            self.classes = {}

        def register(self, cls):
            self.classes[cls.__name__] = cls

        def __getattr__(self, name):
            try:
                return self.__dict__["classes"][name]()
            except KeyError:
                raise AttributeError(name) from None


    S = Registry()


    class Singleton(type):
        def __init__(cls, *args, **kwargs):
            super().__init__(*args, **kwargs)
            S.register(cls)
"""
REGISTERED = """
    from pkg.registry import S, Singleton


    def helper():
        return 1


    class Number:
        pass


    class Infinity(Number, metaclass=Singleton):
        pass


    class Half(Infinity):
        pass


    ILLEGAL = (S.Half, S.Infinity)


    def other():
        return 2
"""


def test_a_read_through_a_registry_by_class_name_orders_the_modules(tmp_path: Path) -> None:
    modules = {"a_readers": ["ILLEGAL", "helper"], "z_numbers": ["Number", "Infinity", "Half"],
               "misc": ["other"]}
    _, texts = plan_texts(make_project(tmp_path / "plan", REGISTERED, modules,
                                       files={"pkg/registry.py": REGISTRY}))
    assert "import Half, Infinity  # noqa: F401" in texts["pkg/big/a_readers.py"]
    out = same_behaviour(tmp_path / "run", REGISTERED, modules, """
        import pkg.big
        print([type(x).__name__ for x in pkg.big.ILLEGAL])
    """, files={"pkg/registry.py": REGISTRY})
    assert out == "['Half', 'Infinity']\n"


# twisted's `conch/ssh/keys.py` in an environment without `bcrypt`: godsplit's own
# interpreter lacked `incremental` (twisted's first import), the project's virtualenv had
# it and lacked `bcrypt`; GS412 said "it needs 'incremental', which no interpreter found
# has", which was untrue. It now says what each interpreter lacked.
@pytest.mark.slow
def test_gs412_says_what_each_interpreter_lacks(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / ".venv")],
                   check=True)
    [site] = (tmp_path / ".venv/lib").glob("python*/site-packages")
    (site / "only_in_project_venv.py").write_text("import not_installed_anywhere\n")
    (tmp_path / "pyproject.toml").write_text("")
    source = ("import only_in_project_venv\n\n\ndef f():\n    return only_in_project_venv\n"
              "\n\ndef g():\n    return 2\n")
    result = apply(make_project(tmp_path, source, {"a": ["f"], "b": ["g"]}))
    assert result.written and not result.splits[0].imported
    [info] = [f for f in result.splits[0].findings if f.code == "GS412"]
    assert "which no interpreter found has" not in info.message
    assert (f"each interpreter found lacks a module it needs ({sys.executable} lacks "
            f"'only_in_project_venv'; {tmp_path / '.venv/bin/python'} lacks "
            "'not_installed_anywhere')") in info.message


# twisted's `protocols/ftp.py`, split with keep-module-name: `class IFTPShell(Interface)`
# makes a zope.interface `InterfaceClass` instance, whose `__module__` is read-only; the
# facade's `item.__module__ = old` raised AttributeError and the old module no longer
# imported (GS406 after a clean plan). Such an object keeps the module it reports.
IFACE = """
    class InterfaceClass:
        def __init__(self, name, bases=(), attrs=None):
            self.__name__ = name
            self._module = (attrs or {}).get("__module__", "?")

        @property
        def __module__(self):
            return self._module


    Interface = InterfaceClass("Interface", attrs={"__module__": __name__})
"""
INTERFACES = """
    from pkg.iface import Interface


    class IShell(Interface):
        def login(user):
            \"\"\"Log in.\"\"\"


    class Shell:
        def login(self, user):
            return user


    def other():
        return 2
"""


def test_keep_module_name_leaves_a_read_only_module_alone(tmp_path: Path) -> None:
    modules = {"shells": ["IShell", "Shell"], "misc": ["other"]}
    out = same_behaviour(tmp_path, INTERFACES, modules, """
        import pkg.big
        print(pkg.big.Shell.__module__, pkg.big.Shell().login("u"), pkg.big.IShell.__name__,
              pkg.big.IShell.__module__.startswith("pkg.big"))
    """, files={"pkg/iface.py": IFACE}, **{"keep-module-name": True})
    assert out == "pkg.big u IShell True\n"


# bottle 0.13.2 (found re-running the real libraries after the merge): its compatibility
# block binds `_raise` with a `def` on Python 3 and with `exec(compile('def _raise(*a):
# raise a[0], a[1], a[2]', ...))` on Python 2. Kept in the old module as an exec writer,
# every name the block imports stayed with it, and the modules reading them at import
# time were refused (15 GS112 errors where the split was identical). Text Python 3 cannot
# compile binds nothing: exec raises SyntaxError before running it.
PY2_EXEC = """
    import sys

    if sys.version_info[0] > 2:
        from io import BytesIO

        def _raise(*a):
            raise a[0](a[1]).with_traceback(a[2])
    else:
        from StringIO import StringIO as BytesIO
        exec(compile("def _raise(*a): raise a[0], a[1], a[2]", "<py3fix>", "exec"))


    def buffer():
        return BytesIO(b"x").read()


    def fail():
        try:
            _raise(ValueError, ValueError("boom"), None)
        except ValueError as e:
            return str(e)


    READER = BytesIO
"""


def test_exec_of_text_python3_cannot_compile_does_not_pin_its_block(tmp_path: Path) -> None:
    modules = {"compat": ["BytesIO", "_raise"], "io": ["buffer", "fail", "READER"]}
    plan, _ = plan_texts(make_project(tmp_path / "p", PY2_EXEC, modules))
    assert not plan.errors, [e.message for e in plan.errors]
    out = same_behaviour(tmp_path / "b", PY2_EXEC, modules, """
        import pkg.big
        print(pkg.big.buffer(), pkg.big.fail(), pkg.big.READER.__name__)
    """)
    assert out == "b'x' boom BytesIO\n"
