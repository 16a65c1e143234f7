"""Round 35 (engine36): one `# noqa: F401` on a kept parenthesized import in a block.

discord.py's `guild.py` imports `from .types.threads import (\\n    Thread as
ThreadPayload,\\n)` (one name, a magic trailing comma) in an `if TYPE_CHECKING:` block the
facade keeps whole. The facade wrote the kept import's mark after the closing parenthesis
(`)  # noqa: F401`), where ruff does not look for it, and a second one on the first line,
where pyflakes reports it: ruff with RUF100 called the second unused. The mark goes on the
first line, once."""

from __future__ import annotations

from pathlib import Path

import pytest

from splitkit import make_project, plan_texts, ruff_check, write_texts

SOURCE = '''
    from __future__ import annotations

    from typing import TYPE_CHECKING, Union

    if TYPE_CHECKING:
        from collections import (
            OrderedDict as ODict,
        )
        from decimal import Context, Decimal

        Number = Union[Decimal, Context]


    class Table:
        def rows(self) -> ODict[str, Number]:
            raise NotImplementedError
'''
# at the top level too (`__all__` lists `Table`: the kept import is not a re-export)
TOP = SOURCE.replace("    if TYPE_CHECKING:\n        from collections import (\n            OrderedDict "
                     "as ODict,\n        )\n", "    from collections import (\n        OrderedDict as "
                     "ODict,\n    )\n\n    __all__ = [\"Table\"]\n\n    if TYPE_CHECKING:\n")
RUFF = {"pyproject.toml": '[tool.ruff.lint]\nselect = ["F", "RUF100"]\n'}


@pytest.mark.parametrize("source", [SOURCE, TOP], ids=["type-checking", "top-level"])
def test_a_kept_parenthesized_import_is_marked_once(tmp_path: Path, source: str) -> None:
    plan, texts = plan_texts(make_project(tmp_path, source, {"table": ["Table"]}, files=RUFF))
    assert not plan.errors, [f.render() for f in plan.errors]
    facade = texts["pkg/big/__init__.py"]
    assert facade.count("# noqa: F401") == 1, facade
    assert "from collections import (  # noqa: F401\n" in facade, facade
    (tmp_path / "pkg" / "big.py").unlink()
    write_texts(tmp_path, texts)
    found = ruff_check(tmp_path, "pkg/big")
    assert found.returncode == 0, found.stdout
