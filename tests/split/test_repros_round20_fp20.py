"""Round 20 (fp20): false import-time cycles (GS104) from code that only looks run, and
GS124's ordered registrations."""

from __future__ import annotations

from pathlib import Path

from godsplit.files import read_python
from godsplit.split.analyze import analyze

from splitkit import dedent, make_project, plan_texts, same_behaviour

# (j) dulwich 1.2.21's objects.py: `serializable_property(...)` runs in class bodies; its
# nested getter is annotated `obj: "ShaFile"`. That string was taken for a call of
# ShaFile, so ShaFile.__init__ (and what it runs: `header` -> `object_class`) counted as
# run at import time: a false cycle names -> registry -> blob -> names.
ANNOTATED = """
    LIMIT = 10
    PREFIX = "<"


    def header(kind):
        return PREFIX + object_class(kind) if kind else PREFIX


    def object_class(kind):
        return TABLE[kind].kind


    def serializable(name):
        def get(obj: "Base") -> object:
            return getattr(obj, "_" + name)

        return property(get)


    class Base:
        limit = LIMIT

        def __init__(self):
            self.head = header(getattr(self, "kind", ""))
            self._data = "d"


    class Blob(Base):
        kind = "blob"
        data = serializable("data")


    TABLE = {"blob": Blob}
"""
ANNOTATED_MAP = {"names": ["LIMIT", "PREFIX", "header"], "registry": ["object_class", "TABLE"],
                 "blob": ["serializable", "Base", "Blob"]}


def test_a_string_annotation_does_not_make_its_class_run_at_import_time(tmp_path: Path) -> None:
    config = make_project(tmp_path / "plan", ANNOTATED, ANNOTATED_MAP)
    plan, _ = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    out = same_behaviour(tmp_path / "run", ANNOTATED, ANNOTATED_MAP,
                         "from pkg.big import Blob\nb = Blob()\nprint(b.head, b.data, b.limit)")
    assert out == "<blob d 10\n", out


def _import_time_reads(tmp_path: Path, source: str, name: str) -> set[str]:
    path = tmp_path / "mod.py"
    path.write_text(dedent(source))
    analysis = analyze(read_python(path))
    unit = analysis.unit_of(name)
    assert unit is not None
    return {r.name for r in unit.reads if r.import_time}


def test_a_class_called_by_code_run_at_import_time_still_runs(tmp_path: Path) -> None:
    """The same read as a call (`Base()` in the function a class body runs): `Base.__init__`
    runs, and `header` with it, which reads `PREFIX` (not `object_class`: `kind` is empty)."""
    assert _import_time_reads(tmp_path, ANNOTATED, "header") == set()
    called = ANNOTATED.replace("return property(get)", "Base()\n        return property(get)")
    assert _import_time_reads(tmp_path, called, "header") == {"PREFIX", "object_class"}
    out = same_behaviour(tmp_path / "run", called, {"names": ["LIMIT", "PREFIX", "header"]},
                         "from pkg.big import Blob\nprint(Blob().head)")
    assert out == "<blob\n", out


# (b) sh 2.4.0: `@contrib("git")` runs `Contrib.__call__` at import time, which makes a
# property whose getter reads `resolve_command` and `Command`; the getter runs only when
# `sh.contrib.git` is read. Its reads counted as import-time: false GS104 cycles.
MADE_PROPERTY = """
    class Registry:
        @classmethod
        def __call__(cls, name):
            def wrapper(fn):
                @property
                def getter(self):
                    return fn(resolve(name))

                setattr(cls, name, getter)
                return fn

            return wrapper


    class BaseError(Exception):
        pass


    class PathError(BaseError):
        pass


    def resolve(name):
        if not name:
            raise PathError(name)
        return name.upper()


    registry = Registry()


    @registry("git")
    def git(found):
        return found + "!"
"""
MADE_MAP = {"contrib": ["Registry", "BaseError", "registry", "git"],
            "paths": ["PathError", "resolve"]}


def test_a_property_made_by_code_run_at_import_time_does_not_run_its_getter(
        tmp_path: Path) -> None:
    config = make_project(tmp_path / "plan", MADE_PROPERTY, MADE_MAP)
    plan, _ = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    assert _import_time_reads(tmp_path, MADE_PROPERTY, "Registry") == set()
    out = same_behaviour(tmp_path / "run", MADE_PROPERTY, MADE_MAP,
                         "import pkg.big as b\nprint(b.registry.git)")
    assert out == "GIT!\n", out


def test_a_made_property_read_at_import_time_runs_its_getter(tmp_path: Path) -> None:
    """Once import-time code reads an attribute under a name such a property may have (a
    string the module spells: "git"), the getter's reads are import-time again."""
    source = MADE_PROPERTY + "\n\n    SHOWN = registry.git\n"
    assert _import_time_reads(tmp_path, source, "Registry") == {"resolve"}


def test_a_wrapper_a_decorator_factory_returns_still_runs(tmp_path: Path) -> None:
    """Not a property: `@factory("x")` calls the returned wrapper, which calls `helper`."""
    source = """
        def factory(name):
            def wrapper(fn):
                helper(name)
                return fn

            return wrapper


        def helper(name):
            return name


        @factory("x")
        def f():
            pass
    """
    assert _import_time_reads(tmp_path, source, "factory") == {"helper"}


def test_functions_handed_to_property_do_not_run_unless_called(tmp_path: Path) -> None:
    """`property(get, set)` does not call `get`; `get(None)` or `map(get, ...)` does."""
    source = """
        def helper(obj):
            return obj


        def make(name):
            def get(obj):
                return helper(obj)

            return property(get, doc=name)


        class Box:
            item = make("item")
    """
    assert _import_time_reads(tmp_path, source, "make") == set()
    for call in ("get(None)", "list(map(get, []))"):
        called = source.replace("return property(get, doc=name)",
                                f"{call}\n            return property(get, doc=name)")
        assert _import_time_reads(tmp_path, called, "make") == {"helper"}, call


