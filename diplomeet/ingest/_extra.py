"""Import an optional package of the ``ingest`` extra, or say how to install it."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from diplomeet.errors import MissingDependencyError

INSTALL = "pip install 'diplomeet[ingest]'"


def require(module: str, needed_by: str) -> ModuleType:
    """Import ``module``; raise ``MissingDependencyError`` naming the pip command when it is absent.

    Args:
        module: The module to import (``"trafilatura"``, ``"warcio.archiveiterator"``, ...).
        needed_by: The function that needs it, for the message.
    """
    try:
        return import_module(module)
    except ImportError as exc:
        missing = (exc.name or module).split(".")[0]
        raise MissingDependencyError(
            f"{needed_by} needs the optional package {missing!r} ({exc}); install it with: {INSTALL}"
        ) from exc
