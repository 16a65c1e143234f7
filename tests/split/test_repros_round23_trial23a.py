"""Round 23 (trial23a): real-code trials on mutagen, httplib2, ecdsa (and more).

httplib2's `httplib2/__init__.py` (1,843 lines) imports one of its own submodules below
its first definitions, `from httplib2 import certs`, then `CA_CERTS = certs.where()`.
godsplit took that import for a late import closing a cycle (its module, `httplib2`, is
the old module itself), kept it in the old module only, and refused the split: "'certs'
stays in the old module but connections reads it at import time ...: an import cannot
move". Importing the old module from itself runs nothing (it is loading already); only
the submodule's own imports can close a cycle, and `certs` imports nothing of the
package. Such an import is copied like any other now; one whose submodule imports the
package back still stays."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.split.plan import plan_split
from godsplit.split.reloads import find_reloads
from godsplit.suggester.graph import build_graph
from godsplit.suggester.naming import name_modules, plural

from splitkit import apply, make_project, plan_texts, run_python

INIT = '''\
    import os


    def helper():
        return os.sep


    from pkg import certs

    CA_CERTS = certs.where()


    class Connection:
        ca = CA_CERTS

        def where(self):
            return helper() + self.ca
    '''


def test_a_late_import_of_the_packages_own_submodule_moves_with_its_readers(
        tmp_path: Path) -> None:
    config = make_project(
        tmp_path, INIT, {"connections": ["CA_CERTS", "Connection"]}, path="pkg/__init__.py",
        package="pkg", files={"pkg/certs.py": 'def where():\n    return "/ca"\n'})
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    result = apply(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    out = run_python(tmp_path, "import pkg; print(pkg.Connection().where(), pkg.CA_CERTS)")
    assert out.split() == [f"{__import__('os').sep}/ca", "/ca"]
    text = (tmp_path / "pkg" / "connections.py").read_text()
    assert "certs" in text and "CA_CERTS = certs.where()" in text


def test_a_late_import_of_a_submodule_that_imports_the_package_back_stays(
        tmp_path: Path) -> None:
    config = make_project(
        tmp_path, INIT, {"connections": ["CA_CERTS", "Connection"]}, path="pkg/__init__.py",
        package="pkg", files={"pkg/certs.py": (
            'import pkg\n\n\ndef where():\n    return pkg.helper()\n')})
    plan, _ = plan_split(config, config.splits[0])
    assert any(f.code == "GS112" and "an import cannot move" in f.message
               for f in plan.errors), [f.render() for f in plan.findings]


def _names(tmp_path: Path, stem: str, source: str, groups: list[list[str]]) -> list[str]:
    path = tmp_path / f"{stem}.py"
    path.write_text(source)
    analysis = analyze(read_source(path))
    g = build_graph(analysis, ("shared_task", "task"))
    forbidden = set(analysis.binders) | {"_shared", "misc", stem}
    index = {name: i for i, node in enumerate(g.nodes) for name in node.names}
    return name_modules(g, [sorted({index[n] for n in group}) for group in groups], forbidden)


def _class(name: str, lines: int) -> str:
    body = "".join(f"        x{i} = {i}\n" for i in range(lines))
    return f"class {name}:\n    def run(self):\n{body}\n\n"


def test_a_class_named_by_an_acronym_spelled_as_a_word_is_not_inflected(
        tmp_path: Path) -> None:
    """httplib2's `suggest` put the 568-line `Http` class in a module named `https` (`http`
    is a standard module): the plural of an acronym is another word (a protocol here).
    A word with no vowel is an acronym; it is not inflected, as `HTTP` is not."""
    source = _class("Http", 60) + "def helper():\n    return Http()\n\n\n" + _class(
        "Client", 60)
    names = _names(tmp_path, "client", source, [["Http", "helper"], ["Client"]])
    assert names[0] != "https", names
    assert names[1] == "clients"  # `client` is the old module's name: a word is inflected
    # the group's words are inflected too when the word itself is taken (`http`: stdlib)
    assert [plural(w) for w in ("http", "xml_sql", "client", "header")] == [
        "http", "xml_sql", "clients", "headers"]


@pytest.mark.parametrize(("call", "found"), [
    ("import pkg.tasks\n\nreload(pkg.tasks)\n", False),  # Python 2's builtin: a NameError
    ("from importlib import reload\nimport pkg.tasks\n\nreload(pkg.tasks)\n", True),
    ("from importlib import *\nimport pkg.tasks\n\nreload(pkg.tasks)\n", True),
    ("import imp\nimport pkg.tasks\nreload = imp.reload\n\nreload(pkg.tasks)\n", True),
    ("import importlib\nimport pkg.tasks\n\nimportlib.reload(pkg.tasks)\n", True),
    # six's spellings, which bind `reload` or call `reload_module`
    ("from six.moves import reload_module as reload\nimport pkg.tasks\n\nreload(pkg.tasks)\n",
     True),
    ("from six.moves import reload_module\nimport pkg.tasks\n\nreload_module(pkg.tasks)\n",
     True),
    ("import six\nimport pkg.tasks\n\nsix.moves.reload_module(pkg.tasks)\n", True),
])
def test_a_bare_reload_counts_only_where_the_file_binds_it(
        tmp_path: Path, call: str, found: bool) -> None:
    """httplib2's facade carried the ~150 lines that run the new modules again on a reload
    (GS136) for `reload(httplib2)` in a legacy Python 2 test (`tests/_TODO_legacy/python2`)
    that never imports `reload`: under Python 3 that line is a NameError, no reload."""
    (tmp_path / "t.py").write_text(call)
    assert bool(find_reloads(tmp_path, "pkg.tasks")) is found


FALLBACK = '''\
    try:
        from gmpy2 import mpz

        GMPY = True
    except ImportError:
        try:
            from gmpy import mpz

            GMPY = True
        except ImportError:
            GMPY = False


    class Curve:
        def make(self, x):
            return mpz(x) if GMPY else x


    class Point:
        def make(self, x):
            return mpz(x) if GMPY else x
    '''


def test_a_nested_fallback_import_in_the_facade_is_marked_for_pyflakes(
        tmp_path: Path) -> None:
    """ecdsa's `ellipticcurve.py` imports `mpz` from gmpy2, else from gmpy (a `try:` in the
    `except ImportError:`). The facade keeps the block for what it re-exports: the first
    import got `# noqa: F401`, the nested one (indented eight spaces) not, and the
    project's flake8 reported it (F401) in generated code."""
    import pyflakes.api
    import pyflakes.reporter

    config = make_project(tmp_path, FALLBACK, {"curves": ["Curve"], "points": ["Point"]},
                          files={"setup.cfg": "[flake8]\nmax-line-length = 100\n"})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    facade = texts["pkg/big/__init__.py"]
    assert "from gmpy import mpz" in facade
    out = io.StringIO()
    pyflakes.api.check(facade, "facade.py", pyflakes.reporter.Reporter(out, out))
    unmarked = [line for line in out.getvalue().splitlines() if "imported but unused" in line
                and "noqa" not in facade.splitlines()[int(line.split(":")[1]) - 1]]
    assert unmarked == [], (unmarked, facade)


