"""Bugs found applying the maintainers' own historical splits (benchmarks/maintainers/) to
the releases before them, with each project's suite and tools (benchmarks/realworld.py):
each a minimal `pkg/big.py`, planned and applied, or refused with its cause."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from godsplit.split.apply import apply_splits
from godsplit.split.ruff_tool import ruff_binary

from splitkit import make_project, plan_texts

# werkzeug 2.2.3's datastructures.pyi: black-formatted by black 23 (no trailing comma after a
# sole parameter on its own line, which today's formatters add), so not formatter-clean
# here; `is_immutable` sat between the type variables and `iter_multi_items`
DS_SOURCE = """
    def is_immutable(self):
        raise TypeError


    def _untyped(x):
        return x


    def iter_multi_items(mapping):
        return iter(mapping)


    class ImmutableList(list):
        pass


    class CallbackDict(dict):
        pass
"""
DS_STUB = """
    from typing import Iterable, Iterator, Mapping, NoReturn, Tuple, TypeVar, Union

    K = TypeVar("K")
    V = TypeVar("V")
    _CD = TypeVar("_CD", bound="CallbackDict")

    def is_immutable(self: object) -> NoReturn: ...
    def iter_multi_items(
        mapping: Union[Mapping[K, Union[V, Iterable[V]]], Iterable[Tuple[K, V]]]
    ) -> Iterator[Tuple[K, V]]: ...

    class ImmutableList(list[V]): ...

    class CallbackDict(dict[K, V]):
        def copy(self: _CD) -> _CD: ...
