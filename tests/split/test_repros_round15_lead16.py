"""Round 15, the lead's own findings: each bug a minimal `pkg/big.py`."""

from __future__ import annotations

from pathlib import Path

from splitkit import apply, make_project, run_before_and_after

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
