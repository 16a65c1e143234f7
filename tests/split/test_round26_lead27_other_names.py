"""GS423's scan parses only the files whose bytes spell an import of a shorter name (on
Django's 2,788 files it parsed every file naming the module: 2.7 s of CPU a plan, 0.8 s
now); every way of writing such an import still counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_repros_round27_trial27 import BIG, _project, _run

from godsplit.split.other_names import _spelled


@pytest.mark.parametrize("user", [
    "import challenges.big\n",
    "import challenges . big as b\n",
    "from challenges.big import alpha\n",
    "from challenges import big\n",
    "from challenges import (\n    other,\n    big,\n)\n",
    "from challenges \\\n    import big\n",
    "def f():\n    from challenges import big\n    return big\n",
])
def test_every_spelling_of_the_shorter_import_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user: str,
) -> None:
    root = _project(tmp_path, BIG, user)
    status, output = _run(root, monkeypatch, "plan", "--static")
    assert status == 1, output
    assert "apps/jobs/views.py" in output and "GS423 error" in output, output


@pytest.mark.parametrize(("text", "parsed"), [
    (b"x = big  # challenges", False),
    (b"from mychallenges import big", False),
    (b"from apps.challenges import big", False),
    (b"'challenges.big'", True),  # a superset: the parse decides
])
def test_files_that_cannot_import_it_are_not_parsed(text: bytes, parsed: bool) -> None:
    assert bool(_spelled({"challenges.big": Path()}).search(text)) is parsed
