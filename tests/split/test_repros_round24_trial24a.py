"""Round 24 (trial24a): real-code trials on urllib3, httpx, reportlab, invoke.

(a) urllib3's `pyproject.toml` has `[tool.isort] profile = "black"` and
`add_imports = "from __future__ import annotations"` (isort adds that line to every file it
sorts). godsplit sorts the import blocks of all new modules as one document cut by
markers; isort added the line above the first marker, and the plan of urllib3's
`response.py` (split by hand) ended "GS115 error: the project's tools fail on the code
godsplit generated here (a tool moved text around the blocks: from __future__ import
annotations)". A false refusal: the blocks are pieces of files, not files; godsplit sorts
them without `add_imports`, and each file written is checked by the project's isort as it
is (the old module's `from __future__` import is copied to each module)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from godsplit.split.apply import apply_splits
from godsplit.split.plan import plan_split

from splitkit import make_project, run_python

FUTURE = '''\
    from __future__ import annotations

    import zlib


    class Decoder:
        def decode(self, data: bytes) -> bytes:
            return zlib.decompress(data)


    class Response:
        def __init__(self, data: bytes) -> None:
            self.decoder = Decoder()
            self.data = data

        def read(self) -> bytes:
            return self.decoder.decode(self.data)
    '''

ADD_IMPORTS = ('[tool.isort]\nprofile = "black"\n'
               'add_imports = "from __future__ import annotations"\n')


def test_isort_add_imports_is_no_tool_failure(tmp_path: Path) -> None:
    config = make_project(tmp_path, FUTURE, {"decoders": ["Decoder"], "responses": ["Response"]},
                          files={"pyproject.toml": ADD_IMPORTS})
    (tmp_path / ".git").mkdir()
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    result = apply_splits(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    out = run_python(tmp_path, "import zlib; from pkg.big import Response; "
                     "print(Response(zlib.compress(b'ok')).read().decode())")
    assert out.strip() == "ok"
    isort = Path(sys.executable).parent / "isort"
    proc = subprocess.run([str(isort), "--check-only", "--diff", "pkg/big"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
