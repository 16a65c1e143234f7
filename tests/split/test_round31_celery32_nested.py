"""Round 31 (celery32): imports inside the facade's runtime code, as the project's isort
writes them.

MuckRock's isort settings give each section a heading (`import_heading_stdlib = Standard
Library`); isort puts the heading above nested imports too. A live facade's
`__reduce_ex__` imports `import_module` inside the method: after `suggest --write` and
`apply` (verified) on MuckRock's `foia/tasks.py`, `isort --check-only` failed on the
facade, which the project's CI runs.
"""

from __future__ import annotations

from pathlib import Path

import isort
import pytest

from godsplit.split import runtime
from godsplit.split.normalize import Block, normalize
from godsplit.split.style import detect_style

from conftest import make_project

pytestmark = pytest.mark.slow

HEADINGS = (
    "[settings]\nline_length = 88\nprofile = black\nknown_first_party = pkg\n"
    "import_heading_stdlib = Standard Library\nimport_heading_thirdparty = Third Party\n"
)
# what runtime/live_facade.py, live_globals.py and reload_modules.py carry
MACHINERY = '''\
class _GodsplitFacade(_godsplit_types.ModuleType):
    def __reduce_ex__(self, protocol: object) -> "tuple[object, tuple[str]]":
        # imported when pickled: `import old` loads no more modules than before
        from importlib import import_module as _godsplit_import_module

        return _godsplit_import_module, (vars(self)["__name__"],)


def _godsplit_home(name: str) -> object:
    import sys

    return sys.modules[name]
'''


def _project(tmp_path: Path) -> Path:
    make_project(tmp_path, {"pkg/__init__.py": "", "pkg/big.py": "x = 1\n",
                            ".isort.cfg": HEADINGS})
    (tmp_path / ".git").mkdir()
    return tmp_path / "pkg" / "big.py"


def _isort_accepts(text: str, tmp_path: Path) -> bool:
    config = isort.Config(settings_path=str(tmp_path))
    return isort.check_code(text, config=config, file_path=tmp_path / "pkg" / "big.py")


def test_nested_imports_of_generated_code_get_the_projects_headings(tmp_path: Path) -> None:
    path = _project(tmp_path)
    imports = "import sys as _godsplit_sys\nimport types as _godsplit_types\n"
    out = normalize([Block(imports, sort=True), Block(MACHINERY)], detect_style(path), path,
                    root=tmp_path)
    text = out[0] + "\n\n" + out[1]
    assert _isort_accepts(text, tmp_path)
    assert "        # Standard Library\n        from importlib import" in out[1]
    assert "    # Standard Library\n    import sys\n" in out[1]
    # stable: normalized again, nothing changes
    assert normalize([Block(out[0], sort=True), Block(out[1])], detect_style(path), path,
                     root=tmp_path) == out


def test_a_block_without_nested_imports_is_left_to_the_formatter(tmp_path: Path) -> None:
    path = _project(tmp_path)
    code = "def f(x: int) -> int:\n    return x + 1\n"
    assert normalize([Block(code)], detect_style(path), path, root=tmp_path) == (code,)


def test_the_runtime_templates_still_import_inside_functions() -> None:
    """The case above is real: the runtime code godsplit copies does import in functions."""
    folder = Path(runtime.__file__).parent
    nested = [p.name for p in sorted(folder.glob("*.py"))
              if any(line.startswith(("    import ", "        from ", "    from "))
                     for line in p.read_text().splitlines())]
    assert {"live_facade.py", "live_globals.py", "reload_modules.py"} <= set(nested)
