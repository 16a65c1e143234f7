"""Round 26 (trial26a): real-code trials on pylint, billiard, sphinx.

(a) billiard's `pool.py` picks its kill function by platform, each import with a bare
`# noqa` (flake8's blanket form: every code on the line):

    if platform.system() == 'Windows':
        from ._win import kill_processtree as _kill  # noqa
    else:
        from os import kill as _kill                 # noqa

The split put the block in `_shared` (read by two modules), where pyflakes reports the
import unused, and `pyflakes_marks` appended a targeted `# noqa: F401` after the blanket
one: `from os import kill as _kill                 # noqa  # noqa: F401`. The line was
covered already; a second directive is machinery the code does not need.

(b) sphinx 8.1's `sphinx/ext/autodoc/__init__.py` (a package's `__init__.py`, beside its
`directive`, `importer`, `mock` modules): each `conf.py` lists it among the extensions to
load (`extensions = ['sphinx.ext.autodoc', 'sphinx.ext.doctest', ...]`), and the plan
warned GS155 five times ("if the list must name every module ... add them"). A list that
does not name the package's own modules beside the `__init__.py` is no list of every
module: loaded by name, it needs nothing (GS214). A list naming them all still warns.

(c) sphinx 8.1's `.ruff.toml` (for its ruff 0.6.9) selects `S320`, a rule later rufs
removed: godsplit's ruff stops on it ("Rule `S320` was removed and cannot be selected"),
a failure naming no file, so the configuration probe took it for none and the plan
refused the split with GS115, "a bug in godsplit". It is the project's configuration
that this ruff cannot use: GS114 (a warning naming the file and the line), and the split
goes on with the settings godsplit read."""

from __future__ import annotations

from pathlib import Path

from godsplit.split.apply import apply_splits, references

from splitkit import make_project, plan_texts, run_python

BLANKET = '''\
    import os
    import sys

    if sys.platform == "win32":  # pragma: no cover
        from ntpath import join as _join  # noqa
    else:
        from posixpath import join as _join  # noqa


    def first(name):
        return _join(os.sep, name)


    def second(name):
        return _join(name, "x")
    '''


def test_no_targeted_noqa_after_a_blanket_one(tmp_path: Path) -> None:
    config = make_project(tmp_path, BLANKET, {"one": ["first"], "two": ["second"]},
                          files={"setup.cfg": "[flake8]\nmax-line-length = 100\n"})
    result = apply_splits(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    texts = {p.name: p.read_text() for p in (tmp_path / "pkg" / "big").glob("*.py")}
    lines = [line for text in texts.values() for line in text.splitlines() if "_join" in line
             and "import" in line and "# noqa" in line]
    assert lines, texts
    assert not [line for line in lines if line.count("noqa") > 1], lines
    out = run_python(tmp_path, "from pkg.big import first, second; print(first('a'), second('b'))")
    assert out.split() == ["/a", "b/x"]


PACKAGE_INIT = '''\
    def document(obj):
        return repr(obj)


    def setup(app):
        return {"version": 1}
    '''


def _listed(tmp_path: Path, conf: str) -> set[tuple[str, int]]:
    config = make_project(tmp_path, PACKAGE_INIT, {"documenters": ["document"], "extension": ["setup"]},
                          path="pkg/ext/auto/__init__.py", package="pkg/ext/auto",
                          files={"pkg/ext/auto/mock.py": "MOCK = 1\n",
                                 "pkg/ext/other.py": "", "pkg/ext/more.py": "",
                                 "docs/conf.py": conf})
    plan, _ = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    found = references(config, [plan], rewrite=False)[0][plan.old_module]
    return {(f.code, f.line) for f in found if Path(f.path).name == "conf.py"}


def test_an_extension_list_naming_a_package_init_is_not_gs155(tmp_path: Path) -> None:
    conf = 'extensions = ["pkg.ext.auto", "pkg.ext.other", "pkg.ext.more"]\n'
    assert _listed(tmp_path, conf) == {("GS214", 1)}


def test_a_list_naming_every_module_beside_the_init_is_gs155(tmp_path: Path) -> None:
    conf = 'ORDER = ["pkg.ext.auto.mock", "pkg.ext.auto", "pkg.ext.other"]\n'
    assert _listed(tmp_path, conf) == {("GS155", 1)}


def test_a_rule_this_ruff_removed_is_gs114_not_gs115(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "ruff.toml").write_text(
        'line-length = 95\n\n[lint]\nselect = [\n    "E",\n    "S320",\n]\n')
    config = make_project(tmp_path, "def a():\n    return 1\n\n\ndef b():\n    return a()\n",
                          {"one": ["a"], "two": ["b"]})
    plan, _ = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    [warning] = [f for f in plan.findings if f.code == "GS114"]
    assert warning.path == str(tmp_path / "ruff.toml") and warning.line == 6
    assert "`S320` was removed" in warning.message
    result = apply_splits(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    assert run_python(tmp_path, "from pkg.big import b; print(b())").strip() == "1"
