"""Round 13: pieces from the dominator tree of the read graph (suggester/dominators.py);
since round 14 one of the candidates of `--modules K` (suggester/choose.py)."""

from __future__ import annotations

from pathlib import Path

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.choose import _pieces
from godsplit.suggester.cluster import agglomerate
from godsplit.suggester.dominators import dominator_pieces, entries, owners
from godsplit.suggester.graph import Graph, build_graph

SOURCE = '''\
from __future__ import annotations

import celery

LIMIT = 3


def normpath(path):
    return path.strip("/")


def rehash(path):
    return hash(normpath(path))


def install(paths):
    return [rehash(p) for p in paths]


def shared_helper(x):
    return x * LIMIT


class Installer:
    def run(self, paths):
        return install(paths), shared_helper(1)


class Builder:
    def build(self) -> Installer:
        return shared_helper(2)


@celery.shared_task
def nightly():
    return send_report()


@celery.shared_task
def send_report():
    return "sent"
'''


def _graph(tmp_path: Path, text: str = SOURCE) -> tuple[Graph, dict[str, int]]:
    source = tmp_path / "big.py"
    source.write_text(text)
    analysis = analyze(read_source(source))
    g = build_graph(analysis, ("celery.shared_task", "shared_task"))
    return g, {n.label: i for i, n in enumerate(g.nodes)}


def test_a_public_function_only_one_class_reaches_goes_with_that_class(tmp_path: Path) -> None:
    """`install` is public by name, but only `Installer` calls it, and only `install`
    calls `rehash`, which alone calls `normpath`: all three belong to `Installer`."""
    g, at = _graph(tmp_path)
    found = {g.nodes[n].label: g.nodes[o].label for n, o in owners(g).items()}
    assert found["install"] == "Installer"
    assert found["rehash"] == "Installer"  # the highest dominator below the root
    assert found["normpath"] == "Installer"
    assert sorted([at["Installer"], at["install"], at["normpath"], at["rehash"]]) == next(
        p for p in dominator_pieces(g) if at["Installer"] in p)


def test_what_two_entry_points_reach_is_nobody_s_piece(tmp_path: Path) -> None:
    """`shared_helper` is called by two public classes, and `LIMIT` only through it:
    neither is dominated by a class (LIMIT goes with shared_helper, its one reader)."""
    g, at = _graph(tmp_path)
    found = owners(g)
    assert at["shared_helper"] not in found
    assert found[at["LIMIT"]] == at["shared_helper"]


def test_public_classes_and_tasks_are_entry_points_annotations_do_not_reach(
        tmp_path: Path) -> None:
    """A Celery task is an entry point even when another task calls it (a worker runs
    it by name), and a read in an annotation (`-> Installer`) reaches nothing."""
    g, at = _graph(tmp_path)
    roots = set(entries(g))
    assert {at["Installer"], at["Builder"], at["nightly"], at["send_report"]} <= roots
    assert at["send_report"] not in owners(g)
    assert at["install"] not in roots


def test_a_piece_starts_as_one_group_only_where_it_fits(tmp_path: Path) -> None:
    g, at = _graph(tmp_path)
    pieces = dominator_pieces(g)
    everything = list(range(len(g.nodes)))
    piece = next(p for p in pieces if at["Installer"] in p)
    whole = agglomerate(g, everything, len(g.nodes) - len(piece) + 1, 10_000, pieces=pieces)
    assert piece in whole  # the piece is one group from the start
    cap = g.size(piece) - 1  # it does not fit: its members start apart, as before
    apart = agglomerate(g, everything, len(g.nodes), cap, pieces=pieces)
    assert [at["Installer"]] in apart and [at["install"]] in apart


def test_the_pieces_candidate_keeps_a_piece_together(tmp_path: Path) -> None:
    """The `pieces` candidate of `--modules K` (round 14: it is one of two candidates,
    `choose` picks one): the class and the public functions only it reaches are in one
    group."""
    g, at = _graph(tmp_path)
    group = _pieces(g, 2, 10_000)
    assert group[at["install"]] == group[at["rehash"]] == group[at["normpath"]] == group[
        at["Installer"]]


def test_a_file_with_no_entry_point_has_no_pieces_and_no_error(tmp_path: Path) -> None:
    """Private functions that call each other in a cycle, nothing public: the root reads
    nothing at first, then each definition nothing reached (found by two suggest tests
    of an `__init__.py` and a Django command: KeyError on the root)."""
    text = "def _a(x):\n    return _b(x)\n\n\ndef _b(x):\n    return _a(x)\n"
    g, _ = _graph(tmp_path, text)
    assert entries(g) == [] and owners(g) == {}
    assert dominator_pieces(g) == []
