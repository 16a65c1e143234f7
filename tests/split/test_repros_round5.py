"""Bugs found in round 5 running `godsplit suggest` and `apply` on real god files of
installed packages (benchmarks/installed_god_files.py): each a minimal `pkg/big.py`,
planned and applied, or refused with its cause."""

from __future__ import annotations

import importlib.machinery
import subprocess
import sys
from pathlib import Path

import pytest

from godsplit.config import parse_config
from godsplit.split.plan import plan_split
from godsplit.suggester.core import suggest
from godsplit.types import GodsplitError

from splitkit import make_project, plan_texts
from splitkit import same_behaviour as _same

MAIN_BLOCK_SOURCE = """
    class Console:
        def log(self, x):
            return f"log {x}"


    def get_console():
        return Console()


    if __name__ == "__main__":
        console = Console()
        print(console.log("hello"))
"""


def test_names_bound_only_in_a_main_block_are_not_promised(tmp_path: Path) -> None:
    """rich/console.py binds `console` in its `if __name__ == "__main__":` block. Importing
    the module never binds it, so the facade need not either; the plan said GS113 ("the
    facade no longer binds: console") for every mapping of a package layout."""
    output = _same(
        tmp_path, MAIN_BLOCK_SOURCE, {"consoles": ["Console", "get_console"]},
        "import pkg.big as b\nprint(b.get_console().log(1), hasattr(b, 'console'))\n")
    assert output == "log 1 False\n"
    script = subprocess.run([sys.executable, "-m", "pkg.big"], cwd=tmp_path / "after",
                            capture_output=True, text=True, check=True)
    assert script.stdout == "log hello\n"



FORWARD_SOURCE = """
    from __future__ import annotations


    def matches(spec: Spec, version: int) -> bool:
        return spec.low <= version


    class Spec:
        low = 1

        def contains(self, version):
            return matches(self, version)
"""


def test_annotation_naming_a_class_defined_later_is_a_read(tmp_path: Path) -> None:
    """packaging's specifiers.py: `def _fast_match(specifier: Specifier, ...)` above
    `class Specifier`, under `from __future__ import annotations`. LibCST leaves that
    annotation unresolved, so the read was lost: the new module did not import
    `Specifier`, pyflakes found an undefined name and apply rolled back a clean plan."""
    code = ("import typing, pkg.big as b\nprint(b.Spec().contains(2), "
            "typing.get_type_hints(b.matches)['spec'].__name__)\n")
    output = _same(
        tmp_path, FORWARD_SOURCE, {"matching": ["matches"], "specs": ["Spec"]}, code)
    assert output == "True Spec\n"


ALL_FIRST_SOURCE = """
    __all__ = ["report", "Record"]

    import os
    from typing import (
        Any,
        Optional,
        Union,
    )


    class Record:
        path = os.sep


    def report(record: Record, extra: Any = None) -> str:
        return record.path
"""


def test_new_module_imports_are_one_sorted_block(tmp_path: Path) -> None:
    """packaging's specifiers.py: `__lazy_modules__ = [...]` (like `__all__` above the
    imports) stays in the facade, but it ended the import block: a new module's import of
    its sibling went above the source's imports, and a source import left with one name kept
    its magic trailing comma, one name a line."""
    config = make_project(tmp_path, ALL_FIRST_SOURCE, {"records": ["Record"],
                                                       "reports": ["report"]})
    _, texts = plan_texts(config)
    text = next(t for path, t in texts.items() if path.endswith("reports.py"))
    assert 'godsplit."""\n\nfrom typing import Any\n\nfrom .records import Record\n' in text, text


REIMPORT_SOURCE = """
    import os
    import sys


    class Reader:
        def read(self):
            return "read"


    DEBUG = os.environ.get("PKG_DEBUG_NOT_SET")
    pid = os.getpid()
    if DEBUG:
        import os

        def trace(*msg):
            sys.stderr.write(os.sep.join(map(str, msg)))
    else:

        def trace(*msg):
            return None
"""


