"""Lines of the mapping in the config file: the scanner behind GS100/GS101 `godsplit.toml:N`.

tomllib gives no positions; `godsplit.config_lines` finds them and `config.py` uses them
only when the strings found decode to exactly what tomllib parsed. Each case below says on
which line every mapped name is; a hypothesis test writes the same mapping in many TOML
spellings and checks that every name's line is the line that holds it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from godsplit import config_lines
from godsplit.config import load_config

from conftest import fuzz_examples

CASES = {
    "tables, comments and multi-line arrays": ('''\
max-lines = 500  # [[split]] in a comment is no table
exclude = ["a]", 'b"', """c
["""]

[[split]]   # the first
source = "big.py"  # "source" = "other.py"

[split.modules]
one = [
    "alpha",  # "beta"
    'gamma', "delta",
]
"two" = ["beta"]
''', {("one", "alpha"): 10, ("one", "gamma"): 11, ("one", "delta"): 11, ("two", "beta"): 13}),
    "inline tables and dotted keys, two splits": ("""\
[[split]]
source = "big.py"
modules = { one = ["alpha", "gamma"], two = "beta" }

[[split]]
source = "other.py"
modules.three = [
  '''x''',
]
modules . four = ["y"]
""", {("one", "alpha"): 3, ("one", "gamma"): 3, ("two", "beta"): 3, ("three", "x"): 8,
      ("four", "y"): 10}),
    "an inline array of tables": ('''\
split = [
  {source = "big.py", modules = {one = ["alpha"]}},
  {source = "other.py", modules = {two = [
     "x"]}},
]
''', {("one", "alpha"): 2, ("two", "x"): 4}),
    "escapes and multi-line strings before the mapping": ('''\
verify-setup = """
import os
[[split]]
x = "not a key"
"""
[[split]]
source = "big\\u002epy"
[split.modules]
"\\u006fne" = ["al\\u0070ha"]
''', {("one", "alpha"): 9}),
}


@pytest.mark.parametrize("name", CASES)
def test_every_mapped_name_has_its_line(name: str, tmp_path: Path) -> None:
    text, expected = CASES[name]
    (tmp_path / "godsplit.toml").write_text(text)
    config = load_config(tmp_path / "godsplit.toml")
    found = {(module, entry): line for split in config.splits
             for module, entry, line in split.name_lines}
    assert found == expected
    assert all(split.config_path == tmp_path / "godsplit.toml" for split in config.splits)


def test_pyproject_tool_godsplit(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('''\
[project]
name = "x"

[[tool.godsplit.split]]
source = "big.py"

[tool.godsplit.split.modules]
one = ["alpha"]
two = [
  "beta",
]
''')
    config = load_config(None, tmp_path)
    [split] = config.splits
    assert split.line == 4
    assert split.name_lines == (("one", "alpha", 8), ("two", "beta", 10))
    assert split.module_lines == (("one", 8), ("two", 9))


def test_lines_are_not_trusted_when_the_scan_disagrees_with_tomllib(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the scanner misread the file, no line is given rather than a wrong one."""
    (tmp_path / "godsplit.toml").write_text('[[split]]\nsource = "big.py"\n'
                                            '[split.modules]\none = ["alpha"]\n')
    scan = config_lines.scan

    def misread(text: str) -> config_lines.Positions | None:
        positions = scan(text)
        assert positions is not None
        positions.strings = [(p, line, '"other"' if p[-1] == 0 else token)
                             for p, line, token in positions.strings]
        return positions

    monkeypatch.setattr("godsplit.config_lines.scan", misread)
    [split] = load_config(tmp_path / "godsplit.toml").splits
    assert split.config_path is None and split.name_lines == ()


NAMES = st.lists(st.sampled_from(["alpha", "beta", "gamma", "d_1", "e*", "x[ab]"]),
                 min_size=1, max_size=4, unique=True)


@st.composite
def spelt_mappings(draw: st.DrawFn) -> tuple[str, dict[tuple[str, str], str]]:
    """A config whose mapping is written in a random but valid TOML spelling; for each
    (module, name), the exact token written for the name."""
    lines = ['verify-import = false  # [x] "y"', "", "[[split]]", 'source = "big.py"']
    tokens: dict[tuple[str, str], str] = {}
    modules = draw(st.lists(st.sampled_from(["one", "two", "three"]), min_size=1, max_size=3,
                            unique=True))
    style = draw(st.sampled_from(["table", "dotted", "inline"]))
    if style == "table":
        lines.append("[split.modules]")
    inline: list[str] = []
    for module in modules:
        items = []
        for name in draw(NAMES):
            quote = draw(st.sampled_from(['"', "'", '"""', "'''"]))
            token = f"{quote}{name}{quote}"
            tokens[(module, name)] = token
            items.append(token)
        separator = draw(st.sampled_from([", ", ",\n  ", " , # c ]\n   ", ",\n\n"]))
        array = "[" + separator.join(items) + draw(st.sampled_from(["]", ",]", ",\n]"]))
        key = draw(st.sampled_from([module, f'"{module}"', f"'{module}'"]))
        if style == "inline":
            inline.append(f"{key} = {array}")
        else:
            lines.append(f"{'modules.' if style == 'dotted' else ''}{key} = {array}")
            lines.extend(draw(st.sampled_from([[], [""], ["# a comment = ['no']"]])))
    if style == "inline":
        lines.append("modules = {" + ", ".join(inline) + "}")
    return "\n".join(lines) + "\n", tokens


@settings(max_examples=fuzz_examples(60))
@given(spelt_mappings())
def test_any_spelling_gives_each_name_the_line_that_holds_it(
    case: tuple[str, dict[tuple[str, str], str]],
) -> None:
    import tempfile

    text, tokens = case
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "godsplit.toml"
        path.write_text(text)
        [split] = load_config(path).splits
    assert split.config_path is not None
    lines = text.splitlines()
    assert {(m, n) for m, n, _ in split.name_lines} == set(tokens)
    for module, name, line in split.name_lines:
        assert tokens[(module, name)] in lines[line - 1], (module, name, line, text)

