"""After the split: move importers off the facade, then retire it (`godsplit.migration`).

`core` plans and runs `godsplit migrate` (and `apply --migrate`): `homes` reads where each
name of an applied split lives now, `scan` and `patch` find every use of the old module
(imports, attribute uses, patch targets, dotted strings), `edit`, `imports` and `order`
rewrite them, and `probe` imports the rewritten modules again so any difference rolls
back. `report` gives `migrate --check` its JSON/GitHub output and baseline. `retire`
removes the facade once no use is left.
"""
