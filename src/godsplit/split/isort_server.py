"""One interpreter of the pinned isort for all the sorting a run does.

Starting the pinned isort's Python for each sort call cost 0.1-0.3 s a call, and a split
sorts each new module, the facade and each checker-marked statement. The pinned
interpreter now starts once per godsplit process (per environment, working directory and
state of the project's isort configuration files: a changed file starts a fresh one, as
isort 5.12 and older cache what they read) and sorts every document sent to it, one JSON
line in, one out. It exits when godsplit closes its stdin (at exit, or when godsplit dies).
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# the sorting of isort_pin's driver, for each request line (isort 5.0 and later)
SERVER = """
import json, sys
from pathlib import Path
import isort

def sort(request):
    config = isort.Config(settings_path=request["settings_path"], **request["overrides"])
    config = isort.Config(config=config, atomic=False, add_imports=frozenset(),
                          verbose=False, quiet=True)  # debug lines would break the protocol
    if request["group"]:
        config = isort.Config(config=config, combine_as_imports=True)
    document = request["document"]
    try:
        for _ in range(3):
            document, before = isort.code(document, config=config,
                                          file_path=Path(request["path"])), document
            if document == before:
                break
    except isort.exceptions.FileSkipped:
        pass
    return document

for line in sys.stdin:
    try:
        reply = {"document": sort(json.loads(line))}
    except Exception as exc:  # as a traceback's last line names it
        kind = type(exc)
        name = kind.__qualname__ if kind.__module__ == "builtins" else (
            f"{kind.__module__}.{kind.__qualname__}")
        reply = {"error": f"{name}: {exc}"}
    sys.stdout.write(json.dumps(reply) + "\\n")
    sys.stdout.flush()
"""


@dataclass
class _Server:
    process: subprocess.Popen[str]
    replies: queue.Queue[str | None] = field(default_factory=queue.Queue)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stderr: list[str] = field(default_factory=list)
    threads: list[threading.Thread] = field(default_factory=list)


_servers: dict[tuple[object, ...], _Server] = {}
_guard = threading.Lock()
started = 0  # interpreters started by this process (for the tests and the benchmark)


def sort_with(python: str, cwd: Path, key: object, request: dict[str, Any],
              timeout: float = 120) -> tuple[str | None, str]:
    """(the sorted document, "") or (None, why it failed), from `python`'s isort server
    for `cwd` (started on first use; `key`: the configuration's state)."""
    server = _server(python, cwd, key)
    with server.lock:
        cause = ""
        try:
            assert server.process.stdin is not None
            server.process.stdin.write(json.dumps(request) + "\n")
            server.process.stdin.flush()
            line = server.replies.get(timeout=timeout)
        except (OSError, ValueError) as exc:  # it died: a broken pipe
            line, cause = None, str(exc)
        except queue.Empty:
            line, cause = None, f"no answer within {timeout:g} s"
        if line is None:
            _stop(python, cwd, key)
            return None, cause or (server.stderr or ["no output"])[-1]
    reply = json.loads(line)
    if "error" in reply:
        return None, str(reply["error"])
    return str(reply["document"]), ""


def _server(python: str, cwd: Path, key: object) -> _Server:
    ident = (os.getpid(), python, str(cwd), key)
    with _guard:
        server = _servers.get(ident)
        if server is not None and server.process.poll() is None:
            return server
        for old in [k for k in _servers if k[:3] == ident[:3]]:  # the configuration changed
            _close(_servers.pop(old))
        global started
        started += 1
        process = subprocess.Popen([python, "-u", "-c", SERVER], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   encoding="utf-8", cwd=cwd)
        server = _servers[ident] = _Server(process)
        server.threads = [threading.Thread(target=target, args=(server,), daemon=True)
                          for target in (_read, _drain)]
        for thread in server.threads:
            thread.start()
        return server


def _read(server: _Server) -> None:
    assert server.process.stdout is not None
    for line in server.process.stdout:
        server.replies.put(line)
    server.replies.put(None)  # it exited


def _drain(server: _Server) -> None:
    assert server.process.stderr is not None
    for line in server.process.stderr:  # (a full stderr pipe would block it)
        if line.strip():
            server.stderr[:] = [*server.stderr[-20:], line.strip()]


def _stop(python: str, cwd: Path, key: object) -> None:
    with _guard:
        server = _servers.pop((os.getpid(), python, str(cwd), key), None)
    if server is not None:
        _close(server)


def _close(server: _Server) -> None:
    try:
        if server.process.stdin is not None:
            server.process.stdin.close()
        server.process.wait(timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        server.process.kill()
        server.process.wait()
    for thread in server.threads:  # (the last lines of its stderr are read)
        thread.join(timeout=5)


@atexit.register
def close_all() -> None:
    """Stop every server this process started."""
    with _guard:
        mine = [k for k in _servers if k[0] == os.getpid()]
        servers = [_servers.pop(k) for k in mine]
    for server in servers:
        _close(server)