LATE_STAR = '''\
    class Task:
        pass


    def current():
        return current_task_name()


    def other():
        return 1


    from pkg.generated import *
    '''


def test_a_late_star_import_closing_a_cycle_is_a_plan_error_not_a_rollback(
        tmp_path: Path) -> None:
    """trio's `_core/_run.py` ends with `from ._generated_run import *`, and
    `_generated_run.py` imports `Task` from `._run`. The star import was copied to the end
    of each new module reading names no binding provides; there it ran while the old module
    was importing that new module, before `Task` was bound: a plan with no errors, then
    GS406 at apply and a rollback. The plan says so now."""
    generated = ("from pkg.big import Task\n\n\ndef current_task_name():\n"
                 "    return Task.__name__\n")
    config = make_project(tmp_path, LATE_STAR, {"tasks": ["Task"], "current": ["current"]},
                          files={"pkg/generated.py": generated})
    plan, _ = plan_split(config, config.splits[0])
    [found] = [f for f in plan.errors if f.code == "GS112"]
    assert "star import on line 13" in found.message and "current_task_name" in found.message
    assert "current reads" in found.message


def test_a_late_star_import_no_new_module_needs_is_no_error(tmp_path: Path) -> None:
    generated = ("from pkg.big import Task\n\n\ndef current_task_name():\n"
                 "    return Task.__name__\n")
    config = make_project(tmp_path, LATE_STAR, {"tasks": ["Task"], "others": ["other"]},
                          keep=["current"],
                          files={"pkg/generated.py": generated})
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    result = apply(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    out = run_python(tmp_path, "import pkg.big as b; print(b.current(), b.other())")
    assert out.split() == ["Task", "1"]


REBOUND = '''\
    class Task:
        pass


    def helper():
        return "first"


    def use():
        return helper()


    from pkg.generated import *
    '''


def test_a_definition_a_late_cyclic_star_import_rebinds_does_not_move(tmp_path: Path) -> None:
    """`generated` imports `Task` back and binds `helper` anew: before the split, `use()`
    reads the star import's `helper` ("second"). That import stays in the old module (it
    closes a cycle), so a new module holding `helper` would keep the first one: the split
    would change what `use()` returns. The plan refuses it; keeping `helper` passes."""
    generated = ("from pkg.big import Task\n\n\ndef helper():\n"
                 "    return Task.__name__ + ' second'\n")
    files = {"pkg/generated.py": generated}
    config = make_project(tmp_path, REBOUND, {"tasks": ["Task"], "helpers": ["helper", "use"]},
                          files=files)
    plan, _ = plan_split(config, config.splits[0])
    [found] = [f for f in plan.errors if f.code == "GS112"]
    assert "'helper'" in found.message and "line 13" in found.message, found.message
    assert run_python(tmp_path, "import pkg.big as b; print(b.use())").strip() == "Task second"
