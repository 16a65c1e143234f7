"""`godsplit migrate`, one import form at a time: the file before and after.

Each case splits the same module (`pkg/big.py`: `alpha` gets a, CONST, Thing, REGISTRY;
`beta` gets b; `gamma` gets c and the task `job`), migrates one file that uses it, and
checks the file's exact text; migrating again changes nothing (usort's "run twice").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.migration.core import MigrateResult, migrate

from splitkit import apply, dedent, make_project, run_python

SOURCE = """
    \"\"\"Big module.\"\"\"
    import os
    from json import dumps

    from celery import shared_task

    CONST = 1
    REGISTRY = {}


    class Thing:
        pass


    def a():
        return CONST


    def b():
        return a() + 1


    def c():
        return dumps(b()) + os.sep


    @shared_task
    def job():
        return a()
"""
MAPPING = {"alpha": ["a", "CONST", "Thing", "REGISTRY"], "beta": ["b"], "gamma": ["c", "job"]}


def migrated(
    tmp_path: Path, before: str, path: str = "app/use.py", layout: str = "sibling"
) -> tuple[str, MigrateResult]:
    extra = {"package": "pkg/parts"} if layout == "sibling" else {}
    config = make_project(tmp_path, SOURCE, MAPPING, files={path: before}, **extra,
                          **{"verify-import": False})
    assert apply(config).written
    result = migrate(config)
    after = (tmp_path / path).read_text()
    again = migrate(config)
    assert not again.changed and (tmp_path / path).read_text() == after  # stable
    assert not again.uses or all(not u.fixable for u in again.uses)
    return after, result


def left(result: MigrateResult) -> list[tuple[int, str, str]]:
    return [(u.line, u.kind, u.shown) for u in result.uses if not u.fixable]


def test_from_import_with_aliases(tmp_path: Path) -> None:
    after, result = migrated(tmp_path, """
        from pkg.big import CONST, a, b as bee

        print(a(), bee(), CONST)
    """, layout="package")
    assert after == dedent("""
        from pkg.big.alpha import CONST, a
        from pkg.big.beta import b as bee

        print(a(), bee(), CONST)
    """)
    assert [(u.name, u.new) for u in result.uses] == [
        ("CONST", "pkg.big.alpha"), ("a", "pkg.big.alpha"), ("b", "pkg.big.beta")]


def test_parenthesised_import_keeps_comments_and_sorted_place(tmp_path: Path) -> None:
    after, _ = migrated(tmp_path, """
        import os

        from pkg.big import (  # what the app needs
            CONST,  # the limit
            # helpers
            a,
            b as bee,
            c,
        )
        from pkg.other import thing
    """)
    assert after == dedent("""
        import os

        from pkg.other import thing
        from pkg.parts.alpha import (  # what the app needs
            CONST,  # the limit
            # helpers
            a,
        )
        from pkg.parts.beta import b as bee
        from pkg.parts.gamma import c
    """)


def test_module_imports_and_attribute_uses(tmp_path: Path) -> None:
    after, _ = migrated(tmp_path, """
        import pkg.big
        import pkg.big as big_alias
        from pkg import big


        def total():
            return pkg.big.a() + big_alias.b() + big.CONST + big.c()
    """)
    assert after == dedent("""
        import pkg.parts.alpha
        from pkg.parts import beta, gamma


        def total():
            return pkg.parts.alpha.a() + beta.b() + pkg.parts.alpha.CONST + gamma.c()
    """)


def test_a_package_above_the_old_module(tmp_path: Path) -> None:
    after, _ = migrated(tmp_path, """
        import pkg
        from pkg import other


        def total():
            return pkg.big.a() + other.x + len(pkg.__name__)
    """)
    assert after == dedent("""
        import pkg
        import pkg.parts.alpha
        from pkg import other


        def total():
            return pkg.parts.alpha.a() + other.x + len(pkg.__name__)
    """)  # the package's import stays, for its other uses


def test_relative_imports(tmp_path: Path) -> None:
    after, _ = migrated(tmp_path, """
        from . import big
        from .big import Thing, a


        def run():
            return a() + big.b(), Thing
    """, path="pkg/use.py", layout="package")
    assert after == dedent("""
        from .big import beta
        from .big.alpha import Thing, a


        def run():
            return a() + beta.b(), Thing
    """)


def test_imports_inside_a_function(tmp_path: Path) -> None:
    after, _ = migrated(tmp_path, """
        def lazy():
            # imported late: big is heavy
            from pkg.big import a, b
            import pkg.big as big

            return a() + b() + big.CONST
    """)
    assert after == dedent("""
        def lazy():
            # imported late: big is heavy
            from pkg.parts.alpha import a
            from pkg.parts.beta import b
            from pkg.parts import alpha

            return a() + b() + alpha.CONST
    """)


def test_type_checking_imports(tmp_path: Path) -> None:
    after, _ = migrated(tmp_path, """
        from __future__ import annotations

        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from pkg.big import Thing


        def make() -> Thing:
            from pkg.big import Thing

            return Thing()
    """)
    assert "    from pkg.parts.alpha import Thing\n\n\ndef make()" in after
    assert after.count("from pkg.parts.alpha import Thing") == 2 and "pkg.big" not in after


def test_star_imports_and_names_that_stay_are_left_alone_and_listed(tmp_path: Path) -> None:
    after, result = migrated(tmp_path, """
        from pkg.big import *  # noqa: F403
        from pkg.big import a, dumps, os
        import pkg.big as big

        print(big.os.sep, big)
    """)
    assert after == dedent("""
        from pkg.big import *  # noqa: F403
        from json import dumps
        from pkg.big import os
        from pkg.parts.alpha import a
        import pkg.big as big

        print(big.os.sep, big)
    """)  # `dumps` was only imported by the old module: it follows its import
    assert left(result) == [(1, "star", "pkg.big.*"), (2, "stays", "pkg.big.os"),
                            (5, "stays", "pkg.big.os"), (5, "module", "pkg.big")]


def test_a_pragma_stays_on_the_first_line_of_a_wrapped_import(tmp_path: Path) -> None:
    """pretix's `apps.py`: an import kept for its side effects with `# NOQA`, rewrapped
    over lines: flake8 reads the noqa of an unused import on the statement's first line."""
    after, _ = migrated(tmp_path, """
        def ready():
            from pkg.big import a as first_long_alias, CONST as second_long_alias, Thing  # NOQA
    """)
    assert after == dedent("""
        def ready():
            from pkg.parts.alpha import (  # NOQA
                a as first_long_alias,
                CONST as second_long_alias,
                Thing,
            )
    """)


