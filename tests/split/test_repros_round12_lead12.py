"""Leftovers of round 11 fixed in round 12 by the lead: each a minimal `pkg/big.py`."""

from __future__ import annotations

from pathlib import Path

from splitkit import apply, make_project, plan_texts, same_behaviour

# dill's `_dill.py` imports `Getattr` from `_shims` below its definitions, and `_shims`
# reaches back into the half-imported module: the import must stay where it is, after
# the names it needs. GS112 then said "map Getattr to a module", which cannot be done (an
# import is copied, never mapped). The advice now names what to keep.
LATE_IMPORT = """
    def helper():
        return 1


    from pkg.other import Getattr


    def f(x=Getattr.NO_DEFAULT):
        return x is Getattr.NO_DEFAULT


    def g():
        return helper()
"""
OTHER = """
    from pkg.big import helper


    class Getattr:
        NO_DEFAULT = object()
        h = staticmethod(helper)
"""


def test_gs112_for_a_late_import_names_the_readers_to_keep(tmp_path: Path) -> None:
    config = make_project(tmp_path, LATE_IMPORT, {"one": ["f"], "two": ["g", "helper"]},
                          files={"pkg/other.py": OTHER})
    plan, _ = plan_texts(config)
    [finding] = [f for f in plan.findings if f.code == "GS112"]
    assert finding.line == 5
    assert "map Getattr" not in finding.message
    assert "keep f in the old module" in finding.message


def test_keeping_the_readers_a_gs112_names_applies(tmp_path: Path) -> None:
    """The advice works: with `f` kept, the split applies and behaves the same."""
    out = same_behaviour(tmp_path, LATE_IMPORT, {"two": ["g", "helper"]}, """
        import pkg.big
        print(pkg.big.f(), pkg.big.g())
    """, files={"pkg/other.py": OTHER}, keep=["f"])
    assert out == "True 1\n"


# coverage's `env.py`/`misc.py` pattern: `import os`, then `os = isolate_module(os)`. The
# facade kept `import os` and then re-exported the moved `os`: pyflakes and ruff's F811,
# "redefinition of unused `os`". The re-export alone binds it.
ISOLATED = """
    import os


    def isolate_module(mod):
        return mod


    os = isolate_module(os)


    def cwd():
        return os.getcwd()


    def other():
        return 2
"""


def test_the_facade_drops_an_import_a_reexport_rebinds(tmp_path: Path) -> None:
    modules = {"one": ["isolate_module", "os", "cwd"], "two": ["other"]}
    _, texts = plan_texts(make_project(tmp_path / "plan", ISOLATED, modules))
    facade = texts["pkg/big/__init__.py"]
    assert "\nimport os\n" not in facade
    assert "from .one import cwd, isolate_module, os\n" in facade
    out = same_behaviour(tmp_path / "run", ISOLATED, modules, """
        import os, pkg.big
        print(pkg.big.os is os, pkg.big.cwd() == os.getcwd())
    """)
    assert out == "True True\n"


def test_the_facade_keeps_an_import_its_own_code_reads(tmp_path: Path) -> None:
    """Kept code (`cwd`) reads the facade's own `os`: the import stays."""
    modules = {"one": ["isolate_module", "os"], "two": ["other"]}
    _, texts = plan_texts(make_project(tmp_path, ISOLATED, modules, keep=["cwd"]))
    assert "\nimport os\n" in texts["pkg/big/__init__.py"]


# peewee's `Database`: `fn = Function()` at top level, `for name, fn in ...` in a method.
# In the new module `fn` is imported from its sibling: pyflakes' and ruff's F402 ("import
# shadowed by loop variable"), which the god file did not have.
LOOP = """
    class Helper:
        def __call__(self, x):
            return x


    fn = Helper()


    class Database:
        def funcs(self, table):
            out = []
            for name, fn in table.items():  # the user's comment
                out.append((name, fn))
            for fn in table: pass
            return out

        def run(self):
            return fn(2)
"""


