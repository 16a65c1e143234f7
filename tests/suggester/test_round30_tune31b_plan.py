"""Round 30 (tune31b): what planning does to `suggest --modules K`.

- A group all of whose names stay in the old module (`keep`) got no entry: fewer than K
  modules were listed, although the help promises K. The largest module is now cut in two
  instead (`refill`).
- `if Native.available(): BEST = Native` moves with `BEST = Quick` (one name, one module);
  when `Native` stays, that statement read it at import time in a new module, and the plan
  kept a GS112 (PuLP's `if COINMP_DLL.available(): COIN = COINMP_DLL`): `BEST` now stays
  with it (`keeping._bound_with`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.config import parse_config
from godsplit.suggester.core import Suggestion, suggest
from godsplit.types import FACADE


def _function(name: str, lines: int, reads: str = "") -> str:
    body = "".join(f"    x{i} = {i}{' + ' + reads if reads else ''}\n" for i in range(lines))
    return f"def {name}(x):\n{body}    return x\n\n\n"


def _class(name: str, base: str, methods: int, extra: str = "") -> str:
    body = "".join(f"    def m{i}(self):\n        return {i}\n\n" for i in range(methods))
    return f"class {name}({base}):\n{extra}{body}\n\n"


FUNCTIONS = ("".join(_function(f"parse_{i}", 10, f"parse_{(i + 1) % 6}(x)") for i in range(6))
             + "".join(_function(f"render_{i}", 10, f"render_{(i + 1) % 6}(x)") for i in range(6)))
OURS = '    def ours(self):\n        return type(self).__module__ == "pkg.big"\n\n'

# `Local` and `LocalMore` compare their module's name with the old one (GS117): they stay
LOCAL = (_class("Solver", "object", 6) + _class("Quick", "Solver", 6)
         + _class("Local", "object", 3, OURS) + _class("LocalMore", "Local", 3, OURS)
         + FUNCTIONS)

# `Native` stays (GS117); the `if` reading it moves with `BEST = Quick`
NATIVE = (_class("Solver", "object", 6)
          + _class("Native", "Solver", 2, "    @classmethod\n    def available(cls):\n"
                   '        return cls.__module__ == "pkg.big"\n\n')
          + _class("Quick", "Solver", 6)
          + "BEST = Quick\n\nif Native.available():\n    BEST = Native\n\n\n" + FUNCTIONS)


def _suggested(tmp_path: Path, source: str, modules: int) -> Suggestion:
    """suggest's proposal for `pkg/big.py` holding `source`, with no error."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/__init__.py").write_text("")
    (tmp_path / "pkg/big.py").write_text(source)
    result = suggest(tmp_path / "pkg/big.py", parse_config({}, tmp_path / "godsplit.toml"),
                     600, modules=modules)
    assert not result.errors, [f.render() for f in result.errors]
    return result


@pytest.mark.parametrize("k", [4, 5, 6])
def test_a_group_whose_names_all_stay_is_refilled(tmp_path: Path, k: int) -> None:
    """K modules listed, every one of them planned with names of its own, although the
    two classes `choose` grouped apart stay in the old module."""
    result = _suggested(tmp_path, LOCAL, k)
    assert result.keep == ("Local", "LocalMore")
    assert len(result.modules) == k
    assert all(m.mapped for m in result.modules)
    planned = {p.module for p in result.plan.placements} - {FACADE}
    assert planned >= {m.name for m in result.modules}


def test_a_statement_reading_a_kept_name_keeps_what_it_rebinds(tmp_path: Path) -> None:
    """`BEST` stays with `Native`: no module reads `Native` at import time (round 29:
    a GS112, and no suggestion without errors)."""
    result = _suggested(tmp_path, NATIVE, 3)
    assert result.keep == ("BEST", "Native")
    assert len(result.modules) == 3
    assert not any("BEST" in m.mapped for m in result.modules)


def test_a_group_that_cannot_be_refilled_is_noted(tmp_path: Path) -> None:
    """Three definitions, one of which stays, for K = 3: no module holds two to cut, and
    the notes say why two modules are made, not three."""
    source = (_class("Local", "object", 3, OURS) + _function("parse", 10)
              + _function("render", 10))
    result = _suggested(tmp_path, source, 3)
    assert result.keep == ("Local",)
    assert len(result.modules) == 2
    assert ("made 2 modules, not 3: the others' names all stay in the old module (keep), "
            "and no module had two definitions to cut") in result.notes
