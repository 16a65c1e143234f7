"""suggest never dead-ends on real god files installed beside godsplit (slow: a few
seconds each). Each was a dead end once: a plan error no regrouping fixed."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from godsplit.config import parse_config
from godsplit.suggester.core import suggest


def _installed(module: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(module)
    except ImportError:
        return None
    return Path(spec.origin) if spec is not None and spec.origin else None


@pytest.mark.slow
@pytest.mark.parametrize("module", [
    "rich.console",  # binds `console` in its __main__ block: a false GS113 (fixed in the engine)
    # an `if TYPE_CHECKING:` block reads WorkingSet: the plan sees an import-time cycle the
    # grouping did not, through the shared module: the repair gave up (GS104)
    "pip._vendor.pkg_resources",
])
def test_suggestion_plans_without_errors(tmp_path: Path, module: str) -> None:
    source = _installed(module)
    if source is None:
        pytest.skip(f"{module} is not installed")
    package = tmp_path / source.parent.name
    shutil.copytree(source.parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    result = suggest(package / source.name, parse_config({}, tmp_path / "godsplit.toml"))
    assert not result.errors, [f.render() for f in result.errors]
