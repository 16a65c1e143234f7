"""Bugs found in round 14 splitting real god files not tried before (param's
`parameterized.py`, SQLAlchemy's `sql/functions.py`) and running each library's own
suite, and its own tools, before and after: each a minimal `pkg/big.py`, planned and
applied."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from godsplit.split.noqa import noqa_first

from splitkit import apply, make_project, plan_texts, same_behaviour

SIBLING_IMPORT = """
    _T = "T"

    from . import serializer


    class Param:
        serializers = {"json": serializer.JSON}


    def helper():
        return Param.serializers["json"].name
"""


def test_a_late_import_of_a_sibling_through_the_package_that_imports_the_source_moves(
        tmp_path: Path) -> None:
    """param's `parameterized.py` has `from . import serializer` below its first
    definitions, and `Parameter`'s class body reads `serializer.JSONSerialization`.
    `param/__init__.py` imports `param.parameterized`, so the import was taken for one that
    closes a cycle (a late import that must stay in the old module): GS112 "an import
    cannot move: keep Parameter in the old module". But the package's `__init__.py` is
    imported before the module it holds: `from . import serializer` runs only
    `serializer.py`, which does not import the source. The import is copied where it is
    read, and the split behaves the same."""
    files = {"pkg/__init__.py": "from .big import Param, helper\n",
             "pkg/serializer.py": "class JSON:\n    name = 'json'\n"}
    out = same_behaviour(tmp_path, SIBLING_IMPORT, {"consts": ["_T"], "params": ["Param", "helper"]},
                         "import pkg; print(pkg.helper(), pkg.Param.serializers)", files=files)
    assert out.startswith("json {'json': <class 'pkg.serializer.JSON'>}")
    params = (tmp_path / "after" / "pkg" / "big" / "params.py").read_text()
    assert "serializer" in params.split("class Param")[0]


def test_a_late_import_whose_module_imports_the_source_still_stays(tmp_path: Path) -> None:
    """The same import, when `serializer.py` imports the source at its top, does close a
    cycle: it stays in the old module, and a class that reads it while loading cannot
    move (GS112), as before."""
    files = {"pkg/__init__.py": "from .big import Param, helper\n",
             "pkg/serializer.py": "from .big import _T\n\n\nclass JSON:\n    name = _T\n"}
    config = make_project(tmp_path, SIBLING_IMPORT, {"consts": ["_T"], "params": ["Param", "helper"]},
                          files=files)
    plan, _ = plan_texts(config)
    assert [f.code for f in plan.errors] == ["GS112"]
    assert "an import cannot move" in plan.errors[0].message


IMPORTS = """
    import sys
    import os


    def where():
        return os.sep


    def version():
        return sys.version_info[0]
""" + "".join(f"""

    def a_rather_long_function_name_{i}():
        return {i}
