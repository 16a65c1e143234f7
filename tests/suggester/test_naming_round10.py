"""Module names found weak on real god files (round 10), each as a small source and the
groups suggest made of it: the name before the fix in the docstring, the name now asserted."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.config import parse_config
from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.core import Suggestion, suggest
from godsplit.suggester.entry import render_entry
from godsplit.suggester.graph import Graph, build_graph
from godsplit.suggester.naming import name_modules, snake


def _graph(tmp_path: Path, stem: str, source: str) -> tuple[Graph, set[str]]:
    path = tmp_path / f"{stem}.py"
    path.write_text(source)
    analysis = analyze(read_source(path))
    forbidden = set(analysis.binders) | {"_shared", "misc", stem}
    return build_graph(analysis, ("shared_task", "task")), forbidden


def _names(tmp_path: Path, stem: str, source: str, groups: list[list[str]]) -> list[str]:
    g, forbidden = _graph(tmp_path, stem, source)
    index = {name: i for i, node in enumerate(g.nodes) for name in node.names}
    return name_modules(g, [sorted({index[n] for n in group}) for group in groups], forbidden)


def _body(lines: int, reads: str = "") -> str:
    return "".join(f"        x{i} = {i}{' + ' + reads if reads else ''}\n" for i in range(lines))


def _function(name: str, lines: int, reads: str = "", decorator: str = "") -> str:
    body = "".join(f"    x{i} = {i}{' + ' + reads if reads else ''}\n" for i in range(lines))
    return f"{decorator}def {name}(x):\n{body}    return x\n\n\n"


def _class(name: str, lines: int, base: str = "") -> str:
    return f"class {name}{f'({base})' if base else ''}:\n    def run(self):\n{_body(lines)}\n\n"


@pytest.mark.parametrize(("label", "expected"), [
    ("GZipContentEncoding", "gzip_content_encoding"),  # was g_zip_content_encoding
    ("IPv4Interface", "ipv4_interface"),  # was i_pv4_interface
    ("ETag", "etag"),
    ("HTTPError", "http_error"),
    ("XMLHttpRequest", "xml_http_request"),
    ("CPSALexer", "cpsa_lexer"),
    ("parse_rule", "parse_rule"),
])
def test_snake_keeps_a_lone_capital_with_its_word(label: str, expected: str) -> None:
    """tornado's web.py: a module named `g_zip_content_encoding`."""
    assert snake(label) == expected


def test_acronym_class_names_its_module(tmp_path: Path) -> None:
    """tornado's web.py: `GZipContentEncoding` holds most of its group: `g_zip_...` before."""
    source = _class("OutputTransform", 10) + _class("GZipContentEncoding", 80, "OutputTransform")
    assert _names(tmp_path, "web", source, [["OutputTransform", "GZipContentEncoding"]]) == [
        "gzip_content_encoding"]


def test_no_word_a_person_would_not_split(tmp_path: Path) -> None:
    """marshmallow's fields.py: `IPv4Interface`, `IPv6Interface` made `pv_interface` (the
    graph's word splitter reads `I`, `Pv`, `4`); the name is made of words of the names."""
    source = "".join(_class(c, 10) for c in (
        "IPv4Interface", "IPv6Interface", "Method", "Enum", "Url", "IPInterface", "Interface"))
    names = _names(tmp_path, "fields", source,
                   [["IPv4Interface", "IPv6Interface", "Method", "Enum", "Url"]])
    assert names == ["interface"]


def test_no_pair_across_a_dropped_stop_word(tmp_path: Path) -> None:
    """tornado's web.py: `create_signed_value`, `decode_signed_value` and
    `_signed_value_version_re` made `signed_version` (`value` is a stop word, so the pair
    skipped it), a phrase no name has."""
    source = ("MAX_SIGNED_VALUE_VERSION = 2\n_signed_value_version_re = 3\n\n\n"
              + _function("create_signed_value", 20, "MAX_SIGNED_VALUE_VERSION")
              + _function("decode_signed_value", 20, "_signed_value_version_re"))
    names = _names(tmp_path, "web", source, [[
        "MAX_SIGNED_VALUE_VERSION", "_signed_value_version_re", "create_signed_value",
        "decode_signed_value"]])
    assert names == ["signed"]


CART = '''from celery import shared_task


class CartError(Exception):
    pass


error_messages = {
    "busy": "busy",
    "empty": "empty",
}


'''


