"""Round 21 (order21): suggest and registrations appended in source order (beets'
`default_commands.append(...)` after each command). The package's `__init__.py` imports
its modules sorted (`alpha`, `mid`, ..., `zeta`), but `alpha` imports `zeta` (which holds
the list) first: the appends run zeta, alpha, mid, as in the source (GS153), so each
command stays with its own code; GS124's repair put all the commands in one module."""

from __future__ import annotations

from pathlib import Path

from test_repros_round17_suggest18 import REGISTRY

from godsplit.config import parse_config
from godsplit.suggester.core import suggest


def _command(name: str) -> str:
    body = "".join(f"    x{i} = {i} + len(args)\n" for i in range(14))
    return (f"def {name}_func(args):\n{body}    return {name!r}\n\n\n"
            f"{name}_cmd = Command({name!r}, {name}_func)\nCOMMANDS.append({name}_cmd)\n\n\n")


SOURCE = (
    "class Command:\n    def __init__(self, name, func):\n        self.name = name\n"
    "        self.func = func\n\n\nCOMMANDS = []\n\n\n"
    + "".join(_command(n) for n in ("zeta", "alpha", "mid"))
    + "def names():\n    return [c.name for c in COMMANDS]\n"
)


def test_commands_registered_in_file_order_stay_with_their_code(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/__init__.py").write_text("")
    (tmp_path / "pkg/big.py").write_text(SOURCE)
    result = suggest(tmp_path / "pkg/big.py", parse_config({}, tmp_path / "godsplit.toml"),
                     600, modules=4)
    assert not result.errors, [f.render() for f in result.errors]
    assert result.keep == ()
    home = {n: m.name for m in result.modules for n in m.mapped}
    for name in ("zeta", "alpha", "mid"):  # each command with its function, apart
        assert home[f"{name}_cmd"] == home[f"{name}_func"]
    assert len({home["zeta_cmd"], home["alpha_cmd"], home["mid_cmd"]}) == 3
    assert "GS153" in {f.code for f in result.plan.findings}


def test_self_registering_classes_over_max_lines_move(tmp_path: Path) -> None:
    """gunicorn's `config.py` (round 17's fixture): twelve classes registering themselves
    in `KNOWN`, 205 lines over max-lines 120, were all kept in the old module (GS124).
    Round 21: the modules holding them are imported in source order by the package: they
    move. Round 23 (suggest23): the set is never cut, whatever the layout: it moves whole
    to a module of its own, with a GS105 warning (no GS124, no GS153 needed)."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/__init__.py").write_text("")
    (tmp_path / "pkg/big.py").write_text(REGISTRY)
    result = suggest(tmp_path / "pkg/big.py", parse_config({}, tmp_path / "godsplit.toml"), 120)
    assert not result.errors, [f.render() for f in result.errors]
    assert result.keep == ()
    homes = [m.name for m in result.modules if any(n.startswith("Option") for n in m.mapped)]
    assert len(homes) == 1
    assert [f.code for f in result.plan.findings if f.code in ("GS124", "GS153")] == []
    assert [f.severity for f in result.plan.findings if f.code == "GS105"] == ["warning"]
