"""The module-size gate behind `godsplit check`: find modules, count lines, apply limits
and the baseline (`core`), count physical or code lines (`counting`), read and write the
baseline file (`baseline`), and render results as JSON, GitHub annotations or SARIF
(`formats`). Cheap to import: no libcst, no rich."""

DEFAULT_BASELINE = "godsplit-baseline.json"  # the baseline file, in the project root