def test_import_rebound_further_down_is_still_imported(tmp_path: Path) -> None:
    """execnet's gateway_base: `import os` on top, then `DEBUG = os.environ...` and, in an
    `if DEBUG:` block, `import os` again. The block binds `os`, so the group's reads of
    `os` counted as its own: the new module read `os` before anything bound it (a clean
    plan rolled back, GS411)."""
    output = _same(
        tmp_path, REIMPORT_SOURCE, {"readers": ["Reader"], "tracing": ["trace", "DEBUG", "pid"]},
        "import pkg.big as b\nprint(b.trace('x'), b.DEBUG, b.pid > 0)\n")
    assert output == "None None True\n"


TYPE_CHECKING_ELSE_SOURCE = """
    from typing import TYPE_CHECKING, Annotated, Any


    def schema(value):
        return SkipSchema in getattr(value, "__metadata__", ())


    if TYPE_CHECKING:
        SkipSchema = Annotated[Any, ...]
    else:

        class SkipSchema:
            pass
"""


def test_type_checking_block_with_else_binds_at_run_time(tmp_path: Path) -> None:
    """pydantic's json_schema.py: `if TYPE_CHECKING: SkipJsonSchema = ... else: class
    SkipJsonSchema` binds the class at run time. Taken for a TYPE_CHECKING-only block, it
    was copied, not moved, and left out of the names the facade must keep: the plan was
    clean and apply rolled back (GS405: `import *` lost SkipJsonSchema)."""
    code = ("ns = {}\nexec('from pkg.big import *', ns)\nimport pkg.big as b\n"
            "print(sorted(k for k in ns if not k.startswith('__')), b.SkipSchema.__name__)\n")
    output = _same(
        tmp_path, TYPE_CHECKING_ELSE_SOURCE, {"schemas": ["schema"], "skip": ["SkipSchema"]},
        code)
    assert "'SkipSchema'" in output


TYPE_ALIAS_SOURCE = """
    from typing import TypeAlias

    Schema: TypeAlias = "ModelSchema | ListSchema"


    def describe(schema: Schema) -> str:
        return schema.kind


    class ModelSchema:
        kind = "model"


    class ListSchema:
        kind = "list"
"""


def test_string_type_alias_names_are_read(tmp_path: Path) -> None:
    """pydantic-core's core_schema.py: `SerSchema: TypeAlias = 'SimpleSerSchema | ...'`
    names classes defined further down. The string is a type, but its names were not
    reads: the module holding the alias did not import them, pyflakes found undefined
    names and apply rolled back a clean plan (GS411)."""
    code = ("import typing, pkg.big as b\nhint = typing.get_type_hints(b.describe)['schema']\n"
            "print(b.describe(b.ListSchema()), [t.__name__ for t in typing.get_args(hint)])\n")
    _same(
        tmp_path, TYPE_ALIAS_SOURCE, {"shared_types": ["Schema", "describe"],
                                      "schemas": ["ModelSchema", "ListSchema"]}, code)


DEFINE_CALL_DELETE_SOURCE = """
    CURVES = {}


    def _init_p192():
        CURVES["p192"] = 192


    _init_p192()
    del _init_p192


    def __get_gettz():
        def gettz(name):
            return f"tz {name} {len(CURVES)}"
        return gettz


    gettz = __get_gettz()
    del __get_gettz


    def curve(name):
        return CURVES[name]
"""


def test_define_call_delete_moves_together(tmp_path: Path) -> None:
    """Crypto's ECC.py (`def init_p192(): ...`, `init_p192()`, `del init_p192`) and
    dateutil's tz.py (`gettz = __get_gettz()`, `del __get_gettz`), with keep-module-name
    (their doctests): the call and the `del` stayed in the old module, and the deleted
    functions were listed for keep-module-name: a clean plan, then NameError at apply."""
    output = _same(
        tmp_path, DEFINE_CALL_DELETE_SOURCE, {"curves": ["CURVES", "curve", "_init_p192"],
                                              "zones": ["gettz", "__get_gettz"]},
        "import pkg.big as b\nprint(b.curve('p192'), b.gettz('UTC'), "
        "hasattr(b, '_init_p192'), hasattr(b, '__get_gettz'))\n", **{"keep-module-name": True})
    assert output == "192 tz UTC 1 False False\n"


EXCEPT_AS_SOURCE = """
    try:
        from collections.abc import Callable
    except ImportError as e:
        from collections import Callable


    def call(f: Callable) -> str:
        return f()


    def hello() -> str:
        return "hello"
"""


