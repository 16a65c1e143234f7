"""The split engine: a pipeline of pure stages passing frozen dataclasses.

    analyze (analyze, classify, nodes)   source -> Analysis: units, reads, rebinds
    assign  (assign)                     Analysis + mapping -> which module gets each unit
    render  (render, facade, imports,    -> the text of every new module and the facade
             transforms, hazards)
    plan    (plan, layout)               the three above -> Plan (data: print, JSON, diff)
    write   (write)                      Plan -> files, all or none (journaled, rolled back)
    verify  (verify)                     names, kinds and `import *` before == after
    apply   (apply, references)          plan + write + verify as one transaction

`runtime/` holds the real Python that godsplit copies into users' facades.
"""
