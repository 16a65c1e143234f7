"""Round 32 (engine33, README item 29 (b)): a module that gives itself a class
(`sys.modules[__name__].__class__ = _Module`) under the live facade.

The live facade's class extends the module's (round 19: its properties, `isinstance` and
patches reaching moved code hold), so `type(m) is _Module` is False after the split; round
31 said so in a GS157 warning, and apply said "verified". The facade cannot carry the class
itself: `_Module` has no `__setattr__` that hands a patch on to the moved code, and adding
one would change a class of the project. So GS157 is an error now (a plan error: exit 1,
like GS409, whose fix is a setting too), saying to set `facade = "static"`, which keeps the
module's class; and the import check tells the two types apart (the probe named the
class the facade extends, as if it were the module's), so a spelling the plan does not
read is a difference (GS404), not "verified"."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_round31_engine32_own_class import CHECK, SOURCE  # `_Module`, set at line 19

from splitkit import apply, make_project, plan_texts, run_python, same_behaviour

MAPPING = {"a": ["helper"], "b": ["plain"]}


def test_the_live_facade_refuses_a_module_with_its_own_class(tmp_path: Path) -> None:
    plan, _ = plan_texts(make_project(tmp_path, SOURCE, MAPPING))
    [found] = [f for f in plan.findings if f.code == "GS157"]
    assert found in plan.errors
    assert (found.severity, found.line) == ("error", 19)
    assert "`type()` of the module would be that subclass, not `_Module`" in found.message
    assert 'set `facade = "static"`' in found.message


def test_apply_writes_nothing_and_plan_exits_1(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, MAPPING)
    before = (tmp_path / "pkg/big.py").read_text()
    result = apply(config)
    assert not result.written
    assert "GS157" in {f.code for f in result.errors}
    assert (tmp_path / "pkg/big.py").read_text() == before
    assert not (tmp_path / "pkg/big").exists()
    (tmp_path / "godsplit.toml").write_text(
        '[[split]]\nsource = "pkg/big.py"\n[split.modules]\na = ["helper"]\nb = ["plain"]\n')
    proc = subprocess.run([sys.executable, "-m", "godsplit", "plan"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "GS157" in proc.stdout + proc.stderr


def test_the_fix_it_names_keeps_the_class(tmp_path: Path) -> None:
    plan, _ = plan_texts(make_project(tmp_path / "plan", SOURCE, MAPPING, facade="static"))
    assert "GS157" not in {f.code for f in plan.findings}
    assert same_behaviour(tmp_path, SOURCE, MAPPING, CHECK, facade="static") == "True True 42\n"


def test_a_spelling_the_plan_does_not_read_is_a_verify_difference(tmp_path: Path) -> None:
    source = SOURCE.replace("    sys.modules[__name__].__class__ = _Module\n",
                            "    _this = sys.modules[__name__]\n    _this.__class__ = _Module\n")
    config = make_project(tmp_path, source, MAPPING, keep=["_this"])
    assert run_python(tmp_path, CHECK) == "True True 42\n"
    result = apply(config)
    assert not result.written, "said verified, and type(m) is _Module became False"
    [found] = [f for f in result.errors if f.code == "GS404"]
    assert "the imported object itself" in found.message
    assert "a subclass of" in found.message and "_Module" in found.message
    assert run_python(tmp_path, CHECK) == "True True 42\n"
