"""Round 38, sweep39: ranger's `config/commands.py`, a suggest dead end. `eval_.execute`
sets `global fm` (for the code it `eval`s) and stays in the old module; `bulkrename` reads
the global `fm` (`fm.notify(...)`). Moved, `bulkrename` would read its new module's `fm`,
which nothing sets: GS112 ("'fm' is rebound at run time by code that stays in the old
module, and bulkrename reads it"), at the line of `eval_`, which was kept already, so
suggest's loop had nothing more to keep and ended "no mapping without plan errors". The
code reading such a name now stays with the code that rebinds it."""

from __future__ import annotations

from pathlib import Path

from splitkit import checked_suggestion

SOURCE = """
    import os


    class Evaluator:
        def execute(self, code, manager):
            global fm
            fm = manager
            return eval(code)


    class Renamer:
        def rename(self):
            return fm.notify("files have not been retagged")


    def sep_a():
        return os.sep + "a"


    def sep_b():
        return os.sep + "b"


    def sep_c():
        return os.sep + "c"


    def sep_d():
        return os.sep + "d"
"""
SHOW = """
from pkg.big import Evaluator, Renamer
class Manager:
    def notify(self, text):
        return "notified: " + text
Evaluator().execute("1", Manager())
print(Renamer().rename())
"""


def test_the_reader_of_a_name_kept_code_rebinds_stays_with_it(tmp_path: Path) -> None:
    made, before = checked_suggestion(tmp_path, SOURCE, SHOW, max_lines=12)
    assert before.strip() == "notified: files have not been retagged"
    moved = {name for module in made.modules for name in module.mapped}
    assert "Renamer" not in moved and "Evaluator" not in moved, made.modules
    assert {"sep_a", "sep_b"} <= moved
