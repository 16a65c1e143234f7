"""Round 11: suggest keeps in the old module the code that cannot move (`keep`).

dill's `_dill.py` compares a module's name with `"dill._dill"` (GS117), binds names
through `vars()` (GS122) and fills its type maps at import time from several places
(GS121, GS124): no regrouping fixes those, and suggest exited 1 ("no mapping without plan
errors was found"). A person keeps such code where it is; suggest now does too, and the
entry it writes plans with no error."""

from __future__ import annotations

from pathlib import Path

from godsplit.config import load_config, parse_config
from godsplit.split.plan import plan_split
from godsplit.suggester.core import suggest
from godsplit.suggester.entry import render_entry


def _function(name: str, lines: int, reads: str = "") -> str:
    body = "".join(f"    x{i} = {i}{' + ' + reads if reads else ''}\n" for i in range(lines))
    return f"def {name}(x):\n{body}    return x\n\n\n"


SOURCE = (
    "".join(_function(f"parse_{i}", 12, f"parse_{(i + 1) % 8}(x)") for i in range(8))
    + "".join(_function(f"render_{i}", 12, f"render_{(i + 1) % 8}(x)") for i in range(8))
    + "def is_ours(obj):\n    return obj.__module__ == \"pkg.big\"\n"
)


def test_code_comparing_the_module_name_is_kept(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/__init__.py").write_text("")
    (tmp_path / "pkg/big.py").write_text(SOURCE)
    config = parse_config({}, tmp_path / "godsplit.toml")
    result = suggest(tmp_path / "pkg/big.py", config, 600, modules=2)
    assert not result.errors, [f.render() for f in result.errors]
    assert result.keep == ("is_ours",)
    entry = render_entry(result)
    assert 'keep = [\n    "is_ours",\n]' in entry
    (tmp_path / "godsplit.toml").write_text(entry)  # the entry as written plans clean
    written = load_config(tmp_path / "godsplit.toml")
    plan, _ = plan_split(written, written.splits[0])
    assert not plan.errors
    assert [p.reason for p in plan.placements if "is_ours" in p.names] == ["facade"]