def test_a_module_of_tasks_is_not_named_after_its_exception(tmp_path: Path) -> None:
    """pretix's cart.py: four Celery tasks, `CartError` and `error_messages` made a module
    named `error` (`cart`, the word the tasks share, is the package's own name)."""
    tasks = "".join(_function(f"{verb}_cart", 15, "len(error_messages)", "@shared_task\n")
                    for verb in ("apply_voucher_to", "clear", "remove_position_from", "set_addons_in"))
    names = _names(tmp_path, "cart", CART + tasks, [[
        "CartError", "error_messages", "apply_voucher_to_cart", "clear_cart",
        "remove_position_from_cart", "set_addons_in_cart"]])
    assert names == ["tasks"]


def test_tasks_named_by_the_words_they_share(tmp_path: Path) -> None:
    """A module of tasks keeps a word the tasks share (`voucher`), not `tasks`."""
    tasks = "".join(_function(f"{verb}_voucher", 15, "len(error_messages)", "@shared_task\n")
                    for verb in ("apply", "redeem", "expire"))
    names = _names(tmp_path, "cart", CART + tasks, [[
        "CartError", "error_messages", "apply_voucher", "redeem_voucher", "expire_voucher"]])
    assert names == ["voucher"]


def test_exception_word_only_for_a_module_of_exceptions(tmp_path: Path) -> None:
    """Functions that read `FormatError` are not a module `errors`."""
    source = (_class("FormatError", 3, "Exception") + _function("format_error_table", 30)
              + _function("render_error_page", 30) + _function("render_page", 30))
    names = _names(tmp_path, "report", source, [[
        "FormatError", "format_error_table", "render_error_page", "render_page"]])
    assert names == ["page"]


def test_main_class_before_a_family_of_small_exceptions(tmp_path: Path) -> None:
    """bottle.py: `Router` (most of the lines) with four small `...Error` classes was
    `errors`."""
    source = (_class("Router", 120) + _class("Route", 20)
              + "".join(_class(c, 2, "Exception") for c in (
                  "RouteError", "RouteBuildError", "RouteSyntaxError", "TemplateError")))
    names = _names(tmp_path, "bottle", source, [[
        "Router", "Route", "RouteError", "RouteBuildError", "RouteSyntaxError",
        "TemplateError"]])
    assert names == ["router"]


def test_a_base_class_and_its_subclasses(tmp_path: Path) -> None:
    """marshmallow's fields.py: `Number` and its subclasses `Integer`, `Float`, `Decimal`
    beside `Boolean` made `boolean`; `numbers` is a standard module, so `number`. astroid's
    `Pattern` with its `Match...` subclasses: `patterns`."""
    source = "".join(_class(c, 20, "Number" if c != "Number" and c != "Boolean" else "")
                     for c in ("Number", "Integer", "Float", "Decimal", "Boolean"))
    groups = [["Number", "Integer", "Float", "Decimal", "Boolean"]]
    assert _names(tmp_path, "fields", source, groups) == ["number"]
    source = "".join(_class(c, 20, "Pattern" if c != "Pattern" else "")
                     for c in ("Pattern", "MatchAs", "MatchOr", "MatchValue"))
    assert _names(tmp_path, "node_classes", source,
                  [["Pattern", "MatchAs", "MatchOr", "MatchValue"]]) == ["patterns"]


def test_a_main_class_keeps_its_name_from_a_larger_group(tmp_path: Path) -> None:
    """astroid's node_classes.py: a larger group sharing the word `const` took `const`,
    and the group whose main class is `Const` became `consts`."""
    source = ("CONST_CLS = {}\n\n\n" + _function("_const_factory", 40, "CONST_CLS")
              + _function("const_value", 40, "CONST_CLS") + _class("BaseContainer", 30)
              + _class("Const", 50) + _class("Slice", 10))
    names = _names(tmp_path, "node_classes", source, [
        ["CONST_CLS", "_const_factory", "const_value", "BaseContainer"], ["Const", "Slice"]])
    assert names[1] == "const"
    assert names[0] not in ("const", "consts")


