"""Errors and warnings raised by diplomeet."""

from __future__ import annotations


class DiplomeetError(Exception):
    """Base class of every error diplomeet raises on purpose."""


class InvalidInputError(DiplomeetError, ValueError):
    """An input (article, text, date, file) is not of a form diplomeet can use."""


class ModelNotFoundError(DiplomeetError, OSError):
    """No spaCy pipeline could be loaded (none installed, or the name is wrong)."""


class ExtractionWarning(UserWarning):
    """An article was skipped under ``errors="warn"``; the message names its id and the reason."""


class MissingDependencyError(DiplomeetError, ImportError):
    """An optional package is not installed; the message gives the ``pip install`` command."""