def test_except_as_name_is_not_a_module_name(tmp_path: Path) -> None:
    """bs4's element.py: `except ImportError as e:` around an import. Python unbinds `e`
    when the handler ends, but it counted as a name the module binds: a clean plan, then
    AttributeError at apply (GS406)."""
    output = _same(
        tmp_path, EXCEPT_AS_SOURCE, {"calls": ["call"], "greetings": ["hello"]},
        "import pkg.big as b\nprint(b.call(b.hello), hasattr(b, 'e'))\n")
    assert output == "hello False\n"


VERSION_IMPORT_SOURCE = """
    import sys

    if sys.version_info < (3, 0):
        from cStringIO import StringIO as BytesIO
        range = xrange  # noqa: F821
    else:
        from io import BytesIO

    if sys.version_info < (3, 1):
        from exceptiongroup import BaseExceptionGroup


    def buffer() -> BytesIO:
        return BytesIO(b"data")


    def fail():
        raise BaseExceptionGroup("x", [ValueError()])
"""


def test_names_an_import_block_binds_on_some_versions_only(tmp_path: Path) -> None:
    """pytest's fixtures.py (`if sys.version_info < (3, 11): from exceptiongroup import
    BaseExceptionGroup`) and asn1crypto's core.py (`range = xrange` under Python 2): the
    facade's `__all__` listed those names unconditionally, so `from old import *` raised
    AttributeError at apply (GS406) after a clean plan."""
    code = ("ns = {}\nexec('from pkg.big import *', ns)\nimport pkg.big as b\n"
            "print(sorted(k for k in ns if not k.startswith('__')), b.buffer().read())\n")
    output = _same(
        tmp_path, VERSION_IMPORT_SOURCE, {"buffers": ["buffer"], "errors": ["fail"]}, code)
    assert "'BaseExceptionGroup'" not in output and "'BytesIO'" in output


NESTED_MAIN_SOURCE = """
    TEMPLATE = 'if __name__ == "__main__":\\\\n    main()\\\\n'


    def bootstrap():
        if __name__ == "__main__":
            return "script"
        return "module"


    def render():
        return TEMPLATE


    if __name__ == "__main__":
        print(bootstrap())
"""


def test_only_top_level_main_blocks_count(tmp_path: Path) -> None:
    """setuptools' easy_install.py (`if __name__ == '__main__':` inside a function) and
    reportlab's shapes.py (one inside a string): the import check counted them as
    `python -m` blocks of the old module, not of the split one: a false GS409 rolled back
    clean plans."""
    _same(
        tmp_path, NESTED_MAIN_SOURCE, {"boot": ["bootstrap"], "templates": ["render", "TEMPLATE"]},
        "import pkg.big as b\nprint(b.bootstrap(), len(b.render()))\n")


DECLARED_THEN_IMPORTED_SOURCE = """
    from __future__ import annotations

    from types import ModuleType
    from typing import TYPE_CHECKING

    if TYPE_CHECKING:
        from typing import Protocol

    json_module: ModuleType | None
    try:
        import json as json_module
    except ImportError:
        json_module = None


    def dump(value) -> str:
        return json_module.dumps(value)


    def load(text: str):
        return json_module.loads(text)


    if TYPE_CHECKING:

        class Dumper(Protocol):
            def dumps(self, value) -> str: ...
"""


def test_declared_name_then_imported_and_type_checking_class(tmp_path: Path) -> None:
    """PIL's Image.py (`cffi: ModuleType | None`, then `try: import cffi`): the annotation
    was taken for the name's home, so a new module imported nothing for `cffi`; and
    prompt_toolkit's containers.py (`if TYPE_CHECKING: class MagicContainer(Protocol)`
    kept by the facade, which dropped the TYPE_CHECKING import of `Protocol`). Both were
    undefined names for pyflakes (GS411): clean plans rolled back."""
    output = _same(
        tmp_path, DECLARED_THEN_IMPORTED_SOURCE, {"dumping": ["dump"], "loading": ["load"]},
        "import pkg.big as b\nprint(b.dump([1]), b.load('[2]'))\n")
    assert output == "[1] [2]\n"


DOTTED_IMPORT_SOURCE = """
    try:
        import email.mime.text
        MIME = email.mime.text.MIMEText
    except ImportError:
        MIME = None


    def make():
        return MIME("x").get_payload() if MIME else None


    def other():
        return 1
"""


