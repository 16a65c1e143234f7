"""Round 36 (engine37, README item 33): late imports that end up side by side in a new
module are sorted as one block.

jupyter_server 2.21's `serverapp.py` imports late in two places with a `try: import
resource` block between them; split, the block went elsewhere and the two imports stood
together in source order, unsorted: one I001 under jupyter_server's own ruff config
(sweep36). A run of late imports in a new module is now sorted by the project's sorter."""

from __future__ import annotations

from pathlib import Path

import pytest

from splitkit import make_project, plan_texts, ruff_check, write_texts

SOURCE = '''
    import os


    def first():
        return os.sep


    from json import dumps


    def other():
        return 2


    from base64 import b64encode


    def second():
        return dumps(b64encode(b"x").decode())
'''
RUFF = '[tool.ruff.lint]\nselect = ["F", "I"]\n'


@pytest.mark.slow
def test_late_imports_brought_together_are_sorted(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"codec": ["first", "second"], "rest": ["other"]},
                          files={"pyproject.toml": RUFF})
    assert ruff_check(tmp_path, "pkg/big.py").returncode == 0
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    codec = texts["pkg/big/codec.py"]
    assert "from base64 import b64encode\nfrom json import dumps\n\n\ndef second" in codec, codec
    (tmp_path / "pkg" / "big.py").unlink()
    write_texts(tmp_path, texts)
    found = ruff_check(tmp_path, "pkg/big")
    assert found.returncode == 0, found.stdout


# neighbours in the source, unsorted there: the source's own order (and its own I001)
NEIGHBOURS = '''
    import os


    def first():
        return os.sep


    from json import dumps
    from base64 import b64encode


    def second():
        return dumps(b64encode(b"x").decode())


    def other():
        return 2
'''


@pytest.mark.slow
def test_late_imports_that_were_neighbours_stay_as_they_were(tmp_path: Path) -> None:
    config = make_project(tmp_path, NEIGHBOURS, {"codec": ["first", "second"], "rest": ["other"]},
                          files={"pyproject.toml": RUFF})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    assert "from json import dumps\nfrom base64 import b64encode\n" in texts["pkg/big/codec.py"]
