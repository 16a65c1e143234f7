"""Round 36 (engine37, README item 33): a line mark the split leaves unused is taken off,
where the project's ruff reports unused marks (RUF100).

rdflib 7.6's `graph.py` imports `rdflib.namespace as namespace` and marks parameters and
loop variables named `namespace` `# noqa: F811` / `# noqa: F402`. Moved to a module that
does not import `namespace`, the marks suppress nothing, and rdflib's ruff (RUF100) reported
them, with two `# noqa: F401` godsplit wrote on `TYPE_CHECKING` imports ruff sees read: 5
RUF100 after `suggest --write` (trial36), 0 now. A mark the god file already left unused is
the source's own finding and stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from splitkit import make_project, plan_texts, ruff_check, write_texts

SOURCE = '''
    import os as item


    def walk(xs):
        for item in xs:  # noqa: F402
            print(item)


    def sep():
        return item.sep


    def size():
        return 1  # noqa: E501
'''
RUFF = '[tool.ruff.lint]\nselect = ["E", "F", "RUF100"]\n'


@pytest.mark.slow
def test_a_mark_the_new_module_does_not_need_is_taken_off(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"loops": ["walk", "size"], "paths": ["sep"]},
                          files={"pyproject.toml": RUFF})
    assert "RUF100" in ruff_check(tmp_path, "pkg/big.py").stdout  # E501's, the source's own
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    loops = texts["pkg/big/loops.py"]
    assert "    for item in xs:\n" in loops, loops  # `item` is no import here: F402 unused
    assert "    return 1  # noqa: E501\n" in loops  # unused in the god file already: kept
    (tmp_path / "pkg" / "big.py").unlink()
    write_texts(tmp_path, texts)
    found = ruff_check(tmp_path, "pkg/big").stdout
    assert found.count("RUF100") == 1 and "loops.py:10:" in found, found  # the source's one
