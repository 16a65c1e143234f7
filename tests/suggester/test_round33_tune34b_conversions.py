"""Round 33 (tune34b): with `--modules K`, a file's table of unit conversions (two or more
round trips `a_to_b` / `b_to_a`) is one module: librosa's ten conversions in
`time_frequency` (`suggester/conversions.py`, called from `choose`)."""

from __future__ import annotations

from pathlib import Path

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.choose import choose
from godsplit.suggester.conversions import conversions
from godsplit.suggester.graph import Graph, build_graph
from godsplit.suggester.place import groups_of


def _graph(tmp_path: Path, source: str) -> Graph:
    path = tmp_path / "core.py"
    path.write_text(source)
    return build_graph(analyze(read_source(path)), ())


def _fn(name: str, reads: str = "x") -> str:
    body = "".join(f"    v{i} = {reads} * {i + 2}\n" for i in range(6))
    return f"def {name}(x):\n    '''{name}.'''\n{body}    return v5\n\n\n"


# the conversions read their neighbours, as librosa's do, and each reads another helper
AUDIO = (
    _fn("load") + _fn("resample", "load(x)") + _fn("duration", "resample(x)")
    + _fn("midi_to_hz", "duration(x)") + _fn("hz_to_midi", "midi_to_hz(x)")
    + _fn("stft", "load(x)") + _fn("istft", "stft(x)") + _fn("cqt", "stft(x)")
    + _fn("frames_to_time", "stft(x)") + _fn("time_to_frames", "frames_to_time(x)")
).rstrip() + "\n"


def test_two_round_trips_are_a_table_one_is_not(tmp_path: Path) -> None:
    g = _graph(tmp_path, AUDIO)
    assert sorted(g.nodes[n].names[0] for n in conversions(g)) == [
        "frames_to_time", "hz_to_midi", "midi_to_hz", "time_to_frames"]
    one = _graph(tmp_path, _fn("int_to_bigint") + _fn("bigint_to_int") + _fn("path_to_url"))
    assert conversions(one) == []


def test_the_table_is_one_module(tmp_path: Path) -> None:
    g = _graph(tmp_path, AUDIO)
    made = [sorted(g.nodes[n].names[0] for n in members)
            for members in groups_of(choose(g, 2, 10_000)).values()]
    # main: the pairs went with their readers, midi/hz with load, frames/time with stft
    assert any({"frames_to_time", "hz_to_midi", "midi_to_hz", "time_to_frames"} <= set(m)
               for m in made)
    assert len(made) == 2
