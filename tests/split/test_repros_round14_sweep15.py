"""Round 14's sweep of a new installed environment (django, ansible-core, biopython,
pyomo, rdflib, reportlab, celery, ...): each bug a minimal `pkg/big.py`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from splitkit import apply, make_project, plan_texts, same_behaviour


def _project_venv(root: Path) -> Path:
    """A virtualenv at root/.venv (godsplit's import check finds it): its site-packages."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root / ".venv")],
                   check=True)
    (root / "pyproject.toml").write_text("")
    [site] = (root / ".venv/lib").glob("python*/site-packages")
    return site


def _imported(result: object) -> str:
    [split] = result.splits  # type: ignore[attr-defined]
    [found] = [f for f in split.findings if f.code in ("GS400", "GS412")]
    return f"{found.code}: {found.message}"


# rdflib's `__init__` reads its own version, `importlib.metadata.version("rdflib")`.
# godsplit's own interpreter (tried first) has no rdflib metadata and raised
# PackageNotFoundError, which was taken for a final error: GS412, "checked statically",
# though the project's virtualenv has the distribution installed. A distribution's metadata
# not found is now a missing package: the next interpreter is tried.
METADATA = """
    from importlib.metadata import version

    __version__ = version("sweep15-pkg")


    def f():
        return __version__


    def g():
        return 2
"""


@pytest.mark.slow
def test_a_package_reading_its_own_metadata_is_checked_in_the_project_venv(
        tmp_path: Path) -> None:
    site = _project_venv(tmp_path)
    dist = site / "sweep15_pkg-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: sweep15-pkg\nVersion: 1.0\n")
    result = apply(make_project(tmp_path, METADATA, {"a": ["f"], "b": ["g"]}))
    assert result.written and not result.errors
    assert _imported(result).startswith("GS400: imported pkg.big before and after")


