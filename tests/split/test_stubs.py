"""A `.pyi` stub beside the god file is split along the same mapping (split/stubs.py).

Before/after pairs: the stub and the mapping in, the stubs the plan would write out. Then
the generated stubs are checked as code (ruff, the formatter), and a slow case checks that
mypy --strict reports the same diagnostics on a small project before and after.
"""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest

from godsplit.split.ruff_tool import ruff_binary

from lintkit import compare, snapshot
from splitkit import apply, dedent, make_project, plan_texts

SOURCE = """
    \"\"\"Big module.\"\"\"

    import sys

    from .other import Base


    def first(items, default=None):
        return next(iter(items), default)


    class Box(Base):
        def get(self):
            return _helper(self)


    def _helper(box):
        return box


    def newer():
        return sys.version_info


    __all__ = ["first", "Box", "newer"]
"""
STUB = """
    \"\"\"Stubs for pkg.big.\"\"\"

    import sys
    from collections.abc import Iterable
    from typing import Generic, TypeVar, overload

    from .other import Base

    if sys.version_info >= (3, 11):
        from typing import Self
    else:
        from typing_extensions import Self

    __all__ = ["first", "Box", "newer"]

    # type variables
    _T = TypeVar("_T")
    _U = TypeVar("_U")
    _Pair = tuple[_T, _T]

    @overload
    def first(items: Iterable[_T]) -> _T | None: ...
    @overload
    def first(items: Iterable[_T], default: _U) -> _T | _U: ...

    class Box(Base, Generic[_T]):
        def get(self) -> _Pair[_T]: ...
        def me(self) -> Self: ...

    if sys.version_info >= (3, 12):
        def newer() -> int: ...
"""
OTHER = {"pkg/other.py": "class Base: ...\n", "pkg/other.pyi": "class Base: ...\n"}


def stubs_of(texts: dict[str, str]) -> dict[str, str]:
    return {path: text for path, text in texts.items() if path.endswith(".pyi")}


def test_each_new_module_gets_the_stub_of_the_names_that_moved(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"funcs": ["first", "newer"], "boxes": ["Box"]},
                          files={"pkg/big.pyi": STUB, **OTHER})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    assert texts["pkg/big.pyi"] == "<delete>"  # a module that becomes a package loses it
    assert stubs_of(texts) == {"pkg/big.pyi": "<delete>", "pkg/big/__init__.pyi": dedent('''
        """Stubs for pkg.big."""

        import sys

        from .boxes import Box as Box
        from .boxes import _Pair as _Pair
        from .funcs import _T as _T
        from .funcs import _U as _U
        from .funcs import first as first

        if sys.version_info >= (3, 12):
            from .funcs import newer as newer

        __all__ = ["first", "Box", "newer"]
        '''), "pkg/big/boxes.pyi": dedent('''
        """Boxes: split from `pkg.big` by godsplit."""

        import sys
        from typing import Generic, TypeVar

        from _typeshed import Incomplete

        from ..other import Base

        if sys.version_info >= (3, 11):
            from typing import Self
        else:
            from typing_extensions import Self

        # type variables
        _T = TypeVar("_T")
        _Pair = tuple[_T, _T]

        class Box(Base, Generic[_T]):
            def get(self) -> _Pair[_T]: ...
            def me(self) -> Self: ...

        # godsplit: not typed by the old stub; other modules import it from here
        def _helper(*args: Incomplete, **kwargs: Incomplete) -> Incomplete: ...
        '''), "pkg/big/funcs.pyi": dedent('''
        """Funcs: split from `pkg.big` by godsplit."""

        import sys
        from collections.abc import Iterable
        from typing import TypeVar, overload

        # type variables
        _T = TypeVar("_T")
        _U = TypeVar("_U")

        @overload
        def first(items: Iterable[_T]) -> _T | None: ...
        @overload
        def first(items: Iterable[_T], default: _U) -> _T | _U: ...

        if sys.version_info >= (3, 12):
            def newer() -> int: ...
        ''')}


def test_a_helper_only_the_stub_defines_goes_where_it_is_read(tmp_path: Path) -> None:
    """One reader: there. Several: the shared module's stub, or else the first reader's,
    which the others import from. A sibling layout rewrites the old stub as the facade's."""
    source = """
        def a(x):
            return x


        def b(x):
            return x


        def c(x):
            return x
    """
    stub = """
        from typing import Any

        _Num = int | float
        _Text = str

        def a(x: _Num) -> _Num: ...
        def b(x: _Num) -> Any: ...
        def c(x: _Text) -> _Text: ...
    """
    config = make_project(tmp_path, source, {"one": ["a"], "two": ["b"], "three": ["c"]},
                          package="pkg/parts", files={"pkg/big.pyi": stub})
    _, texts = plan_texts(config)
    assert stubs_of(texts) == {
        "pkg/big.pyi": dedent("""
            from .parts.one import _Num as _Num
            from .parts.one import a as a
            from .parts.three import _Text as _Text
            from .parts.three import c as c
            from .parts.two import b as b
            """),
        "pkg/parts/one.pyi": "_Num = int | float\n\ndef a(x: _Num) -> _Num: ...\n",
        "pkg/parts/two.pyi": dedent("""
            from typing import Any

            from .one import _Num

            def b(x: _Num) -> Any: ...
            """),
        "pkg/parts/three.pyi": "_Text = str\n\ndef c(x: _Text) -> _Text: ...\n",
    }