def test_a_loop_shadowing_a_name_now_imported_gets_a_noqa(tmp_path: Path) -> None:
    modules = {"core": ["Helper", "fn"], "database": ["Database"]}
    _, texts = plan_texts(make_project(tmp_path / "plan", LOOP, modules))
    database = texts["pkg/big/database.py"]
    assert "for name, fn in table.items():  # the user's comment  # noqa: F402\n" in database
    assert "for fn in table: pass  # noqa: F402\n" in database
    assert "class Helper" in texts["pkg/big/core.py"] and "noqa" not in texts["pkg/big/core.py"]
    out = same_behaviour(tmp_path / "run", LOOP, modules, """
        import pkg.big
        print(pkg.big.Database().funcs({"a": 1}), pkg.big.Database().run())
    """)
    assert out == "[('a', 1)] 2\n"


# `inspect.getmodule(f)` looks `f.__module__` up in `sys.modules`: for a moved function it
# answers the new module. The split was "verified" while `where()` said `pkg.big.letters`.
GETMODULE = """
    import inspect


    def alpha():
        return 1


    def where(f=alpha):
        return inspect.getmodule(f).__name__
"""


def test_inspect_getmodule_is_a_read_of_module(tmp_path: Path) -> None:
    modules = {"letters": ["alpha"], "meta": ["where"]}
    plan, _ = plan_texts(make_project(tmp_path / "plan", GETMODULE, modules))
    [finding] = [f for f in plan.findings if f.code == "GS119"]
    assert finding.severity == "error" and finding.line == 9
    assert "`inspect.getmodule(f)` in where" in finding.message
    out = same_behaviour(tmp_path / "run", GETMODULE, modules, """
        import pkg.big
        print(pkg.big.where())
    """, **{"keep-module-name": True})
    assert out == "pkg.big\n"


# matplotlib's `image.py`: `from matplotlib._image import *` (an extension module, its stub
# empty) gives `resample`; suggest named a module `resample`, and importing the submodule
# replaced the function on the package: rolled back after a clean plan (GS403, GS405).
# The names such a star import gives are known only at run time: the import before the
# split (which apply runs anyway) now refuses the module name before anything is written.
RUNTIME_STAR = """
    from pkg.dyn import *


    def _resample(x):
        return resample(x)


    def other():
        return 2
"""
DYN = """
    globals()["resample"] = lambda x: x * 2
    __all__ = [n for n in dict(globals()) if not n.startswith("_")]
"""


def test_a_module_named_as_a_run_time_star_name_is_refused_before_writing(
        tmp_path: Path) -> None:
    config = make_project(tmp_path, RUNTIME_STAR, {"resample": ["_resample"], "rest": ["other"]},
                          files={"pkg/dyn.py": DYN})
    plan, _ = plan_texts(config)
    assert not plan.errors  # godsplit cannot read what the star import gives
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = apply(config)
    assert not result.written and not result.rolled_back
    [error] = result.errors
    assert error.code == "GS415" and "'resample'" in error.message
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_a_star_import_of_an_extension_module_is_read_from_its_stub(tmp_path: Path) -> None:
    """With a stub beside the extension module, the plan knows its names (GS106)."""
    config = make_project(tmp_path, RUNTIME_STAR, {"resample": ["_resample"], "rest": ["other"]},
                          files={"pkg/dyn.pyi": "def resample(x: int) -> int: ...\n"})
    plan, _ = plan_texts(config)
    assert [f.code for f in plan.errors] == ["GS106"]


# matplotlib's `tri/_triinterpolate.py`, the first time matplotlib was imported in a new
# environment: the import before the split built the font cache (loading
# `encodings.utf_16_be`), the one after found it built: GS413 "no longer
# encodings.utf_16_be", rolled back after a clean plan; run again, verified.
CACHED = """
    import os

    if not os.path.exists({cache!r}):  # loads colorsys only while the cache is built
        open({cache!r}, "w").write(__import__("colorsys").__name__)


    def f():
        return 1


    def g():
        return 2
"""


