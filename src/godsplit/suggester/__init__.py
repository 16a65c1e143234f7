"""`godsplit suggest`: propose a `[[split]]` mapping for a god module.

`graph` clusters the definitions (reads, name words, file order; Louvain communities);
`core` plans that mapping with the split engine and repairs it until the plan has no
errors; `entry` renders it as TOML and appends it to the config.
"""
