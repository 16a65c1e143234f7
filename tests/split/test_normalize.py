"""split/normalize.py: generated blocks sorted and formatted as the project's tools would.

These run ruff (and isort) for real, so they are marked slow.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from godsplit.split.normalize import Block, ToolError, normalize
from godsplit.split.ruff_tool import ruff_binary
from godsplit.split.style import detect_style

from conftest import make_project
from splitkit import make_project as make_split_project
from splitkit import plan_texts

pytestmark = pytest.mark.slow

IMPORTS = """\
from typing import TYPE_CHECKING
import sys, os
from pkg.models import Model
import requests
from ._shared import zeta, alpha
from . import _shared
if TYPE_CHECKING:
    from .reports import Report, Chart
"""
REEXPORTS = """\
from .crisis_intervention_tasks import process_crisis_intervention_alert as process_crisis_intervention_alert
from .analytics import update_user_analytics as update_user_analytics, beta as beta
"""
ALL = '__all__ = ["update_user_analytics", "process_crisis_intervention_alert", "beta", "_shared"]\n'


def project(tmp_path: Path, config: dict[str, str | bytes]) -> Path:
    make_project(tmp_path, {"pkg/__init__.py": "", "pkg/models.py": "Model = 1\n",
                            "pkg/big.py": "x = 1\n", **config})
    (tmp_path / ".git").mkdir()
    return tmp_path / "pkg" / "big.py"


def run(tmp_path: Path, config: dict[str, str | bytes], blocks: list[Block]) -> tuple[str, ...]:
    path = project(tmp_path, config)
    return normalize(blocks, detect_style(path), path, root=tmp_path)


def test_default_style_sorts_sections_and_formats_each_block(tmp_path: Path) -> None:
    out = run(tmp_path, {}, [Block(IMPORTS, sort=True), Block(""), Block(REEXPORTS, sort=True),
                             Block(ALL), Block("# godsplit: a comment\n")])
    assert out[0] == (
        "import os\nimport sys\nfrom typing import TYPE_CHECKING\n\nimport requests\n\n"
        "from pkg.models import Model\n\nfrom . import _shared\nfrom ._shared import alpha, zeta\n"
        "\nif TYPE_CHECKING:\n    from .reports import Chart, Report\n"
    )
    assert out[1] == ""
    assert out[2] == (
        "from .analytics import beta as beta\n"
        "from .analytics import update_user_analytics as update_user_analytics\n"
        "from .crisis_intervention_tasks import (\n"
        "    process_crisis_intervention_alert as process_crisis_intervention_alert,\n)\n"
    )
    # ruff's default rules (0.17) include RUF022: a generated `__all__` is sorted its way
    assert out[3] == ('__all__ = [\n    "_shared",\n    "beta",\n'
                      '    "process_crisis_intervention_alert",\n    "update_user_analytics",\n]\n')
    assert out[4] == "# godsplit: a comment\n"


def test_the_projects_ruff_isort_settings_apply(tmp_path: Path) -> None:
    config: dict[str, str | bytes] = {"pyproject.toml": """
