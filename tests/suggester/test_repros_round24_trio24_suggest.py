"""Round 24 (trio24): suggest keeps what a late cyclic star import or platform block needs.

trio 0.35.0's `_core/_run.py` ends with `from ._generated_run import *` (which imports
`Task` back from `._run`) and a platform `if` block importing `._io_epoll` (which does the
same). Both stay in the old module; `suggest --write` ended "no mapping without plan
errors was found" (GS112: a new module read `current_time`, which only the star import
gives). suggest now keeps the code reading such names, and the block's names, in the old
module, as it does for GS127, and proposes a mapping the plan and apply accept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from godsplit.config import parse_config
from godsplit.split.apply import apply_splits
from godsplit.suggester.core import suggest


def _function(name: str, lines: int, reads: str) -> str:
    body = "".join(f"    x{i} = {i} + {reads}\n" for i in range(lines))
    return f"def {name}(x):\n{body}    return x\n\n\n"


SOURCE = (
    "import sys\n\n\nclass Task:\n    name = 'task'\n\n\n"
    + "".join(_function(f"parse_{i}", 12, f"len(parse_{(i + 1) % 6}.__name__)") for i in range(6))
    + "".join(_function(f"render_{i}", 12, f"len(render_{(i + 1) % 6}.__name__)") for i in range(6))
    + "def cancel():\n    return current_name()\n\n\n"
    + "def manager():\n    return TheIOManager().task.name\n\n\n"
    + "if sys.platform == 'nope':\n    raise NotImplementedError('unsupported')\n"
    + "else:\n    from pkg._io import Manager as TheIOManager\n\n"
    + "from pkg.generated import *\n"
)
GENERATED = "from pkg.big import Task\n\n\ndef current_name():\n    return Task.name\n"
IO = "from pkg.big import Task\n\n\nclass Manager:\n    task = Task\n"
PROBE = "import pkg.big as b; print(b.cancel(), b.manager(), b.parse_0(1) > 0)"


def _run(root: Path) -> str:
    return subprocess.run([sys.executable, "-c", PROBE], cwd=root, check=True,
                          capture_output=True, text=True).stdout


def test_suggest_keeps_the_readers_of_a_late_cycles_names(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    for name, text in {"__init__": "", "big": SOURCE, "generated": GENERATED,
                       "_io": IO}.items():
        (tmp_path / f"pkg/{name}.py").write_text(text)
    before = _run(tmp_path)
    config = parse_config({}, tmp_path / "godsplit.toml")
    result = suggest(tmp_path / "pkg/big.py", config, 200, modules=3)
    assert not result.errors, [f.render() for f in result.errors]
    assert {"TheIOManager", "cancel"} <= set(result.keep), result.keep
    table = result.table()
    checked = parse_config({"max-lines": result.max_lines, "split": [table]},
                           tmp_path / "godsplit.toml")
    applied = apply_splits(checked)
    assert applied.written and not applied.rolled_back
    assert _run(tmp_path) == before == "task task True\n"
