"""Bad input, round 18 (adv19): what an adversarial pass over hostile mappings still found,
each test failing before its fix.

- A [[split]] boolean of the wrong type (`keep-module-name = "yes"`, `pin-task-names = 1`)
  said "godsplit.toml: 'keep-module-name' must be bool", with no line, and read as a
  top-level key: it names `split[0].keep-module-name` at its line now.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_bad_input import BIG, config
from test_bad_input_round12 import assert_refused

from conftest import make_project


@pytest.mark.parametrize("command", ["plan", "apply"])
@pytest.mark.parametrize(("key", "value"), [("keep-module-name", '"yes"'), ("pin-task-names", "1")])
def test_a_split_boolean_of_the_wrong_type_is_named_at_its_line(
    command: str, key: str, value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, {"big.py": BIG}, config(extra=f"{key} = {value}"))
    assert_refused(root, (command,), "godsplit.toml:6:",
                   (f"split[0].{key} must be bool, not",), monkeypatch)
