"""Round 30 (names31): module names from the nouns of the members, not a verb or a
generic word alone (issue 14: "names a person would keep").

- pyparsing 3.1.2's `enable_diag`, `disable_diag`, `enable_all_warnings` (beside
  `__compat__`) were `enable`: a word that only begins public functions' names is their
  verb; the group's nouns name it first (`diag`).
- hypothesis' `RandomModule`, `RandomSeeder`, `random_module`, `randoms` were `module`
  (`random` is a standard module, `random_module` a name the source defines): a generic
  word the names always put after another word is no name alone (`random_modules`); one
  that begins them still is (names29's `name` for `name_one`, `name_two`, ...).
"""

from __future__ import annotations

from pathlib import Path

from test_repros_round24_names24 import _methods, _names

_DIAG = '''"""Parsers."""


class ParserElement:
    """The base of every element."""

{element}

def enable_diag(name):
    """Turn a diagnostic on."""
    return _switch(name, True)


def disable_diag(name):
    """Turn a diagnostic off."""
    return _switch(name, False)


def enable_all_warnings():
    """Every warning diagnostic on."""
    for name in WARNINGS:
        enable_diag(name)


def _should_enable_warnings(options):
    return bool(options) and FLAGS.get("warn", True)


def _switch(name, value):
    FLAGS[name] = value
    return value


WARNINGS = ["warn_ungrouped", "warn_multiple"]
FLAGS = {{}}
'''


def test_a_verb_names_a_module_after_the_nouns(tmp_path: Path) -> None:
    """pyparsing's `enable`: the verb that begins two of three public functions' names."""
    names = _names(tmp_path, "core", _DIAG.format(element=_methods(40)), [
        ["ParserElement"], ["enable_diag", "disable_diag", "enable_all_warnings",
                            "_should_enable_warnings", "_switch",
                            "WARNINGS", "FLAGS"]])
    assert names[1] == "diag", names


def test_a_plural_first_word_is_no_verb(tmp_path: Path) -> None:
    """wagtail's view functions `revisions_index`, `revisions_view`, `revisions_revert`
    (beside `workflow_history`, `history_view`) are `revisions`: a plural begins them, not
    a verb."""
    source = "".join(f"def {name}(request):\n    return request\n\n\n" for name in (
        "revisions_index", "revisions_view", "revisions_revert", "workflow_history", "history_view",
        "other"))
    names = _names(tmp_path, "views", source, [
        ["revisions_index", "revisions_view", "revisions_revert", "workflow_history",
         "history_view"], ["other"]])
    assert names[0] == "revisions", names


_RANDOM = '''"""Strategies."""
import random


class RandomModule:
    """The random module's state."""

{module}

class RandomSeeder:
    """Seeds the random module."""

{seeder}

def random_module():
    """A strategy seeding the random module."""
    return RandomModule()


def text(alphabet):
    """Strings of characters."""
{text}


def randoms():
    """A strategy of Random instances."""
    return random.Random(RandomSeeder())


class Lists:
    """Lists of things."""

{lists}
'''


def test_a_generic_word_alone_names_no_module(tmp_path: Path) -> None:
    """hypothesis' `module`: after `random` (a standard module's name) and `random_module`
    (a name the source defines), the generic `module` said nothing of the group."""
    body = "".join(f"    alphabet = alphabet + {i}\n" for i in range(60)) + "    return alphabet\n"
    source = _RANDOM.format(module=_methods(2, "m"), seeder=_methods(2, "s"),
                            lists=_methods(40, "l"), text=body)
    names = _names(tmp_path, "core", source, [
        ["RandomModule", "RandomSeeder", "random_module", "randoms", "text"], ["Lists"]])
    assert names[0] != "module" and "random" in names[0].split("_"), names


_IPY = '''"""IP addresses."""


class IPint:
    """An address as an integer."""

{ipint}

class IP(IPint):
    """An address."""

{ip}

class IPSet:
    """A set of addresses."""

{ipset}
'''


def test_a_class_named_after_an_acronym_class_splits_after_it(tmp_path: Path) -> None:
    """IPy's `IPint` (beside its class `IP`) was `i_pint`, read as an interface's `I`
    before `Pint`: it is `IP` and `int`."""
    source = _IPY.format(ipint=_methods(60, "a"), ip=_methods(20, "b"), ipset=_methods(30, "c"))
    names = _names(tmp_path, "IPy", source, [["IPint"], ["IP"], ["IPSet"]])
    assert names[0] == "ip_int", names
