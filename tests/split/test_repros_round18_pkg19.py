"""Round 18 (pkg19): a split whose project's packaging metadata lists the old module (or
its packages) by name would not install the new modules (GS134). bottle 0.13.2 has
`py_modules=['bottle']` in setup.py: split, `pip install .` shipped `bottle.py` without
the new package and the installed `import bottle` failed, after "verified"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from godsplit.types import Finding

from splitkit import make_project, plan_texts

SOURCE = """
    def route():
        return 1


    def template():
        return route()
"""
MODULES = {"routing": ["route"], "templates": ["template"]}


def _gs134(tmp_path: Path, files: dict[str, str], path: str = "bottle.py",
           **split: Any) -> list[Finding]:
    plan, _ = plan_texts(make_project(tmp_path, SOURCE, MODULES, path=path, files=files,
                                      **split))
    return [f for f in plan.findings if f.code == "GS134"]


SETUP_PY = """
    from setuptools import setup

    setup(
        name="bottle",
        py_modules=["bottle"],
        scripts=["bottle.py"],
    )
"""


def test_setup_py_py_modules_beside_names_the_new_package(tmp_path: Path) -> None:
    found = _gs134(tmp_path, {"setup.py": SETUP_PY}, package="bottle_parts")
    assert len(found) == 1, found
    finding = found[0]
    assert (finding.severity, Path(finding.path).name, finding.line) == ("warning", "setup.py", 5)
    assert "lists 'bottle' in py_modules" in finding.message
    assert "add packages=['bottle_parts']" in finding.message


def test_setup_py_py_modules_package_layout_says_to_swap_the_lists(tmp_path: Path) -> None:
    setup = SETUP_PY.replace('        scripts=["bottle.py"],\n', "")
    found = _gs134(tmp_path, {"setup.py": setup})
    assert len(found) == 1, found
    assert "add packages=['bottle'] and set py_modules=[]" in found[0].message


def test_setup_py_list_bound_to_a_name_is_read(tmp_path: Path) -> None:
    setup = """
        import setuptools

        MODULES = ["bottle", "other"]
        setuptools.setup(name="bottle", py_modules=MODULES)
    """
    found = _gs134(tmp_path, {"setup.py": setup}, package="bottle_parts")
    assert [(Path(f.path).name, f.line) for f in found] == [("setup.py", 3)]  # the list


def test_setup_py_keywords_passed_as_a_dict(tmp_path: Path) -> None:
    """configobj 5.0.9: `setup(**project)`, `project = dict(..., packages=PACKAGES)`."""
    setup = """
        from setuptools import setup

        PACKAGES = ["pkg"]
        if __name__ == "__main__":
            project = dict(name="pkg", packages=PACKAGES)
            setup(**project)
    """
    found = _gs134(tmp_path, {"setup.py": setup}, path="pkg/big.py")
    assert [(Path(f.path).name, f.line) for f in found] == [("setup.py", 3)]
    unknown = setup.replace("dict(name=\"pkg\", packages=PACKAGES)", "make()")
    assert not _gs134(tmp_path / "unknown", {"setup.py": unknown}, path="pkg/big.py")


def test_setup_cfg_py_modules(tmp_path: Path) -> None:
    cfg = """
        [metadata]
        name = bottle

        [options]
        py_modules =
            bottle
    """
    found = _gs134(tmp_path, {"setup.cfg": cfg, "setup.py": "import setuptools\nsetuptools.setup()\n"},
                   package="bottle_parts")
    assert [(Path(f.path).name, f.line) for f in found] == [("setup.cfg", 5)]
    assert "`packages = bottle_parts` under [options]" in found[0].message


def test_pyproject_tool_setuptools_py_modules(tmp_path: Path) -> None:
    toml = """
        [build-system]
        requires = ["setuptools"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "bottle"
        version = "1"

        [tool.setuptools]
        py-modules = ["bottle"]
    """
    found = _gs134(tmp_path, {"pyproject.toml": toml}, package="bottle_parts")
    assert [(Path(f.path).name, f.line) for f in found] == [("pyproject.toml", 10)]
    assert '`packages = ["bottle_parts"]` under [tool.setuptools]' in found[0].message


def test_explicit_packages_list_misses_the_new_subpackage(tmp_path: Path) -> None:
    setup = 'from setuptools import setup\nsetup(name="pkg", packages=["pkg"])\n'
    found = _gs134(tmp_path, {"setup.py": setup}, path="pkg/big.py")
    assert [(Path(f.path).name, f.line) for f in found] == [("setup.py", 2)]
    assert "without 'pkg.big'" in found[0].message
    assert "would not be installed" in found[0].message
    assert "add 'pkg.big' to `packages`" in found[0].message


def test_a_subpackage_missing_from_packages_ships_as_data_only_in_some_projects(
        tmp_path: Path) -> None:
    """cmd2 4.3.1 and tabulate 0.9.0: `packages = ["cmd2"]` with setuptools-scm; setuptools
    then ships a git-tracked subpackage as package data (checked with pip wheel), not an
    untracked one: the warning says so rather than "would not be installed"."""
    toml = """
        [build-system]
        requires = ["setuptools", "setuptools-scm"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "pkg"

        [tool.setuptools]
        packages = ["pkg"]
    """
    found = _gs134(tmp_path, {"pyproject.toml": toml}, path="pkg/big.py")
    assert [(Path(f.path).name, f.line) for f in found] == [("pyproject.toml", 9)]
    assert "only as package data once git tracks them (setuptools-scm)" in found[0].message
    manifest = {"pyproject.toml": toml.replace(', "setuptools-scm"', ""),
                "MANIFEST.in": "graft pkg\n"}
    found = _gs134(tmp_path / "manifest", manifest, path="pkg/big.py")
    assert "as MANIFEST.in's `graft pkg` takes them" in found[0].message
    found = _gs134(tmp_path / "off", {"pyproject.toml": toml.replace(
        'packages = ["pkg"]', 'packages = ["pkg"]\ninclude-package-data = false')},
        path="pkg/big.py")
    assert "would not be installed" in found[0].message


def test_flit_single_module_beside_but_not_package_layout(tmp_path: Path) -> None:
    toml = """
        [build-system]
        requires = ["flit_core"]
        build-backend = "flit_core.buildapi"

        [project]
        name = "bottle"
    """
    found = _gs134(tmp_path, {"pyproject.toml": toml}, package="bottle_parts")
    assert [(Path(f.path).name, f.line) for f in found] == [("pyproject.toml", 3)]
    assert not _gs134(tmp_path / "p", {"pyproject.toml": toml})  # flit ships bottle/


def test_hatch_only_include_names_the_file(tmp_path: Path) -> None:
    toml = """
        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"

        [project]
        name = "bottle"

        [tool.hatch.build.targets.wheel]
        only-include = ["bottle.py"]
    """
    found = _gs134(tmp_path, {"pyproject.toml": toml}, package="bottle_parts")
    assert [(Path(f.path).name, f.line) for f in found] == [("pyproject.toml", 9)]
    assert "add 'bottle_parts' to `only-include`" in found[0].message


def test_discovery_gives_no_finding(tmp_path: Path) -> None:
    cases = {
        "find_packages": {"setup.py": "from setuptools import find_packages, setup\n"
                                      "setup(packages=find_packages(), py_modules=['x'])\n"},
        "cfg_find": {"setup.cfg": "[options]\npackages = find:\n"},
        "toml_find": {"pyproject.toml": '[tool.setuptools]\npackages = {find = {}}\n'},
        "auto": {"pyproject.toml": '[project]\nname = "pkg"\n'},
        "listed": {"setup.py": "from setuptools import setup\n"
                               "setup(packages=['pkg', 'pkg.big'])\n"},
    }
    for name, files in cases.items():
        assert not _gs134(tmp_path / name, files, path="pkg/big.py"), name
    src = {"pyproject.toml": '[project]\nname = "pkg"\n[tool.setuptools.packages.find]\n'
                             'where = ["src"]\n'}
    assert not _gs134(tmp_path / "src", src, path="src/pkg/big.py")


def test_apply_prints_the_warning_and_does_not_claim_an_installable_split(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from godsplit.cli.app import main

    make_project(tmp_path, SOURCE, MODULES, path="bottle.py", files={"setup.py": SETUP_PY})
    (tmp_path / "godsplit.toml").write_text(
        '[[split]]\nsource = "bottle.py"\npackage = "bottle_parts"\n'
        'modules.routing = ["route"]\nmodules.templates = ["template"]\n')
    config = ["--config", str(tmp_path / "godsplit.toml")]
    planned = CliRunner().invoke(main, ["plan", *config])
    assert "GS134 warning" in planned.output, planned.output
    result = CliRunner().invoke(main, ["apply", *config])
    assert result.exit_code == 0, result.output
    assert "GS134 warning" in result.output
    flat = " ".join(result.output.split())
    assert "verified in the source tree; its packaging would not install it (GS134)" in flat


FLAT = {"setup.py": 'from setuptools import setup\n\nsetup(name="bottle", version="1")\n'}


def test_automatic_discovery_of_a_lone_module_beside_its_new_package(tmp_path: Path) -> None:
    """A flat layout's discovery ships its packages or, if none, its modules: with
    bottle_parts/ beside it, setuptools ships bottle_parts alone (checked with pip wheel)."""
    found = _gs134(tmp_path, FLAT, package="bottle_parts")
    assert [(Path(f.path).name, f.line) for f in found] == [("setup.py", 3)]
    assert "set py_modules=['bottle'] and packages=['bottle_parts']" in found[0].message
    toml = {"pyproject.toml": '[build-system]\nrequires = ["setuptools"]\n'
                              'build-backend = "setuptools.build_meta"\n\n[project]\n'
                              'name = "bottle"\n'}
    found = _gs134(tmp_path / "toml", toml, package="bottle_parts")
    assert [(Path(f.path).name, f.line) for f in found] == [("pyproject.toml", 5)]
    assert not _gs134(tmp_path / "package", FLAT)  # bottle/ is the one package found
    # another directory is a (namespace) package to discovery: bottle.py was not shipped
    other = {**FLAT, "assets/logo.txt": "x\n", "docs/index.txt": "x\n"}
    assert not _gs134(tmp_path / "other", other, package="bottle_parts")
    docs = {**FLAT, "docs/index.txt": "x\n"}  # docs/ is never discovered
    assert len(_gs134(tmp_path / "docs", docs, package="bottle_parts")) == 1


def test_discovery_patterns_that_leave_the_new_package_out(tmp_path: Path) -> None:
    setup = ('from setuptools import find_packages, setup\n'
             'setup(packages=find_packages(include=["pkg"]))\n')
    found = _gs134(tmp_path, {"setup.py": setup}, path="pkg/big.py")
    assert [(Path(f.path).name, f.line) for f in found] == [("setup.py", 2)]
    assert "add 'pkg.big' to its include patterns" in found[0].message
    cfg = "[options]\npackages = find:\n\n[options.packages.find]\nexclude =\n    pkg.big*\n"
    found = _gs134(tmp_path / "cfg", {"setup.cfg": cfg}, path="pkg/big.py")
    assert [(Path(f.path).name, f.line) for f in found] == [("setup.cfg", 2)]
    assert "remove 'pkg.big*' from its exclude patterns" in found[0].message
    wide = setup.replace('["pkg"]', '["pkg", "pkg.*"]')
    assert not _gs134(tmp_path / "wide", {"setup.py": wide}, path="pkg/big.py")


def test_hatch_and_poetry_defaults_ship_the_single_module(tmp_path: Path) -> None:
    hatch = ('[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
             '[project]\nname = "Bottle"\n')
    assert len(_gs134(tmp_path / "h", {"pyproject.toml": hatch}, package="bottle_parts")) == 1
    poetry = ('[build-system]\nrequires = ["poetry-core"]\n'
              'build-backend = "poetry.core.masonry.api"\n[tool.poetry]\nname = "bottle"\n')
    found = _gs134(tmp_path / "p", {"pyproject.toml": poetry}, package="bottle_parts")
    assert "builds with poetry" in found[0].message
    listed = poetry + 'packages = [{include = "bottle.py"}]\n'
    found = _gs134(tmp_path / "l", {"pyproject.toml": listed}, package="bottle_parts")
    assert [(Path(f.path).name, f.line) for f in found] == [("pyproject.toml", 6)]
    assert "add {include = 'bottle_parts'}" in found[0].message