ISORT_GRID = ("[isort]\nmulti_line_output = 5\nline_length = 79\ncombine_as_imports = true\n"
              "known_first_party = pkg\n")


def test_a_file_the_projects_isort_accepted_is_accepted_after(tmp_path: Path) -> None:
    """pretix: isort's grid wrapping (`multi_line_output = 5`) at 79 columns, which
    `isort --check` enforces; a file isort did not accept is left as migrate writes it."""
    import isort

    (tmp_path / "setup.cfg").write_text(ISORT_GRID)
    settings = isort.Config(settings_path=str(tmp_path))
    before = dedent("""
        import os

        from pkg.big import CONST as THE_LIMIT, REGISTRY as THE_REGISTRY, Thing, a, b

        print(os, THE_LIMIT, THE_REGISTRY, Thing, a, b)
    """)
    assert isort.check_code(before, config=settings)
    unsorted = "from pkg.big import b\nimport os\n\nprint(os, b)\n"
    assert not isort.check_code(unsorted, config=settings)
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "other.py").write_text(unsorted)
    after, _ = migrated(tmp_path, before)
    assert after == dedent("""
        import os

        from pkg.parts.alpha import (
            CONST as THE_LIMIT, REGISTRY as THE_REGISTRY, Thing, a
        )
        from pkg.parts.beta import b

        print(os, THE_LIMIT, THE_REGISTRY, Thing, a, b)
    """)
    assert isort.check_code(after, config=settings)
    assert (tmp_path / "app" / "other.py").read_text() == (
        "from pkg.parts.beta import b\nimport os\n\nprint(os, b)\n")


