"""Round 32 (names33): module names a person would keep (issue 14; README items 28 (e),
(f) and 29 (e)).

- Gradio's pooled module (what import-time cycles and shared helpers make) was `_shared`
  though it held public aliases and functions: a small pool whose public functions and
  classes hold half of its lines is named after its members, like any module; a pool of
  private helpers and values (a logger, dill's `...Type` values) stays `_shared`.
- youtube-dl's `BlipTVIE` was `blip_tvie`: two acronyms in a row split where the file
  writes one of them alone (`YoutubeIE`, `VimeoIE`).
- license-manager's tasks whose best words are `email` (a standard module) and `license`
  (a builtin) were `send`, the verb of two of them: `email_tasks`; the ones after
  `send_post_activation_email_task` and `execute_post_revocation_tasks` were `post`, a
  prefix that says which kind of activation or revocation: `revocation`.
- falcon's `HTTPNotFound`, `HTTPRouteNotFound` (with `HTTPForbidden`, ...) were `found`:
  `not_found`; dill's `Pickler`, `dump`, `load`, ... were `pickle_dump`: `pickler`.
"""

from __future__ import annotations

from pathlib import Path

from test_repros_round24_names24 import _methods, _names

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.core import _mapping
from godsplit.suggester.graph import build_graph
from godsplit.suggester.naming import name_modules
from godsplit.suggester.place import SHARED
from godsplit.types import SplitConfig


def test_two_acronyms_in_a_row_split_where_the_file_writes_one_alone(tmp_path: Path) -> None:
    """youtube-dl's `BlipTVIE` beside `YoutubeIE` and `VimeoIE`: `blip_tv_ie`."""
    sites = "".join(f"class {name}(InfoExtractor):\n    '''{name}.'''\n\n{_methods(size)}\n"
                    for name, size in (("YoutubeIE", 5), ("VimeoIE", 5), ("BlipTVIE", 30)))
    source = f"class InfoExtractor:\n    '''The base.'''\n\n{_methods(3)}\n{sites}"
    names = _names(tmp_path, "extractors", source,
                   [["InfoExtractor", "YoutubeIE", "VimeoIE"], ["BlipTVIE"]])
    assert names[1] == "blip_tv_ie", names


def test_an_acronym_run_the_file_never_writes_apart_stays_one_word(tmp_path: Path) -> None:
    """`HTTPAPIClient` with no `HTTP...` or `...API` elsewhere: `httpapi_client`, as before
    (nothing says where the two acronyms meet); upper-case constants (`MAX_API`, `API_URL`)
    are no acronyms written alone."""
    source = ("MAX_API = 1\nAPI_URL = 'x'\n\n\nclass HTTPAPIClient:\n    '''A client.'''\n\n"
              f"{_methods(20)}\n\nclass Other:\n    '''Other.'''\n\n{_methods(2)}")
    names = _names(tmp_path, "clients", source, [["HTTPAPIClient"], ["Other", "MAX_API", "API_URL"]])
    assert names[0] == "httpapi_client", names


_TASKS = ["send_assignment_email_task", "send_reminder_email_task",
          "update_user_email_for_licenses_task", "track_license_changes_task", "link_learners_task"]
_OTHERS = ["revoke_all_licenses_task", "license_expiration_task", "other_task"]


def _task_names(tmp_path: Path, groups: list[list[str]]) -> list[str]:
    path = tmp_path / "tasks.py"
    path.write_text("from celery import shared_task\n\n\n" + "".join(
        f"@shared_task\ndef {name}(user):\n    return user\n\n\n"
        for name in [n for group in groups for n in group]))
    analysis = analyze(read_source(path))
    g = build_graph(analysis, ("shared_task",))
    index = {name: i for i, node in enumerate(g.nodes) for name in node.names}
    return name_modules(g, [sorted(index[n] for n in group) for group in groups],
                        set(analysis.binders) | {"tasks", "_shared"}, frozenset(), "tasks")


def test_tasks_whose_best_word_is_a_standard_module_are_its_tasks(tmp_path: Path) -> None:
    """license-manager: `email` is a standard module and `license` a builtin; the group was
    `send` (the verb of two of its tasks), the other `licenses`: `email_tasks` and
    `license_tasks`."""
    assert _task_names(tmp_path, [_TASKS, _OTHERS]) == ["email_tasks", "license_tasks"]


def test_a_prefix_written_as_a_word_names_no_module_alone(tmp_path: Path) -> None:
    """license-manager's `post` (of `send_post_activation_email_task` and
    `execute_post_revocation_tasks`): the word it qualifies names the group."""
    source = "".join(f"def {name}(user):\n    return user\n\n\n" for name in (
        "send_post_activation_email_task", "execute_post_revocation_tasks",
        "send_revocation_cap_notification_email_task", "revoke_all_licenses_task", "other"))
    names = _names(tmp_path, "tasks", source, [
        ["send_post_activation_email_task", "execute_post_revocation_tasks",
         "send_revocation_cap_notification_email_task", "revoke_all_licenses_task"], ["other"]])
    assert names[0] == "revocation", names


