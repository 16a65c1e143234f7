"""Round 37 (trial38): a top-level `# pylint: disable=...` line between definitions.

pylint applies such a line from where it stands to the end of the module (or to a later
`# pylint: enable=` of the message). timesketch's `lib/tasks.py` has
`# pylint: disable=unused-argument` above its first task; the line moved with that task, and
pylint (timesketch's `.pylintrc`) reported W0613 on `run_plaso` in another new module.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from splitkit import make_project, plan_texts

SOURCE = '''\
"""Tasks."""
import json


def early(a, b):
    return json.dumps(a)


# pylint: disable=unused-argument
def first(a, b):
    return json.dumps(a)


def later(a, b):
    return json.dumps(a)


# pylint: enable=unused-argument
def last(a, b):
    return json.dumps(a)
'''
PRAGMA = "# pylint: disable=unused-argument\n"
MAPPING = {"firsts": ["first"], "laters": ["later"], "earlies": ["early"], "lasts": ["last"]}


def test_the_line_reaches_the_modules_its_scope_went_to(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, MAPPING)
    plan, texts = plan_texts(config)
    assert not [f for f in plan.findings if f.severity == "error"]
    assert texts["pkg/big/firsts.py"].count(PRAGMA) == 1  # moved with `first`, as before
    later = texts["pkg/big/laters.py"]
    assert later.count(PRAGMA) == 1 and later.index(PRAGMA) < later.index("def later")
    assert "pylint" not in texts["pkg/big/earlies.py"]  # above its line in the source
    assert "disable" not in texts["pkg/big/lasts.py"]  # below the `enable`
    for name in ("firsts", "laters", "earlies", "lasts"):
        compile(texts[f"pkg/big/{name}.py"], name, "exec")


@pytest.mark.slow
def test_pylint_says_after_the_split_what_it_said_before(tmp_path: Path) -> None:
    pytest.importorskip("pylint")
    config = make_project(tmp_path, SOURCE, MAPPING)
    _, texts = plan_texts(config)

    def unused(name: str, text: str) -> list[str]:
        path = tmp_path / f"{name}.py"
        path.write_text(text)
        run = subprocess.run([sys.executable, "-m", "pylint", "--disable=all",
                              "--enable=unused-argument", str(path)],
                             capture_output=True, text=True, check=False)
        return [line.split("Unused argument ")[1] + " in " + line.split(":")[1]
                for line in run.stdout.splitlines() if "W0613" in line]

    before = unused("source", SOURCE)
    assert len(before) == 2  # `early`'s b and `last`'s b
    after = [hit for name in ("firsts", "laters", "earlies", "lasts")
             for hit in unused(name, texts[f"pkg/big/{name}.py"])]
    assert len(after) == 2, after