def test_no_word_of_the_smallest_member_by_the_alphabet(tmp_path: Path) -> None:
    """astroid's node_classes.py: `Global`, `If`, `Try`, `TryStar` and `are_exclusive`
    made `are` (the first word of any member, alphabetically); now the largest member's."""
    source = (_class("Global", 30) + _class("Try", 60) + _class("TryStar", 20)
              + _function("are_exclusive", 10))
    names = _names(tmp_path, "node_classes", source, [["Global", "Try", "TryStar", "are_exclusive"]])
    assert names == ["try_star"]


def test_functions_named_by_a_word_of_the_largest(tmp_path: Path) -> None:
    """pip's wheel.py: functions sharing no word, each whole name taken (the source defines
    it): a word of any member, alphabetically (`file`), before; now a word of the largest
    listed member, its verb last (`move_wheel_files`: `wheel`), and never two whole names
    joined (more-itertools: `distinct_permutations_strictly_n`)."""
    source = _function("move_wheel_files", 40) + _function("open_for_csv", 10)
    names = _names(tmp_path, "wheel_install", source, [["move_wheel_files", "open_for_csv"]])
    assert names == ["wheel"]


def _suggest_project(tmp_path: Path, files: dict[str, str], source: str, modules: int = 0,
                     limit: int = 600) -> Suggestion:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return suggest(tmp_path / source, parse_config({}, tmp_path / "godsplit.toml"), limit,
                   modules=modules)


def test_init_split_beside_existing_modules_takes_none_of_their_names(tmp_path: Path) -> None:
    """An `__init__.py` is split into modules beside it: a module named like an existing
    sibling (`helpers`, which the sibling spelling even preferred to `helper`) made a plan
    error, "target already exists", and exit 1."""
    text = "".join(_function(f"helper_{i}", 15, f"helper_{(i + 1) % 30}(x)") for i in range(30))
    text += "".join(_function(f"parse_{i}", 15, f"parse_{(i + 1) % 30}(x)") for i in range(30))
    result = _suggest_project(tmp_path, {"pkg/__init__.py": text, "pkg/helpers.py": "X = 1\n",
                                         "pkg/parse.py": "Y = 1\n"}, "pkg/__init__.py", 2)
    assert not result.plan.errors
    names = {m.name for m in result.modules}
    assert names.isdisjoint({"helpers", "parse"}) and len(names) == 2


def test_note_on_a_long_definition_counts_as_gs105_does(tmp_path: Path) -> None:
    """coverage's control.py: "Coverage alone is 1362 lines" where GS105 said 1,351 (the
    first counted the `if DEBUG:` block that rebinds the class)."""
    text = (f"DEBUG = False\n\n\n{_class('Coverage', 700)}"
            "if DEBUG:\n    Coverage = type('Coverage', (Coverage,), {})\n    Coverage.x = 1\n\n\n"
            + "".join(_function(f"helper_{i}", 20) for i in range(5)))
    result = _suggest_project(tmp_path, {"control.py": text}, "control.py")
    own = [f for f in result.plan.findings if f.code == "GS105"]
    assert own and "Coverage alone is 704 lines" in own[0].message
    assert any(n.startswith("Coverage alone is 704 lines (709 with what must move with it)")
               for n in result.notes), result.notes


def test_one_exception_class_keeps_its_module_name(tmp_path: Path) -> None:
    """ "1 exception class: keep their __module__" read wrong."""
    text = _class("CartError", 2, "Exception") + "".join(
        _function(f"helper_{i}", 40, "CartError") for i in range(30))
    result = _suggest_project(tmp_path, {"cart.py": text}, "cart.py")
    assert result.keep_module_name == "1 exception class"
    assert "1 exception class: keep its __module__" in render_entry(result)


def test_a_django_command_is_suggested_beside_its_file(tmp_path: Path) -> None:
    """Round 11: Django finds commands with `pkgutil.iter_modules`, skipping packages, so
    the plan refuses the package layout there; suggest proposes the sibling one."""
    text = "".join(_function(f"helper_{i}", 15, f"helper_{(i + 1) % 30}(x)") for i in range(30))
    text += "".join(_function(f"parse_{i}", 15, f"parse_{(i + 1) % 30}(x)") for i in range(30))
    files = {f"shop/{p}__init__.py": "" for p in ("", "management/", "management/commands/")}
    result = _suggest_project(tmp_path, {**files, "shop/management/commands/sync.py": text},
                              "shop/management/commands/sync.py", 2)
    assert not result.plan.errors
    assert result.package == "shop/management/sync_parts"