_POOL = '''"""Components."""
import logging

logger = logging.getLogger(__name__)


def update(**kwargs):
    """A dictionary of the component's new values."""
    return dict(kwargs, __type__="update")


def skip():
    """No change."""
    return update()


class Component:
    """The base of every component."""

{component}

class Textbox(Component):
    """A text box."""

{textbox}
'''


def _pool(tmp_path: Path, pooled: list[str]) -> tuple[str | None, list[str]]:
    """The shared module's name and the modules when `pooled` is the grouping's pool."""
    path = tmp_path / "components.py"
    path.write_text(_POOL.format(component=_methods(10), textbox=_methods(10, "t")))
    analysis = analyze(read_source(path))
    g = build_graph(analysis, ())
    group = {i: SHARED if set(node.names) & set(pooled) else 0 if "Component" in node.names
             else 1 for i, node in enumerate(g.nodes)}
    split = SplitConfig(source=path, shared="_shared", default="misc")
    made, _ = _mapping(g, group, split, set(analysis.binders) | {"_shared", "misc", "components"},
                       frozenset(), 400, {}, False)
    return made.shared, [name for name, _ in made.modules]


def test_a_pool_of_public_functions_is_named_after_them(tmp_path: Path) -> None:
    """Gradio's pooled `update()` and `skip()`: the shared module is named after them, and
    the plan's shared module is that one."""
    shared, modules = _pool(tmp_path, ["update", "skip"])
    assert shared is not None and "update" in shared.split("_"), (shared, modules)
    assert shared in modules and "_shared" not in modules


def test_a_pool_of_a_logger_and_private_helpers_stays_shared(tmp_path: Path) -> None:
    shared, modules = _pool(tmp_path, ["logger"])
    assert shared == "_shared" and "_shared" in modules, (shared, modules)


def test_a_word_every_name_negates_keeps_its_not(tmp_path: Path) -> None:
    """falcon's `HTTPNotFound`, `HTTPRouteNotFound` beside `HTTPForbidden`: `not_found`, not
    `found` (`not` is a stop word, and the module is of what was not found)."""
    source = "".join(f"class {name}(Exception):\n    '''{name}.'''\n\n\n" for name in (
        "HTTPNotFound", "HTTPRouteNotFound", "HTTPForbidden", "HTTPMethodNotAllowed",
        "HTTPUnauthorized", "HTTPConflict", "HTTPGone"))
    names = _names(tmp_path, "errors", source, [
        ["HTTPNotFound", "HTTPRouteNotFound", "HTTPForbidden", "HTTPMethodNotAllowed",
         "HTTPUnauthorized"], ["HTTPConflict", "HTTPGone"]])
    assert names[0] == "not_found", names


def test_a_standard_module_word_names_a_module_after_the_class_it_begins(tmp_path: Path) -> None:
    """dill's `Pickler`, `Unpickler`, `dump`, `dumps`, `load`, `loads` were `pickle_dump`
    (`pickle` is a standard module; `dump` and `load` are names the source defines):
    `pickler`."""
    source = ("import pickle\n\n\n"
              f"class Pickler(pickle.Pickler):\n    '''Pickles more.'''\n\n{_methods(2)}\n"
              f"class Unpickler(pickle.Unpickler):\n    '''Unpickles more.'''\n\n{_methods(2)}\n"
              + "".join(f"def {name}(obj, file=None):\n    '''{name} with dill's pickler.'''\n"
                        "    return pickle.dumps(obj)\n\n\n"
                        for name in ("dump", "dumps", "load", "loads", "copy", "pickles", "check_pickle",
                                     "pickle_size"))
              + "def other():\n    return 1\n")
    names = _names(tmp_path, "_dill", source, [
        ["Pickler", "Unpickler", "dump", "dumps", "load", "loads", "copy", "pickles", "check_pickle",
         "pickle_size"], ["other"]])
    assert names[0] == "pickler", names


def test_a_word_some_names_write_without_not_keeps_no_not(tmp_path: Path) -> None:
    """ibis' `Equals`, `NotEquals`, `GreaterEqual`, `LessEqual`: `equals` (a guard: one
    `not` is no rule)."""
    source = "".join(f"class {name}(Exception):\n    '''{name}.'''\n\n\n" for name in (
        "Equals", "NotEquals", "GreaterEqual", "LessEqual", "Other"))
    names = _names(tmp_path, "ops", source, [
        ["Equals", "NotEquals", "GreaterEqual", "LessEqual"], ["Other"]])
    assert not names[0].startswith("not_"), names
