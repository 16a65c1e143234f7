"""Rounds 25 and 26 (suggest25, suggest26): suggest put an app or module-wide helper into
one feature module.

lemur's `celery_app = make_celery(flask_app)`, read by the `@celery_app.task()` decorators
of 24 tasks in four topics, was listed in `certificates` (the topic with the most tasks,
12 of 25 reads), and every other module imported the app from there. A maintainer puts
the app, with what makes it, in a module of its own: a value read by code of three
modules or more, none holding most of its readers (or a function that import-time code of
three modules or more reads), goes to the shared module with what it needs at import
time. Round 25's rule was reverted because it moved dill's `register` with `Pickler`
(whose `dispatch` table the whole module fills) and dill's suite changed; round 26 narrows
it: nothing that holds a class or a registry moves along.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from godsplit.config import parse_config
from godsplit.split.apply import apply_splits
from godsplit.suggester.core import Suggestion, suggest

HEAD = '''"""Tasks."""


def make_app(name):
    registry = {{}}

    class App:
        def task(self):
            def register(function):
                registry[function.__name__] = function
                return function
            return register

    made = App()
    made.name = name
    made.registry = registry
    return made


def retrying(function):
    function.retries = 3
    return function


app = make_app("proj")


'''


def _task(name: str, topic: str, decorator: str, lines: int = 30) -> str:
    body = "".join(f"    {topic}_{i} = x + {i}\n" for i in range(lines))
    return f"@{decorator}\ndef {name}(x):\n{body}    return x\n\n\n"


def _source(topics: dict[str, int], decorator: str = "app.task()", apps: int = 99) -> str:
    """`apps`: how many tasks of each topic but the first use `decorator`, the rest
    `retrying` (then the first topic's tasks are short: one module holds them all)."""
    return HEAD.format() + "".join(
        _task(f"{topic}_{k}", topic, decorator if i == 0 or k < apps else "retrying",
              15 if i == 0 and apps < 99 else 30)
        for i, (topic, count) in enumerate(topics.items()) for k in range(count))


TOPICS = {"certificates": 5, "sources": 3, "reports": 3, "acme": 2}
PROBE = ("import pkg.tasks as t; print(sorted(t.app.registry), t.app.name, "
         "t.certificates_0(1), getattr(t.acme_1, 'retries', None))")


def _suggested(root: Path, text: str) -> Suggestion:
    (root / "pkg").mkdir()
    (root / "pkg/__init__.py").write_text("")
    (root / "pkg/tasks.py").write_text(text)
    result = suggest(root / "pkg/tasks.py", parse_config({}, root / "godsplit.toml"), 200)
    assert not result.errors, [f.render() for f in result.errors]
    return result


def _home(result: Suggestion, name: str) -> str:
    [home] = [m.name for m in result.plan.modules if name in m.names]
    return home


def _run(root: Path) -> str:
    return subprocess.run([sys.executable, "-c", PROBE], cwd=root, check=True,
                          capture_output=True, text=True).stdout


def test_an_app_many_topics_decorate_with_goes_to_shared(tmp_path: Path) -> None:
    result = _suggested(tmp_path, _source(TOPICS))
    assert len(result.modules) >= 4
    # (the shared module, named after `make_app` since round 32: it is a public function)
    assert _home(result, "app") == _home(result, "make_app") == result.shared == "apps"
    assert any(n.startswith("app: read by the code of") and "make_app" in n
               for n in result.notes), result.notes
    before = _run(tmp_path)
    checked = parse_config({"max-lines": result.max_lines, "split": [result.table()]},
                           tmp_path / "godsplit.toml")
    applied = apply_splits(checked)
    assert applied.written and not applied.rolled_back
    assert _run(tmp_path) == before
    assert "'certificates_0'" in before and "proj" in before


def test_an_app_one_topic_reads_most_stays_with_it(tmp_path: Path) -> None:
    """Of the eight tasks the app registers, five are about certificates: it is theirs
    (one task about sources, reports and acme each uses it too)."""
    result = _suggested(tmp_path, _source(TOPICS, apps=1))
    assert len({_home(result, f"{topic}_0") for topic in TOPICS}) >= 3
    assert _home(result, "app") != result.shared
    assert not any(n.startswith("app: read by") for n in result.notes)


def test_a_decorator_many_topics_read_goes_to_shared(tmp_path: Path) -> None:
    result = _suggested(tmp_path, _source(TOPICS, "retrying"))
    assert _home(result, "retrying") == "_shared"
    assert any(n.startswith("retrying: read by the import-time code of") for n in result.notes)


# dill's shape: the decorator every topic registers with needs, at import time, the class
# whose table it fills
HOLDER = '''"""Tasks."""


class Pickler:
    dispatch = {{}}


def register(kind):
    table = Pickler.dispatch

    def proxy(function):
        table[kind] = function
        return function
    return proxy


'''

# the same with a plain table, made by a factory from a module-level dict
TABLE = '''"""Tasks."""

import functools

HANDLERS = {{}}


def _register(table, kind):
    def proxy(function):
        table[kind] = function
        return function
    return proxy


register = functools.partial(_register, HANDLERS)


'''


def _registered(head: str) -> str:
    return head.format() + "".join(
        _task(f"{topic}_{k}", topic, f"register('{topic}_{k}')")
        for topic, count in TOPICS.items() for k in range(count))


def test_a_decorator_needing_a_class_does_not_take_it_to_shared(tmp_path: Path) -> None:
    result = _suggested(tmp_path, _registered(HOLDER))
    assert len({_home(result, f"{topic}_0") for topic in TOPICS}) >= 3
    assert _home(result, "Pickler") != result.shared
    assert not any(n.startswith("register: read by") for n in result.notes), result.notes


def test_a_helper_needing_a_registry_does_not_take_it_to_shared(tmp_path: Path) -> None:
    result = _suggested(tmp_path, _registered(TABLE))
    assert len({_home(result, f"{topic}_0") for topic in TOPICS}) >= 3
    assert not any(n.startswith("register: read by") for n in result.notes), result.notes


# Round 26, item 22(c): enterprise-catalog's `index` and `algolia` imported each other (a
# call-time cycle: correct, verified) for a 7-line helper, and pylint's cyclic-import
# (R0401), which the project's `make lint` runs and no pragma silences, failed the split.
def _step(k: int) -> str:
    body = "".join(f"    reindex_{i} = len(keys) + {i}\n" for i in range(20))
    return (f"def reindex_step_{k}(keys, dry_run):\n{body}    print(_reindex_prefix(dry_run))\n"
            "    return keys\n\n\n")


def _part(k: int) -> str:
    body = "".join(f"    products_{i} = len(keys) + {i}\n" for i in range(20))
    return f"def products_part_{k}(keys):\n{body}    return keys + [{k}]\n\n\n"


CYCLE = ('"""Tasks."""\n\n\n' + "".join(_step(k) for k in range(3))
         + "def _reindex_prefix(dry_run):\n    return '[DRY RUN]' if dry_run else ''\n\n\n"
         + "def reindex_all(keys, dry_run):\n"
         + "".join(f"    reindex_{i} = len(keys) + {i}\n" for i in range(20))
         + "    return [reindex_step_0(keys, dry_run), reindex_step_1(keys, dry_run),\n"
         + "            reindex_step_2(keys, dry_run), products_for_batch(keys, dry_run)]\n\n\n"
         + "".join(_part(k) for k in range(3))
         + "def products_for_batch(keys, dry_run):\n"
         + "".join(f"    products_{i} = len(keys) + {i}\n" for i in range(20))
         + "    print(_reindex_prefix(dry_run))\n"
         + "    return [products_part_0(keys), products_part_1(keys), products_part_2(keys)]\n")
CYCLE_PROBE = "import pkg.tasks as t; print(t.reindex_all(['a'], True))"


def _cycle_suggested(root: Path, pylintrc: bool) -> Suggestion:
    (root / "pkg").mkdir()
    (root / "pkg/__init__.py").write_text("")
    (root / "pkg/tasks.py").write_text(CYCLE)
    if pylintrc:
        (root / "pylintrc").write_text("[MESSAGES CONTROL]\ndisable = invalid-name\n")
    result = suggest(root / "pkg/tasks.py", parse_config({}, root / "godsplit.toml"), 200)
    assert not result.errors, [f.render() for f in result.errors]
    return result


def test_a_helper_closing_a_cycle_pylint_reports_goes_to_its_importer(tmp_path: Path) -> None:
    result = _cycle_suggested(tmp_path, pylintrc=True)
    assert len(result.modules) == 2
    assert not [f for f in result.plan.findings if f.code == "GS224"]
    assert _home(result, "_reindex_prefix") == _home(result, "products_for_batch")
    assert _home(result, "reindex_all") != _home(result, "products_for_batch")
    assert any(n.startswith("_reindex_prefix (4 lines) goes to ") and "GS224" in n
               for n in result.notes), result.notes
    before = subprocess.run([sys.executable, "-c", CYCLE_PROBE], cwd=tmp_path, check=True,
                            capture_output=True, text=True).stdout
    checked = parse_config({"max-lines": result.max_lines, "split": [result.table()]},
                           tmp_path / "godsplit.toml")
    applied = apply_splits(checked)
    assert applied.written and not applied.rolled_back
    after = subprocess.run([sys.executable, "-c", CYCLE_PROBE], cwd=tmp_path, check=True,
                           capture_output=True, text=True).stdout
    assert after == before and "[DRY RUN]" in before


def test_without_pylint_reporting_cycles_the_grouping_stays(tmp_path: Path) -> None:
    result = _cycle_suggested(tmp_path, pylintrc=False)
    assert _home(result, "_reindex_prefix") == _home(result, "reindex_all")
    assert not any("GS224" in n for n in result.notes)