# (f) GS124's registrations: `signal.signal` (the last handler set for a signal wins), and
# a registration made by a function that top-level code calls.
SIGNALS = """
    import signal


    def first(signum, frame):
        pass


    signal.signal(signal.SIGUSR1, first)


    def second(signum, frame):
        pass


    signal.signal(signal.SIGUSR1, second)
"""


def test_one_signals_handler_set_from_several_modules_is_refused(tmp_path: Path) -> None:
    # a sibling package (`package`): its modules can be imported without the facade,
    # so their order is not known (in the package layout, round 24 writes the
    # facade's imports in source order where that keeps it: losers24's tests)
    config = make_project(tmp_path, SIGNALS, {"one": ["second"], "two": ["first"]}, package="pkg/parts")
    plan, _ = plan_texts(config)
    found = [f for f in plan.errors if f.code == "GS124"]
    assert found and "the handler of signal.SIGUSR1" in found[0].message, [
        f.render() for f in plan.findings]


def test_handlers_of_different_signals_may_be_set_from_several_modules(tmp_path: Path) -> None:
    source = SIGNALS.replace("signal.signal(signal.SIGUSR1, second)",
                             "signal.signal(signal.SIGUSR2, second)")
    config = make_project(tmp_path, source, {"one": ["second"], "two": ["first"]})
    plan, _ = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]


INSTALLED = """
    import atexit


    def a():
        print("a")


    def install():
        atexit.register(a)


    install()


    def c():
        print("c")


    atexit.register(c)
"""


def test_a_registration_made_by_a_function_top_level_code_calls_is_ordered(
        tmp_path: Path) -> None:
    # (the package's `__init__.py` imports `one` first: `c` would register before `a`)
    # a sibling package (`package`): its modules can be imported without the facade,
    # so their order is not known (in the package layout, round 24 writes the
    # facade's imports in source order where that keeps it: losers24's tests)
    config = make_project(tmp_path, INSTALLED, {"one": ["c"], "two": ["a", "install"]}, package="pkg/parts")
    plan, _ = plan_texts(config)
    found = [f for f in plan.errors if f.code == "GS124"]
    assert found and "changes the exit handlers from several modules" in found[0].message, [
        f.render() for f in plan.findings]
    out = same_behaviour(tmp_path / "run", INSTALLED, {"one": ["a", "install", "c"]},
                         "import pkg.big\n")
    assert out == "c\na\n", out


def test_a_registration_in_a_method_body_is_not_made_at_import_time(tmp_path: Path) -> None:
    """sh's OProc sets SIGPIPE's handler in the child process, in a method: a class body's
    methods were walked as code the class statement runs (a false GS124)."""
    source = SIGNALS + """

    class Child:
        def start(self):
            signal.signal(signal.SIGUSR1, first)
    """
    config = make_project(tmp_path, source, {"one": ["first", "second"], "two": ["Child"]})
    plan, _ = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]


# (b) sh 2.4.0 with keep-module-name: the kept `SelfWrapper(...)` at the end of the package
# copies `Command.__dict__` (its `__module__` too) into a new class; keep-module-name ran
# at the end of the facade, after the copy: `sh.Command` said `sh.command.Command` and no
# longer pickled (verified all the same: the copy is not a name the check compares).
COPIED = """
    import pickle


    class Command:
        def run(self):
            return "ran"


    def copy_of(cls):
        return type(cls.__name__, cls.__bases__, dict(cls.__dict__))


    Copy = copy_of(Command)
"""


def test_keep_module_name_renames_before_the_facades_own_code_copies(tmp_path: Path) -> None:
    show = ("import pickle\nimport pkg.big as b\nprint(b.Copy.__module__, b.Command.__module__)\n"
            "print(pickle.loads(pickle.dumps(b.Command)) is b.Command)")
    out = same_behaviour(tmp_path, COPIED, {"command": ["Command"]}, show,
                         keep=["copy_of", "Copy"], **{"keep-module-name": True})
    assert out == "pkg.big pkg.big\nTrue\n", out


# (h) GS209 said, once a definition, that its doctests are no longer collected (39 warnings
# on graphql-core's mapping): once a new module, with how many and the first of them.
def test_doctests_moving_to_one_module_are_one_warning(tmp_path: Path) -> None:
    source = "".join(f'''
    def f{i}(x):
        """Double.

        >>> f{i}(1)
        2
        """
        return 2 * x

''' for i in range(5)) + '''
    def g(x):
        """
        >>> g(1)
        1
        """
        return x
'''
    config = make_project(tmp_path, source, {"a": [f"f{i}" for i in range(5)], "b": ["g"]})
    plan, _ = plan_texts(config)
    found = [f for f in plan.findings if f.code == "GS209"]
    lines = dedent(source).splitlines()
    at = {name: lines.index(f"def {name}(x):") + 1 for name in ("f0", "f1", "f2", "g")}
    assert [(f.line, f.names) for f in found] == [
        (at["f0"], ("f0", "f1", "f2", "f3", "f4")), (at["g"], ("g",))], [
            f.render() for f in found]
    assert found[0].message.startswith(
        f"5 definitions with doctests move to a: f0 (line {at['f0']}), f1 (line {at['f1']}), "
        f"f2 (line {at['f2']}) and 2 more; DocTestSuite(old module) will no longer collect "
        "them"), found[0].message
    assert found[1].message.startswith("g has doctests: "), found[1].message
