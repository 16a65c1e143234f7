"""Round 15, the lead's own findings: each bug a minimal `pkg/big.py`."""

from __future__ import annotations

from pathlib import Path

from godsplit import api
from godsplit.suggester.entry import render_entry

from splitkit import apply, make_project, run_before_and_after, run_python

# pyasn1's `type/univ.py` (a fourth installed environment): a class attribute that is a
# schema object, whose `__getattr__` raises PyAsn1Error (not AttributeError) for any name
# it lacks. The import check's probe unwrapped members with `getattr(member, "__func__",
# member)`, which raised; apply then said the module "does not import on its own" and
# checked statically only, though it imports.
STRICT_GETATTR = """
    class SchemaError(Exception):
        pass


    class Schema:
        def __getattr__(self, name):
            raise SchemaError(f"Attempted {name!r} operation on a schema object")


    class Integer:
        schema = Schema()

        def value(self):
            return 1


    class Boolean(Integer):
        schema = Schema()
"""


def test_a_member_whose_getattr_raises_is_checked_not_skipped(tmp_path: Path) -> None:
    modules = {"numbers": ["Integer"], "logic": ["Boolean"]}
    before, after, result = run_before_and_after(tmp_path, STRICT_GETATTR, modules, """
        import pkg.big
        print(pkg.big.Boolean().value(), type(pkg.big.Integer.schema).__name__)
    """)
    assert before == after == "1 Schema\n"
    codes = [f.code for s in result.splits for f in s.findings]
    assert "GS400" in codes and "GS412" not in codes


# When reading the module's names fails after it imported (a property of the module
# object itself raising), GS412 says so instead of "does not import on its own".
UNREADABLE = """
    def helper():
        return 1


    def other():
        return 2


    def __dir__():
        return ["helper", "other", "lazy"]


    def __getattr__(name):
        raise RuntimeError("no")
"""


def test_a_module_that_imports_but_cannot_be_read_is_not_said_not_to_import(
        tmp_path: Path) -> None:
    result = apply(make_project(tmp_path, UNREADABLE, {"one": ["helper"], "two": ["other"]}))
    texts = [f.message for s in result.splits for f in s.findings if f.code == "GS412"]
    assert texts and "it imports, but reading its names raised RuntimeError: no" in texts[0]
    assert "does not import on its own" not in texts[0]


# SQLAlchemy's `dialects/postgresql/base.py` (the fourth environment, suggest at default
# settings): the package's `__init__` sets `base.dialect = dialect = psycopg2.dialect`
# after importing it, so `from ...postgresql.base import *` gives `dialect`. A package
# facade writes a fixed `__all__` (to keep its submodules out of `import *`), which lacks
# it: the import check found GS405 and suggest dead-ended ("no mapping without plan
# errors"). GS405 now names the names, and suggest puts the new modules in a package
# beside the old module, which stays a module and needs no `__all__`.
SET_FROM_OUTSIDE = """
    def connect():
        return "connected"


    def close():
        return "closed"


    class Engine:
        name = "base"
"""


def test_suggest_keeps_the_old_module_a_module_when_others_set_names_on_it(
        tmp_path: Path) -> None:
    files = {"pkg/__init__.py": "from . import big\nbig.dialect = big.Engine\n"}
    config = make_project(tmp_path / "plan", SET_FROM_OUTSIDE,
                          {"io": ["connect", "close"], "engines": ["Engine"]}, files=files)
    planned = api.plan(config=config)  # by hand, the package facade: refused, saying why
    [message] = [f.message for f in planned.errors if f.code == "GS405"]
    assert message.startswith(
        "`from module import *` gives other names at run time (no longer: dialect); a package "
        "facade writes a fixed `__all__`")
    assert "set `package` for this split (new modules beside the old module, e.g. in " \
        "`big_parts`)" in message
    root = tmp_path / "project"
    make_project(root, SET_FROM_OUTSIDE, {"x": ["connect"]}, files=files)
    (root / "godsplit.toml").write_text("max-lines = 6\n")
    found = api.suggest(root / "pkg/big.py", config=root / "godsplit.toml", max_lines=6)
    assert found.errors == () and found.package == "pkg/big_parts", found.notes
    assert any("would no longer give dialect (GS405)" in n for n in found.notes)
    (root / "godsplit.toml").write_text("max-lines = 6\n\n" + render_entry(found))
    result = apply(api.load(root / "godsplit.toml"))
    assert result.written and not result.errors
    out = run_python(root, "from pkg.big import *\nprint(dialect.name, connect(), close())")
    assert out == "base connected closed\n"
