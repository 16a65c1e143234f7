"""The code godsplit runs in a project's interpreter with `python -c` is real modules of the
package: each tested here as a function, and once as `python -c` reads it."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from godsplit.migration import kinds_probe
from godsplit.split import isort_driver
from godsplit.suggester import star_probe


class _Proxy:
    """A lazy proxy whose `__class__` must not be read (Django's SimpleLazyObject)."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        raise AssertionError("evaluated")


def _callable_object() -> object:
    class Handler:
        def __call__(self) -> None: ...
    return Handler()


@pytest.mark.parametrize(("value", "moved", "expected"), [
    (json, set(), "module json"),
    (Path, set(), "class Path"),
    (sys.exit, set(), "callable"),
    (_callable_object(), set(), "callable"),
])
def test_kind_tells_names_apart(value: object, moved: set[str], expected: str) -> None:
    assert kinds_probe.kind(value, moved) == expected


def test_kind_does_not_evaluate_a_lazy_proxy() -> None:
    where = _Proxy.__module__
    assert kinds_probe.kind(_Proxy(), set()) == f"{where}._Proxy"
    assert kinds_probe.kind(_Proxy(), {where}) == "<split module>._Proxy"


def test_kind_of_a_function_is_its_qualified_name() -> None:
    def inner() -> None: ...
    assert kinds_probe.kind(inner, set()) == (
        "function test_kind_of_a_function_is_its_qualified_name.<locals>.inner")


def _run(package: str, name: str, *args: str, cwd: Path, stdin: str = "") -> str:
    driver = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", driver, *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, check=True)
    return proc.stdout


def test_kinds_probe_as_run_reports_names_and_errors(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "mod.py").write_text("import os\nclass A: ...\nX = 1\nprint('noise')\n")
    (tmp_path / "broken.py").write_text("raise ValueError('no')\n")
    items = [[str(tmp_path), "pkg.mod", str(tmp_path / "pkg/mod.py")],
             [str(tmp_path), "", str(tmp_path / "broken.py")]]
    out = _run("godsplit.migration", "kinds_probe.py", json.dumps(items), "", "", cwd=tmp_path)
    found = json.loads(out.rsplit("godsplit-probe: ", 1)[1])
    assert found[str(tmp_path / "pkg/mod.py")]["names"] == {
        "os": "module os", "A": "class A", "X": "builtins.int"}
    assert found[str(tmp_path / "broken.py")] == {"error": "ValueError: no"}


def test_star_names_follow_all_else_public_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                 ) -> None:
    (tmp_path / "listed.py").write_text("__all__ = ['a']\na = b = 1\n")
    (tmp_path / "open_.py").write_text("c = 1\n_d = 2\n")
    (tmp_path / "fails.py").write_text("raise ImportError('x')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert star_probe.star_names(["listed", "fails", "open_"]) == ["a", "c"]
    out = _run("godsplit.suggester", "star_probe.py", "listed", "open_", cwd=tmp_path)
    assert json.loads(out.removeprefix("godsplit-star: ")) == ["a", "c"]


def _request(document: str, **overrides: object) -> dict[str, object]:
    here = Path.cwd()
    return {"document": document, "path": str(here / "m.py"), "settings_path": str(here),
            "group": False, "overrides": overrides}


def test_isort_driver_sorts_and_names_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.py").write_text("")  # (isort skips a path that does not exist)
    assert isort_driver.sort(_request("import sys\nimport os\n")) == "import os\nimport sys\n"
    bad = isort_driver.reply(json.dumps(_request("import os\n", line_length="x")))
    assert set(bad) == {"error"}
    lines = [json.dumps(_request("import b\nimport a\n")), json.dumps(_request("x = (\n"))]
    out = _run("godsplit.split", "isort_driver.py", cwd=tmp_path, stdin="\n".join(lines) + "\n")
    replies = [json.loads(line) for line in out.splitlines()]
    assert replies[0] == {"document": "import a\nimport b\n"}
    assert len(replies) == 2

