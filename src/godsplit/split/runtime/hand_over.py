"""Cycle hand-over: a module gives its names to peers that imported it before it finished.

In an import cycle that also has import-time edges, a module's call-time imports of a
peer are guarded (the peer may still be importing); when the peer finishes, it hands the
names over: this function is copied to its end, followed by one call per peer,
`_godsplit_hand_over(".peer", name=name, ...)`, and `del _godsplit_hand_over`. The old
module does the same for names kept there that new modules import. (Relative names are
resolved by hand: importing importlib.util would change what importing the module loads.)
"""

# godsplit-runtime: begin


# godsplit: these modules may have started importing this one before it was complete;
# hand them the names they use at call time.
def _godsplit_hand_over(peer: str, **names: object) -> None:
    import sys

    dots = len(peer) - len(peer.lstrip("."))  # `.a`, `..x.a`: relative to this package
    if dots:
        base = (__package__ or "").rsplit(".", dots - 1)[0]
        peer = f"{base}.{peer[dots:]}" if peer[dots:] else base
    module = sys.modules.get(peer)
    if module is not None:
        for name, value in names.items():
            setattr(module, name, value)
