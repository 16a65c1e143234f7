"""godsplit: split god files into focused modules behind a facade, and prove nothing broke."""

__version__ = "0.1.0"
