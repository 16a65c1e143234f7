"""Round 35 (engine36): private declarations of a kept `if TYPE_CHECKING:` block.

paho-mqtt's `client.py` declares private TypedDicts (`_InPacket`, `_OutPacket`) beside a
public Protocol in an `if TYPE_CHECKING:` block; only `Client` reads the TypedDicts. Split,
the block went to `Client`'s module (where they are read) and stayed whole in the facade,
where nothing reads them: ruff's PYI049 ("private TypedDict is never used") there. The
facade keeps the block's public declarations (a type checker may import them from the old
module), drops the private ones nothing it keeps reads, and the imports only those read."""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts, ruff_check, write_texts

SOURCE = '''
    from typing import TYPE_CHECKING

    if TYPE_CHECKING:
        from typing import Protocol, TypedDict

        try:
            from collections import OrderedDict
        except ImportError:
            from typing import OrderedDict

        class _InPacket(TypedDict):
            command: int
            extra: OrderedDict[str, int]

        class _Unread(TypedDict):
            pos: int

        class SocketLike(Protocol):
            def recv(self, size: int) -> bytes: ...


    class Client:
        def __init__(self) -> None:
            self.packet: _InPacket | None = None


    def helper(sock: SocketLike) -> bytes:
        return sock.recv(1)
'''
RUFF = {"pyproject.toml": '[tool.ruff.lint]\nselect = ["F", "PYI"]\n'}


def test_the_facade_drops_private_declarations_only_moved_code_reads(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"client": ["Client"]}, files=RUFF, keep=["helper"])
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    facade, client = texts["pkg/big/__init__.py"], texts["pkg/big/client.py"]
    assert "class _InPacket" in client and "OrderedDict" in client, client
    assert "class _InPacket" not in facade and "OrderedDict" not in facade, facade
    # the public Protocol the facade keeps (and its import), a private one it keeps too:
    # `_Unread` is read by nobody in the source either, so its PYI049 is the source's own
    assert "class SocketLike(Protocol)" in facade and "class _Unread" in facade, facade
    (tmp_path / "pkg" / "big.py").unlink()
    write_texts(tmp_path, texts)
    found = ruff_check(tmp_path, "pkg/big").stdout
    assert "_InPacket" not in found and found.count("PYI049") == 1, found


ONLY_PRIVATE = '''
    from typing import TYPE_CHECKING

    if TYPE_CHECKING:
        from typing import TypedDict

        class _Packet(TypedDict):
            command: int


    class Client:
        def __init__(self) -> None:
            self.packet: _Packet | None = None


    def helper() -> int:
        return 1
'''


def test_a_block_left_with_nothing_is_dropped(tmp_path: Path) -> None:
    config = make_project(tmp_path, ONLY_PRIVATE, {"client": ["Client"]}, files=RUFF,
                          keep=["helper"])
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    facade = texts["pkg/big/__init__.py"]
    compile(facade, "__init__.py", "exec")
    assert "if TYPE_CHECKING:" not in facade and "_Packet" not in facade, facade
    assert "class _Packet(TypedDict)" in texts["pkg/big/client.py"]
