"""Round 38 (trial39): a build that reads the version from the god file by its path (GS146).

pyshp 3.1.6 builds with hatch, `[tool.hatch.version] path = "src/shapefile.py"`; split into
`src/shapefile/`, `pip install .` failed ("file does not exist: src/shapefile.py") after
a split verified from the source tree. The plan now says so, at the setting's line, and
names the written file that assigns the version.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from godsplit.cli.app import main
from godsplit.types import Finding

from splitkit import make_project, plan_texts

SOURCE = """
    __version__ = "3.1.6"


    def read():
        return 1


    def write():
        return read() + 1
"""
MODULES = {"reading": ["read"], "writing": ["write"]}


def _gs146(tmp_path: Path, pyproject: str, **split: str) -> tuple[list[Finding], dict[str, str]]:
    config = make_project(tmp_path, SOURCE, MODULES, path="shp.py",
                          files={"pyproject.toml": pyproject}, **split)
    plan, texts = plan_texts(config)
    return [f for f in plan.findings if f.code == "GS146"], texts


HATCH = """\
    [build-system]
    requires = ["hatchling"]
    build-backend = "hatchling.build"

    [project]
    name = "shp"
    dynamic = ["version"]

    [tool.hatch.version]
    path = "shp.py"
"""


def test_hatch_version_path_to_the_removed_file(tmp_path: Path) -> None:
    found, texts = _gs146(tmp_path, HATCH)
    assert [(f.severity, Path(f.path).name, f.line) for f in found] == [
        ("warning", "pyproject.toml", 10)]
    assert "path = 'shp.py': hatch reads the project's version from shp.py" in found[0].message
    assert "set it to 'shp/__init__.py'" in found[0].message
    assert '__version__ = "3.1.6"' in texts["shp/__init__.py"]  # the edit named is true


def test_pdm_file_source_and_hatch_code_source(tmp_path: Path) -> None:
    pdm = ('[build-system]\nbuild-backend = "pdm.backend"\n[project]\nname = "shp"\n'
           '[tool.pdm.version]\nsource = "file"\npath = "shp.py"\n')
    found, _ = _gs146(tmp_path / "pdm", pdm)
    assert [f.line for f in found] == [7]
    assert "pdm-backend reads" in found[0].message and "'shp/__init__.py'" in found[0].message
    code = HATCH.replace('path = "shp.py"', 'source = "code"\n    path = "shp.py"')
    found, _ = _gs146(tmp_path / "code", code)
    assert len(found) == 1 and "runs on its own" in found[0].message


@pytest.mark.parametrize("case", ["sibling", "other_path", "attr", "vcs"])
def test_no_finding_while_the_setting_still_finds_its_file(tmp_path: Path, case: str) -> None:
    pyproject, split = HATCH, {}
    if case == "sibling":  # the old file stays, as the facade
        split = {"package": "shp_parts"}
    elif case == "other_path":
        pyproject = HATCH.replace('path = "shp.py"', 'path = "about.py"')
    elif case == "attr":  # a dotted name: the facade package still has it
        pyproject = ('[build-system]\nbuild-backend = "setuptools.build_meta"\n[project]\n'
                     'name = "shp"\n[tool.setuptools.dynamic]\nversion = {attr = "shp.__version__"}\n')
    else:
        pyproject = HATCH.replace('path = "shp.py"', 'source = "vcs"')
    found, _ = _gs146(tmp_path, pyproject, **split)
    assert found == []


def test_apply_does_not_claim_a_buildable_split(tmp_path: Path) -> None:
    make_project(tmp_path, SOURCE, MODULES, path="shp.py", files={"pyproject.toml": HATCH})
    (tmp_path / "godsplit.toml").write_text(
        '[[split]]\nsource = "shp.py"\n[split.modules]\nreading = ["read"]\n'
        'writing = ["write"]\n')
    result = CliRunner().invoke(main, ["apply", "--config", str(tmp_path / "godsplit.toml")])
    assert result.exit_code == 0, result.output
    assert "pyproject.toml:10: GS146 warning" in result.output
    assert "the build's version setting names the removed file (GS146)" in result.output
