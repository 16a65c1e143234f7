"""Bugs found in round 11 (trial12) splitting peewee's `peewee.py`, sqlglot's
`dialects/dialect.py` and dill's `_dill.py` and running their own suites before and
after: each a minimal `pkg/big.py`, planned, and applied where behaviour is at stake."""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts, same_behaviour

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
    bound at run time in the old module only (GS122 stays)."""
    source = READ_ONLY.replace('return globals()["__builtins__"], "x" in globals(), '
                               'globals().get(code)', 'globals()[code] = 1')
    plan, _ = plan_texts(make_project(tmp_path, source, {"env": ["ipython"]}))
    assert [f.code for f in plan.errors] == ["GS122"], [f.render() for f in plan.errors]