def test_a_cache_the_first_import_fills_is_not_a_change_of_the_split(tmp_path: Path) -> None:
    source = CACHED.format(cache=str(tmp_path / "cache.txt"))
    result = apply(make_project(tmp_path / "project", source, {"a": ["f"], "b": ["g"]}))
    assert result.written and result.splits[0].imported, result.errors


# PIL's `TiffImagePlugin.py`: `TYPE_CHECKING = False` (no typing import), a copied `if
# TYPE_CHECKING:` block, and a class whose `__init__` reads TYPE_CHECKING and runs at import
# time in another module. The read was taken for one only that module's code makes, so the
# import of TYPE_CHECKING went to the end of the module (a call-time cycle) while the copied
# block at the top reads it as the module loads: GS411, and suggest's dead end.
LOCAL_TYPE_CHECKING = """
    from __future__ import annotations

    from typing import cast

    TYPE_CHECKING = False
    if TYPE_CHECKING:
        from typing import SupportsInt as IntegralLike


    def registry():
        return Rational(2).v


    class Rational:
        def __init__(self, v):
            if TYPE_CHECKING:
                self.v = cast("IntegralLike", v)
            else:
                self.v = v


    TABLE = Rational(1)
"""


def test_a_copied_type_checking_block_reads_its_flag_as_the_module_loads(
        tmp_path: Path) -> None:
    modules = {"flags": ["TYPE_CHECKING", "registry"], "rational": ["Rational"],
               "table": ["TABLE"]}
    out = same_behaviour(tmp_path, LOCAL_TYPE_CHECKING, modules, """
        import pkg.big
        print(pkg.big.registry(), pkg.big.TABLE.v, pkg.big.TYPE_CHECKING)
    """)
    assert out == "2 1 False\n"


# PIL's `TiffImagePlugin.py` ends with its registrations: `Image.register_open(TiffImageFile
# .format, TiffImageFile, _accept)`, `Image.register_save(TiffImageFile.format, _save)`,
# `Image.register_extensions(TiffImageFile.format, [...])`. Each moves with a definition it
# names; GS121 took `_save`'s registration for a read at `def _save` (line 1760, before
# the class's own registrations) and an attribute read (`TiffImageFile.format`) for a
# change of the class: "no mapping without plan errors was found".
REGISTRATIONS = """
    OPEN, SAVE, EXTENSIONS = {}, {}, {}


    def register_open(fmt, cls):
        OPEN[fmt] = cls


    def register_save(fmt, fn):
        SAVE[fmt] = fn


    def register_extensions(fmt, exts):
        EXTENSIONS[fmt] = exts


    class TiffImageFile:
        format = "TIFF"


    def _save(image):
        return f"saved {image}"


    register_open(TiffImageFile.format, TiffImageFile)
    register_save(TiffImageFile.format, _save)
    register_extensions(TiffImageFile.format, [".tif", ".tiff"])
"""


def test_registrations_that_read_an_attribute_do_not_change_the_class(tmp_path: Path) -> None:
    modules = {"registry": ["OPEN", "SAVE", "EXTENSIONS", "register_open", "register_save",
                            "register_extensions"],
               "save": ["_save"], "tiff": ["TiffImageFile"]}
    out = same_behaviour(tmp_path, REGISTRATIONS, modules, """
        import pkg.big as m
        print(m.OPEN["TIFF"].__name__, m.SAVE["TIFF"]("x"), m.EXTENSIONS)
    """)
    assert out == "TiffImageFile saved x {'TIFF': ['.tif', '.tiff']}\n"