[tool.ruff]
line-length = 120
[tool.ruff.lint]
select = ["I"]
[tool.ruff.lint.isort]
known-first-party = ["requests"]
force-sort-within-sections = true
combine-as-imports = true
"""}
    imports, reexports = run(tmp_path, config, [Block(IMPORTS, sort=True), Block(REEXPORTS, sort=True)])
    assert imports.startswith("import os\nimport sys\nfrom typing import TYPE_CHECKING\n\n"
                              "from pkg.models import Model\nimport requests\n\n")
    assert reexports.splitlines()[0] == (
        "from .analytics import beta as beta, update_user_analytics as update_user_analytics")
    assert len(reexports.splitlines()) == 2  # 120 columns: the long line fits


def test_black_settings_are_passed_on(tmp_path: Path) -> None:
    config: dict[str, str | bytes] = {
        "pyproject.toml": "[tool.black]\nline-length = 100\nskip-magic-trailing-comma = true\n"
                          "skip-string-normalization = true\n"}
    [out] = run(tmp_path, config, [Block("x = ['a', 'b',]\ny = ('ccccccccccccccccccccccccccccccc', "
                                         "'dddddddddddddddddddddddddddddddd', 'eeeeeeeeeeeeeeee')\n")])
    assert out == ("x = ['a', 'b']\ny = ('ccccccccccccccccccccccccccccccc', "
                   "'dddddddddddddddddddddddddddddddd', 'eeeeeeeeeeeeeeee')\n")


def test_isort_projects_are_sorted_by_isort(tmp_path: Path) -> None:
    config: dict[str, str | bytes] = {".isort.cfg": "[settings]\nprofile = google\n"}
    [out] = run(tmp_path, config, [Block("from ._shared import zeta, alpha\nimport sys, os\n",
                                         sort=True)])
    assert out == "import os\nimport sys\n\nfrom ._shared import alpha\nfrom ._shared import zeta\n"


def test_isort_wrapping_is_left_as_isort_writes_it(tmp_path: Path) -> None:
    """A flake8 + isort project without a formatter (pretix's settings): the formatter
    must not re-wrap what isort sorted, or the project's `isort --check` fails."""
    import isort

    config: dict[str, str | bytes] = {"setup.cfg": (
        "[flake8]\nmax-line-length = 160\n\n[isort]\ncombine_as_imports = true\n"
        "include_trailing_comma = true\nmulti_line_output = 5\nline_length = 79\n")}
    names = ", ".join(f"name_{i}" for i in range(12))
    [imports, machinery] = run(tmp_path, config, [
        Block(f"from pkg.models import {names}\nfrom pkg.models import Model as Model\n",
              sort=True),
        Block("x = ['a',\n 'b']\n"),
    ])
    assert imports == isort.code(imports, settings_path=str(tmp_path))
    assert imports.startswith("from pkg.models import (\n    Model as Model, name_0, name_1,")
    assert machinery == 'x = ["a", "b"]\n'  # generated code still goes through the formatter


def test_output_is_stable_and_clean_under_the_tools(tmp_path: Path) -> None:
    path = project(tmp_path, {})
    style = detect_style(path)
    blocks = [Block(IMPORTS, sort=True), Block(REEXPORTS, sort=True), Block(ALL)]
    first = normalize(blocks, style, path, root=tmp_path)
    again = normalize([Block(t, sort=b.sort) for t, b in zip(first, blocks, strict=True)],
                      style, path, root=tmp_path)
    assert again == first
    module = tmp_path / "pkg" / "new.py"
    module.write_text('"""Doc."""\n\n' + "\n".join(first[:2]) + "\n" + first[2])
    for args in (["check", "--select", "E4,E7,E9,F,I,E501", "--ignore", "F401"],
                 ["format", "--check"]):
        proc = subprocess.run([ruff_binary(), *args, str(module)], capture_output=True, text=True,
                              cwd=tmp_path)
        assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize(("ruff_toml", "line", "cause"), [
    # sphinx 5's pyproject.toml: `show-source`, an option later rufs removed
    ("line-length = 95\nshow-source = true\n\n[lint.isort]\nforce-sort-within-sections = true\n",
     2, "unknown field `show-source`"),
    ('line-length = 95\nrequired-version = "==0.0.1"\n', 1, "Required version `==0.0.1` does not match"),
])
def test_a_configuration_ruff_cannot_read_is_a_warning_and_its_settings_still_apply(
    tmp_path: Path, ruff_toml: str, line: int, cause: str
) -> None:
    """A project pinned to another ruff is not blocked: the lines godsplit generates are
    sorted and formatted with the settings godsplit read (line length 95 here), and the
    plan says so, naming the file."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "ruff.toml").write_text(ruff_toml)
    one, two = "first_function_of_thirty_seven_chars", "other_function_of_thirty_seven_chars"
    config = make_split_project(tmp_path, f"""
        def {one}():
            return 1


        def {two}():
            return 2


        def g():
            return {one}() + {two}()
        """, {"a": [one, two], "b": ["g"]})
    plan, texts = plan_texts(config)
    [warning] = [f for f in plan.findings if f.code == "GS114"]
    assert warning.severity == "warning" and warning.path == str(tmp_path / "ruff.toml")
    assert cause in warning.message and "line length 95" in warning.message
    if line > 1:
        assert warning.line == line
    assert not plan.errors
    # 91 columns: an import that would wrap at 88 stays on one line at 95
    assert f"from .a import {one}, {two}\n" in texts["pkg/big/b.py"]


def test_generated_code_that_does_not_parse_is_a_tool_error(tmp_path: Path) -> None:
    with pytest.raises(ToolError, match="ruff failed on generated code"):
        run(tmp_path, {}, [Block("x = (\n")])


LONG = [f"{verb}_{thing}_for_tenants" for verb in ("process", "refresh")
        for thing in ("daily_journal", "weekly_reports")]
FACADE = (f"import sys as _godsplit_sys\nfrom typing import Any as Any\nimport os as os\n"
          f"from .parts.b import {LONG[1]} as {LONG[1]}\nfrom .parts.b import zeta\n"
          + "".join(f"from .parts.a import {n} as {n}\n" for n in (LONG[0], LONG[2], LONG[3])))


def test_a_facades_re_exports_are_grouped_by_module_in_an_isort_off_block(tmp_path: Path) -> None:
    """`X as X` lines too long for one line: one statement per module, sorted as the
    sorter sorts, in a block neither ruff's isort nor isort re-sorts; stable, and clean
    under ruff (I, F, E) and the formatter."""
    path = project(tmp_path, {})
    style = detect_style(path)
    [out] = normalize([Block(FACADE, sort=True, group=True)], style, path, root=tmp_path)
    assert out == (
        "# isort: off\nimport os as os\nimport sys as _godsplit_sys\nfrom typing import Any as Any\n"
        f"\nfrom .parts.a import (\n    {LONG[0]} as {LONG[0]},\n    {LONG[2]} as {LONG[2]},\n"
        f"    {LONG[3]} as {LONG[3]},\n)\nfrom .parts.b import (\n    {LONG[1]} as {LONG[1]},\n"
        "    zeta,\n)\n\n# isort: on\n")  # ruff format: a blank line after imports
    assert normalize([Block(out, sort=True, group=True)], style, path, root=tmp_path) == (out,)
    module = tmp_path / "pkg" / "facade.py"
    module.write_text('"""Doc."""\n\n' + out + "\nprint(_godsplit_sys, zeta)\n")
    for args in (["check", "--isolated", "--select", "E,F,I"], ["format", "--check"]):
        proc = subprocess.run([ruff_binary(), *args, str(module)], capture_output=True, text=True,
                              cwd=tmp_path)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_grouping_follows_the_sorters_settings(tmp_path: Path) -> None:
    """combine-as-imports: the sorter groups them itself (no isort block); force-single-line:
    the project wants one name a statement; short names: one statement a name is shorter."""
    config: dict[str, str | bytes] = {
        "ruff.toml": "[lint]\nselect = ['I']\n[lint.isort]\ncombine-as-imports = true\n"}
    [out] = run(tmp_path / "combine", config, [Block(FACADE, sort=True, group=True)])
    assert "isort:" not in out and f"    {LONG[2]} as {LONG[2]},\n" in out
    config = {"ruff.toml": "[lint]\nselect = ['I']\n[lint.isort]\nforce-single-line = true\n"}
    [out] = run(tmp_path / "single", config, [Block(FACADE, sort=True, group=True)])
    assert "isort:" not in out and "from .parts.b import zeta\n" in out
    short = "from .a import f as f\nfrom .a import g as g\nfrom .b import h as h\n"
    assert run(tmp_path / "short", {}, [Block(short, sort=True, group=True)]) == (short,)


def test_the_sources_own_isort_blocks_are_not_nested(tmp_path: Path) -> None:
    text = "# isort: off\nimport b as b\nimport a as a\n# isort: on\n" + FACADE
    [out] = run(tmp_path, {}, [Block(text, sort=True, group=True)])
    assert out.count("# isort: off") == 1 and out.startswith("# isort: off\nimport b as b\n")


def test_isort_groups_as_isort_sorts(tmp_path: Path) -> None:
    config: dict[str, str | bytes] = {".isort.cfg": "[settings]\nprofile = black\n"}
    [out] = run(tmp_path, config, [Block(FACADE, sort=True, group=True)])
    assert out.startswith("# isort: off\n") and out.endswith("# isort: on\n")
    module = tmp_path / "pkg" / "facade.py"
    module.write_text('"""Doc."""\n\n' + out + "\nprint(_godsplit_sys, zeta)\n")
    import isort

    assert isort.check_file(module, settings_path=str(tmp_path), show_diff=True)


@pytest.mark.parametrize("config", [{}, {".isort.cfg": "[settings]\nprofile = black\n"}],
                         ids=["ruff", "isort"])
def test_comments_stay_with_their_imports_under_either_sorter(
    tmp_path: Path, config: dict[str, str | bytes]
) -> None:
    """A comment above an import moves with it; a trailing one (a noqa too) stays on it."""
    text = ("import sys  # platform checks\n# the HTTP client: pinned, see requirements\n"
            "import requests\nimport os\nfrom pkg.models import Model  # noqa: F401\n"
            "from ._shared import zeta, alpha  # helpers\n")
    path = project(tmp_path, config)
    style = detect_style(path)
    assert style.sorter == ("isort" if config else "ruff")
    assert normalize([Block(text, sort=True)], style, path, root=tmp_path) == (
        "import os\nimport sys  # platform checks\n\n"
        "# the HTTP client: pinned, see requirements\nimport requests\n\n"
        "from pkg.models import Model  # noqa: F401\n\n"
        "from ._shared import alpha, zeta  # helpers\n",)