@pytest.mark.parametrize(("name", "config"), [
    ("pyproject.toml", "[tool.black]\nline-length = 88\n"),
    (".pre-commit-config.yaml", "repos:\n  - repo: https://github.com/psf/black\n"
                                "    rev: 23.9.1\n    hooks:\n      - id: black\n"),
])
def test_a_file_the_projects_formatter_accepted_is_accepted_after(
    tmp_path: Path, name: str, config: str
) -> None:
    """arrow (black, run from pre-commit): a patch target one module deeper pushes its
    line past 88 columns; the formatter wraps it as `black --check` wants."""
    (tmp_path / ".git").mkdir()  # the repository's root, where pre-commit's file is
    (tmp_path / name).write_text(config)
    before = dedent("""
        from unittest import mock


        def test_thing():
            with mock.patch("pkg.big.Thing.attribute_with_a_longer_name", return_value=1):
                pass
    """)
    after, _ = migrated(tmp_path, before)
    assert after == dedent("""
        from unittest import mock


        def test_thing():
            with mock.patch(
                "pkg.parts.alpha.Thing.attribute_with_a_longer_name", return_value=1
            ):
                pass
    """)


def test_the_formatter_writes_no_syntax_older_pythons_reject(tmp_path: Path) -> None:
    """A `with` of two patches grown past the line: ruff's formatter would parenthesize
    the items for Python 3.9+; the project may support older Pythons."""
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = 88\n")
    after, _ = migrated(tmp_path, """
        from unittest import mock


        def test_a():
            with mock.patch("pkg.big.Thing.first_attribute") as x, mock.patch("pkg.big.b"):
                pass
    """)
    assert "with (" not in after and after.count("pkg.parts.") == 2
    assert all(len(line) <= 88 for line in after.splitlines())


@pytest.mark.parametrize(("config", "sorts"), [
    ('[tool.ruff.lint]\nselect = ["I"]\n', True),
    ('[tool.ruff.lint]\nselect = ["E", "F"]\n', False),  # ruff, but it does not sort
    ("", False),  # no configuration: nothing says the project sorts
    ('[tool.isort]\nprofile = "black"\n', True),
])
def test_which_projects_sort_their_imports(tmp_path: Path, config: str, sorts: bool) -> None:
    from godsplit.split.normalize import sort_file
    from godsplit.split.style import detect_style

    (tmp_path / "pyproject.toml").write_text(config)
    path = tmp_path / "app.py"
    text = "import sys\nimport os\n\nprint(os, sys)\n"
    path.write_text(text)  # isort skips a file that does not exist
    result = sort_file(text, detect_style(tmp_path), path)
    assert result == ("import os\nimport sys\n\nprint(os, sys)\n" if sorts else None)