def test_a_helper_read_by_several_modules_goes_to_the_shared_stub(tmp_path: Path) -> None:
    source = """
        def util(x):
            return x


        def a(x):
            return util(x)


        def b(x):
            return util(x)
    """
    stub = """
        _Num = int | float

        def util(x: _Num) -> _Num: ...
        def a(x: _Num) -> _Num: ...
        def b(x: _Num) -> _Num: ...
    """
    config = make_project(tmp_path, source, {"one": ["a"], "two": ["b"]}, shared="common",
                          files={"pkg/big.pyi": stub})
    _, texts = plan_texts(config)
    assert "pkg/big/common.py" in texts  # `util` is read by both: the shared module
    stubs = stubs_of(texts)
    assert stubs["pkg/big/common.pyi"] == (
        "_Num = int | float\n\ndef util(x: _Num) -> _Num: ...\n")
    assert stubs["pkg/big/one.pyi"] == (
        "from .common import _Num\n\ndef a(x: _Num) -> _Num: ...\n")


def test_a_module_with_no_stub_names_still_gets_a_stub(tmp_path: Path) -> None:
    """Without one, type checkers would check the untyped code the old stub hid."""
    source = """
        def a(x):
            return _b(x)


        def _b(x):
            return x
    """
    config = make_project(tmp_path, source, {"one": ["a"], "two": ["_b"]},
                          files={"pkg/big.pyi": "def a(x: int) -> int: ...\n"})
    _, texts = plan_texts(config)
    assert stubs_of(texts)["pkg/big/two.pyi"] == dedent("""
        from _typeshed import Incomplete

        # godsplit: not typed by the old stub; other modules import it from here
        def _b(*args: Incomplete, **kwargs: Incomplete) -> Incomplete: ...
        """)


def test_a_stub_that_does_not_parse_is_left_alone(tmp_path: Path) -> None:
    config = make_project(tmp_path, "def a():\n    pass\n\n\ndef b():\n    pass\n",
                          {"one": ["a"], "two": ["b"]}, files={"pkg/big.pyi": "def a( -> int\n"})
    plan, texts = plan_texts(config)
    assert not plan.errors
    assert not stubs_of(texts)


def _ruff(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ruff_binary(), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_the_stubs_parse_lint_clean_and_formatter_stable(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"funcs": ["first", "newer"], "boxes": ["Box"]},
                          files={"pkg/big.pyi": STUB, **OTHER})
    _, texts = plan_texts(config)
    out = tmp_path / "out"
    for path, text in stubs_of(texts).items():
        if text != "<delete>":
            ast.parse(text)
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            (out / path).write_text(text)
    lint = _ruff("check", "--isolated", "--no-cache", "--select", "E4,E7,E9,F,I,E501,W",
                 "--line-length", "88", ".", cwd=out)
    assert lint.returncode == 0, lint.stdout
    formatted = _ruff("format", "--isolated", "--no-cache", "--check", ".", cwd=out)
    assert formatted.returncode == 0, formatted.stdout


@pytest.mark.slow
def test_mypy_reports_the_same_on_a_stubbed_project_after_the_split(tmp_path: Path) -> None:
    """A consumer with type errors, and the package's untyped code behind the stub:
    mypy --strict reports the same errors before and after, and no more."""
    consumer = """
        from pkg.big import Box, first

        value: str = first([1, 2])
        box: Box[int] = Box()
        other: int = box.me()
    """
    make_project(tmp_path / "before", SOURCE, {"funcs": ["first", "newer"], "boxes": ["Box"]},
                 files={"pkg/big.pyi": STUB, **OTHER, "use.py": consumer})
    config = make_project(tmp_path / "after", SOURCE, {"funcs": ["first", "newer"],
                          "boxes": ["Box"]}, files={"pkg/big.pyi": STUB, **OTHER,
                                                    "use.py": consumer})
    assert apply(config).written
    args = ["--strict", "--python-version", "3.11"]
    before = snapshot(tmp_path / "before", ["pkg", "use.py"], tools=["mypy"], mypy_args=args)
    after = snapshot(tmp_path / "after", ["pkg", "use.py"], tools=["mypy"], mypy_args=args)
    assert {f.path for f in before.findings} == {"use.py"}, [str(f) for f in before.findings]
    report = compare(before, after)
    assert not report.failures and not report.types_changed, report.summary()


def test_the_facade_stub_keeps_the_old_stubs_re_exports(tmp_path: Path) -> None:
    """`X as X` re-exports stay; a plain import (not exported by a stub) goes where it is
    read."""
    stub = """
        from os import PathLike
        from typing import Any as Any

        def a(x: PathLike[str]) -> Any: ...
        def b(x: int) -> int: ...
    """
    config = make_project(tmp_path, "def a(x):\n    return x\n\n\ndef b(x):\n    return x\n",
                          {"one": ["a"], "two": ["b"]}, files={"pkg/big.pyi": stub})
    _, texts = plan_texts(config)
    stubs = stubs_of(texts)
    assert stubs["pkg/big/__init__.pyi"] == dedent("""
        from typing import Any as Any

        from .one import a as a
        from .two import b as b
        """)
    assert stubs["pkg/big/one.pyi"].startswith(
        "from os import PathLike\nfrom typing import Any as Any\n\ndef a(")