""" for i in range(8))


@pytest.mark.parametrize("isort", ["[tool.isort]\nskip_glob = ['*']\n",
                                   "[tool.isort]\nskip = ['big.py']\n"])
def test_a_project_whose_isort_skips_the_file_is_split(tmp_path: Path, isort: str) -> None:
    """SQLAlchemy's pyproject.toml has `[tool.isort] skip_glob = ['*']` (it sorts imports
    with its own zimports): `godsplit plan` stopped at "isort failed: ... was skipped as
    it's listed in 'skip' setting or matches a glob in 'skip_glob' setting". The project's
    isort leaves those files as they are; so does godsplit (the split is planned, written
    and imports the same). The import lines godsplit writes are then formatted as the
    other generated lines are: they had been left unwrapped (flake8's E501 at 616 columns
    in SQLAlchemy's facade), as if isort had wrapped them."""
    config = make_project(tmp_path, IMPORTS, {"paths": ["where", "a_rather_long_*"],
                                              "versions": ["version"]},
                          files={"pyproject.toml": isort})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    assert "import os" in texts["pkg/big/paths.py"]
    facade = texts["pkg/big/__init__.py"]
    assert "a_rather_long_function_name_7" in facade
    assert max(len(line) for line in facade.splitlines()) <= 88, facade
    result = apply(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]


COPIED_BY_METACLASS = """
    import copy

    FAST = True


    class Param:
        def __init__(self, default):
            self.default = default

        def __copy__(self):
            new = Param.__new__(Param)
            new.default = self.default if FAST else None
            return new


    class Meta(type):
        def __init__(cls, name, bases, ns):
            super().__init__(name, bases, ns)
            cls.label = name

        def __setattr__(cls, attr, value):
            for key, p in list(vars(cls).items()):
                if isinstance(p, Param):
                    type.__setattr__(cls, key, copy.copy(p))
            type.__setattr__(cls, attr, value)


    class Base(metaclass=Meta):
        pass


    class Child(Base):
        size = Param(3)
"""


def test_a_special_method_run_by_copy_or_by_setting_an_attribute_reads_at_import_time(
        tmp_path: Path) -> None:
    """param's suggested split rolled back after a clean plan (GS406, NameError: name
    '_IS_PYPY' is not defined): making a `Parameterized` subclass runs the metaclass's
    `__init__`, whose `mcs.name = name` runs the metaclass's `__setattr__`, whose
    `copy.copy(parameter)` runs `Parameter.__copy__`, which reads `_IS_PYPY`, a global of
    the module making the subclass. Neither `copy.copy(x)` (x's `__copy__`) nor `x.a = v`
    (`__setattr__`) counted as running a special method, so the read was taken for one at
    call time and imported at the end of a cycle. Now it is an import-time read: the
    cycle is a plan error (GS104) instead of a rollback."""
    config = make_project(tmp_path, COPIED_BY_METACLASS,
                          {"core": ["Param", "Meta", "Base"], "children": ["FAST", "Child"]})
    plan, _ = plan_texts(config)
    assert [f.code for f in plan.errors] == ["GS104"], [f.render() for f in plan.findings]
    assert "FAST" in plan.errors[0].message
    same_behaviour(tmp_path / "together", COPIED_BY_METACLASS,
                   {"core": ["Param", "Meta", "Base", "FAST"], "children": ["Child"]},
                   "import pkg.big as b; print(b.Child.size.default, b.Child.label)")



PARAM_FACADE = """from .._utils import (
    ParamDeprecationWarning as _ParamDeprecationWarning,
    ParamFutureWarning as _ParamFutureWarning,
    ParamPendingDeprecationWarning as _ParamPendingDeprecationWarning,
)  # noqa: F401
"""


def test_a_noqa_a_formatter_puts_after_the_parenthesis_goes_to_the_first_line(
        tmp_path: Path) -> None:
    """param's facade kept `from .._utils import (ParamDeprecationWarning as
    _ParamDeprecationWarning, ...)`, names nothing there reads, on one statement with a
    `# noqa: F401`; the formatter wrapped the marked line and left the comment after the
    closing parenthesis, where ruff does not look: F401 at each name (3 new findings under
    param's own ruff). The comment goes to the first line, where ruff and flake8 look."""
    moved = noqa_first(PARAM_FACADE)
    assert moved.splitlines()[0] == "from .._utils import (  # noqa: F401"
    assert moved.splitlines()[-1] == ")"
    for name, text in (("before.py", PARAM_FACADE), ("after.py", moved)):
        (tmp_path / name).write_text(text)
    (tmp_path / "pyproject.toml").write_text('[tool.ruff.lint]\nselect = ["F401"]\n')
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format",
                           "concise", "before.py", "after.py"], cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    assert "before.py:2:" in proc.stdout and "after.py" not in proc.stdout, proc.stdout


ALIASED = """
    from .warnings import (
        ParamDeprecationWarning as _ParamDeprecationWarning,
        ParamFutureWarning as _ParamFutureWarning,
        ParamPendingDeprecationWarning as _ParamPendingDeprecationWarning,
    )


    def deprecated():
        return _ParamDeprecationWarning, _ParamFutureWarning, _ParamPendingDeprecationWarning
"""


def test_unread_aliases_kept_in_the_facade_are_each_marked(tmp_path: Path) -> None:
    """The same kept aliases under ruff's sorter without combine-as-imports: the statement
    with the `# noqa: F401` was split into one per name, and the comment stayed on the
    first: F401 on the other two (`imports.explicit` put every unread alias on one
    statement with one comment). Fixed in round 15 (polish16): one statement a name,
    each with its comment, where the sorter does not combine `as` imports."""
    files = {"pkg/warnings.py": "".join(f"class Param{k}Warning(Warning):\n    pass\n\n\n"
                                        for k in ("Deprecation", "Future", "PendingDeprecation")),
             "pyproject.toml": '[tool.ruff.lint]\nselect = ["F"]\n'}
    config = make_project(tmp_path, ALIASED, {"deprecations": ["deprecated"]}, files=files)
    result = apply(config)
    assert result.written and not result.rolled_back
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format",
                           "concise", "pkg/big/__init__.py"], cwd=tmp_path, capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, proc.stdout