def test_the_line_length_is_the_one_around_the_file(tmp_path: Path) -> None:
    """pretix keeps flake8's settings in `src/setup.cfg`, below the config's directory: the
    rewritten import wraps at that limit, not at the default 88."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / ".flake8").write_text("[flake8]\nmax-line-length = 50\n")
    after, _ = migrated(tmp_path, """
        from pkg.big import CONST, REGISTRY, Thing, a
    """)
    assert after == dedent("""
        from pkg.parts.alpha import (
            CONST,
            REGISTRY,
            Thing,
            a,
        )
    """)


def test_code_in_a_string_that_reads_a_moved_name_is_listed(tmp_path: Path) -> None:
    """A script fed to a subprocess (tornado's import test) reads `pkg.big.a` through the
    package: after `retire` it would fail, so each read is listed at its line; prose that
    names the path and a dotted path on its own are not code."""
    source = dedent('''
        import subprocess
        import sys

        SCRIPT = b"""
        import pkg.big
        print(pkg.big.os.sep)
        pkg.big.a().bit_length()
        pkg.big.Thing
        """
        DOC = "Call pkg.big.a to get the limit."
        TARGET = "pkg.big.b"


        def run():
            return subprocess.run([sys.executable], input=SCRIPT, check=True)
    ''')
    after, result = migrated(tmp_path, source)
    assert after == source.replace('"pkg.big.b"', '"pkg.parts.beta.b"')
    assert left(result) == [(7, "string", "pkg.big.a"), (8, "string", "pkg.big.Thing")]
    assert next(u.detail for u in result.uses if not u.fixable) == (
        "code in a string reads pkg.big.a: edit by hand (it lives in pkg.parts.alpha now)")


def test_an_import_for_side_effects_imports_every_new_module(tmp_path: Path) -> None:
    after, _ = migrated(tmp_path, """
        import pkg.big  # noqa: F401  (registers the tasks)
    """, path="app/loader.py")
    assert after == dedent("""
        import pkg.parts.alpha  # noqa: F401  (registers the tasks)
        import pkg.parts.beta  # noqa: F401  (registers the tasks)
        import pkg.parts.gamma  # noqa: F401  (registers the tasks)
    """)


PATCHES = """
    from unittest import mock
    from unittest.mock import patch

    import pkg.big as big


    def test_one(monkeypatch, mocker):
        with mock.patch("pkg.big.b", return_value=2) as fake:
            pass
        with patch.object(big, "c"):
            pass
        monkeypatch.setattr("pkg.big.CONST", 5)
        monkeypatch.setattr(big, "CONST", 6)
        mocker.patch("pkg.big.Thing.method")
        with mock.patch.dict("pkg.big.REGISTRY", {"x": 1}):
            pass


    def test_several(monkeypatch, mocker):
        with mock.patch("pkg.big.a") as fake_a:
            pass
        with patch.object(big, "a", return_value=3):
            pass
        monkeypatch.setattr("pkg.big.a", len)
        spy = mocker.patch("pkg.big.a")


    @mock.patch("pkg.big.a")
    def test_decorated(fake):
        pass


    def test_dynamic():
        name = "a"
        with mock.patch(f"pkg.big.{name}"):
            pass
"""


def test_patch_targets(tmp_path: Path) -> None:
    after, result = migrated(tmp_path, PATCHES, path="tests/test_use.py")
    assert after == dedent("""
        from unittest import mock
        from unittest.mock import patch


        def test_one(monkeypatch, mocker):
            with mock.patch("pkg.parts.gamma.b", return_value=2) as fake:
                pass
            with patch("pkg.parts.gamma.c"):
                pass
            monkeypatch.setattr("pkg.parts.alpha.CONST", 5)
            monkeypatch.setattr("pkg.parts.alpha.CONST", 6)
            mocker.patch("pkg.parts.alpha.Thing.method")
            with mock.patch.dict("pkg.parts.alpha.REGISTRY", {"x": 1}):
                pass


        def test_several(monkeypatch, mocker):
            with mock.patch("pkg.parts.beta.a") as fake_a, mock.patch("pkg.parts.gamma.a", fake_a):
                pass
            with patch("pkg.parts.beta.a", return_value=3) as a_mock, patch("pkg.parts.gamma.a", a_mock):
                pass
            monkeypatch.setattr("pkg.parts.beta.a", len)
            monkeypatch.setattr("pkg.parts.gamma.a", len)
            spy = mocker.patch("pkg.parts.beta.a")
            mocker.patch("pkg.parts.gamma.a", spy)


        @mock.patch("pkg.parts.beta.a")
        def test_decorated(fake):
            with mock.patch("pkg.parts.gamma.a", fake):
                pass


        def test_dynamic():
            name = "a"
            with mock.patch(f"pkg.big.{name}"):
                pass
    """)  # `b` is looked up by gamma's code: a patch must go there, as with the live facade
    # (round 31: the decorator's mock, `fake`, patches gamma in a `with` around the body)
    assert left(result) == [(35, "dynamic", "pkg.big")]


def test_strings_naming_the_module_or_its_objects(tmp_path: Path) -> None:
    after, result = migrated(tmp_path, """
        import importlib

        CELERY_IMPORTS = [
            "pkg.big",
            "other.tasks",
        ]
        BACKEND = "pkg.big.Thing"
        ENTRY = "pkg.big:c"
        BEAT = {"nightly": {"task": "pkg.big.job"}}
        LOGGER = "pkg.big"
        app = Celery("x", include=["pkg.big"])
        importlib.import_module("pkg.big")
        CODE = "from pkg.big import a"
    """, path="settings.py")
    assert after == dedent("""
        import importlib

        CELERY_IMPORTS = [
            "pkg.parts.alpha",
            "pkg.parts.beta",
            "pkg.parts.gamma",
            "other.tasks",
        ]
        BACKEND = "pkg.parts.alpha.Thing"
        ENTRY = "pkg.parts.gamma:c"
        BEAT = {"nightly": {"task": "pkg.big.job"}}
        LOGGER = "pkg.big"
        app = Celery("x", include=["pkg.parts.alpha", "pkg.parts.beta", "pkg.parts.gamma"])
        importlib.import_module("pkg.big")
        CODE = "from pkg.big import a"
    """)
    assert left(result) == [(12, "module", "pkg.big"), (13, "module", "pkg.big")]
    assert [(n.line, n.code) for n in result.notes] == [(9, "GS504"), (10, "GS505")]


@pytest.mark.slow
def test_migrated_patches_still_reach_the_moved_code(tmp_path: Path) -> None:
    """A name looked up in two modules: the migrated `with` patches both with one mock."""
    test = """
        from unittest import mock

        from pkg.big import b, job


        def test_both_callers_see_the_mock():
            with mock.patch("pkg.big.a", return_value=41):
                assert b() == 42 and job() == 41
    """
    after, result = migrated(tmp_path, test, path="tests/test_patch.py")
    assert 'mock.patch("pkg.parts.gamma.a", ' in after and not left(result)
    out = run_python(tmp_path, """
        import runpy
        ns = runpy.run_path("tests/test_patch.py")
        ns["test_both_callers_see_the_mock"]()
        print("ok")
    """)
    assert out.strip() == "ok"


def test_strings_a_framework_loads_the_module_by(tmp_path: Path) -> None:
    """Round 11: `DJANGO_SETTINGS_MODULE = "pkg.big"` (or a URL conf, a Celery config
    object) loads the old module by its name and reads its names: a use `migrate` leaves
    to a person, so `retire` refuses (it emptied a settings package and Django broke)."""
    _, result = migrated(tmp_path, """
        import os

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pkg.big")
        os.environ["DJANGO_SETTINGS_MODULE"] = "pkg.big"
        ROOT_URLCONF = "pkg.big"
        urlpatterns = [path("x/", include("pkg.big"))]
        app.config_from_object("pkg.big")
        PREFIX = "pkg.big"
        ROUTES = {f"{PREFIX}.c": "q"}
    """, path="settings.py", layout="package")
    assert left(result) == [(3, "module", "pkg.big"), (4, "module", "pkg.big"),
                            (5, "module", "pkg.big"), (6, "module", "pkg.big"),
                            (7, "module", "pkg.big")]
    assert [(n.line, n.code) for n in result.notes] == [(8, "GS505")]  # a task-name prefix


def test_configuration_files_that_name_the_module(tmp_path: Path) -> None:
    """Entry points, pytest's settings module, a Procfile: listed for a person to edit."""
    files = {
        "pyproject.toml": '[project.scripts]\ntool = "pkg.big:c"\nother = "pkg.bigger:x"\n',
        "pytest.ini": "[pytest]\nDJANGO_SETTINGS_MODULE = pkg.big\n",
        "setup.cfg": "[mypy-pkg.big.*]\nignore_errors = True\n",
        "Procfile": "web: python -m pkg.big.gamma\n",
    }
    config = make_project(tmp_path, SOURCE, MAPPING, files=files, **{"verify-import": False})
    assert apply(config).written
    result = migrate(config)
    assert [(u.path.name, u.line, u.shown, u.new, u.fixable) for u in result.uses] == [
        ("pyproject.toml", 2, "pkg.big.c", "pkg.big.gamma:c", False),
        ("pytest.ini", 2, "pkg.big", None, False),
    ]  # `pkg.big.gamma` is a new module: it stays; `pkg.bigger` is another module


def test_pytest_plugins_get_the_new_modules(tmp_path: Path) -> None:
    """`pytest_plugins` imports each module to collect its fixtures and hooks, like
    `CELERY_IMPORTS`: it gets the new modules (retire would leave the old one empty)."""
    after, _ = migrated(tmp_path, 'pytest_plugins = ["pkg.big", "other.plugin"]\n',
                        path="conftest.py", layout="package")
    assert after == ('pytest_plugins = ["pkg.big.alpha", "pkg.big.beta", "pkg.big.gamma", '
                     '"other.plugin"]\n')
