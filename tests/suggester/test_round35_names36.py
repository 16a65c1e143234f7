"""Round 35 (names36): module names as the maintainers write them (issue 14).

- a class's name loses the word nearly every class of its file ends with (youtube-dl's
  `BlipTVIE`: `blip_tv`, as `extractor/bliptv.py`; vispy's `PanZoomCamera`: `pan_zoom`),
  unless what is left is vague (`BaseCamera`), a standard module's (`JsonCamera`), a
  participle alone (`BoundCamera`) or a name the source defines (then the whole name);
- a main class that is another class's name and a role the file gives three classes or more
  (python-gitlab's `HookManager` beside `Hook`, `RunnerManager` beside `Runner`, ...) names
  its group after the class it serves, in the plural (`hooks`); not with two such pairs, nor
  a word that is no role (`DateTime` beside `Date`);
- a base holding three quarters of its family's lines is named in the singular (holidays'
  `UnitedKingdom` beside `England`, `Wales`, `UK`: `united_kingdom`); a small base of large
  subclasses in the plural (`Shape` under `Circle`, `Square`, `Triangle`: `shapes`);
- a generic word (`base`) names a group only after its other words.
"""

from __future__ import annotations

import pytest
from graphkit import names_of


def _names(stem: str, source: str, groups: list[list[str]]) -> list[str]:
    """The names `name_modules` gives `groups` of the module `source`."""
    return names_of(source, groups, stem)[0]


def _class(name: str, lines: int, base: str = "") -> str:
    return (f"class {name}{f'({base})' if base else ''}:\n    def run(self):\n"
            + "".join(f"        x{i} = {i}\n" for i in range(lines)) + "\n\n")


def _cameras(prefixes: list[str], extra: str = "") -> list[str]:
    source = "".join(_class(f"{p}Camera", 12 + 3 * k) for k, p in enumerate(prefixes)) + extra
    return _names("cameras", source, [[f"{p}Camera"] for p in prefixes])


def test_the_file_suffix_is_left_out() -> None:
    assert _cameras(["Arcball", "Fly", "PanZoom", "Turntable"]) == [
        "arcball", "fly", "pan_zoom", "turntable"]


@pytest.mark.parametrize(("prefix", "name"), [
    ("Base", "base_camera"),  # vague
    ("Json", "json_camera"),  # a standard module's
    ("Bound", "bound_camera"),  # a participle alone
    ("Frozen", "frozen_camera"),
    ("Magnified", "magnified_camera"),
])
def test_not_when_the_rest_is_no_name(prefix: str, name: str) -> None:
    assert _cameras(["Arcball", "Fly", "Turntable", prefix])[3] == name


def test_the_whole_name_when_the_source_defines_the_rest() -> None:
    assert _cameras(["Arcball", "Fly", "Turntable"], "def fly():\n    return 1\n")[1] == (
        "fly_camera")


def test_no_suffix_when_the_classes_share_none() -> None:
    source = "".join(_class(t, 12) for t in ("ArcballCamera", "FlyCamera", "Router", "Parser"))
    assert _names("views", source, [["ArcballCamera"], ["FlyCamera"], ["Router"],
                                    ["Parser"]])[:2] == ["arcball_camera", "fly_camera"]


def _served(things: list[str], role: str = "Manager") -> list[str]:
    source = "".join(_class(t, 4) + _class(f"{t}{role}", 20) for t in things)
    return _names("objects", source, [[t, f"{t}{role}"] for t in things])


def test_a_role_names_the_class_it_serves() -> None:
    assert _served(["Hook", "Runner", "Badge"]) == ["hooks", "runners", "badges"]
    assert _served(["NetworkAcl", "RouteTable", "Subnet"], "Backend") == [
        "network_acls", "route_tables", "subnets"]


def test_two_pairs_make_no_role() -> None:
    assert _served(["Hook", "Runner"]) == ["hook_manager", "runner_manager"]


def test_a_word_that_is_no_role() -> None:
    source = "".join(_class(t, n) for t, n in (("Date", 4), ("DateTime", 30), ("Hook", 4),
                                                ("HookManager", 20)))
    assert _names("types", source, [["Date", "DateTime"], ["Hook", "HookManager"]])[0] == (
        "date_time")


def test_a_large_base_and_its_variants_in_the_singular() -> None:
    source = _class("UnitedKingdom", 60, "object") + "".join(
        _class(t, 2, "UnitedKingdom") for t in ("England", "Wales", "UK")) + _class("Other", 9)
    assert _names("countries", source, [["UnitedKingdom", "England", "Wales", "UK"],
                                        ["Other"]])[0] == "united_kingdom"


def test_a_small_base_and_its_kinds_in_the_plural() -> None:
    source = _class("Shape", 3) + "".join(
        _class(t, 25, "Shape") for t in ("Circle", "Square", "Triangle")) + _class("Other", 9)
    assert _names("geometry", source, [["Shape", "Circle", "Square", "Triangle"],
                                       ["Other"]])[0] == "shapes"


def test_a_generic_word_after_the_others() -> None:
    """sqlalchemy's `SelectBase`, `Select`, ... group was `base` (its best word `select` is a
    standard module's, so `base` came first); the generic word comes after the group's
    other words (there: `select_base`)."""
    source = "".join(_class(t, 30) for t in ("SelectBase", "SelectFrom", "SelectWhere",
                                             "BaseFrom", "BaseWhere", "Grouping", "Other"))
    assert _names("expression", source, [["SelectBase", "SelectFrom", "SelectWhere", "BaseFrom",
                                           "BaseWhere", "Grouping"], ["Other"]])[0] == "where"