def test_a_registration_that_hands_over_the_class_still_counts_as_a_change(
        tmp_path: Path) -> None:
    """`_save`'s registration runs after `register_open(..., TiffImageFile)`, which may
    change the class; one placed before it still reads the class before that change."""
    source = REGISTRATIONS.replace(
        "    register_open(TiffImageFile.format, TiffImageFile)\n"
        "    register_save(TiffImageFile.format, _save)\n",
        "    register_save(TiffImageFile.format, _save)\n"
        "    register_open(TiffImageFile.format, TiffImageFile)\n")
    modules = {"registry": ["OPEN", "SAVE", "EXTENSIONS", "register_open", "register_save",
                            "register_extensions"],
               "save": ["_save"], "tiff": ["TiffImageFile"]}
    plan, _ = plan_texts(make_project(tmp_path, source, modules))
    assert [f.code for f in plan.errors] == ["GS121"]


# matplotlib's `contour.py`: a docstring fragment registered on an imported object, then a
# class decorated with that object, which reads the fragment as the class is created. The
# registration stayed in the old module, after the re-exports: KeyError at import, rolled
# back after a clean plan.
DOCSTRINGS = """
    from pkg import doc


    def helper():
        return 1


    doc.interpd.register(attributes="levels : array")


    @doc.interpd
    class ContourSet:
        \"\"\"Contours.

        %(attributes)s
        \"\"\"
"""
DOC = """
    class _Interpd:
        def __init__(self):
            self.params = {}

        def register(self, **kwargs):
            self.params.update(kwargs)

        def __call__(self, obj):
            obj.__doc__ = obj.__doc__ % self.params
            return obj


    interpd = _Interpd()
"""


def test_a_kept_registration_on_an_imported_object_runs_before_the_new_modules(
        tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, DOCSTRINGS, {"helpers": ["helper"], "contour": ["ContourSet"]},
                         """
        import pkg.big
        print(pkg.big.ContourSet.__doc__.split()[-1], pkg.big.helper())
    """, files={"pkg/doc.py": DOC})
    assert out == "array 1\n"
    plan, _ = plan_texts(make_project(tmp_path / "plan", DOCSTRINGS,
                                      {"helpers": ["helper"], "contour": ["ContourSet"]},
                                      files={"pkg/doc.py": DOC}))
    [note] = [f for f in plan.findings if f.code == "GS204"]
    assert "it runs before the new modules are imported" in note.message


# dill's `_dill.py`: `def _eval_repr(s): return eval(s)` stays (it finds its module by
# eval), and counted as code that writes the module's namespace: GS122 then refused a moved
# function reading `__IPYTHON__` (bound by no statement), which only a writer could bind.
# An expression binds no name of the module.
EVAL_ONLY = """
    def _eval_repr(text):
        return eval(text)


    def in_ipython():
        try:
            return __IPYTHON__
        except NameError:
            return False


    def other():
        return 2
"""


def test_a_function_that_only_evaluates_writes_no_name_of_the_module(tmp_path: Path) -> None:
    modules = {"shell": ["in_ipython"], "rest": ["other"]}
    out = same_behaviour(tmp_path, EVAL_ONLY, modules, """
        import pkg.big
        print(pkg.big.in_ipython(), pkg.big._eval_repr("1 + other()"))
    """, keep=["_eval_repr"])
    assert out == "False 3\n"


# numpy's `distutils/system_info.py`: `for vcpkg_root in [...]` under `if vcpkg:` under
# `if sys.platform == "win32":`. A name bound in a loop inside such a block counted as
# neither surely nor maybe bound: imported unguarded, it was missing on Linux (ImportError,
# rolled back after a clean plan).
NESTED_LOOP = """
    import sys

    if sys.platform == "never":
        roots = []
        if roots is not None:
            for root in ["a", "b"]:
                roots.append(root)
    else:
        roots = ["/usr/lib"]


    def show():
        return sorted(k for k in globals() if k in ("roots", "root"))


    def other():
        return 2
"""


def test_a_name_bound_in_a_loop_inside_an_if_block_is_imported_guarded(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, NESTED_LOOP, {"bits": ["roots"], "rest": ["other"]}, """
        import pkg.big
        print(pkg.big.show(), hasattr(pkg.big, "root"), pkg.big.roots)
    """, keep=["show"])
    assert out == "['roots'] False ['/usr/lib']\n"
