"""Round 21 (attr21): false findings found by the regression run over the hand mappings.

Round 19 made every attribute read in code run at import time count as running the
`__getattr__`/`__getattribute__` of the module's classes with instances then (mock:
`DEFAULT = sentinel.DEFAULT` runs `_Sentinel.__getattr__`). bottle's `request =
LocalRequest()`, whose base defines `__getattr__`, then made `os.path.join(...)` and every
other read run it: a false GS104 between the request and header modules. A read of a
module, a class, a literal, or a global bound only to such things (or to an instance whose
class provides the name) runs no hook; a read of what is not known still does."""

from __future__ import annotations

from pathlib import Path

from godsplit.split.apply import plan_splits, references
from godsplit.split.plan import plan_split

from splitkit import dedent, make_project, plan_texts, same_behaviour

# `FileUpload`'s body makes a `HeaderProperty` (web) while `structures` is imported; if
# `BaseRequest.__getattr__` (which makes a `Headers`, structures) ran while `web` is
# imported, that would be a cycle. Nothing run at import time reads an attribute of a
# request: `os.path.join` is a module's, `self.environ` a name the class sets.
REQUEST = '''\
    import os


    def _hkey(key):
        return key.title()


    class HeaderProperty:
        def __init__(self, name):
            self.name = name

        def __get__(self, obj, cls):
            return self if obj is None else obj.environ.get(self.name)


    class BaseRequest:
        def __init__(self):
            self.environ = {}
            self.environ["request"] = "r"

        def __getattr__(self, name):
            return Headers(_hkey(name))


    request = BaseRequest()


    class Headers:
        def __init__(self, key):
            self.key = _hkey(key)


    class FileUpload:
        content_type = HeaderProperty("Content-Type")


    BASE = os.path.join("a", "b")
    {extra}
    '''
MODULES = {"web": ["_hkey", "HeaderProperty", "BaseRequest", "request"],
           "structures": ["Headers", "FileUpload", "BASE"]}


def request_source(extra: str) -> str:
    return dedent(REQUEST).replace("{extra}", extra)


def _errors(tmp_path: Path, source: str, modules: dict[str, list[str]]) -> list[str]:
    config = make_project(tmp_path, source, modules)
    plan, _ = plan_split(config, config.splits[0])
    return [f.code for f in plan.errors]


def test_reads_of_modules_and_set_attributes_run_no_getattr(tmp_path: Path) -> None:
    assert _errors(tmp_path, request_source(""), MODULES) == []


def test_the_request_split_behaves_the_same(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, request_source(""), MODULES,
                         "import pkg.big as m\nprint(m.BASE, m.request.environ['request'], "
                         "m.request.accept.key, type(m.FileUpload.content_type).__name__)\n")
    assert out == "a/b r Accept HeaderProperty\n"


def test_a_missing_name_read_from_the_instance_still_runs_getattr(tmp_path: Path) -> None:
    """`request.accept` at import time runs `__getattr__` (the class lacks `accept`): the
    cycle is real, refused."""
    source = request_source("ACCEPT = request.accept\n")
    assert _errors(tmp_path, source, {**MODULES, "structures": [*MODULES["structures"], "ACCEPT"]}
                   ) == ["GS104"]


def test_a_read_of_an_unknown_value_still_runs_getattr(tmp_path: Path) -> None:
    """A function called at import time reads an attribute of its parameter, which may be
    the request (it is): counted."""
    source = request_source(
        "def first(obj):\n    return obj.accept\n\n\nACCEPT = first(request)\n")
    modules = {**MODULES, "structures": [*MODULES["structures"], "first", "ACCEPT"]}
    assert _errors(tmp_path, source, modules) == ["GS104"]


def test_self_of_a_class_with_getattr_reading_a_name_it_lacks_counts(tmp_path: Path) -> None:
    """`self.accept` in a method of the class run at import time: the class does not
    provide `accept`, so `__getattr__` runs."""
    source = request_source("").replace(
        '        self.environ["request"] = "r"\n',
        '        self.environ["request"] = "r"\n        self.first = self.accept\n')
    assert _errors(tmp_path, source, MODULES) == ["GS104"]


# GS143 warned at every string spelling a moved definition's old path among other text:
# also prose (pexpect's "maybe you want to use pexpect.spawn", a test's "should have raised
# a pexpect.ExceptionPexpect") and code held in a string (tabulate's benchmark setup), whose
# old paths keep working through the facade. It warns where the text can have been made
# from `__module__`: the name opening the string (twisted's deprecation messages, made by
# `fullyQualifiedName` and compared whole), after a quote or `<` (reprs).
SPAWN = """
    class ExceptionPexpect(Exception):
        pass


    def spawn(command):
        return command


    def timeout(d):
        return d
"""
SPAWN_MAPPING = {"errors": ["ExceptionPexpect"], "running": ["spawn", "timeout"]}
SPAWN_TEST = '''
    from pkg.big import spawn, timeout

    PROSE = "The fd argument is not an int. Maybe you want to use pkg.big.spawn."
    ASSERTED = "child.isalive() should have raised a pkg.big.ExceptionPexpect"
    SETUP = """
    import pkg.big
    def run():
        return pkg.big.spawn('ls')
    """
    DEPRECATED = "pkg.big.timeout was deprecated in Pkg 17.1.0"
    REPR = "<function pkg.big.spawn at 0x7f>"
    OBJECT = "expected <pkg.big.ExceptionPexpect object at 0x7f>"
'''


def test_gs143_warns_where_a_repr_or_qualified_message_would_spell_it(tmp_path: Path) -> None:
    config = make_project(tmp_path, SPAWN, SPAWN_MAPPING, files={"tests/test_spawn.py": SPAWN_TEST})
    result = plan_splits(config, import_check=False)
    found = sorted((f.line, f.message.split(" spells ")[1].split()[0])
                   for s in result.splits for f in s.findings if f.code == "GS143")
    assert found == [(10, "pkg.big.timeout"), (11, "pkg.big.spawn"),
                     (12, "pkg.big.ExceptionPexpect")], found


def test_the_prose_stays_true_after_the_split(tmp_path: Path) -> None:
    """What the prose names still works: the old paths reach the moved objects."""
    out = same_behaviour(tmp_path, SPAWN, SPAWN_MAPPING,
                         "import pkg.big\nprint(pkg.big.spawn('ls'), "
                         "issubclass(pkg.big.ExceptionPexpect, Exception))\n")
    assert out == "ls True\n"


# GS145 linked sqlglot's `@t.overload` functions and pydantic's
# `@dataclasses.dataclass(slots=True)` class to `typing` and `dataclasses` as if those were
# registries, because other files of the project name those modules and read `__module__`.
TYPED = '''
    import dataclasses
    import typing as t


    @t.overload
    def part(value: int) -> int: ...
    @t.overload
    def part(value: str) -> str: ...
    def part(value):
        return value


    @dataclasses.dataclass(slots=True)
    class Info:
        name: str = "x"


    def other():
        return 1
'''
SERDE = '''
    import dataclasses
    import typing as t


    def dump(node: t.Any) -> str:
        if dataclasses.is_dataclass(node):
            return f"{type(node).__module__}.{type(node).__name__}"
        return node.__module__
'''


def test_typing_and_dataclasses_are_not_registries(tmp_path: Path) -> None:
    config = make_project(tmp_path, TYPED, {"parts": ["part"], "infos": ["Info"]},
                          files={"pkg/serde.py": SERDE})
    plan, _ = plan_texts(config)
    found = references(config, [plan], rewrite=False)[0][plan.old_module]
    assert [f.render() for f in found if f.code == "GS145"] == []
