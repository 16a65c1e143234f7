"""GS104's cycle reads the same in every run: the import-time graph's module names come
out of sets, whose order varies with the hash seed, and a plan must not vary with it."""

import os
import subprocess
import sys

SCRIPT = """
import networkx as nx
from godsplit.split.needs import _cycles
graph = nx.DiGraph()
for source, target in [("web", "structures"), ("structures", "web"), ("web", "util"),
                       ("util", "plugins"), ("plugins", "util"), ("core", "util")]:
    graph.add_edge(source, target)
print(_cycles(graph))
"""


def test_a_cycle_reads_the_same_under_every_hash_seed() -> None:
    seen = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, check=True,
                              capture_output=True, text=True)
        seen.add(done.stdout.strip())
    assert seen == {"[['plugins', 'util'], ['structures', 'web']]"}
