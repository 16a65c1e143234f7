"""Bugs found in round 7 running `godsplit suggest --write` and `apply` on real god files
of installed packages (benchmarks/installed_god_files.py): each a minimal `pkg/big.py`,
planned and applied; a clean plan must not roll back, and what cannot be split is
refused at plan time, naming its file, line and cause."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from godsplit.split import plan as plan_module

from splitkit import make_project, plan_texts
from splitkit import same_behaviour as _same

NAMESPACE_BLOCKS = """
    def _build(descriptor, namespace):
        namespace["Made"] = type("Made", (), {"descriptor": descriptor})


    FAST = False
    if not FAST:
        DESCRIPTOR = "-".join(["py", "d"])
    else:
        DESCRIPTOR = "-".join(["c", "d"])

    _globals = globals()
    if not FAST:
        _MADE = "made by hand"
    else:
        _build(DESCRIPTOR, _globals)
    _build(DESCRIPTOR, _globals)
    if not FAST:
        _globals["_MADE"] = _globals["_MADE"].upper()


    def describe():
        return _globals["Made"].descriptor + " " + _MADE
"""


def test_blocks_that_bind_names_through_a_namespace_alias_stay_with_it(tmp_path: Path) -> None:
    """protobuf's generated descriptor_pb2.py: `_globals = globals()`, then `if not
    _USE_C_DESCRIPTORS: _EDITION = ...` / `else: _builder.Build...(DESCRIPTOR, _globals)`.
    The if/else bound names and moved, and `_globals` moved with it: in the new module it
    was that module's namespace (GS403 at apply after a clean plan). The alias, and the
    statements that hand it to a call or write through it, stay in the old module; code
    that reads the alias elsewhere imports it from there, where it means the old module."""
    modules = {"desc": ["DESCRIPTOR", "_build"], "api": ["describe"]}
    _, texts = plan_texts(make_project(tmp_path / "plan", NAMESPACE_BLOCKS, modules))
    facade = texts["pkg/big/__init__.py"]
    assert "_globals = globals()" in facade and "_MADE = " in facade
    out = _same(tmp_path / "run", NAMESPACE_BLOCKS, modules,
                "import pkg.big as m; print(m.describe(), m.Made.descriptor, m._MADE)")
    assert out.strip() == "py-d MADE BY HAND py-d MADE BY HAND"


def test_a_block_writing_through_a_namespace_alias_cannot_be_mapped(tmp_path: Path) -> None:
    """Mapping a name such a block binds is refused at plan time (GS101), with its line."""
    plan, _ = plan_texts(make_project(tmp_path, NAMESPACE_BLOCKS, {"desc": ["_MADE"]},
                                       default="rest"))
    errors = [f for f in plan.findings if f.severity == "error"]
    assert [f.code for f in errors] == ["GS101"], [f.render() for f in errors]
    assert "globals()" in errors[0].message and errors[0].line == 12


DECLARED_NAMESPACE = """
    from __future__ import annotations

    from typing import TYPE_CHECKING


    class Manager:
        def fetch(self, name: str) -> str:
            return "fetched " + name


    def _call_aside(f):
        f()
        return f


    @_call_aside
    def _initialize(g=globals()):
        manager = Manager()
        g["fetch"] = manager.fetch


    @_call_aside
    def _initialize_set():
        require = str.upper
        globals().update(locals())


    if TYPE_CHECKING:
        fetch = Manager().fetch
        require = str.upper


    def provide(name: str) -> str:
        return require(fetch(name))
"""


def test_functions_binding_the_namespace_and_names_declared_for_them_stay(
        tmp_path: Path) -> None:
    """setuptools' pkg_resources: `@_call_aside def _initialize(g=globals())` and a function
    ending in `globals().update(locals())` bind `require`, `resource_string`, ... at import
    time; an `if TYPE_CHECKING:` block declares them by assignment. The block was copied
    into the new modules whose code reads those names, without what it reads (GS411 from
    pyflakes, at apply only); and at run time those modules would not have had the names,
    bound in the old module's namespace. The functions stay in the old module, so does the
    block, and the new modules read the names from the old module."""
    modules = {"manage": ["Manager", "_call_aside"], "api": ["provide"]}
    _, texts = plan_texts(make_project(tmp_path / "plan", DECLARED_NAMESPACE, modules))
    facade = texts["pkg/big/__init__.py"]
    assert "def _initialize(" in facade and "globals().update(locals())" in facade
    out = _same(tmp_path / "run", DECLARED_NAMESPACE, modules,
                "import pkg.big as m; from pkg.big import fetch; print(m.provide('x'), fetch('y'))")
    assert out.strip() == "FETCHED X fetched y"


IMPORT_PATH = """
    import os
    import sys

    if sys.version_info < (3, 0):
        raise RuntimeError("Python 3 is required")

    sys.path.extend([os.path.abspath("_vendor")])
    sys.modules.pop("backports_gone", None)

    from vendored_text import VALUE
    import xml

    __import__("xml.dom")

    ELEMENT = xml.dom.Node.ELEMENT_NODE


    def helper():
        return VALUE + ELEMENT - 1


    def other():
        return helper() + 1
"""


def test_a_sys_path_change_among_the_imports_stays_before_them(tmp_path: Path) -> None:
    """setuptools' pkg_resources: `sys.path.extend([.../setuptools/_vendor])` (binding
    `vendor_path` with `:=`) between its imports, then `from jaraco.text import ...`. It
    moved to a new module, and the others imported `jaraco` first (GS406 at apply after a
    clean plan). It stays in the old module's import block, which a package's submodules
    import after; a version guard (`if sys.version_info < ...: raise`) above the imports
    no longer ends that block. pip's vendored copy: `__import__('pip._vendor.packaging.
    requirements')`, which sets the submodule on the package the new modules read, ran
    after them (GS406); it stays there too."""
    files = {"_vendor/vendored_text.py": "VALUE = 41\n"}
    modules = {"helpers": ["helper", "ELEMENT"], "others": ["other"]}
    _, texts = plan_texts(make_project(tmp_path / "plan", IMPORT_PATH, modules, files=files))
    facade = texts["pkg/big/__init__.py"]
    assert facade.index("sys.path.extend") < facade.index("from .helpers import")
    assert facade.index("raise RuntimeError") < facade.index("from .helpers import")
    assert facade.index('__import__("xml.dom")') < facade.index("from .helpers import")
    out = _same(tmp_path / "run", IMPORT_PATH, modules,
                "import pkg.big as m; print(m.other(), m.helper())", files=files)
    assert out.strip() == "42 41"


NAME_HANDED = """
    import sys


    def deprecated(value, module_name, name):
        sys.modules[module_name].__dict__[name] = ("deprecated", value)


    def register(value, module_name):
        pass


    class Request:
        pass


    _RequestInternal = Request

    deprecated(Request, __name__, name="Request")
    register(Request, __name__)


    def make() -> "Request":
        return _RequestInternal()
"""


def test_a_call_handed_the_module_name_and_an_object_is_refused_at_plan(
        tmp_path: Path) -> None:
    """pyOpenSSL's crypto.py: `utils.deprecated(X509Req, __name__, ..., name="X509Req")`
    wraps the module in sys.modules and rebinds X509Req there while it imports. After a
    split the module it names holds other objects than the code it changes (GS405 and
    GS408 at apply after a clean plan). No mapping keeps that: the plan says so (GS116,
    with the call's line), and nothing is written; a call handed only `__name__` and an
    object (a registry) is not refused."""
    plan, _ = plan_texts(make_project(tmp_path, NAME_HANDED, {"req": ["Request", "make"]},
                                      default="rest"))
    errors = [f for f in plan.findings if f.severity == "error"]
    assert [(f.code, f.line) for f in errors] == [("GS116", 18)], [f.render() for f in errors]
    assert "deprecated(Request, __name__, ...)" in errors[0].message


METACLASS_REGISTERS = """
    import sys


    class Meta(type):
        def __new__(mcs, name, bases, dict_):
            cls = super().__new__(mcs, name, bases, dict_)
            if dict_.get("register"):
                setattr(sys.modules[dict_["__module__"]], "Meta" + name, cls)
            return cls


    class Base(metaclass=Meta):
        pass


    class Schema(Base):
        register = True


    DefaultSchema = Schema


    def helper():
        return 1
"""


def test_a_class_whose_metaclass_reads_sys_modules_stays(tmp_path: Path) -> None:
    """xmlschema's validators/schemas.py: the metaclass sets `MetaXMLSchema10` on
    `sys.modules[dict_['__module__']]`, the new module after the split, so the old module
    lost it (GS403 at apply after a clean plan). The classes that metaclass creates stay
    in the old module, with what reads them at import time (`XMLSchema = XMLSchema10`, a
    GS112 error in suggest's mapping); mapped, they are refused at plan time (GS101, naming
    the cause)."""
    plan, _ = plan_texts(make_project(tmp_path / "plan", METACLASS_REGISTERS,
                                      {"schemas": ["Base", "Schema"]}, default="rest"))
    errors = [f for f in plan.findings if f.severity == "error"]
    assert [f.code for f in errors] == ["GS101", "GS101"], [f.render() for f in errors]
    assert "sys.modules[cls.__module__]" in errors[0].message
    out = _same(tmp_path / "run", METACLASS_REGISTERS, {"meta": ["Meta"], "helpers": ["helper"]},
                "import pkg.big as m; print(m.MetaSchema.__name__, m.DefaultSchema.__module__)")
    assert out.strip() == "Schema pkg.big"


PACKAGE_INIT = """
    from .options import DEFAULT


    class Config:
        value = DEFAULT


    def make():
        return Config()


    def main():
        return make().value
"""


def test_a_package_init_exports_its_imported_submodules_by_star(tmp_path: Path) -> None:
    """pytest's _pytest/config/__init__.py, no `__all__`: `from .argparsing import ...`
    sets `argparsing` on the package, so `from _pytest.config import *` gives it. The
    facade's `__all__` listed only the source's own public names (GS405 at apply after a
    clean plan); it takes the names the package has at run time, as the source did."""
    files = {"pkg/big/options.py": "DEFAULT = 3\n"}
    out = _same(tmp_path, PACKAGE_INIT, {"configs": ["Config", "make"], "cli": ["main"]},
                "ns = {}; exec('from pkg.big import *', ns); print(sorted(k for k in ns "
                "if k != '__builtins__'))", files=files, path="pkg/big/__init__.py",
                package="pkg/big")
    assert "options" in out


def test_an_undefined_name_in_generated_code_is_a_plan_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """setuptools' pkg_resources: the new modules read names that were not defined there,
    which pyflakes found only in apply's check of the written files (GS411 at apply after
    a clean plan). The plan runs the same check on what it would write: such a bug in
    godsplit is a plan error, with the generated file and line, and nothing is written."""
    assemble = plan_module.assemble

    def broken(*args: Any, **kwargs: Any) -> dict[Path, str]:
        texts: dict[Path, str] = assemble(*args, **kwargs)
        return {p: t + "\nLOST = missing_name\n" if p.name == "api.py" else t
                for p, t in texts.items()}

    monkeypatch.setattr(plan_module, "assemble", broken)
    plan, _ = plan_texts(make_project(tmp_path, "def f():\n    return 1\n", {"api": ["f"]}))
    errors = [f for f in plan.findings if f.severity == "error"]
    assert [(f.code, Path(f.path).name) for f in errors] == [("GS411", "api.py")], [
        f.render() for f in errors]
    assert "'missing_name'" in errors[0].message and errors[0].line > 1


def test_suggest_says_a_file_that_cannot_be_split_cannot(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """suggest on pyOpenSSL's crypto.py: every mapping is refused with GS116, so it says
    the file cannot be split (not 'fix the entry by hand'), exits 1 and writes nothing."""
    from click.testing import CliRunner

    from godsplit.cli import main

    make_project(tmp_path, NAME_HANDED, {"req": ["Request"]})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["suggest", "pkg/big.py", "--write"])
    assert result.exit_code == 1, result.output
    assert "GS116" in result.output and "cannot be split safely as it is" in result.output
    assert not (tmp_path / "godsplit.toml").exists()


DECLARE_STATE = """
    _state_vars = {}


    def _declare_state(vartype, **kw):
        globals().update(kw)
        _state_vars.update(dict.fromkeys(kw, vartype))


    _finders = None


    def register(kind, finder):
        _finders[kind] = finder


    def find(kind):
        return _finders[kind]


    _declare_state("dict", _finders={})
"""


def test_names_a_call_binds_through_globals_by_keyword_stay(tmp_path: Path) -> None:
    """pip's vendored pkg_resources: `_distribution_finders = None`, then
    `_declare_state('dict', _distribution_finders={})`, whose `globals().update(kw)` binds
    the keyword's name. The declaration moved with its readers, and they kept reading its
    None there (GS406 at apply, as the module registers finders while it imports; read
    only at call time, the import check could not see it). The declaration and the call
    stay in the old module, and the readers read the name from there."""
    out = _same(tmp_path, DECLARE_STATE, {"finding": ["register", "find"]},
                "import pkg.big as m; m.register('zip', len); print(m.find('zip'), "
                "m._state_vars)")
    assert out.strip() == "<built-in function len> {'_finders': 'dict'}"