def test_dotted_import_in_a_moved_block_is_not_reexported_by_its_dotted_name(
        tmp_path: Path) -> None:
    """dnspython's query.py (`try: import httpcore._backends.sync ...`): the facade
    re-exported `httpcore._backends as httpcore._backends`, which does not parse: suggest
    ended with a GS115 error."""
    output = _same(
        tmp_path, DOTTED_IMPORT_SOURCE, {"mail": ["make", "MIME"], "rest": ["other"]},
        "import pkg.big as b\nprint(b.make(), b.email.__name__)\n")
    assert output == "x email\n"


LOCAL_BEFORE_ASSIGNMENT_SOURCE = """
    text = "module-level"


    def first_words(frags):
        out, i, lim, start = [], -1, 0, 0
        while i < len(frags) - 1:
            while start < lim and text[start] == " ":
                start += 1
            i += 1
            text = frags[i]
            lim = len(text)
            out.append(text.split()[0])
        return out


    def banner():
        return text.upper()
"""


def test_local_read_before_assignment_is_not_a_new_undefined_name(tmp_path: Path) -> None:
    """reportlab's paragraph.py: `text[start]` is read above `text = f.text` in a loop, so
    `text` is local. Where the module's global `text` is left behind, pyflakes calls it
    an undefined name rather than a local read before assignment: a false GS411 rolled
    back a clean plan."""
    _same(
        tmp_path, LOCAL_BEFORE_ASSIGNMENT_SOURCE, {"words": ["first_words"],
                                                   "banners": ["banner", "text"]},
        "import pkg.big as b\nprint(b.first_words(['a b', 'c']), b.banner())\n")


def test_source_shadowed_by_a_compiled_extension_is_refused(tmp_path: Path) -> None:
    """lxml ships `html/_difflib.py` beside the compiled `_difflib.cpython-311-....so`:
    `import` loads the extension. The split package would be imported instead: refused
    before anything is planned, naming the extension (exit 2 from the CLI)."""
    config = make_project(tmp_path, FORWARD_SOURCE, {"matching": ["matches"]})
    twin = tmp_path / "pkg" / f"big{importlib.machinery.EXTENSION_SUFFIXES[0]}"
    twin.write_bytes(b"")
    with pytest.raises(GodsplitError, match="compiled extension"):
        plan_split(config, config.splits[0])
    with pytest.raises(GodsplitError, match=twin.name):
        suggest(tmp_path / "pkg" / "big.py", parse_config({}, tmp_path / "godsplit.toml"))


@pytest.mark.parametrize("bound", [False, True])
def test_hand_over_gives_a_conditional_name_only_if_bound(bound: bool) -> None:
    """urllib3's response.py defines `ZstdDecoder` only when zstd imports (`try: ... else:
    class ZstdDecoder`). The hand-over to a peer of its import cycle named it
    unconditionally: NameError at import where zstd is missing (a clean plan rolled
    back, GS406)."""
    import types

    from godsplit.split.handover import hand_over

    peer = types.ModuleType("peer")
    fake_sys = types.SimpleNamespace(modules={"peer": peer})
    code = hand_over([('"peer"', ("HAS_ZSTD", "ZstdDecoder"))], "fake_sys", {"ZstdDecoder"})
    namespace: dict[str, object] = {"fake_sys": fake_sys, "HAS_ZSTD": bound}
    if bound:
        namespace["ZstdDecoder"] = object
    exec(code, namespace)
    assert vars(peer)["HAS_ZSTD"] is bound
    assert ("ZstdDecoder" in vars(peer)) is bound


def test_main_check_inside_a_function_does_not_make_a_script(tmp_path: Path) -> None:
    """The engine's own twin of the import check's count: a source whose only `__name__ ==
    "__main__"` is inside a function is no script, so its facade beside a sibling package
    keeps the default relative imports (the text search made it import absolutely)."""
    config = make_project(tmp_path, NESTED_MAIN_SOURCE.replace(
        '\n\n    if __name__ == "__main__":\n        print(bootstrap())\n', "\n"),
        {"boot": ["bootstrap"], "templates": ["render", "TEMPLATE"]}, package="pkg/parts")
    _, texts = plan_texts(config)
    assert "from .parts.boot import bootstrap" in texts["pkg/big.py"], texts["pkg/big.py"]