"""


def _reformats(text: str, tmp_path: Path) -> str:
    """What the formatter would change in the stub `text` (its blank lines, since its
    trailing commas it takes as they are): a unified diff, empty if nothing."""
    path = tmp_path / "check.pyi"
    path.write_text(text)
    proc = subprocess.run(
        [ruff_binary(), "format", "--isolated", "--no-cache", "--diff",
         "--config", "format.skip-magic-trailing-comma = false", str(path)],
        capture_output=True, text=True, timeout=120)
    return "\n".join(line for line in proc.stdout.splitlines()
                     if line[:1] in "+-" and not line.startswith(("+++", "---"))
                     and not line.strip("+- ").startswith("mapping: "))


def test_a_stub_that_was_not_formatter_clean_gets_the_formatters_blank_lines(
        tmp_path: Path) -> None:
    """werkzeug 2.2.3, datastructures.pyi split as its maintainers split it: the stub was
    not formatter-clean (black 23's style), so its definitions kept their own blank lines;
    in `structures.pyi` `def iter_multi_items` then followed the copied type variable
    `_CD = TypeVar(...)` with none, and in `accept_headers.pyi` the undeclared names came
    after two blank lines: werkzeug's black reformatted both. The blank lines between
    definitions are now the formatter's; the definitions' own lines stay as they were."""
    config = make_project(tmp_path, DS_SOURCE, {"mixins": ["is_immutable", "_untyped"],
                                                "structures": ["iter_multi_items",
                                                               "ImmutableList", "CallbackDict"]},
                          files={"pkg/big.pyi": DS_STUB})
    plan, texts = plan_texts(config)
    assert not plan.errors
    structures = texts["pkg/big/structures.pyi"]
    assert "Iterable[Tuple[K, V]]]\n" in structures  # as it was: no trailing comma
    for path, text in texts.items():
        if path.endswith(".pyi"):
            assert _reformats(text, tmp_path) == "", (path, text)


ROUTING_SOURCE = """
    _CALL_CONVERTER_CODE_FMT = "self._converters[{elem!r}].to_url()"


    class Rule:
        def build(self):
            return _CALL_CONVERTER_CODE_FMT


    class Map:
        def add(self):
            return Rule().build()
"""
FLAKE8_INIT_F401 = """
[flake8]
select = B, E, F, W
max-line-length = 80
per-file-ignores =
    # __init__ exports names
    **/__init__.py: F401
"""


def test_no_f401_noqa_in_a_facade_the_project_exempts_from_f401(tmp_path: Path) -> None:
    """werkzeug 2.1.2, routing.py split as its maintainers split it: setup.cfg ignores F401
    in `**/__init__.py`, yet the facade `routing/__init__.py` re-exported each private
    name with a `# noqa: F401`, which made `from .rules import _IF_KWARGS_URL_ENCODE_CODE
    as _IF_KWARGS_URL_ENCODE_CODE  # noqa: F401` 89 characters: over bugbear's B950 and
    black's 88 (black wrapped it). The facade carries the noqa only where F401 applies."""
    modules = {"rules": ["_CALL_CONVERTER_CODE_FMT", "Rule"], "map": ["Map"]}
    config = make_project(tmp_path / "exempt", ROUTING_SOURCE, modules,
                          files={"setup.cfg": FLAKE8_INIT_F401})
    plan, texts = plan_texts(config)
    assert not plan.errors
    facade = texts["pkg/big/__init__.py"]
    assert "_CALL_CONVERTER_CODE_FMT as _CALL_CONVERTER_CODE_FMT\n" in facade
    assert "noqa: F401" not in facade
    # where F401 applies to the facade, the re-export still carries it
    config = make_project(tmp_path / "linted", ROUTING_SOURCE, modules,
                          files={"setup.cfg": FLAKE8_INIT_F401.replace("**/__init__.py",
                                                                       "tests/*.py")})
    _, texts = plan_texts(config)
    # (82 columns with the comment, over this config's 80: ruff's sorter keeps it one
    # line, so the comment names E501 too)
    assert "_CALL_CONVERTER_CODE_FMT  # noqa: F401, E501\n" in texts["pkg/big/__init__.py"]


SPHINX_SOURCE = """
    _simple_type_specifiers_regex_patt = "unsigned|signed|short|long|char|int"
    _expression_assignment_ops = ["=", "*=", "/="]


    class Symbol:
        def match(self):
            return _simple_type_specifiers_regex_patt, _expression_assignment_ops


    class CDomain:
        def symbol(self):
            return Symbol()
"""
# sphinx 7.2.6: ruff (with I) and isort (remove_redundant_aliases) and flake8 all run
SPHINX_CONFIG = {
    "pyproject.toml": """
[tool.isort]
line_length = 95
profile = "black"
remove_redundant_aliases = true

[tool.ruff]
line-length = 95
select = ["E", "F", "I", "W"]
""",
    ".flake8": "[flake8]\nmax-line-length = 95\n",
}


def _tool(tool: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(Path(sys.executable).with_name(tool)), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_a_facade_passes_isort_that_drops_aliases_where_ruff_sorts(tmp_path: Path) -> None:
    """sphinx 7.2.6, domains/c.py split as its maintainers split it: ruff sorts (I is
    selected), so godsplit wrote the facade's re-exports of private names the ruff way, a
    `from ._ids import _x as _x  # noqa: F401` a line; but sphinx also runs isort, with
    remove_redundant_aliases, which drops the aliases and their noqa (pyflakes then
    reports F401), and flake8 counts the noqa in a line's length (104 > 95). Where any
    configured isort drops aliases, the re-exports are grouped and kept from isort."""
    config = make_project(tmp_path, SPHINX_SOURCE, {
        "_ids": ["_simple_type_specifiers_regex_patt", "_expression_assignment_ops"],
        "_symbol": ["Symbol"]}, path="sphinx/domains/c.py", files=SPHINX_CONFIG,
        keep=["CDomain"])
    result = apply_splits(config)
    assert result.written, [f.render() for s in result.splits for f in s.findings]
    package = "sphinx/domains/c"
    isort = _tool("isort", "--check-only", "--diff", package, cwd=tmp_path)
    assert isort.returncode == 0, isort.stdout + isort.stderr
    flake8 = _tool("flake8", package, cwd=tmp_path)
    assert flake8.returncode == 0, flake8.stdout + flake8.stderr
    ruff = subprocess.run([ruff_binary(), "check", "--no-cache", package], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr
