"""Round 18 (lead): Twisted 26.10's `conch/ssh/transport.py` (2,370 lines), a suggest dead end.

Its end builds a table of message numbers from the module's namespace and checks it:

    messages = {}
    for name, value in list(globals().items()):
        if name.startswith("MSG_") ...:
            messages[value] = name
    if "MSG_KEXDH_INIT" in messages ...:
        raise RuntimeError(...)

`suggest` exited 1 ("no mapping without plan errors was found") on the import check's
"objects changed kind: value (builtins.dict -> builtins.list)" at line 1, which no `keep`
it knew of could fix. Two things the static plan missed:

- the loop meets the names in the order they were bound, and its loop variables keep the
  last one: moved names are bound first in the old module (by its re-exports), so
  moving names *above* the loop changes what it sees (GS127 was said only of names below);
- the check is a statement of `messages`' own unit: moved with it, it ran before the
  loop (kept, it reads the namespace) filled `messages`, so it guarded nothing, and no
  comparison of names shows that (GS124 looked at units, not at their statements).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.config import parse_config
from godsplit.split.plan import plan_split
from godsplit.suggester import checked
from godsplit.types import GodsplitError

from splitkit import make_project, plan_texts

TABLE = """
    MSG_A = 1
    MSG_B = 2


    def describe(number):
        return messages.get(number, "?")


    messages = {}
    for name, value in list(globals().items()):
        if name.startswith("MSG_"):
            messages[value] = name
"""


def _codes(config_root: Path, source: str, modules: dict[str, list[str]],
           **split: object) -> dict[str, list[str]]:
    config = make_project(config_root, source, modules, **split)
    plan, _ = plan_split(config, config.splits[0])
    out: dict[str, list[str]] = {}
    for finding in plan.errors:
        out.setdefault(finding.code, []).append(finding.message)
    return out


def test_names_above_a_loop_over_the_namespace_may_not_move(tmp_path: Path) -> None:
    codes = _codes(tmp_path, TABLE, {"numbers": ["MSG_A", "MSG_B"]},
                   keep=["messages", "name", "value", "describe"])
    assert list(codes) == ["GS127"], codes
    assert "lines 1 (MSG_A), 2 (MSG_B)" in codes["GS127"][0]
    assert "meeting its names in the order they were bound" in codes["GS127"][0]


def test_a_loop_over_a_list_of_names_is_not_a_namespace_read(tmp_path: Path) -> None:
    source = TABLE.replace("list(globals().items())", '(("MSG_A", 1), ("MSG_B", 2))')
    codes = _codes(tmp_path, source, {"numbers": ["MSG_A", "MSG_B"]},
                   keep=["messages", "name", "value", "describe"])
    assert codes == {}, codes


CHECKED = """
    def helper():
        return 1


    messages = {}
    for name, value in (("MSG_A", 1), ("MSG_B", 2)):
        messages[value] = name
    if "MSG_C" in messages:
        raise RuntimeError("MSG_C must not be in messages")


    def describe(number):
        return messages.get(number, "?")
"""


def test_a_statement_of_a_unit_after_code_changing_its_object_stays_after_it(
        tmp_path: Path) -> None:
    codes = _codes(tmp_path, CHECKED, {"table": ["messages", "describe"], "util": ["helper"]},
                   keep=["name", "value"])
    assert list(codes) == ["GS124"], codes
    assert codes["GS124"][0].startswith(
        "'messages' is changed at import time by code between the statements of its own "
        "definition (line 6, the old module) and used again by its statement at line 8 "
        "(table)")


def test_mapped_together_they_keep_their_order(tmp_path: Path) -> None:
    config = make_project(tmp_path, CHECKED, {"table": ["messages", "describe", "name", "value"],
                                              "util": ["helper"]})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    table = texts["pkg/big/table.py"]
    assert table.index("for name, value") < table.index('if "MSG_C"'), table


def test_suggest_keeps_what_the_loop_sees_and_says_where_it_is(tmp_path: Path) -> None:
    """No dead end: with everything above the loop kept, nothing is left to move, and the
    refusal names the line of the loop (before: exit 1, "no mapping without plan errors
    was found", after an import-check difference at line 1)."""
    source = "\n".join(f"def handler_{i}(x):\n    return x + {i}\n\n" for i in range(30))
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/__init__.py").write_text("")
    text = source + "\nmessages = {}\nfor name, value in list(globals().items()):\n" \
        "    if name.startswith('handler_'):\n        messages[name] = value\n"
    (tmp_path / "pkg/big.py").write_text(text)
    loop = text.splitlines().index("for name, value in list(globals().items()):") + 1
    with pytest.raises(GodsplitError) as raised:
        checked.suggest_checked(tmp_path / "pkg/big.py",
                                parse_config({}, tmp_path / "godsplit.toml"), 20)
    assert f"the code at line {loop} reading the module's namespace" in raised.value.message


def test_an_import_check_difference_about_a_name_is_at_its_line(tmp_path: Path) -> None:
    """The import check's differences about names (GS403, GS404, GS414, ...) were all at
    line 1 of the god file: twisted's was "transport.py:1: GS404 error: objects changed
    kind: value (...)"; they are at the line binding the first name they are about."""
    from godsplit.split.import_check import _at_binding
    from godsplit.split.verify import Snapshot, compare_snapshots
    from godsplit.types import Finding

    config = make_project(tmp_path, CHECKED, {"table": ["messages", "describe", "name", "value"],
                                              "util": ["helper"]})
    plan, _ = plan_texts(config)
    before = Snapshot({"value": "builtins.dict", "describe": "builtins.function"}, ())
    after = Snapshot({"value": "builtins.list"}, ())
    found = {f.code: f for f in compare_snapshots(before, after, str(plan.source))}
    assert found["GS403"].names == ("describe",) and found["GS404"].names == ("value",)
    assert _at_binding(found["GS404"], plan).line == 6  # `for name, value in ...`
    assert _at_binding(found["GS403"], plan).line == 12  # `def describe`
    other = Finding("GS413", "error", "importing the old module loads other modules", "x", 1)
    assert _at_binding(other, plan) is other
