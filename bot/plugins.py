"""Platform adapters are found by name through Python entry points (group
``mutualaid.adapters``): a config section of that name starts the adapter,
and an adapter for another platform installs as a package of its own that
declares the entry point, without touching the core. The core never imports
an adapter module by name (docs/ARCHITECTURE.md)."""
from __future__ import annotations

from importlib.metadata import entry_points

GROUP = "mutualaid.adapters"
CONSOLE = "console"  # `make run` with no config: not a config section


def adapter_names() -> tuple[str, ...]:
    """The config sections that name an installed platform adapter."""
    return tuple(sorted({ep.name for ep in entry_points(group=GROUP)} - {CONSOLE}))


def adapter_class(name: str):
    """The adapter class registered under ``name``; LookupError when none is installed."""
    found = entry_points(group=GROUP, name=name)
    for ep in found:
        return ep.load()
    raise LookupError(name)