def test_gs412_names_the_metadata_no_interpreter_has(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("")  # no virtualenv: godsplit's own alone
    result = apply(make_project(tmp_path, METADATA, {"a": ["f"], "b": ["g"]}))
    assert result.written
    assert ("GS412: import check skipped: it needs the installed metadata of 'sweep15-pkg', "
            f"which no interpreter found has ({sys.executable})") in _imported(result)


# Biopython's `Bio/Graphics/__init__.py`: `try: import reportlab` / `except ImportError:
# raise MissingPythonDependencyError("Please install ReportLab ...") from None`. godsplit's
# own interpreter has no reportlab, and the error names no missing module (`from None`):
# it was final, GS412, though the project's virtualenv has reportlab. An error in one
# interpreter now sends the check on to the next; the first error is reported only when
# none imports the module.
REPACKAGED = """
    try:
        import sweep15_only_in_venv
    except ImportError:
        raise RuntimeError("please install sweep15_only_in_venv") from None


    def f():
        return sweep15_only_in_venv.VALUE


    def g():
        return 2
"""


@pytest.mark.slow
def test_an_error_in_godsplits_interpreter_is_not_final(tmp_path: Path) -> None:
    site = _project_venv(tmp_path)
    (site / "sweep15_only_in_venv.py").write_text("VALUE = 1\n")
    result = apply(make_project(tmp_path, REPACKAGED, {"a": ["f"], "b": ["g"]}))
    assert result.written and not result.errors
    assert _imported(result).startswith("GS400: imported pkg.big before and after")


def test_an_error_no_interpreter_gets_past_is_reported(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("")
    result = apply(make_project(tmp_path, REPACKAGED, {"a": ["f"], "b": ["g"]}))
    assert result.written
    assert ("GS412: import check skipped: it does not import on its own (RuntimeError: "
            "please install sweep15_only_in_venv)") in _imported(result)


# ansible's `galaxy/collection/__init__.py` (a package's `__init__`, no `__all__`):
# `if t.TYPE_CHECKING:` declares type aliases (`ManifestKeysType = t.Literal[...]`).
# suggest dead-ended on GS113 ("`import *` changed: gained ManifestKeysType, ..."): the
# facade's `__all__ += [n for n in dict(globals()) ...]` was taken for code writing the
# namespace through `globals()` (any call given `globals()` may), and its live-facade
# helpers (`sys.modules[__name__]`) for code finding its module, so the facade's copy of the
# `TYPE_CHECKING` block counted as declaring names bound at run time. `dict(globals())`
# (and list, sorted, ...) copies; godsplit's own helpers are not the module's code.
TYPE_ALIASES = """
    from __future__ import annotations

    import typing as t

    if t.TYPE_CHECKING:
        from pkg.other import Manager

        KeysType = t.Literal["a", "b"]
        ValueType = t.Dict[KeysType, int]


    def f(m: Manager) -> ValueType:
        return {}


    def g(x: KeysType) -> int:
        return 2
"""


def test_type_checking_aliases_in_a_split_package_init(tmp_path: Path) -> None:
    split = {"path": "pkg/big/__init__.py", "package": "pkg/big",
             "files": {"pkg/other.py": "class Manager:\n    pass\n"}}
    modules = {"a": ["f"], "b": ["g"]}
    plan, _ = plan_texts(make_project(tmp_path / "plan", TYPE_ALIASES, modules, **split))
    assert not plan.errors, [e.render() for e in plan.errors]
    out = same_behaviour(tmp_path / "run", TYPE_ALIASES, modules, """
        from pkg.big import *
        print(sorted(n for n in dir() if not n.startswith("_")))
    """, **split)
    assert out == "['annotations', 'f', 'g', 't']\n"


# reportlab's `lib/rl_safe_eval.py`: `def _g_accept_gen(g, mpattern, name_rejects={'__file__',
# '__doc__', ...})`. The signature's repr lists the set in the order of its strings'
# hashes, which differ between two interpreters (hash randomization): GS408 "signature
# changed" after a clean plan, rolled back, on most runs. Every import of the check now
# runs with one hash seed.
_NAMES = ", ".join(f'"name_{i}"' for i in range(30))
SET_DEFAULT = """
    def f(names={NAMES}):
        return sorted(names)


    def g():
        return 2
""".replace("NAMES", _NAMES)


def test_a_set_default_in_a_signature_compares_the_same(tmp_path: Path) -> None:
    for attempt in range(3):  # without the seed, each of the 3 had 30! orders to match
        result = apply(make_project(tmp_path / str(attempt), SET_DEFAULT,
                                    {"a": ["f"], "b": ["g"]}))
        assert result.written and not result.errors, [e.render() for e in result.errors]
        assert _imported(result).startswith("GS400: imported pkg.big before and after")


# ansible's `galaxy/collection/__init__.py`, once GS113 was fixed: `try: from
# ansible.galaxy.dependency_resolution import ...` / `except ImportError: HAS_RESOLVELIB =
# False`, below definitions that `dependency_resolution` reads back (`from
# ansible.galaxy.collection import HAS_PACKAGING, PkgReq`). An import that closes a cycle
# through another project module stays in the old module (`late_imports`), but one inside a
# `try:` was not looked into: it was copied into the new module that reads its names, ran
# while the facade was still importing that module, failed there, and the `except` hid it:
# the new module's `helper` was never bound (NameError when called) while the split was
# "verified". The statements inside a `try:` or `if` block are followed now.
# the optional import every scenario below has, and the one closing the cycle
OPTIONAL = """
    try:
        from json import JSONDecoder as Req
    except ImportError:
        class Req:
            pass

        HAS = False
    else:
        HAS = True
"""
CLOSING = """
    try:
        from pkg.other import helper
    except ImportError:
        HAS_OTHER = False
    else:
        HAS_OTHER = True
"""
CYCLE_IN_TRY = OPTIONAL + CLOSING + """

    def f():
        return 1


    def g():
        return HAS, Req.__name__, HAS_OTHER, helper()
"""
OTHER = """
    from pkg.big import HAS


    def helper():
        return HAS
"""


def test_an_import_in_a_try_block_closing_a_cycle_stays_in_the_old_module(
        tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, CYCLE_IN_TRY, {"a": ["f"], "b": ["g"]}, """
        import pkg.big
        print(pkg.big.g())
    """, files={"pkg/other.py": OTHER})
    assert out == "(True, 'JSONDecoder', True, True)\n"


# Then the rollback: `from ansible.galaxy.dependency_resolution.versioning import
# meets_requirements` imports the package `ansible.galaxy.dependency_resolution` first, whose
# `__init__` imports (through `providers`) the module that reads the old module back. The
# cycle search followed `a.b.c` and `a.b.c.name`, not the packages `a.b` and `a` whose
# `__init__` runs first: the import was copied into a new module (GS406 after a clean plan).
CYCLE_VIA_PARENT = OPTIONAL + """
    from pkg.resolution.versioning import meets


    def f():
        return 1


    def g():
        return HAS, Req.__name__, meets()
"""
RESOLUTION = {
    "pkg/resolution/__init__.py": "from pkg.resolution.providers import provide\n",
    "pkg/resolution/providers.py": "from pkg.big import HAS\n\n\ndef provide():\n    return HAS\n",
    "pkg/resolution/versioning.py": "def meets():\n    return 'meets'\n",
}


def test_an_import_reaching_the_old_module_through_a_parent_package(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, CYCLE_VIA_PARENT, {"a": ["f"], "b": ["g"]}, """
        import pkg.big
        print(pkg.big.g())
    """, files=RESOLUTION)
    assert out == "(True, 'JSONDecoder', 'meets')\n"


# Both at once, as in ansible: the facade of a package `__init__` that hands names over to
# the modules that imported it mid-way (`vars(sys.modules[...]).update(**{n: globals()[n]
# ...})`) still reads its `TYPE_CHECKING` aliases as not bound at run time.
BOTH = """
    from __future__ import annotations

    import typing as t
""" + OPTIONAL + """
    if t.TYPE_CHECKING:
        KeysType = t.Literal["a", "b"]
""" + CLOSING + """

    def f(x: KeysType) -> int:
        return 1


    def g(x: KeysType) -> tuple[bool, str, bool, bool]:
        return HAS, Req.__name__, HAS_OTHER, helper()
"""


def test_type_checking_aliases_beside_a_cycle_in_a_package_init(tmp_path: Path) -> None:
    split = {"path": "pkg/big/__init__.py", "package": "pkg/big", "files": {"pkg/other.py": OTHER}}
    modules = {"a": ["f"], "b": ["g"]}
    plan, _ = plan_texts(make_project(tmp_path / "plan", BOTH, modules, **split))
    assert not plan.errors, [e.render() for e in plan.errors]
    out = same_behaviour(tmp_path / "run", BOTH, modules, """
        from pkg.big import *
        print(sorted(n for n in dir() if not n.startswith("_")), g("a"))
    """, **split)
    assert out.endswith("(True, 'JSONDecoder', True, True)\n")
